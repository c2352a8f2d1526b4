/** kubeactors: Kubernetes workloads as XState actors. Public API (see DESIGN.md). */
export { createCluster, Cluster, ClusterError } from './cluster/cluster.ts';
export type { ClusterOptions, ClusterSnapshot, ApplyResult, DeleteOptions, ListOptions, WatchEvent } from './cluster/cluster.ts';
export * from '../machines/index.ts';
export { parseManifests, loadManifestPath, ManifestLoadError, formatManifestError } from './manifest/index.ts';
export type { ManifestError } from './manifest/index.ts';
export { parseDuration } from './duration.ts';
export type { KObject } from './types.ts';
/** XState's `createActor`, for running an exported machine on its own. */
export { createActor } from 'xstate';
