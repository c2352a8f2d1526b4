/**
 * Random StatefulSet and DaemonSet scenarios for property tests (workloads.property.test.ts),
 * the interpreters that run their commands against a Cluster, and the watch-driven checkers of
 * the ordering and placement guarantees.
 *
 * As in deployment-model.ts, the rules the checkers apply are written out here from upstream's
 * definitions (pkg/controller/statefulset/stateful_set_control.go, pkg/controller/daemon/
 * daemon_controller.go and update.go) instead of importing machines/statefulset or
 * machines/daemonset: the properties must not borrow the engine's arithmetic to check the engine.
 *
 * The checkers run inside `cluster.watch`, i.e. synchronously at the instant of each change, with
 * the store exactly as the controller left it at that point of its sync. A listener must not
 * throw into the engine (the error would surface as a failed actor): violations are collected and
 * the caller asserts on them after each command.
 */
import fc from 'fast-check';
import { ClusterError, createCluster, type Cluster, type WatchEvent } from '../../src/cluster/cluster.ts';

// ================================================================ shared helpers

const isReady = (p: any) => !!p?.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True');
const isTerminating = (p: any) => !!p?.metadata?.deletionTimestamp;
const isTerminal = (p: any) => p?.status?.phase === 'Failed' || p?.status?.phase === 'Succeeded';
/** stateful_set_utils.go isRunningAndReady ∧ not terminating (1.32's isHealthy). */
export const healthy = (p: any) => !!p && p.status?.phase === 'Running' && isReady(p) && !isTerminating(p);
/**
 * pod/util.go IsPodAvailable: Ready for at least minReadySeconds. The boundary is inclusive
 * (`readySince + minReadySeconds <= now`), as upstream since 1.34 and as the engine documents;
 * 1.32 used a strict `Before`.
 */
export const available = (p: any, minReadySeconds: number, now: number) =>
  isReady(p) && (minReadySeconds === 0 || Date.parse(p.status.conditions.find((x: any) => x.type === 'Ready').lastTransitionTime) + minReadySeconds * 1000 <= now);
const controllerRef = (o: any) => o?.metadata?.ownerReferences?.find((r: any) => r.controller);
/** The taint-eviction controller (and PodGC) mark the pods they delete with a DisruptionTarget condition. */
const evicted = (p: any) => !!p?.status?.conditions?.some((x: any) => x.type === 'DisruptionTarget' && x.status === 'True');
const podLine = (p: any) =>
  `${p.metadata.name}[${p.status?.phase ?? '-'}${isReady(p) ? `,Ready@${p.status.conditions.find((x: any) => x.type === 'Ready').lastTransitionTime.slice(11, 23)}` : ''}${isTerminating(p) ? ',terminating' : ''}${p.spec?.nodeName ? `@${p.spec.nodeName}` : ''}]`;
const at = (c: Cluster) => new Date(c.now()).toISOString().slice(11, 23);

/** Time steps: mostly short, so that commands land in the middle of creations, scale-downs and rollouts. */
const advanceArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 100, max: 3_000 }).map((ms) => ({ t: 'advance' as const, ms })) },
  { weight: 3, arbitrary: fc.integer({ min: 3_000, max: 30_000 }).map((ms) => ({ t: 'advance' as const, ms })) },
  { weight: 1, arbitrary: fc.integer({ min: 30_000, max: 400_000 }).map((ms) => ({ t: 'advance' as const, ms })) },
);

// ================================================================ StatefulSet

export const STS = 'db';
export const CLAIM_TEMPLATE = 'data';
export const STS_IMAGES = ['postgres:15', 'postgres:16', 'postgres:17'] as const;

export interface StsTemplate {
  image: string;
  /** `kubeactors.dev/readiness-fails-after`: each start of the container turns not-Ready this long after starting, for good. */
  failsAfter: number | null;
}

export interface StsSpec {
  replicas: number;
  /** spec.ordinals.start. */
  start: number;
  template: StsTemplate;
  /** The readiness probe's initialDelaySeconds / periodSeconds (a delay before each pod is Ready). */
  readiness: { initialDelaySeconds: number; periodSeconds: number };
  pullSeconds: number;
  terminationSeconds: number;
  /** terminationGracePeriodSeconds (0: a deleted pod goes at once). */
  grace: number;
  minReadySeconds: number;
  /** Never generated (the properties are OrderedReady's): the checker's own test shows Parallel fails them. */
  podManagementPolicy?: 'Parallel';
}

export type StsCmd =
  | { t: 'advance'; ms: number }
  | { t: 'scale'; replicas: number }
  /** A new pod template (kubectl apply with the current replicas). */
  | { t: 'template'; template: StsTemplate }
  /** Crash the container of the `index`-th (mod n) member pod whose container runs. */
  | { t: 'crash'; index: number; exitCode: number }
  /** `kubectl delete pod` of the `index`-th (mod n) member pod not being deleted. */
  | { t: 'deletePod'; index: number }
  /** Force the readiness probe of the `index`-th (mod n) running pod to fail. */
  | { t: 'unready'; index: number }
  /** Fail the `index`-th (mod n) node, when no node is failed (one node at a time). */
  | { t: 'failNode'; index: number; mode: 'unreachable' | 'notready' }
  /** Recover the failed node, if any. */
  | { t: 'recoverNode' }
  | { t: 'addNode' };

export interface StsScenario {
  seed: number;
  nodes: number;
  spec: StsSpec;
  cmds: StsCmd[];
}

