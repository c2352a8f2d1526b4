/**
 * The cluster's root actor. Every Pod and Node actor joins its actor system (one clock, one
 * inspection stream, one systemId registry: `Pod/<ns>/<name>`, `Node/<name>`) without being
 * spawned into its children map — XState copies that map on every spawn and stop, which would
 * make N pods O(N²). The root counts what its members report and surfaces their failures.
 */
import { assign, setup, type AnyEventObject } from 'xstate';

export interface ClusterContext {
  /** Pods and nodes that reached their final state (deleted objects). */
  finished: number;
  /** Errors thrown inside member actors, oldest first. */
  errors: { id: string; message: string }[];
}

export const clusterMachine = setup({
  types: {} as { context: ClusterContext; events: { type: string; error?: unknown } },
  actions: {
    countFinished: assign(({ context }) => ({ finished: context.finished + 1 })),
    recordError: assign(({ context, event }) => ({
      errors: [...context.errors, { id: event.type.slice('xstate.error.actor.'.length), message: String((event.error as Error)?.stack ?? event.error) }],
    })),
  },
}).createMachine({
  id: 'cluster',
  context: { finished: 0, errors: [] },
  initial: 'Running',
  states: {
    Running: {
      on: {
        'xstate.done.actor.*': { actions: 'countFinished' },
        'xstate.error.actor.*': { actions: 'recordError' },
      },
    },
  },
});

/** The one event type every member's `xstate.done.actor.<id>` becomes for the root (see {@link createClusterLogic}). */
export const MEMBER_DONE = 'xstate.done.actor.member';

/** `xstate.done.actor.<id>` → {@link MEMBER_DONE}; any other event as it is. */
export function normalizeMemberEvent<E extends AnyEventObject>(event: E): E {
  return event.type.startsWith('xstate.done.actor.') && event.type !== MEMBER_DONE ? { ...event, type: MEMBER_DONE } : event;
}

/**
 * The root actor's logic: {@link clusterMachine}, with every `xstate.done.actor.<id>` it receives
 * seen as one type. XState memoizes a state node's transition candidates per event type for the
 * life of the machine (`StateNode.next`: `memo(this, \`candidates-${type}\`)`), and `<id>` names
 * each Pod — so every Pod that ever finished used to leave a key and an array on `Running`
 * (~320 B each: 160 MiB over a simulated year of a CronJob every minute). The root only counts
 * them. Inspection still shows the real type (`@xstate.event` is emitted as the event is
 * relayed, before the transition runs); `xstate.error.actor.<id>` keeps its id for the message.
 */
export function createClusterLogic(machine: typeof clusterMachine = clusterMachine) {
  const logic = machine.provide({});
  const transition = logic.transition.bind(logic);
  logic.transition = (snapshot, event, scope) => transition(snapshot, normalizeMemberEvent(event), scope);
  return logic;
}
