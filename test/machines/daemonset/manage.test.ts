import { describe, it, expect } from 'vitest';
import {
  podsShouldBeOnNode, manage, syncNodesPlan, getUnscheduledPodsWithoutNode, failedPodsBackoffKey, getNodesToDaemonPods,
  backoffNext, backoffGet, backoffIsInBackOffSinceUpdate, backoffGC, failedDaemonPodEvent, selectingAllEvent,
  NO_BACKOFF, DAEMONSET_BURST_REPLICAS, FAILED_PODS_BACKOFF_MAX_MS,
} from '../../../machines/daemonset/arith.ts';
import { ds, node, nodes, pod, sec } from './fixtures.ts';

const names = (xs: readonly string[]) => [...xs];

describe('podsShouldBeOnNode: create and keep', () => {
  it('a node that should run and has no pods gets one', () => {
    expect(podsShouldBeOnNode(node('node-0'), undefined, ds(), 'h', sec(0))).toMatchObject({ nodesNeedingDaemonPods: ['node-0'], podsToDelete: [] });
  });

  it('one running pod: nothing to do', () => {
    expect(podsShouldBeOnNode(node('node-0'), [pod('a', 'node-0')], ds(), 'h', sec(0))).toMatchObject({ nodesNeedingDaemonPods: [], podsToDelete: [] });
  });

  it('a node whose only pod is terminating waits for it to go (no create)', () => {
    expect(podsShouldBeOnNode(node('node-0'), [pod('a', 'node-0', { deleting: true })], ds(), 'h', sec(0)))
      .toMatchObject({ nodesNeedingDaemonPods: [], podsToDelete: [] });
  });

  it('several running pods without surge: the oldest scheduled one stays', () => {
    const pods = [pod('new', 'node-0', { created: 30 }), pod('unscheduled', 'node-0', { created: 0, scheduled: false }), pod('old', 'node-0', { created: 10 })];
    expect(names(podsShouldBeOnNode(node('node-0'), pods, ds(), 'h', sec(40)).podsToDelete)).toEqual(['new', 'unscheduled']);
  });
});

describe('podsShouldBeOnNode: failed and succeeded pods', () => {
  // daemon_controller_test.go TestDaemonKillFailedPods (both strategies, surge off).
  it.each([
    ['normal (do nothing)', 0, 1, 0, 0, 0],
    ['no pods (create 1)', 0, 0, 1, 0, 0],
    ['1 failed pod (kill 1), 0 normal pod (create 0; will create in the next sync)', 1, 0, 0, 1, 1],
    ['1 failed pod (kill 1), 3 normal pods (kill 2)', 1, 3, 0, 3, 1],
  ])('%s', (_n, failed, running, creates, deletes, events) => {
    const pods = [
      ...Array.from({ length: failed }, (_, i) => pod(`failed-${i}`, 'node-0', { phase: 'Failed', created: i })),
      ...Array.from({ length: running }, (_, i) => pod(`running-${i}`, 'node-0', { created: 10 + i })),
    ];
    for (const strategy of ['RollingUpdate', 'OnDelete'] as const) {
      const r = podsShouldBeOnNode(node('node-0'), pods.length ? pods : undefined, ds({ strategy }), 'h', sec(100));
      expect([r.nodesNeedingDaemonPods.length, r.podsToDelete.length, r.events.length]).toEqual([creates, deletes, events]);
    }
  });

  it('two failed pods on one node: the second waits for the per-node backoff (upstream dropped its old "kill 2" case)', () => {
    const pods = [pod('failed-0', 'node-0', { phase: 'Failed' }), pod('failed-1', 'node-0', { phase: 'Failed' }), pod('ok', 'node-0')];
    const r = podsShouldBeOnNode(node('node-0'), pods, ds(), 'h', sec(0));
    expect(r).toMatchObject({ podsToDelete: ['failed-0'], requeueAfter: [1000] });
    expect(r.events).toHaveLength(1);
  });

  it('FailedDaemonPod: Warning with upstream text, then the per-node backoff (1s doubling) holds the next one', () => {
    const d = ds({ observedGeneration: 3 });
    const failed = [pod('ds-abcde', 'node-0', { phase: 'Failed' })];
    const r1 = podsShouldBeOnNode(node('node-0'), failed, d, 'h', sec(0));
    expect(r1.podsToDelete).toEqual(['ds-abcde']);
    expect(r1.events).toEqual([{ type: 'Warning', reason: 'FailedDaemonPod', message: 'Found failed daemon pod default/ds-abcde on node node-0, will try to kill it' }]);
    const key = failedPodsBackoffKey(d, 'node-0');
    expect(key).toBe('ds-uid/3/node-0');
    expect(r1.backoff.get(key)).toEqual({ backoff: 1000, lastUpdate: sec(0) });

    // The kubelet rejects the replacement too: within 1 s it is left alone and the DaemonSet requeued.
    const r2 = podsShouldBeOnNode(node('node-0'), failed, d, 'h', sec(0) + 500, r1.backoff);
    expect(r2).toMatchObject({ podsToDelete: [], events: [], requeueAfter: [1000] });
    const r3 = podsShouldBeOnNode(node('node-0'), failed, d, 'h', sec(1), r1.backoff);
    expect(r3.podsToDelete).toEqual(['ds-abcde']);
    expect(backoffGet(r3.backoff, key)).toBe(2000);
    const r4 = podsShouldBeOnNode(node('node-0'), failed, d, 'h', sec(2), r3.backoff);
    expect(r4.requeueAfter).toEqual([2000]);
  });

  it('a new observedGeneration is a new backoff key', () => {
    const failed = [pod('p', 'node-0', { phase: 'Failed' })];
    const r1 = podsShouldBeOnNode(node('node-0'), failed, ds({ observedGeneration: 1 }), 'h', sec(0));
    expect(podsShouldBeOnNode(node('node-0'), failed, ds({ observedGeneration: 2 }), 'h', sec(0), r1.backoff).podsToDelete).toEqual(['p']);
  });

  it('SucceededDaemonPod: Normal event, deleted without backoff', () => {
    const r = podsShouldBeOnNode(node('node-0'), [pod('done', 'node-0', { phase: 'Succeeded' })], ds(), 'h', sec(0));
    expect(r.podsToDelete).toEqual(['done']);
    expect(r.events).toEqual([{ type: 'Normal', reason: 'SucceededDaemonPod', message: 'Found succeeded daemon pod default/done on node node-0, will try to delete it' }]);
    expect(r.backoff.size).toBe(0);
  });

  it('without surge a failed pod is replaced on the next sync; with surge in the same one', () => {
    const failed = [pod('f', 'node-0', { phase: 'Failed' })];
    expect(podsShouldBeOnNode(node('node-0'), failed, ds(), 'h', sec(0))).toMatchObject({ podsToDelete: ['f'], nodesNeedingDaemonPods: [] });
    expect(podsShouldBeOnNode(node('node-0'), failed, ds({ maxSurge: 1, maxUnavailable: 0 }), 'h', sec(0))).toMatchObject({ podsToDelete: ['f'], nodesNeedingDaemonPods: ['node-0'] });
  });
});

