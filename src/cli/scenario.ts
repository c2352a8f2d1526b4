/**
 * Scenarios: a YAML list of steps (apply, advance, run, expect, wait, fault, …) run on a fresh
 * in-memory cluster, stopping at the first failed step. The format is documented in docs/scenarios.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import YAML, { isMap, isScalar, isSeq, LineCounter, type Node as YamlNode } from 'yaml';
import { createCluster, type Cluster } from '../cluster/cluster.ts';
import { ManifestLoadError, type ManifestError } from '../manifest/index.ts';
import { jsonpath } from '../views/jsonpath.ts';
import { formatTime, goDuration, parseDurationArg, parseResourceArgs, splitWords } from './args.ts';
import { runProgram } from './cli.ts';
import { applySources } from './commands/apply.ts';
import { CliError, describeError } from './errors.ts';
import { DEFAULT_NODES, DEFAULT_SEED, Session } from './session.ts';

// ------------------------------------------------------------------------------- model

export type Step =
  | { type: 'section'; title: string }
  | { type: 'echo'; text: string }
  | { type: 'apply'; text: string; label: string; mapError?: (e: ManifestError) => ManifestError }
  | { type: 'command'; argv: string[]; label: string }
  | { type: 'expect'; expect: Expectation };

export type Check = { equals?: string; contains?: string; matches?: string; absent?: boolean };

export type Expectation =
  | ({ kind: 'get'; target: string; namespace?: string; path?: string } & Check)
  | ({ kind: 'command'; argv: string[]; line: string; row?: string; column?: string; exitCode?: number; stream: 'stdout' | 'stderr' | 'both' } & Check);

export interface Scenario {
  name?: string;
  nodes?: number;
  seed?: number;
  steps: { step: Step; source: string }[];
}

export class ScenarioError extends Error {}

const STEP_TYPES = ['section', 'echo', 'apply', 'advance', 'run', 'expect', 'wait', 'fault'];
const HEADER_KEYS = ['name', 'description', 'nodes', 'seed', 'steps'];

// ------------------------------------------------------------------------------- parsing

interface Ctx {
  file: string;
  text: string;
  lc: LineCounter;
  baseDir: string;
}

function where(ctx: Ctx, node: YamlNode | undefined | null): string {
  const off = node?.range?.[0];
  if (off === undefined) return ctx.file;
  const p = ctx.lc.linePos(off);
  return `${ctx.file}:${p.line}:${p.col}`;
}

function fail(ctx: Ctx, node: YamlNode | undefined | null, path: string, msg: string): never {
  throw new ScenarioError(`${where(ctx, node)}: ${path}: ${msg}`);
}

function str(ctx: Ctx, node: YamlNode | undefined | null, path: string): string {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') fail(ctx, node, path, 'expected a string');
  return String(node.value);
}

function optStr(ctx: Ctx, m: YAML.YAMLMap, key: string, path: string): string | undefined {
  const n = m.get(key, true) as YamlNode | undefined;
  return n === undefined ? undefined : str(ctx, n, `${path}.${key}`);
}

function int(ctx: Ctx, node: YamlNode | undefined | null, path: string, min = 0): number {
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < min) {
    fail(ctx, node, path, `expected an integer >= ${min}`);
  }
  return node.value;
}

function checkKeys(ctx: Ctx, m: YAML.YAMLMap, allowed: string[], path: string): void {
  for (const p of m.items) {
    const k = String(isScalar(p.key) ? p.key.value : p.key);
    if (!allowed.includes(k)) fail(ctx, p.key as YamlNode, path, `unknown field "${k}"; expected one of: ${allowed.join(', ')}`);
  }
}

/** A command given as a string (split like a shell would) or a list of words. */
function commandOf(ctx: Ctx, node: YamlNode | undefined | null, path: string): { argv: string[]; line: string } {
  if (isSeq(node)) {
    const argv = node.items.map((n, i) => str(ctx, n as YamlNode, `${path}[${i}]`));
    return { argv, line: argv.map((a) => (/^[\w./=:,-]+$/.test(a) ? a : `'${a}'`)).join(' ') };
  }
  const line = str(ctx, node, path).trim();
  let argv: string[];
  try {
    argv = splitWords(line);
  } catch (e) {
    fail(ctx, node, path, describeError(e).replace(/^error: /, ''));
  }
  if (argv[0] === 'kubeactors' || argv[0] === 'kubectl') argv = argv.slice(1);
  if (!argv.length) fail(ctx, node, path, 'empty command');
  return { argv, line: argv.join(' ') === line ? line : line.replace(/^(kubeactors|kubectl)\s+/, '') };
}

