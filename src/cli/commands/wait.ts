/**
 * `kubeactors wait` (kubectl wait): advances simulated time until each object meets the
 * condition, or the timeout passes.
 */
import { Command } from 'commander';
import { ClusterError, type Cluster } from '../../cluster/cluster.ts';
import type { KindInfo } from '../../kinds.ts';
import type { KObject } from '../../types.ts';
import { jsonpath } from '../../views/jsonpath.ts';
import { durationFlag, kindLabel, parseResourceArgs } from '../args.ts';
import { CliError, usageError } from '../errors.ts';
import type { Session } from '../session.ts';

export type WaitCondition =
  | { type: 'delete' }
  | { type: 'create' }
  | { type: 'condition'; name: string; value: string }
  | { type: 'jsonpath'; path: string; value?: string };

/** Parses `--for` like kubectl wait's conditionFuncFor. */
export function parseWaitFor(s: string): WaitCondition {
  const lower = s.toLowerCase();
  if (lower === 'delete') return { type: 'delete' };
  if (lower === 'create') return { type: 'create' };
  if (lower.startsWith('condition=')) {
    const rest = s.slice('condition='.length);
    const i = rest.indexOf('=');
    const name = i < 0 ? rest : rest.slice(0, i);
    const value = i < 0 ? 'true' : rest.slice(i + 1);
    if (!name) throw usageError(`unrecognized condition: "${s}"`);
    return { type: 'condition', name, value };
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = s.slice('jsonpath='.length);
    // `{.status.phase}=Running`; the template may itself contain `=` inside its braces.
    const m = /^(\{.*\})(?:=(.*))?$/s.exec(rest) ?? /^([^=]+)(?:=(.*))?$/s.exec(rest);
    if (!m || !m[1]) throw usageError(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`);
    const path = m[1].startsWith('{') ? m[1] : `{${m[1]}}`;
    try {
      jsonpath({}, path);
    } catch (e) {
      throw usageError(`${(e as Error).message}`);
    }
    return { type: 'jsonpath', path, value: m[2] };
  }
  throw usageError(`unrecognized condition: "${s}"`);
}

export function conditionMet(obj: KObject | undefined, cond: WaitCondition): boolean {
  switch (cond.type) {
    case 'delete':
      return !obj;
    case 'create':
      return !!obj;
    case 'condition': {
      if (!obj) return false;
      const want = cond.name.toLowerCase();
      const c = (obj.status?.conditions ?? []).find((x: { type: string }) => x.type.toLowerCase() === want);
      return !!c && String(c.status).toLowerCase() === cond.value.toLowerCase();
    }
    case 'jsonpath': {
      if (!obj) return false;
      let got: string;
      try {
        got = jsonpath(JSON.parse(JSON.stringify(obj)), cond.path);
      } catch {
        return false;
      }
      return cond.value === undefined ? got !== '' : got === cond.value;
    }
  }
}

export interface WaitTarget {
  info: KindInfo;
  name: string;
}

/** Waits for one object; returns false on timeout. `timeoutMs` 0 checks once. */
export function waitFor(c: Cluster, t: WaitTarget, ns: string, cond: WaitCondition, timeoutMs: number): boolean {
  const check = (cl: Cluster) => conditionMet(cl.get(t.info.kind, t.name, ns), cond);
  if (timeoutMs === 0) return check(c);
  try {
    c.runUntil(check, { timeout: timeoutMs });
    return true;
  } catch (e) {
    if (e instanceof ClusterError && e.code === 'Timeout') return false;
    throw e;
  }
}

interface WaitFlags {
  for?: string;
  timeout: number;
  namespace: string;
  selector?: string;
  all?: boolean;
}

export function registerWait(program: Command, s: Session): void {
  program
    .command('wait')
    .summary('Experimental: Wait for a specific condition on one or many resources')
    .description(
      'Wait for a condition (kubectl wait), advancing simulated time: --for=condition=Ready[=true], --for=delete,\n' +
        "--for=create or --for=jsonpath='{.status.phase}'=Running. A timeout leaves the saved cluster (and its clock) unchanged.",
    )
    .argument('[resources...]', 'TYPE NAME... or TYPE/NAME...')
    .option('--for <condition>', 'the condition to wait on')
    .option('--timeout <duration>', 'how long to wait (simulated) per object; 0 = check once', durationFlag('--timeout'), 30_000)
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .option('-l, --selector <selector>', 'wait for every object matching this label selector')
    .option('--all', 'wait for every object of the kind in the namespace')
    .action(async (resources: string[], o: WaitFlags) => {
      if (!o.for) throw usageError('--for must be specified (e.g. --for=condition=Ready, --for=delete)');
      const cond = parseWaitFor(o.for);
      if (!resources.length) throw usageError('You must provide one or more resources by argument or filename.');
      const { refs } = parseResourceArgs(resources);
      const c = s.cluster();
      const targets: WaitTarget[] = [];
      for (const ref of refs) {
        if (ref.name !== undefined) targets.push({ info: ref.info, name: ref.name });
        else if (o.all || o.selector) {
          for (const obj of c.list(ref.info.kind, { namespace: o.namespace, labelSelector: o.selector })) targets.push({ info: ref.info, name: obj.metadata.name });
        } else throw usageError('resource(s) were provided, but no name was specified');
      }
      if (!targets.length) throw usageError('no matching resources found');
      for (const t of targets) {
        const exists = !!c.get(t.info.kind, t.name, o.namespace);
        if (!exists && cond.type !== 'delete' && cond.type !== 'create') {
          throw new CliError(`Error from server (NotFound): ${t.info.plural} "${t.name}" not found`);
        }
        if (!waitFor(c, t, o.namespace, cond, o.timeout)) {
          throw new CliError(o.timeout === 0 ? `error: condition not met for ${t.info.plural}/${t.name}` : `error: timed out waiting for the condition on ${t.info.plural}/${t.name}`);
        }
        s.println(`${kindLabel(t.info)}/${t.name} condition met`);
      }
    });
}
