/**
 * Label and field selectors, ported from k8s.io/apimachinery:
 *  - staging/src/k8s.io/apimachinery/pkg/labels/selector.go (lexer, parser, Requirement, String())
 *  - staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector)
 *  - staging/src/k8s.io/apimachinery/pkg/fields/selector.go (field selector parser, escaping)
 *  - staging/src/k8s.io/apimachinery/pkg/util/validation (label key/value validation messages)
 *
 * A selector is plain data (a requirements array) so it can be stored in snapshots and compared
 * with deep equality. Matching never allocates.
 */
import type { LabelSelector } from './types.ts';
import { goQuote } from './manifest/errors.ts';
import { isQualifiedName, isValidLabelValue } from './manifest/names.ts';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** `selection.Operator` values, spelled exactly as upstream (`k8s.io/apimachinery/pkg/selection`). */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** Values as given (the parser hands them over sorted and de-duplicated, like `sets.String.List()`). */
  readonly values: readonly string[];
}

/**
 * A label selector. `{ requirements: [] }` is `labels.Everything()` (matches all);
 * `{ requirements: [], nothing: true }` is `labels.Nothing()` (matches none).
 */
export interface LabelSelectorData {
  readonly requirements: readonly LabelRequirement[];
  readonly nothing?: true;
}

export type Labels = Readonly<Record<string, string>> | undefined | null;

/** Thrown for a selector that upstream would reject; `message` is upstream's error text. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export const EVERYTHING: LabelSelectorData = Object.freeze({ requirements: Object.freeze([]) as readonly LabelRequirement[] });
export const NOTHING: LabelSelectorData = Object.freeze({
  requirements: Object.freeze([]) as readonly LabelRequirement[],
  nothing: true as const,
});

// ---------------------------------------------------------------------------------------------
// Validation messages (k8s.io/apimachinery/pkg/util/validation, as of the v1.33 line: "characters")
// ---------------------------------------------------------------------------------------------

/** `validation.IsQualifiedName` (= `content.IsLabelKey`): error strings, empty when valid. */
export function labelKeyErrors(value: string): string[] {
  return isQualifiedName(value, 'characters');
}

/** `validation.IsValidLabelValue`: error strings, empty when valid. */
export function labelValueErrors(value: string): string[] {
  return isValidLabelValue(value, 'characters');
}

/** Go's `strconv.Quote`. */
export { goQuote };

/** `%#v` of a `[]string` as Go prints it. */
function goStringSlice(vals: readonly string[] | null): string {
  if (vals === null || vals.length === 0) return vals === null ? '[]string(nil)' : '[]string{}';
  return '[]string{' + vals.map(goQuote).join(', ') + '}';
}

/** `field.Invalid(path, value, detail).Error()`. */
function fieldInvalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

/** `utilerrors.NewAggregate(errs).Error()` (de-duplicated, bracketed when more than one). */
function aggregate(msgs: string[]): string {
  const seen: string[] = [];
  for (const m of msgs) if (!seen.includes(m)) seen.push(m);
  return seen.length === 1 ? seen[0] : '[' + seen.join(', ') + ']';
}

const binaryOperators: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validRequirementOperators: readonly LabelOperator[] = [...binaryOperators, 'exists', '!'];

/** Go's `strconv.ParseInt(s, 10, 64)`; null when it would fail. */
export function parseGoInt64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return v;
}

/**
 * `labels.NewRequirement`: validates key, operator and values, throwing a SelectorError with the
 * aggregated `field.ErrorList` text. `path` is the field path prefix (upstream passes none).
 */
