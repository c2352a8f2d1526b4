/**
 * Random Job and CronJob scenarios for jobs.property.test.ts, the interpreters that run them on a
 * Cluster, and the watch-driven checkers.
 *
 * As in workloads-model.ts, the rules are written out here from upstream's definitions
 * (pkg/controller/job/job_controller.go manageJob / syncJob, backoff_utils.go; pkg/controller/
 * cronjob/cronjob_controllerv2.go) instead of importing machines/job or machines/cronjob: the
 * properties must not borrow the engine's arithmetic to check the engine.
 *
 * Pods of one Job share one template, so per-pod outcomes come from two sources: the template's
 * behaviour (a `main` container and an optional `side` container, each with its own run time and
 * exit code through `kubeactors.dev/<key>.<container>`), and crashes of a running pod's `main`
 * container at random times with a random exit code.
 *
 * The checkers run inside `cluster.watch` (synchronously, with the store as the controller left
 * it); they never throw into the engine — violations are collected and asserted by the caller.
 */
import fc from 'fast-check';
import { createCluster, type Cluster, type WatchEvent } from '../../src/cluster/cluster.ts';

export const JOB = 'batch';
export const CRON = 'tick';
const INDEX = 'batch.kubernetes.io/job-completion-index';

const isTerminal = (p: any) => p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed';
/** controller.FilterActivePods: not terminal and not being deleted. */
export const isActive = (p: any) => !isTerminal(p) && !p?.metadata?.deletionTimestamp;
const trueConditions = (o: any): string[] => (o?.status?.conditions ?? []).filter((x: any) => x.status === 'True').map((x: any) => x.type);
const conditionOf = (o: any, type: string) => (o?.status?.conditions ?? []).find((x: any) => x.type === type && x.status === 'True');
const ownedBy = (o: any, kind: string, name: string) => !!o?.metadata?.ownerReferences?.some((r: any) => r.controller && r.kind === kind && r.name === name);

// ================================================================ Job

export interface ContainerBehaviour {
  runSeconds: number;
  exitCode: number;
}

export interface JobSpecChoice {
  /** null: work-queue mode (completions unset). */
  completions: number | null;
  parallelism: number;
  backoffLimit: number;
  indexed: boolean;
  main: ContainerBehaviour;
  /** A second container, or none. */
  side: ContainerBehaviour | null;
}

export type JobCmd =
  | { t: 'advance'; ms: number }
  | { t: 'crash'; pick: number; exitCode: number }
  | { t: 'deletePod'; pick: number }
  | { t: 'suspend'; suspend: boolean };

export interface JobScenario {
  seed: number;
  spec: JobSpecChoice;
  cmds: JobCmd[];
}

const behaviourArb = fc.record({
  runSeconds: fc.integer({ min: 1, max: 40 }),
  // Mostly successes, so that both endings (Complete and Failed) are common.
  exitCode: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, 2) }),
});

export const jobScenarioArb = (): fc.Arbitrary<JobScenario> =>
  fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    spec: fc.record({
      completions: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null, freq: 4 }),
      parallelism: fc.integer({ min: 1, max: 5 }),
      backoffLimit: fc.integer({ min: 0, max: 4 }),
      indexed: fc.boolean(),
      main: behaviourArb,
      side: fc.option(behaviourArb, { nil: null, freq: 2 }),
    }).map((s) => ({ ...s, indexed: s.indexed && s.completions !== null })),
    cmds: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 500, max: 20_000 }).map((ms) => ({ t: 'advance' as const, ms })) },
        { weight: 3, arbitrary: fc.record({ t: fc.constant('crash' as const), pick: fc.nat(20), exitCode: fc.constantFrom(0, 0, 1, 3) }) },
        { weight: 1, arbitrary: fc.record({ t: fc.constant('deletePod' as const), pick: fc.nat(20) }) },
        { weight: 1, arbitrary: fc.boolean().map((suspend) => ({ t: 'suspend' as const, suspend })) },
      ),
      { maxLength: 16 },
    ),
  });

