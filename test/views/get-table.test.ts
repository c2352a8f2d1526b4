/**
 * `kubectl get` tables: column sets per kind (printers.go), alignment (tabwriter minwidth 6,
 * padding 3), -o wide, -A, --show-labels, --no-headers, and the "No resources found" messages.
 * Expected strings are written out literally, as a terminal would show them.
 */
import { describe, expect, it } from 'vitest';
import { getTable, getTableResult, resolveKind } from '../../src/views/printers.ts';
import type { KObject } from '../../src/types.ts';
import { DAY, MIN, NOW, SEC, ago, event, node, runningPod, waiting } from './fixtures.ts';

const obj = (o: Record<string, unknown>) => o as unknown as KObject;

describe('kubectl get pods', () => {
  it('prints NAME READY STATUS RESTARTS AGE aligned with 3 spaces', () => {
    const pods = [
      runningPod({ name: 'nginx-7854ff8877-x2b7q', created: ago(3 * DAY + 4 * 60 * MIN) }),
      runningPod({
        name: 'api-6d4cf56db6-9kz2p',
        containerStatuses: [waiting('nginx', 'CrashLoopBackOff', { restartCount: 12, last: { exitCode: 1, reason: 'Error', startedAt: ago(3 * MIN), finishedAt: ago(2 * MIN + 30 * SEC) } })],
      }),
    ];
    expect(getTable('pods', pods, { now: NOW })).toBe(
      'NAME                     READY   STATUS             RESTARTS         AGE\n' +
      'api-6d4cf56db6-9kz2p     0/1     CrashLoopBackOff   12 (2m30s ago)   5m\n' +
      'nginx-7854ff8877-x2b7q   1/1     Running            0                3d4h\n',
    );
  });

  it('with -A prepends a NAMESPACE column and lists namespaces in key order', () => {
    const pods = [
      runningPod({ name: 'nginx', namespace: 'default' }),
      runningPod({ name: 'coredns-7db6d8ff4d-4xk2n', namespace: 'kube-system', created: ago(10 * DAY) }),
    ];
    expect(getTable('pods', pods, { now: NOW, allNamespaces: true })).toBe(
      'NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE\n' +
      'default       nginx                      1/1     Running   0          5m\n' +
      'kube-system   coredns-7db6d8ff4d-4xk2n   1/1     Running   0          10d\n',
    );
  });

  it('with --show-labels appends a LABELS column', () => {
    const pods = [
      runningPod({ name: 'web', labels: { app: 'web', 'pod-template-hash': '5d78c' } }),
      runningPod({ name: 'bare' }),
    ];
    expect(getTable('pods', pods, { now: NOW, showLabels: true })).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   LABELS\n' +
      'bare   1/1     Running   0          5m    <none>\n' +
      'web    1/1     Running   0          5m    app=web,pod-template-hash=5d78c\n',
    );
  });

  it('with --no-headers prints only the rows', () => {
    expect(getTable('po', [runningPod()], { now: NOW, noHeaders: true })).toBe('nginx   1/1   Running   0     5m\n');
  });

  it('with -o wide adds IP NODE NOMINATED NODE READINESS GATES', () => {
    expect(getTable('pods', [runningPod()], { now: NOW, wide: true })).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE          NOMINATED NODE   READINESS GATES\n' +
      'nginx   1/1     Running   0          5m    10.244.1.5   kind-worker   <none>           <none>\n',
    );
  });

  it('-o wide together with -A and --show-labels', () => {
    expect(getTable('pods', [runningPod({ labels: { run: 'nginx' } })], { now: NOW, wide: true, allNamespaces: true, showLabels: true })).toBe(
      'NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   IP           NODE          NOMINATED NODE   READINESS GATES   LABELS\n' +
      'default     nginx   1/1     Running   0          5m    10.244.1.5   kind-worker   <none>           <none>            run=nginx\n',
    );
  });

  it('keeps the given order when sort is false', () => {
    const out = getTable('pods', [runningPod({ name: 'b' }), runningPod({ name: 'a' })], { now: NOW, sort: false, noHeaders: true });
    expect(out.split('\n')[0].startsWith('b ')).toBe(true);
  });
});

describe('No resources found', () => {
  it('for a namespaced kind names the namespace', () => {
    expect(getTable('pods', [], { now: NOW })).toBe('No resources found in default namespace.\n');
    expect(getTable('deployments', [], { now: NOW, namespace: 'prod' })).toBe('No resources found in prod namespace.\n');
  });
  it('with -A or for a cluster-scoped kind has no namespace', () => {
    expect(getTable('pods', [], { now: NOW, allNamespaces: true })).toBe('No resources found\n');
    expect(getTable('nodes', [], { now: NOW })).toBe('No resources found\n');
  });
  it('goes to stderr, stdout stays empty', () => {
    expect(getTableResult('pods', [], { now: NOW })).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n' });
  });
  it('with --no-headers nothing is printed to stdout either', () => {
    expect(getTableResult('svc', [], { now: NOW, noHeaders: true }).stdout).toBe('');
  });
});

