/**
 * Finalizers on pods: a deleted pod with `metadata.finalizers` stays in the API, its
 * deletionTimestamp set, until the finalizers are removed (the pod machine's `Finalizing` state);
 * the Job controller's `batch.kubernetes.io/job-tracking` finalizer is removed once the pod is
 * counted, or at once for a pod no unfinished Job controls (upstream syncOrphanPod).
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { cluster, getPod, podYaml } from './helpers.ts';

const TRACKING = 'batch.kubernetes.io/job-tracking';

const job = (name: string, behaviour: Record<string, string> = {}, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
  spec: {
    backoffLimit: 6, ...spec,
    template: {
      metadata: { annotations: Object.fromEntries(Object.entries(behaviour).map(([k, v]) => [`kubeactors.dev/${k}`, v])) },
      spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'work'] }] },
    },
  },
});
const podsOf = (c: Cluster, name: string) => c.list('Pod', { labelSelector: `batch.kubernetes.io/job-name=${name}` }) as any[];

/** Pod watch events as [type, name, phase, deleting, finalizers]. */
function podWatch(c: Cluster) {
  const seen: [string, string, string | undefined, boolean, string[]][] = [];
  c.watch((w) => {
    const o = w.object as any;
    if (o.kind === 'Pod') seen.push([w.type, o.metadata.name, o.status?.phase, !!o.metadata.deletionTimestamp, o.metadata.finalizers ?? []]);
  });
  return seen;
}

describe('pod finalizers', () => {
  it('a deleted pod with a finalizer terminates, then stays in the API (deletionTimestamp set, phase Failed) until the finalizer is patched away', () => {
    const c = cluster();
    c.apply(podYaml('held', { annotations: { 'run-seconds': 'forever' } }).replace('"name":"held"', '"name":"held","finalizers":["example.com/hold"]'));
    c.advance('10s');
    expect(getPod(c, 'held')!.status!.phase).toBe('Running');
    const seen: [string | undefined, number | undefined][] = [];
    c.watch((w) => { if (w.object.kind === 'Pod') seen.push([w.object.metadata.deletionTimestamp, (w.object.metadata as any).deletionGracePeriodSeconds]); });
    c.delete('Pod', 'held', { gracePeriodSeconds: 5 });
    const t0 = c.now();
    c.advance('1m');
    const p = getPod(c, 'held')!;
    const at = (ms: number) => new Date(ms).toISOString().replace('.000', '');
    // The API server's graceful deletion (t0 + 5 s, grace 5), then the kubelet's own grace-0 delete
    // once the containers stopped: BeforeDelete moves the timestamp back, but not into the past.
    expect(seen.find((x) => x[0])).toEqual([at(t0 + 5_000), 5]);
    expect(p.metadata!.deletionGracePeriodSeconds).toBe(0);
    expect(Date.parse(p.metadata!.deletionTimestamp!)).toBeGreaterThanOrEqual(t0);
    expect(Date.parse(p.metadata!.deletionTimestamp!)).toBeLessThan(t0 + 5_000);
    expect(p.status!.phase).toBe('Failed'); // the kubelet wrote the terminal status before it let go
    expect(c.actor('Pod', 'held')!.getSnapshot().value).toBe('Finalizing');
    c.patch('Pod', 'held', { metadata: { finalizers: null } });
    expect(getPod(c, 'held')).toBeUndefined();
  });

  it('a pod no node accepted, deleted with a finalizer: deletionTimestamp = now, grace 0; PodGC marks it Failed (gcUnscheduledTerminating, ≤ 20 s); kept until the finalizer goes', () => {
    const c = cluster();
    c.apply(podYaml('nowhere', { spec: { nodeSelector: { disk: 'none' } } }).replace('"name":"nowhere"', '"name":"nowhere","finalizers":["example.com/hold"]'));
    c.advance('5s');
    c.delete('Pod', 'nowhere');
    const p = getPod(c, 'nowhere')!;
    expect(p.metadata).toMatchObject({ deletionTimestamp: new Date(c.now()).toISOString().replace('.000', ''), deletionGracePeriodSeconds: 0 });
    expect(p.status!.phase).toBe('Pending');
    c.advance('19s');
    expect(getPod(c, 'nowhere')!.status!.phase).toBe('Pending');
    c.advance('1s');
    expect(getPod(c, 'nowhere')!.status!.phase).toBe('Failed');
    c.advance('1m');
    expect(getPod(c, 'nowhere')!.spec!.nodeName).toBeUndefined(); // the scheduler leaves deleting pods alone
    c.patch('Pod', 'nowhere', { metadata: { finalizers: [] } });
    expect(getPod(c, 'nowhere')).toBeUndefined();
  });

  it('force deletion (grace 0) with a finalizer: the containers are killed and the object stays until the finalizer goes', () => {
    const c = cluster();
    c.apply(podYaml('forced', { annotations: { 'run-seconds': 'forever' } }).replace('"name":"forced"', '"name":"forced","finalizers":["example.com/hold"]'));
    c.advance('10s');
    c.delete('Pod', 'forced', { force: true });
    expect(getPod(c, 'forced')!.metadata).toMatchObject({ deletionGracePeriodSeconds: 0 });
    c.advance('10s');
    expect(getPod(c, 'forced')!.status!.containerStatuses![0]!.state!.terminated).toBeDefined();
    c.patch('Pod', 'forced', { metadata: { finalizers: null } });
    expect(getPod(c, 'forced')).toBeUndefined();
  });
});

