import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  reconcileNewReplicaSet, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate, reconcileOldReplicaSets,
  planRollingSync, scaleDownOldReplicaSetsForRecreate, oldPodsRunning, buildNewReplicaSet, sizesAfter, maxSurge, minAvailable,
  findNewReplicaSet, findOldReplicaSets, isScalingEvent, scale, replicasAnnotationValues, setReplicasAnnotations, equalIgnoreHash,
  type IntOrString, type ScaleStep,
} from '../../../machines/deployment/arith.ts';

function dep(replicas: number, surge: IntOrString, unavailable: IntOrString): Deployment {
  return {
    metadata: { name: 'nginx', uid: 'd-uid' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
    },
  };
}

function rs(name: string, replicas: number, available = replicas, created = '2024-01-01T00:00:00Z'): ReplicaSet {
  return {
    metadata: { name, uid: `${name}-uid`, creationTimestamp: created },
    spec: { replicas, selector: {} },
    status: { replicas, availableReplicas: available },
  };
}

describe('reconcileNewReplicaSet', () => {
  // rolling_test.go TestDeploymentController_reconcileNewReplicaSet (maxUnavailable 0).
  it.each([
    [10, 0, 10, 0, null],
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2, null],
    [10, 2, 2, 11, 10],
  ] as const)('replicas %i surge %i, old %i new %i → %j', (replicas, surge, old, cur, want) => {
    const n = rs('foo-new', cur);
    const got = reconcileNewReplicaSet([n, rs('foo-old', old)], n, dep(replicas, surge, 0));
    expect(got?.to ?? null).toBe(want);
  });
});

