/**
 * PVC retention (`spec.persistentVolumeClaimRetentionPolicy`, gate StatefulSetAutoDeletePVC — GA
 * in 1.32): which ownerReferences the per-ordinal claims must carry so the garbage collector
 * deletes them with the set (`whenDeleted: Delete`) or with a scaled-down pod (`whenScaled:
 * Delete`), the stale-claim check that blocks recreating a pod, and the PVC side of pod creation.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/statefulset/stateful_set_utils.go  getPersistentVolumeClaimRetentionPolicy (spec.ts),
 *      matchesRef, hasUnexpectedController, hasNonControllerOwner, removeRefs, isClaimOwnerUpToDate,
 *      updateClaimOwnerRefForSetAndPod, hasOwnerRef, hasStaleOwnerRef, addControllerRef
 *  - pkg/controller/statefulset/stateful_pod_control.go  ClaimsMatchRetentionPolicy,
 *      UpdatePodClaimForRetentionPolicy (the ConflictingController event), PodClaimIsStale,
 *      createPersistentVolumeClaims (the "pvc %s is being deleted" error), recordPodEvent,
 *      recordClaimEvent
 *
 * Version: this is the form after PR #122499 "Respect controllers on PVCs for retention policy"
 * (merged for 1.31, cherry-picked to 1.30 as #126581), so it is 1.32's: the refs added are
 * CONTROLLER refs (`metav1.NewControllerRef`: controller + blockOwnerDeletion true), and claims with
 * a foreign controller are left to it. Before that PR the check was named
 * `claimOwnerMatchesSetAndPod` (kept below as an alias).
 *
 *   whenScaled \ whenDeleted | Retain                      | Delete
 *   -------------------------+-----------------------------+-------------------------------------------
 *   Retain                   | no ref                      | ref → set
 *   Delete                   | ref → pod, condemned only   | in range: ref → set; condemned: ref → pod only
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import { newControllerRef } from '../replicaset/claim.ts';
import { getOrdinal, getPersistentVolumeClaimName, getPersistentVolumeClaims, podInOrdinalRange } from './identity.ts';
import { DELETE, getPersistentVolumeClaimRetentionPolicy, POD_KIND, RETAIN, STATEFULSET_KIND } from './spec.ts';

type Kind = { apiVersion: string; kind: string };
type Owner = { metadata?: { name?: string; uid?: string } };

const uidOf = (o: Owner): string => o.metadata?.uid ?? '';
const refsOf = (claim: PersistentVolumeClaim): OwnerReference[] => claim.metadata?.ownerReferences ?? [];

/** `matchesRef(ref, obj, gvk)`: same apiVersion, kind and name (the UID is not compared). */
export function matchesRef(ref: OwnerReference, obj: Owner, gvk: Kind): boolean {
  return gvk.apiVersion === ref.apiVersion && gvk.kind === ref.kind && ref.name === (obj.metadata?.name ?? '');
}

/** `hasOwnerRef(target, owner)`: some ownerReference carries the owner's UID (controller flag not checked). */
export function hasOwnerRef(target: PersistentVolumeClaim, owner: Owner): boolean {
  const uid = uidOf(owner);
  return refsOf(target).some((r) => r.uid === uid);
}

/**
 * `hasStaleOwnerRef(target, obj, gvk)`: the FIRST ref matching obj by kind+name decides — stale
 * when its UID differs (a previous incarnation of the set/pod; for a pod not created yet, whose
 * UID is empty, any such ref is stale).
 */
export function hasStaleOwnerRef(target: PersistentVolumeClaim, obj: Owner, gvk: Kind): boolean {
  for (const r of refsOf(target)) if (matchesRef(r, obj, gvk)) return r.uid !== uidOf(obj);
  return false;
}

