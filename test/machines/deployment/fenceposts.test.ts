import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  getScaledValueFromIntOrPercent, resolveFenceposts, maxSurge, maxUnavailable, minAvailable, newRSNewReplicas,
  goParseInt, type IntOrString,
} from '../../../machines/deployment/arith.ts';

function dep(replicas: number, surge?: IntOrString, unavailable?: IntOrString, type = 'RollingUpdate'): Deployment {
  return {
    metadata: { name: 'nginx' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } } },
      strategy: { type, ...(type === 'RollingUpdate' ? { rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } : {}) },
    },
  };
}

function rs(name: string, replicas: number): ReplicaSet {
  return { metadata: { name }, spec: { replicas, selector: {} } };
}

describe('intstr.GetScaledValueFromIntOrPercent', () => {
  it.each([
    [5, 10, true, 5],
    [5, 10, false, 5],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['25%', 4, false, 1],
    ['25%', 3, false, 0],
    ['25%', 1, true, 1],
    ['39%', 10, true, 4],
    ['39%', 10, false, 3],
    ['0%', 0, true, 0],
    ['100%', 7, false, 7],
    ['150%', 2, true, 3],
    ['1%', 1, true, 1],
    ['1%', 1, false, 0],
    ['+50%', 4, true, 2],
  ] as const)('%j of %i (roundUp %s) = %i', (v, total, up, want) => {
    expect(getScaledValueFromIntOrPercent(v, total, up)).toBe(want);
  });

  it.each([
    [undefined, 'nil value for IntOrString'],
    ['oops', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['5', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['abc%', 'invalid value for IntOrString: invalid value "abc%": strconv.Atoi: parsing "abc": invalid syntax'],
    ['%', 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax'],
    ['1.5%', 'invalid value for IntOrString: invalid value "1.5%": strconv.Atoi: parsing "1.5": invalid syntax'],
  ] as const)('%j fails with upstream\'s error', (v, msg) => {
    expect(() => getScaledValueFromIntOrPercent(v, 10, true)).toThrowError(msg);
  });

  it('Go strconv errors', () => {
    expect(goParseInt('12')).toEqual({ value: 12 });
    expect(goParseInt('-3')).toEqual({ value: -3 });
    expect(goParseInt('99999999999999999999')).toEqual({ error: 'strconv.ParseInt: parsing "99999999999999999999": value out of range' });
    expect(goParseInt('x', 'Atoi')).toEqual({ error: 'strconv.Atoi: parsing "x": invalid syntax' });
  });
});

describe('ResolveFenceposts', () => {
  // The reference's §3.2 table.
  it.each([
    [10, '25%', '25%', 3, 2],
    [4, '25%', '25%', 1, 1],
    [3, '25%', '25%', 1, 0],
    [1, '25%', '25%', 1, 0],
    [1, 0, '25%', 0, 1],
    [0, '0%', '0%', 0, 1],
  ] as const)('replicas %i, surge %j, unavailable %j → %i / %i', (desired, s, u, surge, unavailable) => {
    expect(resolveFenceposts(s, u, desired)).toEqual({ surge, unavailable });
  });

  // deployment_util_test.go TestResolveFenceposts.
  it.each([
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ] as const)('upstream vector %j / %j of %i → %i / %i', (s, u, desired, surge, unavailable) => {
    expect(resolveFenceposts(s, u, desired)).toEqual({ surge, unavailable });
  });

  it.each([['oops', '39%'], ['55%', 'urg']] as const)('upstream vector %j / %j is an error', (s, u) => {
    expect(() => resolveFenceposts(s, u, 10)).toThrow(/invalid value for IntOrString/);
  });

  it('the comment block cases: 1% of 2 or 1 rounds unavailable to 0 → 1', () => {
    expect(resolveFenceposts('0%', '1%', 2)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts('1%', '25%', 1)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts('1%', '0%', 2)).toEqual({ surge: 1, unavailable: 0 });
  });

  const intOrPercent = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 200 }).map((n) => `${n}%`));
  it('property: the fenceposts never both resolve to 0', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), intOrPercent, intOrPercent, (desired, s, u) => {
      const f = resolveFenceposts(s, u, desired);
      expect(f.surge + f.unavailable).toBeGreaterThanOrEqual(1);
      expect(f.surge).toBeGreaterThanOrEqual(0);
    }));
  });

  it('property: for replicas > 0 a RollingUpdate Deployment can always move (MaxSurge + MaxUnavailable ≥ 1), MinAvailable in [0, replicas]', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), intOrPercent, intOrPercent, (replicas, s, u) => {
      const d = dep(replicas, s, u);
      expect(maxSurge(d) + maxUnavailable(d)).toBeGreaterThanOrEqual(1);
      expect(maxUnavailable(d)).toBeLessThanOrEqual(replicas);
      expect(minAvailable(d)).toBeGreaterThanOrEqual(0);
      expect(minAvailable(d)).toBeLessThanOrEqual(replicas);
    }));
  });
});

