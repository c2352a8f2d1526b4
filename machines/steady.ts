/**
 * The state shell the replica controllers share (ReplicaSet/ReplicationController, DaemonSet,
 * StatefulSet): every `controller.sync` runs the machine's `sync` action and lands in `Deciding`,
 * which goes to `Steady` when the machine's `settled` guard holds (its status says everything
 * is in place) and back to `Progressing` otherwise. What each state means for a kind is on its
 * docs page.
 */
export const progressingSteady = {
  initial: 'Progressing',
  states: {
    Progressing: {
      on: { 'controller.sync': { target: 'Deciding', actions: 'sync' } },
    },
    Deciding: {
      always: [{ guard: 'settled', target: 'Steady' }, { target: 'Progressing' }],
    },
    Steady: {
      on: { 'controller.sync': { target: 'Deciding', actions: 'sync' } },
    },
  },
} as const;