/**
 * `hasUnexpectedController(claim, set, pod)`: never with Retain/Retain; otherwise true when a ref
 * names our set or pod with another UID, or some other ref is a controller.
 */
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  if (policy.whenScaled === RETAIN && policy.whenDeleted === RETAIN) return false;
  for (const r of refsOf(claim)) {
    if (matchesRef(r, set, STATEFULSET_KIND)) {
      if (r.uid !== uidOf(set)) return true;
      continue;
    }
    if (matchesRef(r, pod, POD_KIND)) {
      if (r.uid !== uidOf(pod)) return true;
      continue;
    }
    if (r.controller === true) return true;
  }
  return false;
}

/** `hasNonControllerOwner(claim, set, pod)`: the set or pod (by UID) owns the claim without `controller: true`. */
export function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  for (const r of refsOf(claim)) {
    if (r.uid === uidOf(set) || r.uid === uidOf(pod)) {
      if (r.controller !== true) return true;
    }
  }
  return false;
}

/** Which of the four policy combinations applies (an unknown value is treated as Retain/Retain, as upstream's `default: fallthrough`). */
function policyCase(set: StatefulSet): 'retain-retain' | 'retain-delete' | 'delete-retain' | 'delete-delete' {
  const p = getPersistentVolumeClaimRetentionPolicy(set);
  if (p.whenScaled === RETAIN && p.whenDeleted === DELETE) return 'retain-delete';
  if (p.whenScaled === DELETE && p.whenDeleted === RETAIN) return 'delete-retain';
  if (p.whenScaled === DELETE && p.whenDeleted === DELETE) return 'delete-delete';
  return 'retain-retain';
}

/**
 * stateful_set_utils.go `isClaimOwnerUpToDate(logger, claim, set, pod)`: false when the claim's
 * refs must be rewritten.
 *  - a stale ref to the set or the pod → true (leave the claim alone);
 *  - an unexpected controller → false if we also own it (clean our refs up), else true;
 *  - the set or pod owns it as a non-controller → false;
 *  - otherwise per policy (the table in the module comment), "condemned" meaning
 *    `!podInOrdinalRange(pod, set)`.
 */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  if (hasStaleOwnerRef(claim, set, STATEFULSET_KIND) || hasStaleOwnerRef(claim, pod, POD_KIND)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const setRef = hasOwnerRef(claim, set);
  const podRef = hasOwnerRef(claim, pod);
  const scaledDown = !podInOrdinalRange(pod, set);
  switch (policyCase(set)) {
    case 'retain-retain':
      return !setRef && !podRef;
    case 'retain-delete':
      return setRef && !podRef;
    case 'delete-retain':
      return !setRef && scaledDown === podRef;
    case 'delete-delete':
      return scaledDown !== setRef && scaledDown === podRef;
  }
}

/** Pre-1.31 name of {@link isClaimOwnerUpToDate} (`claimOwnerMatchesSetAndPod`). */
export const claimOwnerMatchesSetAndPod = isClaimOwnerUpToDate;

/** `addControllerRef(refs, owner, gvk)`: append `NewControllerRef(owner, gvk)` unless a ref with the owner's UID is there. */
export function addControllerRef(refs: OwnerReference[], owner: Owner, gvk: Kind): OwnerReference[] {
  if (refs.some((r) => r.uid === uidOf(owner))) return refs;
  return [...refs, newControllerRef({ apiVersion: gvk.apiVersion, kind: gvk.kind, name: owner.metadata?.name ?? '', uid: uidOf(owner) })];
}

/**
 * stateful_set_utils.go `updateClaimOwnerRefForSetAndPod(logger, claim, set, pod)` (returns the
 * updated claim): drop every ref matching our set or pod by kind+name; with an unexpected
 * controller stop there; otherwise add controller refs per policy — Retain/Delete: set;
 * Delete/Retain: pod if condemned; Delete/Delete: pod if condemned, else set.
 */
