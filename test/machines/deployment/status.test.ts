import { describe, it, expect } from 'vitest';
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  deploymentComplete, deploymentProgressing, deploymentTimedOut, calculateStatus, syncRolloutStatus, checkPausedConditions,
  requeueStuckDeployment, setDeploymentCondition, removeDeploymentCondition, getDeploymentCondition, deploymentRolloutStatus,
  scalingReplicaSetMessage, createdReplicaSetMessage, messages, hasProgressDeadline, hasRevisionHistoryLimit,
} from '../../../machines/deployment/arith.ts';

const T0 = Date.parse('2016-01-01T00:00:00Z');
const at = (min: number, sec: number) => T0 + min * 60_000 + sec * 1000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function dep(replicas: number, opts: { maxUnavailable?: number; maxSurge?: number; pds?: number | null; status?: DeploymentStatus; generation?: number; paused?: boolean } = {}): Deployment {
  return {
    metadata: { name: 'nginx', generation: opts.generation ?? 1 },
    spec: {
      replicas,
      selector: {},
      template: {},
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: opts.maxSurge ?? 1, maxUnavailable: opts.maxUnavailable ?? 0 } },
      ...(opts.pds !== null ? { progressDeadlineSeconds: opts.pds ?? 600 } : {}),
      ...(opts.paused ? { paused: true } : {}),
    },
    status: opts.status ?? {},
  };
}

const st = (replicas: number, updated: number, ready: number, available: number, observedGeneration = 1): DeploymentStatus =>
  ({ replicas, updatedReplicas: updated, readyReplicas: ready, availableReplicas: available, observedGeneration });

function rs(name: string, spec: number, replicas: number, ready: number, available: number): ReplicaSet {
  return { metadata: { name }, spec: { replicas: spec, selector: {} }, status: { replicas, readyReplicas: ready, availableReplicas: available } };
}

describe('DeploymentComplete (TestDeploymentComplete)', () => {
  it.each([
    ['not complete: min but not all pods become available', 5, 5, 5, 4, 1, 0, false],
    ['not complete: min availability is not honored', 5, 5, 5, 3, 1, 0, false],
    ['complete', 5, 5, 5, 5, 0, 0, true],
    ['not complete: all pods are available but not updated', 5, 5, 4, 5, 0, 0, false],
    ['not complete: still running old pods', 1, 2, 1, 1, 0, 1, false],
    ['not complete: one replica deployment never comes up', 1, 1, 1, 0, 1, 1, false],
  ] as const)('%s', (_n, desired, current, updated, available, mu, ms, want) => {
    const d = dep(desired, { maxUnavailable: mu, maxSurge: ms, generation: 0 });
    expect(deploymentComplete(d, { replicas: current, updatedReplicas: updated, availableReplicas: available })).toBe(want);
  });

  it('needs the generation observed', () => {
    expect(deploymentComplete(dep(1, { generation: 2 }), st(1, 1, 1, 1, 1))).toBe(false);
  });
});

describe('DeploymentProgressing (TestDeploymentProgressing)', () => {
  it.each([
    ['progressing: updated pods', st(10, 4, 4, 4), st(10, 6, 4, 4), true],
    ['not progressing', st(10, 4, 4, 4), st(10, 4, 4, 4), false],
    ['progressing: old pods removed', st(10, 4, 6, 6), st(8, 4, 6, 6), true],
    ['not progressing: less new pods', st(10, 7, 3, 3), st(10, 6, 3, 3), false],
    ['progressing: less overall but more new pods', st(10, 4, 7, 7), st(8, 8, 5, 5), true],
    ['progressing: more ready pods', st(10, 10, 9, 8), st(10, 10, 10, 8), true],
    ['progressing: more available pods', st(10, 10, 10, 9), st(10, 10, 10, 10), true],
  ] as const)('%s', (_n, old, next, want) => {
    expect(deploymentProgressing(dep(10, { status: old }), next)).toBe(want);
  });
});

