/**
 * The Deployment controller's arithmetic, as pure functions (no machines, no cluster): one
 * import point for the modules below. Each function names the upstream function it mirrors.
 *
 * - fenceposts.ts — int-or-percent scaling, ResolveFenceposts, MaxSurge/MaxUnavailable/MinAvailable, NewRSNewReplicas, replica sums
 * - replicasets.ts — orderings, revision and replica annotations, new/old RS selection, IsSaturated, FindActiveOrLatest
 * - rolling.ts — reconcileNewReplicaSet, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate, reconcileOldReplicaSets, Recreate helpers
 * - proportional.ts — getReplicaSetFraction, GetReplicaSetProportion, scale, isScalingEvent
 * - history.ts — MaxRevision/LastRevision, revision-history, SetNewReplicaSetAnnotations, getNewReplicaSet, cleanupDeployment, controller rollback
 * - hash.ts — ComputeHash, SafeEncodeString, EqualIgnoreHash
 * - status-messages.ts — condition reasons/messages, calculateStatus, syncRolloutStatus, paused conditions, events, kubectl rollout status
 * - kubectl.ts — kubectl rollout undo / rollout history
 */
export * from './fenceposts.ts';
export * from './replicasets.ts';
export * from './rolling.ts';
export * from './proportional.ts';
export * from './history.ts';
export * from './hash.ts';
export * from './status-messages.ts';
export * from './kubectl.ts';
