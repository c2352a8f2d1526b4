/**
 * The Deployment controller's writes, shared by the Deployment actor and its rollout actors:
 * sync.go `scaleReplicaSet` / `scaleReplicaSetAndRecordEvent` (every scale also refreshes the
 * desired/max-replicas annotations; a size change records `ScalingReplicaSet` on the
 * Deployment) and the events it records (component `deployment-controller`).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { KObject } from '../../src/types.ts';
import type { Env } from '../env.ts';
import { deploymentReplicas, maxSurge, rsReplicas } from './fenceposts.ts';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './replicasets.ts';
import type { ScaleStep } from './rolling.ts';
import { scalingReplicaSetMessage } from './status-messages.ts';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';

/** Records an event about the Deployment, as the deployment controller's recorder does. */
export function recordDeploymentEvent(env: Env, d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void {
  const md = d.metadata ?? {};
  env.record({ type, reason, message, involved: { kind: 'Deployment', name: md.name ?? '', namespace: md.namespace, uid: md.uid }, component: DEPLOYMENT_CONTROLLER });
}

export interface ScaleResult {
  scaled: boolean;
  /** The ReplicaSet as stored after the write (or as given when nothing was written). */
  rs: ReplicaSet;
}

/**
 * sync.go `scaleReplicaSet(rs, newScale, deployment)`: writes when the size or the replica
 * annotations (`desired-replicas = replicas`, `max-replicas = replicas + MaxSurge`) differ;
 * a size change is a `ScalingReplicaSet` event "Scaled up|down replica set X from A to B".
 */
export function scaleReplicaSet(env: Env, d: Deployment, rs: ReplicaSet, newScale: number): ScaleResult {
  const replicas = deploymentReplicas(d);
  const max = replicas + maxSurge(d);
  const oldScale = rsReplicas(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicas, max)) return { scaled: false, rs };
  const control = env.replicaSets;
  if (!control) return { scaled: false, rs };
  const copy = structuredClone(rs);
  copy.spec = { ...copy.spec!, replicas: newScale };
  copy.metadata = { ...copy.metadata, annotations: setReplicasAnnotations(copy.metadata?.annotations, replicas, max).annotations };
  const stored = control.update(copy as unknown as KObject) as unknown as ReplicaSet;
  if (sizeNeedsUpdate) recordDeploymentEvent(env, d, 'Normal', 'ScalingReplicaSet', scalingReplicaSetMessage(stored.metadata?.name ?? '', oldScale, newScale));
  return { scaled: sizeNeedsUpdate, rs: stored };
}

/** sync.go `scaleReplicaSetAndRecordEvent`: nothing at all when the size is already right. */
export function scaleReplicaSetAndRecordEvent(env: Env, d: Deployment, rs: ReplicaSet, newScale: number): ScaleResult {
  if (rsReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(env, d, rs, newScale);
}

/**
 * Performs planned scale steps in order (each against the RS as last written) through
 * `scaleReplicaSetAndRecordEvent`, or `scaleReplicaSet` when `annotations` is set (the
 * proportional path, whose writes may only refresh annotations). Returns whether any size changed
 * and the RSs by name as they now stand.
 */
export function performSteps(env: Env, d: Deployment, rss: ReadonlyArray<ReplicaSet | null | undefined>, steps: ReadonlyArray<ScaleStep>, annotations = false): { scaled: boolean; byName: Map<string, ReplicaSet> } {
  const byName = new Map<string, ReplicaSet>();
  for (const rs of rss) if (rs) byName.set(rs.metadata?.name ?? '', rs);
  let scaled = false;
  for (const step of steps) {
    const rs = byName.get(step.name);
    if (!rs) continue;
    const r = annotations ? scaleReplicaSet(env, d, rs, step.to) : scaleReplicaSetAndRecordEvent(env, d, rs, step.to);
    byName.set(step.name, r.rs);
    scaled ||= r.scaled;
  }
  return { scaled, byName };
}
