/**
 * Storage: the PersistentVolume controller's binding (pkg/controller/volume/persistentvolume
 * pv_controller.go `syncUnboundClaim`, `findBestMatchForClaim`, `bind`, `reclaimVolume`) with a
 * simulated dynamic provisioner, and the DefaultStorageClass admission plugin.
 *
 * A claim binds to an Available PersistentVolume of its class that has every access mode it asks
 * for and at least its requested size (the smallest such volume). With none, a volume is
 * provisioned for it at once (`pvc-<claim uid>`, the class's reclaim policy), as an external
 * provisioner would — for any storage class, even one that does not exist, so that manifests run
 * as they are (a documented simplification). With `strictStorage`, a claim whose StorageClass does
 * not exist stays Pending with the controller's `ProvisioningFailed` event, and a claim without a
 * class with `FailedBinding`; pods using it are unschedulable (the VolumeBinding plugin).
 * Deleting a claim releases its volume: `Delete` removes it, `Retain` leaves it `Released`.
 */
import { iso } from '../../machines/time.ts';
import { compareQuantities, tryParseQuantity } from '../quantity.ts';
import type { KObject, Pod } from '../types.ts';
import { requeueUnschedulable } from './scheduling.ts';
import { emitWatch, newUid, type ClusterState } from './state.ts';
import type { Entry } from './store.ts';

/** Provisioner named on volumes the simulation provisions for a class it does not know. */
export const SIMULATED_PROVISIONER = 'kubeactors.dev/simulated';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

function record(s: ClusterState, claim: KObject, type: 'Normal' | 'Warning', reason: string, message: string, component = 'persistentvolume-controller'): void {
  const md = claim.metadata;
  s.recorder.record({ type, reason, message, involved: { kind: 'PersistentVolumeClaim', name: md.name, namespace: md.namespace, uid: md.uid }, component });
}

/** DefaultStorageClass admission: a claim that names no class gets the default class, if there is one. */
export function admitClaim(s: ClusterState, claim: KObject): void {
  if (claim.spec?.storageClassName !== undefined && claim.spec?.storageClassName !== null) return;
  const defaults = [...s.store.entries('StorageClass')].filter((e) => e.object!.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  if (!defaults.length) return;
  // The newest default class wins (upstream since 1.28).
  defaults.sort((a, b) => (a.object!.metadata.creationTimestamp! < b.object!.metadata.creationTimestamp! ? 1 : -1));
  claim.spec = { ...claim.spec, storageClassName: defaults[0]!.name };
}

/** Queues a binding pass over the Pending claims (a claim or a volume appeared). */
export function queueBinding(s: ClusterState): void {
  if (s.bindingQueued) return;
  s.bindingQueued = true;
  s.work.push(() => {
    s.bindingQueued = false;
    for (const e of [...s.store.entries('PersistentVolumeClaim')]) {
      if (e.object!.status?.phase === 'Pending' && !e.object!.metadata.deletionTimestamp) syncClaim(s, e);
    }
  });
}

function storageOf(o: KObject, path: 'request' | 'capacity'): string | undefined {
  return path === 'request' ? o.spec?.resources?.requests?.storage : o.spec?.capacity?.storage;
}

function atLeast(have: string | undefined, want: string | undefined): boolean {
  if (!want) return true;
  if (!have) return false;
  const h = tryParseQuantity(have);
  const w = tryParseQuantity(want);
  return h.ok && w.ok && compareQuantities(h.quantity, w.quantity) >= 0;
}

/** findBestMatchForClaim: the smallest Available volume of the class with the access modes and size. */
function findVolume(s: ClusterState, claim: KObject): Entry | undefined {
  const cls = claim.spec?.storageClassName ?? '';
  const modes: string[] = claim.spec?.accessModes ?? [];
  let best: Entry | undefined;
  for (const e of s.store.entries('PersistentVolume')) {
    const pv = e.object!;
    if (pv.status?.phase !== 'Available' || pv.metadata.deletionTimestamp) continue;
    const ref = pv.spec?.claimRef;
    if (ref && !(ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace)) continue;
    if ((pv.spec?.storageClassName ?? '') !== cls) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) continue;
    if (!modes.every((m) => (pv.spec?.accessModes ?? []).includes(m))) continue;
    if (!atLeast(storageOf(pv, 'capacity'), storageOf(claim, 'request'))) continue;
    if (!best || atLeast(storageOf(best.object!, 'capacity'), storageOf(pv, 'capacity'))) best = e;
  }
  return best;
}

function setObject(s: ClusterState, e: Entry, obj: KObject): void {
  e.object = obj;
  e.rv = ++s.rv;
  emitWatch(s, 'MODIFIED', e);
}