export function jobManifest(s: JobSpecChoice, suspend = false): any {
  const annotations: Record<string, string> = {
    'kubeactors.dev/run-seconds.main': String(s.main.runSeconds),
    'kubeactors.dev/exit-code.main': String(s.main.exitCode),
  };
  const containers: any[] = [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'work'] }];
  if (s.side) {
    annotations['kubeactors.dev/run-seconds.side'] = String(s.side.runSeconds);
    annotations['kubeactors.dev/exit-code.side'] = String(s.side.exitCode);
    containers.push({ name: 'side', image: 'busybox:1.36', command: ['sh', '-c', 'side'] });
  }
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: JOB },
    spec: {
      ...(s.completions !== null ? { completions: s.completions } : {}),
      parallelism: s.parallelism,
      backoffLimit: s.backoffLimit,
      ...(s.indexed ? { completionMode: 'Indexed' } : {}),
      ...(suspend ? { suspend } : {}),
      template: { metadata: { annotations }, spec: { restartPolicy: 'Never', containers } },
    },
  };
}

/** backoff_utils.go: 10 s × 2^(n−1), capped at 10 min (0 for no failure). */
export function podFailureBackoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(10_000 * 2 ** (failures - 1), 600_000);
}

/**
 * backoff_utils.go getFinishedTime: the latest container finish when every container has
 * terminated; else the lastTransitionTime of a Ready=False condition; else deletionTimestamp −
 * deletionGracePeriodSeconds; else the creation time.
 */
