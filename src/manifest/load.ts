/**
 * Reading manifests from disk like `kubectl apply -f <path>`: a file, or a directory whose
 * `.yaml`/`.yml`/`.json` files are read in lexical order, non-recursively
 * (kubectl: `pkg/cli-runtime/resource/visitor.go` FileVisitorForSTDIN/ExpandPathsToFileVisitors,
 * extensions `.json`, `.yaml`, `.yml`).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestError } from './errors.ts';
import { parseManifests, type ParseOptions, type ParseResult } from './parse.ts';

export const MANIFEST_EXTENSIONS = ['.json', '.yaml', '.yml'];

function pathError(path: string, message: string): ManifestError {
  return { file: path, path: '', message };
}

function ioMessage(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  // kubectl: `the path "%s" does not exist` (cli-runtime resource/builder.go).
  if (code === 'ENOENT' || code === 'ENOTDIR') return `the path "${path}" does not exist`;
  if (code === 'EACCES' || code === 'EPERM') return `open ${path}: permission denied`;
  return `error reading ${JSON.stringify(path)}: ${(e as Error)?.message ?? String(e)}`;
}

/**
 * Load every manifest under `path` (a file or a directory). Never throws: unreadable paths and
 * manifest problems come back in `errors`. Apply nothing unless `errors` is empty.
 */
export function loadManifestPath(path: string, opts: Omit<ParseOptions, 'file'> = {}): ParseResult {
  const result: ParseResult = { objects: [], errors: [] };
  let files: string[];
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      files = readdirSync(path)
        .filter((n) => MANIFEST_EXTENSIONS.some((ext) => n.endsWith(ext)))
        .sort()
        .map((n) => join(path, n))
        .filter((f) => {
          try {
            return statSync(f).isFile();
          } catch {
            return false;
          }
        });
    } else files = [path];
  } catch (e) {
    result.errors.push(pathError(path, ioMessage(path, e)));
    return result;
  }
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      result.errors.push(pathError(file, ioMessage(file, e)));
      continue;
    }
    const r = parseManifests(text, { ...opts, file });
    result.objects.push(...r.objects);
    result.errors.push(...r.errors);
  }
  return result;
}