/** `bind`: the volume's claimRef and Bound phase, the claim's volumeName, annotations and Bound status. */
function bind(s: ClusterState, claimEntry: Entry, pvEntry: Entry, provisioner?: string): void {
  const claim = claimEntry.object!;
  const pv = pvEntry.object!;
  setObject(s, pvEntry, {
    ...pv,
    metadata: { ...pv.metadata, annotations: { ...pv.metadata.annotations, 'pv.kubernetes.io/bound-by-controller': 'yes' } },
    spec: { ...pv.spec, claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid } },
    status: { phase: 'Bound' },
  });
  const annotations: Record<string, string> = { ...claim.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' };
  if (provisioner) {
    annotations['volume.beta.kubernetes.io/storage-provisioner'] = provisioner;
    annotations['volume.kubernetes.io/storage-provisioner'] = provisioner;
  }
  setObject(s, claimEntry, {
    ...claim,
    metadata: { ...claim.metadata, annotations, finalizers: claim.metadata.finalizers ?? ['kubernetes.io/pvc-protection'] },
    spec: { ...claim.spec, volumeName: pv.metadata.name },
    status: { phase: 'Bound', accessModes: pv.spec?.accessModes, capacity: { storage: storageOf(pv, 'capacity') } },
  });
  requeueUnschedulable(s);
}

/** `syncUnboundClaim` for one Pending claim. */
function syncClaim(s: ClusterState, e: Entry): void {
  const claim = e.object!;
  const wanted = claim.spec?.volumeName;
  if (wanted) {
    const pv = s.store.get('PersistentVolume', undefined, wanted);
    if (pv && (pv.object!.status?.phase === 'Available' || pv.object!.spec?.claimRef?.uid === claim.metadata.uid)) bind(s, e, pv);
    return;
  }
  const found = findVolume(s, claim);
  if (found) return bind(s, e, found);
  const cls: string = claim.spec?.storageClassName ?? '';
  const sc = cls ? s.store.get('StorageClass', undefined, cls)?.object : undefined;
  if (s.strictStorage) {
    if (!cls) return record(s, claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    if (!sc) return record(s, claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`);
  }
  provision(s, e, sc);
}

/** The provisioner's work: a volume made to measure for the claim, then bound to it. */
function provision(s: ClusterState, claimEntry: Entry, sc: KObject | undefined): void {
  const claim = claimEntry.object!;
  const provisioner = String((sc as any)?.provisioner ?? SIMULATED_PROVISIONER);
  const name = `pvc-${claim.metadata.uid}`;
  const ref = `${claim.metadata.namespace}/${claim.metadata.name}`;
  record(s, claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ref}"`, provisioner);
  const pv: KObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      uid: newUid(s),
      creationTimestamp: iso(s.clock.now),
      annotations: { 'pv.kubernetes.io/provisioned-by': provisioner },
      finalizers: ['kubernetes.io/pv-protection'],
    },
    spec: {
      capacity: { storage: storageOf(claim, 'request') ?? '1Gi' },
      accessModes: claim.spec?.accessModes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: sc?.reclaimPolicy ?? 'Delete',
      storageClassName: claim.spec?.storageClassName ?? '',
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      hostPath: { path: `/var/lib/kubeactors/volumes/${name}`, type: '' },
    },
    status: { phase: 'Available' },
  };
  const e: Entry = { kind: 'PersistentVolume', name, uid: pv.metadata.uid!, rv: ++s.rv, object: pv };
  s.store.add(e);
  emitWatch(s, 'ADDED', e);
  record(s, claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`, provisioner);
  bind(s, claimEntry, e, provisioner);
}

/** `reclaimVolume` when a claim goes: Delete removes its volume, Retain leaves it Released. */
export function claimRemoved(s: ClusterState, claim: KObject, remove: (e: Entry) => void): void {
  const name = claim.spec?.volumeName;
  const e = name ? s.store.get('PersistentVolume', undefined, name) : undefined;
  if (!e || e.object!.spec?.claimRef?.uid !== claim.metadata.uid) return;
  if ((e.object!.spec?.persistentVolumeReclaimPolicy ?? 'Retain') === 'Delete') remove(e);
  else setObject(s, e, { ...e.object!, status: { phase: 'Released' } });
}

/**
 * The VolumeBinding plugin's PreFilter: the first of the pod's claims that is missing, being
 * deleted, or not bound (every class binds immediately here) — with the scheduler's message.
 */
export function volumeBindingMessage(s: ClusterState, pod: Pod): string | null {
  let unbound = false;
  for (const v of pod.spec?.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const e = s.store.get('PersistentVolumeClaim', pod.metadata?.namespace, name);
    if (!e) return `persistentvolumeclaim "${name}" not found`;
    if (e.object!.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (e.object!.status?.phase !== 'Bound') unbound = true;
  }
  return unbound ? 'pod has unbound immediate PersistentVolumeClaims' : null;
}
