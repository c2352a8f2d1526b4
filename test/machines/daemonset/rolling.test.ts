import { describe, it, expect } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Node, Pod } from '../../../src/types.ts';
import {
  updatedDesiredNodeCounts, rollingUpdate, findUpdatedPodsOnNode, planUpdateDaemonSet, getNodesToDaemonPods, daemonSetHash,
  NO_BACKOFF, type FailedPodsBackoff, type RollingUpdatePlan,
} from '../../../machines/daemonset/arith.ts';
import { ds, iso, markReady, node, nodes, pod, sec, type DsOpts } from './fixtures.ts';

const plan = (r: ReturnType<typeof rollingUpdate>): RollingUpdatePlan => {
  if ('error' in r) throw new Error(r.error);
  return r;
};

describe('updatedDesiredNodeCounts (TestGetUnavailableNumbers)', () => {
  const ready = (name: string, n: string, deleting = false) => pod(name, n, { readySince: 0, deleting });
  it.each([
    ['No nodes', 0, { maxUnavailable: 0 }, [], 0, 0, 0, 0],
    ['Two nodes with ready pods', 2, { maxUnavailable: 1 }, [ready('pod-0', 'node-0'), ready('pod-1', 'node-1')], 0, 1, 2, 0],
    ['Two nodes, one node without pods', 2, { maxUnavailable: 0 }, [ready('pod-0', 'node-0')], 0, 1, 2, 1],
    ['Two nodes, one node without pods, surge', 2, { maxUnavailable: 0, maxSurge: 0 }, [ready('pod-0', 'node-0')], 0, 1, 2, 1],
    ['Two nodes with pods, MaxUnavailable in percents', 2, { maxUnavailable: '50%' }, [ready('pod-0', 'node-0'), ready('pod-1', 'node-1')], 0, 1, 2, 0],
    ['Two nodes with pods, MaxUnavailable in percents, surge', 2, { maxUnavailable: 0, maxSurge: '50%' }, [ready('pod-0', 'node-0'), ready('pod-1', 'node-1')], 1, 0, 2, 0],
    ['Two nodes with pods, MaxUnavailable is 100%, surge', 2, { maxUnavailable: 0, maxSurge: '100%' }, [ready('pod-0', 'node-0'), ready('pod-1', 'node-1')], 2, 0, 2, 0],
    ['Two nodes with pods, MaxUnavailable in percents, pod terminating', 3, { maxUnavailable: '50%' }, [ready('pod-0', 'node-0'), ready('pod-1', 'node-1', true)], 0, 2, 3, 1],
  ] as const)('%s', (_n, numNodes, opts, pods, maxSurge, maxUnavailable, desiredNumberScheduled, emptyNodes) => {
    const m = getNodesToDaemonPods(pods);
    expect(updatedDesiredNodeCounts(ds(opts as DsOpts), nodes(numNodes), m)).toEqual({ maxSurge, maxUnavailable, desiredNumberScheduled });
    expect([...m.values()].filter((l) => l.length === 0)).toHaveLength(emptyNodes);
  });

  it('nodes that should not run are neither desired nor added', () => {
    const m = new Map<string, Pod[]>();
    expect(updatedDesiredNodeCounts(ds({ nodeSelector: { disk: 'ssd' } }), [node('a', { labels: { disk: 'ssd' } }), node('b')], m))
      .toEqual({ maxSurge: 0, maxUnavailable: 1, desiredNumberScheduled: 1 });
    expect([...m.keys()]).toEqual(['a']);
  });

  it('bad values: upstream error texts', () => {
    expect(updatedDesiredNodeCounts(ds({ maxUnavailable: 'x' }), nodes(1), new Map()))
      .toEqual({ error: 'invalid value for MaxUnavailable: invalid value for IntOrString: invalid type: string is not a percentage' });
    expect(updatedDesiredNodeCounts(ds({ maxUnavailable: 0, maxSurge: '5' }), nodes(1), new Map()))
      .toEqual({ error: 'invalid value for MaxSurge: invalid value for IntOrString: invalid type: string is not a percentage' });
    expect(rollingUpdate(ds({ maxUnavailable: 'x' }), nodes(1), [], 'h', 0))
      .toEqual({ error: "couldn't get unavailable numbers: invalid value for MaxUnavailable: invalid value for IntOrString: invalid type: string is not a percentage" });
  });
});

