/**
 * `kubectl describe` golden outputs. Layout follows kubernetes/kubectl pkg/describe/describe.go
 * (PrefixWriter levels of 2 spaces, tabwriter(0, 8, 2, ' ') alignment within column blocks),
 * including kubectl's visible quirks: `IP:` under `IPs:` aligned with `Controlled By:`, `Requests:`
 * values aligned with the probe lines, trailing spaces after padded empty values, `Events:  <none>`
 * aligned with the preceding block.
 */
import { describe, expect, it } from 'vitest';
import { describeNode, describeObject, describePod, describeProbe, podQOSClass, smartLabelFor } from '../../src/views/describe.ts';
import type { KObject, Pod } from '../../src/types.ts';
import {
  DAY, MIN, NOW, SEC, ago, cond, event, fromNow, node, pod, runningConditions, runningPod, terminated, waiting,
} from './fixtures.ts';

const text = (lines: string[]) => lines.join('\n') + '\n';

describe('kubectl describe pod', () => {
  it('a healthy pod owned by a ReplicaSet', () => {
    const p = runningPod({
      labels: { app: 'nginx', 'pod-template-hash': '7854ff8877' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx-7854ff8877', uid: 'x', controller: true, blockOwnerDeletion: true }],
    });
    const events = [
      event({ reason: 'Scheduled', message: 'Successfully assigned default/nginx to kind-worker', first: ago(5 * MIN), component: 'default-scheduler' }),
      event({ reason: 'Pulling', message: 'Pulling image "nginx:1.25"', first: ago(5 * MIN), host: 'kind-worker' }),
    ];
    expect(describePod(p, events, NOW)).toBe(text([
      'Name:             nginx',
      'Namespace:        default',
      'Priority:         0',
      'Service Account:  default',
      'Node:             kind-worker/172.18.0.2',
      'Start Time:       Wed, 01 May 2024 11:55:00 +0000',
      'Labels:           app=nginx',
      '                  pod-template-hash=7854ff8877',
      'Annotations:      <none>',
      'Status:           Running',
      'IP:               10.244.1.5',
      'IPs:',
      '  IP:           10.244.1.5',
      'Controlled By:  ReplicaSet/nginx-7854ff8877',
      'Containers:',
      '  nginx:',
      '    Container ID:   containerd://nginx00000000000000000000000000000000000000000000000000000000000',
      '    Image:          nginx:1.25',
      '    Image ID:       docker.io/library/nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      '    Port:           80/TCP',
      '    Host Port:      0/TCP',
      '    State:          Running',
      '      Started:      Wed, 01 May 2024 11:55:00 +0000',
      '    Ready:          True',
      '    Restart Count:  0',
      '    Environment:    <none>',
      '    Mounts:',
      '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5xzvn (ro)',
      'Conditions:',
      '  Type                        Status',
      '  PodReadyToStartContainers   True ',
      '  Initialized                 True ',
      '  Ready                       True ',
      '  ContainersReady             True ',
      '  PodScheduled                True ',
      'Volumes:',
      '  kube-api-access-5xzvn:',
      '    Type:                    Projected (a volume that contains injected data from multiple sources)',
      '    TokenExpirationSeconds:  3607',
      '    ConfigMapName:           kube-root-ca.crt',
      '    ConfigMapOptional:       <nil>',
      '    DownwardAPI:             true',
      'QoS Class:                   BestEffort',
      'Node-Selectors:              <none>',
      'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
      '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      'Events:',
      '  Type    Reason     Age   From               Message',
      '  ----    ------     ----  ----               -------',
      '  Normal  Scheduled  5m    default-scheduler  Successfully assigned default/nginx to kind-worker',
      '  Normal  Pulling    5m    kubelet            Pulling image "nginx:1.25"',
    ]));
  });

  it('a crash-looping container with resources, probes, env and several volume types', () => {
    const crash = runningPod({
      name: 'api-6d4cf56db6-9kz2p',
      labels: { app: 'api', 'pod-template-hash': '6d4cf56db6' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-05-01T11:00:00Z' },
      conditions: runningConditions(false),
      containers: [{
        name: 'api', image: 'ghcr.io/acme/api:2.3.1', command: ['/app/server'], args: ['--port=8080', '--log-level=debug'],
        ports: [{ containerPort: 8080, protocol: 'TCP', name: 'http' }, { containerPort: 9090, protocol: 'TCP', name: 'metrics' }],
        resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } },
        livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        readinessProbe: { tcpSocket: { port: 'http' }, timeoutSeconds: 2, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
        startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 30, periodSeconds: 10 },
        env: [
          { name: 'LOG_FORMAT', value: 'json' },
          { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'api-config', key: 'mode', optional: true } } },
          { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        ],
        envFrom: [{ configMapRef: { name: 'api-env' } }, { secretRef: { name: 'api-secrets' }, prefix: 'SECRET_' }],
        volumeMounts: [
          { name: 'config', mountPath: '/etc/api' },
          { name: 'kube-api-access-5xzvn', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
          { name: 'data', mountPath: '/data', subPath: 'api' },
        ],
      }],
      spec: {
        volumes: [
          { name: 'config', configMap: { name: 'api-config', defaultMode: 420 } },
          { name: 'data', persistentVolumeClaim: { claimName: 'api-data' } },
          { name: 'scratch', emptyDir: {} },
        ],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
      },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-6d4cf56db6', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
      containerStatuses: [waiting('api', 'CrashLoopBackOff', {
        image: 'ghcr.io/acme/api:2.3.1', restartCount: 4, last: { exitCode: 1, reason: 'Error', startedAt: ago(2 * MIN), finishedAt: ago(90 * SEC) },
      })],
    });
    const events = [
      event({ objName: 'api-6d4cf56db6-9kz2p', reason: 'Scheduled', message: 'Successfully assigned default/api-6d4cf56db6-9kz2p to kind-worker', first: ago(5 * MIN), component: 'default-scheduler' }),
      event({ objName: 'api-6d4cf56db6-9kz2p', reason: 'Pulled', message: 'Container image "ghcr.io/acme/api:2.3.1" already present on machine', first: ago(5 * MIN), last: ago(95 * SEC), count: 5, host: 'kind-worker' }),
      event({ objName: 'api-6d4cf56db6-9kz2p', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container api in pod api-6d4cf56db6-9kz2p_default(uid)', first: ago(4 * MIN + 30 * SEC), last: ago(10 * SEC), count: 19 }),
      event({ objName: 'other', reason: 'Scheduled', message: 'events of other objects are not shown', first: ago(MIN) }),
    ];
    expect(describePod(crash, events, NOW)).toBe(text([
      'Name:             api-6d4cf56db6-9kz2p',
      'Namespace:        default',
      'Priority:         0',
      'Service Account:  default',
      'Node:             kind-worker/172.18.0.2',
      'Start Time:       Wed, 01 May 2024 11:55:00 +0000',
      'Labels:           app=api',
      '                  pod-template-hash=6d4cf56db6',
      'Annotations:      kubectl.kubernetes.io/restartedAt: 2024-05-01T11:00:00Z',
      'Status:           Running',
      'IP:               10.244.1.5',
      'IPs:',
      '  IP:           10.244.1.5',
      'Controlled By:  ReplicaSet/api-6d4cf56db6',
      'Containers:',
      '  api:',
      '    Container ID:  containerd://api0000000000000000000000000000000000000000000000000000000000000',
      '    Image:         ghcr.io/acme/api:2.3.1',
      '    Image ID:      docker.io/library/nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      '    Ports:         8080/TCP, 9090/TCP',
      '    Host Ports:    0/TCP, 0/TCP',
      '    Command:',
      '      /app/server',
      '    Args:',
      '      --port=8080',
      '      --log-level=debug',
      '    State:          Waiting',
      '      Reason:       CrashLoopBackOff',
      '    Last State:     Terminated',
      '      Reason:       Error',
      '      Exit Code:    1',
      '      Started:      Wed, 01 May 2024 11:58:00 +0000',
      '      Finished:     Wed, 01 May 2024 11:58:30 +0000',
      '    Ready:          False',
      '    Restart Count:  4',
      '    Limits:',
      '      cpu:     500m',
      '      memory:  256Mi',
      '    Requests:',
      '      cpu:      250m',
      '      memory:   128Mi',
      '    Liveness:   http-get http://:8080/healthz delay=5s timeout=1s period=10s #success=1 #failure=3',
      '    Readiness:  tcp-socket :http delay=0s timeout=2s period=5s #success=1 #failure=3',
      '    Startup:    exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=30',
      '    Environment Variables from:',
      '      api-env      ConfigMap                     Optional: false',
      '      api-secrets  Secret with prefix \'SECRET_\'  Optional: false',
      '    Environment:',
      '      LOG_FORMAT:   json',
      '      POD_IP:       10.244.1.5 (v1:status.podIP)',
      '      DB_PASSWORD:  <set to the key \'password\' in secret \'db\'>          Optional: false',
      '      MODE:         <set to the key \'mode\' of config map \'api-config\'>  Optional: true',
      '      MEM_LIMIT:    256 (limits.memory)',
      '    Mounts:',
      '      /data from data (rw,path=\"api\")',
      '      /etc/api from config (rw)',
      '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5xzvn (ro)',
      'Conditions:',
      '  Type                        Status',
      '  PodReadyToStartContainers   True ',
      '  Initialized                 True ',
      '  Ready                       False ',
      '  ContainersReady             False ',
      '  PodScheduled                True ',
      'Volumes:',
      '  config:',
      '    Type:      ConfigMap (a volume populated by a ConfigMap)',
      '    Name:      api-config',
      '    Optional:  false',
      '  data:',
      '    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
      '    ClaimName:  api-data',
      '    ReadOnly:   false',
      '  scratch:',
      '    Type:        EmptyDir (a temporary directory that shares a pod\'s lifetime)',
      '    Medium:      ',
      '    SizeLimit:   <unset>',
      'QoS Class:       Burstable',
      'Node-Selectors:  kubernetes.io/os=linux',
      'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
      '                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      'Events:',
      '  Type     Reason     Age                   From               Message',
      '  ----     ------     ----                  ----               -------',
      '  Normal   Scheduled  5m                    default-scheduler  Successfully assigned default/api-6d4cf56db6-9kz2p to kind-worker',
      '  Normal   Pulled     95s (x5 over 5m)      kubelet            Container image \"ghcr.io/acme/api:2.3.1\" already present on machine',
      '  Warning  BackOff    10s (x19 over 4m30s)  kubelet            Back-off restarting failed container api in pod api-6d4cf56db6-9kz2p_default(uid)',
    ]));
  });

  it('an unschedulable pod: Node <none>, empty IP, IPs <none>, no volumes, Guaranteed QoS', () => {
    const pend = pod({
      name: 'big', phase: 'Pending',
      conditions: [cond('PodScheduled', 'False', { reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' })],
      containers: [{ name: 'big', image: 'busybox', resources: { limits: { cpu: '64', memory: '1Gi' } } }],
      spec: { volumes: [] },
    });
    const events = [event({
      objName: 'big', type: 'Warning', reason: 'FailedScheduling', first: ago(2 * MIN), component: 'default-scheduler',
      message: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    })];
    expect(describePod(pend, events, NOW)).toBe(text([
      'Name:             big',
      'Namespace:        default',
      'Priority:         0',
      'Service Account:  default',
      'Node:             <none>',
      'Labels:           <none>',
      'Annotations:      <none>',
      'Status:           Pending',
      'IP:               ',
      'IPs:              <none>',
      'Containers:',
      '  big:',
      '    Image:      busybox',
      '    Port:       <none>',
      '    Host Port:  <none>',
      '    Limits:',
      '      cpu:        64',
      '      memory:     1Gi',
      '    Environment:  <none>',
      '    Mounts:       <none>',
      'Conditions:',
      '  Type           Status',
      '  PodScheduled   False ',
      'Volumes:         <none>',
      'QoS Class:       Guaranteed',
      'Node-Selectors:  <none>',
      'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
      '                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      'Events:',
      '  Type     Reason            Age   From               Message',
      '  ----     ------            ----  ----               -------',
      '  Warning  FailedScheduling  2m    default-scheduler  0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    ]));
  });

  it('a terminating pod with a completed init container', () => {
    const term = runningPod({
      deletionTimestamp: fromNow(25 * SEC), deletionGracePeriodSeconds: 30,
      initContainers: [{ name: 'init-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nslookup db; do sleep 2; done'] }],
      initContainerStatuses: [terminated('init-db', { exitCode: 0, reason: 'Completed', startedAt: ago(5 * MIN), finishedAt: ago(4 * MIN) }, { image: 'busybox:1.36' })],
    });
    expect(describePod(term, [], NOW)).toBe(text([
      'Name:                      nginx',
      'Namespace:                 default',
      'Priority:                  0',
      'Service Account:           default',
      'Node:                      kind-worker/172.18.0.2',
      'Start Time:                Wed, 01 May 2024 11:55:00 +0000',
      'Labels:                    <none>',
      'Annotations:               <none>',
      'Status:                    Terminating (lasts <invalid>)',
      'Termination Grace Period:  30s',
      'IP:                        10.244.1.5',
      'IPs:',
      '  IP:  10.244.1.5',
      'Init Containers:',
      '  init-db:',
      '    Container ID:  containerd://init-db000000000000000000000000000000000000000000000000000000000',
      '    Image:         busybox:1.36',
      '    Image ID:      docker.io/library/nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      '    Port:          <none>',
      '    Host Port:     <none>',
      '    Command:',
      '      sh',
      '      -c',
      '      until nslookup db; do sleep 2; done',
      '    State:          Terminated',
      '      Reason:       Completed',
      '      Exit Code:    0',
      '      Started:      Wed, 01 May 2024 11:55:00 +0000',
      '      Finished:     Wed, 01 May 2024 11:56:00 +0000',
      '    Ready:          False',
      '    Restart Count:  0',
      '    Environment:    <none>',
      '    Mounts:         <none>',
      'Containers:',
      '  nginx:',
      '    Container ID:   containerd://nginx00000000000000000000000000000000000000000000000000000000000',
      '    Image:          nginx:1.25',
      '    Image ID:       docker.io/library/nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      '    Port:           80/TCP',
      '    Host Port:      0/TCP',
      '    State:          Running',
      '      Started:      Wed, 01 May 2024 11:55:00 +0000',
      '    Ready:          True',
      '    Restart Count:  0',
      '    Environment:    <none>',
      '    Mounts:',
      '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5xzvn (ro)',
      'Conditions:',
      '  Type                        Status',
      '  PodReadyToStartContainers   True ',
      '  Initialized                 True ',
      '  Ready                       True ',
      '  ContainersReady             True ',
      '  PodScheduled                True ',
      'Volumes:',
      '  kube-api-access-5xzvn:',
      '    Type:                    Projected (a volume that contains injected data from multiple sources)',
      '    TokenExpirationSeconds:  3607',
      '    ConfigMapName:           kube-root-ca.crt',
      '    ConfigMapOptional:       <nil>',
      '    DownwardAPI:             true',
      'QoS Class:                   BestEffort',
      'Node-Selectors:              <none>',
      'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
      '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      'Events:                      <none>',
    ]));
  });

  it('events: null hides the Events section (--show-events=false)', () => {
    expect(describePod(runningPod(), null, NOW)).not.toContain('Events:');
    expect(describePod(runningPod(), [], NOW, { showEvents: false })).not.toContain('Events:');
  });

  it('events are ordered by last timestamp', () => {
    const out = describePod(runningPod(), [
      event({ reason: 'Later', message: 'b', first: ago(MIN) }),
      event({ reason: 'Earlier', message: 'a', first: ago(2 * MIN) }),
    ], NOW);
    expect(out.indexOf('Earlier')).toBeLessThan(out.indexOf('Later'));
  });

  it('long annotations are wrapped and shortened', () => {
    const long = 'x'.repeat(200);
    const out = describePod(runningPod({ annotations: { a: 'short', b: long, 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }), null, NOW);
    expect(out).toContain('Annotations:      a: short\n                  b:\n                    ' + 'x'.repeat(138) + '...\n');
    expect(out).not.toContain('last-applied-configuration');
  });
});

describe('describe helpers', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['http-get with defaults', { httpGet: { path: '/healthz', port: 8080 } }, 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['https with host and named port', { httpGet: { host: 'example.com', path: 'ready', port: 'https', scheme: 'HTTPS' }, periodSeconds: 5 }, 'http-get https://example.com:https/ready delay=0s timeout=1s period=5s #success=1 #failure=3'],
    ['tcp-socket', { tcpSocket: { port: 5432 }, initialDelaySeconds: 15 }, 'tcp-socket :5432 delay=15s timeout=1s period=10s #success=1 #failure=3'],
    ['exec', { exec: { command: ['pg_isready', '-U', 'postgres'] } }, 'exec [pg_isready -U postgres] delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['grpc', { grpc: { port: 9000, service: 'health' } }, 'grpc <pod>:9000 health delay=0s timeout=1s period=10s #success=1 #failure=3'],
  ])('probe line: %s', (_n, probe, want) => {
    expect(describeProbe(probe as never)).toBe(want);
  });

  it.each<[string, Array<Record<string, unknown>>, string]>([
    ['no resources at all is BestEffort', [{ name: 'a' }], 'BestEffort'],
    ['requests == limits for cpu and memory is Guaranteed', [{ name: 'a', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } } }], 'Guaranteed'],
    ['limits only (requests default to limits) is Guaranteed', [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }], 'Guaranteed'],
    ['requests below limits is Burstable', [{ name: 'a', resources: { requests: { cpu: '100m' }, limits: { cpu: '1', memory: '1Gi' } } }], 'Burstable'],
    ['one guaranteed and one best-effort container is Burstable', [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }, { name: 'b' }], 'Burstable'],
  ])('QoS: %s', (_n, containers, want) => {
    expect(podQOSClass({ spec: { containers } } as unknown as Pod)).toBe(want);
  });

  it('status.qosClass wins when present', () => {
    expect(podQOSClass({ spec: { containers: [{ name: 'a' }] }, status: { qosClass: 'Burstable' } } as unknown as Pod)).toBe('Burstable');
  });

  it.each([
    ['apiVersion', 'API Version'], ['creationTimestamp', 'Creation Timestamp'], ['uid', 'UID'], ['podCIDRs', 'Pod CID Rs'],
    ['loadBalancerIP', 'Load Balancer IP'], ['tls', 'Tls'], ['x-y', 'X - Y'], ['k8s.io/name', 'k8s.io/name'],
  ])('smartLabelFor(%s) is %s', (field, want) => {
    expect(smartLabelFor(field)).toBe(want);
  });
});

describe('kubectl describe node', () => {
  it('lists non-terminated pods on the node with request/limit percentages and allocated totals', () => {
    const api = runningPod({ name: 'api', containers: [{ name: 'api', image: 'api:1', resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } } }] });
    const dns = runningPod({
      name: 'coredns-7db6d8ff4d-4xk2n', namespace: 'kube-system', created: ago(10 * DAY),
      containers: [{ name: 'coredns', image: 'coredns:1.11', resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } } }],
    });
    const done = runningPod({ name: 'job-xyz', phase: 'Succeeded', containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1' } } }] });
    const elsewhere = runningPod({ name: 'far', nodeName: 'kind-worker2', containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1' } } }] });
    const n = node('kind-worker', {
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      unschedulable: true,
      capacity: { cpu: '4', 'ephemeral-storage': '102626232Ki', memory: '8148000Ki', pods: '110' },
    });
    const events = [event({ kind: 'Node', objName: 'kind-worker', reason: 'NodeNotSchedulable', message: 'Node kind-worker status is now: NodeNotSchedulable', first: ago(2 * MIN), component: 'kubelet' })];
    expect(describeNode(n, [api, dns, done, elsewhere], events, NOW)).toBe(text([
      'Name:               kind-worker',
      'Roles:              <none>',
      'Labels:             beta.kubernetes.io/arch=amd64',
      '                    beta.kubernetes.io/os=linux',
      '                    kubernetes.io/arch=amd64',
      '                    kubernetes.io/hostname=kind-worker',
      '                    kubernetes.io/os=linux',
      'Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock',
      '                    node.alpha.kubernetes.io/ttl: 0',
      '                    volumes.kubernetes.io/controller-managed-attach-detach: true',
      'CreationTimestamp:  Sun, 21 Apr 2024 12:00:00 +0000',
      'Taints:             dedicated=gpu:NoSchedule',
      '                    node.kubernetes.io/unschedulable:NoSchedule',
      'Unschedulable:      true',
      'Lease:',
      '  HolderIdentity:  kind-worker',
      '  AcquireTime:     <unset>',
      '  RenewTime:       Wed, 01 May 2024 11:59:30 +0000',
      'Conditions:',
      '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
      '  ----             ------  -----------------                 ------------------                ------                       -------',
      '  MemoryPressure   False   Wed, 01 May 2024 11:59:30 +0000   Sun, 21 Apr 2024 12:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available',
      '  DiskPressure     False   Wed, 01 May 2024 11:59:30 +0000   Sun, 21 Apr 2024 12:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure',
      '  PIDPressure      False   Wed, 01 May 2024 11:59:30 +0000   Sun, 21 Apr 2024 12:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available',
      '  Ready            True    Wed, 01 May 2024 11:59:30 +0000   Sun, 21 Apr 2024 12:00:00 +0000   KubeletReady                 kubelet is posting ready status',
      'Addresses:',
      '  InternalIP:  172.18.0.2',
      '  Hostname:    kind-worker',
      'Capacity:',
      '  cpu:                4',
      '  ephemeral-storage:  102626232Ki',
      '  memory:             8148000Ki',
      '  pods:               110',
      'Allocatable:',
      '  cpu:                4',
      '  ephemeral-storage:  102626232Ki',
      '  memory:             8148000Ki',
      '  pods:               110',
      'System Info:',
      '  Machine ID:                 8f1c6e2b4e6d4a3f9c0b7a5d2e1f3c4b',
      '  System UUID:                8f1c6e2b-4e6d-4a3f-9c0b-7a5d2e1f3c4b',
      '  Boot ID:                    b3c1c9a6-8d6e-4a35-9b0f-3d7f7c1e2a10',
      '  Kernel Version:             6.5.0-1025-azure',
      '  OS Image:                   Debian GNU/Linux 12 (bookworm)',
      '  Operating System:           linux',
      '  Architecture:               amd64',
      '  Container Runtime Version:  containerd://1.7.18',
      '  Kubelet Version:            v1.32.0',
      '  Kube-Proxy Version:         v1.32.0',
      'PodCIDR:                      10.244.1.0/24',
      'PodCIDRs:                     10.244.1.0/24',
      'ProviderID:                   kind://docker/kind/kind-worker',
      'Non-terminated Pods:          (2 in total)',
      '  Namespace                   Name                        CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
      '  ---------                   ----                        ------------  ----------  ---------------  -------------  ---',
      '  default                     api                         250m (6%)     500m (12%)  128Mi (1%)       256Mi (3%)     5m',
      '  kube-system                 coredns-7db6d8ff4d-4xk2n    100m (2%)     0 (0%)      70Mi (0%)        170Mi (2%)     10d',
      'Allocated resources:',
      '  (Total limits may be over 100 percent, i.e., overcommitted.)',
      '  Resource           Requests    Limits',
      '  --------           --------    ------',
      '  cpu                350m (8%)   500m (12%)',
      '  memory             198Mi (2%)  426Mi (5%)',
      '  ephemeral-storage  0 (0%)      0 (0%)',
      'Events:',
      '  Type    Reason              Age   From     Message',
      '  ----    ------              ----  ----     -------',
      '  Normal  NodeNotSchedulable  2m    kubelet  Node kind-worker status is now: NodeNotSchedulable',
    ]));
  });

  it('a node without events ends with Events aligned to the allocated-resources block', () => {
    const out = describeNode(node('kind-control-plane', { roles: ['control-plane'] }), [], [], NOW);
    expect(out).toContain('Roles:              control-plane\n');
    expect(out.endsWith('  ephemeral-storage  0 (0%)    0 (0%)\n  hugepages-1Gi      0 (0%)    0 (0%)\n  hugepages-2Mi      0 (0%)    0 (0%)\nEvents:              <none>\n')).toBe(true);
  });
});

describe('kubectl describe service / pvc / configmap / namespace / other kinds', () => {
  it('a NodePort service with endpoints (first three, then "+ N more...")', () => {
    const svc = {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' }, creationTimestamp: ago(DAY) },
      spec: {
        type: 'NodePort', selector: { app: 'nginx' }, clusterIP: '10.96.100.10', clusterIPs: ['10.96.100.10'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
        ports: [
          { name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' },
          { name: 'metrics', port: 9090, targetPort: 'metrics', nodePort: 30090, protocol: 'TCP' },
        ],
        sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    } as unknown as KObject;
    const endpoints = {
      subsets: [{
        addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }, { ip: '10.244.2.7' }, { ip: '10.244.3.8' }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }],
      }],
    };
    expect(describeObject(svc, [], NOW, { endpoints })).toBe(text([
      'Name:                     nginx',
      'Namespace:                default',
      'Labels:                   app=nginx',
      'Annotations:              <none>',
      'Selector:                 app=nginx',
      'Type:                     NodePort',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'IP:                       10.96.100.10',
      'IPs:                      10.96.100.10',
      'Port:                     http  80/TCP',
      'TargetPort:               8080/TCP',
      'NodePort:                 http  30080/TCP',
      'Endpoints:                10.244.1.5:8080,10.244.2.6:8080,10.244.2.7:8080 + 1 more...',
      'Port:                     metrics  9090/TCP',
      'TargetPort:               metrics/TCP',
      'NodePort:                 metrics  30090/TCP',
      'Endpoints:                10.244.1.5:9090,10.244.2.6:9090,10.244.2.7:9090 + 1 more...',
      'Session Affinity:         None',
      'External Traffic Policy:  Cluster',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
    ]));
  });

  it('a service without endpoints shows <none>', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'], ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] } } as unknown as KObject;
    expect(describeObject(svc, null, NOW)).toContain('Port:              <unset>  80/TCP\nTargetPort:        80/TCP\nEndpoints:         <none>\nSession Affinity:  None\n');
  });

  it('a bound PVC used by a pod', () => {
    const pvc = {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'data-web-0', namespace: 'default', labels: { app: 'web' }, creationTimestamp: ago(DAY), finalizers: ['kubernetes.io/pvc-protection'],
        annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' },
      },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem', volumeName: 'pvc-3f1c8a2e-6b9d-4c1e-9a7f-2d5e8b1c0a94' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
    } as unknown as KObject;
    const user = runningPod({ name: 'web-0', spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }] } });
    const events = [event({
      kind: 'PersistentVolumeClaim', objName: 'data-web-0', reason: 'ProvisioningSucceeded', first: ago(DAY),
      message: 'Successfully provisioned volume pvc-3f1c8a2e-6b9d-4c1e-9a7f-2d5e8b1c0a94', component: 'rancher.io/local-path_local-path-provisioner-6bc4bddd6b-x2x7k',
    })];
    expect(describeObject(pvc, events, NOW, { pods: [user, runningPod()] })).toBe(text([
      'Name:          data-web-0',
      'Namespace:     default',
      'StorageClass:  standard',
      'Status:        Bound',
      'Volume:        pvc-3f1c8a2e-6b9d-4c1e-9a7f-2d5e8b1c0a94',
      'Labels:        app=web',
      'Annotations:   pv.kubernetes.io/bind-completed: yes',
      '               volume.kubernetes.io/storage-provisioner: rancher.io/local-path',
      'Finalizers:    [kubernetes.io/pvc-protection]',
      'Capacity:      1Gi',
      'Access Modes:  RWO',
      'VolumeMode:    Filesystem',
      'Used By:       web-0',
      'Events:',
      '  Type    Reason                 Age   From                                                           Message',
      '  ----    ------                 ----  ----                                                           -------',
      '  Normal  ProvisioningSucceeded  24h   rancher.io/local-path_local-path-provisioner-6bc4bddd6b-x2x7k  Successfully provisioned volume pvc-3f1c8a2e-6b9d-4c1e-9a7f-2d5e8b1c0a94',
    ]));
  });

  it('a configmap prints each data key (sorted) between ---- separators', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default', creationTimestamp: ago(DAY) }, data: { 'app.properties': 'color=blue\nsize=10', LOG_LEVEL: 'debug' } } as unknown as KObject;
    expect(describeObject(cm, [], NOW)).toBe(text([
      'Name:         app-config',
      'Namespace:    default',
      'Labels:       <none>',
      'Annotations:  <none>',
      '',
      'Data',
      '====',
      'LOG_LEVEL:',
      '----',
      'debug',
      '',
      'app.properties:',
      '----',
      'color=blue',
      'size=10',
      '',
      '',
      'BinaryData',
      '====',
      '',
      'Events:  <none>',
    ]));
  });

  it('a namespace without quotas or limit ranges', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' }, creationTimestamp: ago(DAY) }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } } as unknown as KObject;
    expect(describeObject(ns, null, NOW)).toBe(text([
      'Name:         default',
      'Labels:       kubernetes.io/metadata.name=default',
      'Annotations:  <none>',
      'Status:       Active',
      '',
      'No resource quota.',
      '',
      'No LimitRange resource.',
    ]));
  });

  it('kinds without a describer use the generic unstructured layout', () => {
    const w = {
      apiVersion: 'example.com/v1', kind: 'Widget',
      metadata: { name: 'gizmo', namespace: 'default', uid: 'abc', creationTimestamp: '2024-05-01T11:00:00Z', generation: 2, managedFields: [{ manager: 'kubectl' }] },
      spec: { replicas: 2, apiVersion: 'x', selectorLabels: ['a', 'b'], tls: { secretName: 's' } },
    } as unknown as KObject;
    expect(describeObject(w, [], NOW)).toBe(text([
      'Name:         gizmo',
      'Namespace:    default',
      'Labels:       <none>',
      'Annotations:  <none>',
      'API Version:  example.com/v1',
      'Kind:         Widget',
      'Metadata:',
      '  Creation Timestamp:  2024-05-01T11:00:00Z',
      '  Generation:          2',
      '  UID:                 abc',
      'Spec:',
      '  API Version:  x',
      '  Replicas:     2',
      '  Selector Labels:',
      '    a',
      '    b',
      '  Tls:',
      '    Secret Name:  s',
      'Events:           <none>',
    ]));
  });
});