export function stsManifest(spec: StsSpec, replicas = spec.replicas, template = spec.template): object {
  const ann: Record<string, string> = {
    'kubeactors.dev/pull-seconds': String(spec.pullSeconds),
    'kubeactors.dev/termination-seconds': String(spec.terminationSeconds),
  };
  if (template.failsAfter !== null) ann['kubeactors.dev/readiness-fails-after'] = String(template.failsAfter);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: STS },
    spec: {
      replicas,
      serviceName: STS,
      ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
      ...(spec.podManagementPolicy ? { podManagementPolicy: spec.podManagementPolicy } : {}),
      selector: { matchLabels: { app: STS } },
      ...(spec.start ? { ordinals: { start: spec.start } } : {}),
      template: {
        metadata: { labels: { app: STS }, annotations: ann },
        spec: {
          terminationGracePeriodSeconds: spec.grace,
          containers: [
            {
              name: 'db',
              image: template.image,
              readinessProbe: { exec: { command: ['pg_isready'] }, ...spec.readiness },
              volumeMounts: [{ name: CLAIM_TEMPLATE, mountPath: '/var/lib/postgresql' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: CLAIM_TEMPLATE }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

const stsReplicasArb = fc.integer({ min: 0, max: 8 });
const stsTemplateArb: fc.Arbitrary<StsTemplate> = fc.record({
  image: fc.constantFrom(...STS_IMAGES),
  // Mostly healthy templates; sometimes one whose pods turn not-Ready some seconds after starting.
  failsAfter: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(3, 10, 30) }),
});

export const stsSpecArb: fc.Arbitrary<StsSpec> = fc.record({
  replicas: stsReplicasArb,
  start: fc.constantFrom(0, 0, 0, 2),
  template: stsTemplateArb,
  readiness: fc.record({ initialDelaySeconds: fc.integer({ min: 0, max: 10 }), periodSeconds: fc.integer({ min: 1, max: 5 }) }),
  pullSeconds: fc.constantFrom(0, 0.5, 2, 5),
  terminationSeconds: fc.constantFrom(0, 0, 3, 20),
  grace: fc.constantFrom(0, 5, 30),
  minReadySeconds: fc.constantFrom(0, 0, 0, 2, 5),
});

export const stsCmdArb: fc.Arbitrary<StsCmd> = fc.oneof(
  { weight: 8, arbitrary: advanceArb },
  { weight: 5, arbitrary: stsReplicasArb.map((replicas) => ({ t: 'scale' as const, replicas })) },
  { weight: 3, arbitrary: stsTemplateArb.map((template) => ({ t: 'template' as const, template })) },
  { weight: 2, arbitrary: fc.record({ index: fc.nat(20), exitCode: fc.constantFrom(1, 137) }).map((r) => ({ t: 'crash' as const, ...r })) },
  { weight: 2, arbitrary: fc.nat(20).map((index) => ({ t: 'deletePod' as const, index })) },
  { weight: 1, arbitrary: fc.nat(20).map((index) => ({ t: 'unready' as const, index })) },
  { weight: 1, arbitrary: fc.record({ index: fc.nat(10), mode: fc.constantFrom('unreachable' as const, 'notready' as const) }).map((r) => ({ t: 'failNode' as const, ...r })) },
  { weight: 1, arbitrary: fc.constant({ t: 'recoverNode' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'addNode' as const }) },
);

export const stsScenarioArb = (maxCmds = 30): fc.Arbitrary<StsScenario> =>
  fc.record({
    seed: fc.integer({ min: 1, max: 1000 }),
    nodes: fc.integer({ min: 1, max: 4 }),
    spec: stsSpecArb,
    cmds: fc.array(stsCmdArb, { minLength: 1, maxLength: maxCmds }),
  });

/** The ordinal of a member pod name `<set>-<ordinal>`, or undefined. */
export function ordinalOf(name: string): number | undefined {
  const m = new RegExp(`^${STS}-(0|[1-9]\\d*)$`).exec(name);
  return m ? Number(m[1]) : undefined;
}

const stsOf = (c: Cluster) => c.get('StatefulSet', STS) as any;

/** The set's pods, by ordinal (ownerReference to the set and a member name). */
export function stsPods(c: Cluster, set = stsOf(c)): Map<number, any> {
  const out = new Map<number, any>();
  for (const p of c.list('Pod') as any[]) {
    const k = ordinalOf(p.metadata.name);
    if (k !== undefined && controllerRef(p)?.uid === set.metadata.uid) out.set(k, p);
  }
  return out;
}

/** The update revision as the ControllerRevisions say: the set's revision with the highest number (history.go / revisions bump a reused one). */
export function newestRevision(c: Cluster, ownerUid: string): any {
  let best: any;
  for (const r of c.list('ControllerRevision') as any[]) {
    if (controllerRef(r)?.uid !== ownerUid) continue;
    if (!best || r.revision > best.revision) best = r;
  }
  return best;
}

/** What OrderedReady waits for before going past an ordinal (processReplica): Running, Ready, not terminating, available. */
const ready = (c: Cluster, set: any) => (p: any) => healthy(p) && available(p, set.spec.minReadySeconds ?? 0, c.now());

const range = (set: any) => {
  const start = set.spec.ordinals?.start ?? 0;
  return { start, end: start + set.spec.replicas - 1 };
};

export interface StsRun {
  c: Cluster;
  /** Pods whose readiness was forced to fail, with their restartCount then. */
  forced: Map<string, number>;
  /** The node failed right now (one at a time), if any. */
  failed: string | null;
  nodesAdded: number;
  /** The uid of the pod the test itself is deleting, while it does (so the checker knows who deleted it). */
  userDeleting: string | null;
  /** The template last applied. */
  template: StsTemplate;
}

export function startSts(s: StsScenario): StsRun {
  const c = createCluster({ nodes: s.nodes, seed: s.seed });
  return { c, forced: new Map(), failed: null, nodesAdded: 0, userDeleting: null, template: s.spec.template };
}

const restarts = (p: any) => (p?.status?.containerStatuses?.[0]?.restartCount ?? 0) as number;

function runningMembers(c: Cluster): string[] {
  return [...stsPods(c).values()].filter((p) => !isTerminating(p) && p.status?.containerStatuses?.[0]?.state?.running).map((p) => p.metadata.name);
}

function userDelete(r: StsRun, pod: any): void {
  r.userDeleting = pod.metadata.uid;
  try {
    r.c.delete('Pod', pod.metadata.name);
  } finally {
    r.userDeleting = null;
  }
}

/** Runs one command; 'skipped' when it had no target. */
export function execSts(r: StsRun, s: StsScenario, cmd: StsCmd): 'done' | 'skipped' {
  const c = r.c;
  switch (cmd.t) {
    case 'advance':
      c.advance(cmd.ms);
      return 'done';
    case 'scale':
      c.scale('StatefulSet', STS, cmd.replicas);
      return 'done';
    case 'template':
      r.template = cmd.template;
      c.apply(JSON.stringify(stsManifest(s.spec, stsOf(c).spec.replicas, cmd.template)));
      return 'done';
    case 'crash': {
      const pods = runningMembers(c);
      if (!pods.length) return 'skipped';
      c.crashContainer(pods[cmd.index % pods.length]!, { container: 'db', exitCode: cmd.exitCode });
      return 'done';
    }
    case 'deletePod': {
      const pods = [...stsPods(c).values()].filter((p) => !isTerminating(p));
      if (!pods.length) return 'skipped';
      userDelete(r, pods[cmd.index % pods.length]);
      return 'done';
    }
    case 'unready': {
      const pods = runningMembers(c);
      if (!pods.length) return 'skipped';
      const pod = pods[cmd.index % pods.length]!;
      try {
        c.setProbe(pod, 'readiness', 'Failure', { container: 'db' });
      } catch (e) {
        if (e instanceof ClusterError && /has no running readiness probe/.test(e.message)) return 'skipped';
        throw e;
      }
      r.forced.set(pod, restarts(c.get('Pod', pod)));
      return 'done';
    }
    case 'failNode': {
      if (r.failed) return 'skipped';
      const nodes = (c.list('Node') as any[]).map((n) => n.metadata.name as string);
      const node = nodes[cmd.index % nodes.length]!;
      c.failNode(node, cmd.mode);
      r.failed = node;
      return 'done';
    }
    case 'recoverNode':
      if (!r.failed) return 'skipped';
      c.recoverNode(r.failed);
      r.failed = null;
      return 'done';
    case 'addNode':
      c.addNode(`extra-${++r.nodesAdded}`);
      return 'done';
  }
}

/**
 * The environment stops failing: the failed node recovers, forced readiness results are given
 * back, and a template whose pods turn not-Ready is replaced by the same image without that fault
 * — followed by upstream's documented "forced rollback" step (StatefulSet docs, "Forced
 * rollback"): with OrderedReady, a pod that never becomes Ready again blocks the set for good (the
 * controller waits on it before any update), so the pods created from a faulty template are
 * deleted by hand. Crashed containers restart by themselves.
 */
export function healSts(r: StsRun, s: StsScenario): void {
  const c = r.c;
  if (r.failed) {
    c.recoverNode(r.failed);
    r.failed = null;
  }
  for (const pod of r.forced.keys()) {
    try {
      c.setProbe(pod, 'readiness', null, { container: 'db' });
    } catch (e) {
      if (!(e instanceof ClusterError)) throw e;
    }
  }
  r.forced.clear();
  if (r.template.failsAfter !== null) {
    r.template = { ...r.template, failsAfter: null };
    c.apply(JSON.stringify(stsManifest(s.spec, stsOf(c).spec.replicas, r.template)));
  }
  // One at a time, looking again each time: a deletion can make the controller delete or replace others.
  for (;;) {
    const bad = [...stsPods(c).values()].find((p) => !isTerminating(p) && p.metadata.annotations?.['kubeactors.dev/readiness-fails-after'] !== undefined);
    if (!bad) break;
    userDelete(r, bad);
  }
}

/** Counters of what the checker actually checked (to see that the properties are not vacuous). */
export interface StsCoverage {
  creations: number;
  /** Creations of an ordinal above the start (the ones where (a) has lower ordinals to look at). */
  orderedCreations: number;
  condemnedDeletions: number;
  updateDeletions: number;
  failedDeletions: number;
  userDeletions: number;
  evictions: number;
  claims: number;
}

export const emptyStsCoverage = (): StsCoverage => ({
  creations: 0, orderedCreations: 0, condemnedDeletions: 0, updateDeletions: 0, failedDeletions: 0, userDeletions: 0, evictions: 0, claims: 0,
});

/**
 * The StatefulSet checker, on every Pod and PersistentVolumeClaim watch event. "Ready" below is
 * what OrderedReady waits for before going past an ordinal (processReplica, monotonic): phase
 * Running, Ready condition True, not terminating, and available (Ready for minReadySeconds).
 *
 * (a) CREATION (Pod ADDED `<set>-j`): j is in range [start, start+replicas−1], and every lower
 *     ordinal i ∈ [start, j) has a pod that is Ready. Upstream: updateStatefulSet walks the
 *     replicas in ascending order and, monotonic, stops at the first one that is missing (it
 *     creates that one, and only that one), Failed/Succeeded (deleted, re-created on a later sync),
 *     terminating, or not Ready — so a creation at j means every lower slot passed, whatever
 *     happened before (a lower pod deleted by hand is re-created and waited for first). Also
 *     (CreateStatefulPod): the pod's claim `<tpl>-<set>-j` exists before the pod, which mounts it.
 * (b) DELETION by the controller, of ordinal k: the instant its deletionTimestamp appears, or it
 *     goes at once (grace 0). Deletions by the test itself (by uid) and evictions (the taint
 *     manager and PodGC set DisruptionTarget first) are set aside; the rest are classified against
 *     the spec at that instant:
 *       condemned (k out of range: a scale-down): no condemned pod above k exists at all
 *         (processCondemned takes the condemned pods highest first, waits while one is
 *         terminating, and deletes one per sync — so within a scale-down deletions go in strictly
 *         decreasing order, each once the higher one is gone), and every in-range ordinal is Ready
 *         (processReplica ran through all of them first: a scale-down never runs ahead of a
 *         missing or unready replica; "scaling takes precedence over updates").
 *       in range and Failed/Succeeded (replacement): every lower ordinal is Ready.
 *       in range otherwise (a rolling-update step): the pod is not at the update revision (the
 *         newest ControllerRevision), no condemned pod exists, every other in-range ordinal is
 *         Ready, and every higher one is at the update revision (the update walks from the top
 *         down, one pod at a time).
 *       Anything else is an unexplained deletion.
 * (c) CLAIMS: no PersistentVolumeClaim is ever deleted (Retain/Retain), and each one created is
 *     named `<tpl>-<set>-<ordinal>` (the runner checks at the end that each still exists).
 */
export class StsChecker {
  readonly violations: string[] = [];
  readonly claimsCreated = new Set<string>();
  private readonly deleting = new Set<string>();
  readonly trace: string[] = [];
  private readonly unwatch: () => void;

  constructor(private readonly r: StsRun, readonly coverage: StsCoverage = emptyStsCoverage()) {
    this.unwatch = r.c.watch((w) => this.on(w));
  }

  stop(): void {
    this.unwatch();
  }

  private fail(msg: string, pods?: Map<number, any>): void {
    const c = this.r.c;
    const set = stsOf(c);
    const ps = pods ?? stsPods(c, set);
    const picture = [...ps.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => podLine(p)).join(' ');
    this.violations.push(`${msg}\n    at ${at(c)}: replicas=${set.spec.replicas} start=${set.spec.ordinals?.start ?? 0} pods: ${picture || '(none)'}\n    recent: ${this.trace.slice(-12).join('; ')}`);
  }

  private on(w: WatchEvent): void {
    const o = w.object as any;
    if (o.kind === 'PersistentVolumeClaim') {
      if (w.type === 'ADDED') {
        this.coverage.claims++;
        this.claimsCreated.add(o.metadata.name);
        if (!new RegExp(`^${CLAIM_TEMPLATE}-${STS}-(0|[1-9]\\d*)$`).test(o.metadata.name)) this.fail(`(c) claim ${o.metadata.name} is not named <tpl>-<set>-<ordinal>`);
      }
      if (w.type === 'DELETED') this.fail(`(c) claim ${o.metadata.name} deleted (retention policy Retain/Retain)`);
      return;
    }
    if (o.kind !== 'Pod') return;
    const k = ordinalOf(o.metadata.name);
    if (k === undefined) return;
    const uid = o.metadata.uid as string;
    if (w.type === 'ADDED') {
      this.trace.push(`+${o.metadata.name}@${at(this.r.c)}`);
      this.onCreate(k, o);
      return;
    }
    if (w.type === 'MODIFIED' && isTerminating(o) && !this.deleting.has(uid)) {
      this.deleting.add(uid);
      this.trace.push(`~${o.metadata.name}@${at(this.r.c)}`);
      this.onDelete(k, o);
      return;
    }
    if (w.type === 'DELETED') {
      this.trace.push(`-${o.metadata.name}@${at(this.r.c)}`);
      if (!this.deleting.delete(uid)) this.onDelete(k, o);
    }
  }

  private onCreate(j: number, pod: any): void {
    const c = this.r.c;
    this.coverage.creations++;
    const set = stsOf(c);
    const { start, end } = range(set);
    const pods = stsPods(c, set);
    const ok = ready(c, set);
    if (j < start || j > end) this.fail(`(a) ${pod.metadata.name} created outside the range [${start}, ${end}]`, pods);
    if (j > start) this.coverage.orderedCreations++;
    for (let i = start; i < j; i++) {
      const p = pods.get(i);
      if (!ok(p)) {
        this.fail(`(a) ${pod.metadata.name} created while ordinal ${i} is ${p ? podLine(p) : 'missing'} (OrderedReady: every lower ordinal must be Running, Ready and available)`, pods);
        break;
      }
    }
    const claim = `${CLAIM_TEMPLATE}-${STS}-${j}`;
    if (!c.get('PersistentVolumeClaim', claim)) this.fail(`(c) ${pod.metadata.name} created before its claim ${claim}`, pods);
    const mounted = pod.spec.volumes?.find((v: any) => v.name === CLAIM_TEMPLATE)?.persistentVolumeClaim?.claimName;
    if (mounted !== claim) this.fail(`(c) ${pod.metadata.name} mounts claim ${mounted}, not ${claim}`, pods);
  }

  private onDelete(k: number, pod: any): void {
    if (this.r.userDeleting === pod.metadata.uid) {
      this.coverage.userDeletions++;
      return;
    }
    if (evicted(pod)) {
      this.coverage.evictions++;
      return;
    }
    const c = this.r.c;
    const set = stsOf(c);
    const { start, end } = range(set);
    const pods = stsPods(c, set);
    const ok = ready(c, set);
    pods.delete(k); // gone already (grace 0), or the pod being deleted itself
    /** An in-range ordinal other than k whose pod is not Ready (or missing). */
    const unhealthyInRange = () => {
      for (let i = start; i <= end; i++) if (i !== k && !ok(pods.get(i))) return i;
      return undefined;
    };
    const name = pod.metadata.name;
    if (k < start || k > end) {
      this.coverage.condemnedDeletions++;
      const higher = [...pods.keys()].filter((m) => m > k && (m < start || m > end)).sort((a, b) => a - b);
      if (higher.length) this.fail(`(b) condemned ${name} deleted while higher condemned ordinal(s) ${higher.join(', ')} still exist (a scale-down goes highest first, one at a time)`, pods);
      const u = unhealthyInRange();
      if (u !== undefined) this.fail(`(b) condemned ${name} deleted while in-range ordinal ${u} is ${pods.get(u) ? podLine(pods.get(u)) : 'missing'}`, pods);
      return;
    }
    if (isTerminal(pod)) {
      this.coverage.failedDeletions++;
      for (let i = start; i < k; i++) {
        if (!ok(pods.get(i))) {
          this.fail(`(b) ${pod.status.phase} ${name} deleted while lower ordinal ${i} is ${pods.get(i) ? podLine(pods.get(i)) : 'missing'}`, pods);
          break;
        }
      }
      return;
    }
    this.coverage.updateDeletions++;
    const upd = newestRevision(c, set.metadata.uid)?.metadata.name;
    const rev = (p: any) => p.metadata.labels?.['controller-revision-hash'];
    if (rev(pod) === upd) {
      this.fail(`(b) ${name} deleted by the controller without a reason: in range, ${pod.status?.phase}, already at the update revision ${upd}`, pods);
      return;
    }
    const condemned = [...pods.keys()].filter((m) => m < start || m > end);
    if (condemned.length) this.fail(`(b) ${name} deleted for the update while condemned ordinal(s) ${condemned.join(', ')} exist (scaling takes precedence)`, pods);
    const u = unhealthyInRange();
    if (u !== undefined) this.fail(`(b) ${name} deleted for the update while ordinal ${u} is ${pods.get(u) ? podLine(pods.get(u)) : 'missing'}`, pods);
    for (let i = k + 1; i <= end; i++) {
      if (pods.get(i) && rev(pods.get(i)) !== upd) {
        this.fail(`(b) ${name} deleted for the update before higher ordinal ${i} (at ${rev(pods.get(i))}, update revision ${upd})`, pods);
        break;
      }
    }
  }

  /** Throws the first violation, with the scenario. */
  assertClean(where: () => string): void {
    if (this.violations.length) throw new Error(`${this.violations[0]}\n  ${where()}`);
  }
}

/** Why the set has not converged (replicas Ready pods at the update revision, status consistent), or undefined. */
export function stsNotConverged(c: Cluster): string | undefined {
  const set = stsOf(c);
  const { start, end } = range(set);
  const R = set.spec.replicas;
  const pods = stsPods(c, set);
  const ok = ready(c, set);
  const st = set.status ?? {};
  const upd = newestRevision(c, set.metadata.uid)?.metadata.name;
  if (pods.size !== R) return `${pods.size} pods, want ${R}: ${[...pods.values()].map(podLine).join(' ')}`;
  for (let i = start; i <= end; i++) {
    const p = pods.get(i);
    if (!ok(p)) return `ordinal ${i} is ${p ? podLine(p) : 'missing'}`;
    if (p.metadata.labels?.['controller-revision-hash'] !== upd) return `ordinal ${i} at revision ${p.metadata.labels?.['controller-revision-hash']}, update revision ${upd}`;
    const claim = c.get('PersistentVolumeClaim', `${CLAIM_TEMPLATE}-${STS}-${i}`) as any;
    if (claim?.status?.phase !== 'Bound') return `claim of ordinal ${i} is ${claim?.status?.phase ?? 'missing'}`;
  }
  if ((st.observedGeneration ?? 0) < set.metadata.generation) return `observedGeneration ${st.observedGeneration} < generation ${set.metadata.generation}`;
  if (st.updateRevision !== upd || st.currentRevision !== upd) return `status revisions current=${st.currentRevision} update=${st.updateRevision}, newest ${upd}`;
  for (const f of ['replicas', 'readyReplicas', 'availableReplicas', 'currentReplicas', 'updatedReplicas']) {
    if ((st[f] ?? 0) !== R) return `status.${f} ${st[f] ?? 0} ≠ ${R}`;
  }
  return undefined;
}

// ================================================================ DaemonSet

export const DS = 'agent';
export const DS_IMAGES = ['busybox:1.35', 'busybox:1.36', 'busybox:1.37'] as const;
export const ROLES = ['worker', 'infra'] as const;
/** Taints the commands put on and take off nodes (`kubectl taint` specs). */
export const TAINTS = ['dedicated=db:NoSchedule', 'maint=now:NoExecute', 'soft=yes:PreferNoSchedule'] as const;
/** Tolerations a template may carry, by the taint key they tolerate. */
const TOLERATIONS = {
  dedicated: { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' },
  maint: { key: 'maint', operator: 'Exists', effect: 'NoExecute' },
} as const;
type TolerationKey = keyof typeof TOLERATIONS;

export interface DsTemplate {
  image: string;
  /** nodeSelector `role: worker`, or none (every node). */
  selector: 'worker' | null;
  tolerations: TolerationKey[];
}

export interface DsSpec {
  template: DsTemplate;
  readiness: { initialDelaySeconds: number; periodSeconds: number } | null;
  pullSeconds: number;
  terminationSeconds: number;
  grace: number;
  /** Spell out RollingUpdate maxUnavailable 1 / maxSurge 0, or leave them to the defaults (the same). */
  explicitStrategy: boolean;
  minReadySeconds: number;
  /** Never generated (the properties are maxSurge 0's): the checker's own test shows a surge fails (a). */
  maxSurge?: number;
}

export interface DsNode {
  role: (typeof ROLES)[number] | null;
  taints: (typeof TAINTS)[number][];
}

export type DsCmd =
  | { t: 'advance'; ms: number }
  /** A new pod template (kubectl apply): image, node selector, tolerations. */
  | { t: 'template'; template: DsTemplate }
  /** A node joins, registered with labels and taints: a new name, or (`reuse`) the name of a removed node. */
  | { t: 'addNode'; node: DsNode; reuse: number | null }
  | { t: 'removeNode'; index: number }
  | { t: 'label'; index: number; role: (typeof ROLES)[number] | null }
  /** Puts the taint on the `index`-th node, or takes it off when it is there. */
  | { t: 'taint'; index: number; taint: (typeof TAINTS)[number] };

export interface DsScenario {
  seed: number;
  nodes: DsNode[];
  spec: DsSpec;
  cmds: DsCmd[];
}

export function dsManifest(spec: DsSpec, template = spec.template): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: DS },
    spec: {
      selector: { matchLabels: { app: DS } },
      ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
      ...(spec.maxSurge
        ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: spec.maxSurge } } }
        : spec.explicitStrategy ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } } : {}),
      template: {
        metadata: {
          labels: { app: DS },
          annotations: {
            'kubeactors.dev/pull-seconds': String(spec.pullSeconds),
            'kubeactors.dev/termination-seconds': String(spec.terminationSeconds),
          },
        },
        spec: {
          terminationGracePeriodSeconds: spec.grace,
          containers: [
            {
              name: DS,
              image: template.image,
              command: ['sleep', 'infinity'],
              ...(spec.readiness ? { readinessProbe: { exec: { command: ['true'] }, ...spec.readiness } } : {}),
            },
          ],
          ...(template.selector ? { nodeSelector: { role: template.selector } } : {}),
          ...(template.tolerations.length ? { tolerations: template.tolerations.map((k) => ({ ...TOLERATIONS[k] })) } : {}),
        },
      },
    },
  };
}

