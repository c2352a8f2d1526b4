import { describe, expect, it } from 'vitest';
import type { PodFailurePolicy } from 'kubernetes-types/batch/v1.d.ts';
import type { ContainerStatus } from '../../../src/types.ts';
import { getFailJobMessage, isPodFailed, matchPodFailurePolicy } from '../../../machines/job/arith.ts';
import { job, pod } from './fixtures.ts';

const term = (name: string, exitCode: number): ContainerStatus => ({ name, image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode } } });
const running = (name: string): ContainerStatus => ({ name, image: 'i', imageID: '', ready: true, restartCount: 0, state: { running: {} } });
const failed = (cs: ContainerStatus[], init: ContainerStatus[] = [], conditions = [] as { type: string; status: string }[]) =>
  pod('p', { phase: 'Failed', containerStatuses: cs, initContainerStatuses: init, conditions });

describe('matchPodFailurePolicy: onExitCodes', () => {
  const failJob = (values: number[], operator: 'In' | 'NotIn' = 'In', containerName?: string): PodFailurePolicy =>
    ({ rules: [{ action: 'FailJob', onExitCodes: { operator, values, ...(containerName ? { containerName } : {}) } }] });

  it('FailJob message names the container, pod, exit code and rule index', () => {
    expect(matchPodFailurePolicy(failJob([5]), failed([term('main', 5)]))).toEqual({
      action: 'FailJob', countFailed: true, ruleIndex: 0,
      message: 'Container main for pod default/p failed with exit code 5 matching FailJob rule at index 0',
    });
  });

  it.each([
    ['In: code listed', failJob([1, 2, 42]), [term('main', 42)], [], 'FailJob'],
    ['In: code not listed', failJob([1, 2]), [term('main', 42)], [], null],
    ['NotIn: code not listed', failJob([40, 41], 'NotIn'), [term('main', 42)], [], 'FailJob'],
    ['NotIn: code listed', failJob([42], 'NotIn'), [term('main', 42)], [], null],
    ['exit code 0 never matches (NotIn)', failJob([1], 'NotIn'), [term('main', 0)], [], null],
    ['running containers are skipped', failJob([1], 'NotIn'), [running('main')], [], null],
    ['containerName filter: other container', failJob([5], 'In', 'side'), [term('main', 5)], [], null],
    ['containerName filter: matching container', failJob([5], 'In', 'side'), [term('main', 5), term('side', 5)], [], 'FailJob'],
    ['init containers are checked after regular ones', failJob([3]), [term('main', 1)], [term('init', 3)], 'FailJob'],
  ] as const)('%s', (_n, policy, cs, init, want) => {
    expect(matchPodFailurePolicy(policy, failed([...cs], [...init])).action).toBe(want);
  });

  it('the first matching container (regular before init) is the one named', () => {
    const m = matchPodFailurePolicy(failJob([7], 'NotIn'), failed([term('a', 0), term('b', 3)], [term('init', 4)]));
    expect(m.message).toBe('Container b for pod default/p failed with exit code 3 matching FailJob rule at index 0');
  });

  it('an unknown operator never matches', () => {
    const p = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'Between', values: [1] } }] };
    expect(matchPodFailurePolicy(p, failed([term('main', 1)])).action).toBe(null);
  });
});

describe('matchPodFailurePolicy: onPodConditions and actions', () => {
  const disruption = [{ type: 'DisruptionTarget', status: 'True' }];

  it('FailJob on a condition: "Pod <ns>/<pod> has condition <type> matching FailJob rule at index <i>"', () => {
    const p: PodFailurePolicy = { rules: [
      { action: 'Count', onExitCodes: { operator: 'In', values: [9] } },
      { action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    ] };
    expect(matchPodFailurePolicy(p, failed([term('main', 1)], [], disruption))).toEqual({
      action: 'FailJob', countFailed: true, ruleIndex: 1, message: 'Pod default/p has condition DisruptionTarget matching FailJob rule at index 1',
    });
  });

  it.each([
    ['Ignore: not counted', 'Ignore', { action: 'Ignore', countFailed: false, message: null, ruleIndex: 0 }],
    ['Count: counted', 'Count', { action: 'Count', countFailed: true, message: null, ruleIndex: 0 }],
    ['FailIndex: counted, index fails', 'FailIndex', { action: 'FailIndex', countFailed: true, message: null, ruleIndex: 0 }],
    ['unknown action: falls through to no match', 'Retry', { action: null, countFailed: true, message: null, ruleIndex: null }],
  ] as const)('%s', (_n, action, want) => {
    expect(matchPodFailurePolicy({ rules: [{ action, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }, failed([], [], disruption))).toEqual(want);
  });

  it('FailIndex without gate JobBackoffLimitPerIndex falls through to the next rule', () => {
    const p: PodFailurePolicy = { rules: [
      { action: 'FailIndex', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    ] };
    expect(matchPodFailurePolicy(p, failed([], [], disruption), { jobBackoffLimitPerIndex: false }).action).toBe('Ignore');
  });

  it('status must match; an empty pattern status means True', () => {
    const rule = (status: string) => ({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status }] }] });
    expect(matchPodFailurePolicy(rule('False'), failed([], [], disruption)).action).toBe(null);
    expect(matchPodFailurePolicy(rule(''), failed([], [], disruption)).action).toBe('Ignore');
  });

  it('no policy, or no match: counted with no action', () => {
    expect(matchPodFailurePolicy(null, failed([term('m', 1)]))).toEqual({ action: null, message: null, countFailed: true, ruleIndex: null });
  });
});

describe('getFailJobMessage: the first failed pod matching a FailJob rule', () => {
  const j = job({ spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } } });
  const isFailed = (p: Parameters<typeof isPodFailed>[0]) => isPodFailed(p, j);

  it('skips pods that are not failed, and pods not matching', () => {
    const pods = [
      pod('running', { containerStatuses: [term('main', 42)] }),
      pod('other', { phase: 'Failed', containerStatuses: [term('main', 1)] }),
      pod('hit', { phase: 'Failed', containerStatuses: [term('main', 42)] }),
    ];
    expect(getFailJobMessage(j, pods, isFailed)).toBe('Container main for pod default/hit failed with exit code 42 matching FailJob rule at index 0');
  });

  it('no policy → null', () => {
    expect(getFailJobMessage(job(), [pod('x', { phase: 'Failed', exitCode: 42 })], () => true)).toBe(null);
  });
});