describe('findUpdatedPodsOnNode', () => {
  it('one new and one old at most; pods being deleted are ignored', () => {
    const d = ds();
    expect(findUpdatedPodsOnNode(d, [pod('a', 'n', { hash: 'new' }), pod('b', 'n', { hash: 'old' })], 'new')).toMatchObject({ ok: true, newPod: { metadata: { name: 'a' } }, oldPod: { metadata: { name: 'b' } } });
    expect(findUpdatedPodsOnNode(d, [pod('a', 'n', { hash: 'old' }), pod('b', 'n', { hash: 'old' })], 'new')).toEqual({ ok: false });
    expect(findUpdatedPodsOnNode(d, [pod('a', 'n', { hash: 'old' }), pod('b', 'n', { hash: 'old', deleting: true })], 'new')).toMatchObject({ ok: true, oldPod: { metadata: { name: 'a' } } });
  });
});

// Pods on node-i named by state: o = old available, u = old not available, N = new available,
// n = new not available, - = none, t = old terminating, x = two old pods (excess).
function podsFor(layout: string): Pod[] {
  const out: Pod[] = [];
  [...layout].forEach((c, i) => {
    const n = `node-${i}`;
    if (c === 'o') out.push(pod(`old-${i}`, n, { hash: 'h1', readySince: 0 }));
    if (c === 'u') out.push(pod(`old-${i}`, n, { hash: 'h1' }));
    if (c === 'N') out.push(pod(`new-${i}`, n, { hash: 'h2', readySince: 0 }));
    if (c === 'n') out.push(pod(`new-${i}`, n, { hash: 'h2' }));
    if (c === 't') out.push(pod(`old-${i}`, n, { hash: 'h1', readySince: 0, deleting: true }));
    if (c === 'x') out.push(pod(`old-${i}`, n, { hash: 'h1', readySince: 0 }), pod(`old-${i}b`, n, { hash: 'h1', readySince: 0, created: 1 }));
    if (c === 'B') out.push(pod(`old-${i}`, n, { hash: 'h1', readySince: 0 }), pod(`new-${i}`, n, { hash: 'h2', readySince: 0 }));
    if (c === 'b') out.push(pod(`old-${i}`, n, { hash: 'h1', readySince: 0 }), pod(`new-${i}`, n, { hash: 'h2' }));
  });
  return out;
}

