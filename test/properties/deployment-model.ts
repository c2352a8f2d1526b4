/**
 * Random Deployment rollouts for property tests: a RollingUpdate Deployment "web" with random
 * replicas / maxSurge / maxUnavailable / minReadySeconds and a pod template that is slow to pull
 * and slow to become ready, then a random sequence of commands (image changes, scale changes,
 * container crashes, forced readiness failures, pause/resume toggles, time).
 *
 * The fencepost arithmetic here is written out from upstream's definitions on purpose instead of
 * importing machines/deployment/fenceposts.ts: the properties must not borrow the engine's own
 * arithmetic to check the engine.
 */
import fc from 'fast-check';
import { ClusterError, createCluster, type Cluster } from '../../src/cluster/cluster.ts';

export const NAME = 'web';
export const IMAGES = ['nginx:1.25', 'nginx:1.26', 'nginx:1.27', 'nginx:1.28'] as const;

export type IntOrPercent = number | `${number}%`;

export interface Template {
  /** `kubeactors.dev/pull-seconds`: how long the first pull of an image on a node takes. */
  pullSeconds: number;
  /** `kubeactors.dev/termination-seconds`: how long a pod lingers (terminating) after deletion. */
  terminationSeconds: number;
  /** A readiness probe (the pod is not Ready before initialDelaySeconds, then per period), or none. */
  readiness?: { initialDelaySeconds: number; periodSeconds: number };
}

export interface DeploymentSpec {
  replicas: number;
  maxSurge: IntOrPercent;
  maxUnavailable: IntOrPercent;
  minReadySeconds: number;
  image: string;
  template: Template;
}

export type DCmd =
  | { t: 'advance'; ms: number }
  | { t: 'image'; image: string }
  | { t: 'scale'; replicas: number }
  /** Crash the container of the `index`-th (mod n) pod of the Deployment whose container runs. */
  | { t: 'crash'; index: number; exitCode: number }
  /** Force the readiness probe of the `index`-th (mod n) running pod to fail. */
  | { t: 'unready'; index: number }
  /** `rollout pause` when running, `rollout resume` when paused. */
  | { t: 'togglePause' };

export interface DScenario {
  seed: number;
  nodes: number;
  spec: DeploymentSpec;
  cmds: DCmd[];
}

// ---------------------------------------------------------------- upstream arithmetic, written out

/** intstr.GetScaledValueFromIntOrPercent: an int as is, "p%" → ceil/floor(p·total/100). */
export function scaled(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const raw = (Number(v.slice(0, -1)) * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

/**
 * deployment_util.go ResolveFenceposts + MaxSurge + MaxUnavailable: surge rounds up, unavailable
 * down; both 0 → unavailable 1; unavailable clamped to replicas, and 0 when replicas is 0.
 */
export function fenceposts(replicas: number, maxSurge: IntOrPercent, maxUnavailable: IntOrPercent): { surge: number; unavailable: number } {
  const surge = scaled(maxSurge, replicas, true);
  let unavailable = scaled(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  if (replicas === 0) unavailable = 0;
  return { surge, unavailable: Math.min(unavailable, replicas) };
}

/** Validation (ValidateRollingUpdateDeployment) refuses maxSurge and maxUnavailable both 0 (int 0 or "0%"). */
export const bothZero = (s: IntOrPercent, u: IntOrPercent) => parseFloat(String(s)) === 0 && parseFloat(String(u)) === 0;

// ---------------------------------------------------------------- manifests

export function deploymentManifest(s: DeploymentSpec): object {
  const t = s.template;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: NAME },
    spec: {
      replicas: s.replicas,
      minReadySeconds: s.minReadySeconds,
      selector: { matchLabels: { app: NAME } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: s.maxSurge, maxUnavailable: s.maxUnavailable } },
      template: {
        metadata: {
          labels: { app: NAME },
          annotations: {
            'kubeactors.dev/pull-seconds': String(t.pullSeconds),
            'kubeactors.dev/termination-seconds': String(t.terminationSeconds),
          },
        },
        spec: {
          containers: [
            {
              name: 'app',
              image: s.image,
              ...(t.readiness ? { readinessProbe: { httpGet: { path: '/', port: 80 }, ...t.readiness } } : {}),
            },
          ],
        },
      },
    },
  };
}

