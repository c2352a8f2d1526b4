/**
 * The Job controller (machines/job) on a running cluster: one test per rule of
 * ../shared/reference/kubernetes-semantics.md §6. Pod behaviour comes from the template's
 * `kubeactors.dev/*` annotations (run-seconds, exit-code, termination-seconds); outcomes that
 * must differ between pods of one Job come from `crashContainer`. With the default behaviour a
 * busybox pod starts 2 s after creation (the pull) and exits 5 s later.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { cluster, elapsed, T0 } from './helpers.ts';

const PI = readFileSync(new URL('../../../shared/reference/manifests/job-pi.yaml', import.meta.url), 'utf8');

const INDEX = 'batch.kubernetes.io/job-completion-index';
const FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';

interface JobOpts {
  name?: string;
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  indexed?: boolean;
  restartPolicy?: 'Never' | 'OnFailure';
  /** kubeactors.dev/<key> behaviour annotations of the pod template. */
  behaviour?: Record<string, string | number>;
  /** More Job spec fields. */
  spec?: Record<string, unknown>;
}

const job = (o: JobOpts = {}) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: o.name ?? 'work' },
  spec: {
    ...(o.completions !== undefined ? { completions: o.completions } : {}),
    ...(o.parallelism !== undefined ? { parallelism: o.parallelism } : {}),
    ...(o.backoffLimit !== undefined ? { backoffLimit: o.backoffLimit } : {}),
    ...(o.indexed ? { completionMode: 'Indexed' } : {}),
    ...o.spec,
    template: {
      ...(o.behaviour ? { metadata: { annotations: Object.fromEntries(Object.entries(o.behaviour).map(([k, v]) => [`kubeactors.dev/${k}`, String(v)])) } } : {}),
      spec: { restartPolicy: o.restartPolicy ?? 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'work'] }] },
    },
  },
});

const jobOf = (c: Cluster, name = 'work') => c.get('Job', name) as any;
const status = (c: Cluster, name = 'work') => jobOf(c, name)?.status ?? {};
const conditions = (c: Cluster, name = 'work') => (status(c, name).conditions ?? []) as any[];
const condTypes = (c: Cluster, name = 'work') => conditions(c, name).filter((x) => x.status === 'True').map((x) => x.type);
const cond = (c: Cluster, type: string, name = 'work') => conditions(c, name).find((x) => x.type === type);
const podsOf = (c: Cluster, name = 'work') => c.list('Pod', { labelSelector: `batch.kubernetes.io/job-name=${name}` }) as any[];
const isActive = (p: any) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp;
const activePods = (c: Cluster, name = 'work') => podsOf(c, name).filter(isActive);
const indexOf = (p: any) => Number(p.metadata.annotations[INDEX]);
const podAt = (c: Cluster, ix: number, name = 'work') => activePods(c, name).find((p) => indexOf(p) === ix)?.metadata.name as string;
const jobEvents = (c: Cluster, name = 'work', reason?: string) =>
  (c.events({ involved: { kind: 'Job', name } }) as any[]).filter((e) => !reason || e.reason === reason);
/** Seconds since T0 of an RFC 3339 time. */
const sec = (t: string) => (Date.parse(t) - T0) / 1000;

/**
 * Everything the watch says about one Job's pods and the Job: pod creations and deletions
 * (seconds since T0), the most active pods seen at any event, and each Job status change.
 */
function recorder(c: Cluster, name = 'work') {
  const pods = new Map<string, any>();
  const r = {
    created: [] as { t: number; name: string }[],
    deleted: [] as { t: number; name: string }[],
    maxActive: 0,
    jobStatuses: [] as { t: number; status: any }[],
    pods,
    active: () => [...pods.values()].filter(isActive).length,
  };
  c.watch((w) => {
    const o = w.object as any;
    if (o.kind === 'Pod' && o.metadata.labels?.['batch.kubernetes.io/job-name'] === name) {
      if (w.type === 'ADDED') r.created.push({ t: elapsed(c), name: o.metadata.name });
      if (w.type === 'DELETED') {
        r.deleted.push({ t: elapsed(c), name: o.metadata.name });
        pods.delete(o.metadata.name);
      } else pods.set(o.metadata.name, o);
      r.maxActive = Math.max(r.maxActive, r.active());
    }
    if (o.kind === 'Job' && o.metadata.name === name && w.type !== 'DELETED') {
      const prev = r.jobStatuses.at(-1)?.status;
      if (JSON.stringify(prev) !== JSON.stringify(o.status)) r.jobStatuses.push({ t: elapsed(c), status: o.status ?? {} });
    }
  });
  return r;
}

