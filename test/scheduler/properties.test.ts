import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Taint, Toleration } from '../../src/types.ts';
import { addPod, filterNode, podRequests, schedulePod, scoreNodes, type NodeInfo } from '../../src/scheduler/index.ts';
import { makeNodeInfo, makePod, seededRng, type PodOpts } from './helpers.ts';

const TAINTS: Taint[] = [
  { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
  { key: 'soft', effect: 'PreferNoSchedule' },
  { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
];
const TOLERATIONS: Toleration[] = [
  { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'soft', operator: 'Exists' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  { operator: 'Exists' },
];
const ZONES = ['a', 'b', 'c'];

const nodeArb = fc.record({
  cpu: fc.integer({ min: 0, max: 8000 }),
  memMi: fc.integer({ min: 0, max: 16384 }),
  pods: fc.integer({ min: 0, max: 6 }),
  zone: fc.constantFrom(...ZONES),
  taints: fc.subarray(TAINTS),
  unschedulable: fc.boolean(),
  load: fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 2000 }), memMi: fc.integer({ min: 0, max: 2048 }) }), { maxLength: 3 }),
});

const podArb = fc.record({
  cpu: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
  memMi: fc.option(fc.integer({ min: 0, max: 8192 }), { nil: undefined }),
  tolerations: fc.subarray(TOLERATIONS),
  zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  notZone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  preferZone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
});

type NodeSpec = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;
type PodSpec = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function buildNodes(specs: NodeSpec[]): NodeInfo[] {
  return specs.map((s, i) => {
    const ni = makeNodeInfo(`n${i}`, {
      cpu: `${s.cpu}m`,
      memory: `${s.memMi}Mi`,
      pods: String(s.pods),
      labels: { zone: s.zone },
      taints: s.taints,
      unschedulable: s.unschedulable,
    });
    for (const l of s.load) addPod(ni, podRequests(makePod('load', { cpu: `${l.cpu}m`, memory: `${l.memMi}Mi` })));
    return ni;
  });
}

function buildPod(name: string, s: PodSpec) {
  const o: PodOpts = { tolerations: s.tolerations };
  if (s.cpu !== undefined) o.cpu = `${s.cpu}m`;
  if (s.memMi !== undefined) o.memory = `${s.memMi}Mi`;
  if (s.zone !== undefined) o.nodeSelector = { zone: s.zone };
  if (s.notZone !== undefined || s.preferZone !== undefined) {
    o.affinity = {
      nodeAffinity: {
        ...(s.notZone !== undefined
          ? {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: [s.notZone] }] }],
              },
            }
          : {}),
        ...(s.preferZone !== undefined
          ? {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 50, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: [s.preferZone] }] } },
              ],
            }
          : {}),
      },
    };
  }
  return makePod(name, o);
}

describe('schedulePod properties', () => {
  it('never selects a node that fails a filter, and fails only when every node does', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 12 }), podArb, fc.nat(), fc.integer(), (nodeSpecs, podSpec, start, seed) => {
        const nodes = buildNodes(nodeSpecs);
        const pod = buildPod('p', podSpec);
        const r = schedulePod(pod, nodes, { nextStartNodeIndex: start % nodes.length }, seededRng(seed));
        if ('nodeName' in r) {
          expect(nodes[r.nodeIndex].node.metadata!.name).toBe(r.nodeName);
          expect(filterNode(pod, nodes[r.nodeIndex])).toBeNull();
        } else {
          for (const ni of nodes) expect(filterNode(pod, ni)).not.toBeNull();
          expect(r.error.startsWith(`0/${nodes.length} nodes are available: `)).toBe(true);
          expect(r.unschedulablePlugins.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('picks a node with the highest total score among the feasible ones (< 100 nodes: all are scored)', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 2, maxLength: 12 }), fc.array(podArb, { minLength: 1, maxLength: 10 }), fc.integer(), (nodeSpecs, podSpecs, seed) => {
        const nodes = buildNodes(nodeSpecs);
        const state = { nextStartNodeIndex: 0 };
        const rng = seededRng(seed);
        podSpecs.forEach((ps, i) => {
          const pod = buildPod(`p${i}`, ps);
          const feasible = nodes.filter((ni) => filterNode(pod, ni) === null);
          const r = schedulePod(pod, nodes, state, rng);
          if ('nodeName' in r) {
            const scores = scoreNodes(pod, feasible);
            const best = Math.max(...scores);
            if (feasible.length > 1) expect(scores[feasible.indexOf(nodes[r.nodeIndex])]).toBe(best);
            addPod(nodes[r.nodeIndex], podRequests(pod));
          } else {
            expect(feasible).toEqual([]);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('placing a stream of pods never overcommits a node', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 8 }), fc.array(podArb, { maxLength: 30 }), fc.integer(), (nodeSpecs, podSpecs, seed) => {
        const nodes = buildNodes(nodeSpecs.map((s) => ({ ...s, load: [] })));
        const state = { nextStartNodeIndex: 0 };
        const rng = seededRng(seed);
        podSpecs.forEach((ps, i) => {
          const pod = buildPod(`p${i}`, ps);
          const r = schedulePod(pod, nodes, state, rng);
          if ('nodeName' in r) addPod(nodes[r.nodeIndex], podRequests(pod));
          expect(state.nextStartNodeIndex).toBeGreaterThanOrEqual(0);
          expect(state.nextStartNodeIndex).toBeLessThan(nodes.length);
        });
        for (const ni of nodes) {
          expect(ni.requested.pods).toBeLessThanOrEqual(ni.allocatable.pods);
          expect(ni.requested.milliCPU).toBeLessThanOrEqual(ni.allocatable.milliCPU);
          expect(ni.requested.memory).toBeLessThanOrEqual(ni.allocatable.memory);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: the same seed and inputs give the same placements and state', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 10 }), fc.array(podArb, { maxLength: 25 }), fc.integer(), (nodeSpecs, podSpecs, seed) => {
        const run = () => {
          const nodes = buildNodes(nodeSpecs);
          const state = { nextStartNodeIndex: 0 };
          const rng = seededRng(seed);
          const out = podSpecs.map((ps, i) => {
            const pod = buildPod(`p${i}`, ps);
            const r = schedulePod(pod, nodes, state, rng);
            if ('nodeName' in r) addPod(nodes[r.nodeIndex], podRequests(pod));
            return r;
          });
          return { out, state, requested: nodes.map((n) => n.requested) };
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 200 },
    );
  });
});
