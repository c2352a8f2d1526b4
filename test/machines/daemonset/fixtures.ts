/**
 * Shared builders for the DaemonSet arithmetic tests (modelled on upstream's daemon_controller_test.go
 * helpers: newDaemonSet("foo"), addNodes("node-%d"), newPod, markPodReady).
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Node, Pod, Taint, Toleration } from '../../../src/types.ts';
import { CONTROLLER_REVISION_HASH_LABEL, setDefaultsDaemonSet } from '../../../machines/daemonset/arith.ts';

export const T0 = Date.parse('2024-01-01T00:00:00Z');
export const sec = (s: number) => T0 + s * 1000;
export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export const simpleDaemonSetLabel = { name: 'simple-daemon', type: 'production' };

export function node(name: string, opts: { labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean } = {}): Node {
  return {
    metadata: { name, labels: opts.labels ?? {} },
    spec: { ...(opts.taints ? { taints: opts.taints } : {}), ...(opts.unschedulable ? { unschedulable: true } : {}) },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

export const nodes = (n: number, opts?: Parameters<typeof node>[1]) => Array.from({ length: n }, (_, i) => node(`node-${i}`, opts));

export interface DsOpts {
  name?: string;
  image?: string;
  strategy?: 'RollingUpdate' | 'OnDelete';
  maxUnavailable?: number | string;
  maxSurge?: number | string;
  minReadySeconds?: number;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  hostNetwork?: boolean;
  annotations?: Record<string, string>;
  generation?: number;
  observedGeneration?: number;
}

/** upstream `newDaemonSet("foo")`, defaulted. */
export function ds(opts: DsOpts = {}): DaemonSet {
  const strategy = opts.strategy ?? 'RollingUpdate';
  return setDefaultsDaemonSet({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: opts.name ?? 'foo', namespace: 'default', uid: 'ds-uid', generation: opts.generation ?? 1,
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
    },
    spec: {
      selector: { matchLabels: simpleDaemonSetLabel },
      ...(opts.minReadySeconds !== undefined ? { minReadySeconds: opts.minReadySeconds } : {}),
      updateStrategy: strategy === 'OnDelete'
        ? { type: 'OnDelete' }
        : { type: 'RollingUpdate', rollingUpdate: { ...(opts.maxUnavailable !== undefined ? { maxUnavailable: opts.maxUnavailable } : {}), ...(opts.maxSurge !== undefined ? { maxSurge: opts.maxSurge } : {}) } },
      template: {
        metadata: { labels: simpleDaemonSetLabel },
        spec: {
          containers: [{ name: 'foo', image: opts.image ?? 'foo/bar' }],
          ...(opts.nodeSelector ? { nodeSelector: opts.nodeSelector } : {}),
          ...(opts.tolerations ? { tolerations: opts.tolerations } : {}),
          ...(opts.hostNetwork ? { hostNetwork: true } : {}),
        },
      },
    },
    status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, observedGeneration: opts.observedGeneration ?? 0 },
  });
}

export interface PodOpts {
  hash?: string;
  /** creation time, seconds after T0 */
  created?: number;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** Ready since this many seconds after T0 (undefined: not ready). */
  readySince?: number;
  deleting?: boolean;
  /** false: not yet scheduled, targets the node through the affinity only */
  scheduled?: boolean;
  labels?: Record<string, string>;
}

/** A daemon pod of `ds()` on `nodeName`. */
export function pod(name: string, nodeName: string, opts: PodOpts = {}): Pod {
  const scheduled = opts.scheduled ?? true;
  return {
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: iso(sec(opts.created ?? 0)),
      labels: { ...simpleDaemonSetLabel, ...(opts.hash !== undefined ? { [CONTROLLER_REVISION_HASH_LABEL]: opts.hash } : {}), ...(opts.labels ?? {}) },
      ...(opts.deleting ? { deletionTimestamp: iso(sec(1000)) } : {}),
    },
    spec: {
      containers: [{ name: 'foo', image: 'foo/bar' }],
      ...(scheduled ? { nodeName } : {}),
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } },
    },
    status: {
      phase: opts.phase ?? 'Running',
      ...(opts.readySince !== undefined ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(sec(opts.readySince)) }] } : { conditions: [{ type: 'Ready', status: 'False' }] }),
    },
  };
}

/** Mark a pod Ready since `at` (ms). */
export function markReady(p: Pod, at: number): Pod {
  return { ...p, status: { ...(p.status ?? {}), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(at) }] } };
}
