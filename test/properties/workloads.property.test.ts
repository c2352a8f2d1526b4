/**
 * StatefulSet and DaemonSet controllers as properties, at the actor level: a real Cluster under
 * random commands (workloads-model.ts), with the ordering and placement guarantees checked at the
 * instant of every change through `cluster.watch` (the listener sees the store exactly as the
 * controller left it at that point of its sync). `PROPERTY_RUNS` sets the number of runs
 * (default 15), `PROPERTY_SEED` replays one, `PROPERTY_STATS=1` prints how many creations and
 * deletions of each kind were checked.
 *
 * 1. StatefulSet, podManagementPolicy OrderedReady, default RollingUpdate (partition 0) and
 *    retention (Retain/Retain), ordinals from 0 or 2, minReadySeconds 0–5, under scale changes
 *    (0–8), template changes (image, and templates whose pods turn not-Ready a few seconds after
 *    starting — readiness-fails-after), readiness delays (initialDelaySeconds, slow pulls),
 *    container crashes, forced readiness failures, pod deletions, and node events (one node failed
 *    at a time — unreachable or NotReady — and recovered; nodes added). "Ready" = what OrderedReady
 *    waits for: Running, Ready, not terminating, available for minReadySeconds.
 *    (a) a pod for ordinal j is created only in range, and only while every ordinal in [start, j)
 *        has a Ready pod (upstream's monotonic processReplica: a lower pod that is missing is
 *        re-created and waited for first); its claim exists first;
 *    (b) deletions by the controller are classified against the spec at that instant: a condemned
 *        pod (scale-down) goes only once no higher condemned pod exists at all and every in-range
 *        ordinal is Ready — so within a scale-down deletions go in strictly decreasing order, each
 *        once the higher one is gone; any other controller deletion must be a Failed/Succeeded
 *        replacement or a top-down rolling-update step (else it is reported as unexplained);
 *    (c) no claim is ever deleted, and every claim ever created (`data-db-<ordinal>`) still exists
 *        at the end;
 *    (d) once failures stop, the set reaches `replicas` Ready pods at the update revision with a
 *        consistent status, and stays there. "Failures stop" includes upstream's documented
 *        forced-rollback step for the faulty template: its pods are deleted by hand (OrderedReady
 *        waits on a pod that will never be Ready again, even for an update).
 * 2. DaemonSet, RollingUpdate maxUnavailable 1 / maxSurge 0 (spelled out or defaulted),
 *    minReadySeconds 0 or 3, under node add (new names and names of removed nodes, registered with
 *    labels and taints) / remove / relabel / taint / untaint and template changes (image,
 *    nodeSelector, tolerations):
 *    (a) at every watch event, at most one daemon pod not being deleted per node; a pod is created
 *        for a node only when the node's other daemon pods are all deleted and terminal; (a+) only
 *        for an existing node that should run it, at the newest revision; and every deletion that
 *        is not an eviction has one of manage's or rollingUpdate's reasons;
 *    (b) once changes stop, one Running+Ready+available pod of the newest revision on every
 *        eligible node (selector matches, NoSchedule/NoExecute taints tolerated, node exists) and
 *        none on other nodes — except that a pod may stay, at the newest revision, on a node whose
 *        only untolerated taints are NoSchedule ones (shouldContinueRunning: a NoSchedule taint does
 *        not evict; status.numberMisscheduled counts it); status counts agree; it stays there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyDs, DS, DsChecker, dsNotConverged, dsScenarioArb, emptyDsCoverage, emptyStsCoverage, execDs, execSts, healSts, startDs, startSts,
  StsChecker, stsManifest, stsNotConverged, stsScenarioArb, type DsScenario, type StsScenario,
} from './workloads-model.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 15);
/** `PROPERTY_SEED` replays a reported run (fast-check prints the seed of a failure). */
const SEED = process.env.PROPERTY_SEED === undefined ? {} : { seed: Number(process.env.PROPERTY_SEED) };
/** Per-test timeout: a run takes well under a second; shrinking a failure takes more. */
const TIMEOUT = Math.max(60_000, RUNS * 5_000);
/** How long the healed environment gets to converge (crash back-off is at most 5 minutes). */
const CONVERGE_MS = 60 * 60_000;
/** How long a converged workload is then watched to stay converged. */
const STAY_MS = 3 * 60_000;