// ---------------------------------------------------------------- arbitraries

/** 0–50, weighted towards small sizes so the default run stays fast. */
export const replicasArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 8 }) },
  { weight: 2, arbitrary: fc.integer({ min: 9, max: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 21, max: 50 }) },
);

const percent = (max: number) => fc.integer({ min: 0, max }).map((p) => `${p}%` as const);
export const maxSurgeArb: fc.Arbitrary<IntOrPercent> = fc.oneof(fc.integer({ min: 0, max: 12 }), percent(200));
export const maxUnavailableArb: fc.Arbitrary<IntOrPercent> = fc.oneof(fc.integer({ min: 0, max: 12 }), percent(100));

export const templateArb: fc.Arbitrary<Template> = fc.record(
  {
    pullSeconds: fc.constantFrom(0, 0.5, 2, 5),
    terminationSeconds: fc.constantFrom(0, 0, 3, 20),
    readiness: fc.record({ initialDelaySeconds: fc.integer({ min: 0, max: 10 }), periodSeconds: fc.integer({ min: 1, max: 5 }) }),
  },
  { requiredKeys: ['pullSeconds', 'terminationSeconds'] },
);

/** A valid spec: the both-zero combination validation refuses is turned into maxUnavailable 1. */
export const specArb: fc.Arbitrary<DeploymentSpec> = fc
  .record({
    replicas: replicasArb,
    maxSurge: maxSurgeArb,
    maxUnavailable: maxUnavailableArb,
    minReadySeconds: fc.integer({ min: 0, max: 5 }),
    image: fc.constantFrom(...IMAGES),
    template: templateArb,
  })
  .map((s) => (bothZero(s.maxSurge, s.maxUnavailable) ? { ...s, maxUnavailable: 1 } : s));

/**
 * A command. `faults` weights the disturbances (crashes, forced readiness failures, pause/resume
 * toggles, scale changes): 0 gives rollouts only (image changes and time), whose windows of
 * promised availability (property b) are long.
 */
export const cmdArb = (faults = 1): fc.Arbitrary<DCmd> =>
  fc.oneof(
    // Mostly short stretches, so that commands often land in the middle of a rollout.
    { weight: 5, arbitrary: fc.integer({ min: 100, max: 3_000 }).map((ms) => ({ t: 'advance' as const, ms })) },
    { weight: 3, arbitrary: fc.integer({ min: 3_000, max: 30_000 }).map((ms) => ({ t: 'advance' as const, ms })) },
    { weight: 5, arbitrary: fc.constantFrom(...IMAGES).map((image) => ({ t: 'image' as const, image })) },
    { weight: 2 * faults, arbitrary: replicasArb.map((replicas) => ({ t: 'scale' as const, replicas })) },
    { weight: 2 * faults, arbitrary: fc.record({ index: fc.nat(60), exitCode: fc.constantFrom(1, 137) }).map((r) => ({ t: 'crash' as const, ...r })) },
    { weight: faults, arbitrary: fc.nat(60).map((index) => ({ t: 'unready' as const, index })) },
    { weight: faults, arbitrary: fc.constant({ t: 'togglePause' as const }) },
  );

/** Scenarios: a third are rollouts only (no disturbance at all), the rest mix everything in. */
export const scenarioArb = (maxCmds = 25): fc.Arbitrary<DScenario> =>
  fc.record({
    seed: fc.integer({ min: 1, max: 1000 }),
    nodes: fc.integer({ min: 1, max: 4 }),
    spec: specArb,
    cmds: fc.constantFrom(0, 1, 1).chain((faults) => fc.array(cmdArb(faults), { minLength: 1, maxLength: maxCmds })),
  });