function finishedAt(p: any): number {
  const statuses: any[] = p.status?.containerStatuses ?? [];
  if (statuses.length && statuses.every((s) => s.state?.terminated?.finishedAt)) return Math.max(...statuses.map((s) => Date.parse(s.state.terminated.finishedAt)));
  const ready = (p.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return Date.parse(ready.lastTransitionTime);
  if (p.metadata.deletionTimestamp) return Date.parse(p.metadata.deletionTimestamp) - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return Date.parse(p.metadata.creationTimestamp);
}

/**
 * job_controller.go isPodFailed with podReplacementPolicy TerminatingOrFailed (the default
 * without a podFailurePolicy): phase Failed, or being deleted and not Succeeded.
 */
const podFailed = (p: any) => p.status?.phase === 'Failed' || (!!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded');
/**
 * Only pods with the tracking finalizer are counted (getValidPodsWithFilter): the pods a
 * suspension deletes lose it first (deleteJobPods) and are never counted.
 */
const tracked = (p: any) => !!p.metadata.finalizers?.includes('batch.kubernetes.io/job-tracking');

/** How the Job ended, as the checker decided it should, and what it was. */
export interface JobOutcome {
  expected: 'BackoffLimitExceeded' | 'CompletionsReached';
  terminal: 'Complete' | 'Failed';
  reason: string;
  failedSeen: number;
  succeededSeen: number;
}

/**
 * Watches one Job and its pods. At every event:
 *  (1) active pods ≤ parallelism, status.active ≤ parallelism;
 *  (2) completions set: status.succeeded ≤ completions, Succeeded pods ≤ completions; Indexed: every
 *      pod's index is in [0, completions) and no index has two active pods;
 *  (3) work-queue mode: no pod is created once a pod has succeeded;
 *  (4) back-off: a pod is created no sooner than `10 s × 2^(n−1)` after the finish time of the
 *      failed pod seen last, n = the failures that finished after the latest success. A lower bound
 *      of backoffStore.newBackoffRecord + getRemainingTime: upstream's lastFailureTime is the latest
 *      finish among the failures of the last sync that had any (not the latest of all: a pod deleted
 *      after its Ready=False time counts from that time), and its count can only be higher;
 *  (5) no pod is created once the Job has decided (FailureTarget / SuccessCriteriaMet / terminal);
 *  (6) the decision is the right one: BackoffLimitExceeded iff the pods seen failed so far exceed
 *      backoffLimit, else completions reached (work queue: a success and no active pod), and the
 *      terminal condition that follows has the interim condition's reason.
 */
export class JobChecker {
  readonly violations: string[] = [];
  readonly pods = new Map<string, any>();
  private readonly finished = new Map<string, { phase: string; at: number; index?: string }>();
  /** The finish time of the failed pod seen last (see (4)). */
  private lastFailure: number | null = null;
  decision: { type: string; reason: string; failedSeen: number; succeededSeen: number; activeAtDecision: number } | null = null;
  terminal: { type: string; reason: string } | null = null;
  created = 0;
  crashes = 0;
  deletions = 0;
  /** Creations checked against a back-off (4). */
  backoffChecks = 0;
  suspensions = 0;
  /** spec.suspend as last applied. */
  suspended = false;
  private readonly unwatch: () => void;

  constructor(private readonly c: Cluster, readonly spec: JobSpecChoice) {
    this.unwatch = c.watch((e) => this.onEvent(e));
  }

  stop(): void {
    this.unwatch();
  }

  private fail(msg: string): void {
    if (this.violations.length < 20) this.violations.push(`${new Date(this.c.now()).toISOString().slice(11, 23)} ${msg}`);
  }

  private succeededSeen(): number {
    const ok = [...this.finished.values()].filter((f) => f.phase === 'Succeeded');
    return this.spec.indexed ? new Set(ok.map((f) => f.index)).size : ok.length;
  }

  private failedSeen(): number {
    return [...this.finished.values()].filter((f) => f.phase === 'Failed').length;
  }

  private onEvent(e: WatchEvent): void {
    const o = e.object as any;
    const s = this.spec;
    if (o.kind === 'Pod' && ownedBy(o, 'Job', JOB)) {
      const name = o.metadata.name;
      if (e.type === 'ADDED') {
        this.created++;
        if (this.decision) this.fail(`(5) pod ${name} created after the Job decided (${this.decision.type})`);
        if (s.completions === null && this.succeededSeen() > 0) this.fail(`(3) pod ${name} created after a success in work-queue mode`);
        const okAt = [...this.finished.values()].filter((f) => f.phase === 'Succeeded').reduce((m, f) => Math.max(m, f.at), -Infinity);
        const fails = [...this.finished.values()].filter((f) => f.phase === 'Failed' && f.at > okAt).length;
        if (fails > 0 && this.lastFailure !== null) {
          this.backoffChecks++;
          const wait = podFailureBackoffMs(fails);
          const since = this.c.now() - this.lastFailure;
          if (since < wait) this.fail(`(4) pod ${name} created ${since / 1000} s after failure #${fails} (back-off ${wait / 1000} s)`);
        }
      }
      if (e.type === 'DELETED') this.pods.delete(name);
      else this.pods.set(name, o);
      // A pod is counted once, when it is first seen finished with its tracking finalizer (which then goes).
      if (!this.finished.has(o.metadata.uid) && tracked(o)) {
        const index = o.metadata.annotations?.[INDEX];
        if (o.status?.phase === 'Succeeded') this.finished.set(o.metadata.uid, { phase: 'Succeeded', at: finishedAt(o), index });
        else if (podFailed(o)) {
          this.finished.set(o.metadata.uid, { phase: 'Failed', at: finishedAt(o), index });
          this.lastFailure = finishedAt(o);
        }
      }
      this.checkPods();
    }
    if (o.kind === 'Job' && o.metadata.name === JOB && e.type !== 'DELETED') this.onJob(o);
  }

  private checkPods(): void {
    const s = this.spec;
    const active = [...this.pods.values()].filter(isActive);
    if (active.length > s.parallelism) this.fail(`(1) ${active.length} active pods > parallelism ${s.parallelism}: ${active.map((p) => p.metadata.name).join(' ')}`);
    if (s.completions !== null) {
      const ok = [...this.pods.values()].filter((p) => p.status?.phase === 'Succeeded').length;
      if (!s.indexed && ok > s.completions) this.fail(`(2) ${ok} Succeeded pods > completions ${s.completions}`);
      if (s.indexed) {
        const seen = new Set<string>();
        for (const p of active) {
          const ix = Number(p.metadata.annotations?.[INDEX]);
          if (!(ix >= 0 && ix < s.completions)) this.fail(`(2) pod ${p.metadata.name} has index ${p.metadata.annotations?.[INDEX]}`);
          if (seen.has(String(ix))) this.fail(`(2) two active pods for index ${ix}`);
          seen.add(String(ix));
        }
      }
    }
  }

  private onJob(o: any): void {
    const s = this.spec;
    const st = o.status ?? {};
    if ((st.active ?? 0) > s.parallelism) this.fail(`(1) status.active ${st.active} > parallelism ${s.parallelism}`);
    if (s.completions !== null && (st.succeeded ?? 0) > s.completions) this.fail(`(2) status.succeeded ${st.succeeded} > completions ${s.completions}`);
    const types = trueConditions(o);
    const decided = types.find((t) => t === 'FailureTarget' || t === 'SuccessCriteriaMet' || t === 'Complete' || t === 'Failed');
    if (decided && !this.decision) {
      const cond = conditionOf(o, decided);
      const failedSeen = this.failedSeen();
      const succeededSeen = this.succeededSeen();
      const activeNow = [...this.pods.values()].filter(isActive).length;
      this.decision = { type: decided, reason: cond.reason, failedSeen, succeededSeen, activeAtDecision: activeNow };
      if (failedSeen > s.backoffLimit) {
        if (decided !== 'FailureTarget' && decided !== 'Failed') this.fail(`(6) ${failedSeen} failures > backoffLimit ${s.backoffLimit}, but ${decided}`);
        if (cond.reason !== 'BackoffLimitExceeded') this.fail(`(6) ${failedSeen} failures > backoffLimit ${s.backoffLimit}, reason ${cond.reason}`);
      } else {
        if (decided !== 'SuccessCriteriaMet' && decided !== 'Complete') this.fail(`(6) ${failedSeen} failures ≤ backoffLimit ${s.backoffLimit}, but ${decided} (${cond.reason})`);
        if (cond.reason !== 'CompletionsReached') this.fail(`(6) success with reason ${cond.reason}`);
        const want = s.completions ?? 1;
        if (succeededSeen < want) this.fail(`(6) success with ${succeededSeen} succeeded (want ${want})`);
        if (s.completions === null && activeNow > 0) this.fail(`(6) work queue completed with ${activeNow} active pods`);
      }
    }
    const terminal = types.find((t) => t === 'Complete' || t === 'Failed');
    if (terminal && !this.terminal) {
      const cond = conditionOf(o, terminal);
      this.terminal = { type: terminal, reason: cond.reason };
      if (this.decision && cond.reason !== this.decision.reason) this.fail(`(6) ${terminal} reason ${cond.reason} ≠ the decision's ${this.decision.reason}`);
      const interim = terminal === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget';
      if (!types.includes(interim)) this.fail(`(6) ${terminal} without ${interim}`);
      if (terminal === 'Complete' && !st.completionTime) this.fail('(6) Complete without completionTime');
    }
  }
}

/** Runs one command; `skipped` when a crash or a deletion finds no pod whose `main` container runs. */
export function execJob(c: Cluster, chk: JobChecker, cmd: JobCmd): 'done' | 'skipped' {
  if (cmd.t === 'advance') {
    c.advance(cmd.ms);
    return 'done';
  }
  if (cmd.t === 'suspend') {
    if (chk.suspended === cmd.suspend) return 'skipped';
    c.apply(jobManifest(chk.spec, cmd.suspend));
    chk.suspended = cmd.suspend;
    if (cmd.suspend) chk.suspensions++;
    return 'done';
  }
  // Deletions pick any active pod (a Pending one too: the tracking finalizer keeps it until the
  // Job has counted it); crashes only pods whose `main` container runs.
  if (cmd.t === 'deletePod') {
    const active = [...chk.pods.values()].filter(isActive).map((p) => p.metadata.name).sort();
    if (!active.length) return 'skipped';
    c.delete('Pod', active[cmd.pick % active.length]!);
    chk.deletions++;
    return 'done';
  }
  const running = [...chk.pods.values()]
    .filter((p) => isActive(p) && p.status?.containerStatuses?.find((s: any) => s.name === 'main')?.state?.running)
    .map((p) => p.metadata.name)
    .sort();
  if (!running.length) return 'skipped';
  c.crashContainer(running[cmd.pick % running.length]!, { container: 'main', exitCode: cmd.exitCode });
  chk.crashes++;
  return 'done';
}

export const startJobCluster = (s: JobScenario) => createCluster({ nodes: 3, seed: s.seed });

// ================================================================ CronJob (Forbid)

export interface CronScenario {
  seed: number;
  schedule: string;
  runSeconds: number;
  exitCode: number;
  backoffLimit: number;
  startingDeadlineSeconds: number | null;
  successfulJobsHistoryLimit: number;
  failedJobsHistoryLimit: number;
  cmds: CronCmd[];
}

export type CronCmd =
  | { t: 'advance'; ms: number }
  | { t: 'suspend'; suspend: boolean }
  | { t: 'deleteJob'; pick: number }
  | { t: 'crash'; pick: number; exitCode: number };

export const cronScenarioArb = (): fc.Arbitrary<CronScenario> =>
  fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    schedule: fc.constantFrom('* * * * *', '*/2 * * * *', '*/3 * * * *', '*/5 * * * *', '0,1,2,30 * * * *'),
    runSeconds: fc.integer({ min: 5, max: 400 }),
    exitCode: fc.constantFrom(0, 0, 1),
    backoffLimit: fc.integer({ min: 0, max: 2 }),
    startingDeadlineSeconds: fc.option(fc.integer({ min: 5, max: 300 }), { nil: null }),
    successfulJobsHistoryLimit: fc.integer({ min: 0, max: 3 }),
    failedJobsHistoryLimit: fc.integer({ min: 0, max: 2 }),
    cmds: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1_000, max: 240_000 }).map((ms) => ({ t: 'advance' as const, ms })) },
        { weight: 1, arbitrary: fc.boolean().map((suspend) => ({ t: 'suspend' as const, suspend })) },
        { weight: 1, arbitrary: fc.nat(10).map((pick) => ({ t: 'deleteJob' as const, pick })) },
        { weight: 1, arbitrary: fc.record({ t: fc.constant('crash' as const), pick: fc.nat(10), exitCode: fc.constantFrom(0, 1) }) },
      ),
      { minLength: 3, maxLength: 14 },
    ),
  });

