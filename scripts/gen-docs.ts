/**
 * Regenerates the machine diagrams in docs/machines/<name>.md from the machines themselves:
 * for every entry of `machines` (machines/index.ts) it rewrites the block between
 * `<!-- BEGIN GENERATED: diagram -->` and `<!-- END GENERATED: diagram -->`, leaving the
 * hand-written prose untouched, and creates the page when it is missing.
 *
 *   npm run docs             write the pages
 *   npm run docs -- --check  change nothing; exit 1 and name the stale pages
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machines } from '../machines/index.ts';
import { newPage, updatePage } from '../src/docs/diagram.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'docs', 'machines');
const check = process.argv.includes('--check');

let stale = 0;
for (const [name, machine] of Object.entries(machines)) {
  const file = join(dir, `${name}.md`);
  const rel = relative(root, file);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  const after = before === null ? newPage(name, machine) : updatePage(before, name, machine);
  if (after === before) {
    console.log(`${rel}: up to date`);
    continue;
  }
  stale++;
  if (check) {
    console.log(`${rel}: ${before === null ? 'missing' : 'out of date'}`);
    continue;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, after);
  console.log(`${rel}: ${before === null ? 'created' : 'updated'}`);
}
if (check && stale) {
  console.error(`${stale} page(s) out of date: run npm run docs`);
  process.exit(1);
}