const dsTemplateArb: fc.Arbitrary<DsTemplate> = fc.record({
  image: fc.constantFrom(...DS_IMAGES),
  selector: fc.constantFrom('worker' as const, null, null),
  tolerations: fc.subarray(['dedicated', 'maint'] as TolerationKey[]),
});

const dsNodeArb: fc.Arbitrary<DsNode> = fc.record({
  role: fc.constantFrom('worker' as const, 'worker' as const, 'infra' as const, null),
  taints: fc.oneof({ weight: 3, arbitrary: fc.constant([] as DsNode['taints']) }, { weight: 1, arbitrary: fc.subarray([...TAINTS], { minLength: 1 }) }),
});

export const dsSpecArb: fc.Arbitrary<DsSpec> = fc.record({
  template: dsTemplateArb,
  readiness: fc.option(fc.record({ initialDelaySeconds: fc.integer({ min: 0, max: 8 }), periodSeconds: fc.integer({ min: 1, max: 5 }) }), { nil: null }),
  pullSeconds: fc.constantFrom(0, 0.5, 2, 5),
  terminationSeconds: fc.constantFrom(0, 0, 3, 20),
  grace: fc.constantFrom(0, 5, 30),
  explicitStrategy: fc.boolean(),
  minReadySeconds: fc.constantFrom(0, 0, 3),
});