export function cronManifest(s: CronScenario, suspend: boolean): any {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: CRON },
    spec: {
      schedule: s.schedule,
      concurrencyPolicy: 'Forbid',
      suspend,
      ...(s.startingDeadlineSeconds !== null ? { startingDeadlineSeconds: s.startingDeadlineSeconds } : {}),
      successfulJobsHistoryLimit: s.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: s.failedJobsHistoryLimit,
      jobTemplate: {
        spec: {
          backoffLimit: s.backoffLimit,
          template: {
            metadata: { annotations: { 'kubeactors.dev/run-seconds': String(s.runSeconds), 'kubeactors.dev/exit-code': String(s.exitCode) } },
            spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'tick'] }] },
          },
        },
      },
    },
  };
}

const isJobFinished = (j: any) => trueConditions(j).some((t) => t === 'Complete' || t === 'Failed');

/**
 * Watches a Forbid CronJob: at every event, at most one of its Jobs is unfinished (no Complete /
 * Failed condition, not being deleted), and `status.active` lists at most one.
 */
export class ForbidChecker {
  readonly violations: string[] = [];
  readonly jobs = new Map<string, any>();
  created = 0;
  maxUnfinished = 0;
  private readonly unwatch: () => void;

  constructor(private readonly c: Cluster) {
    this.unwatch = c.watch((e) => this.onEvent(e));
  }