const stsCoverage = emptyStsCoverage();
const dsCoverage = emptyDsCoverage();
afterAll(() => {
  if (process.env.PROPERTY_STATS) console.info('coverage', JSON.stringify({ statefulset: stsCoverage, daemonset: dsCoverage }));
});

/** Advances until `done()` holds or `ms` pass; returns whether it holds. */
function advanceUntil(c: { runUntil: (p: () => boolean, o: { timeout: number }) => unknown }, done: () => boolean, ms: number): boolean {
  try {
    c.runUntil(done, { timeout: ms });
    return true;
  } catch (e) {
    if (/timed out waiting for the condition/.test(String(e))) return false;
    throw e;
  }
}

function runSts(s: StsScenario): void {
  const r = startSts(s);
  const checker = new StsChecker(r, stsCoverage);
  const log: string[] = [];
  const where = () => `after: ${log.slice(-8).join('; ')}\n  scenario: ${JSON.stringify(s)}`;
  try {
    r.c.apply(JSON.stringify(stsManifest(s.spec)));
    checker.assertClean(where);
    for (const cmd of s.cmds) {
      const res = execSts(r, s, cmd);
      log.push(`${JSON.stringify(cmd)}${res === 'skipped' ? ' (skipped)' : ''}`);
      checker.assertClean(where);
    }
    // (d) The environment stops failing.
    healSts(r, s);
    log.push('heal');
    const converged = advanceUntil(r.c, () => stsNotConverged(r.c) === undefined, CONVERGE_MS);
    checker.assertClean(where);
    expect(converged, `(d) not converged ${CONVERGE_MS / 60_000} min after healing: ${stsNotConverged(r.c)}\n  ${where()}`).toBe(true);
    r.c.advance(STAY_MS);
    checker.assertClean(where);
    expect(stsNotConverged(r.c), `(d) left the converged state\n  ${where()}`).toBeUndefined();
    // (c) Every claim ever created is still there.
    const claims = new Set((r.c.list('PersistentVolumeClaim') as any[]).map((p) => p.metadata.name));
    const lost = [...checker.claimsCreated].filter((n) => !claims.has(n));
    expect(lost, `(c) claims lost under Retain\n  ${where()}`).toEqual([]);
  } finally {
    checker.stop();
    r.c.stop();
  }
}

function runDs(s: DsScenario): void {
  const r = startDs(s);
  const checker = new DsChecker(r, dsCoverage);
  const log: string[] = [];
  const where = () => `after: ${log.slice(-8).join('; ')}\n  scenario: ${JSON.stringify(s)}`;
  try {
    applyDs(r, s);
    checker.assertClean(where);
    for (const cmd of s.cmds) {
      const res = execDs(r, s, cmd);
      log.push(`${JSON.stringify(cmd)}${res === 'skipped' ? ' (skipped)' : ''}`);
      checker.assertClean(where);
    }
    const converged = advanceUntil(r.c, () => dsNotConverged(r.c) === undefined, CONVERGE_MS);
    checker.assertClean(where);
    expect(converged, `(b) not converged ${CONVERGE_MS / 60_000} min after the last change: ${dsNotConverged(r.c)}\n  ${where()}`).toBe(true);
    r.c.advance(STAY_MS);
    checker.assertClean(where);
    expect(dsNotConverged(r.c), `(b) left the converged state\n  ${where()}`).toBeUndefined();
    if ((r.c.get('DaemonSet', DS) as any).status?.numberMisscheduled) dsCoverage.misscheduledAtEnd++;
  } finally {
    dsCoverage.reusedNames += r.reused;
    checker.stop();
    r.c.stop();
  }
}

/** The spec of the fixed StatefulSet scenarios below. */
const fixedSpec: StsScenario['spec'] = {
  replicas: 5, start: 0, template: { image: 'postgres:16', failsAfter: null }, readiness: { initialDelaySeconds: 2, periodSeconds: 1 },
  pullSeconds: 1, terminationSeconds: 3, grace: 5, minReadySeconds: 0,
};