export const dsCmdArb: fc.Arbitrary<DsCmd> = fc.oneof(
  { weight: 8, arbitrary: advanceArb },
  { weight: 4, arbitrary: dsTemplateArb.map((template) => ({ t: 'template' as const, template })) },
  { weight: 2, arbitrary: fc.record({ node: dsNodeArb, reuse: fc.option(fc.nat(5), { nil: null }) }).map((r) => ({ t: 'addNode' as const, ...r })) },
  { weight: 2, arbitrary: fc.nat(10).map((index) => ({ t: 'removeNode' as const, index })) },
  { weight: 3, arbitrary: fc.record({ index: fc.nat(10), role: fc.constantFrom('worker' as const, 'infra' as const, null) }).map((r) => ({ t: 'label' as const, ...r })) },
  { weight: 3, arbitrary: fc.record({ index: fc.nat(10), taint: fc.constantFrom(...TAINTS) }).map((r) => ({ t: 'taint' as const, ...r })) },
);

export const dsScenarioArb = (maxCmds = 30): fc.Arbitrary<DsScenario> =>
  fc.record({
    seed: fc.integer({ min: 1, max: 1000 }),
    nodes: fc.array(dsNodeArb, { minLength: 0, maxLength: 4 }),
    spec: dsSpecArb,
    cmds: fc.array(dsCmdArb, { minLength: 1, maxLength: maxCmds }),
  });

