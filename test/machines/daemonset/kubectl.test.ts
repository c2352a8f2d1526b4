import { describe, it, expect } from 'vitest';
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1.d.ts';
import { daemonSetRolloutStatus } from '../../../machines/daemonset/arith.ts';
import { ds } from './fixtures.ts';

const withStatus = (generation: number, s: Partial<DaemonSetStatus>, strategy: 'RollingUpdate' | 'OnDelete' = 'RollingUpdate') => {
  const d = ds({ name: 'foo', generation, strategy });
  return { ...d, status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, ...s } };
};

describe('kubectl rollout status daemonset (DaemonSetStatusViewer)', () => {
  // kubectl pkg/polymorphichelpers rollout_status_test.go TestDaemonSetStatusViewerStatus (DaemonSet "foo").
  it.each([
    ['test1: not all updated', 0, { observedGeneration: 1, updatedNumberScheduled: 0, desiredNumberScheduled: 1, numberAvailable: 0 },
      'Waiting for daemon set "foo" rollout to finish: 0 out of 1 new pods have been updated...\n', false],
    ['test2: updated, not all available', 1, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 1 },
      'Waiting for daemon set "foo" rollout to finish: 1 of 2 updated pods are available...\n', false],
    ['test3: done', 1, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 },
      'daemon set "foo" successfully rolled out\n', true],
    ['test4: generation not observed', 2, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 },
      'Waiting for daemon set spec update to be observed...\n', false],
    ['no nodes to run on is done', 1, { observedGeneration: 1 }, 'daemon set "foo" successfully rolled out\n', true],
  ] as const)('%s', (_n, generation, status, message, done) => {
    expect(daemonSetRolloutStatus(withStatus(generation, status))).toEqual({ message, done });
  });

  // TestDaemonSetStatusViewerStatusWithWrongUpdateStrategyType
  it('OnDelete: only available for RollingUpdate', () => {
    expect(daemonSetRolloutStatus(withStatus(1, { observedGeneration: 1 }, 'OnDelete'))).toEqual({ error: 'rollout status is only available for RollingUpdate strategy type' });
  });
});
