/**
 * Node affinity matching, from
 * staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
 * (`GetRequiredNodeAffinity`, `LazyErrorNodeSelector`, `PreferredSchedulingTerms`) and the
 * NodeAffinity plugin's PreFilter (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go).
 *
 * Terms are compiled once per pod; matching a node does not allocate.
 */
import type { Node, NodeAffinity, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../types.ts';

type PreferredSchedulingTerm = NonNullable<NodeAffinity['preferredDuringSchedulingIgnoredDuringExecution']>[number];
import { newRequirement, requirementMatches, type LabelOperator, type LabelRequirement } from '../labels.ts';

interface FieldReq {
  readonly key: string;
  readonly notEqual: boolean;
  readonly value: string;
}

interface CompiledTerm {
  readonly labels: readonly LabelRequirement[] | null;
  readonly fields: readonly FieldReq[] | null;
  /** A term upstream could not parse never matches (parse errors are ignored for compatibility). */
  readonly parseError: string | null;
}

const NODE_OPS: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

function compileTerm(term: NodeSelectorTerm): CompiledTerm {
  let labels: LabelRequirement[] | null = null;
  let fields: FieldReq[] | null = null;
  const me: NodeSelectorRequirement[] = term.matchExpressions ?? [];
  const mf: NodeSelectorRequirement[] = term.matchFields ?? [];
  if (me.length) {
    labels = [];
    for (const expr of me) {
      const op = Object.prototype.hasOwnProperty.call(NODE_OPS, expr.operator) ? NODE_OPS[expr.operator] : undefined;
      if (op === undefined) return { labels: null, fields: null, parseError: `"${expr.operator}" is not a valid node selector operator` };
      try {
        labels.push(newRequirement(expr.key, op, expr.values ?? null));
      } catch (e) {
        return { labels: null, fields: null, parseError: (e as Error).message };
      }
    }
  }
  if (mf.length) {
    fields = [];
    for (const expr of mf) {
      const vals = expr.values ?? [];
      if (expr.operator !== 'In' && expr.operator !== 'NotIn') {
        return { labels, fields: null, parseError: `"${expr.operator}" is not a valid node field selector operator` };
      }
      if (vals.length !== 1) {
        return {
          labels,
          fields: null,
          parseError: `unexpected number of value (${vals.length}) for node field selector operator "${expr.operator}"`,
        };
      }
      fields.push({ key: expr.key, notEqual: expr.operator === 'NotIn', value: vals[0] });
    }
  }
  return { labels, fields, parseError: null };
}

const isEmptyTerm = (t: NodeSelectorTerm) => !(t.matchExpressions?.length) && !(t.matchFields?.length);

function termMatches(t: CompiledTerm, node: Node): boolean {
  if (t.parseError !== null) return false;
  const labels = node.metadata?.labels;
  if (t.labels !== null) {
    for (let i = 0; i < t.labels.length; i++) if (!requirementMatches(t.labels[i], labels)) return false;
  }
  const name = node.metadata?.name ?? '';
  // extractNodeFields only sets metadata.name when non-empty; an empty field set skips matchFields
  if (t.fields !== null && name.length > 0) {
    for (let i = 0; i < t.fields.length; i++) {
      const f = t.fields[i];
      const v = f.key === 'metadata.name' ? name : '';
      if (f.notEqual ? v === f.value : v !== f.value) return false;
    }
  }
  return true;
}

/**
 * `nodeaffinity.RequiredNodeAffinity`: `spec.nodeSelector` (all pairs must match the node's labels)
 * AND `requiredDuringSchedulingIgnoredDuringExecution` (terms ORed; an empty term matches nothing;
 * an affinity with no terms matches no node).
 */
export class RequiredNodeAffinity {
  private readonly selKeys: string[];
  private readonly selValues: string[];
  private readonly terms: CompiledTerm[] | null;

  constructor(pod: Pod) {
    const ns = pod.spec?.nodeSelector ?? {};
    this.selKeys = Object.keys(ns);
    this.selValues = this.selKeys.map((k) => ns[k]);
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.terms = req ? (req.nodeSelectorTerms ?? []).filter((t) => !isEmptyTerm(t)).map(compileTerm) : null;
  }

  /** True when neither a nodeSelector nor required node affinity is set (the plugin's PreFilter Skip). */
  get isEmpty(): boolean {
    return this.selKeys.length === 0 && this.terms === null;
  }

  match(node: Node): boolean {
    const labels = node.metadata?.labels;
    for (let i = 0; i < this.selKeys.length; i++) {
      const k = this.selKeys[i];
      if (labels == null || !Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== this.selValues[i]) return false;
    }
    if (this.terms === null) return true;
    for (let i = 0; i < this.terms.length; i++) if (termMatches(this.terms[i], node)) return true;
    return false;
  }
}

/** `nodeaffinity.PreferredSchedulingTerms`: the score is the sum of the weights of matching terms. */
export class PreferredSchedulingTerms {
  private readonly terms: { term: CompiledTerm; weight: number }[];

  constructor(terms: readonly PreferredSchedulingTerm[]) {
    this.terms = [];
    for (const t of terms) {
      if (!t.weight || isEmptyTerm(t.preference)) continue;
      const term = compileTerm(t.preference);
      // upstream rejects the whole list when one term does not parse; we skip that term
      if (term.parseError === null) this.terms.push({ term, weight: t.weight });
    }
  }

  get isEmpty(): boolean {
    return this.terms.length === 0;
  }

  score(node: Node): number {
    let s = 0;
    for (let i = 0; i < this.terms.length; i++) if (termMatches(this.terms[i].term, node)) s += this.terms[i].weight;
    return s;
  }
}

/** The pod's preferred terms, or null when it has none (the plugin's PreScore Skip). */
export function preferredNodeAffinity(pod: Pod): PreferredSchedulingTerms | null {
  const p = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return p ? new PreferredSchedulingTerms(p) : null;
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}

/**
 * NodeAffinity PreFilter: when every required term pins `metadata.name In [...]`, the union of
 * those names (each term intersecting its own matchFields) — only those nodes are filtered.
 * Returns null for "all nodes", or 'conflict' when the terms pin no node at all.
 */
export function preFilterNodeNames(pod: Pod): Set<string> | null | 'conflict' {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return null;
  let nodeNames: Set<string> | null = null;
  for (const t of terms) {
    let termNames = null as Set<string> | null;
    for (const r of t.matchFields ?? []) {
      if (r.key === 'metadata.name' && r.operator === 'In') {
        const s = new Set<string>(r.values ?? []);
        termNames = termNames === null ? s : intersect(termNames, s);
      }
    }
    if (termNames === null) return null; // this term can match any node: terms are ORed
    nodeNames = nodeNames === null ? new Set(termNames) : new Set([...nodeNames, ...termNames]);
  }
  if (nodeNames !== null && nodeNames.size === 0) return 'conflict';
  return nodeNames;
}
