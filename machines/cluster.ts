/**
 * The cluster's root actor. Every Pod and Node actor joins its actor system (one clock, one
 * inspection stream, one systemId registry: `Pod/<ns>/<name>`, `Node/<name>`) without being
 * spawned into its children map — XState copies that map on every spawn and stop, which would
 * make N pods O(N²). The root counts what its members report and surfaces their failures.
 */
import { assign, setup } from 'xstate';

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