describe('MaxSurge / MaxUnavailable / MinAvailable', () => {
  // deployment_util_test.go TestMaxUnavailable (maxSurge 1).
  it.each([
    [10, 5, 5], [10, 10, 10], [5, 10, 5], [0, 10, 0], [10, '50%', 5], [10, '100%', 10], [5, '100%', 5],
  ] as const)('MaxUnavailable: replicas %i, maxUnavailable %j → %i', (replicas, u, want) => {
    expect(maxUnavailable(dep(replicas, 1, u))).toBe(want);
  });

  // deployment_util_test.go TestMinAvailable (maxSurge 1).
  it.each([
    [10, 5, 5], [10, 10, 0], [5, 10, 0], [0, 10, 0], [10, '60%', 4], [10, '100%', 0], [5, '100%', 0],
  ] as const)('MinAvailable: replicas %i, maxUnavailable %j → %i', (replicas, u, want) => {
    expect(minAvailable(dep(replicas, 1, u))).toBe(want);
  });

  it('Recreate: all three are 0', () => {
    const d = dep(10, undefined, undefined, 'Recreate');
    expect([maxSurge(d), maxUnavailable(d), minAvailable(d)]).toEqual([0, 0, 0]);
  });

  it('replicas 0 with 0%/0%: surge 0, MaxUnavailable clamps the both-zero 1 to 0', () => {
    const d = dep(0, '0%', '0%');
    expect([maxSurge(d), maxUnavailable(d), minAvailable(d)]).toEqual([0, 0, 0]);
  });

  it('defaults 25%/25%: surge rounds up, unavailable down', () => {
    expect([10, 4, 3, 1].map((r) => [maxSurge(dep(r, '25%', '25%')), maxUnavailable(dep(r, '25%', '25%'))])).toEqual([[3, 2], [1, 1], [1, 0], [1, 0]]);
  });

  it('a bad value is swallowed as 0 (validation catches it upstream)', () => {
    const d = dep(10, 'oops', '25%');
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([0, 0]);
  });
});

describe('NewRSNewReplicas', () => {
  // deployment_util_test.go TestNewRSNewReplicas: allRSs = [rs5], maxUnavailable 1.
  it.each([
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5],
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 3],
  ] as const)('%s', (_name, type, depReplicas, newReplicas, surge, want) => {
    const d = dep(depReplicas, surge, 1, type);
    if (type === 'Recreate') d.spec!.strategy!.rollingUpdate = { maxSurge: surge, maxUnavailable: 1 };
    expect(newRSNewReplicas(d, [rs('rs5', 5)], rs('new', newReplicas))).toBe(want);
  });

  // rolling_test.go TestDeploymentController_reconcileNewReplicaSet (scale-up rows).
  it.each([
    [10, 0, 10, 0, 0],
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2, 2],
  ] as const)('replicas %i surge %i, old %i new %i → new %i', (replicas, surge, old, cur, want) => {
    const n = rs('new', cur);
    expect(newRSNewReplicas(dep(replicas, surge, 0), [rs('old', old), n], n)).toBe(want);
  });

  it('the reference worked example: a fresh RS for 10 replicas at 25% next to a full old RS starts at 3', () => {
    const n = rs('new', 0);
    expect(newRSNewReplicas(dep(10, '25%', '25%'), [rs('old', 10), n], n)).toBe(3);
  });

  it('first rollout: the only RS goes straight to replicas', () => {
    const n = rs('new', 0);
    expect(newRSNewReplicas(dep(10, '25%', '25%'), [n], n)).toBe(10);
  });

  it('uses the RAW maxSurge: nil is an error here (ResolveFenceposts would default it)', () => {
    const n = rs('new', 0);
    expect(() => newRSNewReplicas(dep(10, undefined, 1), [n], n)).toThrowError('nil value for IntOrString');
  });

  it('an unknown strategy type is an error', () => {
    const n = rs('new', 0);
    expect(() => newRSNewReplicas(dep(10, 1, 1, 'BlueGreen'), [n], n)).toThrowError("deployment type BlueGreen isn't supported");
  });

  it('property: the result is between the current size and replicas, and never pushes the total past replicas + surge', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }), fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }), fc.integer({ min: 0, max: 60 }),
      (replicas, surge, olds, cur) => {
        fc.pre(cur <= replicas);
        const n = rs('new', cur);
        const all = [...olds.map((o, i) => rs(`old${i}`, o)), n];
        const got = newRSNewReplicas(dep(replicas, surge, 1), all, n);
        expect(got).toBeGreaterThanOrEqual(cur);
        expect(got).toBeLessThanOrEqual(replicas);
        const total = olds.reduce((a, b) => a + b, 0) + cur;
        if (got > cur) expect(total - cur + got).toBeLessThanOrEqual(replicas + surge);
      },
    ));
  });
});
