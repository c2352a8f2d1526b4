/**
 * Node operations: the `nodes` command group (add, cordon, uncordon, taint, fail, recover, remove,
 * label) and kubectl's own `cordon`, `uncordon`, `taint nodes …`, `label <kind> <name> …`.
 */
import { Command } from 'commander';
import type { Cluster } from '../../cluster/cluster.ts';
import { labelKeyErrors, labelValueErrors } from '../../labels.ts';
import { isDNS1123Subdomain } from '../../manifest/names.ts';
import type { Node } from '../../types.ts';
import { kindLabel, kindOf, parseResourceArgs } from '../args.ts';
import { CliError, describeError, notFound, usageError } from '../errors.ts';
import type { Session } from '../session.ts';
import { runGet } from './get.ts';

function getNode(c: Cluster, name: string): Node {
  const n = c.get('Node', name);
  if (!n) throw notFound('nodes', name);
  return n as unknown as Node;
}

function engine<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new CliError(describeError(e));
  }
}

function cordon(s: Session, names: string[], on: boolean): void {
  const c = s.cluster();
  for (const name of names) {
    const node = getNode(c, name);
    const word = on ? 'cordoned' : 'uncordoned';
    if (!!node.spec?.unschedulable === on) {
      s.println(`node/${name} already ${word}`);
      continue;
    }
    engine(() => (on ? c.cordon(name) : c.uncordon(name)));
    s.println(`node/${name} ${word}`);
  }
}

