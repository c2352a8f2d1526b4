import { describe, it, expect } from 'vitest';
import {
  parseManifests, parseObjects, loadManifests, formatManifestError, ManifestLoadError,
} from '../../src/manifest/index.ts';
import { errorsOf, yaml } from './helpers.ts';

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`;

describe('multi-document YAML', () => {
  it('loads every document in order, with its document index and first line', () => {
    const text = `# leading comment\n${POD('a')}---\n${POD('b')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`;
    const r = parseManifests(text, { file: 'all.yaml' });
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => [o.object.kind, o.object.metadata.name, o.doc, o.line, o.file])).toEqual([
      ['Pod', 'a', 0, 2, 'all.yaml'],
      ['Pod', 'b', 1, 11, 'all.yaml'],
      ['ConfigMap', 'c', 2, 20, 'all.yaml'],
    ]);
  });

  it('skips empty documents but keeps counting them', () => {
    const r = parseManifests(`---\n---\n# only a comment\n---\n${POD('a')}---\n~\n---\n`);
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => [o.object.metadata.name, o.doc])).toEqual([['a', 2]]);
    expect(parseManifests('').objects).toEqual([]);
    expect(parseManifests('\n\n# nothing\n').errors).toEqual([]);
  });

  it('reports every error of every document, not just the first (all-or-nothing is the caller\'s rule)', () => {
    const text = `${POD('Bad_Name')}---\n${POD('ok')}---\n${POD('a').replace('    image: nginx\n', '')}`;
    const r = parseManifests(text, { file: 'm.yaml' });
    expect(r.errors.map(formatManifestError)).toEqual([
      `m.yaml:4:9: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      'm.yaml:25:5: spec.containers[0].image: Required value',
    ]);
    expect(r.errors.map((e) => e.doc)).toEqual([0, 2]);
  });

  it('loadManifests applies all or nothing: it throws a ManifestLoadError listing every error', () => {
    const text = `${POD('ok')}---\n${POD('a').replace('  - name: c\n    image: nginx\n', '  - image: nginx\n')}---\nkind: Pod\n`;
    let thrown: unknown;
    try {
      loadManifests(text, { file: 'm.yaml' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ManifestLoadError);
    const err = thrown as ManifestLoadError;
    expect(err.errors.map(formatManifestError)).toEqual([
      'm.yaml:16:5: spec.containers[0].name: Required value',
      'm.yaml:18:1: apiVersion: Required value',
    ]);
    expect(err.message).toBe(
      '2 errors in manifests; nothing was applied:\n' +
        '  m.yaml:16:5: spec.containers[0].name: Required value\n' +
        '  m.yaml:18:1: apiVersion: Required value',
    );
    expect(loadManifests(POD('ok')).map((o) => o.object.metadata.name)).toEqual(['ok']);
  });
});

describe('YAML syntax errors carry their position', () => {
  it.each([
    ['a duplicate key', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n', ['x.yaml:5:3: metadata.name: Map keys must be unique']],
    ['a tab used for indentation', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n', ['x.yaml:4:1: Tabs are not allowed as indentation']],
    ['an unterminated flow sequence', 'apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n', [
      'x.yaml:4:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'x.yaml:4:1: Flow map in block collection must be sufficiently indented and end with a }',
    ]],
    ['bad indentation', 'foo: bar\n baz: 1\n', [
      'x.yaml:1:6: Nested mappings are not allowed in compact mappings',
      'x.yaml:1:6: Implicit keys need to be on a single line',
    ]],
  ])('%s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('a syntax error in one document does not hide errors in the others', () => {
    const r = parseManifests(`a: [\n---\n${POD('ok').replace('Pod', 'Pdo')}`, { file: 'f.yaml' });
    expect(r.errors.map(formatManifestError)).toEqual([
      'f.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'f.yaml:4:7: kind: no matches for kind "Pdo" in version "v1"',
    ]);
    expect(r.errors.map((e) => e.doc)).toEqual([0, 1]);
  });
});

describe('document shapes', () => {
  it('accepts a JSON document (compact, indented, or tab-indented) with positions', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } };
    expect(errorsOf(JSON.stringify(pod), { file: 'p.json' })).toEqual(['p.json:1:79: spec.containers[0].image: Required value']);
    expect(errorsOf(JSON.stringify(pod, null, 2), { file: 'p.json' })).toEqual(['p.json:9:7: spec.containers[0].image: Required value']);
    expect(errorsOf(JSON.stringify(pod, null, '\t'), { file: 'p.json' })).toEqual(['p.json:9:4: spec.containers[0].image: Required value']);
    const ok = { ...pod, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(parseManifests(JSON.stringify(ok)).objects).toHaveLength(1);
  });

  it('expands a kind: List into its items, each validated and positioned on its own', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: one}
      - apiVersion: v1
        kind: Endpoints
        metadata: {name: two}
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: Three}
    `;
    const r = parseManifests(text, { file: 'list.yaml' });
    expect(r.objects.map((o) => [o.object.metadata.name, o.line, o.doc])).toEqual([['one', 4, 0]]);
    expect(r.errors.map(formatManifestError)).toEqual([
      'list.yaml:8:9: kind: kind "Endpoints" (v1) is not supported by this version of kubeactors yet',
      `list.yaml:12:20: metadata.name: Invalid value: "Three": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('an empty List is nothing to apply', () => {
    expect(parseManifests('apiVersion: v1\nkind: List\nitems: []\n')).toEqual({ objects: [], errors: [] });
  });

  it.each([
    ['a sequence', '- a\n- b\n', 'x.yaml:1:1: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['a scalar', 'just text\n', 'x.yaml:1:1: json: cannot unmarshal string into Go value of type map[string]interface {}'],
    ['no apiVersion', 'kind: Pod\nmetadata: {name: a}\n', 'x.yaml:1:1: apiVersion: Required value'],
    ['no kind', 'apiVersion: v1\nmetadata: {name: a}\n', 'x.yaml:1:1: kind: Required value'],
    ['a numeric apiVersion', 'apiVersion: 1\nkind: Pod\n', 'x.yaml:1:13: apiVersion: json: cannot unmarshal number into Go struct field TypeMeta.apiVersion of type string'],
    ['an unknown kind', 'apiVersion: v1\nkind: Widget\n', 'x.yaml:2:7: kind: no matches for kind "Widget" in version "v1"'],
    ['a removed version', 'apiVersion: batch/v1beta1\nkind: CronJob\n', 'x.yaml:2:7: kind: no matches for kind "CronJob" in version "batch/v1beta1"'],
    ['a kind in the wrong case', 'apiVersion: v1\nkind: pod\n', 'x.yaml:2:7: kind: no matches for kind "pod" in version "v1"'],
    ['an extensions/v1beta1 Deployment', 'apiVersion: extensions/v1beta1\nkind: Deployment\n', 'x.yaml:2:7: kind: no matches for kind "Deployment" in version "extensions/v1beta1"'],
  ])('a document that is %s is refused', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual([expected]);
  });
});

describe('namespaces', () => {
  it('namespaced objects default to the namespace "default" (or the one given)', () => {
    expect(parseManifests(POD('a')).objects[0].object.metadata.namespace).toBe('default');
    expect(parseManifests(POD('a'), { namespace: 'team-a' }).objects[0].object.metadata.namespace).toBe('team-a');
    const r = parseManifests(POD('a').replace('  name: a\n', '  name: a\n  namespace: prod\n'), { namespace: 'team-a' });
    expect(r.objects[0].object.metadata.namespace).toBe('prod');
  });

  it('cluster-scoped objects lose a namespace, as the API server ignores it', () => {
    const r = parseManifests('apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  namespace: default\n');
    expect(r.errors).toEqual([]);
    expect(r.objects[0].object.metadata).toEqual({ name: 'n1' });
  });
});

describe('objects given as values', () => {
  it('are decoded, defaulted and validated like text, without positions', () => {
    const r = parseObjects([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 5 }] } },
    ]);
    expect(r.objects.map((o) => o.object.metadata.name)).toEqual(['c']);
    expect(r.errors).toEqual([
      { doc: 1, path: 'spec.containers[0].image', message: 'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string' },
    ]);
  });
});

describe('formatManifestError', () => {
  it.each([
    [{ file: 'pod.yaml', line: 7, column: 9, path: 'spec.containers[0].name', message: 'Required value' }, 'pod.yaml:7:9: spec.containers[0].name: Required value'],
    [{ line: 3, column: 1, path: 'kind', message: 'Required value' }, '3:1: kind: Required value'],
    [{ file: 'a.yaml', path: '', message: 'the path "a.yaml" does not exist' }, 'a.yaml: the path "a.yaml" does not exist'],
    [{ path: 'metadata.name', message: 'Required value' }, 'metadata.name: Required value'],
  ])('%j → %s', (e, expected) => {
    expect(formatManifestError(e)).toBe(expected);
  });
});

describe('parseManifests never throws', () => {
  it.each([null, undefined, 42, {}, [], '\u0000', '&a [*a]', '*x', '!!binary x: 1', '? [a]: b', '{a: 1}: 2', '%YAML 9.9\n---\na: 1'])(
    'returns errors for %j',
    (input) => {
      const r = parseManifests(input as any);
      expect(Array.isArray(r.errors)).toBe(true);
      expect(Array.isArray(r.objects)).toBe(true);
    },
  );

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const r = parseManifests(bomb, { file: 'b.yaml' });
    expect(r.objects).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/alias/i);
  });
});

describe('what the API server ignores or refuses in a client object', () => {
  it('a client-supplied status is replaced for pods (nodes may register with theirs)', () => {
    const pod = parseManifests(POD('a') + 'status:\n  phase: Running\n').objects[0].object;
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    const node = parseManifests('apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  conditions: [{type: Ready, status: "True"}]\n').objects[0].object;
    expect(node.status).toEqual({ conditions: [{ type: 'Ready', status: 'True' }] });
  });

  it('mapping keys must be scalars (JSON has only string keys)', () => {
    expect(errorsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  ? [a, b]\n  : c\n')).toEqual([
      'x.yaml:5:5: yaml: invalid map key: a key must be a scalar',
    ]);
  });

  it('anchors, aliases and merge keys are expanded as goyaml does', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - &base
          name: a
          image: nginx:1.2
          ports: [{containerPort: 80}]
        - <<: *base
          name: b
    `;
    const r = parseManifests(text);
    expect(r.errors).toEqual([]);
    expect(r.objects[0].object.spec.containers.map((c: any) => [c.name, c.image, c.ports[0].containerPort])).toEqual([
      ['a', 'nginx:1.2', 80],
      ['b', 'nginx:1.2', 80],
    ]);
  });
});

describe('kubeactors.dev behaviour annotations are validated wherever pods get them, at their own line', () => {
  const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
      annotations:
        kubeactors.dev/run-secs: "5"
        kubeactors.dev/exit-code: "300"
    spec:
      containers:
      - name: web
        image: nginx:1.14.2
`;
  it('a pod template: an unknown key at the key, a bad value at the value; nothing accepted', () => {
    const r = parseManifests(DEPLOY, { file: 'web.yaml' });
    expect(r.objects).toEqual([]);
    expect(r.errors.map(formatManifestError)).toEqual([
      'web.yaml:11:9: spec.template.metadata.annotations[kubeactors.dev/run-secs]: unknown behaviour annotation; known: run-seconds, exit-code, pull-seconds, image-pull, liveness-fails-after, readiness-fails-after, startup-fails, termination-seconds, logs',
      'web.yaml:12:35: spec.template.metadata.annotations[kubeactors.dev/exit-code]: expected an exit code 0-255, got "300"',
    ]);
  });

  it("a CronJob's job template, and a Pod's own metadata", () => {
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata: { name: tick }
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations: { kubeactors.dev/image-pull: "maybe" }
        spec:
          restartPolicy: Never
          containers: [{ name: c, image: busybox }]
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    kubeactors.dev/run-seconds: "soon"
spec:
  containers: [{ name: c, image: busybox }]
`;
    const r = parseManifests(cron, { file: 'x.yaml' });
    expect(r.errors.map(formatManifestError)).toEqual([
      'x.yaml:10:53: spec.jobTemplate.spec.template.metadata.annotations[kubeactors.dev/image-pull]: expected "fail" or "ok", got "maybe"',
      expect.stringMatching(/^x\.yaml:20:33: metadata\.annotations\[kubeactors\.dev\/run-seconds\]: /),
    ]);
  });

  it('other annotations, and valid behaviour ones, pass', () => {
    const r = parseManifests(DEPLOY.replace('run-secs', 'run-seconds').replace('"300"', '"3"'));
    expect(r.errors).toEqual([]);
    expect(r.objects).toHaveLength(1);
  });
});
