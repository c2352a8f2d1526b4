/**
 * The DaemonSet controller's arithmetic, as pure functions (no machines, no cluster): one import
 * point for the modules below. Each function names the upstream function it mirrors.
 *
 * - eligibility.ts — NodeShouldRunDaemonPod, predicates, NewPod, AddOrUpdateDaemonPodTolerations
 *   (+ AddOrUpdateTolerationInPodSpec), ReplaceDaemonSetPodNodeNameNodeAffinity, GetTargetNodeName
 * - pods.ts — label/annotation keys, SetDefaults_DaemonSet, GetTemplateGeneration, IsPodUpdated,
 *   CreatePodTemplate, the created pod, SurgeCount/UnavailableCount/AllowsSurge, pod order,
 *   getNodesToDaemonPods, SplitByAvailablePods
 * - manage.ts — podsShouldBeOnNode (failed-pod backoff, events), manage, getUnscheduledPodsWithoutNode, syncNodes
 * - rolling.ts — findUpdatedPodsOnNode, updatedDesiredNodeCounts, rollingUpdate (both paths), updateDaemonSet
 * - status.ts — updateDaemonSetStatus counts, storeDaemonSetStatus, the minReadySeconds requeue
 * - history.ts — getPatch/Match, snapshot, constructHistory, dedupCurHistories, cleanupHistory
 * - kubectl.ts — kubectl rollout status for DaemonSets
 */
export * from './eligibility.ts';
export * from './pods.ts';
export * from './manage.ts';
export * from './rolling.ts';
export * from './status.ts';
export * from './history.ts';
export * from './kubectl.ts';
