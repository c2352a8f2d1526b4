import { describe, expect, it } from 'vitest';
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1.d.ts';
import {
  availabilityRequeueAfter, completeRollingUpdate, computeReplicaStatus, inconsistentStatus, statefulSetStatus, statusToWrite,
  sumReplicaStatus,
} from '../../../machines/statefulset/status.ts';
import { newStatefulSetPod } from '../../../machines/statefulset/identity.ts';
import { NOW, podOf, sts } from './fixtures.ts';

describe('computeReplicaStatus', () => {
  const set = sts({ replicas: 6 });
  const pods = [
    podOf(set, 0, { revision: 'web-a' }), // ready, available, current
    podOf(set, 1, { revision: 'web-b', readySince: NOW - 5000 }), // ready, not available for 10 s, updated
    podOf(set, 2, { revision: 'web-b', phase: 'Pending' }), // created, updated
    podOf(set, 3, { revision: 'web-a', deleting: true }), // created, ready; terminating → neither current nor updated
    newStatefulSetPod(set, 4), // in memory: not created
    podOf(set, 5, { revision: 'web-a', phase: 'Failed' }), // created, current
  ];

  it('replicas = created; ready = Running∧Ready; available = ready for minReadySeconds; current/updated skip terminating', () => {
    expect(computeReplicaStatus(pods, 10, 'web-a', 'web-b', NOW)).toEqual({
      replicas: 5, readyReplicas: 3, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 2,
    });
  });

  it('minReadySeconds 0: every ready pod is available', () => {
    expect(computeReplicaStatus(pods, 0, 'web-a', 'web-b', NOW).availableReplicas).toBe(3);
  });

  it('current == update: a pod counts for both', () => {
    expect(computeReplicaStatus([pods[0]!], 0, 'web-a', 'web-a', NOW)).toMatchObject({ currentReplicas: 1, updatedReplicas: 1 });
  });

  it('updateStatus sums over the lists', () => {
    expect(sumReplicaStatus(0, 'web-a', 'web-b', NOW, [pods[0]!], [pods[0]!, pods[1]!]).replicas).toBe(3);
  });

  it('the status skeleton: observedGeneration = generation, revisions, collisionCount', () => {
    const s = statefulSetStatus(sts({ generation: 4 }), 'web-a', 'web-b', 2, NOW, [pods[0]!]);
    expect(s).toEqual({
      observedGeneration: 4, replicas: 1, readyReplicas: 1, availableReplicas: 1, currentReplicas: 1, updatedReplicas: 0,
      currentRevision: 'web-a', updateRevision: 'web-b', collisionCount: 2,
    });
  });
});

describe('completeRollingUpdate: updated == ready == replicas == spec.replicas → current = update', () => {
  const base: StatefulSetStatus = { replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentReplicas: 0, currentRevision: 'web-a', updateRevision: 'web-b' };
  it.each([
    ['all updated and ready: rolled over', {}, {}, { currentRevision: 'web-b', currentReplicas: 3 }],
    ['one not ready', {}, { readyReplicas: 2 }, { currentRevision: 'web-a', currentReplicas: 0 }],
    ['one not updated', {}, { updatedReplicas: 2 }, { currentRevision: 'web-a', currentReplicas: 0 }],
    ['an extra (condemned) pod', {}, { replicas: 4 }, { currentRevision: 'web-a', currentReplicas: 0 }],
    ['spec.replicas 4', { replicas: 4 }, {}, { currentRevision: 'web-a', currentReplicas: 0 }],
    ['OnDelete never completes', { type: 'OnDelete' }, {}, { currentRevision: 'web-a', currentReplicas: 0 }],
  ] as const)('%s', (_n, setOpts, patch, want) => {
    const s = completeRollingUpdate(sts(setOpts as Parameters<typeof sts>[0]), { ...base, ...patch });
    expect({ currentRevision: s.currentRevision, currentReplicas: s.currentReplicas }).toEqual(want);
    expect(s.updateRevision).toBe('web-b');
  });

  it('availability is not required (upstream issue #136831)', () => {
    const s = completeRollingUpdate(sts({ minReadySeconds: 60 }), { ...base, availableReplicas: 0 });
    expect(s.currentRevision).toBe('web-b');
  });
});

describe('inconsistentStatus: write only when something the controller owns changed', () => {
  const stored: StatefulSetStatus = {
    observedGeneration: 2, replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3,
    currentRevision: 'web-a', updateRevision: 'web-a', collisionCount: 0,
  };
  const set = { ...sts(), status: stored };
  it.each([
    ['identical', {}, false],
    ['collisionCount alone', { collisionCount: 1 }, false],
    ['observedGeneration grew', { observedGeneration: 3 }, true],
    ['observedGeneration lower', { observedGeneration: 1 }, false],
    ['readyReplicas', { readyReplicas: 2 }, true],
    ['availableReplicas', { availableReplicas: 2 }, true],
    ['updateRevision', { updateRevision: 'web-b' }, true],
  ] as const)('%s → %s', (_n, patch, want) => {
    expect(inconsistentStatus(set, { ...stored, ...patch })).toBe(want);
  });

  it('statusToWrite completes first, then compares', () => {
    const r = statusToWrite(set, { ...stored, updateRevision: 'web-b', currentRevision: 'web-a' });
    expect(r.status.currentRevision).toBe('web-b');
    expect(r.write).toBe(true);
  });
});

describe('the minReadySeconds requeue', () => {
  it.each([
    [0, 1, null],
    [10, 3, null],
    [10, 2, 10_000],
  ] as const)('minReadySeconds %d, available %d of 3 → %j', (m, available, want) => {
    expect(availabilityRequeueAfter(sts({ minReadySeconds: m }), { replicas: 3, availableReplicas: available })).toBe(want);
  });
});
