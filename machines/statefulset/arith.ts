/**
 * The StatefulSet controller's arithmetic, as pure functions (no machines, no cluster): one
 * import point for the modules below. Each function names the upstream function it mirrors.
 *
 * - spec.ts — constants, feature gates (1.32 defaults), SetDefaults_StatefulSet, spec accessors, getStatefulSetMaxUnavailable
 * - identity.ts — ordinals and names, identity labels, hostname/subdomain, storage, newStatefulSetPod / newVersionedStatefulSetPod, pod predicates
 * - retention.ts — PVC retention ownerRefs (isClaimOwnerUpToDate, updateClaimOwnerRefForSetAndPod), PodClaimIsStale, claim creation, pod/claim events
 * - revisions.ts — getPatch, HashControllerRevision, newRevision, ApplyRevision, revision order/equality, getStatefulSetRevisions, truncateHistory
 * - update.ts — one sync as a plan (updateStatefulSet / processReplica / processCondemned / rolling update / maxUnavailable)
 * - status.ts — computeReplicaStatus, completeRollingUpdate, inconsistentStatus, the minReadySeconds requeue
 * - kubectl.ts — kubectl rollout status / rollout history for StatefulSets
 *
 * Upstream: kubernetes/kubernetes pkg/controller/statefulset (stateful_set.go,
 * stateful_set_control.go, stateful_set_utils.go, stateful_pod_control.go,
 * stateful_set_status_updater.go), pkg/controller/history, pkg/apis/apps/v1/defaults.go;
 * kubernetes/kubectl pkg/polymorphichelpers (rollout_status.go, history.go).
 */
export * from './spec.ts';
export * from './identity.ts';
export * from './retention.ts';
export * from './revisions.ts';
export * from './update.ts';
export * from './status.ts';
export * from './kubectl.ts';