function nodeObject(name: string, n: DsNode): any {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: n.role ? { role: n.role } : {} },
    spec: n.taints.length ? { taints: n.taints.map(parseTaint) } : {},
  };
}

function parseTaint(spec: string): { key: string; value: string; effect: string } {
  const m = /^([^=]+)=([^:]+):(\w+)$/.exec(spec)!;
  return { key: m[1]!, value: m[2]!, effect: m[3]! };
}

export interface DsRun {
  c: Cluster;
  /** Names of removed nodes (addNode may bring one back). */
  removed: string[];
  nodesAdded: number;
  /** Nodes added under a removed node's name. */
  reused: number;
}

export function startDs(s: DsScenario): DsRun {
  // Nodes registered with their labels and taints, then the DaemonSet.
  const c = createCluster({ nodes: s.nodes.map((n, i) => nodeObject(`node-${i + 1}`, n)), seed: s.seed });
  return { c, removed: [], nodesAdded: 0, reused: 0 };
}

export function applyDs(r: DsRun, s: DsScenario): void {
  r.c.apply(JSON.stringify(dsManifest(s.spec)));
}

const nodeNames = (c: Cluster) => (c.list('Node') as any[]).map((n) => n.metadata.name as string);

/** Runs one command; 'skipped' when it had no target. */
export function execDs(r: DsRun, s: DsScenario, cmd: DsCmd): 'done' | 'skipped' {
  const c = r.c;
  switch (cmd.t) {
    case 'advance':
      c.advance(cmd.ms);
      return 'done';
    case 'template':
      c.apply(JSON.stringify(dsManifest(s.spec, cmd.template)));
      return 'done';
    case 'addNode': {
      let name: string;
      if (cmd.reuse !== null && r.removed.length) {
        name = r.removed.splice(cmd.reuse % r.removed.length, 1)[0]!;
        r.reused++;
      } else name = `extra-${++r.nodesAdded}`;
      c.addNode(nodeObject(name, cmd.node));
      return 'done';
    }
    case 'removeNode': {
      const nodes = nodeNames(c);
      if (!nodes.length) return 'skipped';
      const name = nodes[cmd.index % nodes.length]!;
      c.removeNode(name);
      r.removed.push(name);
      return 'done';
    }
    case 'label': {
      const nodes = nodeNames(c);
      if (!nodes.length) return 'skipped';
      c.label('Node', nodes[cmd.index % nodes.length]!, { role: cmd.role });
      return 'done';
    }
    case 'taint': {
      const nodes = nodeNames(c);
      if (!nodes.length) return 'skipped';
      const name = nodes[cmd.index % nodes.length]!;
      const t = parseTaint(cmd.taint);
      const node = c.get('Node', name) as any;
      const has = (node.spec?.taints ?? []).some((x: any) => x.key === t.key && x.effect === t.effect);
      c.taint(name, has ? `${t.key}:${t.effect}-` : cmd.taint);
      return 'done';
    }
  }
}