describe('DeploymentTimedOut (TestDeploymentTimedOut)', () => {
  const withCond = (pds: number | null, from: number, reason = '') => dep(1, {
    pds,
    status: { conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: iso(from) }] },
  });
  it.each([
    ['nil progressDeadlineSeconds specified - no timeout', withCond(null, at(1, 9)), at(1, 20), false],
    ['infinite progressDeadlineSeconds specified - no timeout', withCond(2147483647, at(1, 9)), at(1, 20), false],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s', withCond(10, at(1, 9)), at(1, 20), true],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s', withCond(10, at(1, 11)), at(1, 20), false],
    ['exactly at the deadline is not yet timed out (Before is strict)', withCond(10, at(1, 10)), at(1, 20), false],
    ['previous status was a complete deployment', withCond(10, 0, 'NewReplicaSetAvailable'), at(1, 20), false],
    ['already ProgressDeadlineExceeded', withCond(600, at(1, 19), 'ProgressDeadlineExceeded'), at(1, 20), true],
  ] as const)('%s', (_n, d, now, want) => {
    expect(deploymentTimedOut(d, d.status!, now)).toBe(want);
  });

  it('no Progressing condition: no base to estimate from', () => {
    expect(deploymentTimedOut(dep(1), {}, at(99, 0))).toBe(false);
  });

  it('HasProgressDeadline / HasRevisionHistoryLimit treat nil and MaxInt32 as off', () => {
    expect([hasProgressDeadline(dep(1, { pds: null })), hasProgressDeadline(dep(1, { pds: 2147483647 })), hasProgressDeadline(dep(1))]).toEqual([false, false, true]);
    expect(hasRevisionHistoryLimit({ spec: { selector: {}, template: {}, revisionHistoryLimit: 0 } })).toBe(true);
    expect(hasRevisionHistoryLimit({ spec: { selector: {}, template: {}, revisionHistoryLimit: 2147483647 } })).toBe(false);
  });
});