describe('rollingUpdate without surge (maxUnavailable)', () => {
  it.each([
    ['all old available, budget 2: the first two nodes', 'ooooo', 2, ['old-0', 'old-1']],
    ['the budget rounds up: 30% of 5 = 2', 'ooooo', '30%', ['old-0', 'old-1']],
    ['unavailable old pods always go, and use the budget', 'uouoo', 2, ['old-0', 'old-2']],
    ['unavailable old pods go even beyond the budget', 'uuuoo', 1, ['old-0', 'old-1', 'old-2']],
    ['unavailable new pods use the budget', 'nnnoo', 3, []],
    ['available new pods do not', 'NNNoo', 3, ['old-3', 'old-4']],
    ['a node without pods counts as unavailable', '-oooo', 2, ['old-1']],
    ['a terminating pod is no pod', 'tooo', 2, ['old-1']],
    ['old + new on one node counts as unavailable', 'Booo', 2, ['old-1']],
    ['excess pods: left to manage, counted unavailable', 'xooo', 2, ['old-1']],
    ['nothing to update', 'NNNN', 1, []],
    ['a node without a pod later in the walk still uses up the budget', 'o-oo', 1, []],
  ] as const)('%s', (_n, layout, maxUnavailable, deletes) => {
    const r = plan(rollingUpdate(ds({ maxUnavailable }), nodes(layout.length), podsFor(layout), 'h2', sec(10)));
    expect(r.deletePods).toEqual(deletes);
    expect(r.createOnNodes).toEqual([]);
  });

  it('both 0 → maxUnavailable 1', () => {
    expect(plan(rollingUpdate(ds({ maxUnavailable: 0, maxSurge: 0 }), nodes(3), podsFor('ooo'), 'h2', sec(10))).deletePods).toEqual(['old-0']);
  });

  it('minReadySeconds: a new pod ready for less counts as unavailable', () => {
    const pods = [pod('new-0', 'node-0', { hash: 'h2', readySince: 8 }), pod('old-1', 'node-1', { hash: 'h1', readySince: 0 }), pod('old-2', 'node-2', { hash: 'h1', readySince: 0 })];
    expect(plan(rollingUpdate(ds({ maxUnavailable: 1, minReadySeconds: 5 }), nodes(3), pods, 'h2', sec(10))).deletePods).toEqual([]);
    expect(plan(rollingUpdate(ds({ maxUnavailable: 1, minReadySeconds: 5 }), nodes(3), pods, 'h2', sec(13))).deletePods).toEqual(['old-1']);
  });

  // update_test.go TestDaemonSetUpdatesAllOldNotReadyPodsAndNewNotReadyPods: maxUnavailable 10 with
  // 88 unavailable new, 2 unavailable old and 10 available old pods → only the 2 unavailable old go.
  it('88 unavailable new + 2 unavailable old + 10 available old, maxUnavailable 10 → the 2 unavailable old', () => {
    const layout = 'o'.repeat(10) + 'uu' + 'n'.repeat(88);
    expect(plan(rollingUpdate(ds({ maxUnavailable: 10 }), nodes(100), podsFor(layout), 'h2', sec(10))).deletePods).toEqual(['old-10', 'old-11']);
  });
});

describe('rollingUpdate with surge (maxSurge)', () => {
  const surge = (maxSurge: number | string, extra: DsOpts = {}) => ds({ maxSurge, maxUnavailable: 0, ...extra });
  it.each([
    ['all old available: new pods on maxSurge nodes', 'ooooo', 2, ['node-0', 'node-1'], []],
    ['30% of 5 rounds up to 2', 'ooooo', '30%', ['node-0', 'node-1'], []],
    ['a waiting new pod uses the budget', 'booo', 2, ['node-1'], []],
    ['an available new pod replaces its old one', 'Booo', 2, ['node-1', 'node-2'], ['old-0']],
    ['unavailable old pods are replaced at once and do not use the budget', 'uuuo', 1, ['node-0', 'node-1', 'node-2', 'node-3'], []],
    ['excess pods count as surging', 'xooo', 1, [], []],
    ['only new pods: manage handles them', 'NnN', 1, [], []],
  ] as const)('%s', (_n, layout, maxSurge, creates, deletes) => {
    const r = plan(rollingUpdate(surge(maxSurge), nodes(layout.length), podsFor(layout), 'h2', sec(10)));
    expect(r.createOnNodes).toEqual(creates);
    expect(r.deletePods).toEqual(deletes);
  });

  it('a node that should no longer run: an unavailable old pod is deleted, an available one only while availability exceeds desired', () => {
    const nodesList = [node('node-0'), node('node-1'), node('node-2', { labels: { gone: 'yes' } })];
    const d = surge(1, { nodeSelector: {} });
    d.spec!.template.spec!.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gone', operator: 'DoesNotExist' }] }] } } };
    // desired 2 (node-0, node-1); node-2's old pod is available; available = 3 > 2 → it may go.
    const pods = [pod('new-0', 'node-0', { hash: 'h2', readySince: 0 }), pod('new-1', 'node-1', { hash: 'h2', readySince: 0 }), pod('old-2', 'node-2', { hash: 'h1', readySince: 0 })];
    expect(plan(rollingUpdate(d, nodesList, pods, 'h2', sec(10))).deletePods).toEqual(['old-2']);
    // node-1's new pod not yet available: available = 2, not > desired → keep old-2 for now.
    const waiting = [pods[0]!, pod('new-1', 'node-1', { hash: 'h2' }), pods[2]!];
    expect(plan(rollingUpdate(d, nodesList, waiting, 'h2', sec(10))).deletePods).toEqual([]);
    // an unavailable old pod there is deleted right away
    const broken = [pods[0]!, pods[1]!, pod('old-2', 'node-2', { hash: 'h1' })];
    expect(plan(rollingUpdate(d, nodesList, broken, 'h2', sec(10)))).toMatchObject({ deletePods: ['old-2'], createOnNodes: [] });
  });

  it('a pod pinned to a node missing from the list fails the surge path', () => {
    expect(rollingUpdate(surge(1), nodes(1), [pod('old-9', 'node-9', { hash: 'h1', readySince: 0 })], 'h2', sec(10)))
      .toEqual({ error: 'couldn\'t get node for nodeName "node-9": node "node-9" not found' });
  });
});