  stop(): void {
    this.unwatch();
  }

  private fail(msg: string): void {
    if (this.violations.length < 20) this.violations.push(`${new Date(this.c.now()).toISOString()} ${msg}`);
  }

  private onEvent(e: WatchEvent): void {
    const o = e.object as any;
    if (o.kind === 'CronJob' && o.metadata.name === CRON) {
      const active = o.status?.active ?? [];
      if (active.length > 1) this.fail(`status.active lists ${active.length} Jobs: ${active.map((a: any) => a.name).join(' ')}`);
    }
    if (o.kind !== 'Job' || !ownedBy(o, 'CronJob', CRON)) return;
    if (e.type === 'ADDED') this.created++;
    if (e.type === 'DELETED') this.jobs.delete(o.metadata.name);
    else this.jobs.set(o.metadata.name, o);
    const unfinished = [...this.jobs.values()].filter((j) => !isJobFinished(j) && !j.metadata.deletionTimestamp);
    this.maxUnfinished = Math.max(this.maxUnfinished, unfinished.length);
    if (unfinished.length > 1) this.fail(`${unfinished.length} unfinished Jobs: ${unfinished.map((j) => j.metadata.name).join(' ')}`);
  }
}

export function execCron(c: Cluster, s: CronScenario, chk: ForbidChecker, cmd: CronCmd): 'done' | 'skipped' {
  switch (cmd.t) {
    case 'advance':
      c.advance(cmd.ms);
      return 'done';
    case 'suspend':
      c.apply(cronManifest(s, cmd.suspend));
      return 'done';
    case 'deleteJob': {
      const names = [...chk.jobs.keys()].sort();
      if (!names.length) return 'skipped';
      c.delete('Job', names[cmd.pick % names.length]!, { propagationPolicy: 'Background' });
      return 'done';
    }
    case 'crash': {
      const running = (c.list('Pod') as any[])
        .filter((p) => isActive(p) && p.status?.containerStatuses?.[0]?.state?.running)
        .map((p) => p.metadata.name);
      if (!running.length) return 'skipped';
      c.crashContainer(running[cmd.pick % running.length]!, { exitCode: cmd.exitCode });
      return 'done';
    }
  }
}
