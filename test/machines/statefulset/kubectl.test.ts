import { describe, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import { statefulSetRolloutHistory, statefulSetRolloutStatus } from '../../../machines/statefulset/kubectl.ts';
import { newRevision } from '../../../machines/statefulset/revisions.ts';
import { rev, sts, type SetOptions } from './fixtures.ts';

function withStatus(o: SetOptions, status: NonNullable<StatefulSet['status']>, generation = 2): StatefulSet {
  return sts({ ...o, generation, status });
}
const done = (replicas: number, extra: Partial<NonNullable<StatefulSet['status']>> = {}) => ({
  observedGeneration: 2, replicas, readyReplicas: replicas, updatedReplicas: replicas, currentReplicas: replicas,
  currentRevision: 'web-a', updateRevision: 'web-a', ...extra,
});

describe('kubectl rollout status statefulset (StatefulSetStatusViewer)', () => {
  it.each([
    ['OnDelete', { type: 'OnDelete' }, done(3), { error: 'rollout status is only available for RollingUpdate strategy type' }],
    ['never observed', {}, { replicas: 0 }, { message: 'Waiting for statefulset spec update to be observed...\n', done: false }],
    ['generation ahead', {}, done(3, { observedGeneration: 1 }), { message: 'Waiting for statefulset spec update to be observed...\n', done: false }],
    ['2 not ready', {}, done(3, { readyReplicas: 1 }), { message: 'Waiting for 2 pods to be ready...\n', done: false }],
    ['partition 0, 1 of 3 updated', {}, done(3, { updatedReplicas: 1 }), { message: 'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...\n', done: false }],
    ['partition 2, 1 of 1 updated', { partition: 2 }, done(3, { updatedReplicas: 1 }), { message: 'partitioned roll out complete: 1 new pods have been updated...\n', done: true }],
    ['defaulted strategy, all updated', {}, done(3), { message: 'partitioned roll out complete: 3 new pods have been updated...\n', done: true }],
    ['no rollingUpdate block, revisions differ', { partition: null }, done(3, { updatedReplicas: 1, updateRevision: 'web-b' }), { message: 'waiting for statefulset rolling update to complete 1 pods at revision web-b...\n', done: false }],
    ['no rollingUpdate block, complete', { partition: null }, done(3), { message: 'statefulset rolling update complete 3 pods at revision web-a...\n', done: true }],
  ] as const)('%s', (_n, o, status, want) => {
    expect(statefulSetRolloutStatus(withStatus(o as SetOptions, status as NonNullable<StatefulSet['status']>))).toEqual(want);
  });

  it('readiness is checked before the partition', () => {
    expect(statefulSetRolloutStatus(withStatus({ partition: 2 }, done(3, { readyReplicas: 2, updatedReplicas: 0 }))))
      .toEqual({ message: 'Waiting for 1 pods to be ready...\n', done: false });
  });
});

describe('kubectl rollout history statefulset', () => {
  const set = sts({ image: 'v2' });
  const r1 = { ...rev(sts({ image: 'v1' }), 1), metadata: { ...rev(sts({ image: 'v1' }), 1).metadata, annotations: { 'kubernetes.io/change-cause': 'kubectl apply' } } };
  const r2 = rev(set, 2);
  const foreign = { ...rev(sts({ image: 'v3' }), 3), metadata: { ...rev(sts({ image: 'v3' }), 3).metadata, ownerReferences: [] } };

  it('REVISION / CHANGE-CAUSE ascending, only revisions the set controls', () => {
    expect(statefulSetRolloutHistory(set, [r2, foreign, r1])).toEqual({
      ok: true, text: 'REVISION  CHANGE-CAUSE\n1         kubectl apply\n2         <none>\n',
    });
  });

  it('empty; --revision found (its template) and not found', () => {
    expect(statefulSetRolloutHistory(set, [])).toEqual({ ok: true, text: 'No rollout history found.' });
    const one = statefulSetRolloutHistory(set, [r1, r2], 1);
    expect(one.ok && 'template' in one && one.template.spec!.containers[0]!.image).toBe('v1');
    expect(statefulSetRolloutHistory(set, [r1, r2], 9)).toEqual({ ok: false, error: 'unable to find the specified revision' });
  });

  it('the revision annotation comes from the set\'s annotations at revision time', () => {
    const annotated = sts({ image: 'v4' });
    annotated.metadata!.annotations = { 'kubernetes.io/change-cause': 'kubectl set image sts/web nginx=v4' };
    const r = newRevision(annotated, 4, 0);
    expect(statefulSetRolloutHistory(annotated, [r])).toEqual({ ok: true, text: 'REVISION  CHANGE-CAUSE\n4         kubectl set image sts/web nginx=v4\n' });
  });
});