// ---------------------------------------------------------------- observation

const isReady = (p: any) => !!p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True');
const readySince = (p: any) => Date.parse(p.status.conditions.find((x: any) => x.type === 'Ready').lastTransitionTime);
const controllerUid = (o: any) => o.metadata.ownerReferences?.find((r: any) => r.controller)?.uid as string | undefined;

/** pod/util.go IsPodAvailable: Ready, and Ready since at least minReadySeconds. */
export function podAvailable(p: any, minReadySeconds: number, now: number): boolean {
  return isReady(p) && (minReadySeconds === 0 || readySince(p) + minReadySeconds * 1000 <= now);
}

/** controller_utils.go IsPodActive: not being deleted, not Succeeded/Failed. */
export const podActive = (p: any) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

export interface Observation {
  now: number;
  d: any;
  replicas: number;
  surge: number;
  unavailable: number;
  /** The ReplicaSets the Deployment controls, and the pods they control. */
  rss: any[];
  pods: any[];
  active: any[];
  /** Σ spec.replicas over the ReplicaSets. */
  specTotal: number;
  /** Σ status.availableReplicas over the ReplicaSets. */
  statusAvailable: number;
  /** Active pods that are Ready. */
  podsReady: number;
  /** Active pods available by IsPodAvailable now. */
  podsAvailable: number;
}

export function observe(c: Cluster, spec: Pick<DeploymentSpec, 'maxSurge' | 'maxUnavailable'>): Observation {
  const d = c.get('Deployment', NAME) as any;
  const now = c.now();
  const rss = (c.list('ReplicaSet') as any[]).filter((rs) => controllerUid(rs) === d.metadata.uid);
  const rsUids = new Set(rss.map((rs) => rs.metadata.uid));
  const pods = (c.list('Pod') as any[]).filter((p) => rsUids.has(controllerUid(p)));
  const active = pods.filter(podActive);
  const minReady = d.spec.minReadySeconds ?? 0;
  const replicas = d.spec.replicas;
  const { surge, unavailable } = fenceposts(replicas, spec.maxSurge, spec.maxUnavailable);
  return {
    now,
    d,
    replicas,
    surge,
    unavailable,
    rss,
    pods,
    active,
    specTotal: rss.reduce((n, rs) => n + rs.spec.replicas, 0),
    statusAvailable: rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0),
    podsReady: active.filter(isReady).length,
    podsAvailable: active.filter((p) => podAvailable(p, minReady, now)).length,
  };
}

/** A one-line picture of the ReplicaSets and pods, for failure messages. */
export function describe(o: Observation): string {
  const image = (x: any) => x.spec.template.spec.containers[0].image;
  const rs = o.rss
    .map((r) => `${image(r)}[rev ${r.metadata.annotations?.['deployment.kubernetes.io/revision']}] spec=${r.spec.replicas} avail=${r.status?.availableReplicas ?? 0}`)
    .join(', ');
  return `t=${new Date(o.now).toISOString()} replicas=${o.replicas} surge=${o.surge} unavailable=${o.unavailable} paused=${!!o.d.spec.paused} | ${rs} | active=${o.active.length} ready=${o.podsReady} available=${o.podsAvailable}`;
}

// ---------------------------------------------------------------- running

export function start(s: DScenario): Cluster {
  const c = createCluster({ nodes: s.nodes, seed: s.seed });
  c.apply(JSON.stringify(deploymentManifest(s.spec)));
  return c;
}

/** The restartCount of the pod's container. */
export const restarts = (p: any) => (p?.status?.containerStatuses?.[0]?.restartCount ?? 0) as number;

/**
 * Whether a forced readiness failure has yet to show: the pod is still active and Ready, and its
 * container has not restarted since (the probe's failureThreshold makes the Ready condition
 * drop a few periods after the failure is forced).
 */