export function updateClaimOwnerRefForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): PersistentVolumeClaim {
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = refsOf(claim).filter((r) => !(matchesRef(r, set, STATEFULSET_KIND) || matchesRef(r, pod, POD_KIND)));
  if (!unexpected) {
    const scaledDown = !podInOrdinalRange(pod, set);
    switch (policyCase(set)) {
      case 'retain-retain':
        break;
      case 'retain-delete':
        refs = addControllerRef(refs, set, STATEFULSET_KIND);
        break;
      case 'delete-retain':
        if (scaledDown) refs = addControllerRef(refs, pod, POD_KIND);
        break;
      case 'delete-delete':
        refs = scaledDown ? addControllerRef(refs, pod, POD_KIND) : addControllerRef(refs, set, STATEFULSET_KIND);
        break;
    }
  }
  const out = structuredClone(claim);
  const md = (out.metadata ??= {});
  if (refs.length) md.ownerReferences = refs;
  else delete md.ownerReferences;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The pod-control side, over a snapshot of the namespace's claims
// ---------------------------------------------------------------------------------------------

/** The claims the controller can see (its PVC lister), by name or as a list. */
export type ClaimSnapshot = ReadonlyMap<string, PersistentVolumeClaim> | ReadonlyArray<PersistentVolumeClaim>;

export function claimIndex(claims: ClaimSnapshot | undefined): ReadonlyMap<string, PersistentVolumeClaim> {
  if (!claims) return new Map();
  if (!Array.isArray(claims)) return claims as ReadonlyMap<string, PersistentVolumeClaim>;
  const m = new Map<string, PersistentVolumeClaim>();
  for (const c of claims as ReadonlyArray<PersistentVolumeClaim>) m.set(c.metadata?.name ?? '', c);
  return m;
}

/**
 * stateful_pod_control.go `ClaimsMatchRetentionPolicy(ctx, set, pod)`: every EXISTING claim of the
 * pod is up to date (missing claims are skipped: "picked up in the next iteration").
 */
export function claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod, claims: ClaimSnapshot | undefined): boolean {
  const idx = claimIndex(claims);
  const ordinal = getOrdinal(pod);
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const claim = idx.get(getPersistentVolumeClaimName(set, t, ordinal));
    if (claim && !isClaimOwnerUpToDate(claim, set, pod)) return false;
  }
  return true;
}

/** stateful_pod_control.go UpdatePodClaimForRetentionPolicy's warning (reason `ConflictingController`; "manging" is upstream's spelling). */
export function conflictingControllerMessage(claimName: string): string {
  return `PersistentVolumeClaim ${claimName} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`;
}

export interface ClaimRetentionUpdate {
  /** Claims to PUT with rewritten ownerReferences, in template order. */
  updates: PersistentVolumeClaim[];
  /** Warning events (reason `ConflictingController`) recorded on the set, one per claim with a foreign controller. */
  conflictingController: string[];
}

/**
 * stateful_pod_control.go `UpdatePodClaimForRetentionPolicy(ctx, set, pod)`: for each existing
 * claim, a ConflictingController warning if another controller owns it, and — unless up to date —
 * the claim with `updateClaimOwnerRefForSetAndPod` applied.
 */
export function updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod, claims: ClaimSnapshot | undefined): ClaimRetentionUpdate {
  const idx = claimIndex(claims);
  const ordinal = getOrdinal(pod);
  const out: ClaimRetentionUpdate = { updates: [], conflictingController: [] };
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const name = getPersistentVolumeClaimName(set, t, ordinal);
    const claim = idx.get(name);
    if (!claim) continue;
    if (hasUnexpectedController(claim, set, pod)) out.conflictingController.push(conflictingControllerMessage(name));
    if (!isClaimOwnerUpToDate(claim, set, pod)) out.updates.push(updateClaimOwnerRefForSetAndPod(claim, set, pod));
  }
  return out;
}

