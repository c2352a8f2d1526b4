/**
 * `kubeactors get` (kubectl get, including `-w`, which advances simulated time) and
 * `kubeactors events` (kubectl events: every event, oldest first, `--for kind/name`).
 */
import { Command, Option } from 'commander';
import { ClusterError, type Cluster, type WatchEvent } from '../../cluster/cluster.ts';
import type { KindInfo } from '../../kinds.ts';
import type { KObject } from '../../types.ts';
import { jsonpath } from '../../views/jsonpath.ts';
import { formatOutput } from '../../views/output.ts';
import { buildTable, type GetTableOptions } from '../../views/printers.ts';
import { translateTimestampSince } from '../../views/duration.ts';
import { noResourcesMessage, renderTable } from '../../views/table.ts';
import { GET_TABWRITER, tabwrite } from '../../views/tabwriter.ts';
import { durationFlag, kindLabel, kindOf, parseResourceArgs, type ResourceRef } from '../args.ts';
import { CliError, usageError } from '../errors.ts';
import type { Session } from '../session.ts';

export interface GetOptions {
  output?: string;
  selector?: string;
  fieldSelector?: string;
  namespace?: string;
  allNamespaces?: boolean;
  showLabels?: boolean;
  headers?: boolean;
  labelColumns?: string[];
  watch?: boolean;
  watchOnly?: boolean;
  outputWatchEvents?: boolean;
  watchFor?: number;
  requestTimeout?: number;
  for?: string;
}

const OUTPUT_FORMATS = 'json,jsonpath,name,wide,yaml';

