/**
 * kubectl's client-side rollout verbs against a Deployment, as kubectl implements them: writes
 * of the Deployment that the controller then acts on (`set image`, `rollout pause|resume|
 * restart|undo`), and reads of its ReplicaSets (`rollout history`) or of its status while the
 * simulated clock runs (`rollout status`, which prints a line per watch event of the Deployment,
 * as kubectl's UntilWithSync loop does). Texts: kubectl pkg/cmd/rollout, pkg/polymorphichelpers.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { deploymentRolloutStatus } from '../../machines/deployment/status-messages.ts';
import { deploymentRef, rolloutHistory as viewHistory, rolloutUndo as undo } from '../../machines/deployment/kubectl.ts';
import { CHANGE_CAUSE_ANNOTATION } from '../../machines/deployment/replicasets.ts';
import { getControllerOf } from '../../machines/replicaset/claim.ts';
import { daemonSetRolloutStatus } from '../../machines/daemonset/kubectl.ts';
import { statefulSetRolloutHistory, statefulSetRolloutStatus } from '../../machines/statefulset/kubectl.ts';
import { applyRevision } from '../../machines/statefulset/revisions.ts';
import { equalIgnoreHash } from '../../machines/deployment/hash.ts';
import { iso } from '../../machines/time.ts';
import { resolveKind } from '../kinds.ts';
import type { KObject } from '../types.ts';
import { rolloutHistoryRevisionText } from '../views/describe.ts';
import { update } from './apply.ts';
import { runUntil, settle } from './runtime.ts';
import { ClusterError, kindName, nsFor, type ClusterState, type WatchEvent } from './state.ts';
import { objectOf, type Entry } from './store.ts';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/** `deployments.apps`: the resource as kubectl's errors name it. */
function resourceString(kind: string): string {
  const k = resolveKind(kind)!;
  return k.group ? `${k.plural}.${k.group}` : k.plural;
}

function entryOf(s: ClusterState, kind: string, name: string, namespace?: string): Entry {
  const k = kindName(kind);
  const e = s.store.get(k, nsFor(k, namespace), name);
  if (!e) throw new ClusterError(`${resourceString(k)} "${name}" not found`, 'NotFound');
  return e;
}

/** Kinds with revision history through ControllerRevisions (kubectl's DaemonSet / StatefulSet viewers). */
const REVISIONED = new Set(['DaemonSet', 'StatefulSet']);

/** A Deployment (or, with `also`, a DaemonSet / StatefulSet), or kubectl's refusal for a kind the verb does not support. */
function deploymentEntry(s: ClusterState, kind: string, name: string, namespace: string | undefined, unsupported: (k: string) => string, also = false): Entry {
  const e = entryOf(s, kind, name, namespace);
  if (e.kind !== 'Deployment' && !(also && REVISIONED.has(e.kind))) throw new ClusterError(unsupported(e.kind), 'BadRequest');
  return e;
}

/** `deployment.apps/x`, `daemonset.apps/x`: the NamePrinter's resource. */
function refOf(obj: KObject): string {
  const k = resolveKind(obj.kind)!;
  return `${k.group ? `${k.singular}.${k.group}` : k.singular}/${obj.metadata.name}`;
}

/** The ControllerRevisions an object controls (kubectl's `controlledHistory`), in creation order. */
function revisionsOf(s: ClusterState, obj: KObject): any[] {
  const out: any[] = [];
  for (const e of s.store.entries('ControllerRevision')) {
    if (e.namespace !== obj.metadata.namespace) continue;
    const r = objectOf(e);
    if (getControllerOf(r as any)?.uid === obj.metadata.uid) out.push(r);
  }
  return out;
}

/** The ReplicaSets a Deployment controls (kubectl's `GetAllReplicaSets`: same namespace, controller ref). */
export function replicaSetsOf(s: ClusterState, d: KObject): ReplicaSet[] {
  const out: ReplicaSet[] = [];
  for (const e of s.store.entries('ReplicaSet')) {
    if (e.namespace !== d.metadata.namespace) continue;
    const rs = objectOf(e);
    if (getControllerOf(rs as any)?.uid === d.metadata.uid) out.push(rs as unknown as ReplicaSet);
  }
  return out;
}

/** Writes the Deployment as a client's update would (generation bumped on spec change) and lets the cluster react. */
function write(s: ClusterState, e: Entry, obj: KObject): void {
  update(s, e, obj);
  settle(s);
}