/**
 * stateful_pod_control.go `PodClaimIsStale(set, pod)`: with `whenScaled: Retain` never; else true
 * when an existing claim of the pod has a stale ref to the pod (kind+name match, other UID — for a
 * pod about to be created, any ref to its name). Such a claim belongs to a scaled-down predecessor
 * and is about to be garbage-collected, so the pod must not be created on it yet.
 */
export function podClaimIsStale(set: StatefulSet, pod: Pod, claims: ClaimSnapshot | undefined): boolean {
  if (getPersistentVolumeClaimRetentionPolicy(set).whenScaled === RETAIN) return false;
  const idx = claimIndex(claims);
  for (const claim of getPersistentVolumeClaims(set, pod).values()) {
    const pvc = idx.get(claim.metadata?.name ?? '');
    if (pvc && hasStaleOwnerRef(pvc, pod, POD_KIND)) return true;
  }
  return false;
}

export interface ClaimCreation {
  /** Claims to create (missing ones), in template order, as `getPersistentVolumeClaims` builds them. */
  create: PersistentVolumeClaim[];
  /** Error texts for claims that exist but are being deleted (`pvc <name> is being deleted`). */
  errors: string[];
}

/**
 * stateful_pod_control.go `createPersistentVolumeClaims(set, pod)`: create every missing claim;
 * an existing claim with a deletionTimestamp is an error `pvc <name> is being deleted` (the
 * aggregate error fails the pod create/update). Existing claims are otherwise not touched.
 */
export function createPersistentVolumeClaims(set: StatefulSet, pod: Pod, claims: ClaimSnapshot | undefined): ClaimCreation {
  const idx = claimIndex(claims);
  const out: ClaimCreation = { create: [], errors: [] };
  for (const claim of getPersistentVolumeClaims(set, pod).values()) {
    const name = claim.metadata?.name ?? '';
    const pvc = idx.get(name);
    if (!pvc) out.create.push(claim);
    else if (pvc.metadata?.deletionTimestamp != null) out.errors.push(`pvc ${name} is being deleted`);
  }
  return out;
}

/** apimachinery `utilerrors.NewAggregate(errs).Error()`: one error as itself, several as `[e1, e2]`. */
export function aggregateError(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

export type PodVerb = 'create' | 'update' | 'delete';

/**
 * stateful_pod_control.go `recordPodEvent(verb, set, pod, err)`: Normal `Successful<Verb>`
 * "`<verb> Pod <pod> in StatefulSet <set> successful`", or Warning `Failed<Verb>`
 * "`<verb> Pod <pod> in StatefulSet <set> failed error: <err>`".
 */
export function podEvent(verb: PodVerb, setName: string, podName: string, err?: string): { type: 'Normal' | 'Warning'; reason: string; message: string } {
  const title = verb[0]!.toUpperCase() + verb.slice(1);
  return err === undefined
    ? { type: 'Normal', reason: `Successful${title}`, message: `${verb} Pod ${podName} in StatefulSet ${setName} successful` }
    : { type: 'Warning', reason: `Failed${title}`, message: `${verb} Pod ${podName} in StatefulSet ${setName} failed error: ${err}` };
}

/**
 * stateful_pod_control.go `recordClaimEvent(verb, set, pod, claim, err)`: Normal `Successful<Verb>`
 * "`<verb> Claim <claim> Pod <pod> in StatefulSet <set> success`", or Warning `Failed<Verb>`
 * "`<verb> Claim <claim> for Pod <pod> in StatefulSet <set> failed error: <err>`".
 */
export function claimEvent(verb: PodVerb, setName: string, podName: string, claimName: string, err?: string): { type: 'Normal' | 'Warning'; reason: string; message: string } {
  const title = verb[0]!.toUpperCase() + verb.slice(1);
  return err === undefined
    ? { type: 'Normal', reason: `Successful${title}`, message: `${verb} Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success` }
    : { type: 'Warning', reason: `Failed${title}`, message: `${verb} Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${err}` };
}
