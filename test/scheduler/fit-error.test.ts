import { describe, expect, it } from 'vitest';
import { addPod, fitErrorMessage, newDiagnosis, podRequests, schedulePod, type NodeInfo } from '../../src/scheduler/index.ts';
import { makeNodeInfo, makePod, noRng, type PodOpts } from './helpers.ts';

const cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function cluster(workerCpu: string, usedCpu?: string): NodeInfo[] {
  const nodes = [makeNodeInfo('cp', { taints: [cp] }), makeNodeInfo('w1', { cpu: workerCpu }), makeNodeInfo('w2', { cpu: workerCpu })];
  if (usedCpu) for (const n of nodes.slice(1)) addPod(n, podRequests(makePod('busy', { cpu: usedCpu })));
  return nodes;
}

const pinned = (node: string, extra: PodOpts = {}): PodOpts => ({
  ...extra,
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
      },
    },
  },
});

describe('FitError.Error() with the DefaultPreemption message', () => {
  it.each<[string, () => NodeInfo[], PodOpts, string, string[]]>([
    [
      'a pod bigger than any worker: preemption cannot help anywhere',
      () => cluster('2'),
      { cpu: '3' },
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      ['NodeResourcesFit', 'TaintToleration'],
    ],
    [
      'full workers: preemption looks for victims and finds none (no lower-priority pods)',
      () => cluster('4', '3500m'),
      { cpu: '1' },
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
      ['NodeResourcesFit', 'TaintToleration'],
    ],
    [
      'preemptionPolicy: Never',
      () => cluster('4', '3500m'),
      { cpu: '1', preemptionPolicy: 'Never' },
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
      ['NodeResourcesFit', 'TaintToleration'],
    ],
    [
      'a nodeSelector no node matches',
      () => [makeNodeInfo('a'), makeNodeInfo('b'), makeNodeInfo('c')],
      { nodeSelector: { disk: 'ssd' } },
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      ['NodeAffinity'],
    ],
    [
      'a DaemonSet pod pinned to a full node: the other nodes are never evaluated',
      () => {
        const nodes = [makeNodeInfo('n1', { cpu: '1' }), makeNodeInfo('n2', { cpu: '1' })];
        addPod(nodes[1], podRequests(makePod('busy', { cpu: '900m' })));
        return nodes;
      },
      pinned('n2', { cpu: '200m' }),
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
      ['NodeAffinity', 'NodeResourcesFit'],
    ],
    [
      'a DaemonSet pod pinned to a node with no pod slots left',
      () => {
        const nodes = Array.from({ length: 10 }, (_, i) => makeNodeInfo(`n${i}`, { pods: '1' }));
        addPod(nodes[3], podRequests(makePod('busy')));
        return nodes;
      },
      pinned('n3'),
      "0/10 nodes are available: 1 Too many pods, 9 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/10 nodes are available: 1 No preemption victims found for incoming pod, 9 Preemption is not helpful for scheduling.",
      ['NodeAffinity', 'NodeResourcesFit'],
    ],
    [
      'a pod pinned to a node that does not exist',
      () => [makeNodeInfo('n1'), makeNodeInfo('n2')],
      pinned('gone'),
      "0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
      ['NodeAffinity'],
    ],
    [
      'required terms that pin no node at all conflict at PreFilter',
      () => [makeNodeInfo('n1'), makeNodeInfo('n2')],
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchFields: [
                    { key: 'metadata.name', operator: 'In', values: ['n1'] },
                    { key: 'metadata.name', operator: 'In', values: ['n2'] },
                  ],
                },
              ],
            },
          },
        },
      },
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
      ['NodeAffinity'],
    ],
    [
      'a node short of both cpu and memory counts under both reasons',
      () => [makeNodeInfo('n1', { cpu: '1', memory: '1Gi' }), makeNodeInfo('n2', { cpu: '8', memory: '1Gi' })],
      { cpu: '2', memory: '2Gi' },
      '0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
      ['NodeResourcesFit'],
    ],
  ])('%s', (_name, nodes, podOpts, message, plugins) => {
    expect(schedulePod(makePod('p', podOpts), nodes(), { nextStartNodeIndex: 0 }, noRng)).toEqual({
      error: message,
      unschedulablePlugins: plugins,
    });
  });

  it('with no nodes at all: "no nodes available to schedule pods"', () => {
    expect(schedulePod(makePod('p'), [], { nextStartNodeIndex: 0 }, noRng)).toEqual({
      error: 'no nodes available to schedule pods',
      unschedulablePlugins: [],
    });
  });

  it('sorts the histogram as strings, so "10 …" comes before "2 …"', () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
    for (let i = 0; i < 2; i++) d.nodeToStatus.set(`b${i}`, { code: 'Unschedulable', reasons: ['Insufficient cpu'] });
    expect(fitErrorMessage(12, d)).toBe('0/12 nodes are available: 10 node(s) were unschedulable, 2 Insufficient cpu.');
  });

  it('prints no filter part when nothing was recorded', () => {
    expect(fitErrorMessage(3, newDiagnosis())).toBe('0/3 nodes are available:');
  });
});