/**
 * `kubectl rollout pause|resume` (objectpauser.go / objectresumer.go): sets spec.paused; an
 * object already in that state is an error `<resource> "<name>" is already paused` / `is not
 * paused` (kubectl prints it as `error: deployments.apps "x" is already paused`).
 */
export function setPaused(s: ClusterState, kind: string, name: string, paused: boolean, namespace?: string): string {
  const verb = paused ? 'pausing' : 'resuming';
  const e = deploymentEntry(s, kind, name, namespace, (k) => `${resourceString(k)} "${name}" ${verb} is not supported`);
  const obj = structuredClone(objectOf(e));
  if (!!obj.spec?.paused === paused) throw new ClusterError(`${resourceString(e.kind)} "${name}" ${paused ? 'is already paused' : 'is not paused'}`, 'BadRequest');
  obj.spec = { ...obj.spec, paused };
  if (!paused) delete obj.spec.paused;
  write(s, e, obj);
  return `${deploymentRef(obj as unknown as Deployment)} ${paused ? 'paused' : 'resumed'}`;
}

/** `kubectl rollout restart` (objectrestarter.go): stamps the pod template with `kubectl.kubernetes.io/restartedAt`. */
export function restart(s: ClusterState, kind: string, name: string, namespace?: string): string {
  const e = deploymentEntry(s, kind, name, namespace, (k) => `${resourceString(k)} "${name}" restarting is not supported`, true);
  const obj = structuredClone(objectOf(e));
  if (obj.spec?.paused) throw new ClusterError(`${resourceString(e.kind)} "${name}" can't restart paused deployment (run rollout resume first)`, 'BadRequest');
  const t = (obj.spec.template ??= {});
  t.metadata = { ...t.metadata, annotations: { ...t.metadata?.annotations, [RESTARTED_AT_ANNOTATION]: iso(s.clock.now) } };
  write(s, e, obj);
  return `${refOf(obj)} restarted`;
}

/**
 * `kubectl rollout undo [--to-revision=N]` (rollback.go `DeploymentRollbacker`): the template
 * and annotations of the chosen revision's ReplicaSet replace the Deployment's (a JSON patch),
 * or the rollback is skipped when the template already matches. Errors as kubectl words them.
 */
export function rollback(s: ClusterState, kind: string, name: string, toRevision = 0, namespace?: string): string {
  const e = deploymentEntry(s, kind, name, namespace, (k) => `no rollbacker has been implemented for "${k}"`, true);
  if (e.kind !== 'Deployment') return rollbackRevisioned(s, e, toRevision);
  const d = objectOf(e);
  const r = undo(d as unknown as Deployment, replicaSetsOf(s, d), toRevision);
  if (!r.ok) throw new ClusterError(r.error, 'BadRequest');
  if (r.skipped) return r.message;
  const obj = structuredClone(d);
  obj.spec = { ...obj.spec, template: structuredClone(r.template) };
  obj.metadata = { ...obj.metadata, annotations: r.annotations };
  write(s, e, obj);
  return r.message;
}

/**
 * kubectl's DaemonSetRollbacker / StatefulSetRollbacker: the chosen ControllerRevision (0 = the
 * second-highest revision) is patched back onto the object's template, unless it already matches.
 */
function rollbackRevisioned(s: ClusterState, e: Entry, toRevision: number): string {
  if (toRevision < 0) throw new ClusterError(`unable to find specified revision ${toRevision} in history`, 'BadRequest');
  const obj = objectOf(e);
  const history = revisionsOf(s, obj).sort((a, b) => a.revision - b.revision);
  if (toRevision === 0 && history.length <= 1) throw new ClusterError('no last revision to roll back to', 'BadRequest');
  const target = toRevision === 0 ? history[history.length - 2] : history.find((h) => h.revision === toRevision);
  if (!target) throw new ClusterError(`unable to find specified revision ${toRevision} in history`, 'BadRequest');
  const template = applyRevision(obj as any, target).spec!.template;
  if (equalIgnoreHash(template as any, obj.spec?.template)) return `${refOf(obj)} skipped rollback (current template already matches revision ${toRevision})`;
  const next = structuredClone(obj);
  next.spec = { ...next.spec, template: structuredClone(template) };
  write(s, e, next);
  return `${refOf(obj)} rolled back`;
}

