import { describe, expect, it } from 'vitest';
import {
  addPod,
  balancedAllocationScore,
  leastAllocatedScore,
  numFeasibleNodesToFind,
  podRequests,
  schedulePod,
  scoreNodes,
  selectHost,
  type NodeInfo,
} from '../../src/scheduler/index.ts';
import { makeNodeInfo, makePod, noRng, seededRng } from './helpers.ts';

describe('numFeasibleNodesToFind', () => {
  it.each([
    [0, 0, 0],
    [50, 0, 50],
    [99, 0, 99],
    [100, 0, 100],
    [200, 0, 100], // 49 % of 200 = 98 → at least 100
    [1000, 0, 420], // 50 − 1000/125 = 42 %
    [2000, 0, 680], // 34 %
    [5000, 0, 500], // 10 %
    [6000, 0, 300], // 2 % → floor of 5 %
    [10000, 0, 500],
    [1000, 10, 100],
    [1000, 5, 100],
    [1000, 100, 1000],
  ])('%d nodes at percentageOfNodesToScore=%d → %d', (n, pct, want) => {
    expect(numFeasibleNodesToFind(n, pct)).toBe(want);
  });
});

describe('findNodesThatPassFilters: round-robin start and early stop', () => {
  it('stops after numFeasibleNodesToFind feasible nodes and resumes where it stopped', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => makeNodeInfo(`n${String(i).padStart(3, '0')}`));
    const state = { nextStartNodeIndex: 0 };
    const rng = seededRng(1);
    const r1 = schedulePod(makePod('a', { cpu: '100m' }), nodes, state, rng);
    expect(r1).toMatchObject({ evaluatedNodes: 100, feasibleNodes: 100 });
    expect(state.nextStartNodeIndex).toBe(100);
    const r2 = schedulePod(makePod('b', { cpu: '100m' }), nodes, state, rng);
    expect(r2).toMatchObject({ evaluatedNodes: 100, feasibleNodes: 100 });
    expect('nodeIndex' in r2 && r2.nodeIndex >= 100).toBe(true);
    expect(state.nextStartNodeIndex).toBe(0);
  });

  it('counts rejected nodes as processed too', () => {
    const nodes = Array.from({ length: 200 }, (_, i) =>
      makeNodeInfo(`n${i}`, i < 10 ? { taints: [{ key: 'k', effect: 'NoSchedule' }] } : {}),
    );
    const state = { nextStartNodeIndex: 0 };
    const r = schedulePod(makePod('a'), nodes, state, seededRng(2));
    expect(r).toMatchObject({ evaluatedNodes: 110, feasibleNodes: 100 });
    expect(state.nextStartNodeIndex).toBe(110);
  });

  it('wraps the index modulo the number of nodes', () => {
    const nodes = Array.from({ length: 5 }, (_, i) => makeNodeInfo(`n${i}`));
    const state = { nextStartNodeIndex: 3 };
    schedulePod(makePod('a'), nodes, state, seededRng(3));
    expect(state.nextStartNodeIndex).toBe(3); // (3 + 5) % 5
  });
});

describe('selectHost (reservoir sampling among the top scores)', () => {
  const draws = (...xs: number[]) => {
    let i = 0;
    return () => xs[i++];
  };
  it.each([
    [[5, 7, 7, 3, 7], [0.4, 0.9], 2], // tie #2 replaces (0), tie #3 keeps (2 of 3)
    [[5, 7, 7, 3, 7], [0.6, 0.1], 4], // tie #2 keeps (1 of 2), tie #3 replaces (0 of 3)
    [[5, 7, 7, 3, 7], [0.6, 0.5], 1],
    [[9, 1, 2], [], 0], // a unique maximum draws nothing
    [[1, 2, 3], [], 2],
    [[3, 3], [0.49], 1],
    [[3, 3], [0.5], 0],
  ])('scores %j with draws %j pick index %d', (scores, rs, want) => {
    expect(selectHost(scores, draws(...rs))).toBe(want);
  });
});

