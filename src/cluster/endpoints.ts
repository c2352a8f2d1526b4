/**
 * The endpoints controller (pkg/controller/endpoint/endpoints_controller.go `syncService`): a
 * Service with a selector has an Endpoints object of the same name listing, per port, the IPs of
 * the pods it selects — ready pods under `addresses`, the others (with an IP, not terminal, not
 * being deleted) under `notReadyAddresses`, or all of them as ready when the Service sets
 * `publishNotReadyAddresses`. A pod with `hostname` and a `subdomain` naming the Service carries its
 * hostname (the stable DNS name of StatefulSet pods behind their headless Service).
 *
 * Level-triggered like the other controllers: a pod change marks the Services of its namespace
 * whose selector matches its old or new labels; a Service change marks itself; dirty Services
 * sync once the rest of the instant has settled. Selecting Services are found by scanning the
 * Services of the pod's namespace (few, next to pods).
 */
import { iso } from '../../machines/time.ts';
import { matches, selectorFromSet } from '../labels.ts';
import type { KObject, Pod } from '../types.ts';
import { emitWatch, isReady, newUid, type ClusterState } from './state.ts';
import type { Entry } from './store.ts';

/** A pod changed: which Services must recompute their endpoints. */
export function endpointsPodTouched(s: ClusterState, prev: Pod | undefined, pod: Pod | undefined): void {
  const p = pod ?? prev;
  if (!p) return;
  if (prev && pod && !relevantChange(prev, pod)) return;
  const ns = p.metadata?.namespace;
  for (const svc of s.store.entriesIn('Service', ns)) {
    const sel = svc.object!.spec?.selector;
    if (!sel || !Object.keys(sel).length) continue;
    const selector = selectorFromSet(sel);
    if (matches(selector, prev?.metadata?.labels) || matches(selector, pod?.metadata?.labels)) s.dirtyServices.add(svc.uid);
  }
}

/** What the endpoints of a pod depend on. */
function relevantChange(a: Pod, b: Pod): boolean {
  return a.metadata?.labels !== b.metadata?.labels || a.status?.podIP !== b.status?.podIP || isReady(a) !== isReady(b)
    || a.metadata?.deletionTimestamp !== b.metadata?.deletionTimestamp || a.status?.phase !== b.status?.phase
    || a.spec?.nodeName !== b.spec?.nodeName;
}

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}

/** pkg/controller/endpoint `findPort` (podutil.FindPort): a numeric targetPort as is, a name looked up in the pod's container ports. */
function findPort(pod: Pod, svcPort: any): number | null {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (svcPort.protocol ?? 'TCP')) return p.containerPort;
  }
  return null;
}

/** The Endpoints subsets for a Service over the pods of its namespace (RepackSubsets: one subset per port set, addresses by IP). */
export function computeSubsets(svc: KObject, pods: Pod[]): any[] {
  const selector = selectorFromSet(svc.spec.selector);
  const publishNotReady = svc.spec.publishNotReadyAddresses === true;
  const groups = new Map<string, { ports: EndpointPort[]; ready: any[]; notReady: any[] }>();
  for (const pod of pods) {
    if (!matches(selector, pod.metadata?.labels)) continue;
    const ip = pod.status?.podIP;
    const phase = pod.status?.phase;
    if (!ip || phase === 'Succeeded' || phase === 'Failed') continue;
    if (pod.metadata?.deletionTimestamp && !publishNotReady) continue;
    const address: any = { ip };
    if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata?.namespace) address.hostname = pod.spec.hostname;
    if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
    address.targetRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid };
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === null) continue;
      ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' });
    }
    // A Service without ports lists its pods' addresses with no ports (headless).
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    (publishNotReady || isReady(pod) ? g.ready : g.notReady).push(address);
  }
  const byIp = (a: any, b: any) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  const subsets: any[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    const subset: any = {};
    if (g.ready.length) subset.addresses = g.ready.sort(byIp);
    if (g.notReady.length) subset.notReadyAddresses = g.notReady.sort(byIp);
    if (g.ports.length) subset.ports = g.ports;
    subsets.push(subset);
  }
  return subsets;
}

/** Syncs every dirty Service's Endpoints; returns whether any was synced. */
export function syncEndpoints(s: ClusterState): boolean {
  if (!s.dirtyServices.size) return false;
  const dirty = [...s.dirtyServices].map((uid) => s.store.byUid.get(uid)).filter((e): e is Entry => !!e).sort((a, b) => a.seq! - b.seq!);
  s.dirtyServices.clear();
  for (const svc of dirty) syncService(s, svc);
  return true;
}

function syncService(s: ClusterState, svc: Entry): void {
  const obj = svc.object!;
  const sel = obj.spec?.selector;
  if (!sel || !Object.keys(sel).length) return; // endpoints of selector-less Services are the user's
  const pods: Pod[] = [];
  for (const p of s.store.entriesIn('Pod', svc.namespace)) if (p.last) pods.push(p.last as Pod);
  const subsets = computeSubsets(obj, pods);
  const labels: Record<string, string> = { ...(obj.metadata.labels ?? {}) };
  if (obj.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const existing = s.store.get('Endpoints', svc.namespace, svc.name);
  const body = { subsets, labels };
  if (existing) {
    const cur = existing.object!;
    if (JSON.stringify({ subsets: cur.subsets ?? [], labels: cur.metadata.labels ?? {} }) === JSON.stringify(body)) return;
    const md = { ...cur.metadata, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': iso(s.clock.now) } } as KObject['metadata'];
    if (Object.keys(labels).length) md.labels = labels;
    else delete md.labels;
    existing.object = { ...cur, metadata: md, subsets } as KObject;
    if (!subsets.length) delete (existing.object as any).subsets;
    existing.rv = ++s.rv;
    emitWatch(s, 'MODIFIED', existing);
    return;
  }
  const ep: any = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: svc.name,
      namespace: svc.namespace,
      uid: newUid(s),
      creationTimestamp: iso(s.clock.now),
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': iso(s.clock.now) },
    },
  };
  if (subsets.length) ep.subsets = subsets;
  const e: Entry = { kind: 'Endpoints', namespace: svc.namespace, name: svc.name, uid: ep.metadata.uid, rv: ++s.rv, object: ep };
  s.store.add(e);
  emitWatch(s, 'ADDED', e);
}

/** A Service went: its Endpoints go with it (the controller deletes them). */
export function serviceRemoved(s: ClusterState, svc: Entry): Entry | undefined {
  s.dirtyServices.delete(svc.uid);
  return s.store.get('Endpoints', svc.namespace, svc.name);
}
