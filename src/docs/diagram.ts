/**
 * Machine → documentation: a Mermaid `stateDiagram-v2` and a plain listing (states,
 * transitions, events, actions, guards) derived from an XState v5 machine's own definition
 * (`machine.root`, the StateNode tree that `machine.toJSON()` serialises). Pure and
 * deterministic: states and transitions keep their definition order (which is also XState's
 * priority order for guarded alternatives); name lists are sorted.
 *
 * `machine.root` is read rather than `toJSON()` because the JSON drops guards that are not plain
 * strings (`and([...])`, inline functions); the root still has them.
 */
import type { AnyStateMachine } from 'xstate';

// ------------------------------------------------------------------ model

export interface TransitionInfo {
  /** Dotted path of the state that declares the transition ('' for the machine root). */
  source: string;
  /** Event type as declared (`''` for an eventless `always` transition). */
  event: string;
  /** Human label for the event (`child snapshot`, `timer.exit`, …; `''` for always). */
  label: string;
  /** Guard text (`hasInit`, `kubeletUp and allStopped`, `inline`), or null. */
  guard: string | null;
  /** Unguarded fallback after guarded alternatives for the same event. */
  fallback: boolean;
  /** Dotted paths of the targets; empty for a targetless (actions-only) transition. */
  targets: string[];
  actions: string[];
  reenter: boolean;
}

export interface StateInfo {
  /** Dotted path from the root, e.g. `Active.Running`. */
  path: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  depth: number;
  initial: string | null;
  entry: string[];
  exit: string[];
  /** Ids of the actors the state invokes. */
  invoke: string[];
  description?: string;
}

export interface MachineInfo {
  id: string;
  initial: string | null;
  states: StateInfo[];
  transitions: TransitionInfo[];
  /** Event types the machine accepts, sorted (eventless transitions excluded). */
  events: string[];
  /** Named actions, sorted; `unused` = defined in setup() but referenced nowhere in the config. */
  actions: { name: string; unused: boolean }[];
  guards: { name: string; unused: boolean }[];
  /** Child actor logic registered in setup({ actors }), sorted. */
  actors: string[];
}

// ------------------------------------------------------------------ naming

/** What a guard reads as: a name, a combinator of names, or `inline` for an anonymous function. */
export function guardText(g: unknown): string | null {
  if (g === undefined || g === null) return null;
  if (typeof g === 'string') return g;
  if (typeof g === 'function') {
    const f = g as { name?: string; check?: unknown; guards?: unknown[]; type?: string };
    if (typeof f.check === 'function' && Array.isArray(f.guards)) {
      const parts = f.guards.map((x) => guardText(x) ?? 'inline');
      const wrap = (s: string) => (/\s/.test(s) ? `(${s})` : s);
      if (f.name === 'not') return `not ${wrap(parts[0] ?? 'inline')}`;
      if (f.name === 'or') return parts.map(wrap).join(' or ');
      return parts.map(wrap).join(' and ');
    }
    if (typeof f.type === 'string') return f.type;
    return 'inline';
  }
  if (typeof g === 'object' && typeof (g as { type?: unknown }).type === 'string') return (g as { type: string }).type;
  return 'inline';
}

/** What an action reads as: its name, a built-in (`assign`, `raise`, …), or `inline`. */
export function actionText(a: unknown): string {
  if (typeof a === 'string') return a;
  if (a && (typeof a === 'function' || typeof a === 'object')) {
    const t = (a as { type?: unknown }).type;
    if (typeof t === 'string') return t.startsWith('xstate.') ? `${t.slice('xstate.'.length)} (inline)` : t;
  }
  return 'inline';
}

/** Event type → label: wildcards, timers and XState's internal events spelled for humans. */
export function eventLabel(type: string): string {
  if (type === '') return '';
  if (type === '*') return 'any event';
  if (type === 'xstate.snapshot.*') return 'child snapshot';
  if (type.startsWith('xstate.snapshot.')) return `snapshot of ${type.slice('xstate.snapshot.'.length)}`;
  if (type.startsWith('xstate.done.actor.')) return `done: ${type.slice('xstate.done.actor.'.length)}`;
  if (type.startsWith('xstate.error.actor.')) return `error: ${type.slice('xstate.error.actor.'.length)}`;
  if (type.startsWith('xstate.done.state.')) return 'done';
  if (type.startsWith('xstate.after.')) {
    // xstate.after.<delay>.<state id>
    const rest = type.slice('xstate.after.'.length);
    return `after ${rest.slice(0, rest.indexOf('.') < 0 ? rest.length : rest.indexOf('.'))}`;
  }
  return type;
}