describe('kubectl describe replicaset / replicationcontroller', () => {
  const owned = (kind: string, name: string) => [{ apiVersion: kind === 'ReplicaSet' ? 'apps/v1' : 'v1', kind, name, uid: `uid-${name}`, controller: true, blockOwnerDeletion: true }];

  it('a ReplicaSet owned by a Deployment: pod counts, pod template, conditions and events', () => {
    const rsName = 'web-7d9c5b8f6';
    const labels = { app: 'web', 'pod-template-hash': '7d9c5b8f6' };
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName, namespace: 'default', uid: `uid-${rsName}`, creationTimestamp: ago(10 * MIN), labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': '3',
          'deployment.kubernetes.io/revision': '1',
          'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1"}\n',
        },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{
              name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }],
              env: [{ name: 'MODE', value: 'prod' }],
              volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
            }],
            volumes: [{ name: 'cache', emptyDir: {} }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
          },
        },
      },
      status: {
        replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1,
        conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota exceeded', lastTransitionTime: ago(MIN) }],
      },
    } as unknown as KObject;
    const pods = [
      pod({ name: `${rsName}-aaaaa`, labels, ownerReferences: owned('ReplicaSet', rsName) }),
      pod({ name: `${rsName}-bbbbb`, labels, ownerReferences: owned('ReplicaSet', rsName) }),
      pod({ name: `${rsName}-ccccc`, labels, ownerReferences: owned('ReplicaSet', rsName), phase: 'Pending' }),
      pod({ name: `${rsName}-ddddd`, labels, ownerReferences: owned('ReplicaSet', rsName), phase: 'Failed' }),
      // selected but controlled by another set, and owned but no longer selected: neither counts
      pod({ name: 'web-other-eeeee', labels, ownerReferences: owned('ReplicaSet', 'web-other') }),
      pod({ name: `${rsName}-fffff`, labels: { app: 'debug' }, ownerReferences: owned('ReplicaSet', rsName) }),
    ];
    const events = [
      event({ kind: 'ReplicaSet', objName: rsName, reason: 'SuccessfulCreate', message: `Created pod: ${rsName}-aaaaa`, first: ago(10 * MIN), component: 'replicaset-controller' }),
      event({ kind: 'ReplicaSet', objName: rsName, type: 'Warning', reason: 'FailedCreate', message: 'Error creating: pods "web-7d9c5b8f6-x" is forbidden: exceeded quota', first: ago(MIN), component: 'replicaset-controller' }),
      event({ reason: 'Scheduled', message: 'not about the set', first: ago(MIN) }),
    ];
    expect(describeObject(rs, events, NOW, { pods })).toBe(text([
      'Name:           web-7d9c5b8f6',
      'Namespace:      default',
      'Selector:       app=web,pod-template-hash=7d9c5b8f6',
      'Labels:         app=web',
      '                pod-template-hash=7d9c5b8f6',
      'Annotations:    deployment.kubernetes.io/desired-replicas: 3',
      '                deployment.kubernetes.io/revision: 1',
      'Controlled By:  Deployment/web',
      'Replicas:       3 current / 3 desired',
      'Pods Status:    2 Running / 1 Waiting / 0 Succeeded / 1 Failed',
      'Pod Template:',
      '  Labels:  app=web',
      '           pod-template-hash=7d9c5b8f6',
      '  Containers:',
      '   web:',
      '    Image:      nginx:1.25',
      '    Port:       80/TCP',
      '    Host Port:  0/TCP',
      '    Environment:',
      '      MODE:  prod',
      '    Mounts:',
      '      /cache from cache (rw)',
      '  Volumes:',
      '   cache:',
      '    Type:          EmptyDir (a temporary directory that shares a pod\'s lifetime)',
      '    Medium:        ',
      '    SizeLimit:     <unset>',
      '  Node-Selectors:  kubernetes.io/os=linux',
      '  Tolerations:     dedicated=web:NoSchedule',
      'Conditions:',
      // kubectl writes `%v \t` for the type, so the column is one wider than the longest type
      '  Type             Status  Reason',
      '  ----             ------  ------',
      '  ReplicaFailure   True    FailedCreate',
      'Events:',
      '  Type     Reason            Age   From                   Message',
      '  ----     ------            ----  ----                   -------',
      '  Normal   SuccessfulCreate  10m   replicaset-controller  Created pod: web-7d9c5b8f6-aaaaa',
      '  Warning  FailedCreate      60s   replicaset-controller  Error creating: pods "web-7d9c5b8f6-x" is forbidden: exceeded quota',
    ]));
  });

  it('a ReplicationController: map selector, template annotations and service account, no conditions', () => {
    const rc = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'nginx', namespace: 'web', uid: 'uid-nginx', creationTimestamp: ago(60 * MIN), labels: { app: 'nginx' } },
      spec: {
        replicas: 2,
        selector: { app: 'nginx' },
        template: {
          metadata: { labels: { app: 'nginx' }, annotations: { 'prometheus.io/scrape': 'true' } },
          spec: {
            serviceAccountName: 'nginx-sa',
            containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP', hostPort: 8443 }] }],
          },
        },
      },
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    } as unknown as KObject;
    const pods = [
      pod({ name: 'nginx-x1y2z', namespace: 'web', labels: { app: 'nginx' }, ownerReferences: owned('ReplicationController', 'nginx'), phase: 'Succeeded' }),
    ];
    expect(describeObject(rc, [], NOW, { pods })).toBe(text([
      'Name:         nginx',
      'Namespace:    web',
      'Selector:     app=nginx',
      'Labels:       app=nginx',
      'Annotations:  <none>',
      'Replicas:     1 current / 2 desired',
      'Pods Status:  0 Running / 0 Waiting / 1 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:           app=nginx',
      '  Annotations:      prometheus.io/scrape: true',
      '  Service Account:  nginx-sa',
      '  Containers:',
      '   nginx:',
      '    Image:         nginx',
      '    Ports:         80/TCP, 443/TCP',
      '    Host Ports:    0/TCP, 8443/TCP',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Events:            <none>',
    ]));
  });
});