/**
 * The default tolerations every daemon pod gets (daemonset_util.go AddOrUpdateDaemonPodTolerations):
 * not-ready and unreachable NoExecute; disk/memory/pid pressure and unschedulable NoSchedule.
 */
const DEFAULT_DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** core/v1 Toleration.ToleratesTaint. */
function tolerates(t: any, taint: any): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.key ?? '') !== '' && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/**
 * daemon_controller.go NodeShouldRunDaemonPod for the templates used here (nodeSelector,
 * tolerations; no affinity, no nodeName): the node matches the selector and every NoSchedule /
 * NoExecute taint is tolerated → shouldRun; a pod already there may stay (shouldContinueRunning)
 * unless the selector does not match or a NoExecute taint is not tolerated.
 */
export function eligibility(node: any, ds: any): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = ds.spec.template.spec;
  const labels = node.metadata.labels ?? {};
  const selectorOk = Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
  if (!selectorOk) return { shouldRun: false, shouldContinueRunning: false };
  const tols = [...(spec.tolerations ?? []), ...DEFAULT_DAEMON_TOLERATIONS];
  const untolerated = (node.spec?.taints ?? []).filter((t: any) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tols.some((x) => tolerates(x, t)));
  return { shouldRun: untolerated.length === 0, shouldContinueRunning: !untolerated.some((t: any) => t.effect === 'NoExecute') };
}