// ---------------------------------------------------------------------------------------------
// Sync-by-sync replays of update_test.go, with pods observed immediately as upstream's
// fakePodControl does (created pods stay unscheduled, deleted pods vanish).
// ---------------------------------------------------------------------------------------------

class Sim {
  pods: Pod[] = [];
  private seq = 0;
  backoff: FailedPodsBackoff = NO_BACKOFF;
  constructor(public d: DaemonSet, public nodeList: Node[]) {}

  sync(now = sec(0)): [number, number] {
    const hash = daemonSetHash(this.d);
    const p = planUpdateDaemonSet(this.d, this.nodeList, this.pods, hash, now, this.backoff, { observedImmediately: true });
    this.backoff = p.manage.backoff;
    const creates = [...p.manageSync.create, ...(p.rollingSync?.create ?? [])];
    const deletes = new Set([...p.manageSync.delete, ...(p.rollingSync?.delete ?? [])]);
    this.pods = this.pods.filter((x) => !deletes.has(x.metadata!.name!));
    for (const c of creates) {
      this.pods.push({ ...c, metadata: { ...c.metadata, name: `pod-${this.seq++}`, creationTimestamp: iso(now) }, status: { phase: 'Running' } });
    }
    return [creates.length, deletes.size];
  }

  setReady(ready: boolean, count: number, at: number, fn: (p: Pod) => boolean = () => true): void {
    this.pods = this.pods.map((p) => {
      const isReady = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      if (count <= 0 || isReady === ready || !fn(p)) return p;
      count--;
      return ready ? markReady(p, at) : { ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: iso(at) }] } };
    });
  }

  update(f: (d: DaemonSet) => void): void {
    this.d = structuredClone(this.d);
    f(this.d);
  }
}

const newImage = (image: string) => (d: DaemonSet) => { d.spec!.template.spec!.containers[0]!.image = image; };

