/**
 * Job and CronJob controllers as properties, on a real Cluster (jobs-model.ts), checked at the
 * instant of every change through `cluster.watch`. `PROPERTY_RUNS` sets the number of runs of
 * each property (default 30: the file runs in a few seconds), `PROPERTY_SEED` replays one,
 * `PROPERTY_STATS=1` prints how the runs ended.
 *
 * 1. Job: completions 1–8 or unset (work queue), parallelism 1–5, backoffLimit 0–4, NonIndexed or
 *    Indexed, restartPolicy Never; per-pod outcomes from the template (a `main` container and an
 *    optional `side` one, each with its own run time and exit code), from crashes of a random
 *    running pod's `main` container with exit code 0, 1 or 3, from deletions of an active pod (Pending or running)
 *    (counted as failed: TerminatingOrFailed), and suspend / resume by re-applying the manifest
 *    (the deleted pods are not counted). At every watch event: active pods
 *    ≤ parallelism and status.active ≤ parallelism; succeeded ≤ completions (Indexed: indexes in
 *    range, one active pod per index); no pod after the first success in work-queue mode; the
 *    pod-failure back-off (10 s × 2^(n−1)) between a failure and the next creation; nothing
 *    created once decided. The Job always ends Complete or Failed, with BackoffLimitExceeded when
 *    the failures seen exceeded backoffLimit and CompletionsReached otherwise, each terminal
 *    condition after its interim one (FailureTarget / SuccessCriteriaMet) with the same reason.
 * 2. CronJob, concurrencyPolicy Forbid, under random schedules, Job run times and outcomes,
 *    startingDeadlineSeconds, history limits, suspend / resume, Job deletions and pod crashes:
 *    at every watch event at most one of its Jobs is unfinished and status.active lists at most one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CRON, cronManifest, cronScenarioArb, execCron, execJob, ForbidChecker, JOB, JobChecker, jobManifest, jobScenarioArb, startJobCluster,
  type CronScenario, type JobScenario,
} from './jobs-model.ts';
import { createCluster } from '../../src/cluster/cluster.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 30);
const SEED = process.env.PROPERTY_SEED === undefined ? {} : { seed: Number(process.env.PROPERTY_SEED) };
const TIMEOUT = Math.max(60_000, RUNS * 2_000);
/** Long enough for 8 completions one at a time, 40 s each, with every back-off of 5 failures. */
const FINISH_MS = 2 * 60 * 60_000;

const stats = { complete: 0, failed: 0, workQueue: 0, indexed: 0, crashes: 0, podDeletions: 0, suspensions: 0, pods: 0, backoffChecks: 0, cronJobs: 0, forbidSkips: 0 };
afterAll(() => {
  if (process.env.PROPERTY_STATS) console.info('job properties', JSON.stringify(stats));
});

