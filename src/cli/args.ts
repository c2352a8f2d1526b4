/**
 * Argument helpers shared by the commands: kubectl's `TYPE NAME…` / `TYPE/NAME` resource forms,
 * flag value parsers with kubectl's (pflag's) error wording, and the small amount of argv
 * rewriting needed for commander to accept pflag syntax (`-o=wide`, `--cascade`, `--wait=false`).
 */
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../duration.ts';
import { resolveKind, type KindInfo } from '../kinds.ts';
import { usageError } from './errors.ts';

/** Short flags that take a value: pflag accepts `-o=wide`; commander needs `-o wide`. */
const SHORT_WITH_VALUE = new Set(['o', 'n', 'l', 'c', 'f', 'L']);
/** Flags with pflag `NoOptDefVal`: given bare they mean this value, and never consume the next word. */
const NO_OPT_DEFAULTS: Record<string, string> = { '--cascade': 'background', '--wait': 'true', '--show-events': 'true' };
/** Boolean flags that users may spell `--flag=true|false` as pflag allows. */
const BOOLEAN_FLAGS = new Set([
  '--all', '--all-namespaces', '--show-labels', '--watch', '--watch-only', '--now', '--force', '--previous',
  '--timestamps', '--overwrite', '--stdin', '--tty', '--output-watch-events', '--quiet',
]);

/** Boolean flags whose `=false` form must reach the command (as `--no-<flag>`): a default of true somewhere. */
const NEGATABLE = new Set(['--watch']);

/**
 * Rewrites pflag spellings commander does not know, leaving everything after `--` alone.
 * `--no-headers=true` → `--no-headers`; `--force=false` → (dropped); `-o=wide` → `-o wide`;
 * bare `--cascade` → `--cascade=background`.
 */
export function normaliseArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      const flag = a.slice(0, eq);
      const v = a.slice(eq + 1);
      if (flag === '--no-headers') {
        if (v === 'true') out.push('--no-headers');
        else if (v !== 'false') out.push(a);
        continue;
      }
      if (BOOLEAN_FLAGS.has(flag) && (v === 'true' || v === 'false')) {
        // `--watch=false` is `--no-watch` (its default is true for `rollout status`); others just drop.
        if (v === 'true') out.push(flag);
        else if (NEGATABLE.has(flag)) out.push(`--no-${flag.slice(2)}`);
        continue;
      }
      out.push(a);
      continue;
    }
    if (a in NO_OPT_DEFAULTS) {
      out.push(`${a}=${NO_OPT_DEFAULTS[a]}`);
      continue;
    }
    const m = /^-([A-Za-z])=(.*)$/.exec(a);
    if (m && SHORT_WITH_VALUE.has(m[1]!)) {
      // `-o=wide` (commander itself understands `-owide`).
      out.push(`-${m[1]}`, m[2]!);
      continue;
    }
    out.push(a);
  }
  return out;
}

/** Everything after the first `--` (kubectl's ArgsLenAtDash), or undefined when there is none. */
export function argsAfterDash(argv: string[]): string[] | undefined {
  const i = argv.indexOf('--');
  return i < 0 ? undefined : argv.slice(i + 1);
}

/** pflag's message for a value it cannot parse. */
function invalid(value: string, flag: string, detail: string): InvalidArgumentError {
  return new InvalidArgumentError(`invalid argument "${value}" for "${flag}" flag: ${detail}`);
}

export function intFlag(flag: string, opts: { min?: number } = {}) {
  return (value: string): number => {
    if (!/^[+-]?\d+$/.test(value.trim())) throw invalid(value, flag, `strconv.ParseInt: parsing "${value}": invalid syntax`);
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw invalid(value, flag, `strconv.ParseInt: parsing "${value}": value out of range`);
    if (opts.min !== undefined && n < opts.min) throw invalid(value, flag, `must be at least ${opts.min}`);
    return n;
  };
}

export function boolFlag(flag: string) {
  return (value: string): boolean => {
    const v = value.trim().toLowerCase();
    if (['true', '1', 't'].includes(v)) return true;
    if (['false', '0', 'f'].includes(v)) return false;
    throw invalid(value, flag, `strconv.ParseBool: parsing "${value}": invalid syntax`);
  };
}

