/**
 * Every ```ts block in the user guide (docs/*.md) runs as written, against the package's public
 * API, and prints what its comments say: `console.log(x); // 4 CrashLoopBackOff` must print a line
 * starting with `4 CrashLoopBackOff` (a comment is cut at ` …` or at `: ` — text after it explains),
 * and comment-only lines right after a bare `console.log(…)` are its expected output lines.
 * A block preceded by `<!-- not run -->` is skipped.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as kubeactors from '../../src/index.ts';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
/** Pages written by others, not part of the guide's runnable examples. */
const NOT_OURS = new Set(['upstream-notes.md', 'performance.md']);

interface Sample {
  page: string;
  line: number;
  code: string;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  for (const page of readdirSync(docs).filter((f) => f.endsWith('.md') && !NOT_OURS.has(f)).sort()) {
    const lines = readFileSync(join(docs, page), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() !== '```ts') continue;
      const skip = i > 0 && /<!--\s*not run\s*-->/.test(lines[i - 1]! + (lines[i - 2] ?? ''));
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end]!.trim() !== '```') end++;
      if (!skip) out.push({ page, line: start + 1, code: lines.slice(start, end).join('\n') });
      i = end;
    }
  }
  return out;
}

/** Expected output per console.log, in order: [prefix, exact-lines?]. */
function expectations(code: string): { text: string; exact: boolean }[] {
  const lines = code.split('\n');
  const out: { text: string; exact: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!/^\s*console\.log\(/.test(l)) continue;
    const m = /\);\s*\/\/\s?(.*)$/.exec(l);
    if (m) {
      const cut = m[1]!.split(/ …|…|: /)[0]!.trim();
      out.push({ text: cut, exact: false });
      continue;
    }
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && /^\s*\/\/ ?/.test(lines[j]!); j++) block.push(lines[j]!.replace(/^\s*\/\/ ?/, ''));
    out.push({ text: block.join('\n'), exact: block.length > 0 });
  }
  return out;
}

async function run(code: string): Promise<string[]> {
  const js = ts
    .transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } })
    .outputText.replace(/^export \{\};?\s*$/m, '')
    .replace(/import\s*\{([^}]*)\}\s*from\s*['"]kubeactors['"];?/g, 'const {$1} = __kubeactors;');
  if (/^\s*import\s/m.test(js)) throw new Error(`samples may only import from 'kubeactors':\n${js}`);
  const printed: string[] = [];
  const fakeConsole = { log: (...args: unknown[]) => printed.push(format(...args)) };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
  await new AsyncFunction('__kubeactors', 'console', js)(kubeactors, fakeConsole);
  return printed;
}

describe('code samples in docs/ run and print what they say', () => {
  const all = samples();
  it('finds the samples', () => {
    expect(all.length).toBeGreaterThan(3);
  });
  for (const s of all) {
    it(`docs/${s.page}:${s.line}`, async () => {
      const printed = await run(s.code);
      const want = expectations(s.code);
      expect(printed.length, `number of console.log lines printed`).toBe(want.length);
      want.forEach((w, i) => {
        const got = printed[i]!;
        if (w.exact) expect(got.trimEnd(), `output of console.log #${i + 1}`).toBe(w.text);
        else if (w.text) expect(got.replace(/\s+/g, ' '), `output of console.log #${i + 1}`).toMatch(new RegExp(`^${w.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      });
    });
  }
});
