/**
 * Pod ownership decisions of a ReplicaSet / ReplicationController.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/controller_ref_manager.go  BaseControllerRefManager.ClaimObject,
 *                                              PodControllerRefManager.ClaimPods / AdoptPod / ReleasePod
 *  - pkg/controller/controller_utils.go        FilterClaimedPods
 *  - staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go  GetControllerOf, NewControllerRef
 */
import type { OwnerReference, Pod } from '../../src/types.ts';
import { matches, type LabelSelectorData } from '../../src/labels.ts';

export interface ClaimController {
  uid: string;
  /** The controller's selector (`metav1.LabelSelectorAsSelector(spec.selector)`). */
  selector: LabelSelectorData;
  /** `controller.deletionTimestamp != nil` (upstream also re-checks it with a live GET before adopting). */
  deleting: boolean;
  /** When set, orphans in another namespace are not adopted (newer ClaimObject). */
  namespace?: string;
  /** For the ControllerRef patched onto adopted pods. */
  apiVersion?: string;
  kind?: string;
  name?: string;
}

export interface ClaimResult {
  /** Orphans to patch with {@link ClaimResult.controllerRef}. */
  adopt: Pod[];
  /** Owned pods whose labels no longer match: patch their controller ownerReference away. */
  release: Pod[];
  /** What ClaimPods returns when every patch succeeds: kept owned pods plus adopted ones, in input order. */
  owned: Pod[];
  /** `metav1.NewControllerRef(controller, gvk)`, present when apiVersion, kind and name were given. */
  controllerRef?: OwnerReference;
}

/** metav1 `GetControllerOf`: the first ownerReference with `controller: true`. */
export function getControllerOf(obj: { metadata?: { ownerReferences?: readonly OwnerReference[] } }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/**
 * metav1 `NewControllerRef`: `{apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true}`
 * (the same fields AdoptPod patches in).
 */
export function newControllerRef(owner: { apiVersion: string; kind: string; name: string; uid: string }): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true };
}

/**
 * controller_ref_manager.go `ClaimPods` → `ClaimObject`, per pod:
 *  - controller ref to another UID → ignored (never touched);
 *  - controller ref to us: selector matches → owned (even while we are being deleted);
 *    no match → released, unless we are being deleted (then neither owned nor released);
 *  - orphan: adopted when the selector matches, we are not being deleted, the pod is not being
 *    deleted, and (if we have a namespace) it is in our namespace; otherwise ignored.
 */
export function claimPods(controller: ClaimController, pods: readonly Pod[]): ClaimResult {
  const adopt: Pod[] = [];
  const release: Pod[] = [];
  const owned: Pod[] = [];
  for (const pod of pods) {
    const ref = getControllerOf(pod);
    const match = matches(controller.selector, pod.metadata?.labels);
    if (ref) {
      if (ref.uid !== controller.uid) continue;
      if (match) owned.push(pod);
      else if (!controller.deleting) release.push(pod);
      continue;
    }
    if (controller.deleting || !match) continue;
    if (pod.metadata?.deletionTimestamp != null) continue;
    if (controller.namespace && controller.namespace !== (pod.metadata?.namespace ?? '')) continue;
    adopt.push(pod);
    owned.push(pod);
  }
  const result: ClaimResult = { adopt, release, owned };
  if (controller.apiVersion && controller.kind && controller.name) {
    result.controllerRef = newControllerRef({ apiVersion: controller.apiVersion, kind: controller.kind, name: controller.name, uid: controller.uid });
  }
  return result;
}

/**
 * controller_utils.go `FilterClaimedPods`: pods whose controller ref is this controller and whose
 * labels match its selector (used for the terminating pods, which are not claimed).
 */
export function filterClaimedPods(controllerUid: string, selector: LabelSelectorData, pods: readonly Pod[]): Pod[] {
  return pods.filter((p) => getControllerOf(p)?.uid === controllerUid && matches(selector, p.metadata?.labels));
}
