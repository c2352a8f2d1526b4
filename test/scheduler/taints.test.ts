import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../src/types.ts';
import {
  findUntoleratedTaint,
  getMatchingTolerations,
  getMinTolerationTime,
  minTolerationSeconds,
  tolerates,
} from '../../src/scheduler/taints.ts';

const taint = (key: string, value: string | undefined, effect: string): Taint => ({ key, ...(value !== undefined ? { value } : {}), effect });

describe('Toleration.ToleratesTaint', () => {
  it.each<[string, Toleration, Taint, boolean]>([
    ['empty key with Exists tolerates every taint', { operator: 'Exists' }, taint('a', 'b', 'NoExecute'), true],
    ['empty effect matches all effects', { key: 'a', operator: 'Exists' }, taint('a', '', 'PreferNoSchedule'), true],
    ['a different effect does not match', { key: 'a', operator: 'Exists', effect: 'NoSchedule' }, taint('a', '', 'NoExecute'), false],
    ['operator defaults to Equal: values must match', { key: 'a', value: 'b', effect: 'NoSchedule' }, taint('a', 'b', 'NoSchedule'), true],
    ['Equal with a different value', { key: 'a', operator: 'Equal', value: 'c' }, taint('a', 'b', 'NoSchedule'), false],
    ['Equal with no value matches an empty taint value', { key: 'a', operator: 'Equal' }, taint('a', undefined, 'NoSchedule'), true],
    ['a different key does not match', { key: 'x', operator: 'Exists' }, taint('a', 'b', 'NoSchedule'), false],
    ['Exists ignores the value', { key: 'a', operator: 'Exists', effect: 'NoSchedule' }, taint('a', 'anything', 'NoSchedule'), true],
    ['an unknown operator tolerates nothing (Gt/Lt gate is off)', { key: 'a', operator: 'Gt', value: '1' }, taint('a', '2', 'NoSchedule'), false],
  ])('%s', (_name, tol, t, want) => {
    expect(tolerates(tol, t)).toBe(want);
  });
});

describe('FindMatchingUntoleratedTaint', () => {
  const taints = [
    taint('soft', 'x', 'PreferNoSchedule'),
    taint('a', '1', 'NoSchedule'),
    taint('b', '2', 'NoExecute'),
  ];
  it('skips PreferNoSchedule and returns the first untolerated NoSchedule/NoExecute taint', () => {
    expect(findUntoleratedTaint(taints, [])).toEqual(taint('a', '1', 'NoSchedule'));
    expect(findUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }])).toEqual(taint('b', '2', 'NoExecute'));
    expect(findUntoleratedTaint(taints, [{ operator: 'Exists' }])).toBeUndefined();
    expect(findUntoleratedTaint(undefined, [])).toBeUndefined();
  });
});

describe('taint manager: getMinTolerationTime for NoExecute taints', () => {
  const notReady = taint('node.kubernetes.io/not-ready', undefined, 'NoExecute');
  const unreachable = taint('node.kubernetes.io/unreachable', undefined, 'NoExecute');
  const defaultTolerations: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
  it.each<[string, Toleration[] | undefined, Taint[], number]>([
    ['no NoExecute taint: the pod stays', [], [taint('a', '', 'NoSchedule')], -1],
    ['an untolerated NoExecute taint evicts now', [], [notReady], 0],
    ['DefaultTolerationSeconds: evicted after 300 s', defaultTolerations, [notReady], 300],
    ['the smallest tolerationSeconds of the matching tolerations wins', [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      ...defaultTolerations,
    ], [notReady, unreachable], 60],
    ['a toleration without tolerationSeconds tolerates forever', [{ operator: 'Exists' }], [notReady], -1],
    ['tolerationSeconds <= 0 evicts now', [{ operator: 'Exists', tolerationSeconds: 0 }], [notReady], 0],
    ['one untolerated taint among tolerated ones evicts now', [defaultTolerations[0]], [notReady, unreachable], 0],
  ])('%s', (_name, tolerations, taints, want) => {
    expect(getMinTolerationTime(tolerations, taints)).toBe(want);
  });

  it('uses only the first toleration that matches each taint (GetMatchingTolerations)', () => {
    const tols: Toleration[] = [
      { operator: 'Exists' }, // forever, listed first
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 5 },
    ];
    expect(getMatchingTolerations([notReady], tols)).toEqual({ allTolerated: true, used: [tols[0]] });
    expect(getMinTolerationTime(tols, [notReady])).toBe(-1);
  });

  it('upstream getMinTolerationTime: empty list → 0, none set → -1, else the minimum', () => {
    expect(minTolerationSeconds([])).toBe(0);
    expect(minTolerationSeconds([{ operator: 'Exists' }])).toBe(-1);
    expect(minTolerationSeconds([{ tolerationSeconds: 30 }, { tolerationSeconds: 10 }, {}])).toBe(10);
    expect(minTolerationSeconds([{ tolerationSeconds: 30 }, { tolerationSeconds: -1 }])).toBe(0);
  });
});