export function newRequirement(key: string, operator: string, values: readonly string[] | null): LabelRequirement {
  const errs: string[] = [];
  const kerrs = labelKeyErrors(key);
  if (kerrs.length) errs.push(fieldInvalid('key', goQuote(key), kerrs.join('; ')));
  const vals = values ?? [];
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(fieldInvalid('values', goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(fieldInvalid('values', goStringSlice(values), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(fieldInvalid('values', goStringSlice(values), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(fieldInvalid('values', goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      for (let i = 0; i < vals.length; i++) {
        if (parseGoInt64(vals[i]) === null) {
          errs.push(fieldInvalid(`values[${i}]`, goQuote(vals[i]), "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      }
      break;
    default:
      errs.push(
        `operator: Unsupported value: ${goQuote(operator)}: supported values: ` +
          validRequirementOperators.map((o) => goQuote(o)).join(', '),
      );
  }
  for (let i = 0; i < vals.length; i++) {
    const verrs = labelValueErrors(vals[i]);
    if (verrs.length) errs.push(fieldInvalid(`values[${i}][${key}]`, goQuote(vals[i]), verrs.join('; ')));
  }
  if (errs.length) throw new SelectorError(aggregate(errs));
  return { key, operator: operator as LabelOperator, values: [...vals] };
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

function hasValue(values: readonly string[], v: string): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === v) return true;
  return false;
}

/** `Requirement.Matches`. */
export function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = labels != null && Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && hasValue(r.values, labels![r.key]);
    case 'notin':
    case '!=':
      return !has || !hasValue(r.values, labels![r.key]);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const lv = parseGoInt64(labels![r.key]);
      const rv = parseGoInt64(r.values[0]);
      if (lv === null || rv === null) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
    default:
      return false;
  }
}

/** `Selector.Matches`: every requirement must match; `Nothing()` matches no label set. */
export function matches(selector: LabelSelectorData, labels: Labels): boolean {
  if (selector.nothing) return false;
  const reqs = selector.requirements;
  for (let i = 0; i < reqs.length; i++) if (!requirementMatches(reqs[i], labels)) return false;
  return true;
}

/** `Selector.Empty()`: true for Everything (no requirements); false for Nothing. */
export function isEmptySelector(selector: LabelSelectorData): boolean {
  return !selector.nothing && selector.requirements.length === 0;
}

// ---------------------------------------------------------------------------------------------
// String form
// ---------------------------------------------------------------------------------------------

/** `Requirement.String()`. */
export function requirementToString(r: LabelRequirement): string {
  let s = r.operator === '!' ? '!' + r.key : r.key;
  switch (r.operator) {
    case '=': s += '='; break;
    case '==': s += '=='; break;
    case '!=': s += '!='; break;
    case 'in': s += ' in '; break;
    case 'notin': s += ' notin '; break;
    case 'gt': s += '>'; break;
    case 'lt': s += '<'; break;
    case 'exists':
    case '!':
      return s;
  }
  const paren = r.operator === 'in' || r.operator === 'notin';
  if (paren) s += '(';
  s += r.values.length === 1 ? r.values[0] : [...r.values].sort(compareGoStrings).join(',');
  if (paren) s += ')';
  return s;
}

/** `Selector.String()`: requirements joined by ","; both Everything and Nothing print as "". */
export function selectorToString(selector: LabelSelectorData): string {
  if (selector.nothing) return '';
  return selector.requirements.map(requirementToString).join(',');
}

/** Go compares strings bytewise; for UTF-16 strings this is equivalent except for astral chars. */
function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortByKey(reqs: LabelRequirement[]): LabelRequirement[] {
  // upstream sorts with sort.Sort(ByKey); we keep equal keys in input order (stable)
  return reqs
    .map((r, i) => [r, i] as const)
    .sort((a, b) => compareGoStrings(a[0].key, b[0].key) || a[1] - b[1])
    .map(([r]) => r);
}

// ---------------------------------------------------------------------------------------------
// Lexer / parser (labels.Parse)
// ---------------------------------------------------------------------------------------------

const enum Tok {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const string2token: Record<string, Tok> = {
  ')': Tok.ClosedPar,
  ',': Tok.Comma,
  '!': Tok.DoesNotExist,
  '==': Tok.DoubleEquals,
  '=': Tok.Equals,
  '>': Tok.GreaterThan,
  in: Tok.In,
  '<': Tok.LessThan,
  '!=': Tok.NotEquals,
  notin: Tok.NotIn,
  '(': Tok.OpenPar,
};
const tokenOf = (s: string): Tok | undefined =>
  Object.prototype.hasOwnProperty.call(string2token, s) ? string2token[s] : undefined;

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) =>
  ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';

interface Item {
  tok: Tok;
  lit: string;
}

function lex(s: string): Item[] {
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++] : '');
  const items: Item[] = [];
  for (;;) {
    let ch = read();
    while (ch !== '' && isWhitespace(ch)) ch = read();
    let item: Item;
    if (ch === '') {
      item = { tok: Tok.EndOfString, lit: '' };
    } else if (isSpecialSymbol(ch)) {
      pos--;
      // scanSpecialSymbol: longest run of special symbols that is a token
      let buffer = '';
      let last: Item | null = null;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c)) {
          buffer += c;
          const t = tokenOf(buffer);
          if (t !== undefined) last = { tok: t, lit: buffer };
          else if (last !== null) {
            pos--;
            break;
          }
        } else {
          pos--;
          break;
        }
      }
      item = last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buffer}'` };
    } else {
      pos--;
      let buffer = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buffer += c;
      }
      const t = tokenOf(buffer);
      item = { tok: t ?? Tok.Identifier, lit: buffer };
    }
    items.push(item);
    if (item.tok === Tok.EndOfString) return items;
  }
}

const enum Ctx {
  KeyAndOperator,
  Values,
}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  lookahead(ctx: Ctx): Item {
    const it = this.items[this.position];
    if (ctx === Ctx.Values && (it.tok === Tok.In || it.tok === Tok.NotIn)) return { tok: Tok.Identifier, lit: it.lit };
    return it;
  }

  consume(ctx: Ctx): Item {
    this.position++;
    const it = this.items[this.position - 1];
    if (ctx === Ctx.Values && (it.tok === Tok.In || it.tok === Tok.NotIn)) return { tok: Tok.Identifier, lit: it.lit };
    return it;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(Ctx.Values);
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          let r: LabelRequirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
          }
          reqs.push(r);
          const t = this.consume(Ctx.Values);
          switch (t.tok) {
            case Tok.EndOfString:
              return reqs;
            case Tok.Comma: {
              const t2 = this.lookahead(Ctx.Values);
              if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) {
                throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
              }
              break;
            }
            default:
              throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
          }
          break;
        }
        case Tok.EndOfString:
          return reqs;
        default:
          throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  parseRequirement(): LabelRequirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred === 'exists' || inferred === '!') return newRequirement(key, inferred, []);
    const op = this.parseOperator();
    let values: string[];
    switch (op) {
      case 'in':
      case 'notin':
        values = this.parseValues();
        break;
      default:
        values = this.parseExactValue();
    }
    // sets.String.List(): sorted, unique
    return newRequirement(key, op, [...new Set(values)].sort(compareGoStrings));
  }

  parseKeyAndInferOperator(): [string, LabelOperator | ''] {
    let op: LabelOperator | '' = '';
    let t = this.consume(Ctx.Values);
    if (t.tok === Tok.DoesNotExist) {
      op = '!';
      t = this.consume(Ctx.Values);
    }
    if (t.tok !== Tok.Identifier) throw new SelectorError(`found '${t.lit}', expected: identifier`);
    const kerrs = labelKeyErrors(t.lit);
    // field.Invalid with a nil *field.Path prints the path as "<nil>"
    if (kerrs.length) throw new SelectorError(fieldInvalid('<nil>', goQuote(t.lit), kerrs.join('; ')));
    const next = this.lookahead(Ctx.Values).tok;
    if ((next === Tok.EndOfString || next === Tok.Comma) && op !== '!') op = 'exists';
    return [t.lit, op];
  }

  parseOperator(): LabelOperator {
    const t = this.consume(Ctx.KeyAndOperator);
    switch (t.tok) {
      case Tok.In: return 'in';
      case Tok.Equals: return '=';
      case Tok.DoubleEquals: return '==';
      case Tok.GreaterThan: return 'gt';
      case Tok.LessThan: return 'lt';
      case Tok.NotIn: return 'notin';
      case Tok.NotEquals: return '!=';
      default:
        throw new SelectorError(`found '${t.lit}', expected: ${binaryOperators.join(', ')}`);
    }
  }

  parseValues(): string[] {
    let t = this.consume(Ctx.Values);
    if (t.tok !== Tok.OpenPar) throw new SelectorError(`found '${t.lit}' expected: '('`);
    t = this.lookahead(Ctx.Values);
    switch (t.tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const s = this.parseIdentifiersList();
        if (this.consume(Ctx.Values).tok !== Tok.ClosedPar) throw new SelectorError(`found '${t.lit}', expected: ')'`);
        return s;
      }
      case Tok.ClosedPar:
        this.consume(Ctx.Values);
        return [''];
      default:
        throw new SelectorError(`found '${t.lit}', expected: ',', ')' or identifier`);
    }
  }

  parseIdentifiersList(): string[] {
    const s = new Set<string>();
    for (;;) {
      const t = this.consume(Ctx.Values);
      switch (t.tok) {
        case Tok.Identifier: {
          s.add(t.lit);
          const t2 = this.lookahead(Ctx.Values);
          switch (t2.tok) {
            case Tok.Comma:
              continue;
            case Tok.ClosedPar:
              return [...s];
            default:
              throw new SelectorError(`found '${t2.lit}', expected: ',' or ')'`);
          }
        }
        case Tok.Comma: {
          if (s.size === 0) s.add(''); // "(,"
          const t2 = this.lookahead(Ctx.Values);
          if (t2.tok === Tok.ClosedPar) {
            s.add(''); // ",)"
            return [...s];
          }
          if (t2.tok === Tok.Comma) s.add(''); // ",,"
          break;
        }
        default:
          throw new SelectorError(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
  }

  parseExactValue(): string[] {
    const la = this.lookahead(Ctx.Values);
    if (la.tok === Tok.EndOfString || la.tok === Tok.Comma) return [''];
    const t = this.consume(Ctx.Values);
    if (t.tok === Tok.Identifier) return [t.lit];
    throw new SelectorError(`found '${t.lit}', expected: identifier`);
  }
}

/**
 * `labels.Parse`: kubectl's `-l` syntax. Requirements come back sorted by key. Throws a
 * SelectorError carrying upstream's message on bad input.
 */
export function parseSelector(str: string): LabelSelectorData {
  const reqs = new Parser(lex(str)).parse();
  return { requirements: sortByKey(reqs) };
}

/** Non-throwing variant of {@link parseSelector}. */
export function tryParseSelector(str: string): { ok: true; selector: LabelSelectorData } | { ok: false; error: string } {
  try {
    return { ok: true, selector: parseSelector(str) };
  } catch (e) {
    if (e instanceof SelectorError) return { ok: false, error: e.message };
    throw e;
  }
}

/** `labels.SelectorFromSet`: equality requirements sorted by key; nil/empty set → Everything. */
export function selectorFromSet(set: Labels): LabelSelectorData {
  if (!set) return EVERYTHING;
  const keys = Object.keys(set).sort(compareGoStrings);
  if (keys.length === 0) return EVERYTHING;
  return { requirements: keys.map((k) => ({ key: k, operator: '=' as const, values: [set[k]] })) };
}

/**
 * `metav1.LabelSelectorAsSelector`: nil → Nothing, empty → Everything; matchLabels become `=`
 * requirements and matchExpressions In/NotIn/Exists/DoesNotExist; result sorted by key.
 */
export function selectorFromLabelSelector(ls: LabelSelector | null | undefined): LabelSelectorData {
  if (ls == null) return NOTHING;
  const ml = ls.matchLabels ?? {};
  const me = ls.matchExpressions ?? [];
  const mlKeys = Object.keys(ml);
  if (mlKeys.length + me.length === 0) return EVERYTHING;
  const reqs: LabelRequirement[] = [];
  for (const k of mlKeys) reqs.push(newRequirement(k, '=', [ml[k]]));
  for (const expr of me) {
    let op: LabelOperator;
    switch (expr.operator) {
      case 'In': op = 'in'; break;
      case 'NotIn': op = 'notin'; break;
      case 'Exists': op = 'exists'; break;
      case 'DoesNotExist': op = '!'; break;
      default:
        throw new SelectorError(`${goQuote(String(expr.operator))} is not a valid label selector operator`);
    }
    // upstream passes append([]string(nil), expr.Values...): nil when there are no values
    reqs.push(newRequirement(expr.key, op, expr.values && expr.values.length ? expr.values : null));
  }
  return { requirements: sortByKey(reqs) };
}

/** Convenience: does a metav1.LabelSelector select these labels? (nil selects nothing, {} everything) */
export function labelSelectorMatches(ls: LabelSelector | null | undefined, labels: Labels): boolean {
  return matches(selectorFromLabelSelector(ls), labels);
}

// ---------------------------------------------------------------------------------------------
// Field selectors (k8s.io/apimachinery/pkg/fields/selector.go)
// ---------------------------------------------------------------------------------------------

export interface FieldRequirement {
  readonly field: string;
  /** `==` parses to `=` (hasTerm), as upstream. */
  readonly operator: '=' | '!=';
  readonly value: string;
}

export interface FieldSelectorData {
  readonly requirements: readonly FieldRequirement[];
}

/** Splits on commas not escaped by a backslash (escapes are kept for UnescapeValue). */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const termOperators = ['!=', '==', '='] as const;

function splitTerm(term: string): [string, string, string] | null {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return null;
}

/** `fields.UnescapeValue`. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let v = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') v += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') {
      // UnescapedRune formats the rune with %v, i.e. as its code point number
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else v += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return v;
}

/** `fields.EscapeValue`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => '\\' + c);
}

/**
 * `fields.ParseSelector` (`--field-selector`): terms `f=v`, `f==v`, `f!=v` joined by commas, with
 * `\`, `,`, `=` escapable in values. Terms are sorted as strings, as upstream does.
 */
export function parseFieldSelector(selector: string): FieldSelectorData {
  const parts = splitTerms(selector).sort(compareGoStrings);
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (t === null) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [lhs, op, rhs] = t;
    reqs.push({ field: lhs, operator: op === '!=' ? '!=' : '=', value: unescapeFieldValue(rhs) });
  }
  return { requirements: reqs };
}

export function fieldSelectorToString(sel: FieldSelectorData): string {
  return sel.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
}

type AnyObject = {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: any;
  status?: any;
  [k: string]: unknown;
};

/** Built-in cluster-scoped kinds: they have no `metadata.namespace` field (DefaultClusterScopedAttr). */
const CLUSTER_SCOPED = new Set([
  'Node', 'Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding',
  'PriorityClass', 'CustomResourceDefinition', 'RuntimeClass', 'IngressClass',
]);

/**
 * The selectable fields of an object, as the API server computes them (`ToSelectableFields` /
 * `GetAttrs` in pkg/registry/core/{pod,node,namespace,event}/strategy.go). Everything else has
 * `metadata.name` (+ `metadata.namespace` when namespaced).
 */
export function objectFields(obj: AnyObject): Record<string, string> {
  const f: Record<string, string> = { 'metadata.name': obj.metadata?.name ?? '' };
  if (!CLUSTER_SCOPED.has(obj.kind ?? '')) f['metadata.namespace'] = obj.metadata?.namespace ?? '';
  switch (obj.kind) {
    case 'Pod': {
      const spec = obj.spec ?? {};
      const status = obj.status ?? {};
      f['spec.nodeName'] = spec.nodeName ?? '';
      f['spec.restartPolicy'] = spec.restartPolicy ?? '';
      f['spec.schedulerName'] = spec.schedulerName ?? '';
      f['spec.serviceAccountName'] = spec.serviceAccountName ?? '';
      f['spec.hostNetwork'] = spec.hostNetwork ? 'true' : 'false';
      f['status.phase'] = status.phase ?? '';
      f['status.podIP'] = status.podIPs?.[0]?.ip ?? status.podIP ?? '';
      f['status.nominatedNodeName'] = status.nominatedNodeName ?? '';
      break;
    }
    case 'Node':
      f['spec.unschedulable'] = obj.spec?.unschedulable ? 'true' : 'false';
      break;
    case 'Namespace':
      f['status.phase'] = obj.status?.phase ?? '';
      break;
    case 'Event': {
      const io = (obj.involvedObject ?? {}) as Record<string, string | undefined>;
      const source = ((obj.source as { component?: string } | undefined)?.component || (obj.reportingComponent as string)) ?? '';
      f['involvedObject.kind'] = io.kind ?? '';
      f['involvedObject.namespace'] = io.namespace ?? '';
      f['involvedObject.name'] = io.name ?? '';
      f['involvedObject.uid'] = io.uid ?? '';
      f['involvedObject.apiVersion'] = io.apiVersion ?? '';
      f['involvedObject.resourceVersion'] = io.resourceVersion ?? '';
      f['involvedObject.fieldPath'] = io.fieldPath ?? '';
      f['reason'] = (obj.reason as string) ?? '';
      f['reportingComponent'] = (obj.reportingComponent as string) ?? '';
      f['source'] = source;
      f['type'] = (obj.type as string) ?? '';
      break;
    }
  }
  return f;
}

/**
 * Rejects fields the API server would not accept for this kind, with its message
 * (`field label not supported: <label>`, pkg/apis/core/v1/conversion.go).
 */
export function validateFieldSelector(sel: FieldSelectorData, kind: string): void {
  const allowed = objectFields({ kind });
  for (const r of sel.requirements) {
    if (!Object.prototype.hasOwnProperty.call(allowed, r.field)) throw new SelectorError(`field label not supported: ${r.field}`);
  }
}

/** `fields.Selector.Matches` against the object's selectable fields; an unknown field reads as "". */
export function matchesFields(sel: FieldSelectorData, obj: AnyObject | Record<string, string>): boolean {
  const fields: Record<string, string> =
    'metadata' in obj || 'kind' in obj ? objectFields(obj as AnyObject) : (obj as Record<string, string>);
  for (const r of sel.requirements) {
    const v = Object.prototype.hasOwnProperty.call(fields, r.field) ? fields[r.field] : '';
    if (r.operator === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