describe('the Job tracking finalizer', () => {
  it('a Job pod deleted while Pending: Terminating with the finalizer, then Failed (TerminatePod: ContainerStatusUnknown 137), counted, its finalizer removed, gone', () => {
    const c = cluster();
    const seen = podWatch(c);
    let last: any;
    c.watch((w) => { if (w.object.kind === 'Pod' && w.type === 'MODIFIED') last = w.object; });
    c.apply(job('pend', {}, { backoffLimit: 0 }) as any);
    c.advance('1s');
    const name = podsOf(c, 'pend')[0].metadata.name;
    c.delete('Pod', name);
    c.advance('1s');
    // As a real kubelet logs it: "Delaying pod deletion as the phase is non-terminal", then
    // "Marking terminal pod as failed"; the API object goes once the finalizer is removed.
    expect(seen.filter((x) => x[1] === name && x[3])).toEqual([
      ['MODIFIED', name, 'Pending', true, [TRACKING]],
      ['MODIFIED', name, 'Failed', true, [TRACKING]],
      ['MODIFIED', name, 'Failed', true, []],
      ['DELETED', name, 'Failed', true, []],
    ]);
    expect(last.status.containerStatuses[0].state).toEqual({
      terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' },
    });
    expect((c.get('Job', 'pend') as any).status).toMatchObject({ failed: 1 });
  });

  it('Job deleted with propagationPolicy Orphan: its pods lose the ownerReference and, as orphans, the tracking finalizer', () => {
    const c = cluster();
    c.apply(job('orph', { 'run-seconds': 'forever' }) as any);
    c.advance('10s');
    expect(podsOf(c, 'orph')[0].metadata.finalizers).toEqual([TRACKING]);
    c.delete('Job', 'orph', { propagationPolicy: 'Orphan' });
    c.advance('1s');
    const p = podsOf(c, 'orph')[0];
    expect(p.metadata.ownerReferences).toBeUndefined();
    expect(p.metadata.finalizers).toBeUndefined();
    expect(p.status.phase).toBe('Running');
  });

  it('Job deleted in the background: its running pods terminate and leave (the Job is gone, so the finalizer is released)', () => {
    const c = cluster();
    c.apply(job('bg', { 'run-seconds': 'forever', 'termination-seconds': '3' }, { parallelism: 2, completions: 2 }) as any);
    c.advance('10s');
    expect(podsOf(c, 'bg')).toHaveLength(2);
    c.delete('Job', 'bg', { propagationPolicy: 'Background' });
    c.advance('2s');
    expect(podsOf(c, 'bg').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    c.advance('5s');
    expect(podsOf(c, 'bg')).toEqual([]);
  });

  it('a Job pod on a node that vanished: PodGC marks it Failed (DisruptionTarget DeletionByPodGC) and force-deletes it; the Job counts it and replaces it', () => {
    const c = cluster();
    c.apply(job('gc', { 'run-seconds': 'forever' }) as any);
    c.advance('10s');
    const p = podsOf(c, 'gc')[0];
    const seen = podWatch(c);
    c.removeNode(p.spec.nodeName);
    c.advance('1m');
    const mine = seen.filter((x) => x[1] === p.metadata.name);
    expect(mine.some((x) => x[0] === 'MODIFIED' && x[2] === 'Failed' && x[3] && x[4].includes(TRACKING))).toBe(true);
    expect(mine.at(-1)![0]).toBe('DELETED');
    const j = c.get('Job', 'gc') as any;
    expect(j.status.failed).toBe(1);
    const next = podsOf(c, 'gc').filter((x) => x.metadata.uid !== p.metadata.uid);
    expect(next).toHaveLength(1);
  });
});

describe('Job adoption', () => {
  it('a matching bare pod that already Succeeded is adopted and counted once (the finalizer patch does not undo the adoption)', () => {
    const c = cluster();
    c.apply(podYaml('done', { annotations: { 'run-seconds': '1' }, spec: { restartPolicy: 'Never' } }).replace('"name":"done"', '"name":"done","labels":{"app":"batch"}'));
    c.advance('10s');
    expect(getPod(c, 'done')!.status!.phase).toBe('Succeeded');
    c.apply({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'adopter' },
      spec: {
        manualSelector: true, selector: { matchLabels: { app: 'batch' } }, completions: 2, parallelism: 1,
        template: { metadata: { labels: { app: 'batch' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'work'] }] } },
      },
    } as any);
    const j = c.get('Job', 'adopter')!;
    expect((j as any).status.succeeded).toBe(1);
    const p = getPod(c, 'done')!;
    expect(p.metadata!.ownerReferences).toEqual([expect.objectContaining({ kind: 'Job', name: 'adopter', uid: j.metadata.uid, controller: true })]);
    expect(p.metadata!.finalizers).toBeUndefined();
    c.runUntil(() => ((c.get('Job', 'adopter') as any).status?.conditions ?? []).some((x: any) => x.type === 'Complete'), { timeout: '1m' });
    expect((c.get('Job', 'adopter') as any).status.succeeded).toBe(2);
  });

  it('a Job with manualSelector adopts a matching bare pod: the ControllerRef and the tracking finalizer in one patch; the pod counts toward completions', () => {
    const c = cluster();
    c.apply(podYaml('stray', { annotations: { 'run-seconds': '20' }, spec: { restartPolicy: 'Never' } }).replace('"name":"stray"', '"name":"stray","labels":{"app":"batch"}'));
    c.advance('5s');
    c.apply({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'adopter' },
      spec: {
        manualSelector: true, selector: { matchLabels: { app: 'batch' } }, completions: 1, parallelism: 1,
        template: {
          metadata: { labels: { app: 'batch' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'work'] }] },
        },
      },
    } as any);
    const p = getPod(c, 'stray')!;
    const j = c.get('Job', 'adopter')!;
    expect(p.metadata!.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'adopter', uid: j.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(p.metadata!.finalizers).toEqual([TRACKING]);
    expect(c.list('Pod')).toHaveLength(1); // the adopted pod is the one active pod: none created
    c.runUntil(() => (c.get('Job', 'adopter') as any).status?.succeeded === 1, { timeout: '1m' });
    expect(getPod(c, 'stray')!.metadata!.finalizers).toBeUndefined();
  });
});