// ------------------------------------------------------------------ extraction

/** The raise/cancel pair XState adds to a state for each `after` delay (shown as the arrow instead). */
function isAfterPlumbing(a: unknown): boolean {
  const x = a as { type?: unknown; id?: unknown; sendId?: unknown };
  const ref = x && (x.type === 'xstate.raise' ? x.id : x.type === 'xstate.cancel' ? x.sendId : undefined);
  return typeof ref === 'string' && ref.startsWith('xstate.after.');
}

interface Node {
  key: string;
  id: string;
  path: string[];
  type: StateInfo['type'];
  states: Record<string, Node>;
  initial?: { target?: Node[] };
  entry: unknown[];
  exit: unknown[];
  invoke?: { id: string }[];
  transitions: Map<string, Raw[]>;
  always?: Raw[];
  description?: string;
}
interface Raw {
  eventType: string;
  guard?: unknown;
  target?: Node[];
  actions: unknown[];
  reenter?: boolean;
}

const dotted = (n: Node) => n.path.join('.');

function walk(n: Node, visit: (n: Node, depth: number) => void, depth = 0): void {
  visit(n, depth);
  for (const child of Object.values(n.states)) walk(child, visit, depth + 1);
}

function transitionsOf(n: Node): TransitionInfo[] {
  const out: TransitionInfo[] = [];
  const add = (event: string, list: Raw[]) => {
    let guardedSeen = false;
    for (const t of list) {
      const guard = guardText(t.guard);
      out.push({
        source: dotted(n),
        event,
        label: eventLabel(event),
        guard,
        fallback: guard === null && guardedSeen,
        targets: (t.target ?? []).map(dotted),
        actions: (t.actions ?? []).map(actionText),
        reenter: !!t.reenter,
      });
      if (guard !== null) guardedSeen = true;
    }
  };
  for (const [event, list] of n.transitions) add(event, list);
  if (n.always?.length) add('', n.always);
  return out;
}

/** Everything the docs say about a machine, from its definition alone. */
export function describeMachine(machine: AnyStateMachine): MachineInfo {
  const root = machine.root as unknown as Node;
  const states: StateInfo[] = [];
  const transitions: TransitionInfo[] = [];
  walk(root, (n, depth) => {
    if (n !== root) {
      const s: StateInfo = {
        path: dotted(n),
        key: n.key,
        type: n.type,
        depth: depth - 1,
        initial: n.type === 'compound' && n.initial?.target?.[0] ? dotted(n.initial.target[0]) : null,
        entry: n.entry.filter((x) => !isAfterPlumbing(x)).map(actionText),
        exit: n.exit.filter((x) => !isAfterPlumbing(x)).map(actionText),
        invoke: (n.invoke ?? []).map((i) => i.id),
      };
      if (n.description) s.description = n.description;
      states.push(s);
    }
    transitions.push(...transitionsOf(n));
  });
  const events = [...new Set(transitions.map((t) => t.event).filter((e) => e !== ''))].sort();

  const usedActions = new Set<string>();
  for (const s of states) for (const a of [...s.entry, ...s.exit]) usedActions.add(a);
  for (const t of transitions) for (const a of t.actions) usedActions.add(a);
  const usedGuards = new Set<string>();
  const collect = (g: unknown) => {
    if (typeof g === 'string') usedGuards.add(g);
    else if (typeof g === 'function' && Array.isArray((g as unknown as { guards?: unknown[] }).guards)) (g as unknown as { guards: unknown[] }).guards.forEach(collect);
    else if (g && typeof g === 'object' && typeof (g as { type?: unknown }).type === 'string') usedGuards.add((g as { type: string }).type);
  };
  walk(root, (n) => {
    for (const list of n.transitions.values()) for (const t of list) collect(t.guard);
    for (const t of n.always ?? []) collect(t.guard);
  });

  const impl = (machine as unknown as { implementations: { actions?: object; guards?: object; actors?: object } }).implementations;
  const named = (defined: object | undefined, used: Set<string>) => {
    const names = new Set([...Object.keys(defined ?? {}), ...[...used].filter((u) => !u.includes(' ') && u !== 'inline')]);
    return [...names].sort().map((name) => ({ name, unused: !used.has(name) }));
  };
  return {
    id: machine.id,
    initial: root.initial?.target?.[0] ? dotted(root.initial.target[0]) : null,
    states,
    transitions,
    events,
    actions: named(impl.actions, usedActions),
    guards: named(impl.guards, usedGuards),
    actors: Object.keys(impl.actors ?? {}).sort(),
  };
}