describe('kubectl get nodes', () => {
  const nodes = [
    node('kind-worker', { ready: 'False', unschedulable: true }),
    node('kind-control-plane', { roles: ['control-plane'] }),
    node('kind-worker2', { ready: null }),
  ];

  it('shows Ready, NotReady,SchedulingDisabled, Unknown and ROLES', () => {
    expect(getTable('nodes', nodes, { now: NOW })).toBe(
      'NAME                 STATUS                        ROLES           AGE   VERSION\n' +
      'kind-control-plane   Ready                         control-plane   10d   v1.32.0\n' +
      'kind-worker          NotReady,SchedulingDisabled   <none>          10d   v1.32.0\n' +
      'kind-worker2         Unknown                       <none>          10d   v1.32.0\n',
    );
  });

  it('a node whose Ready condition is Unknown is NotReady', () => {
    expect(getTable('no', [node('n1', { ready: 'Unknown' })], { now: NOW, noHeaders: true })).toBe('n1    NotReady   <none>   10d   v1.32.0\n');
  });

  it('never adds a NAMESPACE column for a cluster-scoped kind, even with -A', () => {
    expect(getTable('nodes', [nodes[1]], { now: NOW, allNamespaces: true }).startsWith('NAME ')).toBe(true);
  });

  it('-o wide adds addresses, OS image, kernel and runtime', () => {
    expect(getTable('nodes', [node('kind-worker', { internalIP: '172.18.0.3' })], { now: NOW, wide: true })).toBe(
      'NAME          STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME\n' +
      'kind-worker   Ready    <none>   10d   v1.32.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.5.0-1025-azure   containerd://1.7.18\n',
    );
  });
});

describe('kubectl get services', () => {
  const svc = (name: string, spec: Record<string, unknown>, created = ago(10 * DAY), status: Record<string, unknown> = { loadBalancer: {} }) =>
    obj({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', creationTimestamp: created }, spec, status });

  const services = [
    svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }),
    svc('nginx', { type: 'NodePort', clusterIP: '10.96.100.10', clusterIPs: ['10.96.100.10'], selector: { app: 'nginx' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP', targetPort: 80 }] }, ago(5 * MIN)),
    svc('db', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' }, ports: [{ port: 5432, protocol: 'TCP', targetPort: 5432 }] }),
    svc('lb', { type: 'LoadBalancer', clusterIP: '10.96.7.7', clusterIPs: ['10.96.7.7'], ports: [{ name: 'http', port: 80, nodePort: 31000, protocol: 'TCP' }, { name: 'https', port: 443, nodePort: 31443, protocol: 'TCP' }] }, ago(90 * SEC)),
    svc('ext', { type: 'ExternalName', externalName: 'db.example.com' }),
  ];

  it('shows TYPE, CLUSTER-IP (None when headless), EXTERNAL-IP and PORT(S)', () => {
    expect(getTable('svc', services, { now: NOW })).toBe(
      'NAME         TYPE           CLUSTER-IP     EXTERNAL-IP      PORT(S)                      AGE\n' +
      'db           ClusterIP      None           <none>           5432/TCP                     10d\n' +
      'ext          ExternalName   <none>         db.example.com   <none>                       10d\n' +
      'kubernetes   ClusterIP      10.96.0.1      <none>           443/TCP                      10d\n' +
      'lb           LoadBalancer   10.96.7.7      <pending>        80:31000/TCP,443:31443/TCP   90s\n' +
      'nginx        NodePort       10.96.100.10   <none>           80:30080/TCP                 5m\n',
    );
  });

  it('-o wide adds SELECTOR', () => {
    expect(getTable('services', [services[0], services[1]], { now: NOW, wide: true })).toBe(
      'NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE   SELECTOR\n' +
      'kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP        10d   <none>\n' +
      'nginx        NodePort    10.96.100.10   <none>        80:30080/TCP   5m    app=nginx\n',
    );
  });

  it('a provisioned load balancer shows its ingress IPs', () => {
    const lb = svc('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.7.7'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }, ago(10 * DAY),
      { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }] } });
    expect(getTable('svc', [lb], { now: NOW, noHeaders: true })).toBe('lb    LoadBalancer   10.96.7.7   203.0.113.10,lb.example.com   80:31000/TCP   10d\n');
  });
});