/** daemonset_util.go GetTargetNodeName: spec.nodeName, else the node-name affinity the controller injects. */
export function targetNode(p: any): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  for (const term of p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

export interface DsCoverage {
  events: number;
  creations: number;
  /** Deletions that are not evictions (checked to be explained). */
  deletions: number;
  evictions: number;
  /** Creations on a node that still had a (deleted, terminal) daemon pod. */
  creationsBesideDeleted: number;
  /** Watch events at which some node had a terminating daemon pod (the (a) bound counts only the others). */
  withTerminating: number;
  /** Runs that converged with a pod kept on a node that should not run it (shouldContinueRunning). */
  misscheduledAtEnd: number;
  /** Nodes added under the name of a removed node. */
  reusedNames: number;
}

export const emptyDsCoverage = (): DsCoverage => ({ events: 0, creations: 0, deletions: 0, evictions: 0, creationsBesideDeleted: 0, withTerminating: 0, misscheduledAtEnd: 0, reusedNames: 0 });

/**
 * The DaemonSet checker, on every Pod watch event, over the daemon pods as the events leave them
 * (pods are counted on their target node: spec.nodeName, or before binding the node-name affinity
 * the controller injects — daemonset_util.go GetTargetNodeName):
 *
 * (a) at every event, each node has at most one daemon pod that is not being deleted. With
 *     maxSurge 0 upstream creates a pod only on a node without one: manage's podsShouldBeOnNode
 *     creates when the node has NO entry in getNodesToDaemonPods (a terminating pod is an entry;
 *     only pods both deleted and Failed/Succeeded are left out), and rollingUpdate only deletes.
 *     So, also: at each creation for node n, every other daemon pod targeting n is being deleted
 *     and terminal.
 * (a+) what else manage and rollingUpdate guarantee at each write, against the nodes and the
 *     template at that instant: a pod is created only for an existing node that should run it
 *     (NodeShouldRunDaemonPod), at the newest revision; and a deletion that is not an eviction
 *     (DisruptionTarget: taint manager, PodGC) has a reason — the node is gone or may not keep the
 *     pod (selector, untolerated NoExecute taint), the pod is Failed/Succeeded or one too many on
 *     its node, or it is not of the newest revision (a rolling-update step).
 */
export class DsChecker {
  readonly violations: string[] = [];
  /** uid → the pod as the last event showed it. */
  private readonly pods = new Map<string, any>();
  readonly trace: string[] = [];
  private readonly unwatch: () => void;

  constructor(private readonly r: DsRun, readonly coverage: DsCoverage = emptyDsCoverage()) {
    this.unwatch = r.c.watch((w) => this.on(w));
  }

  stop(): void {
    this.unwatch();
  }

  private picture(): string {
    return [...this.pods.values()].map((p) => `${podLine(p)}→${targetNode(p)}`).join(' ') || '(none)';
  }

  private on(w: WatchEvent): void {
    const o = w.object as any;
    if (o.kind !== 'Pod' || controllerRef(o)?.kind !== 'DaemonSet') return;
    this.coverage.events++;
    const uid = o.metadata.uid as string;
    const target = targetNode(o);
    if (w.type === 'ADDED') {
      this.trace.push(`+${o.metadata.name}→${target}@${at(this.r.c)}`);
      this.onCreate(o, target);
    }
    const before = this.pods.get(uid);
    if (w.type === 'DELETED') {
      this.trace.push(`-${o.metadata.name}@${at(this.r.c)}`);
      this.pods.delete(uid);
      if (!isTerminating(before)) this.onDelete(o, target);
    } else {
      this.pods.set(uid, o);
      if (w.type === 'MODIFIED' && isTerminating(o) && !isTerminating(before)) {
        this.trace.push(`~${o.metadata.name}@${at(this.r.c)}`);
        this.onDelete(o, target);
      }
    }
    const live = new Map<string, string[]>();
    let terminating = false;
    for (const p of this.pods.values()) {
      if (isTerminating(p)) {
        terminating = true;
        continue;
      }
      const n = targetNode(p) ?? '(none)';
      live.set(n, [...(live.get(n) ?? []), p.metadata.name]);
    }
    if (terminating) this.coverage.withTerminating++;
    for (const [n, names] of live) {
      if (names.length > 1) this.violations.push(`(a) ${names.length} daemon pods not being deleted on ${n}: ${names.join(', ')}`);
    }
  }

  /** (a) the node is free of other live daemon pods; (a+) it exists and should run the daemon; the pod is of the newest revision. */
  private onCreate(o: any, target: string | undefined): void {
    const c = this.r.c;
    this.coverage.creations++;
    const others = [...this.pods.values()].filter((p) => targetNode(p) === target);
    if (others.length) this.coverage.creationsBesideDeleted++;
    const blocking = others.filter((p) => !(isTerminating(p) && isTerminal(p)));
    if (blocking.length) this.violations.push(`(a) ${o.metadata.name} created for ${target} while ${blocking.map(podLine).join(', ')} is there (maxSurge 0)`);
    const ds = c.get('DaemonSet', DS) as any;
    const node = target === undefined ? undefined : (c.get('Node', target) as any);
    if (!node) this.violations.push(`(a+) ${o.metadata.name} created for ${target}, which is not a node`);
    else if (!eligibility(node, ds).shouldRun) this.violations.push(`(a+) ${o.metadata.name} created on ${target}, which should not run the daemon (labels ${JSON.stringify(node.metadata.labels)}, taints ${JSON.stringify(node.spec?.taints ?? [])})`);
    const hash = newestRevision(c, ds.metadata.uid)?.metadata.labels?.['controller-revision-hash'];
    if (o.metadata.labels?.['controller-revision-hash'] !== hash) this.violations.push(`(a+) ${o.metadata.name} created at revision ${o.metadata.labels?.['controller-revision-hash']}, the newest is ${hash}`);
  }

  /** (a+) A deletion (deletionTimestamp appears, or the pod goes at once) that is not an eviction must have one of manage's or rollingUpdate's reasons. */
  private onDelete(o: any, target: string | undefined): void {
    const c = this.r.c;
    if (evicted(o)) {
      this.coverage.evictions++;
      return;
    }
    this.coverage.deletions++;
    const ds = c.get('DaemonSet', DS) as any;
    const node = target === undefined ? undefined : (c.get('Node', target) as any);
    if (!node || !eligibility(node, ds).shouldContinueRunning || isTerminal(o)) return;
    const uid = o.metadata.uid;
    if ([...this.pods.values()].some((p) => p.metadata.uid !== uid && targetNode(p) === target && !isTerminating(p))) return;
    const hash = newestRevision(c, ds.metadata.uid)?.metadata.labels?.['controller-revision-hash'];
    if (o.metadata.labels?.['controller-revision-hash'] !== hash) return;
    this.violations.push(`(a+) ${o.metadata.name} on ${target} deleted without a reason: the node may keep it, it is the only one there, ${o.status?.phase}, of the newest revision ${hash}`);
  }

  assertClean(where: () => string): void {
    if (this.violations.length) throw new Error(`${this.violations[0]}\n    at ${at(this.r.c)} pods: ${this.picture()}\n    recent: ${this.trace.slice(-12).join('; ')}\n  ${where()}`);
  }
}

/**
 * Why the DaemonSet has not converged, or undefined: on every node that should run it, exactly one
 * daemon pod, Running, Ready, of the newest revision (image and controller-revision-hash); on a node
 * that should not run it but where a pod may continue (an untolerated NoSchedule taint that came
 * after the pod) at most that one pod, of the newest revision; none anywhere else (other nodes,
 * removed nodes); nothing terminating; the status counts agreeing.
 */
export function dsNotConverged(c: Cluster): string | undefined {
  const ds = c.get('DaemonSet', DS) as any;
  const nodes = c.list('Node') as any[];
  const pods = (c.list('Pod') as any[]).filter((p) => controllerRef(p)?.uid === ds.metadata.uid);
  const newest = newestRevision(c, ds.metadata.uid);
  const hash = newest?.metadata.labels?.['controller-revision-hash'];
  const image = ds.spec.template.spec.containers[0].image;
  const updated = (p: any) => p.metadata.labels?.['controller-revision-hash'] === hash && p.spec.containers[0].image === image;
  const byNode = new Map<string, any[]>();
  for (const p of pods) {
    if (isTerminating(p)) return `${podLine(p)} still terminating`;
    const n = targetNode(p) ?? '(none)';
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  let desired = 0;
  let misscheduled = 0;
  for (const node of nodes) {
    const name = node.metadata.name;
    const on = byNode.get(name) ?? [];
    byNode.delete(name);
    const e = eligibility(node, ds);
    if (e.shouldRun) {
      desired++;
      if (on.length !== 1) return `${on.length} pods on eligible ${name}`;
      const p = on[0];
      if (!healthy(p) || !available(p, ds.spec.minReadySeconds ?? 0, c.now())) return `${podLine(p)} on ${name} not Running, Ready and available`;
      if (!updated(p)) return `${podLine(p)} on ${name} not of the newest revision ${hash} (${image})`;
    } else if (e.shouldContinueRunning) {
      if (on.length > 1) return `${on.length} pods on ${name} (should not run, may continue)`;
      if (on.length === 1) {
        misscheduled++;
        if (!updated(on[0])) return `${podLine(on[0])} on ${name} (should not run) not of the newest revision`;
      }
    } else if (on.length) {
      return `${on.map(podLine).join(', ')} on ineligible ${name}`;
    }
  }
  for (const [n, on] of byNode) return `${on.map(podLine).join(', ')} on ${n}, which is not a node`;
  const st = ds.status ?? {};
  if ((st.observedGeneration ?? 0) < ds.metadata.generation) return `observedGeneration ${st.observedGeneration} < generation ${ds.metadata.generation}`;
  const want: Record<string, number> = {
    desiredNumberScheduled: desired, currentNumberScheduled: desired, updatedNumberScheduled: desired, numberReady: desired, numberAvailable: desired,
    numberMisscheduled: misscheduled, numberUnavailable: 0,
  };
  for (const [f, v] of Object.entries(want)) if ((st[f] ?? 0) !== v) return `status.${f} ${st[f] ?? 0} ≠ ${v}`;
  return undefined;
}