describe('properties of StatefulSet (OrderedReady) under random scale, template, pod and node events', () => {
  it('(a) ordered creation, (b) ordered scale-down and explained deletions, (c) claims retained, (d) convergence', () => {
    fc.assert(fc.property(stsScenarioArb(), runSts), { numRuns: RUNS, ...SEED });
  }, TIMEOUT);

  it('the checker sees what it checks: a scale-down mid-creation, a pod deleted below a scale-up, a rollout, a crash', () => {
    // A fixed scenario that goes through every kind of creation and deletion (b) classifies, so
    // that the random runs are not the only evidence that the checks fire.
    const s: StsScenario = {
      seed: 1,
      nodes: 3,
      spec: fixedSpec,
      cmds: [
        { t: 'advance', ms: 7_000 },
        { t: 'scale', replicas: 2 },
        { t: 'advance', ms: 60_000 },
        { t: 'deletePod', index: 0 },
        { t: 'scale', replicas: 6 },
        { t: 'advance', ms: 60_000 },
        { t: 'template', template: { image: 'postgres:17', failsAfter: null } },
        { t: 'advance', ms: 120_000 },
        { t: 'crash', index: 3, exitCode: 1 },
        { t: 'scale', replicas: 1 },
      ],
    };
    const before = { ...stsCoverage };
    runSts(s);
    const delta = Object.fromEntries(Object.entries(stsCoverage).map(([k, v]) => [k, v - before[k as keyof typeof before]]));
    // Creations: db-0..2 before the scale-down to 2 (db-2 not yet Ready, so it goes at once: it is
    // the lowest unhealthy condemned pod); db-0 again (deleted by hand) then db-2..5 for the scale
    // to 6; six for the rollout (db-5 down to db-0). Condemned: db-2, then db-5..db-1 for the scale
    // to 1 (db-3, crashed, is then the first unhealthy pod and goes without waiting).
    expect(delta).toEqual({ creations: 14, orderedCreations: 11, condemnedDeletions: 6, updateDeletions: 6, failedDeletions: 0, userDeletions: 1, evictions: 0, claims: 6 });
  });

  it('the checker has teeth: Parallel pod management breaks (a) and (b), as it should', () => {
    // Parallel creates every missing ordinal at once and deletes every condemned pod at once:
    // the OrderedReady properties must reject it (with the real controller, not a mock).
    const s: StsScenario = {
      seed: 1,
      nodes: 2,
      spec: { ...fixedSpec, replicas: 4, podManagementPolicy: 'Parallel' },
      cmds: [{ t: 'advance', ms: 30_000 }, { t: 'scale', replicas: 1 }],
    };
    const r = startSts(s);
    const checker = new StsChecker(r);
    r.c.apply(JSON.stringify(stsManifest(s.spec)));
    for (const cmd of s.cmds) execSts(r, s, cmd);
    checker.stop();
    r.c.stop();
    expect(checker.violations.some((v) => v.startsWith('(a) db-1 created while ordinal 0 is db-0[Pending'))).toBe(true);
    expect(checker.violations.some((v) => /^\(b\) condemned db-[12] deleted while higher condemned ordinal\(s\) 3/.test(v))).toBe(true);
  });
});

describe('properties of DaemonSet (maxSurge 0) under random node and template changes', () => {
  it('(a) at most one live daemon pod per node at every event, (b) convergence to exactly the eligible nodes', () => {
    fc.assert(fc.property(dsScenarioArb(), runDs), { numRuns: RUNS, ...SEED });
  }, TIMEOUT);

  it('the checker has teeth: a surge rollout (maxSurge 1) breaks (a), as it should', () => {
    const s: DsScenario = {
      seed: 1,
      nodes: [{ role: 'worker', taints: [] }, { role: null, taints: [] }],
      spec: { template: { image: 'busybox:1.36', selector: null, tolerations: [] }, readiness: null, pullSeconds: 1, terminationSeconds: 0, grace: 5, explicitStrategy: true, minReadySeconds: 0, maxSurge: 1 },
      cmds: [{ t: 'advance', ms: 10_000 }, { t: 'template', template: { image: 'busybox:1.37', selector: null, tolerations: [] } }, { t: 'advance', ms: 10_000 }],
    };
    const r = startDs(s);
    const checker = new DsChecker(r);
    applyDs(r, s);
    for (const cmd of s.cmds) execDs(r, s, cmd);
    checker.stop();
    r.c.stop();
    expect(checker.violations.some((v) => /^\(a\) agent-\w+ created for node-1 while agent-\w+\[Running/.test(v))).toBe(true);
    expect(checker.violations.some((v) => /^\(a\) 2 daemon pods not being deleted on node-1/.test(v))).toBe(true);
  });
});