/** The True condition types of each distinct status the watch saw, in order (consecutive repeats dropped). */
const conditionSteps = (r: ReturnType<typeof recorder>) => {
  const steps: string[][] = [];
  for (const s of r.jobStatuses) {
    const types = (s.status.conditions ?? []).filter((x: any) => x.status === 'True').map((x: any) => x.type);
    if (JSON.stringify(steps.at(-1)) !== JSON.stringify(types)) steps.push(types);
  }
  return steps;
};

const finished = (c: Cluster, name = 'work') => condTypes(c, name).some((t) => t === 'Complete' || t === 'Failed');

describe('Job controller', () => {
  it('job-pi.yaml runs as it is: one pod pi-xxxxx runs to Succeeded and the Job is Complete (CompletionsReached) with completionTime', () => {
    const c = cluster();
    const r = recorder(c, 'pi');
    expect(c.apply(PI, { file: 'job-pi.yaml' })).toEqual([{ kind: 'Job', name: 'pi', namespace: 'default', action: 'created' }]);
    const j = jobOf(c, 'pi');
    // The API server generated the selector and the labels from the new uid.
    expect(j.spec).toMatchObject({ backoffLimit: 4, completions: 1, parallelism: 1, completionMode: 'NonIndexed', selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': j.metadata.uid } } });
    c.runUntil(() => finished(c, 'pi'), { timeout: '2m' });
    expect(r.created.map((p) => p.name)).toEqual([expect.stringMatching(/^pi-[a-z0-9]{5}$/)]);
    const pod = podsOf(c, 'pi')[0];
    expect(pod.status.phase).toBe('Succeeded');
    expect(pod.metadata.finalizers).toBeUndefined(); // counted: the tracking finalizer is gone
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: j.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const s = status(c, 'pi');
    expect(s).toMatchObject({ succeeded: 1, startTime: '2026-01-01T00:00:00Z', completionTime: pod.status.containerStatuses[0].state.terminated.finishedAt });
    expect(s.failed ?? 0).toBe(0);
    expect(cond(c, 'Complete', 'pi')).toMatchObject({ status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastTransitionTime: s.completionTime });
    expect(jobEvents(c, 'pi').map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`],
      ['Normal', 'Completed', 'Job completed'],
    ]);
    expect(c.actor('Job', 'pi')!.getSnapshot().value).toBe('Complete');
  });

  it('parallelism bound: never more active pods than parallelism at any watch event (completions 7, parallelism 3)', () => {
    const c = cluster();
    const r = recorder(c);
    let statusActiveMax = 0;
    c.watch((w) => {
      if (w.object.kind === 'Job') statusActiveMax = Math.max(statusActiveMax, (w.object as any).status?.active ?? 0);
    });
    c.apply(job({ completions: 7, parallelism: 3 }) as any);
    c.runUntil(() => finished(c), { timeout: '5m' });
    expect(r.maxActive).toBe(3);
    expect(statusActiveMax).toBe(3);
    expect(r.created).toHaveLength(7);
    expect(condTypes(c)).toContain('Complete');
  });

  it('completion counting: completions 5, parallelism 2 → exactly 5 Succeeded pods (2, 2, then 1 at a time), Complete with CompletionsReached and completionTime', () => {
    const c = cluster();
    const r = recorder(c);
    c.apply(job({ completions: 5, parallelism: 2 }) as any);
    c.runUntil(() => finished(c), { timeout: '5m' });
    // wantActive = min(completions − succeeded, parallelism): 2, 2, then 1.
    const waves = [...new Set(r.created.map((p) => p.t))].map((t) => r.created.filter((p) => p.t === t).length);
    expect(waves).toEqual([2, 2, 1]);
    const pods = podsOf(c);
    expect(pods.map((p) => p.status.phase)).toEqual(Array(5).fill('Succeeded'));
    const s = status(c);
    expect(s.succeeded).toBe(5);
    expect(s.failed ?? 0).toBe(0);
    expect(s.active ?? 0).toBe(0);
    const lastFinish = Math.max(...pods.map((p) => Date.parse(p.status.containerStatuses[0].state.terminated.finishedAt)));
    expect(Date.parse(s.completionTime)).toBe(lastFinish);
    // succeeded never ran ahead of completions, and counted up one wave at a time.
    expect([...new Set(r.jobStatuses.map((x) => x.status.succeeded ?? 0))]).toEqual([0, 2, 4, 5]);
    // The interim SuccessCriteriaMet, then Complete with the same reason.
    expect(conditions(c).map((x) => [x.type, x.status, x.reason])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached'],
      ['Complete', 'True', 'CompletionsReached'],
    ]);
    expect(jobEvents(c, 'work', 'Completed')).toHaveLength(1);
    expect(jobEvents(c, 'work', 'TooManySucceededPods')).toHaveLength(0);
  });

  it('work-queue mode (completions unset): the first success stops new pods; the Job completes once the others have finished, even if one fails', () => {
    const c = cluster();
    const r = recorder(c);
    c.apply(job({ parallelism: 3, behaviour: { 'run-seconds': 'forever' } }) as any);
    c.advance('10s');
    expect(jobOf(c).spec.completions).toBeUndefined();
    const [a, b, d] = activePods(c).map((p) => p.metadata.name);
    c.crashContainer(a, { exitCode: 0 }); // the first success
    c.advance('30s');
    expect(condTypes(c)).toEqual([]);
    c.crashContainer(b, { exitCode: 1 }); // a failure after a success: not replaced
    c.advance('1m');
    expect(r.created).toHaveLength(3);
    expect(condTypes(c)).toEqual([]);
    c.crashContainer(d, { exitCode: 0 });
    c.advance('1s');
    expect(r.created).toHaveLength(3);
    expect(status(c)).toMatchObject({ succeeded: 2, failed: 1 });
    expect(cond(c, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached' });
  });

  it('Indexed completion: pods <job>-<i>-xxxxx with hostname, completion-index annotation, label and env; completedIndexes grows to "0-4"', () => {
    const c = cluster();
    const r = recorder(c);
    c.apply(job({ completions: 5, parallelism: 2, indexed: true }) as any);
    const first = activePods(c);
    expect(first.map(indexOf).sort()).toEqual([0, 1]);
    for (const p of first) {
      const i = indexOf(p);
      expect(p.metadata.name).toMatch(new RegExp(`^work-${i}-[a-z0-9]{5}$`));
      expect(p.metadata.generateName).toBe(`work-${i}-`);
      expect(p.spec.hostname).toBe(`work-${i}`);
      expect(p.metadata.annotations[INDEX]).toBe(String(i));
      expect(p.metadata.labels[INDEX]).toBe(String(i));
      expect(p.spec.containers[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${INDEX}']` } } }]);
    }
    c.runUntil(() => finished(c), { timeout: '5m' });
    expect(r.created.map((p) => p.name.split('-')[1])).toEqual(['0', '1', '2', '3', '4']);
    // Interval format: a run of two is "a,b", three or more "a-b".
    expect([...new Set(r.jobStatuses.map((x) => x.status.completedIndexes).filter((x) => x))]).toEqual(['0,1', '0-3', '0-4']);
    expect(status(c)).toMatchObject({ succeeded: 5, completedIndexes: '0-4' });
    expect(cond(c, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached' });
  });

  it('back-off between failed pods (restartPolicy Never, exit code 1): each replacement is created 10 s, 20 s, 40 s, 80 s, 160 s after the previous failure', () => {
    const c = cluster();
    c.apply(job({ backoffLimit: 5, behaviour: { 'exit-code': 1 } }) as any);
    c.runUntil(() => finished(c), { timeout: '15m' });
    // Pod creation events of the Job controller, and the failure (finish) time of each pod.
    const created = jobEvents(c, 'work', 'SuccessfulCreate').map((e) => ({ t: sec(e.firstTimestamp), name: e.message.replace('Created pod: ', '') }));
    expect(created).toHaveLength(6);
    const pods = new Map(podsOf(c).map((p) => [p.metadata.name, p]));
    const failedAt = created.map((x) => {
      const p = pods.get(x.name);
      expect(p.status.phase).toBe('Failed');
      expect(p.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
      return sec(p.status.containerStatuses[0].state.terminated.finishedAt);
    });
    const delays = created.slice(1).map((x, i) => x.t - failedAt[i]!);
    expect(delays).toEqual([10, 20, 40, 80, 160]);
    expect(status(c).failed).toBe(6);
    expect(cond(c, 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded' });
  });

  it('backoffLimit exceeded → FailureTarget, then Failed BackoffLimitExceeded "Job has reached the specified backoff limit" (no completionTime)', () => {
    const c = cluster();
    c.apply(job({ backoffLimit: 1, behaviour: { 'exit-code': 1 } }) as any);
    c.runUntil(() => finished(c), { timeout: '5m' });
    expect(podsOf(c)).toHaveLength(2); // failed > backoffLimit on the second failure
    const msg = 'Job has reached the specified backoff limit';
    expect(conditions(c).map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', msg],
      ['Failed', 'True', 'BackoffLimitExceeded', msg],
    ]);
    expect(status(c)).toMatchObject({ failed: 2 });
    expect(status(c).completionTime).toBeUndefined();
    expect(jobEvents(c, 'work', 'BackoffLimitExceeded').map((e) => [e.type, e.message])).toEqual([['Warning', msg]]);
    expect(c.actor('Job', 'work')!.getSnapshot().value).toBe('Failed');
  });

  // trackJobStatusAndRemoveFinalizers writes the status twice — first with the interim
  // FailureTarget and the uncounted pod, then, once the finalizer is removed, with the count and
  // Failed — so a watcher (kubectl get job -w) sees FailureTarget alone.
  it('backoffLimit exceeded with no pod left: a watcher still sees FailureTarget alone (with the pod uncounted) before Failed (two status writes)', () => {
    const c = cluster();
    const r = recorder(c);
    c.apply(job({ backoffLimit: 0, behaviour: { 'exit-code': 1 } }) as any);
    c.runUntil(() => finished(c), { timeout: '1m' });
    expect(conditionSteps(r)).toEqual([[], ['FailureTarget'], ['FailureTarget', 'Failed']]);
    const interim = r.jobStatuses.find((x) => (x.status.conditions ?? []).length === 1)!.status;
    expect(interim.uncountedTerminatedPods).toEqual({ failed: [podsOf(c)[0].metadata.uid] });
    expect(interim.failed ?? 0).toBe(0);
    expect(status(c).uncountedTerminatedPods).toEqual({});
    expect(status(c).failed).toBe(1);
  });

  it('backoffLimit exceeded with a pod still running: FailureTarget alone while the pod terminates, Failed once it is gone', () => {
    const c = cluster();
    const r = recorder(c);
    c.apply(job({ parallelism: 2, completions: 2, backoffLimit: 0, behaviour: { 'run-seconds': 'forever', 'termination-seconds': 5 } }) as any);
    c.advance('10s');
    const [a, b] = activePods(c).map((p) => p.metadata.name);
    c.crashContainer(a!, { exitCode: 1 });
    // The other pod is deleted at once (deleteActivePods) and takes 5 s to stop.
    expect(condTypes(c)).toEqual(['FailureTarget']);
    expect(c.get('Pod', b!)!.metadata.deletionTimestamp).toBeDefined();
    expect(status(c)).toMatchObject({ terminating: 1 });
    c.runUntil(() => finished(c), { timeout: '1m' });
    expect(elapsed(c)).toBe(15);
    expect(conditionSteps(r)).toEqual([[], ['FailureTarget'], ['FailureTarget', 'Failed']]);
    expect(cond(c, 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    // The deleted pod is counted as failed (deleteActivePods keeps the tracking finalizer).
    expect(status(c)).toMatchObject({ failed: 2, terminating: 0 });
    expect(jobEvents(c, 'work', 'SuccessfulDelete').map((e) => e.message)).toEqual([`Deleted pod: ${b}`]);
  });

  it('restartPolicy OnFailure: the container restarts in place (one pod, same uid) and the Job fails once the restart count reaches backoffLimit', () => {
    const c = cluster();
    const r = recorder(c);
    const restarts: number[] = [];
    c.watch((w) => {
      const n = (w.object as any).status?.containerStatuses?.[0]?.restartCount;
      if (w.object.kind === 'Pod' && n !== undefined && n !== restarts.at(-1)) restarts.push(n);
    });
    c.apply(job({ backoffLimit: 2, restartPolicy: 'OnFailure', behaviour: { 'exit-code': 1, 'run-seconds': 3 } }) as any);
    const uid = activePods(c)[0].metadata.uid;
    c.runUntil(() => (activePods(c)[0]?.status.containerStatuses?.[0]?.restartCount ?? 0) >= 1, { timeout: '1m' });
    expect(activePods(c)[0].metadata.uid).toBe(uid);
    expect(activePods(c)[0].status.phase).toBe('Running');
    expect(condTypes(c)).toEqual([]);
    c.runUntil(() => finished(c), { timeout: '5m' });
    expect(r.created).toHaveLength(1); // never replaced: restarted in place
    expect(restarts).toEqual([0, 1, 2]);
    expect(conditions(c).map((x) => [x.type, x.reason])).toEqual([['FailureTarget', 'BackoffLimitExceeded'], ['Failed', 'BackoffLimitExceeded']]);
    // The running pod is deleted when the Job fails, and counted as failed.
    expect(r.deleted.map((x) => x.name)).toEqual([r.created[0]!.name]);
    expect(status(c).failed).toBe(1);
  });

  describe('a pod deleted by hand', () => {
    const run = (spec: Record<string, unknown> = {}) => {
      const c = cluster();
      const r = recorder(c);
      c.apply(job({ completions: 2, behaviour: { 'run-seconds': 30, 'termination-seconds': 4 }, spec }) as any);
      c.advance('10s');
      const victim = activePods(c)[0].metadata.name;
      c.delete('Pod', victim);
      return { c, r, victim };
    };

    it('podReplacementPolicy TerminatingOrFailed (the default): counted as failed at once and replaced after the 10 s back-off, while it still terminates', () => {
      const { c, r, victim } = run();
      expect(jobOf(c).spec.podReplacementPolicy).toBe('TerminatingOrFailed');
      expect(status(c)).toMatchObject({ failed: 1, terminating: 1 });
      c.advance('1m');
      // Its finish time is deletionTimestamp − grace period = 10 s; it is gone at 14 s.
      expect(r.deleted).toEqual([{ t: 14, name: victim }]);
      expect(r.created.map((x) => x.t)).toEqual([0, 20, 52]);
      c.runUntil(() => finished(c), { timeout: '2m' });
      expect(status(c)).toMatchObject({ succeeded: 2, failed: 1 });
    });

    // The tracking finalizer keeps the Failed pod in the API until the Job controller has counted
    // it; only then is it replaced (after the back-off).
    it('podReplacementPolicy Failed: counted, and replaced after the back-off, only once it has terminated', () => {
      const { c, r } = run({ podReplacementPolicy: 'Failed' });
      expect(status(c).failed ?? 0).toBe(0);
      expect(status(c).terminating).toBe(1);
      c.advance('1m');
      expect(r.created.map((x) => x.t)).toEqual([0, 24, 56]);
      c.runUntil(() => finished(c), { timeout: '2m' });
      expect(status(c)).toMatchObject({ succeeded: 2, failed: 1 });
    });

    // A pod deleted before its containers started stays in the API (deletionTimestamp set) while
    // the batch.kubernetes.io/job-tracking finalizer holds it, until the Job controller has counted
    // it: with backoffLimit 0 the Job fails (BackoffLimitExceeded).
    it('deleted while Pending (before the image pull finished): still counted as failed', () => {
      const c = cluster();
      const r = recorder(c);
      c.apply(job({ backoffLimit: 0 }) as any);
      c.advance('1s');
      c.delete('Pod', r.created[0]!.name);
      c.advance('1m');
      expect(status(c).failed).toBe(1);
      expect(cond(c, 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded' });
    });
  });

  describe('podFailurePolicy', () => {
    const policy = (...rules: unknown[]) => ({ podFailurePolicy: { rules } });

    it('FailJob on an exit code → FailureTarget/Failed PodFailurePolicy with upstream\'s message; no replacement', () => {
      const c = cluster();
      const r = recorder(c);
      c.apply(job({
        completions: 3, backoffLimit: 6, behaviour: { 'exit-code': 42 },
        spec: policy(
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
          { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
        ),
      }) as any);
      c.runUntil(() => finished(c), { timeout: '2m' });
      const pod = r.created[0]!.name;
      const msg = `Container main for pod default/${pod} failed with exit code 42 matching FailJob rule at index 1`;
      expect(r.created).toHaveLength(1);
      expect(conditions(c).map((x) => [x.type, x.reason, x.message])).toEqual([['FailureTarget', 'PodFailurePolicy', msg], ['Failed', 'PodFailurePolicy', msg]]);
      expect(jobEvents(c, 'work', 'PodFailurePolicy').map((e) => [e.type, e.message])).toEqual([['Warning', msg]]);
      expect(status(c).failed).toBe(1);
    });

    it('Ignore → the failure is not counted toward backoffLimit (0 here); the pod is replaced', () => {
      const c = cluster();
      const r = recorder(c);
      c.apply(job({ backoffLimit: 0, behaviour: { 'exit-code': 3 }, spec: policy({ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }) }) as any);
      c.runUntil(() => r.created.length === 3, { timeout: '5m' });
      expect(podsOf(c).filter((p) => p.status.phase === 'Failed')).toHaveLength(2);
      expect(status(c).failed ?? 0).toBe(0);
      expect(condTypes(c)).toEqual([]);
      // The third pod succeeds: the Job completes with no failure counted.
      c.runUntil(() => activePods(c)[0]?.status.phase === 'Running', { timeout: '1m' });
      c.crashContainer(activePods(c)[0].metadata.name, { exitCode: 0 });
      c.advance('1s');
      expect(status(c)).toMatchObject({ succeeded: 1 });
      expect(status(c).failed ?? 0).toBe(0);
      expect(cond(c, 'Complete')).toMatchObject({ reason: 'CompletionsReached' });
    });

    it('Count → counted as without a policy: backoffLimit 1 fails the Job on the second failure (BackoffLimitExceeded)', () => {
      const c = cluster();
      const r = recorder(c);
      c.apply(job({
        backoffLimit: 1, behaviour: { 'exit-code': 5 },
        spec: policy({ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }, { action: 'Count', onExitCodes: { operator: 'NotIn', values: [3] } }),
      }) as any);
      c.runUntil(() => finished(c), { timeout: '5m' });
      expect(r.created).toHaveLength(2);
      expect(status(c).failed).toBe(2);
      expect(cond(c, 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    });

    it('FailIndex with backoffLimitPerIndex: the index fails at once and is never retried; counted failures are retried with the failure-count annotation; Failed FailedIndexes', () => {
      const c = cluster();
      const r = recorder(c);
      c.apply(job({
        completions: 3, parallelism: 3, indexed: true, behaviour: { 'run-seconds': 60 },
        spec: { backoffLimitPerIndex: 1, ...policy({ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }) },
      }) as any);
      expect(jobOf(c).spec.backoffLimit).toBe(2147483647); // defaulted to MaxInt32 with backoffLimitPerIndex
      c.advance('10s');
      c.crashContainer(podAt(c, 1), { exitCode: 42 }); // FailIndex
      c.crashContainer(podAt(c, 2), { exitCode: 1 }); // counted: index 2 has one retry
      expect(status(c).failedIndexes).toBe('1');
      c.runUntil(() => podAt(c, 2) !== undefined, { timeout: '1m' });
      expect(elapsed(c)).toBe(20); // per-index back-off: 10 s after the failure
      const retry = activePods(c).find((p) => indexOf(p) === 2);
      expect(retry.metadata.annotations[FAILURE_COUNT]).toBe('1');
      c.runUntil(() => retry && c.get('Pod', retry.metadata.name)!.status!.phase === 'Running', { timeout: '1m' });
      c.crashContainer(retry.metadata.name, { exitCode: 1 }); // the index's second counted failure
      expect(status(c).failedIndexes).toBe('1,2');
      c.runUntil(() => finished(c), { timeout: '5m' });
      // Index 1 was never retried, index 2 once.
      expect(r.created.map((p) => p.name.split('-')[1])).toEqual(['0', '1', '2', '2']);
      expect(status(c)).toMatchObject({ completedIndexes: '0', failedIndexes: '1,2', succeeded: 1, failed: 3 });
      expect(conditions(c).map((x) => [x.type, x.reason, x.message])).toEqual([
        ['FailureTarget', 'FailedIndexes', 'Job has failed indexes'],
        ['Failed', 'FailedIndexes', 'Job has failed indexes'],
      ]);
    });
  });

  it('activeDeadlineSeconds → DeadlineExceeded: FailureTarget at the deadline, the active pods deleted, Failed once they are gone', () => {
    const c = cluster();
    const r = recorder(c);
    c.apply(job({ completions: 4, parallelism: 2, behaviour: { 'run-seconds': 'forever', 'termination-seconds': 3 }, spec: { activeDeadlineSeconds: 30 } }) as any);
    c.runUntil(() => condTypes(c).length > 0, { timeout: '2m' });
    expect(elapsed(c)).toBe(30);
    expect(condTypes(c)).toEqual(['FailureTarget']);
    const pods = podsOf(c);
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.metadata.deletionTimestamp).toBe('2026-01-01T00:01:00Z'); // now + the 30 s grace period
    c.runUntil(() => finished(c), { timeout: '1m' });
    expect(elapsed(c)).toBe(33);
    const msg = 'Job was active longer than specified deadline';
    expect(conditions(c).map((x) => [x.type, x.reason, x.message])).toEqual([['FailureTarget', 'DeadlineExceeded', msg], ['Failed', 'DeadlineExceeded', msg]]);
    expect(jobEvents(c, 'work', 'DeadlineExceeded').map((e) => [e.type, e.message])).toEqual([['Warning', msg]]);
    expect(jobEvents(c, 'work', 'SuccessfulDelete')).toHaveLength(2);
    expect(r.deleted.map((x) => x.t)).toEqual([33, 33]);
    expect(status(c)).toMatchObject({ failed: 2, terminating: 0 });
    expect(r.created).toHaveLength(2);
  });

  it('ttlSecondsAfterFinished → the Job and its pods are deleted TTL seconds after it finished', () => {
    const c = cluster();
    const r = recorder(c);
    let jobGone: number | undefined;
    c.watch((w) => {
      if (w.object.kind === 'Job' && w.type === 'DELETED') jobGone = elapsed(c);
    });
    c.apply(job({ spec: { ttlSecondsAfterFinished: 20 } }) as any);
    c.runUntil(() => finished(c), { timeout: '1m' });
    const done = sec(cond(c, 'Complete').lastTransitionTime);
    expect(done).toBe(7);
    c.advance('19s');
    expect(jobOf(c)).toBeDefined();
    c.advance('1m');
    expect(jobGone).toBe(done + 20);
    expect(r.deleted.map((x) => x.t)).toEqual([done + 20]);
    expect(c.list('Pod')).toEqual([]);
  });

  describe('suspend', () => {
    /** Re-applies the manifest `o` with spec.suspend set (kubectl apply of the edited file). */
    const setSuspend = (c: Cluster, o: JobOpts, suspend: boolean) => c.apply(job({ ...o, spec: { ...o.spec, suspend } }) as any);

    it('created suspended: no pods and no startTime, Suspended=True JobSuspended; resumed: Suspended=False JobResumed, startTime = the resume time, pods created', () => {
      const c = cluster();
      const r = recorder(c);
      const o: JobOpts = { completions: 2, parallelism: 2 };
      setSuspend(c, o, true);
      c.advance('30s');
      expect(r.created).toEqual([]);
      expect(status(c).startTime).toBeUndefined();
      expect(cond(c, 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
      expect(c.actor('Job', 'work')!.getSnapshot().value).toBe('Suspended');
      expect(setSuspend(c, o, false)[0]!.action).toBe('configured');
      expect(cond(c, 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed', message: 'Job resumed', lastTransitionTime: '2026-01-01T00:00:30Z' });
      expect(status(c).startTime).toBe('2026-01-01T00:00:30Z');
      expect(r.created.map((x) => x.t)).toEqual([30, 30]);
      expect(jobEvents(c).map((e) => e.reason)).toEqual(['Suspended', 'SuccessfulCreate', 'SuccessfulCreate', 'Resumed']);
      c.runUntil(() => finished(c), { timeout: '1m' });
      expect(cond(c, 'Complete')).toBeDefined();
    });

    it('suspending a running Job deletes its active pods (Suspended=True "Job suspended", event Suspended); resuming resets startTime, so activeDeadlineSeconds counts from the resume', () => {
      const c = cluster();
      const r = recorder(c);
      const o: JobOpts = { completions: 4, parallelism: 2, behaviour: { 'run-seconds': 20 }, spec: { activeDeadlineSeconds: 60 } };
      c.apply(job(o) as any);
      c.advance('10s');
      const first = activePods(c).map((p) => p.metadata.name).sort();
      expect(setSuspend(c, o, true)[0]!.action).toBe('configured');
      // The re-applied manifest has no selector: the one generated at creation stays.
      expect(jobOf(c).spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': jobOf(c).metadata.uid } });
      expect(cond(c, 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastTransitionTime: '2026-01-01T00:00:10Z' });
      expect(activePods(c)).toEqual([]);
      for (const p of first) expect(c.get('Pod', p)?.metadata.deletionTimestamp).toBeDefined();
      expect(status(c).active ?? 0).toBe(0);
      c.advance('40s'); // suspended: the deadline does not run
      expect(r.deleted.map((x) => x.name).sort()).toEqual(first);
      expect(condTypes(c)).toEqual(['Suspended']);
      expect(r.created).toHaveLength(2);
      expect(status(c).failed ?? 0).toBe(0); // deleteJobPods removed the tracking finalizer first
      setSuspend(c, o, false);
      expect(status(c).startTime).toBe('2026-01-01T00:00:50Z');
      expect(cond(c, 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed' });
      c.runUntil(() => finished(c), { timeout: '5m' });
      // 4 completions from scratch take two 20 s waves: done before 50 + 60 s, though well after 0 + 60 s.
      expect(elapsed(c)).toBeGreaterThan(60);
      expect(elapsed(c)).toBeLessThan(110);
      expect(cond(c, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached' });
      expect(status(c).succeeded).toBe(4);
      expect(jobEvents(c).filter((e) => e.reason === 'Suspended' || e.reason === 'Resumed').map((e) => e.reason)).toEqual(['Suspended', 'Resumed']);
    });

    // Upstream manageJob deletes a suspended Job's pods with deleteJobPods, which patches the
    // tracking finalizer away BEFORE the delete: they are never counted as failed.
    it('pods deleted by a suspension are not counted as failed (backoffLimit 0: the Job stays suspended, not Failed)', () => {
      const c = cluster();
      const o: JobOpts = { completions: 2, parallelism: 2, backoffLimit: 0, behaviour: { 'run-seconds': 60 } };
      c.apply(job(o) as any);
      c.advance('10s');
      setSuspend(c, o, true);
      c.advance('5s');
      expect(status(c).failed ?? 0).toBe(0);
      expect(condTypes(c)).toEqual(['Suspended']);
    });
  });

  it('successPolicy (Indexed): SuccessCriteriaMet SuccessPolicy "Matched rules at index 0" once 2 of indexes 0,2,3 succeeded; the other pods are terminated; then Complete', () => {
    const c = cluster();
    const r = recorder(c);
    c.apply(job({
      completions: 5, parallelism: 5, indexed: true, behaviour: { 'run-seconds': 'forever', 'termination-seconds': 2 },
      spec: { successPolicy: { rules: [{ succeededIndexes: '0,2-3', succeededCount: 2 }] } },
    }) as any);
    c.advance('10s');
    c.crashContainer(podAt(c, 1), { exitCode: 0 }); // not in the rule's indexes
    c.crashContainer(podAt(c, 3), { exitCode: 0 }); // 1 of 2
    c.advance('5s');
    expect(condTypes(c)).toEqual([]);
    expect(status(c).completedIndexes).toBe('1,3');
    const others = [podAt(c, 0), podAt(c, 4)];
    c.crashContainer(podAt(c, 2), { exitCode: 0 }); // 2 of 2
    const msg = 'Matched rules at index 0';
    expect(cond(c, 'SuccessCriteriaMet')).toMatchObject({ status: 'True', reason: 'SuccessPolicy', message: msg });
    expect(condTypes(c)).toEqual(['SuccessCriteriaMet']); // the other pods are still terminating
    for (const p of others) expect(c.get('Pod', p)!.metadata.deletionTimestamp).toBeDefined();
    c.runUntil(() => finished(c), { timeout: '1m' });
    expect(elapsed(c)).toBe(17);
    expect(conditions(c).map((x) => [x.type, x.reason, x.message])).toEqual([['SuccessCriteriaMet', 'SuccessPolicy', msg], ['Complete', 'SuccessPolicy', msg]]);
    expect(status(c)).toMatchObject({ completedIndexes: '1-3', succeeded: 3 });
    expect(r.created).toHaveLength(5);
    expect(status(c).completionTime).toBe('2026-01-01T00:00:17Z');
  });
});
