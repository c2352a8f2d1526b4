/** Shared builders for the StatefulSet arithmetic tests. */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import { iso } from '../../../machines/time.ts';
import { newStatefulSetPod, setPodRevision } from '../../../machines/statefulset/identity.ts';
import { newRevision } from '../../../machines/statefulset/revisions.ts';
import { setDefaultsStatefulSet } from '../../../machines/statefulset/spec.ts';

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const SET_UID = 'set-uid';

export interface SetOptions {
  name?: string;
  namespace?: string;
  uid?: string;
  replicas?: number;
  start?: number;
  policy?: 'OrderedReady' | 'Parallel';
  type?: 'RollingUpdate' | 'OnDelete';
  /** `null`: `type: RollingUpdate` with no rollingUpdate block. */
  partition?: number | null;
  maxUnavailable?: number | string;
  minReadySeconds?: number;
  image?: string;
  claims?: string[];
  whenDeleted?: 'Retain' | 'Delete';
  whenScaled?: 'Retain' | 'Delete';
  generation?: number;
  status?: NonNullable<StatefulSet['status']>;
}

/** A defaulted StatefulSet `web` (app=nginx) in `default`, one `www` claim template unless told. */
export function sts(o: SetOptions = {}): StatefulSet {
  const set: StatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: o.name ?? 'web', namespace: o.namespace ?? 'default', uid: o.uid ?? SET_UID, generation: o.generation ?? 1 },
    spec: {
      replicas: o.replicas ?? 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.start !== undefined ? { ordinals: { start: o.start } } : {}),
      ...(o.policy ? { podManagementPolicy: o.policy } : {}),
      ...(o.whenDeleted || o.whenScaled ? { persistentVolumeClaimRetentionPolicy: { whenDeleted: o.whenDeleted ?? 'Retain', whenScaled: o.whenScaled ?? 'Retain' } } : {}),
      updateStrategy: o.type === 'OnDelete' ? { type: 'OnDelete' }
        : o.partition === null ? { type: 'RollingUpdate' }
        : { type: 'RollingUpdate', rollingUpdate: { partition: o.partition ?? 0, ...(o.maxUnavailable !== undefined ? { maxUnavailable: o.maxUnavailable } : {}) } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [{
            name: 'nginx', image: o.image ?? 'registry.k8s.io/nginx-slim:0.24',
            volumeMounts: (o.claims ?? ['www']).map((c) => ({ name: c, mountPath: `/${c}` })),
          }],
        },
      },
      volumeClaimTemplates: (o.claims ?? ['www']).map((c) => ({
        metadata: { name: c },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      })),
    },
    ...(o.status ? { status: o.status } : {}),
  };
  return setDefaultsStatefulSet(set);
}

/** The revision for the set's current template (revision number n). */
export function rev(set: StatefulSet, n = 1, collisionCount = 0): ControllerRevision {
  return { ...newRevision(set, n, collisionCount), metadata: { ...newRevision(set, n, collisionCount).metadata, creationTimestamp: iso(NOW - (100 - n) * 1000) } };
}

export interface PodOptions {
  phase?: '' | 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  ready?: boolean;
  /** ms the Ready condition turned True (default: long ago). */
  readySince?: number;
  deleting?: boolean;
  revision?: string;
  uid?: string;
}

/** A pod of `set` at `ordinal` as the controller builds it, with a status. Default: Running and Ready for an hour. */
export function podOf(set: StatefulSet, ordinal: number, o: PodOptions = {}): Pod {
  let p = newStatefulSetPod(set, ordinal);
  if (o.revision !== undefined) p = setPodRevision(p, o.revision);
  const phase = o.phase ?? 'Running';
  const ready = o.ready ?? phase === 'Running';
  return {
    ...p,
    metadata: { ...p.metadata, uid: o.uid ?? `pod-uid-${ordinal}`, ...(o.deleting ? { deletionTimestamp: iso(NOW - 1000) } : {}) },
    ...(phase !== '' ? {
      status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: iso(o.readySince ?? NOW - 3600_000) }] },
    } : {}),
  };
}

export function ownerRef(kind: string, name: string, uid: string, controller = true): OwnerReference {
  return {
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1', kind, name, uid,
    ...(controller ? { controller: true, blockOwnerDeletion: true } : {}),
  };
}

/** A claim `<template>-<set>-<ordinal>` with the given ownerReferences. */
export function claim(name: string, refs: OwnerReference[] = [], deleting = false): PersistentVolumeClaim {
  return {
    metadata: {
      name, namespace: 'default', labels: { app: 'nginx' },
      ...(refs.length ? { ownerReferences: refs } : {}),
      ...(deleting ? { deletionTimestamp: iso(NOW - 1000) } : {}),
    },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
}
