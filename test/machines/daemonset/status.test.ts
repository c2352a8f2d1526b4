import { describe, it, expect } from 'vitest';
import {
  calculateDaemonSetStatus, nextDaemonSetStatus, daemonSetStatusRequeueAfter, DEPRECATED_TEMPLATE_GENERATION_ANNOTATION,
  POD_TEMPLATE_GENERATION_LABEL, type DaemonSetStatusCounts,
} from '../../../machines/daemonset/arith.ts';
import { ds, node, nodes, pod, sec } from './fixtures.ts';

const counts = (c: Partial<DaemonSetStatusCounts>): DaemonSetStatusCounts => ({
  desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0,
  updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0, ...c,
});

describe('updateDaemonSetStatus counts', () => {
  it('desired / current / ready / available / updated over the nodes that should run', () => {
    const pods = [
      pod('a', 'node-0', { hash: 'h2', readySince: 0 }),
      pod('b', 'node-1', { hash: 'h1', readySince: 0 }),
      pod('c', 'node-2', { hash: 'h2' }),
    ];
    expect(calculateDaemonSetStatus(ds(), nodes(4), pods, 'h2', sec(10))).toEqual(counts({
      desiredNumberScheduled: 4, currentNumberScheduled: 3, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberUnavailable: 2,
    }));
  });

  it('minReadySeconds: ready but not yet available', () => {
    const pods = [pod('a', 'node-0', { readySince: 0 }), pod('b', 'node-1', { readySince: 8 })];
    const d = ds({ minReadySeconds: 5 });
    const c = calculateDaemonSetStatus(d, nodes(2), pods, 'h', sec(10));
    expect(c).toMatchObject({ numberReady: 2, numberAvailable: 1, numberUnavailable: 1 });
    expect(daemonSetStatusRequeueAfter(d, c)).toBe(5000);
    expect(daemonSetStatusRequeueAfter(ds(), c)).toBeNull();
    expect(daemonSetStatusRequeueAfter(d, calculateDaemonSetStatus(d, nodes(2), pods, 'h', sec(20)))).toBeNull();
  });

  it('only the oldest pod on a node (scheduled first, creation time, name) is looked at', () => {
    const pods = [pod('young', 'node-0', { created: 5, readySince: 6, hash: 'h2' }), pod('old', 'node-0', { created: 1, hash: 'h1' })];
    expect(calculateDaemonSetStatus(ds(), nodes(1), pods, 'h2', sec(10))).toMatchObject({ currentNumberScheduled: 1, numberReady: 0, updatedNumberScheduled: 0 });
    const unscheduledOld = [pod('young', 'node-0', { created: 5, readySince: 6, hash: 'h2' }), pod('old', 'node-0', { created: 1, hash: 'h1', scheduled: false })];
    expect(calculateDaemonSetStatus(ds(), nodes(1), unscheduledOld, 'h2', sec(10))).toMatchObject({ numberReady: 1, updatedNumberScheduled: 1 });
  });

  it('terminating and failed pods still count as scheduled; deleted terminal ones do not', () => {
    const pods = [pod('t', 'node-0', { deleting: true, readySince: 0 }), pod('f', 'node-1', { phase: 'Failed' }), pod('gone', 'node-2', { phase: 'Succeeded', deleting: true })];
    expect(calculateDaemonSetStatus(ds(), nodes(3), pods, 'h', sec(10))).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 2, numberReady: 1 });
  });

  it('misscheduled: pods on nodes that should not run them (even when they may keep running)', () => {
    const tainted = node('node-1', { taints: [{ key: 'k', effect: 'NoSchedule' }] });
    const unlabelled = node('node-2');
    const d = ds();
    const pods = [pod('a', 'node-0'), pod('b', 'node-1'), pod('c', 'node-2'), pod('d', 'node-9')];
    const withSelector = ds({ nodeSelector: { pool: 'a' } });
    expect(calculateDaemonSetStatus(d, [node('node-0'), tainted, unlabelled], pods, 'h', sec(0))).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 1 });
    expect(calculateDaemonSetStatus(withSelector, [node('node-0', { labels: { pool: 'a' } }), tainted, unlabelled], pods, 'h', sec(0)))
      .toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 2 });
  });

  it('updated by the deprecated template generation too', () => {
    const d = ds({ annotations: { [DEPRECATED_TEMPLATE_GENERATION_ANNOTATION]: '2' } });
    const pods = [pod('a', 'node-0', { hash: 'old', labels: { [POD_TEMPLATE_GENERATION_LABEL]: '2' } })];
    expect(calculateDaemonSetStatus(d, nodes(1), pods, 'new', sec(0)).updatedNumberScheduled).toBe(1);
  });
});

describe('storeDaemonSetStatus', () => {
  const c = counts({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, numberAvailable: 1, updatedNumberScheduled: 2, numberUnavailable: 1 });

  it('writes the counts and, when the sync acted, observedGeneration', () => {
    const d = ds({ generation: 3, observedGeneration: 2 });
    d.status!.collisionCount = 1;
    expect(nextDaemonSetStatus(d, c, true)).toEqual({ ...c, observedGeneration: 3, collisionCount: 1 });
    expect(nextDaemonSetStatus(d, c, false)).toEqual({ ...c, observedGeneration: 2, collisionCount: 1 });
  });

  it('no write when nothing changed and the generation is observed', () => {
    const base = ds({ generation: 3, observedGeneration: 3 });
    const d = { ...base, status: { ...base.status!, ...c } };
    expect(nextDaemonSetStatus(d, c, true)).toBeNull();
    expect(nextDaemonSetStatus(d, { ...c, numberReady: 2 }, true)).not.toBeNull();
    // an unobserved generation forces a write even with unchanged counts
    const stale = { ...d, metadata: { ...d.metadata, generation: 4 } };
    expect(nextDaemonSetStatus(stale, c, false)).toMatchObject({ observedGeneration: 3 });
    expect(nextDaemonSetStatus(stale, c, true)).toMatchObject({ observedGeneration: 4 });
  });
});
