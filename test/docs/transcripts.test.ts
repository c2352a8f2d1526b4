/**
 * The CLI sessions shown in the user guide are real: every ```console block in docs/*.md is a
 * transcript of `$ kubeactors …` commands, each followed by what it prints (stdout, then stderr).
 * The commands of a page run in order, in-process, from the repository root (so `examples/…`
 * paths resolve), on one state file that starts empty — a page is one session, its blocks
 * continue each other. The output must match line for line (trailing spaces ignored). A line
 * `...` in the expected output stands for any number of lines. A block preceded by
 * `<!-- not run -->` is skipped.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const docs = join(root, 'docs');
const NOT_OURS = new Set(['upstream-notes.md', 'performance.md']);

interface Step {
  argv: string[];
  expected: string[];
}
interface Transcript {
  page: string;
  line: number;
  steps: Step[];
}

/** Splits a command line into argv: single and double quotes, no other shell syntax. */
function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let has = false;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}

function transcripts(): Transcript[] {
  const out: Transcript[] = [];
  for (const page of readdirSync(docs).filter((f) => f.endsWith('.md') && !NOT_OURS.has(f)).sort()) {
    const lines = readFileSync(join(docs, page), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() !== '```console') continue;
      const skip = i > 0 && /<!--\s*not run\s*-->/.test(lines[i - 1]! + (lines[i - 2] ?? ''));
      const t: Transcript = { page, line: i + 2, steps: [] };
      let j = i + 1;
      for (; j < lines.length && lines[j]!.trim() !== '```'; j++) {
        const l = lines[j]!;
        if (l.startsWith('$ ')) {
          const words = shellWords(l.slice(2));
          if (words[0] !== 'kubeactors') throw new Error(`docs/${page}:${j + 1}: transcripts run kubeactors commands only`);
          t.steps.push({ argv: words.slice(1), expected: [] });
        } else if (t.steps.length) t.steps[t.steps.length - 1]!.expected.push(l);
      }
      if (!skip) out.push(t);
      i = j;
    }
  }
  return out;
}

function matches(got: string[], want: string[]): boolean {
  const g = got.map((l) => l.trimEnd());
  const w = want.map((l) => l.trimEnd());
  const rec = (gi: number, wi: number): boolean => {
    if (wi === w.length) return gi === g.length;
    if (w[wi] === '...') {
      for (let k = gi; k <= g.length; k++) if (rec(k, wi + 1)) return true;
      return false;
    }
    return gi < g.length && g[gi] === w[wi] && rec(gi + 1, wi + 1);
  };
  return rec(0, 0);
}

describe('CLI transcripts in docs/ are what the CLI prints', () => {
  const byPage = new Map<string, Transcript[]>();
  for (const t of transcripts()) byPage.set(t.page, [...(byPage.get(t.page) ?? []), t]);
  for (const [page, list] of byPage) {
    it(`docs/${page} (${list.length} block${list.length === 1 ? '' : 's'}, from line ${list[0]!.line})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kubeactors-docs-'));
      try {
        for (const t of list) {
          for (const step of t.steps) {
            let text = '';
            const code = await runCli(step.argv, {
              stdout: (s) => void (text += s),
              stderr: (s) => void (text += s),
              cwd: root,
              env: { KUBEACTORS_STATE: join(dir, 'cluster.json') },
            });
            const got = text.replace(/\n$/, '').split('\n');
            const want = step.expected.length && step.expected[step.expected.length - 1] === '' ? step.expected.slice(0, -1) : step.expected;
            const shown = `docs/${page}, block at line ${t.line}\n$ kubeactors ${step.argv.join(' ')}\n--- printed (exit ${code}) ---\n${text}--- documented ---\n${want.join('\n')}\n`;
            expect(matches(text === '' ? [] : got, want), shown).toBe(true);
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