const TAINT_RE = /^([^=:]+)(?:=([^:]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?(-)?$/;

/** kubectl taint: `key=value:Effect` adds, `key[:Effect]-` removes. */
function taint(s: Session, name: string, specs: string[], overwrite: boolean): void {
  if (!specs.length) throw usageError('at least one taint update is required');
  const c = s.cluster();
  const node = getNode(c, name);
  let added = 0;
  let removed = 0;
  for (const spec of specs) {
    const m = TAINT_RE.exec(spec);
    if (!m || (!m[4] && !m[3])) {
      throw usageError(`invalid taint spec: ${spec}, expected key[=value]:Effect (NoSchedule|PreferNoSchedule|NoExecute) or key[:Effect]-`);
    }
    if (m[4]) removed++;
    else {
      added++;
      const clash = (node.spec?.taints ?? []).some((t) => t.key === m[1] && t.effect === m[3]);
      if (clash && !overwrite) throw usageError(`node ${name} already has ${m[1]} taint(s) with same effect(s) and --overwrite is false`);
    }
  }
  for (const spec of specs) engine(() => c.taint(name, spec));
  s.println(`node/${name} ${added && removed ? 'modified' : added ? 'tainted' : 'untainted'}`);
}

/** `k=v` → set, `k-` → remove, validated like kubectl label's parseLabels. */
export function parseLabelOps(ops: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const op of ops) {
    if (op.endsWith('-') && !op.includes('=')) {
      const key = op.slice(0, -1);
      const errs = labelKeyErrors(key);
      if (errs.length) throw usageError(`invalid label spec: ${op}: ${errs.join('; ')}`);
      out[key] = null;
      continue;
    }
    const i = op.indexOf('=');
    if (i <= 0) throw usageError(`invalid label spec: ${op}`);
    const key = op.slice(0, i);
    const value = op.slice(i + 1);
    const kerrs = labelKeyErrors(key);
    if (kerrs.length) throw usageError(`invalid label spec: ${op}: ${kerrs.join('; ')}`);
    const verrs = labelValueErrors(value);
    if (verrs.length) throw usageError(`invalid label value: "${op}": ${verrs.join('; ')}`);
    out[key] = value;
  }
  return out;
}

function label(s: Session, kind: string, name: string, ops: string[], o: { overwrite?: boolean; namespace: string }): void {
  const info = kindOf(kind);
  if (!ops.length) throw usageError('at least one label update is required');
  const changes = parseLabelOps(ops);
  const c = s.cluster();
  const obj = c.get(info.kind, name, o.namespace);
  if (!obj) throw notFound(info.plural, name);
  const cur = obj.metadata.labels ?? {};
  for (const [k, v] of Object.entries(changes)) {
    if (v !== null && k in cur && cur[k] !== v && !o.overwrite) throw usageError(`'${k}' already has a value (${cur[k]}), and --overwrite is false`);
  }
  for (const [k, v] of Object.entries(changes)) if (v === null && !(k in cur)) s.eprintln(`label "${k}" not found.`);
  const next: Record<string, string> = { ...cur };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  const before = JSON.stringify(cur);
  const after = JSON.stringify(next);
  if (before !== after) engine(() => c.label(info.kind, name, changes, o.namespace));
  // kubectl label's updateDataChangeMsg: shorter data without --overwrite reads "unlabeled".
  const msg = before === after ? 'not labeled' : !o.overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
  s.println(`${kindLabel(info)}/${name} ${msg}`);
}

/** `label TYPE NAME k=v…`, `label TYPE/NAME k=v…`. */
function splitLabelArgs(args: string[]): { kind: string; name: string; ops: string[] } {
  const ops = args.filter((a) => a.includes('=') || a.endsWith('-'));
  const res = args.filter((a) => !ops.includes(a));
  if (res.length === 1 && res[0]!.includes('/')) {
    const { refs } = parseResourceArgs(res);
    return { kind: refs[0]!.info.kind, name: refs[0]!.name!, ops };
  }
  if (res.length === 2) return { kind: res[0]!, name: res[1]!, ops };
  throw usageError('one resource is required: TYPE NAME or TYPE/NAME, followed by KEY=VALUE or KEY-');
}

export function registerNodes(program: Command, s: Session): void {
  const nodes = program
    .command('nodes')
    .summary('Manage the simulated nodes (add, cordon, taint, fail, recover, remove, label)')
    .description('Manage the simulated nodes. "nodes" alone lists them (like get nodes).')
    .usage('[command] [flags]');
  nodes.argument('[command]').action(async (sub: string | undefined) => {
    if (sub) throw usageError(`unknown command "${sub}" for "kubeactors nodes"\nRun 'kubeactors nodes --help' for usage.`);
    await runGet(s, ['nodes'], { namespace: 'default' });
  });
  nodes
    .command('add')
    .description('Add a worker node (Ready after it registers)')
    .argument('<name>', 'node name (an RFC 1123 subdomain)')
    .action(async (name: string) => {
      const errs = isDNS1123Subdomain(name);
      if (errs.length) throw new CliError(`The Node "${name}" is invalid: metadata.name: Invalid value: "${name}": ${errs.join('; ')}`);
      const c = s.cluster();
      engine(() => c.addNode(name));
      s.println(`node/${name} created`);
    });
  nodes.command('cordon').description('Mark nodes unschedulable').argument('<names...>').action(async (names: string[]) => cordon(s, names, true));
  nodes.command('uncordon').description('Mark nodes schedulable').argument('<names...>').action(async (names: string[]) => cordon(s, names, false));
  nodes
    .command('taint')
    .description('Add (key=value:Effect) or remove (key[:Effect]-) taints')
    .argument('<name>')
    .argument('<taints...>')
    .option('--overwrite', 'replace an existing taint with the same key and effect')
    .action(async (name: string, specs: string[], o: { overwrite?: boolean }) => taint(s, name, specs, !!o.overwrite));
  nodes
    .command('fail')
    .description(
      'Fault injection: fail a node. unreachable (default): the kubelet stops posting status; after the grace period the\n' +
        'node is Unknown and tainted unreachable, and its pods are evicted later. notready: the kubelet reports NotReady.',
    )
    .argument('<name>')
    .option('--mode <mode>', 'unreachable or notready', 'unreachable')
    .action(async (name: string, o: { mode: string }) => {
      if (o.mode !== 'unreachable' && o.mode !== 'notready') throw usageError(`invalid --mode "${o.mode}": expected unreachable or notready`);
      const c = s.cluster();
      getNode(c, name);
      engine(() => c.failNode(name, o.mode as 'unreachable'));
      s.println(`node/${name} failed (${o.mode})`);
    });
  nodes
    .command('recover')
    .description('Fault injection: the node\'s kubelet is back and reports Ready')
    .argument('<name>')
    .action(async (name: string) => {
      const c = s.cluster();
      getNode(c, name);
      engine(() => c.recoverNode(name));
      s.println(`node/${name} recovered`);
    });
  nodes
    .command('remove')
    .description('Remove a node from the cluster (its pods are garbage-collected after 40s)')
    .argument('<name>')
    .action(async (name: string) => {
      const c = s.cluster();
      getNode(c, name);
      engine(() => c.removeNode(name));
      s.println(`node "${name}" deleted`);
    });
  nodes
    .command('label')
    .description('Add (key=value) or remove (key-) node labels')
    .argument('<name>')
    .argument('<labels...>')
    .option('--overwrite', 'allow changing existing labels')
    .action(async (name: string, ops: string[], o: { overwrite?: boolean }) => label(s, 'nodes', name, ops, { overwrite: o.overwrite, namespace: 'default' }));

  // kubectl's spellings.
  program.command('cordon').summary('Mark node as unschedulable').argument('<names...>', 'node names').action(async (names: string[]) => cordon(s, names, true));
  program.command('uncordon').summary('Mark node as schedulable').argument('<names...>', 'node names').action(async (names: string[]) => cordon(s, names, false));
  program
    .command('taint')
    .summary('Update the taints on one or more nodes')
    .description('Update node taints (kubectl taint): taint nodes NAME key=value:Effect | key[:Effect]-')
    .argument('<args...>', 'nodes NAME TAINT... or node/NAME TAINT...')
    .option('--overwrite', 'replace an existing taint with the same key and effect')
    .action(async (args: string[], o: { overwrite?: boolean }) => {
      let name: string;
      let specs: string[];
      if (args[0]!.includes('/')) {
        const { refs } = parseResourceArgs([args[0]!]);
        if (refs[0]!.info.kind !== 'Node') throw usageError('taint only applies to nodes');
        name = refs[0]!.name!;
        specs = args.slice(1);
      } else {
        if (kindOf(args[0]!).kind !== 'Node') throw usageError('taint only applies to nodes');
        if (args.length < 2) throw usageError('at least one node name is required');
        name = args[1]!;
        specs = args.slice(2);
      }
      taint(s, name, specs, !!o.overwrite);
    });
  program
    .command('label')
    .summary('Update the labels on a resource')
    .description('Update labels (kubectl label): label TYPE NAME key=value... key-...')
    .argument('<args...>', 'TYPE NAME or TYPE/NAME, then KEY=VALUE or KEY-')
    .option('--overwrite', 'allow changing existing labels')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (args: string[], o: { overwrite?: boolean; namespace: string }) => {
      const { kind, name, ops } = splitLabelArgs(args);
      label(s, kind, name, ops, o);
    });
}