// ------------------------------------------------------------------ Mermaid

/** Mermaid ids: the state's key when unique in the machine, else its path; `[A-Za-z0-9_]` only. */
function mermaidIds(states: StateInfo[]): Map<string, string> {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');
  const count = new Map<string, number>();
  for (const s of states) count.set(clean(s.key), (count.get(clean(s.key)) ?? 0) + 1);
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const s of states) {
    let id = count.get(clean(s.key)) === 1 ? clean(s.key) : clean(s.path.replace(/\./g, '_'));
    // Mermaid keywords and clashes with generated path ids.
    if (/^(state|note|end|direction|classDef|class|style)$/i.test(id) || taken.has(id)) id = `${id}_`;
    while (taken.has(id)) id += '_';
    taken.add(id);
    ids.set(s.path, id);
  }
  return ids;
}

function parentPath(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? '' : path.slice(0, i);
}

/** Deepest common ancestor (as a path, '' = root) of two state paths. */
function commonParent(a: string, b: string): string {
  const pa = parentPath(a).split('.').filter(Boolean);
  const pb = parentPath(b).split('.').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < Math.min(pa.length, pb.length) && pa[i] === pb[i]; i++) out.push(pa[i]!);
  return out.join('.');
}

/** The transition's label on an arrow: `event [guard]`, `[guard]`, `[always]`, `[else]`. */
export function arrowLabel(t: TransitionInfo): string {
  const guard = t.guard !== null ? `[${t.guard}]` : t.fallback ? '[else]' : t.event === '' ? '[always]' : '';
  return [t.label, guard].filter(Boolean).join(' ');
}

/**
 * `stateDiagram-v2` text. Compound states become `state X { … }` blocks with their own
 * `[*] -->` initial arrow; final states get `--> [*]`; every transition with a target becomes an
 * arrow, written inside the block of the deepest state that contains both ends (Mermaid places a
 * state in the block where it is first mentioned). Targetless transitions (actions only) are not
 * arrows; the listing shows them.
 */
export function toMermaid(machine: AnyStateMachine, info: MachineInfo = describeMachine(machine)): string {
  const ids = mermaidIds(info.states);
  const byParent = new Map<string, StateInfo[]>();
  for (const s of info.states) {
    const p = parentPath(s.path);
    if (!byParent.has(p)) byParent.set(p, []);
    byParent.get(p)!.push(s);
  }
  const arrowsAt = new Map<string, string[]>();
  for (const t of info.transitions) {
    if (t.source === '') continue; // a root-level transition has no box to start from
    for (const target of t.targets) {
      const at = commonParent(t.source, target);
      const label = arrowLabel(t);
      const line = `${ids.get(t.source)} --> ${ids.get(target)}${label ? ` : ${label}` : ''}`;
      if (!arrowsAt.has(at)) arrowsAt.set(at, []);
      arrowsAt.get(at)!.push(line);
    }
  }
  const typeOf = new Map(info.states.map((s) => [s.path, s]));
  const lines: string[] = ['stateDiagram-v2'];
  const emit = (parent: string, indent: string) => {
    const kids = byParent.get(parent) ?? [];
    const initial = parent === '' ? info.initial : (typeOf.get(parent)?.initial ?? null);
    const parallel = parent !== '' && typeOf.get(parent)?.type === 'parallel';
    // Declarations first, so every state lands in its own block before any arrow names it.
    kids.forEach((s, i) => {
      const id = ids.get(s.path)!;
      if (parallel && i > 0) lines.push(`${indent}--`);
      const hasKids = (byParent.get(s.path) ?? []).length > 0;
      if (id !== s.key) lines.push(`${indent}state "${s.key}" as ${id}`);
      if (hasKids) {
        lines.push(`${indent}state ${id} {`);
        emit(s.path, indent + '  ');
        lines.push(`${indent}}`);
      } else if (id === s.key) {
        lines.push(`${indent}${id}`);
      }
    });
    if (initial && !parallel) lines.push(`${indent}[*] --> ${ids.get(initial)}`);
    for (const a of arrowsAt.get(parent) ?? []) lines.push(`${indent}${a}`);
    for (const s of kids) if (s.type === 'final') lines.push(`${indent}${ids.get(s.path)} --> [*]`);
  };
  emit('', '  ');
  return lines.join('\n');
}

// ------------------------------------------------------------------ Markdown

const code = (s: string) => `\`${s}\``;

