import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createCluster } from '../../src/cluster/cluster.ts';
import { evs, exec, firstDiff, phases, scenarioArb, snap, start, type Scenario } from './model.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

/** Runs a scenario, checking after each command that refusals change nothing and terminal phases stick. */
function runChecked(s: Scenario) {
  const c = start(s);
  const terminal = new Map<string, string>();
  for (const cmd of s.cmds) {
    const before = snap(c);
    const r = exec(c, cmd);
    if (r === 'refused') expect(firstDiff(before, snap(c)), `refused ${JSON.stringify(cmd)} changed the cluster`).toBeUndefined();
    for (const [uid, ph] of phases(c)) {
      const was = terminal.get(uid);
      if (was) expect(ph, `pod ${uid} was ${was}, then ${ph} after ${JSON.stringify(cmd)}`).toBe(was);
      if (ph === 'Succeeded' || ph === 'Failed') terminal.set(uid, ph);
    }
  }
  return c;
}

describe('properties of random workloads under random commands', () => {
  it('(a) nothing throws except documented refusals, which leave snapshot() unchanged; (d) Succeeded/Failed never change', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        runChecked(s).stop();
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) two runs with the same seed give identical events() and snapshot()', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const a = start(s);
        const b = start(s);
        for (const cmd of s.cmds) {
          exec(a, cmd);
          exec(b, cmd);
        }
        expect(firstDiff(evs(a), evs(b))).toBeUndefined();
        expect(firstDiff(snap(a), snap(b))).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('(c) snapshot at any step → JSON → createCluster({ snapshot }) → the rest of the commands gives the same final state', () => {
    fc.assert(
      fc.property(scenarioArb(30), fc.nat(), (s, k) => {
        const cut = k % (s.cmds.length + 1);
        const a = start(s);
        let restored = undefined as ReturnType<typeof createCluster> | undefined;
        s.cmds.forEach((cmd, i) => {
          if (i === cut) restored = createCluster({ snapshot: JSON.parse(JSON.stringify(a.snapshot())) });
          exec(a, cmd);
          if (restored) exec(restored, cmd);
        });
        if (!restored) restored = createCluster({ snapshot: JSON.parse(JSON.stringify(a.snapshot())) });
        // one more stretch of time, so pending timers restored from the snapshot get to fire
        a.advance('10m');
        restored.advance('10m');
        expect(firstDiff(snap(a), snap(restored))).toBeUndefined();
        expect(firstDiff(evs(a), evs(restored))).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it("(e) advance('60s') ≡ sixty advance('1s')", () => {
    fc.assert(
      fc.property(scenarioArb(12), (s) => {
        const a = start(s);
        const b = start(s);
        for (const cmd of s.cmds) {
          exec(a, cmd);
          exec(b, cmd);
        }
        a.advance('60s');
        for (let i = 0; i < 60; i++) b.advance('1s');
        expect(firstDiff(snap(a), snap(b))).toBeUndefined();
        expect(firstDiff(evs(a), evs(b))).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});
