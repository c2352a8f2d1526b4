/**
 * A Node: what its kubelet reports (conditions) and what the node lifecycle controller does
 * about it (pkg/controller/nodelifecycle): when the kubelet reports NotReady the node gets the
 * `node.kubernetes.io/not-ready` taints; when the kubelet stops posting status, after the
 * node-monitor grace period every condition turns Unknown and the `unreachable` taints are
 * added. Cordoning (`spec.unschedulable`) adds `node.kubernetes.io/unschedulable:NoSchedule`.
 */
import { assign, setup } from 'xstate';
import type { Node, Taint } from '../src/types.ts';
import type { Env } from './env.ts';
import { armTimer, disarmTimer, type Timers } from './timers.ts';
import { iso } from './time.ts';

/** kube-controller-manager `--node-monitor-grace-period` default (50s since 1.32, was 40s). */
export const NODE_MONITOR_GRACE_MS = 50_000;

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export interface NodeInput {
  addr: string;
  node: Node;
}

export interface NodeContext {
  addr: string;
  node: Node;
  timers: Timers;
}

export type NodeEvent =
  | { type: 'node.kubelet'; state: 'Ready' | 'NotReady' | 'Stopped' }
  | { type: 'node.update'; node: Node }
  | { type: 'timer.grace' };


type Cond = { type: string; status: string; reason: string; message: string };

