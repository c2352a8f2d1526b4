import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseManifests, parseObjects, type ManifestError } from '../../src/manifest/index.ts';

/** FUZZ_SCALE=20 npx vitest run test/manifest/fuzz.test.ts for a longer hunt. */
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => ({ numRuns: Math.round(n * scale) });

/** Every error is well-formed: a string path, a message, and a position inside the text. */
function checkErrors(errors: ManifestError[], text?: string): void {
  const lines = text === undefined ? Infinity : text.split(/\r\n|\r|\n/).length;
  for (const e of errors) {
    expect(typeof e.path).toBe('string');
    expect(typeof e.message).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.message).not.toMatch(/internal error/);
    if (e.line !== undefined) {
      expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines + 1).toBe(true);
      expect(Number.isInteger(e.column) && e.column! >= 1).toBe(true);
    }
  }
}

function checkResult(text: string): void {
  let r: ReturnType<typeof parseManifests> | undefined;
  expect(() => (r = parseManifests(text, { file: 'fuzz.yaml' }))).not.toThrow();
  checkErrors(r!.errors, text);
  for (const o of r!.objects) {
    expect(typeof o.object.kind).toBe('string');
    expect(typeof o.object.apiVersion).toBe('string');
    expect(o.object.metadata && typeof o.object.metadata).toBe('object');
    expect(o.line).toBeGreaterThanOrEqual(1);
  }
}

const VALID: unknown[] = [
  {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'] }],
      containers: [{
        name: 'web', image: 'nginx:1.14.2', ports: [{ containerPort: 80, name: 'http' }],
        livenessProbe: { httpGet: { port: 'http', path: '/' }, periodSeconds: 5 },
        readinessProbe: { tcpSocket: { port: 80 } },
        resources: { limits: { cpu: '500m', memory: '128Mi' } },
        env: [{ name: 'A', value: 'b' }],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      }],
      volumes: [{ name: 'data', emptyDir: {} }],
      tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }],
      nodeSelector: { disk: 'ssd' },
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', name: 'http' }] } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.properties': 'a=b' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } },
  {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'frontend', labels: { tier: 'frontend' } },
    spec: {
      replicas: 3, minReadySeconds: 5,
      selector: { matchLabels: { tier: 'frontend' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'qa'] }] },
      template: {
        metadata: { labels: { tier: 'frontend', env: 'prod' } },
        spec: { containers: [{ name: 'php', image: 'gcr.io/google_samples/gb-frontend:v3', ports: [{ containerPort: 80 }] }] },
      },
    },
  },
  {
    apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'nginx' },
    spec: {
      replicas: 2,
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
    },
  },
];

it('the fuzz seeds are themselves valid', () => {
  const r = parseObjects(VALID);
  expect(r.errors).toEqual([]);
  expect(r.objects).toHaveLength(VALID.length);
});

/** All paths (as key arrays) inside a JSON value. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function mutate(obj: unknown, op: 'delete' | 'set' | 'wrap' | 'rename', at: number, value: unknown): unknown {
  const root = { root: structuredClone(obj) } as any;
  const all = paths(root.root, ['root']);
  const p = all[at % all.length];
  if (p.length === 1) return op === 'delete' ? null : value;
  const parent = p.slice(0, -1).reduce((o: any, k) => o[k], root);
  const k = p[p.length - 1] as any;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(k, 1);
    else delete parent[k];
  } else if (op === 'set') parent[k] = value;
  else if (op === 'wrap') parent[k] = [parent[k]];
  else if (!Array.isArray(parent)) {
    parent[`${String(k)}x`] = parent[k];
    delete parent[k];
  }
  return root.root;
}

const weirdString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', ' ', '-', '.', '..', 'a'.repeat(300), 'UPPER', 'with space', 'ünïcödé', '\u0000', '\n', 'null', '~', 'yes', '0x1F', '1e3', '-1', '{', '[', '*a', '&a', '!!int', '%', '`', '"', "'", 'None', 'Always', ':latest', 'nginx@sha256:' + 'f'.repeat(64)),
);

const deep = (depth: number, leaf: unknown) => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  weirdString,
  fc.integer(),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, true, false, null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 1, max: 60 }).map((d) => deep(d, 'x')),
);

describe('fuzz: parseManifests never throws and every error has a path and a message', () => {
  it('random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), (s) => checkResult(s)), runs(200));
  });

  it('random YAML-ish token soup', () => {
    const token = fc.constantFrom(
      'apiVersion: v1\n', 'kind: Pod\n', 'kind: List\n', 'items:\n', 'metadata:\n', '  name: x\n', 'spec:\n',
      '  containers:\n', '  - name: c\n', '    image: nginx\n', '---\n', '...\n', '- ', ': ', ', ', '{', '}', '[', ']',
      '&a ', '*a', '<<: *a\n', '"', "'", '\t', '  ', '\n', '#', '? ', '!!str ', '!!map ', '|\n', '>-\n', '%YAML 1.1\n',
      '\u0000', '\ufeff', 'yes', '0777', '1e3', 'null', '~', '\r\n', 'x', '@', '`',
    );
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }), (ts) => checkResult(ts.join(''))), runs(400));
  });

  it('random mutations of valid manifests (dropped fields, wrong types, weird strings, deep nesting), as YAML or JSON', () => {
    const op = fc.tuple(fc.constantFrom('delete', 'set', 'set', 'wrap', 'rename') as fc.Arbitrary<'delete' | 'set' | 'wrap' | 'rename'>, fc.nat(), weirdValue);
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID),
        fc.array(op, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('yaml', 'json', 'json-indented'),
        (base, ops, format) => {
          let obj = base;
          for (const [o, at, v] of ops) obj = mutate(obj, o, at, v);
          const text = format === 'yaml' ? stringify(obj) : JSON.stringify(obj, null, format === 'json' ? 0 : 2);
          checkResult(text);
          const again = parseManifests(text, { file: 'fuzz.yaml' });
          expect(parseManifests(text, { file: 'fuzz.yaml' })).toEqual(again); // deterministic
          const direct = parseObjects([obj]);
          checkErrors(direct.errors);
          // What was accepted is stable: re-reading it changes nothing (defaulting is idempotent).
          for (const o of again.objects) {
            const re = parseObjects([o.object], { namespace: o.object.metadata.namespace });
            expect(re.errors).toEqual([]);
            expect(re.objects[0].object).toEqual(o.object);
          }
        },
      ),
      runs(150),
    );
  });

  it('multi-document streams mixing valid and broken documents report errors per document', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...VALID), fc.boolean()), { minLength: 1, maxLength: 5 }), (docs) => {
        const text = docs.map(([o, broken]) => (broken ? stringify(mutate(o, 'set', 1, 42)) : stringify(o))).join('---\n');
        const r = parseManifests(text);
        checkErrors(r.errors, text);
        for (const e of r.errors) expect(e.doc).toBeGreaterThanOrEqual(0);
        const brokenDocs = new Set(r.errors.map((e) => e.doc));
        expect(r.objects.every((o) => !brokenDocs.has(o.doc))).toBe(true);
        expect(r.objects.length + brokenDocs.size).toBe(docs.length);
      }),
      runs(100),
    );
  });

  it('very deep nesting is answered, not crashed on', () => {
    for (const depth of [100, 1000, 5000]) {
      checkResult(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
      checkResult(`{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": ${'{"a": ['.repeat(depth)}1${']}'.repeat(depth)}}`);
      const r = parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
      expect(r.objects).toEqual([]);
      expect(r.errors.length).toBeGreaterThan(0);
    }
  });
});
