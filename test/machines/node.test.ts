import { describe, it, expect } from 'vitest';
import { controllerTaints, createNodeMachine, NODE_MONITOR_GRACE_MS } from '../../machines/node.ts';
import type { Node } from '../../src/types.ts';
import { run, type Harness } from './harness.ts';

const S = 1000;

function node(spec: Node['spec'] = {}): Harness {
  return run(createNodeMachine, { addr: 'node:n1', node: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec } });
}
const N = (h: Harness): Node => h.context.node;
const cond = (h: Harness, type: string) => N(h).status!.conditions!.find((c) => c.type === type)!;
const taints = (h: Harness) => (N(h).spec!.taints ?? []).map((t) => `${t.key}:${t.effect}`);

describe('node: conditions and lifecycle taints', () => {
  it('a fresh node reports the kubelet conditions, Ready last', () => {
    const h = node();
    expect(N(h).status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(N(h).spec!.taints).toBeUndefined();
  });

  it('kubelet NotReady: Ready=False KubeletNotReady and the not-ready NoSchedule + NoExecute taints; recovery removes them', () => {
    const h = node();
    h.advance(5 * S);
    h.send({ type: 'node.kubelet', state: 'NotReady' });
    expect(cond(h, 'Ready')).toMatchObject({ status: 'False', reason: 'KubeletNotReady', lastTransitionTime: '2026-01-01T00:00:05Z' });
    expect(taints(h)).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    expect(N(h).spec!.taints!.find((t) => t.effect === 'NoExecute')!.timeAdded).toBe('2026-01-01T00:00:05Z');
    expect(h.events().map((e) => [e.reason, e.message])).toEqual([['NodeNotReady', 'Node n1 status is now: NodeNotReady']]);
    h.advance(5 * S);
    h.send({ type: 'node.kubelet', state: 'Ready' });
    expect(cond(h, 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady', lastTransitionTime: '2026-01-01T00:00:10Z' });
    expect(N(h).spec!.taints).toBeUndefined();
    expect(h.events().at(-1)).toMatchObject({ reason: 'NodeReady', message: 'Node n1 status is now: NodeReady' });
  });

  it('kubelet stops posting: nothing changes for the 50 s grace period, then every condition is Unknown with the unreachable taints', () => {
    expect(NODE_MONITOR_GRACE_MS).toBe(50_000);
    const h = node();
    const hb = cond(h, 'Ready').lastHeartbeatTime;
    h.send({ type: 'node.kubelet', state: 'Stopped' });
    h.advance(50 * S - 1);
    expect(cond(h, 'Ready').status).toBe('True');
    expect(N(h).spec!.taints).toBeUndefined();
    h.advance(1);
    for (const t of ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']) {
      expect(cond(h, t)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: '2026-01-01T00:00:50Z' });
    }
    expect(cond(h, 'Ready').lastHeartbeatTime).toBe(hb);
    expect(taints(h)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    const ev = h.events().at(-1)!;
    expect(ev).toMatchObject({ type: 'Normal', reason: 'NodeNotReady', message: 'Node n1 status is now: NodeNotReady', component: 'node-controller' });
  });

  it('a kubelet back within the grace period leaves the node Ready', () => {
    const h = node();
    h.send({ type: 'node.kubelet', state: 'Stopped' });
    h.advance(30 * S);
    h.send({ type: 'node.kubelet', state: 'Ready' });
    h.advance(60 * S);
    expect(cond(h, 'Ready').status).toBe('True');
    expect(N(h).spec!.taints).toBeUndefined();
  });

  it('not-ready and unreachable are swapped, never both', () => {
    const h = node();
    h.send({ type: 'node.kubelet', state: 'NotReady' });
    h.send({ type: 'node.kubelet', state: 'Stopped' });
    h.advance(50 * S);
    expect(taints(h)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
  });

  it('cordon: spec.unschedulable adds node.kubernetes.io/unschedulable:NoSchedule and NodeNotSchedulable; uncordon removes it', () => {
    const h = node();
    h.send({ type: 'node.update', node: { ...N(h), spec: { ...N(h).spec, unschedulable: true } } });
    expect(taints(h)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    expect(h.events().at(-1)).toMatchObject({ reason: 'NodeNotSchedulable', message: 'Node n1 status is now: NodeNotSchedulable' });
    h.send({ type: 'node.update', node: { ...N(h), spec: { taints: N(h).spec!.taints } } });
    expect(N(h).spec!.taints).toBeUndefined();
    expect(h.events().at(-1)).toMatchObject({ reason: 'NodeSchedulable', message: 'Node n1 status is now: NodeSchedulable' });
  });

  it('user taints are kept alongside the controller ones', () => {
    const h = node({ taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    h.send({ type: 'node.kubelet', state: 'NotReady' });
    expect(taints(h)).toEqual(['dedicated:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
  });

  it('controllerTaints keeps the timeAdded of an existing taint', () => {
    const t1 = controllerTaints(undefined, 'False', false, Date.UTC(2026, 0, 1));
    const t2 = controllerTaints(t1, 'False', false, Date.UTC(2026, 0, 2));
    expect(t2).toEqual(t1);
  });
});