describe('scoring (default plugin weights)', () => {
  it('NodeResourcesFit LeastAllocated and BalancedAllocation, worked example', () => {
    const ni = makeNodeInfo('n', { cpu: '4', memory: '8Gi' });
    addPod(ni, podRequests(makePod('x', { cpu: '1', memory: '2Gi' })));
    const req = podRequests(makePod('p', { cpu: '1', memory: '1Gi' }));
    // cpu (4000−2000)·100/4000 = 50, memory (8−3)·100/8 = 62 → (50+62)/2 = 56
    expect(leastAllocatedScore(ni, req)).toBe(56);
    // fractions .5 and .375 → std .0625 → (1−.0625)·100 = 93
    expect(balancedAllocationScore(ni, req)).toBe(93);
    // + TaintToleration 100·3 (no PreferNoSchedule taints anywhere)
    expect(scoreNodes(makePod('p', { cpu: '1', memory: '1Gi' }), [ni])).toEqual([56 + 93 + 300]);
  });

  it('LeastAllocated counts missing requests as 100m / 200Mi', () => {
    const ni = makeNodeInfo('n', { cpu: '1', memory: '1000Mi' });
    const req = podRequests(makePod('p'));
    expect(leastAllocatedScore(ni, req)).toBe(Math.floor((90 + 80) / 2));
  });

  it('BalancedAllocation is skipped for best-effort pods', () => {
    const ni = makeNodeInfo('n', { cpu: '1', memory: '1000Mi' });
    expect(scoreNodes(makePod('p'), [ni])).toEqual([85 + 300]);
  });

  it('TaintToleration counts intolerable PreferNoSchedule taints and normalizes in reverse', () => {
    const soft = (k: string) => ({ key: k, effect: 'PreferNoSchedule' });
    const nodes = [
      makeNodeInfo('a', { taints: [soft('x'), soft('y')] }),
      makeNodeInfo('b', { taints: [soft('x')] }),
      makeNodeInfo('c'),
      makeNodeInfo('d', { taints: [soft('x'), soft('tolerated')] }),
    ];
    const pod = makePod('p', { cpu: '1', memory: '1Gi', tolerations: [{ key: 'tolerated', operator: 'Exists' }] });
    const base = scoreNodes(makePod('q', { cpu: '1', memory: '1Gi' }), [makeNodeInfo('c')])[0] - 300;
    expect(scoreNodes(pod, nodes).map((s) => s - base)).toEqual([0, 150, 300, 150]);
  });

  it('NodeAffinity preferred terms add their weights, normalized to 100, weight 2', () => {
    const nodes = [makeNodeInfo('a', { labels: { zone: 'a' } }), makeNodeInfo('b', { labels: { zone: 'b', ssd: 'yes' } }), makeNodeInfo('c')];
    const pod = makePod('p', {
      cpu: '1',
      memory: '1Gi',
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } },
            { weight: 10, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } },
          ],
        },
      },
    });
    const base = scoreNodes(makePod('q', { cpu: '1', memory: '1Gi' }), [makeNodeInfo('c')])[0];
    // raw 10, 30, 0 → 33, 100, 0
    expect(scoreNodes(pod, nodes).map((s) => s - base)).toEqual([66, 200, 0]);
  });
});

describe('schedulePod', () => {
  it('spreads identical pods over identical nodes (LeastAllocated)', () => {
    const nodes = [makeNodeInfo('a'), makeNodeInfo('b'), makeNodeInfo('c')];
    const state = { nextStartNodeIndex: 0 };
    const rng = seededRng(42);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 6; i++) {
      const pod = makePod(`p${i}`, { cpu: '500m', memory: '512Mi' });
      const r = schedulePod(pod, nodes, state, rng);
      if (!('nodeName' in r)) throw new Error(r.error);
      addPod(nodes[r.nodeIndex], podRequests(pod));
      counts[r.nodeName] = (counts[r.nodeName] ?? 0) + 1;
    }
    expect(counts).toEqual({ a: 2, b: 2, c: 2 });
  });

  it('avoids the tainted and cordoned nodes', () => {
    const nodes = [
      makeNodeInfo('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      makeNodeInfo('cordoned', { unschedulable: true }),
      makeNodeInfo('worker'),
    ];
    const r = schedulePod(makePod('p'), nodes, { nextStartNodeIndex: 0 }, noRng);
    expect(r).toEqual({ nodeName: 'worker', nodeIndex: 2, evaluatedNodes: 3, feasibleNodes: 1 });
  });

  it('a single feasible node is taken without scoring or drawing', () => {
    const nodes = [makeNodeInfo('a', { labels: { disk: 'ssd' } }), makeNodeInfo('b')];
    expect(schedulePod(makePod('p', { nodeSelector: { disk: 'ssd' } }), nodes, { nextStartNodeIndex: 1 }, noRng)).toMatchObject({
      nodeName: 'a',
    });
  });

  it('tries the nominated node first and takes it when it fits', () => {
    const nodes = [makeNodeInfo('a'), makeNodeInfo('b'), makeNodeInfo('c')];
    const state = { nextStartNodeIndex: 0 };
    expect(schedulePod(makePod('p', { nominatedNodeName: 'c' }), nodes, state, noRng)).toEqual({
      nodeName: 'c',
      nodeIndex: 2,
      evaluatedNodes: 1,
      feasibleNodes: 1,
    });
    expect(state.nextStartNodeIndex).toBe(0);
  });

  it('a DaemonSet pod (matchFields metadata.name) is filtered against its node only', () => {
    const nodes: NodeInfo[] = Array.from({ length: 1000 }, (_, i) => makeNodeInfo(`node-${i}`));
    const pod = makePod('ds', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-737'] }] }],
          },
        },
      },
    });
    const state = { nextStartNodeIndex: 5 };
    expect(schedulePod(pod, nodes, state, noRng)).toEqual({ nodeName: 'node-737', nodeIndex: 737, evaluatedNodes: 1, feasibleNodes: 1 });
    expect(state.nextStartNodeIndex).toBe(6);
  });

  it('breaks ties with the injected rng: same seed, same choices', () => {
    const run = (seed: number) => {
      const nodes = Array.from({ length: 20 }, (_, i) => makeNodeInfo(`n${i}`));
      const state = { nextStartNodeIndex: 0 };
      const rng = seededRng(seed);
      return Array.from({ length: 50 }, (_, i) => {
        const pod = makePod(`p${i}`, { cpu: '100m', memory: '100Mi' });
        const r = schedulePod(pod, nodes, state, rng);
        if (!('nodeName' in r)) throw new Error(r.error);
        addPod(nodes[r.nodeIndex], podRequests(pod));
        return r.nodeName;
      });
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});
