import { createCluster, type Cluster, type ClusterOptions } from '../../src/cluster/cluster.ts';
import type { Pod } from '../../src/types.ts';

export const T0 = Date.UTC(2026, 0, 1);

export function cluster(opts: ClusterOptions = {}): Cluster {
  return createCluster({ nodes: 3, seed: 1, ...opts });
}

/** A one-container Pod manifest; `spec` (YAML-able object) is merged into the pod spec. */
export function podYaml(name: string, o: { image?: string; annotations?: Record<string, string | number>; spec?: Record<string, unknown>; container?: Record<string, unknown> } = {}): string {
  const doc = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(o.annotations ? { annotations: Object.fromEntries(Object.entries(o.annotations).map(([k, v]) => [`kubeactors.dev/${k}`, String(v)])) } : {}),
    },
    spec: { containers: [{ name: 'app', image: o.image ?? 'nginx:1.14.2', ...o.container }], ...o.spec },
  };
  return JSON.stringify(doc);
}

export const getPod = (c: Cluster, name: string): Pod | undefined => c.get('Pod', name) as Pod | undefined;
export const phase = (c: Cluster, name: string) => getPod(c, name)?.status?.phase;
export const podCond = (c: Cluster, name: string, type: string) => getPod(c, name)?.status?.conditions?.find((x) => x.type === type);
export const elapsed = (c: Cluster) => (c.now() - T0) / 1000;

export function podEvents(c: Cluster, name: string, reason?: string): any[] {
  return (c.events({ involved: { kind: 'Pod', name } }) as any[]).filter((e) => !reason || e.reason === reason);
}