describe('kubectl get pvc', () => {
  const pvc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown>, created: string) =>
    obj({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default', creationTimestamp: created }, spec, status });
  const claims = [
    pvc('data-web-0', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem', volumeName: 'pvc-3f1c' },
      { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } }, ago(5 * MIN)),
    pvc('claim-pending', { accessModes: ['ReadWriteMany', 'ReadOnlyMany'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      { phase: 'Pending' }, ago(30 * SEC)),
  ];

  it('shows STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE', () => {
    expect(getTable('pvc', claims, { now: NOW })).toBe(
      'NAME            STATUS    VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
      'claim-pending   Pending                                        standard       <unset>                 30s\n' +
      'data-web-0      Bound     pvc-3f1c   1Gi        RWO            standard       <unset>                 5m\n',
    );
  });

  it('-o wide adds VOLUMEMODE', () => {
    expect(getTable('persistentvolumeclaims', [claims[0]], { now: NOW, wide: true })).toBe(
      'NAME         STATUS   VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE\n' +
      'data-web-0   Bound    pvc-3f1c   1Gi        RWO            standard       <unset>                 5m    Filesystem\n',
    );
  });

  it('access modes are abbreviated in RWO, ROX, RWX, RWOP order', () => {
    const all = pvc('all', { volumeName: 'pv', storageClassName: 'x' },
      { phase: 'Bound', accessModes: ['ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOnce', 'ReadWriteOnce'], capacity: { storage: '2048Mi' } }, ago(SEC));
    // capacity is printed in canonical quantity form (2048Mi -> 2Gi), like Quantity.String()
    expect(getTable('pvc', [all], { now: NOW, noHeaders: true })).toBe('all   Bound   pv    2Gi   RWO,ROX,RWX,RWOP   x     <unset>   1s\n');
  });
});

describe('kubectl get configmaps / namespaces', () => {
  it('configmaps show the DATA count', () => {
    const cms = [
      obj({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'default', creationTimestamp: ago(10 * DAY) }, data: { 'ca.crt': 'x' } }),
      obj({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default', creationTimestamp: ago(5 * MIN) }, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }),
    ];
    expect(getTable('cm', cms, { now: NOW })).toBe(
      'NAME               DATA   AGE\n' +
      'app-config         3      5m\n' +
      'kube-root-ca.crt   1      10d\n',
    );
  });

  it('namespaces show STATUS (Active / Terminating)', () => {
    const nss = ['default', 'kube-system', 'team-a'].map((n) => obj({
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, creationTimestamp: n === 'team-a' ? ago(5 * SEC) : ago(10 * DAY) },
      status: { phase: n === 'team-a' ? 'Terminating' : 'Active' },
    }));
    expect(getTable('ns', nss, { now: NOW })).toBe(
      'NAME          STATUS        AGE\n' +
      'default       Active        10d\n' +
      'kube-system   Active        10d\n' +
      'team-a        Terminating   5s\n',
    );
  });
});

describe('kubectl get events', () => {
  const events = [
    event({ name: 'nginx.17c8a1f29fffffff', kind: 'Deployment', objName: 'nginx', reason: 'ScalingReplicaSet', message: 'Scaled up replica set nginx-7854ff8877 to 1', first: ago(5 * MIN), component: 'deployment-controller' }),
    event({ name: 'nginx-7854ff8877-abcde.17c8a1f2c0000003', objName: 'nginx-7854ff8877-abcde', fieldPath: 'spec.containers{nginx}', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container nginx in pod nginx-7854ff8877-abcde_default(uid)', first: ago(4 * MIN), last: ago(30 * SEC), count: 7, host: 'kind-worker' }),
    event({ name: 'nginx-7854ff8877-abcde.17c8a1f2a0000001', objName: 'nginx-7854ff8877-abcde', reason: 'Scheduled', message: 'Successfully assigned default/nginx-7854ff8877-abcde to kind-worker', first: ago(5 * MIN), component: 'default-scheduler' }),
  ];

  it('shows LAST SEEN TYPE REASON OBJECT MESSAGE in API list order (by name)', () => {
    expect(getTable('events', events, { now: NOW })).toBe(
      'LAST SEEN   TYPE      REASON              OBJECT                       MESSAGE\n' +
      '5m          Normal    Scheduled           pod/nginx-7854ff8877-abcde   Successfully assigned default/nginx-7854ff8877-abcde to kind-worker\n' +
      '30s         Warning   BackOff             pod/nginx-7854ff8877-abcde   Back-off restarting failed container nginx in pod nginx-7854ff8877-abcde_default(uid)\n' +
      '5m          Normal    ScalingReplicaSet   deployment/nginx             Scaled up replica set nginx-7854ff8877 to 1\n',
    );
  });

  it('-o wide adds SUBOBJECT SOURCE FIRST SEEN COUNT NAME', () => {
    expect(getTable('ev', [events[1]], { now: NOW, wide: true })).toBe(
      'LAST SEEN   TYPE      REASON    OBJECT                       SUBOBJECT                SOURCE                 MESSAGE                                                                                 FIRST SEEN   COUNT   NAME\n' +
      '30s         Warning   BackOff   pod/nginx-7854ff8877-abcde   spec.containers{nginx}   kubelet, kind-worker   Back-off restarting failed container nginx in pod nginx-7854ff8877-abcde_default(uid)   4m           7       nginx-7854ff8877-abcde.17c8a1f2c0000003\n',
    );
  });
});

describe('workload printers', () => {
  const tpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'log', image: 'fluent-bit:3' }] } };

  it('deployments show READY UP-TO-DATE AVAILABLE, wide CONTAINERS IMAGES SELECTOR', () => {
    const d = obj({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(2 * MIN + 5 * SEC) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: tpl },
      status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
    });
    expect(getTable('deploy', [d], { now: NOW, wide: true })).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS   IMAGES                    SELECTOR\n' +
      'web    2/3     3            2           2m5s   web,log      nginx:1.25,fluent-bit:3   app=web\n',
    );
  });

  it('replicasets show DESIRED CURRENT READY', () => {
    const rs = obj({
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d78c9b6f4', namespace: 'default', creationTimestamp: ago(10 * MIN) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d78c9b6f4' } }, template: tpl },
      status: { replicas: 3, readyReplicas: 3 },
    });
    expect(getTable('rs', [rs], { now: NOW })).toBe(
      'NAME             DESIRED   CURRENT   READY   AGE\n' +
      'web-5d78c9b6f4   3         3         3       10m\n',
    );
  });

  it('jobs show STATUS COMPLETIONS DURATION', () => {
    const job = (name: string, status: Record<string, unknown>, spec: Record<string, unknown> = { completions: 1 }) => obj({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default', creationTimestamp: ago(3 * MIN) }, spec: { ...spec, template: tpl }, status,
    });
    expect(getTable('jobs', [
      job('pi', { succeeded: 1, startTime: ago(3 * MIN), completionTime: ago(3 * MIN - 12 * SEC), conditions: [{ type: 'Complete', status: 'True' }] }),
      job('work', { active: 2, startTime: ago(100 * SEC) }, { parallelism: 2 }),
    ], { now: NOW })).toBe(
      'NAME   STATUS     COMPLETIONS   DURATION   AGE\n' +
      'pi     Complete   1/1           12s        3m\n' +
      'work   Running    0/1 of 2      100s       3m\n',
    );
  });

  it('statefulsets and daemonsets', () => {
    const sts = obj({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default', creationTimestamp: ago(DAY) }, spec: { replicas: 3, template: tpl }, status: { readyReplicas: 1 } });
    expect(getTable('sts', [sts], { now: NOW })).toBe('NAME   READY   AGE\ndb     1/3     24h\n');
    const ds = obj({
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-proxy', namespace: 'kube-system', creationTimestamp: ago(10 * DAY) },
      spec: { template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 },
    });
    expect(getTable('ds', [ds], { now: NOW })).toBe(
      'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
      'kube-proxy   3         3         3       3            3           kubernetes.io/os=linux   10d\n',
    );
  });
});