function listOr(items: string[], empty = '—'): string {
  return items.length ? items.map(code).join(', ') : empty;
}

/** Markdown for the listing: states, transitions, events, actions, guards, child actors. */
export function toListing(info: MachineInfo): string {
  const out: string[] = [];
  out.push('#### States', '');
  for (const s of info.states) {
    const marks: string[] = [];
    if (s.type !== 'atomic') marks.push(s.type);
    const parent = parentPath(s.path);
    const parentInitial = parent === '' ? info.initial : info.states.find((p) => p.path === parent)?.initial;
    if (parentInitial === s.path) marks.push('initial');
    const bits: string[] = [];
    if (s.entry.length) bits.push(`entry: ${listOr(s.entry)}`);
    if (s.exit.length) bits.push(`exit: ${listOr(s.exit)}`);
    if (s.invoke.length) bits.push(`invokes: ${listOr(s.invoke)}`);
    if (s.description) bits.push(s.description);
    out.push(`${'  '.repeat(s.depth)}- ${code(s.path)}${marks.length ? ` (${marks.join(', ')})` : ''}${bits.length ? ` — ${bits.join('; ')}` : ''}`);
  }
  out.push('', '#### Transitions', '', '| From | Event | Guard | To | Actions |', '|---|---|---|---|---|');
  for (const t of info.transitions) {
    const from = t.source === '' ? '*(any state)*' : code(t.source);
    const event = t.event === '' ? '*(always)*' : code(t.event);
    const guard = t.guard !== null ? code(t.guard) : t.fallback ? '*(else)*' : '';
    const to = t.targets.length ? t.targets.map(code).join(', ') : '*(stays)*';
    out.push(`| ${from} | ${event} | ${guard} | ${to} | ${t.actions.map(code).join(', ')} |`);
  }
  out.push('', '#### Events', '', listOr(info.events));
  const names = (list: { name: string; unused: boolean }[]) =>
    list.length ? list.map((a) => `${code(a.name)}${a.unused ? ' *(defined but not referenced)*' : ''}`).join(', ') : '—';
  out.push('', '#### Actions', '', names(info.actions));
  out.push('', '#### Guards', '', names(info.guards));
  if (info.actors.length) out.push('', '#### Child actors', '', listOr(info.actors));
  return out.join('\n');
}

export const BEGIN_MARKER = '<!-- BEGIN GENERATED: diagram -->';
export const END_MARKER = '<!-- END GENERATED: diagram -->';

/** The whole generated block for `docs/machines/<name>.md`, markers included. */
export function generatedBlock(name: string, machine: AnyStateMachine): string {
  const info = describeMachine(machine);
  return [
    BEGIN_MARKER,
    `<!-- Generated from \`machines.${name}\` (machines/index.ts) by \`npm run docs\`. Do not edit by hand. -->`,
    '',
    '```mermaid',
    toMermaid(machine, info),
    '```',
    '',
    toListing(info),
    END_MARKER,
  ].join('\n');
}

/** A new page for a machine that has none yet. */
export function newPage(name: string, machine: AnyStateMachine): string {
  const title = name.charAt(0).toUpperCase() + name.slice(1);
  return `# ${title} machine\n\n*(Describe what this machine models, in Kubernetes terms.)*\n\n## Diagram\n\n${generatedBlock(name, machine)}\n`;
}

/**
 * Replaces the generated block in `page` (leaving everything else byte for byte), or appends a
 * `## Diagram` section with it when the page has no markers. Throws on a broken marker pair.
 */
export function updatePage(page: string, name: string, machine: AnyStateMachine): string {
  const block = generatedBlock(name, machine);
  const b = page.indexOf(BEGIN_MARKER);
  const e = page.indexOf(END_MARKER);
  if (b < 0 && e < 0) return `${page.replace(/\n*$/, '\n')}\n## Diagram\n\n${block}\n`;
  if (b < 0 || e < 0 || e < b || page.indexOf(BEGIN_MARKER, b + 1) >= 0) {
    throw new Error(`docs/machines/${name}.md: expected exactly one ${BEGIN_MARKER} … ${END_MARKER} pair`);
  }
  return page.slice(0, b) + block + page.slice(e + END_MARKER.length);
}

/** The generated block currently in a page, or null. */
export function extractBlock(page: string): string | null {
  const b = page.indexOf(BEGIN_MARKER);
  const e = page.indexOf(END_MARKER);
  if (b < 0 || e < b) return null;
  return page.slice(b, e + END_MARKER.length);
}