/** A Go-style duration (`30s`, `1m30s`, `250ms`); a bare number means seconds, as for kubectl `--timeout`. */
export function durationFlag(flag: string) {
  return (value: string): number => parseDurationArg(value, flag);
}

export function parseDurationArg(value: string, what: string): number {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  try {
    return parseDuration(v);
  } catch {
    throw invalid(value, what, `time: invalid duration "${value}"`);
  }
}

/** kubectl's `1m30s` style for a number of milliseconds. */
export { formatGoDuration as goDuration } from '../duration.ts';

/** Simulated time as users read it: RFC 3339, whole seconds unless there is a fraction. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

// ------------------------------------------------------------------------------- resources

export interface ResourceRef {
  info: KindInfo;
  /** Undefined: every object of the kind (subject to selectors). */
  name?: string;
}

export function kindOf(word: string): KindInfo {
  const info = resolveKind(word);
  if (!info) throw usageError(`the server doesn't have a resource type "${word}"`);
  return info;
}

/** `pod` / `deployment.apps`: the lower-case kind with its group, as kubectl prints it. */
export function kindLabel(info: KindInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

/**
 * kubectl's resource arguments: `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`
 * (cli-runtime resource.Builder ResourceTypeOrNameArgs).
 */
export function parseResourceArgs(args: string[]): { kinds: KindInfo[]; refs: ResourceRef[] } {
  if (!args.length) return { kinds: [], refs: [] };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      throw usageError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubeactors get resource/<resource_name>' instead of 'kubeactors get resource resource/<resource_name>'",
      );
    }
    const refs = args.map((a) => {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name) throw usageError(`arguments in resource/name form must have a single resource and name`);
      return { info: kindOf(type), name };
    });
    const kinds: KindInfo[] = [];
    for (const r of refs) if (!kinds.includes(r.info)) kinds.push(r.info);
    return { kinds, refs };
  }
  const [types, ...names] = args;
  const kinds: KindInfo[] = [];
  for (const t of types!.split(',')) {
    if (!t) continue;
    const info = kindOf(t);
    if (!kinds.includes(info)) kinds.push(info);
  }
  if (!kinds.length) throw usageError(`the server doesn't have a resource type "${types}"`);
  const refs = names.length ? kinds.flatMap((info) => names.map((name) => ({ info, name }))) : kinds.map((info) => ({ info }));
  return { kinds, refs };
}

/** A single `pod/x` or `x` (pods) argument, as `kubectl logs` / `exec` / `debug` take it. */
export function podArg(arg: string): string {
  const i = arg.indexOf('/');
  if (i < 0) return arg;
  const info = kindOf(arg.slice(0, i));
  if (info.kind !== 'Pod') throw usageError(`${info.plural} are not supported here: only pods (pod/<name>) can be used with this command`);
  const name = arg.slice(i + 1);
  if (!name) throw usageError(`arguments in resource/name form must have a single resource and name`);
  return name;
}

// ------------------------------------------------------------------------------- shell words

/** Splits a command line like a POSIX shell would (quotes and backslashes; no expansions). */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw usageError(`unterminated ' quote in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        cur += line[j];
      }
      if (j >= line.length) throw usageError(`unterminated " quote in: ${line}`);
      i = j;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

// ------------------------------------------------------------------------------- --record

/** kubectl's deprecation notice for `--record` (printed on stderr). */
export const RECORD_DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future';

/**
 * The `kubernetes.io/change-cause` kubectl's `--record` writes (cmd/util RecordFlags,
 * `parseCommandArguments`): the program, the command, its arguments, then every flag given as
 * `--name=value` — e.g. `kubeactors set image deployment/web nginx=nginx:1.16.1 --record=true`.
 */
export function changeCause(command: string, args: string[], flags: Array<[string, string | number | boolean | string[] | undefined]>): string {
  let out = `kubeactors ${command}`;
  if (args.length) out += ` ${args.join(' ')}`;
  for (const [name, value] of flags) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out += ` --${name}=${v}`;
  }
  return out;
}