describe('generic printer', () => {
  it('kinds without a printer get NAME AGE', () => {
    const w = obj({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'gizmo', namespace: 'default', creationTimestamp: ago(2 * DAY) } });
    expect(getTable('Widget', [w], { now: NOW })).toBe('NAME    AGE\ngizmo   2d\n');
  });
  it('a missing creationTimestamp is <unknown>', () => {
    const w = obj({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } });
    expect(getTable('Widget', [w], { now: NOW, noHeaders: true })).toBe('x     <unknown>\n');
  });
});

describe('cells', () => {
  it('a multi-line value is cut at the first line break and marked with ...', () => {
    const e = event({ reason: 'Failed', message: 'first line\nsecond line', first: ago(SEC) });
    expect(getTable('events', [e], { now: NOW, noHeaders: true })).toBe('1s    Normal   Failed   pod/nginx   first line...\n');
  });
});

describe('resolveKind', () => {
  it.each([
    ['po', 'Pod', true], ['pods', 'Pod', true], ['Pod', 'Pod', true], ['svc', 'Service', true], ['no', 'Node', false],
    ['ns', 'Namespace', false], ['pvc', 'PersistentVolumeClaim', true], ['cm', 'ConfigMap', true], ['ev', 'Event', true],
    ['deployments.apps', 'Deployment', true], ['deploy', 'Deployment', true],
  ])('%s is %s (namespaced: %s)', (q, kind, namespaced) => {
    expect(resolveKind(q)).toMatchObject({ kind, namespaced });
  });
});