describe('rolling update, sync by sync (update_test.go)', () => {
  it('TestDaemonSetUpdatesPods: maxUnavailable 2 over 5 nodes', () => {
    const s = new Sim(ds(), nodes(5));
    expect(s.sync()).toEqual([5, 0]);
    s.setReady(true, 5, sec(0));
    s.update((d) => { newImage('foo2/bar2')(d); d.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2, maxSurge: 0 } }; });
    const steps: [number, number][] = [];
    for (let i = 0; i < 3; i++) {
      steps.push(s.sync(sec(10)), s.sync(sec(10)));
      s.setReady(true, 5, sec(10));
    }
    steps.push(s.sync(sec(20)));
    expect(steps).toEqual([[0, 2], [2, 0], [0, 2], [2, 0], [0, 1], [1, 0], [0, 0]]);
    expect(s.pods.every((p) => p.metadata!.labels!['controller-revision-hash'] === daemonSetHash(s.d))).toBe(true);
  });

  it('TestDaemonSetUpdatesPodsWithMaxSurge: maxSurge 2 over 5 nodes', () => {
    const s = new Sim(ds(), nodes(5));
    expect(s.sync()).toEqual([5, 0]);
    s.setReady(true, 5, sec(0));
    s.update((d) => { newImage('foo2/bar2')(d); d.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 2 } }; });
    expect(s.sync(sec(1))).toEqual([2, 0]);
    expect(s.sync(sec(1))).toEqual([0, 0]);
    s.setReady(true, 5, sec(1));
    expect(s.sync(sec(2))).toEqual([2, 2]);
    expect(s.sync(sec(2))).toEqual([0, 0]);
    s.setReady(true, 5, sec(2));
    expect(s.sync(sec(3))).toEqual([1, 2]);
    expect(s.sync(sec(3))).toEqual([0, 0]);
    s.setReady(true, 5, sec(3));
    expect(s.sync(sec(4))).toEqual([0, 1]);
    expect(s.sync(sec(4))).toEqual([0, 0]);
  });

  it('TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge: the pod on a node no longer tolerated goes once another is available', () => {
    const d = ds({ maxSurge: 1, maxUnavailable: 0, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] });
    const list = [node('node-0', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), ...nodes(5).slice(1)];
    const s = new Sim(d, list);
    expect(s.sync()).toEqual([5, 0]);
    s.setReady(true, 5, sec(0));
    s.update((x) => { delete x.spec!.template.spec!.tolerations; });
    const steps: [number, number][] = [];
    for (let i = 0; i < 4; i++) {
      steps.push(s.sync(sec(10 * i + 1)), s.sync(sec(10 * i + 1)));
      s.setReady(true, 5, sec(10 * i + 1));
    }
    steps.push(s.sync(sec(50)), s.sync(sec(50)));
    expect(steps).toEqual([[1, 1], [0, 0], [1, 1], [0, 0], [1, 1], [0, 0], [1, 1], [0, 0], [0, 1], [0, 0]]);
    expect(s.pods).toHaveLength(4);
  });

  it('TestDaemonSetUpdatesWhenNewPodIsNotReady: maxUnavailable 3, new pods never ready', () => {
    const s = new Sim(ds(), nodes(5));
    s.sync();
    s.setReady(true, 5, sec(0));
    s.update((d) => { newImage('foo2/bar2')(d); d.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3, maxSurge: 0 } }; });
    expect(s.sync(sec(10))).toEqual([0, 3]);
    expect(s.sync(sec(10))).toEqual([3, 0]);
    expect(s.sync(sec(10))).toEqual([0, 0]);
  });

  it('TestDaemonSetUpdatesAllOldPodsNotReady: every unavailable old pod goes at once', () => {
    const s = new Sim(ds(), nodes(5));
    s.sync();
    s.update((d) => { newImage('foo2/bar2')(d); d.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3, maxSurge: 0 } }; });
    expect(s.sync(sec(10))).toEqual([0, 5]);
    expect(s.sync(sec(10))).toEqual([5, 0]);
    expect(s.sync(sec(10))).toEqual([0, 0]);
  });

  it('TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge: surge with minReadySeconds 15', () => {
    const s = new Sim(ds(), nodes(5));
    expect(s.sync(sec(0))).toEqual([5, 0]);
    s.update((d) => { newImage('foo2/bar2')(d); d.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 3 } }; });
    // all old pods are unavailable so they are surged at once, then removed
    expect(s.sync(sec(100))).toEqual([5, 0]);
    expect(s.sync(sec(200))).toEqual([0, 5]);
    s.setReady(true, 5, sec(200));
    s.update((d) => { d.spec!.minReadySeconds = 15; newImage('foo3/bar3')(d); });
    expect(s.sync(sec(300))).toEqual([3, 0]);
    const hash = daemonSetHash(s.d);
    const isNew = (p: Pod) => p.metadata!.labels!['controller-revision-hash'] === hash;
    const nodeOf = (p: Pod) => p.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0]!.matchFields![0]!.values![0];
    const nodesWithNew = new Set(s.pods.filter(isNew).map(nodeOf));
    s.setReady(true, 2, sec(300), isNew);
    s.setReady(false, 1, sec(300), (p) => !isNew(p) && !nodesWithNew.has(nodeOf(p)));
    // the new pods are not available yet (minReadySeconds): only the unready old pod's node gets one
    expect(s.sync(sec(310))).toEqual([1, 0]);
    // two new pods are available now: their old pods go, the unready old one too, one more surge
    expect(s.sync(sec(320))).toEqual([1, 3]);
    s.setReady(true, 3, sec(320), isNew);
    expect(s.sync(sec(340))).toEqual([0, 2]);
    expect(s.sync(sec(350))).toEqual([0, 0]);
  });

  it('TestDaemonSetUpdatesNoTemplateChanged: switching to RollingUpdate alone replaces nothing', () => {
    const s = new Sim(ds({ strategy: 'OnDelete' }), nodes(5));
    s.sync();
    s.update((d) => { d.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3, maxSurge: 0 } }; });
    expect(s.sync(sec(10))).toEqual([0, 0]);
  });

  it('OnDelete: a new template replaces nothing until pods are deleted by hand', () => {
    const s = new Sim(ds({ strategy: 'OnDelete' }), nodes(3));
    s.sync();
    s.setReady(true, 3, sec(0));
    s.update(newImage('foo2/bar2'));
    expect(s.sync(sec(10))).toEqual([0, 0]);
    s.pods = s.pods.slice(1);
    expect(s.sync(sec(20))).toEqual([1, 0]);
    expect(s.pods.filter((p) => p.metadata!.labels!['controller-revision-hash'] === daemonSetHash(s.d))).toHaveLength(1);
  });
});