describe('podsShouldBeOnNode: surge keeps one old and one new pod', () => {
  const surge = (minReadySeconds = 0) => ds({ maxSurge: 1, maxUnavailable: 0, minReadySeconds });
  it.each([
    ['old ready, new not ready: both stay', { readySince: 0 }, {}, 0, 10, []],
    ['old not ready: the old one goes', {}, {}, 0, 10, ['old']],
    ['old ready, new available: the old one goes', { readySince: 0 }, { readySince: 5 }, 0, 10, ['old']],
    ['old ready, new ready but not yet minReadySeconds: both stay', { readySince: 0 }, { readySince: 5 }, 10, 10, []],
    ['old ready, new ready for minReadySeconds: the old one goes', { readySince: 0 }, { readySince: 5 }, 5, 10, ['old']],
  ] as const)('%s', (_n, oldOpts, newOpts, minReady, now, want) => {
    const pods = [pod('old', 'node-0', { hash: 'h1', created: 0, ...oldOpts }), pod('new', 'node-0', { hash: 'h2', created: 3, ...newOpts })];
    expect(podsShouldBeOnNode(node('node-0'), pods, surge(minReady), 'h2', sec(now)).podsToDelete).toEqual(want);
  });

  it('extra pods of either kind are deleted, keeping the oldest of each', () => {
    const pods = [
      pod('new-2', 'node-0', { hash: 'h2', created: 4 }), pod('old-1', 'node-0', { hash: 'h1', created: 0, readySince: 0 }),
      pod('old-2', 'node-0', { hash: 'h1', created: 1 }), pod('new-1', 'node-0', { hash: 'h2', created: 3 }),
    ];
    expect(podsShouldBeOnNode(node('node-0'), pods, surge(), 'h2', sec(10)).podsToDelete).toEqual(['old-2', 'new-2']);
  });

  it('the surge test is the hash label only (not the template generation)', () => {
    const pods = [pod('a', 'node-0', { hash: 'h1', created: 0, readySince: 0 }), pod('b', 'node-0', { hash: 'h1', created: 1, readySince: 0 })];
    expect(podsShouldBeOnNode(node('node-0'), pods, surge(), 'h2', sec(10)).podsToDelete).toEqual(['b']);
  });
});

