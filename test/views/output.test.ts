/**
 * `-o yaml|json|name|jsonpath`: kubectl's YAML is go-yaml v2 output of the JSON object (sorted
 * keys, quoted ambiguous strings, unindented sequences, folding at 80 columns); JSON is
 * json.MarshalIndent with 4 spaces.
 */
import { describe, expect, it } from 'vitest';
import { formatOutput, toJSON, toJSONPath, toName, toYAML } from '../../src/views/output.ts';
import { goYamlKeyLess, goYamlMarshal } from '../../src/views/goyaml.ts';
import { jsonpath } from '../../src/views/jsonpath.ts';
import type { KObject } from '../../src/types.ts';
import { runningPod } from './fixtures.ts';

const pod = runningPod({ labels: { run: 'nginx' } });

describe('-o yaml', () => {
  it('a pod prints like kubectl: sorted keys, quoted timestamps and "True", null lastProbeTime', () => {
    expect(toYAML(pod)).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2024-05-01T11:55:00Z"
  labels:
    run: nginx
  name: nginx
  namespace: default
  resourceVersion: "1234"
  uid: uid-nginx
spec:
  containers:
  - image: nginx:1.25
    imagePullPolicy: IfNotPresent
    name: nginx
    ports:
    - containerPort: 80
      protocol: TCP
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-5xzvn
      readOnly: true
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: kind-worker
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access-5xzvn
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          items:
          - key: ca.crt
            path: ca.crt
          name: kube-root-ca.crt
      - downwardAPI:
          items:
          - fieldRef:
              apiVersion: v1
              fieldPath: metadata.namespace
            path: namespace
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2024-05-01T11:55:00Z"
    status: "True"
    type: PodReadyToStartContainers
  - lastProbeTime: null
    lastTransitionTime: "2024-05-01T11:55:00Z"
    status: "True"
    type: Initialized
  - lastProbeTime: null
    lastTransitionTime: "2024-05-01T11:55:00Z"
    status: "True"
    type: Ready
  - lastProbeTime: null
    lastTransitionTime: "2024-05-01T11:55:00Z"
    status: "True"
    type: ContainersReady
  - lastProbeTime: null
    lastTransitionTime: "2024-05-01T11:55:00Z"
    status: "True"
    type: PodScheduled
  containerStatuses:
  - containerID: containerd://nginx00000000000000000000000000000000000000000000000000000000000
    image: docker.io/library/nginx:1.25
    imageID: docker.io/library/nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    lastState: {}
    name: nginx
    ready: true
    restartCount: 0
    started: true
    state:
      running:
        startedAt: "2024-05-01T11:55:00Z"
  hostIP: 172.18.0.2
  hostIPs:
  - ip: 172.18.0.2
  phase: Running
  podIP: 10.244.1.5
  podIPs:
  - ip: 10.244.1.5
  startTime: "2024-05-01T11:55:00Z"
`);
  });

  it('several objects print as a v1 List with an empty resourceVersion', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: { k: 'v' } } as unknown as KObject;
    expect(toYAML([cm, { ...cm, metadata: { name: 'b', namespace: 'default' } } as KObject])).toBe(`apiVersion: v1
items:
- apiVersion: v1
  data:
    k: v
  kind: ConfigMap
  metadata:
    name: a
    namespace: default
- apiVersion: v1
  data:
    k: v
  kind: ConfigMap
  metadata:
    name: b
    namespace: default
kind: List
metadata:
  resourceVersion: ""
`);
    expect(toYAML([])).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });

  it.each<[string, unknown, string]>([
    ['strings that read as numbers are double-quoted', { a: '80', b: '1.5', c: '0x1F', d: '1e3', e: '007' }, 'a: "80"\nb: "1.5"\nc: "0x1F"\nd: "1e3"\ne: "007"\n'],
    ['YAML 1.1 booleans and nulls are double-quoted', { a: 'yes', b: 'on', c: 'N', d: 'true', e: '', f: '~', g: 'null' }, 'a: "yes"\nb: "on"\nc: "N"\nd: "true"\ne: ""\nf: "~"\ng: "null"\n'],
    ['IPs, quantities and ordinary words stay plain', { a: '10.0.0.1', b: '500m', c: '128Mi', d: 'nginx:1.25', e: 'app=web' }, 'a: 10.0.0.1\nb: 500m\nc: 128Mi\nd: nginx:1.25\ne: app=web\n'],
    ['indicator characters force single quotes', { a: '*', b: '- x', c: 'a: b', d: ' lead', e: '#c', f: 'x #y', g: "it's: ok" }, "a: '*'\nb: '- x'\nc: 'a: b'\nd: ' lead'\ne: '#c'\nf: 'x #y'\ng: 'it''s: ok'\n"],
    ['base-60 lookalikes are double-quoted', { a: '1:20' }, 'a: "1:20"\n'],
    ['numbers, booleans and null are plain', { a: 1, b: 1.5, c: true, d: null, e: 1e-7 }, 'a: 1\nb: 1.5\nc: true\nd: null\ne: 1e-07\n'],
    ['empty maps and lists are flow style', { a: {}, b: [] }, 'a: {}\nb: []\n'],
    ['multi-line strings use literal style with chomping indicators', { a: 'x\ny\n', b: 'x\ny', c: 'x\n\n' }, 'a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\n...\n'],
    ['a tab forces double quotes with escapes', { a: 'a\tb' }, 'a: "a\\tb"\n'],
    ['nested sequences', { a: [[1, 2], ['x']] }, 'a:\n- - 1\n  - 2\n- - x\n'],
  ])('%s', (_n, data, want) => {
    expect(goYamlMarshal(data)).toBe(want);
  });

  it('long messages are folded at spaces past column 80, like go-yaml', () => {
    const msg = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    expect(goYamlMarshal({ status: { conditions: [{ message: msg, type: 'PodScheduled' }] } })).toBe(
      'status:\n' +
      '  conditions:\n' +
      "  - message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are\n" +
      "      available: 3 No preemption victims found for incoming pod.'\n" +
      '    type: PodScheduled\n',
    );
    const plain = 'Back-off restarting failed container nginx in pod nginx-7854ff8877-abcde_default(8f1c6e2b-4e6d-4a3f-9c0b-7a5d2e1f3c4b)';
    expect(goYamlMarshal({ message: plain })).toBe(
      'message: Back-off restarting failed container nginx in pod nginx-7854ff8877-abcde_default(8f1c6e2b-4e6d-4a3f-9c0b-7a5d2e1f3c4b)\n',
    );
    const words = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen';
    expect(goYamlMarshal({ message: words })).toBe(
      'message: one two three four five six seven eight nine ten eleven twelve thirteen fourteen\n' +
      '  fifteen sixteen\n',
    );
  });

  it("map keys are sorted with go-yaml's natural order (numbers compared numerically)", () => {
    expect(goYamlMarshal({ a10: 1, a9: 2, B: 3, a: 4, 'a-b': 5, a_b: 6, ab: 7 })).toBe('B: 3\na: 4\na-b: 5\na_b: 6\na9: 2\na10: 1\nab: 7\n');
    expect(goYamlKeyLess('a9', 'a10')).toBe(true);
  });

  it('sortKeys: false keeps object order', () => {
    expect(toYAML({ kind: 'Pod', apiVersion: 'v1' }, { sortKeys: false })).toBe('kind: Pod\napiVersion: v1\n');
  });
});

describe('-o json', () => {
  it('uses 4-space indentation, sorted keys and HTML-safe escapes', () => {
    const o = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x' }, data: { html: '<b>&</b>', empty: '' }, list: [], obj: {} };
    expect(toJSON(o)).toBe(`{
    "apiVersion": "v1",
    "data": {
        "empty": "",
        "html": "\\u003cb\\u003e\\u0026\\u003c/b\\u003e"
    },
    "kind": "ConfigMap",
    "list": [],
    "metadata": {
        "name": "x"
    },
    "obj": {}
}
`);
  });

  it('several objects print as a List', () => {
    expect(toJSON([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } } as unknown as KObject])).toBe(`{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": {
                "name": "a"
            }
        }
    ],
    "kind": "List",
    "metadata": {
        "resourceVersion": ""
    }
}
`);
  });

  it('jsonIndent can be overridden', () => {
    expect(toJSON({ a: 1 }, { jsonIndent: '  ' })).toBe('{\n  "a": 1\n}\n');
  });
});

describe('-o name', () => {
  it('prints <kind>[.<group>]/<name> per object', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } } as unknown as KObject;
    expect(toName(pod)).toBe('pod/nginx\n');
    expect(toName([pod, d])).toBe('pod/nginx\ndeployment.apps/web\n');
  });
});

describe('-o jsonpath', () => {
  const list = [runningPod({ name: 'a', podIP: '10.244.1.7', labels: { 'app.kubernetes.io/name': 'web' } }), runningPod({ name: 'b', podIP: '10.244.2.9' })];

  it.each<[string, unknown, string, string]>([
    ['a field of one object', pod, '{.status.phase}', 'Running'],
    ['numbers print with %v', pod, '{.spec.containers[0].ports[0].containerPort}', '80'],
    ['a wildcard over list items joins results with a space', list, '{.items[*].metadata.name}', 'a b'],
    ['range with quoted separators', list, '{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}', 'a\t10.244.1.7\nb\t10.244.2.9\n'],
    ['a filter on conditions', pod, '{.status.conditions[?(@.type=="Ready")].status}', 'True'],
    ['an escaped dot in a label key', list, '{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'web'],
    ['a bracketed key', list, "{.items[0].metadata.labels['app.kubernetes.io/name']}", 'web'],
    ['maps print as compact JSON', pod, '{.metadata.labels}', '{"run":"nginx"}'],
    ['missing keys print nothing', pod, '{.status.nominatedNodeName}', ''],
    ['literal text around actions', pod, 'name={.metadata.name} ns={.metadata.namespace}', 'name=nginx ns=default'],
    ['negative index and slices', list, '{.items[-1].metadata.name} {.items[0:1].metadata.name}', 'b a'],
    ['recursive descent', pod, '{..containerPort}', '80'],
  ])('%s', (_n, input, tpl, want) => {
    expect(toJSONPath(input, tpl)).toBe(want);
  });

  it('formatOutput accepts jsonpath=… with optional quotes', () => {
    expect(formatOutput(pod, "jsonpath='{.metadata.name}'")).toBe('nginx');
    expect(formatOutput(pod, 'name')).toBe('pod/nginx\n');
    expect(() => formatOutput(pod, 'xml')).toThrow(/allowed formats/);
  });

  it('jsonpath works on plain data', () => {
    expect(jsonpath({ a: [{ b: true }, { b: false }] }, '{.a[*].b}')).toBe('true false');
  });
});
