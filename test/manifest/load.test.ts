import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifestPath, formatManifestError } from '../../src/manifest/index.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeactors-manifests-'));
  writeFileSync(join(dir, 'b.yaml'), cm('b'));
  writeFileSync(join(dir, 'a.yml'), cm('a') + '---\n' + cm('a2'));
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
  writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
  writeFileSync(join(dir, 'README.md'), '# nope');
  mkdirSync(join(dir, 'nested'));
  writeFileSync(join(dir, 'nested', 'd.yaml'), cm('d'));
  mkdirSync(join(dir, 'bad'));
  writeFileSync(join(dir, 'bad', '1.yaml'), cm('Bad_Name'));
  writeFileSync(join(dir, 'bad', '2.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n');
  mkdirSync(join(dir, 'empty'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadManifestPath, like kubectl apply -f', () => {
  it('reads a single file, naming it in every object', () => {
    const r = loadManifestPath(join(dir, 'a.yml'));
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => [o.object.metadata.name, o.file, o.doc, o.line])).toEqual([
      ['a', join(dir, 'a.yml'), 0, 1],
      ['a2', join(dir, 'a.yml'), 1, 6],
    ]);
  });

  it('reads a directory: .yaml/.yml/.json files only, sorted by name, not recursing', () => {
    const r = loadManifestPath(dir);
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => o.object.metadata.name)).toEqual(['a', 'a2', 'b', 'c']);
  });

  it('reports the errors of every file', () => {
    const r = loadManifestPath(join(dir, 'bad'));
    expect(r.errors.map(formatManifestError)).toEqual([
      `${join(dir, 'bad', '1.yaml')}:4:9: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `${join(dir, 'bad', '2.yaml')}:1:1: spec.containers: Required value`,
    ]);
  });

  it('an empty directory yields nothing', () => {
    expect(loadManifestPath(join(dir, 'empty'))).toEqual({ objects: [], errors: [] });
  });

  it('a missing path is refused in kubectl words', () => {
    const missing = join(dir, 'nope.yaml');
    expect(loadManifestPath(missing)).toEqual({
      objects: [],
      errors: [{ file: missing, path: '', message: `the path "${missing}" does not exist` }],
    });
    expect(formatManifestError(loadManifestPath('does/not/exist').errors[0])).toBe('does/not/exist: the path "does/not/exist" does not exist');
  });
});