function durationOf(ctx: Ctx, node: YamlNode | undefined | null, path: string): string {
  const v = isScalar(node) && typeof node.value === 'number' ? `${node.value}s` : str(ctx, node, path);
  try {
    parseDurationArg(v, path);
  } catch {
    fail(ctx, node, path, `invalid duration "${v}": expected e.g. 30s, 5m, 1h30m`);
  }
  return v;
}

/** Maps errors in an inline block-scalar manifest back to lines of the scenario file. */
function blockMapper(ctx: Ctx, node: YamlNode): ((e: ManifestError) => ManifestError) | undefined {
  if (!isScalar(node) || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') || !node.range) return undefined;
  const start = node.range[0];
  const header = ctx.lc.linePos(start).line;
  const body = ctx.text.slice(ctx.text.indexOf('\n', start) + 1);
  const first = body.split('\n').find((l) => l.trim() !== '') ?? '';
  const indent = first.length - first.trimStart().length;
  return (e) => ({
    ...e,
    file: ctx.file,
    line: e.line !== undefined ? header + e.line : undefined,
    column: e.column !== undefined ? e.column + indent : undefined,
  });
}

function parseExpect(ctx: Ctx, node: YamlNode | undefined | null, path: string): Expectation {
  if (!isMap(node)) fail(ctx, node, path, 'expected a mapping with "get" or "command"');
  const checks = (): Check => {
    const c: Check = {
      equals: optStr(ctx, node, 'equals', path),
      contains: optStr(ctx, node, 'contains', path),
      matches: optStr(ctx, node, 'matches', path),
    };
    if (c.matches !== undefined) {
      try {
        new RegExp(c.matches);
      } catch (e) {
        fail(ctx, node.get('matches', true) as YamlNode, `${path}.matches`, `invalid regular expression: ${(e as Error).message}`);
      }
    }
    const absent = node.get('absent', true) as YamlNode | undefined;
    if (absent !== undefined) {
      if (!isScalar(absent) || typeof absent.value !== 'boolean') fail(ctx, absent, `${path}.absent`, 'expected true or false');
      c.absent = absent.value;
    }
    return c;
  };
  if (node.has('get')) {
    checkKeys(ctx, node, ['get', 'namespace', 'path', 'equals', 'contains', 'matches', 'absent'], path);
    const target = str(ctx, node.get('get', true) as YamlNode, `${path}.get`);
    if (!/^[^/\s]+\/[^/\s]+$/.test(target)) fail(ctx, node.get('get', true) as YamlNode, `${path}.get`, `expected TYPE/NAME (e.g. pod/nginx), got "${target}"`);
    try {
      parseResourceArgs([target]);
    } catch (e) {
      fail(ctx, node.get('get', true) as YamlNode, `${path}.get`, describeError(e).replace(/^error: /, ''));
    }
    let p = optStr(ctx, node, 'path', path);
    if (p !== undefined) {
      if (!p.startsWith('{')) p = `{${p.startsWith('.') ? p : `.${p}`}}`;
      try {
        jsonpath({}, p);
      } catch (e) {
        fail(ctx, node.get('path', true) as YamlNode, `${path}.path`, (e as Error).message);
      }
    }
    const c = checks();
    if (p !== undefined && c.equals === undefined && c.contains === undefined && c.matches === undefined) {
      fail(ctx, node, path, 'a "path" needs one of equals, contains or matches');
    }
    return { kind: 'get', target, namespace: optStr(ctx, node, 'namespace', path), path: p, ...c };
  }
  if (node.has('command')) {
    checkKeys(ctx, node, ['command', 'row', 'column', 'exitCode', 'stream', 'equals', 'contains', 'matches'], path);
    const { argv, line } = commandOf(ctx, node.get('command', true) as YamlNode, `${path}.command`);
    const row = optStr(ctx, node, 'row', path);
    const column = optStr(ctx, node, 'column', path);
    if ((row === undefined) !== (column === undefined)) fail(ctx, node, path, '"row" and "column" go together');
    const ecNode = node.get('exitCode', true) as YamlNode | undefined;
    const exitCode = ecNode === undefined ? undefined : int(ctx, ecNode, `${path}.exitCode`);
    const stream = (optStr(ctx, node, 'stream', path) ?? 'stdout') as 'stdout';
    if (!['stdout', 'stderr', 'both'].includes(stream)) fail(ctx, node.get('stream', true) as YamlNode, `${path}.stream`, 'expected stdout, stderr or both');
    const c = checks();
    if (row !== undefined && c.equals === undefined && c.contains === undefined && c.matches === undefined) {
      fail(ctx, node, path, 'a "row"/"column" cell needs one of equals, contains or matches');
    }
    if (exitCode === undefined && row === undefined && c.equals === undefined && c.contains === undefined && c.matches === undefined) {
      fail(ctx, node, path, 'nothing to check: give exitCode, row/column, equals, contains or matches');
    }
    return { kind: 'command', argv, line, row, column, exitCode, stream, ...c };
  }
  fail(ctx, node, path, 'expected "get: TYPE/NAME" or "command: ..."');
}

/** A fault as the CLI command that injects it. */
function parseFault(ctx: Ctx, node: YamlNode | undefined | null, path: string): { argv: string[]; line: string } {
  if (!isMap(node)) return commandOf(ctx, node, path);
  const words: string[] = [];
  const ns = optStr(ctx, node, 'namespace', path);
  if (node.has('crash')) {
    checkKeys(ctx, node, ['crash', 'container', 'exitCode', 'namespace'], path);
    words.push('crash', str(ctx, node.get('crash', true) as YamlNode, `${path}.crash`));
    const c = optStr(ctx, node, 'container', path);
    if (c) words.push('-c', c);
    const ec = node.get('exitCode', true) as YamlNode | undefined;
    if (ec !== undefined) words.push('--exit-code', String(int(ctx, ec, `${path}.exitCode`)));
  } else if (node.has('probe')) {
    checkKeys(ctx, node, ['probe', 'kind', 'result', 'container', 'namespace'], path);
    const kind = optStr(ctx, node, 'kind', path);
    const result = optStr(ctx, node, 'result', path);
    if (!kind || !['liveness', 'readiness', 'startup'].includes(kind)) fail(ctx, node, `${path}.kind`, 'expected liveness, readiness or startup');
    if (!result || !['fail', 'succeed', 'reset'].includes(result)) fail(ctx, node, `${path}.result`, 'expected fail, succeed or reset');
    words.push('probe', str(ctx, node.get('probe', true) as YamlNode, `${path}.probe`), kind, result);
    const c = optStr(ctx, node, 'container', path);
    if (c) words.push('-c', c);
  } else if (node.has('node')) {
    checkKeys(ctx, node, ['node', 'action', 'mode'], path);
    const action = optStr(ctx, node, 'action', path) ?? 'fail';
    const actions = ['fail', 'recover', 'remove', 'add', 'cordon', 'uncordon'];
    if (!actions.includes(action)) fail(ctx, node.get('action', true) as YamlNode, `${path}.action`, `expected one of: ${actions.join(', ')}`);
    words.push('nodes', action, str(ctx, node.get('node', true) as YamlNode, `${path}.node`));
    const mode = optStr(ctx, node, 'mode', path);
    if (mode) words.push('--mode', mode);
    return { argv: words, line: words.join(' ') };
  } else {
    fail(ctx, node, path, 'expected "crash: POD", "probe: POD" or "node: NODE" (or a command string)');
  }
  if (ns) words.push('-n', ns);
  return { argv: words, line: words.join(' ') };
}

function parseStep(ctx: Ctx, node: YamlNode, path: string): Step {
  if (!isMap(node) || node.items.length !== 1) {
    fail(ctx, node, path, `a step is a mapping with exactly one of: ${STEP_TYPES.join(', ')}`);
  }
  const pair = node.items[0]!;
  const type = String(isScalar(pair.key) ? pair.key.value : pair.key);
  const v = pair.value as YamlNode | null;
  const p = `${path}.${type}`;
  switch (type) {
    case 'section':
      return { type: 'section', title: str(ctx, v, p) };
    case 'echo':
      return { type: 'echo', text: str(ctx, v, p) };
    case 'apply': {
      if (isMap(v) && v.has('file') && v.items.length === 1) {
        const f = str(ctx, v.get('file', true) as YamlNode, `${p}.file`);
        const path = isAbsolute(f) ? f : join(ctx.baseDir, f);
        return { type: 'command', argv: ['apply', '-f', path], label: `apply -f ${path}` };
      }
      if (isScalar(v) && typeof v.value === 'string') {
        return { type: 'apply', text: v.value, label: 'apply -f - (inline manifest)', mapError: blockMapper(ctx, v) };
      }
      if (isMap(v) || isSeq(v)) {
        const js = v.toJSON();
        const text = Array.isArray(js) ? js.map((d) => YAML.stringify(d)).join('---\n') : YAML.stringify(js);
        return { type: 'apply', text, label: 'apply -f - (inline manifest)' };
      }
      fail(ctx, v, p, 'expected inline YAML (a string or a mapping) or {file: path}');
    }
    // falls through (fail never returns)
    case 'advance': {
      const d = durationOf(ctx, v, p);
      return { type: 'command', argv: ['advance', d], label: `advance ${d}` };
    }
    case 'run': {
      const { argv, line } = commandOf(ctx, v, p);
      return { type: 'command', argv, label: line };
    }
    case 'fault': {
      const { argv, line } = parseFault(ctx, v, p);
      return { type: 'command', argv, label: line };
    }
    case 'wait': {
      if (!isMap(v)) fail(ctx, v, p, 'expected {for: condition=Ready, target: pod/NAME, timeout: 2m}');
      checkKeys(ctx, v, ['for', 'target', 'timeout', 'namespace'], p);
      const forV = str(ctx, v.get('for', true) as YamlNode, `${p}.for`);
      const target = str(ctx, v.get('target', true) as YamlNode, `${p}.target`);
      const argv = ['wait', `--for=${forV}`, target];
      const t = v.get('timeout', true) as YamlNode | undefined;
      if (t !== undefined) argv.push(`--timeout=${durationOf(ctx, t, `${p}.timeout`)}`);
      const ns = optStr(ctx, v, 'namespace', p);
      if (ns) argv.push('-n', ns);
      return { type: 'command', argv, label: argv.join(' ') };
    }
    case 'expect':
      return { type: 'expect', expect: parseExpect(ctx, v, p) };
    default:
      fail(ctx, pair.key as YamlNode, path, `unknown step "${type}"; expected one of: ${STEP_TYPES.join(', ')}`);
  }
}

/** Parses scenario text; throws ScenarioError naming file:line:column and the field path. */
export function parseScenario(text: string, file: string, baseDir = dirname(file)): Scenario {
  const lc = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lc });
  const ctx: Ctx = { file, text, lc, baseDir };
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new ScenarioError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${e.message.split('\n')[0]}`);
  }
  const root = doc.contents as YamlNode | null;
  if (!isMap(root)) fail(ctx, root, '(root)', 'expected a mapping with "steps" (and optionally name, description, nodes, seed)');
  checkKeys(ctx, root, HEADER_KEYS, '(root)');
  const stepsNode = root.get('steps', true) as YamlNode | undefined;
  if (!isSeq(stepsNode)) fail(ctx, stepsNode ?? root, 'steps', 'expected a list of steps');
  const sc: Scenario = { steps: [] };
  if (root.has('name')) sc.name = str(ctx, root.get('name', true) as YamlNode, 'name');
  if (root.has('nodes')) sc.nodes = int(ctx, root.get('nodes', true) as YamlNode, 'nodes');
  if (root.has('seed')) sc.seed = int(ctx, root.get('seed', true) as YamlNode, 'seed');
  if (sc.nodes !== undefined && sc.nodes > 5000) fail(ctx, root.get('nodes', true) as YamlNode, 'nodes', 'at most 5000');
  stepsNode.items.forEach((n, i) => {
    sc.steps.push({ step: parseStep(ctx, n as YamlNode, `steps[${i}]`), source: where(ctx, n as YamlNode) });
  });
  return sc;
}

// ------------------------------------------------------------------------------- running

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function capture(c: Cluster, parent: Session, argv: string[], echo: boolean): Promise<Captured> {
  const r: Captured = { code: 0, stdout: '', stderr: '' };
  const nested = new Session(
    {
      stdout: (x) => {
        r.stdout += x;
        if (echo) parent.out(x);
      },
      stderr: (x) => {
        r.stderr += x;
        if (echo) parent.err(x);
      },
      cwd: parent.cwd,
      env: parent.env,
    },
    'memory',
    c,
  );
  r.code = await runProgram(argv, nested, true);
  return r;
}

/** Cells of a `kubectl get` table: columns start where header words start after 2+ spaces. */
export function tableCell(output: string, row: string, column: string): { found?: string; problem?: string } {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  if (!lines.length) return { problem: 'the output is empty' };
  const header = lines[0]!;
  const starts: number[] = [];
  const names: string[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header))) {
    starts.push(m.index);
    names.push(m[0]);
  }
  const col = names.findIndex((n) => n.toUpperCase() === column.toUpperCase());
  if (col < 0) return { problem: `no column "${column}" (columns: ${names.join(', ')})` };
  const cell = (line: string, i: number) => line.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim();
  const nameCol = Math.max(0, names.findIndex((n) => n === 'NAME'));
  const match = lines.slice(1).find((l) => {
    const v = cell(l, nameCol);
    return v === row || v.endsWith(`/${row}`);
  });
  if (!match) return { problem: `no row "${row}" (rows: ${lines.slice(1).map((l) => cell(l, nameCol)).join(', ') || 'none'})` };
  return { found: cell(match, col) };
}

/** Compares a value with a check; returns what went wrong, or undefined. */
function judge(found: string, c: Check): string | undefined {
  if (c.equals !== undefined && found !== c.equals) return `expected ${JSON.stringify(c.equals)}, found ${JSON.stringify(found)}`;
  if (c.contains !== undefined && !found.includes(c.contains)) return `expected to contain ${JSON.stringify(c.contains)}, found ${JSON.stringify(clip(found))}`;
  if (c.matches !== undefined && !new RegExp(c.matches).test(found)) return `expected to match /${c.matches}/, found ${JSON.stringify(clip(found))}`;
  return undefined;
}

function clip(s: string): string {
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}

function describeCheck(c: Check): string {
  if (c.absent) return 'is absent';
  const parts: string[] = [];
  if (c.equals !== undefined) parts.push(`equals ${JSON.stringify(c.equals)}`);
  if (c.contains !== undefined) parts.push(`contains ${JSON.stringify(c.contains)}`);
  if (c.matches !== undefined) parts.push(`matches /${c.matches}/`);
  return parts.join(' and ') || 'exists';
}

async function checkExpectation(c: Cluster, s: Session, x: Expectation): Promise<{ what: string; problem?: string }> {
  if (x.kind === 'get') {
    const { refs } = parseResourceArgs([x.target]);
    const obj = c.get(refs[0]!.info.kind, refs[0]!.name!, x.namespace);
    const what = `${x.target}${x.path ? ` ${x.path}` : ''} ${describeCheck(x)}`;
    if (x.absent) return { what, problem: obj ? `${x.target} exists` : undefined };
    if (!obj) return { what, problem: `${refs[0]!.info.plural} "${refs[0]!.name}" not found` };
    if (!x.path) return { what };
    const found = jsonpath(JSON.parse(JSON.stringify(obj)), x.path);
    return { what, problem: judge(found, x) };
  }
  const r = await capture(c, s, x.argv, false);
  const parts: string[] = [];
  if (x.exitCode !== undefined) parts.push(`exits ${x.exitCode}`);
  if (x.row !== undefined) parts.push(`row ${x.row} column ${x.column} ${describeCheck(x)}`);
  else if (x.equals !== undefined || x.contains !== undefined || x.matches !== undefined) parts.push(`${x.stream === 'stdout' ? 'output' : x.stream} ${describeCheck(x)}`);
  const what = `"${x.line}" ${parts.join(', ')}`;
  const wantCode = x.exitCode ?? 0;
  const tail = () => (r.stderr.trim() ? `\n${r.stderr.trimEnd()}` : '');
  if (r.code !== wantCode) return { what, problem: `exit code ${r.code}, expected ${wantCode}${tail()}` };
  const text = x.stream === 'stderr' ? r.stderr : x.stream === 'both' ? r.stdout + r.stderr : r.stdout;
  if (x.row !== undefined) {
    const cell = tableCell(r.stdout, x.row, x.column!);
    if (cell.problem) return { what, problem: `${cell.problem}\n${r.stdout.trimEnd()}` };
    return { what, problem: judge(cell.found!, x) };
  }
  const value = x.equals !== undefined ? text.replace(/\n$/, '') : text;
  return { what, problem: judge(value, x) };
}

export interface RunOptions {
  quiet?: boolean;
  nodes?: number;
  seed?: number;
  /** Print a summary line at the end (default true). */
  summary?: boolean;
}

/** Runs a parsed scenario on a fresh cluster; returns the exit code. */
export async function runScenario(s: Session, sc: Scenario, opts: RunOptions = {}): Promise<number> {
  const c = createCluster({ nodes: opts.nodes ?? sc.nodes ?? DEFAULT_NODES, seed: opts.seed ?? sc.seed ?? DEFAULT_SEED });
  const start = c.now();
  const echo = !opts.quiet;
  let expectations = 0;
  try {
    for (let i = 0; i < sc.steps.length; i++) {
      const { step, source } = sc.steps[i]!;
      const n = i + 1;
      const failStep = (what: string, problem: string): number => {
        s.eprintln(`error: step ${n} (${source}) failed: ${what}:${problem.startsWith('\n') ? '' : ' '}${problem}`);
        return 1;
      };
      switch (step.type) {
        case 'section':
          if (echo) s.println(`${i ? '\n' : ''}=== ${step.title} ===`);
          break;
        case 'echo':
          if (echo) s.println(step.text);
          break;
        case 'apply': {
          if (echo) s.println(`$ kubeactors ${step.label}`);
          const nested = new Session({ stdout: () => {}, stderr: () => {}, cwd: s.cwd, env: s.env }, 'memory', c);
          let lines: string[];
          try {
            lines = applySources(nested, [{ name: 'STDIN', text: step.text }]);
          } catch (e) {
            const err = e instanceof ManifestLoadError && step.mapError ? new ManifestLoadError(e.errors.map(step.mapError)) : e;
            return failStep('apply', `\n${describeError(err)}`);
          }
          if (echo) for (const l of lines) s.println(l);
          break;
        }
        case 'command': {
          if (echo) s.println(`$ kubeactors ${step.label}`);
          const r = await capture(c, s, step.argv, echo);
          if (r.code !== 0) {
            if (!echo) s.err(r.stderr);
            return failStep(`"${step.label}"`, `exited ${r.code}`);
          }
          break;
        }
        case 'expect': {
          expectations++;
          const { what, problem } = await checkExpectation(c, s, step.expect);
          if (problem) return failStep(`expect ${what}`, problem);
          if (echo) s.println(`ok: ${what}`);
          break;
        }
      }
    }
    if (opts.summary !== false) {
      s.println(
        `${echo ? '\n' : ''}scenario${sc.name ? ` "${sc.name}"` : ''} passed: ${sc.steps.length} steps, ${expectations} expectation${expectations === 1 ? '' : 's'} met, ${goDuration(c.now() - start)} of simulated time (now ${formatTime(c.now())})`,
      );
    }
    return 0;
  } finally {
    c.stop();
  }
}

/** `kubeactors run <file>`. */
export async function runScenarioFile(s: Session, file: string, opts: RunOptions = {}): Promise<number> {
  let text: string;
  try {
    text = readFileSync(s.resolvePath(file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `error: the path "${file}" does not exist` : `error: cannot read "${file}": ${(e as Error).message}`);
  }
  let sc: Scenario;
  try {
    sc = parseScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new CliError(`error: ${e.message}`);
    throw e;
  }
  return runScenario(s, sc, opts);
}