describe('conditions', () => {
  const c = (type: string, status: string, reason: string, t = 'T1') => ({ type, status, reason, lastTransitionTime: t, lastUpdateTime: t });

  it('SetDeploymentCondition (TestSetCondition) and RemoveDeploymentCondition', () => {
    expect(setDeploymentCondition([], c('Available', 'True', 'AwesomeController'))).toEqual([c('Available', 'True', 'AwesomeController')]);
    expect(setDeploymentCondition([c('Progressing', 'False', 'ForSomeReason')], c('Available', 'True', 'A'))).toEqual([c('Progressing', 'False', 'ForSomeReason'), c('Available', 'True', 'A')]);
    expect(setDeploymentCondition([c('Progressing', 'False', 'ForSomeReason')], c('Progressing', 'True', 'BecauseItIs'))).toEqual([c('Progressing', 'True', 'BecauseItIs')]);
    // Same status and reason: untouched (even the times).
    expect(setDeploymentCondition([c('Progressing', 'True', 'R', 'T1')], c('Progressing', 'True', 'R', 'T2'))).toEqual([c('Progressing', 'True', 'R', 'T1')]);
    // Same status, new reason: transition time kept.
    expect(setDeploymentCondition([c('Progressing', 'True', 'R', 'T1')], c('Progressing', 'True', 'S', 'T2'))[0]).toMatchObject({ reason: 'S', lastTransitionTime: 'T1', lastUpdateTime: 'T2' });
    expect(removeDeploymentCondition([c('Progressing', 'True', 'R')], 'Progressing')).toEqual([]);
    expect(removeDeploymentCondition([c('Available', 'True', 'R')], 'ReplicaFailure')).toEqual([c('Available', 'True', 'R')]);
  });

  it('calculateStatus: counts and the Available condition', () => {
    const d = dep(10, { maxUnavailable: 2, maxSurge: 3 });
    const s = calculateStatus([rs('old', 8, 8, 8, 8), rs('new', 5, 5, 3, 0)], rs('new', 5, 5, 3, 0), d, T0);
    expect(s).toMatchObject({ replicas: 13, updatedReplicas: 5, readyReplicas: 11, availableReplicas: 8, unavailableReplicas: 5, observedGeneration: 1 });
    expect(getDeploymentCondition(s, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: '2016-01-01T00:00:00Z' });
    const low = calculateStatus([rs('new', 10, 10, 3, 3)], rs('new', 10, 10, 3, 3), d, T0);
    expect(getDeploymentCondition(low, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    // Scaled down with more available than desired: unavailable clamps at 0.
    expect(calculateStatus([rs('x', 2, 5, 5, 5)], rs('x', 2, 5, 5, 5), d, T0).unavailableReplicas).toBe(0);
  });

  it('syncRolloutStatus: progressing → complete, reasons and messages', () => {
    let d = dep(3, { maxUnavailable: 0, maxSurge: 1 });
    const created = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: messages.createdNewRS('nginx-abc'), lastUpdateTime: iso(T0), lastTransitionTime: iso(T0) };
    d = { ...d, status: { ...st(0, 0, 0, 0), conditions: [created] } };
    const newRS = rs('nginx-abc', 3, 3, 1, 1);
    const s1 = syncRolloutStatus([newRS], newRS, d, at(0, 5));
    expect(getDeploymentCondition(s1, 'Progressing')).toEqual({
      type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "nginx-abc" is progressing.',
      lastUpdateTime: iso(at(0, 5)), lastTransitionTime: iso(T0),
    });
    d = { ...d, status: s1 };
    const done = rs('nginx-abc', 3, 3, 3, 3);
    const s2 = syncRolloutStatus([done], done, d, at(0, 9));
    expect(getDeploymentCondition(s2, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "nginx-abc" has successfully progressed.', lastTransitionTime: iso(T0) });
    // Already complete: left alone.
    const s3 = syncRolloutStatus([done], done, { ...d, status: s2 }, at(9, 0));
    expect(getDeploymentCondition(s3, 'Progressing')).toEqual(getDeploymentCondition(s2, 'Progressing'));
  });

  it('syncRolloutStatus: no progress past the deadline → False/ProgressDeadlineExceeded; without a new RS the message names the Deployment', () => {
    const cond = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'x', lastUpdateTime: iso(T0), lastTransitionTime: iso(T0) };
    const stuck = rs('nginx-abc', 3, 3, 0, 0);
    const d = dep(3, { pds: 600, status: { ...st(3, 3, 0, 0), conditions: [cond] } });
    expect(getDeploymentCondition(syncRolloutStatus([stuck], stuck, d, T0 + 600_000), 'Progressing')!.reason).toBe('ReplicaSetUpdated');
    const late = syncRolloutStatus([stuck], stuck, d, T0 + 600_001);
    expect(getDeploymentCondition(late, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "nginx-abc" has timed out progressing.' });
    expect(getDeploymentCondition(syncRolloutStatus([stuck], null, d, T0 + 600_001), 'Progressing')!.message).toBe('Deployment "nginx" has timed out progressing.');
    expect(messages.progressed(d, null)).toBe('Deployment "nginx" has successfully progressed.');
    expect(requeueStuckDeployment(d, d.status!, T0 + 420_000)).toBe(181_000);
    expect(requeueStuckDeployment(d, d.status!, T0 + 599_500)).toBe(0);
    expect(requeueStuckDeployment(dep(3, { pds: null, status: d.status }), d.status!, T0)).toBe(-1);
  });

  it('syncRolloutStatus: no deadline removes Progressing; ReplicaFailure comes from the new RS first', () => {
    const d = dep(1, { pds: null, status: { conditions: [{ type: 'Progressing', status: 'True', reason: 'X' }] } });
    const fail = (msg: string): ReplicaSet => ({ ...rs('r', 1, 0, 0, 0), status: { replicas: 0, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: msg, lastTransitionTime: 'T' }] } });
    const s = syncRolloutStatus([fail('old'), fail('new')], fail('new'), d, T0);
    expect(getDeploymentCondition(s, 'Progressing')).toBeUndefined();
    expect(getDeploymentCondition(s, 'ReplicaFailure')).toEqual({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'new', lastTransitionTime: 'T', lastUpdateTime: 'T' });
    expect(getDeploymentCondition(syncRolloutStatus([rs('r', 1, 1, 1, 1)], null, { ...d, status: s }, T0), 'ReplicaFailure')).toBeUndefined();
  });

  it('checkPausedConditions: paused / resumed, never over ProgressDeadlineExceeded, nothing without a deadline', () => {
    const paused = checkPausedConditions(dep(1, { paused: true }), T0);
    expect(paused).toEqual([{ type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused', lastUpdateTime: iso(T0), lastTransitionTime: iso(T0) }]);
    expect(checkPausedConditions(dep(1, { paused: true, status: { conditions: paused! } }), T0)).toBeNull();
    const resumed = checkPausedConditions(dep(1, { status: { conditions: paused! } }), T0 + 1000);
    expect(resumed![0]).toMatchObject({ status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed', lastTransitionTime: iso(T0) });
    expect(checkPausedConditions(dep(1, { paused: true, status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] } }), T0)).toBeNull();
    expect(checkPausedConditions(dep(1, { paused: true, pds: null }), T0)).toBeNull();
  });

  it('event and condition wording', () => {
    expect(scalingReplicaSetMessage('nginx-7b4', 1, 3)).toBe('Scaled up replica set nginx-7b4 from 1 to 3');
    expect(scalingReplicaSetMessage('nginx-7b4', 3, 0)).toBe('Scaled down replica set nginx-7b4 from 3 to 0');
    expect(createdReplicaSetMessage('nginx-7b4', 3)).toBe('Scaled up replica set nginx-7b4 from 0 to 3');
    expect(messages.foundNewRS('nginx-7b4')).toBe('Found new replica set "nginx-7b4"');
    expect(messages.failedRSCreate('nginx-7b4', 'quota')).toBe('Failed to create new replica set "nginx-7b4": quota');
  });
});

describe('kubectl rollout status (DeploymentStatusViewer)', () => {
  const d = (replicas: number | undefined, s: DeploymentStatus, generation = 1, annotations?: Record<string, string>): Deployment => ({
    metadata: { name: 'nginx-deployment', generation, ...(annotations ? { annotations } : {}) },
    spec: { ...(replicas !== undefined ? { replicas } : {}), selector: {}, template: {} },
    status: s,
  });
  const timedOut = [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }];
  it.each([
    ['spec update not observed', d(3, st(3, 3, 3, 3, 1), 2), { message: 'Waiting for deployment spec update to be observed...\n', done: false }],
    ['new replicas being updated', d(3, st(3, 1, 3, 3)), { message: 'Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...\n', done: false }],
    ['old replicas pending termination', d(3, st(4, 3, 4, 4)), { message: 'Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...\n', done: false }],
    ['updated replicas not yet available', d(3, st(3, 3, 3, 2)), { message: 'Waiting for deployment "nginx-deployment" rollout to finish: 2 of 3 updated replicas are available...\n', done: false }],
    ['done', d(3, st(3, 3, 3, 3)), { message: 'deployment "nginx-deployment" successfully rolled out\n', done: true }],
    ['deadline exceeded', d(3, { ...st(3, 1, 1, 1), conditions: timedOut }), { error: 'deployment "nginx-deployment" exceeded its progress deadline' }],
    ['deadline exceeded, but the spec update is not observed yet', d(3, { ...st(3, 1, 1, 1), conditions: timedOut }, 2), { message: 'Waiting for deployment spec update to be observed...\n', done: false }],
    ['spec.replicas nil skips the updated check', d(undefined, st(1, 0, 0, 0)), { message: 'Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...\n', done: false }],
  ] as const)('%s', (_n, dd, want) => {
    expect(deploymentRolloutStatus(dd)).toEqual(want);
  });

  it('--revision', () => {
    const x = d(3, st(3, 3, 3, 3), 1, { 'deployment.kubernetes.io/revision': '2' });
    expect(deploymentRolloutStatus(x, 2)).toEqual({ message: 'deployment "nginx-deployment" successfully rolled out\n', done: true });
    expect(deploymentRolloutStatus(x, 3)).toEqual({ error: 'desired revision (3) is different from the running revision (2)' });
    expect(deploymentRolloutStatus(d(3, st(3, 3, 3, 3), 1, { 'deployment.kubernetes.io/revision': 'x' }), 1))
      .toEqual({ error: 'cannot get the revision of deployment "nginx-deployment": strconv.ParseInt: parsing "x": invalid syntax' });
  });
});
