/**
 * How a simulated container behaves: documented pod annotations (`kubeactors.dev/<key>`, or
 * `kubeactors.dev/<key>.<container>` for one container) over cluster-wide defaults.
 * See docs/behaviour.md.
 */
export const PREFIX = 'kubeactors.dev/';

export interface BehaviourDefaults {
  /** Seconds an image pull takes on a node without the image. */
  pullSeconds: number;
  /** Seconds a pull takes with imagePullPolicy Always when the node already has the image. */
  cachedPullSeconds: number;
  /** Seconds a finite container runs when nothing says otherwise (init containers, Jobs). */
  finiteRunSeconds: number;
  /** Seconds a process takes to exit after SIGTERM. */
  terminationSeconds: number;
}

export const DEFAULT_BEHAVIOUR: BehaviourDefaults = {
  pullSeconds: 2,
  cachedPullSeconds: 0.5,
  finiteRunSeconds: 5,
  terminationSeconds: 0,
};

export interface Behaviour {
  /** ms the process runs before exiting by itself; null = forever. */
  runMs: number | null;
  exitCode: number;
  /** ms an image pull takes; null = never finishes. */
  pullMs: number | null;
  cachedPullMs: number;
  pullFails: boolean;
  /** ms after start when the liveness / readiness probe starts failing; null = never. */
  livenessFailsAfterMs: number | null;
  readinessFailsAfterMs: number | null;
  startupFails: boolean;
  /** ms the process takes to exit on SIGTERM. */
  /** ms the process takes to exit on SIGTERM; null = ignores SIGTERM (SIGKILL after the grace period). */
  terminationMs: number | null;
  /** Extra log lines written at start (`kubeactors.dev/logs`, newline-separated). */
  logs: string[];
}

export type ContainerRole = 'init' | 'sidecar' | 'regular' | 'ephemeral';

export const BEHAVIOUR_KEYS = [
  'run-seconds', 'exit-code', 'pull-seconds', 'image-pull', 'liveness-fails-after',
  'readiness-fails-after', 'startup-fails', 'termination-seconds', 'logs',
] as const;

function lookup(ann: Record<string, string> | undefined, key: string, container: string): string | undefined {
  if (!ann) return undefined;
  return ann[`${PREFIX}${key}.${container}`] ?? ann[`${PREFIX}${key}`];
}

/** Seconds ("30", "1.5", "30s", "2m") → ms; "forever"/"never" → null. */
function seconds(v: string): number | null {
  const s = v.trim();
  if (s === 'forever' || s === 'never' || s === '') return null;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s);
  if (!m) throw new Error(`expected seconds (e.g. "30", "1.5", "2m") or "forever", got "${v}"`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000));
}

/** Validates every behaviour annotation; returns messages keyed by annotation name. */
export function validateBehaviourAnnotations(ann: Record<string, string> | undefined): { key: string; message: string; unknownKey?: true }[] {
  const errors: { key: string; message: string; unknownKey?: true }[] = [];
  for (const [k, v] of Object.entries(ann ?? {})) {
    if (!k.startsWith(PREFIX)) continue;
    const base = k.slice(PREFIX.length).split('.')[0]!;
    if (!(BEHAVIOUR_KEYS as readonly string[]).includes(base)) {
      errors.push({ key: k, message: `unknown behaviour annotation; known: ${BEHAVIOUR_KEYS.join(', ')}`, unknownKey: true });
      continue;
    }
    try {
      if (base === 'exit-code') {
        if (!/^\d+$/.test(v) || Number(v) > 255) throw new Error(`expected an exit code 0-255, got "${v}"`);
      } else if (base === 'image-pull') {
        if (v !== 'fail' && v !== 'ok') throw new Error(`expected "fail" or "ok", got "${v}"`);
      } else if (base === 'startup-fails') {
        if (v !== 'true' && v !== 'false') throw new Error(`expected "true" or "false", got "${v}"`);
      } else if (base !== 'logs') {
        seconds(v);
      }
    } catch (e) {
      errors.push({ key: k, message: (e as Error).message });
    }
  }
  return errors;
}

export function resolveBehaviour(
  annotations: Record<string, string> | undefined,
  container: string,
  role: ContainerRole,
  podRestartPolicy: string,
  defaults: BehaviourDefaults = DEFAULT_BEHAVIOUR,
): Behaviour {
  // Most pods carry no behaviour annotation: skip the per-key lookups then.
  let any = false;
  if (annotations) for (const k in annotations) if (k.startsWith(PREFIX)) any = true;
  const ann = any ? annotations : undefined;
  const get = (k: string) => lookup(ann, k, container);
  const safeSeconds = (v: string | undefined, dflt: number | null): number | null => {
    if (v === undefined) return dflt;
    try {
      return seconds(v);
    } catch {
      return dflt;
    }
  };
  // Debug (ephemeral) containers run an interactive shell: they live until told otherwise.
  const finite = role === 'init' || (role === 'regular' && podRestartPolicy !== 'Always');
  const run = get('run-seconds');
  const exit = Number(get('exit-code') ?? '0');
  return {
    runMs: safeSeconds(run, finite ? defaults.finiteRunSeconds * 1000 : null),
    exitCode: Number.isInteger(exit) && exit >= 0 && exit <= 255 ? exit : 0,
    pullMs: safeSeconds(get('pull-seconds'), defaults.pullSeconds * 1000),
    cachedPullMs: defaults.cachedPullSeconds * 1000,
    pullFails: get('image-pull') === 'fail',
    livenessFailsAfterMs: safeSeconds(get('liveness-fails-after'), null),
    readinessFailsAfterMs: safeSeconds(get('readiness-fails-after'), null),
    startupFails: get('startup-fails') === 'true',
    terminationMs: safeSeconds(get('termination-seconds'), defaults.terminationSeconds * 1000),
    logs: (get('logs') ?? '').split('\n').filter((l) => l.length > 0),
  };
}