export function checkOutputFormat(output: string | undefined): void {
  if (output === undefined || ['wide', 'yaml', 'json', 'name'].includes(output)) return;
  if (/^jsonpath=/s.test(output)) {
    let tpl = output.slice('jsonpath='.length);
    if (/^(['"]).*\1$/s.test(tpl)) tpl = tpl.slice(1, -1);
    try {
      jsonpath({}, tpl);
    } catch (e) {
      throw usageError(`error parsing jsonpath ${tpl}, ${(e as Error).message}`);
    }
    return;
  }
  throw usageError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUT_FORMATS}`);
}

export interface TableOpts extends Pick<GetTableOptions, 'now' | 'wide' | 'allNamespaces' | 'showLabels' | 'labelColumns' | 'noHeaders'> {
  /** Keep the given order (objects asked for by name, events by time). */
  keepOrder?: boolean;
  /** Prefix names with `kind/` (several kinds in one `get`). */
  prefixKind?: boolean;
  /** Watch event per object (`--output-watch-events`). */
  watchEvents?: string[];
}

/** kubectl's table for objects of one kind; '' when there is nothing to print. */
export function renderObjects(info: KindInfo, objects: KObject[], o: TableOpts): string {
  const objs = o.prefixKind
    ? objects.map((x) => ({ ...x, metadata: { ...x.metadata, name: `${kindLabel(info)}/${x.metadata.name}` } }))
    : objects;
  const table = buildTable(info.kind, objs, { now: o.now, wide: o.wide, sort: !o.keepOrder });
  if (o.watchEvents) {
    table.columns = [{ name: 'Event' }, ...table.columns];
    table.rows.forEach((r, i) => r.cells.unshift(o.watchEvents![i]));
  }
  return renderTable(table, {
    wide: o.wide,
    withNamespace: !!o.allNamespaces && info.namespaced,
    showLabels: o.showLabels,
    columnLabels: o.labelColumns,
    noHeaders: o.noHeaders,
  });
}

function listOptions(o: GetOptions) {
  return { namespace: o.namespace, allNamespaces: o.allNamespaces, labelSelector: o.selector, fieldSelector: o.fieldSelector };
}

/** Objects of one ref: the named object (or undefined), or the listing. */
function fetch(c: Cluster, ref: ResourceRef, o: GetOptions): KObject[] | undefined {
  if (ref.name !== undefined) {
    const obj = c.get(ref.info.kind, ref.name, o.namespace);
    return obj ? [obj] : undefined;
  }
  return ref.info.kind === 'Event' && o.for ? eventsFor(c, o.for, o) : c.list(ref.info.kind, listOptions(o));
}

function eventsFor(c: Cluster, target: string, o: { namespace?: string }): KObject[] {
  const i = target.indexOf('/');
  if (i <= 0 || i === target.length - 1) throw usageError(`--for must be in resource/name form, e.g. pod/nginx (got "${target}")`);
  const info = kindOf(target.slice(0, i));
  return c.events({ involved: { kind: info.kind, name: target.slice(i + 1), namespace: o.namespace } });
}

function validate(o: GetOptions, refs: ResourceRef[]): void {
  checkOutputFormat(o.output);
  const named = refs.some((r) => r.name !== undefined);
  if (named && (o.selector || o.fieldSelector)) throw usageError('name cannot be provided when a selector is specified');
  if (named && o.allNamespaces) throw usageError('a resource cannot be retrieved by name across all namespaces');
}

export async function runGet(s: Session, args: string[], o: GetOptions): Promise<void> {
  if (!args.length) {
    throw new CliError(
      'You must specify the type of resource to get. Supported: pods (po), nodes (no), namespaces (ns), services (svc), configmaps (cm), persistentvolumeclaims (pvc), events (ev).\n\nerror: Required resource not specified.\nSee \'kubeactors get -h\' for help and examples',
    );
  }
  const { kinds, refs } = parseResourceArgs(args);
  validate(o, refs);
  const c = s.cluster();
  if (o.watch || o.watchOnly) {
    if (kinds.length !== 1) throw usageError('you may only specify a single resource type');
    return watch(s, c, refs, o);
  }
  const found: { info: KindInfo; objects: KObject[] }[] = [];
  const errors: string[] = [];
  for (const ref of refs) {
    const objs = fetch(c, ref, o);
    if (!objs) {
      errors.push(`Error from server (NotFound): ${ref.info.plural} "${ref.name}" not found`);
      continue;
    }
    const last = found[found.length - 1];
    if (last && last.info === ref.info) last.objects.push(...objs);
    else found.push({ info: ref.info, objects: objs });
  }
  const output = o.output;
  const all = found.flatMap((f) => f.objects);
  if (output && output !== 'wide') {
    const single = refs.length === 1 && refs[0]!.name !== undefined;
    // One named object prints as itself; anything else as a List (empty ones too, except -o name).
    if (single) {
      if (all.length) s.out(formatOutput(all[0]!, output));
    } else if (all.length || output !== 'name') s.out(formatOutput(all, output));
  } else {
    const named = refs.some((r) => r.name !== undefined);
    const tables: string[] = [];
    for (const f of found) {
      const t = renderObjects(f.info, f.objects, {
        now: c.now(),
        wide: output === 'wide',
        allNamespaces: o.allNamespaces,
        showLabels: o.showLabels,
        labelColumns: o.labelColumns,
        noHeaders: o.headers === false,
        keepOrder: named,
        prefixKind: kinds.length > 1,
      });
      if (t) tables.push(t);
    }
    s.out(tables.join('\n'));
    if (!tables.length && !errors.length) {
      const namespaced = kinds.some((k) => k.namespaced);
      s.err(noResourcesMessage({ namespaced, allNamespaces: o.allNamespaces, namespace: o.namespace }));
    }
  }
  if (errors.length) {
    s.eprintln(errors.join('\n'));
    s.exitCode = 1;
  }
}

function sortByLastSeen(objs: KObject[]): KObject[] {
  const t = (e: any) => Date.parse(e.lastTimestamp ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '') || 0;
  return objs
    .map((e, i) => ({ e, i }))
    .sort((a, b) => t(a.e) - t(b.e) || a.i - b.i)
    .map((x) => x.e);
}

/**
 * `get -w`: the current listing, then one row per change as simulated time runs for `--watch-for`
 * (kubectl flushes its tabwriter after every watch event, so each row is aligned on its own).
 */
function watch(s: Session, c: Cluster, refs: ResourceRef[], o: GetOptions): void {
  const info = refs[0]!.info;
  const duration = o.watchFor ?? o.requestTimeout ?? 60_000;
  const output = o.output && o.output !== 'wide' ? o.output : undefined;
  const snapshotNow = (): Map<string, KObject> => {
    const m = new Map<string, KObject>();
    for (const ref of refs) for (const obj of fetch(c, ref, o) ?? []) m.set(obj.metadata.uid ?? `${obj.metadata.namespace}/${obj.metadata.name}`, obj);
    return m;
  };
  const tableOpts = (noHeaders: boolean, events?: string[]): TableOpts => ({
    now: c.now(),
    wide: o.output === 'wide',
    allNamespaces: o.allNamespaces,
    showLabels: o.showLabels,
    labelColumns: o.labelColumns,
    noHeaders,
    watchEvents: o.outputWatchEvents ? events : undefined,
  });
  const print = (objs: KObject[], events: string[], noHeaders: boolean) => {
    if (!objs.length) return;
    if (output) {
      for (const obj of objs) {
        if (output === 'yaml') s.out('---\n');
        s.out(formatOutput(obj, output));
        if (output.startsWith('jsonpath')) s.out('\n');
      }
      return;
    }
    if (noHeaders) objs.forEach((obj, i) => s.out(renderObjects(info, [obj], tableOpts(true, [events[i]!]))));
    else s.out(renderObjects(info, objs, tableOpts(o.headers === false, events)));
  };
  let seen = snapshotNow();
  if (!o.watchOnly) {
    const initial = [...seen.values()];
    if (initial.length) print(initial, initial.map(() => 'ADDED'), false);
    else if (!output) s.err(noResourcesMessage({ namespaced: info.namespaced, allNamespaces: o.allNamespaces, namespace: o.namespace }));
  }
  const end = c.now() + duration;
  let pending: { objs: KObject[]; events: string[] } = { objs: [], events: [] };
  // Every version the API held, as a watch delivers them — not only the last one of a step (a
  // Job writes FailureTarget, then Failed, in one instant: kubectl shows both rows).
  const key = (obj: KObject) => obj.metadata.uid ?? `${obj.metadata.namespace}/${obj.metadata.name}`;
  let log: WatchEvent[] = [];
  const unwatch = c.watch((w) => log.push(w));
  const diff = (): boolean => {
    const cur = snapshotNow();
    const objs: KObject[] = [];
    const events: string[] = [];
    const printed = new Set<string>();
    for (const w of log) {
      const k = key(w.object);
      if (!cur.has(k) && !seen.has(k)) continue; // not one this listing shows
      const first = !printed.has(k);
      printed.add(k);
      objs.push(w.object);
      events.push(w.type === 'DELETED' ? 'DELETED' : first && !seen.has(k) ? 'ADDED' : 'MODIFIED');
    }
    log = [];
    // Anything the log did not carry (never expected): fall back to the listing's difference.
    for (const [k, obj] of cur) {
      const old = seen.get(k);
      if (printed.has(k)) continue;
      if (!old) {
        objs.push(obj);
        events.push('ADDED');
      } else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) {
        objs.push(obj);
        events.push('MODIFIED');
      }
    }
    for (const [k, obj] of seen) {
      if (!cur.has(k) && !printed.has(k)) {
        objs.push(obj);
        events.push('DELETED');
      }
    }
    seen = cur;
    pending = { objs, events };
    return objs.length > 0;
  };
  let headerPending = o.watchOnly === true;
  for (;;) {
    const remaining = end - c.now();
    if (remaining < 0) break;
    let done = false;
    try {
      c.runUntil(() => diff(), { timeout: remaining });
    } catch (e) {
      if (!(e instanceof ClusterError && e.code === 'Timeout')) throw e;
      done = true;
    }
    print(pending.objs, pending.events, !headerPending);
    if (pending.objs.length) headerPending = false;
    pending = { objs: [], events: [] };
    if (done || remaining === 0) break;
  }
  unwatch();
}

export function addListFlags(cmd: Command): Command {
  return cmd
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .option('-A, --all-namespaces', 'list the requested objects across all namespaces')
    .option('-l, --selector <selector>', "label selector to filter on (e.g. -l key1=value1,key2=value2); supports '=', '==', '!=', in, notin")
    .option('--field-selector <selector>', 'field selector to filter on (e.g. --field-selector status.phase=Running)');
}

export function registerGet(program: Command, s: Session): void {
  const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').filter(Boolean)];
  const get = program
    .command('get')
    .summary('Display one or many resources')
    .description(
      'Display one or many resources (kubectl get).\n\n' +
        'With -w/--watch, simulated time advances for --watch-for (default 60s) and a new row is printed each time a listed object changes.',
    )
    .argument('[resources...]', 'TYPE[,TYPE...] [NAME...] or TYPE/NAME...')
    .option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.replace('jsonpath', 'jsonpath=<template>')}`)
    .option('--show-labels', 'show all labels as the last column')
    .option('--no-headers', "don't print headers")
    .option('-L, --label-columns <keys>', 'labels to show as columns (comma-separated; repeatable)', collect)
    .option('-w, --watch', 'after listing, watch for changes while simulated time advances')
    .addOption(new Option('--no-watch', 'do not watch (--watch=false)').hideHelp())
    .option('--watch-only', 'watch for changes without listing first')
    .option('--output-watch-events', 'with --watch, add a column with the event type (ADDED, MODIFIED, DELETED)')
    .option('--watch-for <duration>', 'how much simulated time a watch covers (default 60s)', durationFlag('--watch-for'))
    .option('--request-timeout <duration>', 'same as --watch-for, for kubectl compatibility', durationFlag('--request-timeout'))
    .option('--for <resource>', 'get events: only those about this object (e.g. pod/nginx)');
  addListFlags(get).action(async (resources: string[], o: GetOptions) => runGet(s, resources, o));

  program
    .command('events')
    .summary('List events (kubectl events), oldest first')
    .description('List events, oldest first (kubectl events).')
    .option('--for <resource>', 'only events about this object (e.g. pod/nginx)')
    .option('--types <types>', 'only these event types (e.g. Warning,Normal)')
    .option('-o, --output <format>', 'output format: json, yaml, name or jsonpath=<template>')
    .option('--no-headers', "don't print headers")
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .option('-A, --all-namespaces', 'list events across all namespaces')
    .action(async (o: { for?: string; types?: string; output?: string; headers?: boolean; namespace: string; allNamespaces?: boolean }) => runEvents(s, o));
}

/**
 * `kubectl events` (pkg/cmd/events): events sorted by their last time, printed by its own printer —
 * LAST SEEN is `<last> (x<count> over <first>)` for repeated events, OBJECT is `Kind/name`.
 */
async function runEvents(s: Session, o: { for?: string; types?: string; output?: string; headers?: boolean; namespace: string; allNamespaces?: boolean }): Promise<void> {
  let types: string[] | undefined;
  if (o.types !== undefined) {
    types = o.types.split(',').map((t) => t.trim()).filter(Boolean).map((t) => {
      const norm = t.toLowerCase() === 'normal' ? 'Normal' : t.toLowerCase() === 'warning' ? 'Warning' : undefined;
      if (!norm) throw usageError('valid --types are Normal or Warning');
      return norm;
    });
  }
  if (o.output === 'wide') throw usageError('unable to match a printer suitable for the output format "wide", allowed formats are: json,jsonpath,name,yaml');
  checkOutputFormat(o.output);
  const c = s.cluster();
  let list = o.for ? eventsFor(c, o.for, o) : c.events({ namespace: o.namespace, allNamespaces: o.allNamespaces });
  if (types) list = list.filter((e: any) => types!.includes(e.type));
  list = sortByLastSeen(list);
  if (o.output) {
    s.out(formatOutput(list, o.output));
    return;
  }
  if (!list.length) {
    s.eprintln(o.allNamespaces ? 'No events found.' : `No events found in ${o.namespace} namespace.`);
    return;
  }
  const now = c.now();
  const rows: string[] = [];
  if (o.headers !== false) rows.push(`${o.allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`);
  for (const e of list as any[]) {
    const first = translateTimestampSince(e.firstTimestamp, now);
    const interval = e.count > 1 ? `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    const io = e.involvedObject ?? {};
    rows.push(`${o.allNamespaces ? `${e.metadata.namespace}\t` : ''}${interval}\t${e.type}\t${e.reason}\t${io.kind}/${io.name}\t${String(e.message ?? '').trim()}`);
  }
  s.out(tabwrite(rows.join('\n') + '\n', GET_TABWRITER));
}