describe('cleanupUnhealthyReplicas', () => {
  // rolling_test.go TestDeploymentController_cleanupUnhealthyReplicas.
  it.each([
    [10, 8, 1, 1], [10, 8, 3, 2], [10, 8, 0, 0], [10, 10, 3, 0],
  ] as const)('old %i with %i available, budget %i → cleans %i', (old, available, budget, want) => {
    const r = cleanupUnhealthyReplicas([rs('foo-v2', old, available)], budget);
    expect(r.cleanupCount).toBe(want);
    expect(r.steps).toEqual(want ? [{ name: 'foo-v2', from: old, to: old - want }] : []);
  });

  it('walks the old RSs oldest first and stops when the budget is used', () => {
    const a = rs('a', 5, 3, '2024-01-01T00:00:02Z');
    const b = rs('b', 4, 1, '2024-01-01T00:00:01Z');
    const c = rs('c', 0, 0, '2024-01-01T00:00:00Z');
    expect(cleanupUnhealthyReplicas([a, b, c], 4).steps).toEqual([{ name: 'b', from: 4, to: 1 }, { name: 'a', from: 5, to: 4 }]);
  });

  it('an RS with more available than desired is upstream\'s "invalid request" (and reconcile reports not scaled)', () => {
    const r = cleanupUnhealthyReplicas([rs('x', 3, 5)], 4);
    expect(r.error).toBe('when cleaning up unhealthy replicas, got invalid request to scale down /x 3 -> 5');
    const d = dep(10, 3, 2);
    const n = rs('new', 8, 8);
    expect(reconcileOldReplicaSets([rs('x', 3, 5), n], [rs('x', 3, 5)], n, d).scaled).toBe(false);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate', () => {
  // rolling_test.go TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate (maxSurge 0).
  it.each([
    [10, 0, 10, 10, 9], [10, 2, 10, 10, 8], [10, 2, 8, 10, null], [10, 2, 1, 10, null],
  ] as const)('replicas %i maxUnavailable %i, %i available, old %i → %j', (replicas, u, available, old, want) => {
    const o = rs('foo-v2', old, available);
    const r = scaleDownOldReplicaSetsForRollingUpdate([o], [o], dep(replicas, 0, u));
    expect(r.steps[0]?.to ?? null).toBe(want);
  });

  it('takes min(spec, left) from each old RS, oldest first', () => {
    const older = rs('older', 2, 2, '2024-01-01T00:00:00Z');
    const old = rs('old', 6, 6, '2024-01-01T00:00:01Z');
    const n = rs('new', 5, 5, '2024-01-01T00:00:02Z');
    // available 13, minAvailable 8 → 5 to remove: older 2→0, old 6→3.
    expect(scaleDownOldReplicaSetsForRollingUpdate([older, old, n], [old, older], dep(10, 3, 2)))
      .toEqual({ scaledDownCount: 5, steps: [{ name: 'older', from: 2, to: 0 }, { name: 'old', from: 6, to: 3 }] });
  });
});

describe('reconcileOldReplicaSets', () => {
  // rolling_test.go TestDeploymentController_reconcileOldReplicaSets (maxSurge 0; ready = available).
  it.each([
    [10, 0, 10, 0, 10, 0, 9],
    [10, 2, 10, 0, 10, 0, 8],
    [10, 2, 10, 0, 8, 0, 8],
    [10, 2, 10, 0, 9, 0, 8],
    [10, 2, 8, 2, 8, 0, null],
  ] as const)('replicas %i maxUnavailable %i, old %i new %i, available old %i new %i → old %j', (replicas, u, old, cur, oldAvail, newAvail, want) => {
    const o = rs('foo-old', old, oldAvail);
    const n = rs('foo-new', cur, newAvail);
    const r = reconcileOldReplicaSets([o, n], [o], n, dep(replicas, 0, u));
    expect(r.scaled).toBe(want !== null);
    if (want !== null) expect(sizesAfter([o], r.steps)['foo-old']).toBe(want);
  });

  it('unhealthy first, then within minAvailable: 1 cleaned up + 1 scaled down are two writes', () => {
    const o = rs('foo-old', 10, 9);
    const n = rs('foo-new', 0, 0);
    const r = reconcileOldReplicaSets([o, n], [o], n, dep(10, 0, 2));
    expect(r).toMatchObject({ scaled: true, maxScaledDown: 2, cleanupCount: 1, scaledDownCount: 1 });
    expect(r.steps).toEqual([{ name: 'foo-old', from: 10, to: 9 }, { name: 'foo-old', from: 9, to: 8 }]);
  });

  it("rolling.go's comment, case 1: crashlooping new pods block scale-down (13 − 8 − 5 = 0)", () => {
    const o = rs('old', 8, 7);
    const n = rs('new', 5, 0);
    const r = reconcileOldReplicaSets([o, n], [o], n, dep(10, 3, 2));
    expect(r).toMatchObject({ scaled: false, maxScaledDown: 0, steps: [] });
  });

  it('no active old replicas: nothing to do', () => {
    const n = rs('new', 10, 3);
    expect(reconcileOldReplicaSets([n], [], n, dep(10, 3, 2))).toMatchObject({ scaled: false, maxScaledDown: null });
  });
});

/** One sync of rolloutRolling's scaling for the worked example; creation happens in the same sync. */
function workedExampleSync(d: Deployment, state: { newRS: ReplicaSet | null; old: ReplicaSet[] }): ScaleStep[] {
  let created: ScaleStep[] = [];
  if (!state.newRS) {
    const built = buildNewReplicaSet(d, state.old);
    state.newRS = { ...built, status: { replicas: built.spec!.replicas!, availableReplicas: 0 } };
    created = [{ name: built.metadata!.name!, from: 0, to: built.spec!.replicas! }];
  }
  const plan = planRollingSync(d, state.newRS, state.old);
  const apply = (r: ReplicaSet): ReplicaSet => {
    const sizes = sizesAfter([r], plan.steps);
    const to = sizes[r.metadata!.name!]!;
    // The RS controller removes unavailable pods first.
    return { ...r, spec: { ...r.spec!, replicas: to }, status: { replicas: to, availableReplicas: Math.min(r.status!.availableReplicas ?? 0, to) } };
  };
  state.newRS = apply(state.newRS);
  state.old = state.old.map(apply);
  return [...created, ...plan.steps];
}

describe('the reference worked example (10 replicas, 25%/25% → surge 3, unavailable 2, minAvailable 8)', () => {
  it('walks sync by sync to 10 new / 0 old', () => {
    const d = dep(10, '25%', '25%');
    const state: { newRS: ReplicaSet | null; old: ReplicaSet[] } = { newRS: null, old: [rs('nginx-old', 10, 10)] };
    const sizes = () => [state.newRS!.spec!.replicas, state.newRS!.status!.availableReplicas, state.old[0]!.spec!.replicas, state.old[0]!.status!.availableReplicas];
    const avail = (n: number) => { state.newRS = { ...state.newRS!, status: { ...state.newRS!.status!, availableReplicas: n } }; };

    // Sync 1: the new RS is created with +min(13 − 10, 10) = 3; in the SAME sync the old RS
    // drops 2 (maxScaledDown 13 − 8 − 3 = 2; available 10 − 8 = 2). (The reference's table shows
    // these as syncs 1 and 2: creation is not a scale, so upstream carries on to the old RSs.)
    const s1 = workedExampleSync(d, state);
    expect(s1.map((s) => [s.from, s.to])).toEqual([[0, 3], [10, 8]]);
    expect(sizes()).toEqual([3, 0, 8, 8]);
    // Next: total 11 < 13 → new +min(2, 7) = 5.
    workedExampleSync(d, state);
    expect(sizes()).toEqual([5, 0, 8, 8]);
    // Next: new at max total; old: 13 − 8 − 5 = 0 → waits for new pods.
    expect(workedExampleSync(d, state)).toEqual([]);
    expect(sizes()).toEqual([5, 0, 8, 8]);
    // 3 new pods become available: old: 13 − 8 − 2 = 3; available 11 − 8 = 3 → old 5.
    avail(3);
    workedExampleSync(d, state);
    expect(sizes()).toEqual([5, 3, 5, 5]);
    // total 10 → new +min(3, 5) = 8.
    workedExampleSync(d, state);
    expect(sizes()).toEqual([8, 3, 5, 5]);
    // All new pods available: old 13 − 8 − 0 = 5 → budget 13 − 8 = 5 → old 0.
    avail(8);
    workedExampleSync(d, state);
    expect(sizes()).toEqual([8, 8, 0, 0]);
    workedExampleSync(d, state);
    expect(sizes()).toEqual([10, 8, 0, 0]);
    avail(10);
    expect(workedExampleSync(d, state)).toEqual([]);
    expect(sizes()).toEqual([10, 10, 0, 0]);
  });
});

describe('Recreate helpers', () => {
  it('scaleDownOldReplicaSetsForRecreate: every active old RS to 0', () => {
    expect(scaleDownOldReplicaSetsForRecreate([rs('a', 3), rs('b', 0), rs('c', 1)])).toEqual([{ name: 'a', from: 3, to: 0 }, { name: 'c', from: 1, to: 0 }]);
  });

  it.each([
    ['an old RS still reports replicas', [rs('old', 0, 0)].map((r) => ({ ...r, status: { replicas: 1 } })), {}, true],
    ['only terminal old pods', [rs('old', 0, 0)], { 'old-uid': [{ status: { phase: 'Succeeded' } }, { status: { phase: 'Failed' } }] }, false],
    ['a Pending old pod', [rs('old', 0, 0)], { 'old-uid': [{ status: { phase: 'Pending' } }] }, true],
    ['an Unknown old pod', [rs('old', 0, 0)], { 'old-uid': [{ status: { phase: 'Unknown' } }] }, true],
    ['pods of the new RS do not count', [rs('old', 0, 0)], { 'new-uid': [{ status: { phase: 'Running' } }] }, false],
  ] as const)('oldPodsRunning: %s', (_name, olds, podMap, want) => {
    expect(oldPodsRunning(rs('new', 3), olds as ReplicaSet[], podMap)).toBe(want);
  });
});

// ---- A rollout at the arithmetic level: controller syncs + an instant ReplicaSet controller. ----

interface SimRS { rs: ReplicaSet; pods: number[] }
type SimEvent = { tick: number; kind: 'image'; image: string } | { tick: number; kind: 'scale'; replicas: number } | { tick: number; kind: 'crash'; n: number };

function withImage(d: Deployment, image: string): Deployment {
  return { ...d, spec: { ...d.spec!, template: { ...d.spec!.template, spec: { containers: [{ name: 'nginx', image }] } } } };
}

/**
 * Starts from a settled Deployment (one fully available RS of `nginx:1.14.2`), changes the image
 * to `nginx:1.16.1` at tick 1, applies `events`, and runs syncDeployment's scaling decisions
 * (isScalingEvent → scale, else create the new RS if missing + rolloutRolling) once per tick,
 * with a ReplicaSet controller that creates pods at once (available after a delay) and deletes
 * not-yet-available pods first. Checks the fenceposts after every sync.
 */
function simulateRollout(opts: {
  replicas: number; surge: IntOrString; unavailable: IntOrString; delays: number[]; events?: SimEvent[];
}): { ok: boolean; ticks: number; violations: string[] } {
  const events = opts.events ?? [];
  const disturbed = events.some((e) => e.kind !== 'image');
  let d = withImage(dep(opts.replicas, opts.surge, opts.unavailable), 'nginx:1.14.2');
  let delayIdx = 0;
  const nextDelay = () => (opts.delays.length ? opts.delays[delayIdx++ % opts.delays.length]! : 0);
  const built0 = buildNewReplicaSet(d, []);
  const first: ReplicaSet = { ...built0, metadata: { ...built0.metadata, creationTimestamp: '2024-01-01T00:00:00Z' } };
  const sims: SimRS[] = [{ rs: first, pods: Array.from({ length: opts.replicas }, () => 0) }];
  const violations: string[] = [];
  const status = (x: SimRS, tick: number): ReplicaSet => ({ ...x.rs, status: { replicas: x.pods.length, availableReplicas: x.pods.filter((t) => t <= tick).length } });
  d = withImage(d, 'nginx:1.16.1');
  const lastEvent = Math.max(1, ...events.map((e) => e.tick));
  for (let tick = 1; tick <= lastEvent + 600; tick++) {
    for (const e of events.filter((x) => x.tick === tick)) {
      if (e.kind === 'image') d = withImage(d, e.image);
      else if (e.kind === 'scale') d = { ...d, spec: { ...d.spec!, replicas: e.replicas } };
      else {
        let n = e.n;
        for (const x of sims) for (let i = 0; i < x.pods.length && n > 0; i++) if (x.pods[i]! <= tick) { x.pods[i] = tick + 1 + nextDelay(); n--; }
      }
    }
    const view = sims.map((x) => status(x, tick));
    let newRS = findNewReplicaSet(d, view);
    const olds = findOldReplicaSets(d, view).all;
    let steps: ScaleStep[];
    if (isScalingEvent(d, newRS, olds)) {
      steps = scale(d, newRS, olds).steps;
    } else {
      if (!newRS) {
        const b = buildNewReplicaSet(d, olds);
        const built: ReplicaSet = { ...b, metadata: { ...b.metadata, creationTimestamp: `2024-01-01T00:${String(Math.min(59, sims.length)).padStart(2, '0')}:00Z` } };
        sims.push({ rs: built, pods: [] });
        newRS = { ...built, status: { replicas: 0, availableReplicas: 0 } };
      }
      steps = planRollingSync(d, newRS, olds).steps;
    }
    const { desired, max } = replicasAnnotationValues(d);
    for (const st of steps) {
      const x = sims.find((y) => y.rs.metadata!.name === st.name)!;
      x.rs = { ...x.rs, metadata: { ...x.rs.metadata, annotations: setReplicasAnnotations(x.rs.metadata!.annotations, desired, max).annotations }, spec: { ...x.rs.spec!, replicas: st.to } };
    }
    for (const x of sims) {
      const want = x.rs.spec!.replicas!;
      while (x.pods.length < want) x.pods.push(tick + nextDelay());
      x.pods.sort((a, b) => a - b);
      while (x.pods.length > want) x.pods.pop();
    }
    const replicas = d.spec!.replicas!;
    const total = sims.reduce((a, x) => a + x.rs.spec!.replicas!, 0);
    if (total > replicas + maxSurge(d)) violations.push(`tick ${tick}: total ${total} > ${replicas} + ${maxSurge(d)}`);
    const available = sims.reduce((a, x) => a + x.pods.filter((t) => t <= tick).length, 0);
    if (!disturbed && available < minAvailable(d)) violations.push(`tick ${tick}: available ${available} < ${minAvailable(d)}`);
    if (tick < lastEvent) continue;
    const cur = sims.find((x) => equalIgnoreHash(x.rs.spec!.template, d.spec!.template));
    const done = !!cur && cur.rs.spec!.replicas === replicas && cur.pods.filter((t) => t <= tick).length === replicas && cur.pods.length === replicas
      && sims.every((x) => x === cur || (x.rs.spec!.replicas === 0 && x.pods.length === 0));
    if (done) return { ok: true, ticks: tick, violations };
  }
  return { ok: false, ticks: -1, violations };
}

describe('property: a rolling update stays inside its fenceposts and converges', () => {
  const intOrPercent = (max: number) => fc.oneof(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`));
  const delays = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 8 });

  it('total ≤ replicas + surge and available ≥ replicas − maxUnavailable at every sync; ends with replicas new pods', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 50 }), intOrPercent(10), intOrPercent(10), delays, (replicas, surge, unavailable, ds) => {
      const r = simulateRollout({ replicas, surge, unavailable, delays: ds });
      expect(r.violations).toEqual([]);
      expect(r.ok).toBe(true);
    }), { numRuns: 300 });
  });

  it('with image changes, scaling mid-rollout and pod crashes: never past replicas + surge, and converges once they stop', () => {
    const event = fc.oneof(
      fc.record({ tick: fc.integer({ min: 1, max: 30 }), kind: fc.constant('image' as const), image: fc.constantFrom('nginx:1.14.2', 'nginx:1.16.1', 'nginx:1.17', 'nginx:1.18') }),
      fc.record({ tick: fc.integer({ min: 1, max: 30 }), kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ tick: fc.integer({ min: 1, max: 30 }), kind: fc.constant('crash' as const), n: fc.integer({ min: 1, max: 5 }) }),
    );
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 50 }), intOrPercent(10), intOrPercent(10), delays, fc.array(event, { maxLength: 6 }),
      (replicas, surge, unavailable, ds, events) => {
        const r = simulateRollout({ replicas, surge, unavailable, delays: ds, events });
        expect(r.violations).toEqual([]);
        expect(r.ok).toBe(true);
      },
    ), { numRuns: 300 });
  });
});