describe('podsShouldBeOnNode: nodes the daemon must leave', () => {
  it('an untolerated NoExecute taint deletes every pod not already being deleted', () => {
    const n = node('node-0', { taints: [{ key: 'k', effect: 'NoExecute' }] });
    const pods = [pod('a', 'node-0'), pod('b', 'node-0', { deleting: true }), pod('c', 'node-0', { phase: 'Failed' })];
    expect(podsShouldBeOnNode(n, pods, ds(), 'h', sec(0))).toMatchObject({ podsToDelete: ['a', 'c'], events: [] });
  });

  it('a new untolerated NoSchedule taint leaves the running pod alone (and creates none)', () => {
    const n = node('node-0', { taints: [{ key: 'k', effect: 'NoSchedule' }] });
    expect(podsShouldBeOnNode(n, [pod('a', 'node-0')], ds(), 'h', sec(0))).toMatchObject({ podsToDelete: [], nodesNeedingDaemonPods: [] });
    expect(podsShouldBeOnNode(n, undefined, ds(), 'h', sec(0))).toMatchObject({ podsToDelete: [], nodesNeedingDaemonPods: [] });
  });

  it('labels no longer matching the nodeSelector delete the pod', () => {
    expect(podsShouldBeOnNode(node('node-0'), [pod('a', 'node-0')], ds({ nodeSelector: { disk: 'ssd' } }), 'h', sec(0)).podsToDelete).toEqual(['a']);
  });
});

describe('manage', () => {
  it('per node in node order, then unscheduled pods pinned to nodes that do not exist', () => {
    const pods = [
      pod('on-0', 'node-0'),
      pod('ghost-unscheduled', 'node-9', { scheduled: false }),
      pod('ghost-bound', 'node-8'),
      pod('extra-on-0', 'node-0', { created: 5 }),
    ];
    const m = manage(ds(), nodes(3), pods, 'h', sec(10));
    expect(m.nodesNeedingDaemonPods).toEqual(['node-1', 'node-2']);
    expect(m.podsToDelete).toEqual(['extra-on-0', 'ghost-unscheduled']);
  });

  it('getUnscheduledPodsWithoutNode leaves bound pods to PodGC', () => {
    const map = getNodesToDaemonPods([pod('a', 'gone', { scheduled: false }), pod('b', 'gone'), pod('c', 'node-0', { scheduled: false })]);
    expect(getUnscheduledPodsWithoutNode(nodes(1), map)).toEqual(['a']);
  });

  it('the empty-selector event text', () => {
    expect(selectingAllEvent()).toEqual({ type: 'Warning', reason: 'SelectingAll', message: 'This daemon set is selecting all pods. A non-empty selector is required.' });
    expect(failedDaemonPodEvent('ns', 'p', 'n').message).toBe('Found failed daemon pod ns/p on node n, will try to kill it');
  });
});

describe('syncNodes', () => {
  it('caps creates and deletes at BurstReplicas (250) each; creates go in slow-start batches', () => {
    const many = Array.from({ length: 300 }, (_, i) => `node-${i}`);
    const plan = syncNodesPlan(ds(), many.map((n) => `pod-${n}`), many, 'h');
    expect(DAEMONSET_BURST_REPLICAS).toBe(250);
    expect(plan.create).toHaveLength(250);
    expect(plan.delete).toHaveLength(250);
    expect(plan.expectations).toEqual({ add: 250, del: 250 });
    expect(plan.createBatches).toEqual([1, 2, 4, 8, 16, 32, 64, 123]);
    expect(plan.create[7]!.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0]!.matchFields![0]!.values).toEqual(['node-7']);
  });

  it('nothing to do: zero expectations', () => {
    expect(syncNodesPlan(ds(), [], [], 'h')).toEqual({ create: [], createBatches: [], delete: [], expectations: { add: 0, del: 0 } });
  });
});

describe('flowcontrol.Backoff (1s → 15min)', () => {
  it('doubles to the cap, resets after 2×max idle, GC drops idle entries', () => {
    let b = NO_BACKOFF;
    let t = 0;
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      b = backoffNext(b, 'k', t);
      seen.push(backoffGet(b, 'k'));
      t += backoffGet(b, 'k');
    }
    expect(seen).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000, 900000, 900000]);
    expect(backoffIsInBackOffSinceUpdate(b, 'k', t - 1)).toBe(true);
    const idle = t + 2 * FAILED_PODS_BACKOFF_MAX_MS + 1;
    expect(backoffIsInBackOffSinceUpdate(b, 'k', idle)).toBe(false);
    expect(backoffGet(backoffNext(b, 'k', idle), 'k')).toBe(1000);
    expect(backoffGC(b, idle).size).toBe(0);
    expect(backoffGC(b, t)).toBe(b);
  });
});
