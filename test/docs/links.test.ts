/**
 * Relative links in docs/ point at files that exist, and `#anchors` at headings
 * that exist (GitHub's slug rules: lower case, punctuation dropped, spaces → hyphens).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function pages(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (f.endsWith('.md')) out.push(p);
  }
  return out;
}

function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const out = new Set<string>();
  let fence = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const m = !fence && /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.add(slug(m[1]!));
  }
  return out;
}

/** Links outside code: [text](target). */
function links(file: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  let fence = false;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.startsWith('```')) fence = !fence;
      if (fence) return;
      const text = line.replace(/`[^`]*`/g, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) out.push({ target: m[1]!, line: i + 1 });
    });
  return out;
}

describe('links in the docs resolve', () => {
  const files = pages(join(root, 'docs'));
  for (const file of files) {
    const rel = relative(root, file);
    it(rel, () => {
      const bad: string[] = [];
      for (const { target, line } of links(file)) {
        if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto:
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const dest = path ? resolve(dirname(file), path) : file;
        if (!existsSync(dest)) {
          bad.push(`${rel}:${line}: ${target} — no such file`);
          continue;
        }
        if (anchor && dest.endsWith('.md') && !anchors(dest).has(anchor)) bad.push(`${rel}:${line}: ${target} — no such heading`);
      }
      expect(bad).toEqual([]);
    });
  }
});
