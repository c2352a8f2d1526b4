/**
 * `kubeactors apply -f <file|dir|->` (kubectl apply). All files are checked before anything is
 * applied, and the command applies everything or nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { resolveKind } from '../../kinds.ts';
import { MANIFEST_EXTENSIONS, ManifestLoadError, parseManifests, type ManifestError } from '../../manifest/index.ts';
import { changeCause, kindLabel, RECORD_DEPRECATED } from '../args.ts';
import { usageError } from '../errors.ts';
import type { Session } from '../session.ts';

export interface Source {
  /** How errors name it: the path as the user gave it, or STDIN. */
  name: string;
  text: string;
}

/** Reads `-f` arguments like kubectl: a file, a directory's .json/.yaml/.yml files (sorted), or `-`. */
export async function readSources(s: Session, paths: string[]): Promise<Source[]> {
  const out: Source[] = [];
  const errors: ManifestError[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push({ name: 'STDIN', text: await s.readStdin() });
      continue;
    }
    const abs = s.resolvePath(p);
    let files: { name: string; abs: string }[];
    try {
      const st = statSync(abs);
      files = st.isDirectory()
        ? readdirSync(abs)
            .filter((n) => MANIFEST_EXTENSIONS.some((ext) => n.endsWith(ext)))
            .sort()
            .map((n) => ({ name: join(p, n), abs: join(abs, n) }))
            .filter((f) => statSync(f.abs).isFile())
        : [{ name: p, abs }];
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw usageError(code === 'ENOENT' || code === 'ENOTDIR' ? `the path "${p}" does not exist` : `error reading "${p}": ${(e as Error).message}`);
    }
    for (const f of files) {
      try {
        out.push({ name: f.name, text: readFileSync(f.abs, 'utf8') });
      } catch (e) {
        errors.push({ file: f.name, path: '', message: `error reading "${f.name}": ${(e as Error).message}` });
      }
    }
  }
  if (errors.length) throw new ManifestLoadError(errors);
  return out;
}

/** Applies sources in order; returns kubectl's `pod/nginx created` lines. Throws (nothing kept) on any error. */
export function applySources(s: Session, sources: Source[], opts: { changeCause?: string } = {}): string[] {
  const errors: ManifestError[] = [];
  let count = 0;
  for (const src of sources) {
    const r = parseManifests(src.text, { file: src.name });
    errors.push(...r.errors);
    count += r.objects.length;
  }
  if (errors.length) throw new ManifestLoadError(errors);
  if (!count) throw usageError('no objects passed to apply');
  const c = s.cluster();
  const lines: string[] = [];
  for (const src of sources) {
    if (!src.text.trim()) continue;
    for (const r of c.apply(src.text, { file: src.name, changeCause: opts.changeCause })) {
      const info = resolveKind(r.kind);
      lines.push(`${info ? kindLabel(info) : r.kind.toLowerCase()}/${r.name} ${r.action}`);
    }
  }
  return lines;
}

export function registerApply(program: Command, s: Session): void {
  program
    .command('apply')
    .summary('Apply a configuration to a resource by file name or stdin')
    .description(
      'Create or update objects from manifests (kubectl apply). JSON and YAML are accepted; a directory applies its\n' +
        '.json, .yaml and .yml files in name order; "-" reads standard input. Any error applies nothing.',
    )
    .option('-f, --filename <path>', 'file, directory or - (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--record', 'record the command in the kubernetes.io/change-cause annotation (deprecated, as in kubectl)')
    .action(async (o: { filename?: string[]; record?: boolean }) => {
      if (!o.filename?.length) throw usageError('must specify one of -f and -k');
      if (o.record) s.eprintln(RECORD_DEPRECATED);
      const sources = await readSources(s, o.filename);
      const cause = o.record ? changeCause('apply', [], [['filename', o.filename], ['record', true]]) : undefined;
      for (const line of applySources(s, sources, { changeCause: cause })) s.println(line);
    });
}