describe('updateDaemonSet: when rollingUpdate runs', () => {
  const d = ds({ maxUnavailable: 1 });
  it('with informer lag (default), only in a sync where manage did nothing', () => {
    const pods = [pod('old-0', 'node-0', { hash: 'h1', readySince: 0 }), pod('old-1', 'node-1', { hash: 'h1', readySince: 0 })];
    const withMissing = planUpdateDaemonSet(d, nodes(3), pods, 'h2', sec(10));
    expect(withMissing.manageSync.create).toHaveLength(1);
    expect(withMissing.rolling).toBeNull();
    const settled = planUpdateDaemonSet(d, nodes(2), pods, 'h2', sec(10));
    expect(settled.rolling).toMatchObject({ deletePods: ['old-0'] });
    expect(settled.rollingSync!.delete).toEqual(['old-0']);
  });

  it('observed immediately: rollingUpdate sees manage\'s effects (the missing node counts as unavailable)', () => {
    const pods = [pod('old-0', 'node-0', { hash: 'h1', readySince: 0 }), pod('old-1', 'node-1', { hash: 'h1', readySince: 0 })];
    const p = planUpdateDaemonSet(d, nodes(3), pods, 'h2', sec(10), NO_BACKOFF, { observedImmediately: true });
    expect(p.rolling).toMatchObject({ deletePods: [] });
    const d2 = ds({ maxUnavailable: 2 });
    const p2 = planUpdateDaemonSet(d2, nodes(3), pods, 'h2', sec(10), NO_BACKOFF, { observedImmediately: true });
    expect(p2.rolling).toMatchObject({ deletePods: ['old-0'] });
  });

  it('OnDelete never runs it', () => {
    expect(planUpdateDaemonSet(ds({ strategy: 'OnDelete' }), nodes(1), [pod('old-0', 'node-0', { hash: 'h1', readySince: 0 })], 'h2', sec(10)).rolling).toBeNull();
  });
});