function runJob(s: JobScenario): void {
  const c = startJobCluster(s);
  const chk = new JobChecker(c, s.spec);
  const log: string[] = [];
  const where = () => `after: ${log.slice(-6).join('; ')}\n  scenario: ${JSON.stringify(s)}`;
  try {
    c.apply(jobManifest(s.spec));
    for (const cmd of s.cmds) {
      if (chk.terminal) break;
      const r = execJob(c, chk, cmd);
      log.push(`${JSON.stringify(cmd)}${r === 'skipped' ? ' (skipped)' : ''}`);
      expect(chk.violations, where()).toEqual([]);
    }
    const job = () => c.get('Job', JOB) as any;
    if (chk.suspended && !chk.terminal) {
      execJob(c, chk, { t: 'suspend', suspend: false });
      log.push('resume');
    }
    c.runUntil(() => chk.terminal !== null, { timeout: FINISH_MS });
    c.advance('1m'); // the deleted pods go; nothing more happens
    expect(chk.violations, where()).toEqual([]);
    const st = job().status;
    expect(chk.decision, where()).not.toBeNull();
    // The final counters agree with what the pods did.
    if (chk.terminal!.type === 'Complete') {
      expect(st.succeeded, where()).toBe(s.spec.completions ?? chk.decision!.succeededSeen);
      if (s.spec.indexed) expect(st.completedIndexes, where()).toBe(s.spec.completions === 1 ? '0' : s.spec.completions === 2 ? '0,1' : `0-${s.spec.completions! - 1}`);
    } else {
      expect(st.failed, where()).toBeGreaterThan(s.spec.backoffLimit);
    }
    expect([...chk.pods.values()].filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'), where()).toEqual([]);
    expect(c.actor('Job', JOB)!.getSnapshot().value, where()).toBe(chk.terminal!.type);
    stats[chk.terminal!.type === 'Complete' ? 'complete' : 'failed']++;
    if (s.spec.completions === null) stats.workQueue++;
    if (s.spec.indexed) stats.indexed++;
    stats.crashes += chk.crashes;
    stats.podDeletions += chk.deletions;
    stats.backoffChecks += chk.backoffChecks;
    stats.suspensions += chk.suspensions;
    stats.pods += chk.created;
  } finally {
    chk.stop();
    c.stop();
  }
}

function runCron(s: CronScenario): void {
  const c = createCluster({ nodes: 2, seed: s.seed, start: '2025-12-31T23:58:30Z' });
  const chk = new ForbidChecker(c);
  const log: string[] = [];
  const where = () => `after: ${log.slice(-6).join('; ')}\n  scenario: ${JSON.stringify(s)}`;
  try {
    c.apply(cronManifest(s, false));
    for (const cmd of s.cmds) {
      const r = execCron(c, s, chk, cmd);
      log.push(`${JSON.stringify(cmd)}${r === 'skipped' ? ' (skipped)' : ''}`);
      expect(chk.violations, where()).toEqual([]);
    }
    c.advance('10m');
    expect(chk.violations, where()).toEqual([]);
    stats.cronJobs += chk.created;
    stats.forbidSkips += ((c.events({ involved: { kind: 'CronJob', name: CRON } }) as any[]).find((e) => e.reason === 'JobAlreadyActive')?.count ?? 0);
  } finally {
    chk.stop();
    c.stop();
  }
}

describe('properties of the Job controller under random specs and pod outcomes', () => {
  it('parallelism, completions, work queue, back-off at every event; ends Complete (CompletionsReached) or Failed (BackoffLimitExceeded) as the failures say', () => {
    fc.assert(fc.property(jobScenarioArb(), runJob), { numRuns: RUNS, ...SEED });
  }, TIMEOUT);

  it('the checker sees what it checks: fixed scenarios end both ways, through crashes and back-off', () => {
    const before = { ...stats };
    // Every pod fails by itself: 3 failures > backoffLimit 2, with back-offs of 10 and 20 s.
    runJob({ seed: 1, spec: { completions: 3, parallelism: 1, backoffLimit: 2, indexed: false, main: { runSeconds: 3, exitCode: 1 }, side: null }, cmds: [] });
    // Indexed, two containers, crashes with exit 1 and 0: completes within the limit.
    runJob({
      seed: 2, spec: { completions: 4, parallelism: 2, backoffLimit: 2, indexed: true, main: { runSeconds: 20, exitCode: 0 }, side: { runSeconds: 5, exitCode: 0 } },
      cmds: [{ t: 'advance', ms: 4_000 }, { t: 'crash', pick: 0, exitCode: 1 }, { t: 'advance', ms: 15_000 }, { t: 'crash', pick: 1, exitCode: 0 }],
    });
    // Work queue: the first success (a crash with exit 0) stops new pods; a later failure is not replaced.
    runJob({
      seed: 3, spec: { completions: null, parallelism: 3, backoffLimit: 1, indexed: false, main: { runSeconds: 30, exitCode: 0 }, side: null },
      cmds: [{ t: 'advance', ms: 5_000 }, { t: 'crash', pick: 0, exitCode: 0 }, { t: 'crash', pick: 0, exitCode: 1 }],
    });
    const delta = (k: keyof typeof stats) => stats[k] - before[k];
    // Creations after a failure, checked against the back-off: 2 in the first scenario, 1 in the second.
    expect({ complete: delta('complete'), failed: delta('failed'), crashes: delta('crashes'), pods: delta('pods'), backoffChecks: delta('backoffChecks') })
      .toEqual({ complete: 2, failed: 1, crashes: 4, pods: 3 + 5 + 3, backoffChecks: 3 });
  });

  it('the checker has teeth: a checker told a smaller parallelism or backoffLimit than the Job has reports it', () => {
    const c = createCluster({ nodes: 3, seed: 1 });
    const spec = { completions: 4, parallelism: 3, backoffLimit: 1, indexed: false, main: { runSeconds: 5, exitCode: 1 }, side: null };
    const chk = new JobChecker(c, { ...spec, parallelism: 2, backoffLimit: 3 });
    c.apply(jobManifest(spec));
    c.runUntil(() => chk.terminal !== null, { timeout: '10m' });
    chk.stop();
    expect(chk.violations.some((v) => v.includes('(1) 3 active pods > parallelism 2'))).toBe(true);
    expect(chk.violations.some((v) => v.includes('(6) 3 failures ≤ backoffLimit 3, but FailureTarget'))).toBe(true);
  });
});

describe('properties of a Forbid CronJob', () => {
  it('never two active Jobs at any watch event, under random schedules, outcomes, suspends, deletions and crashes', () => {
    fc.assert(fc.property(cronScenarioArb(), runCron), { numRuns: RUNS, ...SEED });
  }, TIMEOUT);
});