const HEALTHY: Cond[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

export function nodeConditions(prev: Node['status'], want: 'Ready' | 'NotReady' | 'Unknown', now: number): NonNullable<Node['status']>['conditions'] {
  const t = iso(now);
  const conds: Cond[] = HEALTHY.map((c) => {
    if (want === 'Unknown') return { type: c.type, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
    if (want === 'NotReady' && c.type === 'Ready')
      return { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down' };
    return c;
  });
  return conds.map((c) => {
    const old = prev?.conditions?.find((o) => o.type === c.type);
    const moved = !old || old.status !== c.status;
    return {
      ...c,
      lastHeartbeatTime: want === 'Unknown' && old ? old.lastHeartbeatTime : t,
      lastTransitionTime: moved ? t : old!.lastTransitionTime,
    };
  });
}

/** Taints the node lifecycle controller keeps in line with the Ready condition and cordon. */
export function controllerTaints(taints: Taint[] | undefined, ready: 'True' | 'False' | 'Unknown', unschedulable: boolean, now: number): Taint[] {
  const managed = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE]);
  const keep = (taints ?? []).filter((t) => !managed.has(t.key));
  const existing = (key: string, effect: string) => taints?.find((t) => t.key === key && t.effect === effect);
  const add = (key: string, effect: 'NoSchedule' | 'NoExecute'): Taint => {
    const old = existing(key, effect);
    if (old) return old;
    // SwapNodeControllerTaint stamps every taint it adds (NoSchedule ones too).
    return { key, effect, timeAdded: iso(now) };
  };
  const out = [...keep];
  if (unschedulable) out.push(add(TAINT_UNSCHEDULABLE, 'NoSchedule'));
  if (ready === 'False') out.push(add(TAINT_NOT_READY, 'NoSchedule'), add(TAINT_NOT_READY, 'NoExecute'));
  if (ready === 'Unknown') out.push(add(TAINT_UNREACHABLE, 'NoSchedule'), add(TAINT_UNREACHABLE, 'NoExecute'));
  return out;
}

export function createNodeMachine(env: Env) {
  const record = (ctx: NodeContext, type: 'Normal' | 'Warning', reason: string, message: string, component = 'kubelet') =>
    env.record({
      type,
      reason,
      message,
      involved: { kind: 'Node', name: ctx.node.metadata!.name!, uid: ctx.node.metadata!.name! },
      component,
      host: component === 'kubelet' ? ctx.node.metadata!.name : undefined,
    });
  const withState = (ctx: NodeContext, want: 'Ready' | 'NotReady' | 'Unknown'): Node => {
    const now = env.now();
    const conditions = nodeConditions(ctx.node.status, want, now);
    const ready = want === 'Ready' ? 'True' : want === 'NotReady' ? 'False' : 'Unknown';
    const taints = controllerTaints(ctx.node.spec?.taints, ready, !!ctx.node.spec?.unschedulable, now);
    const spec = { ...ctx.node.spec };
    if (taints.length) spec.taints = taints;
    else delete spec.taints;
    return { ...ctx.node, spec, status: { ...ctx.node.status, conditions } };
  };
  const readyOf = (n: Node) => (n.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'True') as 'True' | 'False' | 'Unknown';

  return setup({
    types: {} as { context: NodeContext; events: NodeEvent; input: NodeInput },
    actions: {
      becomeReady: assign(({ context }) => {
        record(context, 'Normal', 'NodeReady', `Node ${context.node.metadata!.name} status is now: NodeReady`);
        return { node: withState(context, 'Ready'), timers: disarmTimer(context.timers, 'grace') };
      }),
      becomeNotReady: assign(({ context }) => {
        record(context, 'Normal', 'NodeNotReady', `Node ${context.node.metadata!.name} status is now: NodeNotReady`);
        return { node: withState(context, 'NotReady'), timers: disarmTimer(context.timers, 'grace') };
      }),
      kubeletStopped: assign(({ context }) => ({
        timers: armTimer(env, context.addr, context.timers, 'grace', env.now() + NODE_MONITOR_GRACE_MS),
      })),
      becomeUnknown: assign(({ context }) => {
        // RecordNodeStatusChange on the Node; the Warning "Node is not ready" goes on each pod (MarkPodsNotReady).
        record(context, 'Normal', 'NodeNotReady', `Node ${context.node.metadata!.name} status is now: NodeNotReady`, 'node-controller');
        return { node: withState(context, 'Unknown'), timers: disarmTimer(context.timers, 'grace') };
      }),
      update: assign(({ context, event }) => {
        if (event.type !== 'node.update') return {};
        const now = env.now();
        const was = !!context.node.spec?.unschedulable;
        const next = event.node;
        const unschedulable = !!next.spec?.unschedulable;
        if (was !== unschedulable) {
          const name = context.node.metadata!.name!;
          record(context, 'Normal', unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable', `Node ${name} status is now: ${unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable'}`);
        }
        const taints = controllerTaints(next.spec?.taints, readyOf(context.node), unschedulable, now);
        const spec = { ...next.spec };
        if (taints.length) spec.taints = taints;
        else delete spec.taints;
        return { node: { ...context.node, metadata: { ...context.node.metadata, labels: next.metadata?.labels, annotations: next.metadata?.annotations }, spec } };
      }),
    },
  }).createMachine({
    id: 'node',
    context: ({ input }) => ({ addr: input.addr, node: withStateInit(input.node, env.now()), timers: {} }),
    initial: 'Ready',
    on: { 'node.update': { actions: 'update' } },
    states: {
      Ready: {
        on: {
          'node.kubelet': [
            { guard: ({ event }) => event.state === 'NotReady', target: 'NotReady', actions: 'becomeNotReady' },
            { guard: ({ event }) => event.state === 'Stopped', target: 'Unreachable' },
          ],
        },
      },
      NotReady: {
        on: {
          'node.kubelet': [
            { guard: ({ event }) => event.state === 'Ready', target: 'Ready', actions: 'becomeReady' },
            { guard: ({ event }) => event.state === 'Stopped', target: 'Unreachable' },
          ],
        },
      },
      // The kubelet stopped posting status; the API keeps the last report until the grace period ends.
      Unreachable: {
        initial: 'Grace',
        on: {
          'node.kubelet': [
            { guard: ({ event }) => event.state === 'Ready', target: 'Ready', actions: 'becomeReady' },
            { guard: ({ event }) => event.state === 'NotReady', target: 'NotReady', actions: 'becomeNotReady' },
          ],
        },
        states: {
          Grace: {
            entry: 'kubeletStopped',
            on: { 'timer.grace': { target: 'Unknown', actions: 'becomeUnknown' } },
          },
          Unknown: {},
        },
      },
    },
  });
}

function withStateInit(node: Node, now: number): Node {
  if (node.status?.conditions?.length) return node;
  const conditions = nodeConditions(node.status, 'Ready', now);
  const taints = controllerTaints(node.spec?.taints, 'True', !!node.spec?.unschedulable, now);
  const spec = { ...node.spec };
  if (taints.length) spec.taints = taints;
  return { ...node, spec, status: { ...node.status, conditions } };
}

export type NodeMachine = ReturnType<typeof createNodeMachine>;
