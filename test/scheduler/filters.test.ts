import { describe, expect, it } from 'vitest';
import { addPod, filterNode, podRequests, type NodeStatus } from '../../src/scheduler/index.ts';
import { makeNodeInfo, makePod, type NodeOpts, type PodOpts } from './helpers.ts';

const cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('filter plugins, in default-profile order, with their exact reasons', () => {
  it.each<[string, NodeOpts, PodOpts, NodeStatus | null]>([
    ['a plain pod fits an empty node', {}, { cpu: '100m' }, null],
    [
      'NodeUnschedulable rejects a cordoned node',
      { unschedulable: true },
      {},
      { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'], plugin: 'NodeUnschedulable' },
    ],
    [
      'a pod tolerating node.kubernetes.io/unschedulable:NoSchedule passes a cordoned node',
      { unschedulable: true },
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] },
      null,
    ],
    [
      'NodeName rejects another node',
      {},
      { nodeName: 'other' },
      { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"], plugin: 'NodeName' },
    ],
    [
      'TaintToleration names the untolerated taint with an empty value',
      { taints: [cp] },
      {},
      {
        code: 'UnschedulableAndUnresolvable',
        reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
        plugin: 'TaintToleration',
      },
    ],
    [
      'TaintToleration names key and value',
      { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] },
      {},
      {
        code: 'UnschedulableAndUnresolvable',
        reasons: ['node(s) had untolerated taint {dedicated: gpu}'],
        plugin: 'TaintToleration',
      },
    ],
    ['a PreferNoSchedule taint does not filter', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }, {}, null],
    [
      'NodeNotReady is a not-ready:NoExecute taint',
      { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] },
      {},
      {
        code: 'UnschedulableAndUnresolvable',
        reasons: ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'],
        plugin: 'TaintToleration',
      },
    ],
    [
      'NodeAffinity rejects a nodeSelector mismatch',
      { labels: { disk: 'hdd' } },
      { nodeSelector: { disk: 'ssd' } },
      { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"], plugin: 'NodeAffinity' },
    ],
    ['nodeSelector match', { labels: { disk: 'ssd' } }, { nodeSelector: { disk: 'ssd' } }, null],
    [
      'NodeResourcesFit: Insufficient cpu is resolvable when the node could hold the pod',
      { cpu: '1' },
      { cpu: '800m' },
      { code: 'Unschedulable', reasons: ['Insufficient cpu'], plugin: 'NodeResourcesFit' },
    ],
    [
      'NodeResourcesFit: a request above allocatable is unresolvable',
      { cpu: '1', memory: '1Gi' },
      { cpu: '2', memory: '2Gi' },
      { code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient cpu', 'Insufficient memory'], plugin: 'NodeResourcesFit' },
    ],
    [
      'NodeResourcesFit: Too many pods',
      { pods: '1' },
      {},
      { code: 'Unschedulable', reasons: ['Too many pods'], plugin: 'NodeResourcesFit' },
    ],
    [
      'the first rejecting plugin decides (taint before resources)',
      { taints: [cp], cpu: '1' },
      { cpu: '800m' },
      {
        code: 'UnschedulableAndUnresolvable',
        reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
        plugin: 'TaintToleration',
      },
    ],
  ])('%s', (_name, nodeOpts, podOpts, want) => {
    const ni = makeNodeInfo('n1', nodeOpts);
    // one 300m pod already on the node for the resource cases
    if (nodeOpts.cpu === '1' && !nodeOpts.memory) addPod(ni, podRequests(makePod('existing', { cpu: '300m' })));
    if (nodeOpts.pods === '1') addPod(ni, podRequests(makePod('existing')));
    expect(filterNode(makePod('p', podOpts), ni)).toEqual(want);
  });

  it("reports the v1.34+ wording with taintReason 'generic'", () => {
    const ni = makeNodeInfo('n1', { taints: [cp] });
    expect(filterNode(makePod('p'), ni, { taintReason: 'generic' })?.reasons).toEqual(['node(s) had untolerated taint(s)']);
  });
});

describe('NodeAffinity required terms (component-helpers nodeaffinity)', () => {
  const term = (matchExpressions: object[], matchFields?: object[]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions, ...(matchFields ? { matchFields } : {}) }],
        },
      },
    },
  }) as PodOpts;
  const labels = { zone: 'a', 'cpu-count': '16', gpu: '' };

  it.each<[string, PodOpts, boolean]>([
    ['In', term([{ key: 'zone', operator: 'In', values: ['a', 'b'] }]), true],
    ['In, no match', term([{ key: 'zone', operator: 'In', values: ['c'] }]), false],
    ['NotIn', term([{ key: 'zone', operator: 'NotIn', values: ['c'] }]), true],
    ['NotIn on a missing label', term([{ key: 'rack', operator: 'NotIn', values: ['c'] }]), true],
    ['Exists', term([{ key: 'gpu', operator: 'Exists' }]), true],
    ['DoesNotExist', term([{ key: 'gpu', operator: 'DoesNotExist' }]), false],
    ['Gt', term([{ key: 'cpu-count', operator: 'Gt', values: ['8'] }]), true],
    ['Lt', term([{ key: 'cpu-count', operator: 'Lt', values: ['8'] }]), false],
    ['Gt with a non-integer value never matches', term([{ key: 'cpu-count', operator: 'Gt', values: ['x'] }]), false],
    ['matchFields metadata.name In', term([], [{ key: 'metadata.name', operator: 'In', values: ['n1'] }]), true],
    ['matchFields metadata.name In, other node', term([], [{ key: 'metadata.name', operator: 'In', values: ['n2'] }]), false],
    ['matchFields metadata.name NotIn', term([], [{ key: 'metadata.name', operator: 'NotIn', values: ['n2'] }]), true],
    ['an empty term matches nothing', term([]), false],
    [
      'terms are ORed',
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z'] }] },
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
              ],
            },
          },
        },
      },
      true,
    ],
    ['nodeSelector and affinity must both match', { ...term([{ key: 'zone', operator: 'In', values: ['a'] }]), nodeSelector: { zone: 'b' } }, false],
  ])('%s', (_name, podOpts, fits) => {
    expect(filterNode(makePod('p', podOpts), makeNodeInfo('n1', { labels })) === null).toBe(fits);
  });
});