/**
 * `kubectl rollout history [--revision=N]` (history.go `DeploymentHistoryViewer` +
 * rollout_history.go): the whole stdout — `deployment.apps/<name> ` and the REVISION /
 * CHANGE-CAUSE table, or `deployment.apps/<name> with revision #N` and that revision's pod template.
 */
export function history(s: ClusterState, kind: string, name: string, revision = 0, namespace?: string): string {
  const e = deploymentEntry(s, kind, name, namespace, (k) => `no history viewer has been implemented for "${k}"`, true);
  const d = objectOf(e);
  if (revision < 0) throw new ClusterError(`revision must be a positive integer: ${revision}`, 'BadRequest');
  if (e.kind !== 'Deployment') {
    const h = statefulSetRolloutHistory(d as any, revisionsOf(s, d), revision);
    if (!h.ok) throw new ClusterError(h.error, 'BadRequest');
    if ('text' in h) return `${refOf(d)} \n${h.text}\n`;
    return rolloutHistoryRevisionText(d.metadata.name, h.revision, h.template as any).replace(/^deployment\.apps\/\S+/, refOf(d));
  }
  const r = viewHistory(d as unknown as Deployment, replicaSetsOf(s, d), revision);
  if (!r.ok) throw new ClusterError(r.error, 'BadRequest');
  // The NamePrinter's `<resource>/<name> <operation>\n`, the operation being "\n" + the history.
  if ('text' in r) return `${deploymentRef(d as unknown as Deployment)} \n${r.text}\n`;
  return rolloutHistoryRevisionText(d.metadata.name, r.revision, r.rs.spec?.template as any, r.rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION]);
}

export interface RolloutStatusOptions {
  namespace?: string;
  /** `--revision`: fail unless the Deployment runs this revision. */
  revision?: number;
  /** `--watch=false`: print the current status once. */
  watch?: boolean;
  /** Simulated ms to wait before giving up (kubectl: `--timeout`, 0 = forever; here 0 = one hour). */
  timeoutMs?: number;
}

/** How long `rollout status` waits when no --timeout is given (kubectl waits forever). */
export const DEFAULT_ROLLOUT_STATUS_TIMEOUT_MS = 3_600_000;

/**
 * `kubectl rollout status deployment/<name>`: prints the status line for the Deployment as it is,
 * then — advancing simulated time — one line per change of the Deployment object (each watch
 * MODIFIED event), until the rollout is done; a Deployment past its progress deadline fails
 * with `deployment "<name>" exceeded its progress deadline`.
 */
export function rolloutStatus(s: ClusterState, kind: string, name: string, opts: RolloutStatusOptions, print: (line: string) => void): void {
  const e = deploymentEntry(s, kind, name, opts.namespace, (k) => `no status viewer has been implemented for ${k}.${resolveKind(k)!.group || ''}`.replace(/\.$/, ''), true);
  const viewer = e.kind === 'DaemonSet' ? (o: KObject) => daemonSetRolloutStatus(o as any)
    : e.kind === 'StatefulSet' ? (o: KObject) => statefulSetRolloutStatus(o as any)
    : (o: KObject) => deploymentRolloutStatus(o as unknown as Deployment, opts.revision ?? 0);
  let done = false;
  let failure: string | undefined;
  const observe = (obj: KObject) => {
    const r = viewer(obj);
    if ('error' in r) {
      failure = r.error;
      return;
    }
    print(r.message);
    if (r.done || opts.watch === false) done = true;
  };
  settle(s);
  observe(objectOf(e));
  if (failure) throw new ClusterError(failure, 'BadRequest');
  if (done) return;
  const uid = e.uid;
  const listener = (w: WatchEvent) => {
    if (done || failure || w.object.metadata.uid !== uid) return;
    if (w.type === 'DELETED') failure = 'object has been deleted';
    else observe(w.object);
  };
  s.watchers.add(listener);
  const timeout = opts.timeoutMs || DEFAULT_ROLLOUT_STATUS_TIMEOUT_MS;
  try {
    runUntil(s, () => done || !!failure, s.clock.now + timeout, timeout);
  } catch (err) {
    if (err instanceof ClusterError && err.code === 'Timeout') throw new ClusterError('timed out waiting for the condition', 'Timeout');
    throw err;
  } finally {
    s.watchers.delete(listener);
  }
  if (failure) throw new ClusterError(failure, 'BadRequest');
}