describe('finalizers and the rest of the control plane', () => {
  it('a Job with podReplacementPolicy Failed and a pod that cannot be scheduled: deleting it lets PodGC fail it, so the Job counts it and replaces it', () => {
    const c = cluster();
    c.apply({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'stuck' },
      spec: {
        backoffLimit: 3, podReplacementPolicy: 'Failed',
        template: { spec: { restartPolicy: 'Never', nodeSelector: { disk: 'none' }, containers: [{ name: 'main', image: 'busybox:1.36' }] } },
      },
    } as any);
    c.advance('5s');
    const first = podsOf(c, 'stuck')[0];
    c.delete('Pod', first.metadata.name);
    c.advance('1s');
    expect((c.get('Job', 'stuck') as any).status).toMatchObject({ terminating: 1 });
    c.advance('1m');
    const j = (c.get('Job', 'stuck') as any).status;
    expect(j.failed).toBe(1);
    expect(j.terminating ?? 0).toBe(0);
    expect(getPod(c, first.metadata.name)).toBeUndefined();
    expect(podsOf(c, 'stuck').filter((p) => p.metadata.uid !== first.metadata.uid)).toHaveLength(1); // replaced after the back-off
  });

  it('a namespace whose last pod is held by a finalizer finishes terminating once that finalizer goes', () => {
    const c = cluster();
    c.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } } as any);
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team', finalizers: ['example.com/hold'] }, spec: { containers: [{ name: 'c', image: 'nginx:1.14.2' }] } } as any);
    c.advance('10s');
    c.delete('Namespace', 'team');
    c.advance('1m');
    expect((c.get('Namespace', 'team') as any).status.phase).toBe('Terminating');
    c.patch('Pod', 'p', { metadata: { finalizers: null } }, 'team');
    c.advance('1s');
    expect(c.get('Namespace', 'team')).toBeUndefined();
  });
});