export function failurePending(c: Cluster, forced: Map<string, number>): boolean {
  for (const [name, at] of forced) {
    const p = c.get('Pod', name) as any;
    if (p && podActive(p) && restarts(p) === at && p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')) return true;
  }
  return false;
}

/** The Deployment's pods whose container runs (crashable / probe-forceable), by name. */
export function runningPods(c: Cluster): string[] {
  const d = c.get('Deployment', NAME) as any;
  const rsUids = new Set((c.list('ReplicaSet') as any[]).filter((rs) => controllerUid(rs) === d.metadata.uid).map((rs) => rs.metadata.uid));
  return (c.list('Pod') as any[])
    .filter((p) => rsUids.has(controllerUid(p)) && podActive(p) && p.status?.containerStatuses?.[0]?.state?.running)
    .map((p) => p.metadata.name as string);
}

export interface Hooks {
  /** Advances time; the default is one `advance`. */
  advance?: (c: Cluster, ms: number) => void;
  /**
   * Pods whose readiness was forced to fail (to be given back when the environment heals), with
   * their container's restartCount then: a restarted container starts with a fresh probe, which
   * follows the behaviour again.
   */
  forced?: Map<string, number>;
}

/** Runs one command. Returns what it did ('skipped' when it had no target, e.g. no running pod). */
export function exec(c: Cluster, cmd: DCmd, h: Hooks = {}): 'done' | 'skipped' {
  switch (cmd.t) {
    case 'advance':
      if (h.advance) h.advance(c, cmd.ms);
      else c.advance(cmd.ms);
      return 'done';
    case 'image':
      c.setImage('Deployment', NAME, { app: cmd.image });
      return 'done';
    case 'scale':
      c.scale('Deployment', NAME, cmd.replicas);
      return 'done';
    case 'crash': {
      const pods = runningPods(c);
      if (!pods.length) return 'skipped';
      c.crashContainer(pods[cmd.index % pods.length]!, { container: 'app', exitCode: cmd.exitCode });
      return 'done';
    }
    case 'unready': {
      const d = c.get('Deployment', NAME) as any;
      if (!d.spec.template.spec.containers[0].readinessProbe) return 'skipped';
      const pods = runningPods(c);
      if (!pods.length) return 'skipped';
      const pod = pods[cmd.index % pods.length]!;
      try {
        c.setProbe(pod, 'readiness', 'Failure', { container: 'app' });
      } catch (e) {
        // A container that runs but whose probe has not started yet has no probe to force.
        if (e instanceof ClusterError && /has no running readiness probe/.test(e.message)) return 'skipped';
        throw e;
      }
      h.forced?.set(pod, restarts(c.get('Pod', pod)));
      return 'done';
    }
    case 'togglePause': {
      const d = c.get('Deployment', NAME) as any;
      if (d.spec.paused) c.rolloutResume('Deployment', NAME);
      else c.rolloutPause('Deployment', NAME);
      return 'done';
    }
  }
}

/**
 * The environment stops failing: the rollout is resumed, and every forced readiness result is
 * given back to the behaviour (probes succeed from then on). Crashed containers restart by
 * themselves (restartPolicy Always, after their back-off).
 */
export function heal(c: Cluster, forced: Map<string, number>): void {
  const d = c.get('Deployment', NAME) as any;
  if (d.spec.paused) c.rolloutResume('Deployment', NAME);
  for (const pod of forced.keys()) {
    try {
      c.setProbe(pod, 'readiness', null, { container: 'app' });
    } catch (e) {
      // Gone, terminating, or its container is between restarts (a restarted container starts
      // with a fresh probe, which follows the behaviour).
      if (!(e instanceof ClusterError)) throw e;
    }
  }
  forced.clear();
}

/** A compact, comparable event log. */
export const eventLog = (c: Cluster) =>
  (c.events({ allNamespaces: true }) as any[]).map((e) => [e.type, e.reason, e.involvedObject?.kind, e.involvedObject?.name, e.message, e.count, e.firstTimestamp, e.lastTimestamp].join(' | '));
