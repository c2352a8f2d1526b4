/**
 * Events and error texts of the ReplicaSet / ReplicationController pod control.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/controller_utils.go:
 *  - reasons FailedCreatePodReason, SuccessfulCreatePodReason, FailedDeletePodReason,
 *    SuccessfulDeletePodReason;
 *  - RealPodControl.createPods: `Warning FailedCreate "Error creating: %v"` (not sent when the error
 *    has the NamespaceTerminating cause), `Normal SuccessfulCreate "Created pod: %v"` (new pod's
 *    name), "unable to create pods, no labels" when the template has no labels (no event);
 *  - RealPodControl.DeletePod: NotFound → no event (manageReplicas ignores it);
 *    other errors → `Warning FailedDelete "Error deleting: %v"` and the returned error
 *    "unable to delete pods: %v"; success → `Normal SuccessfulDelete "Deleted pod: %v"`.
 * The event's involvedObject is the ReplicaSet (or RC); source component "replicaset-controller"
 * ("replication-controller" for RCs: not re-read upstream).
 */

export const SUCCESSFUL_CREATE_POD_REASON = 'SuccessfulCreate';
export const FAILED_CREATE_POD_REASON = 'FailedCreate';
export const SUCCESSFUL_DELETE_POD_REASON = 'SuccessfulDelete';
export const FAILED_DELETE_POD_REASON = 'FailedDelete';

/** createPods' error for a template without labels (returned, no event). */
export const ERR_NO_LABELS = 'unable to create pods, no labels';

export interface ControllerEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export const successfulCreateEvent = (podName: string): ControllerEvent =>
  ({ type: 'Normal', reason: SUCCESSFUL_CREATE_POD_REASON, message: `Created pod: ${podName}` });

export const failedCreateEvent = (err: string): ControllerEvent =>
  ({ type: 'Warning', reason: FAILED_CREATE_POD_REASON, message: `Error creating: ${err}` });

export const successfulDeleteEvent = (podName: string): ControllerEvent =>
  ({ type: 'Normal', reason: SUCCESSFUL_DELETE_POD_REASON, message: `Deleted pod: ${podName}` });

export const failedDeleteEvent = (err: string): ControllerEvent =>
  ({ type: 'Warning', reason: FAILED_DELETE_POD_REASON, message: `Error deleting: ${err}` });

/** DeletePod's returned error (becomes the ReplicaFailure/FailedDelete condition message). */
export const deletePodError = (err: string): string => `unable to delete pods: ${err}`;
