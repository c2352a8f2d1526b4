import { describe, it, expect } from 'vitest';
import { defaultImagePullPolicy, defaultPodSpec, defaultObject, podQOSClass } from '../../src/manifest/index.ts';
import { objectOf, yaml } from './helpers.ts';

const DIGEST = 'sha256:' + 'a'.repeat(64);

describe('imagePullPolicy defaults like SetDefaults_Container', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['library/nginx', 'Always'],
    ['registry.example.com:5000/team/nginx', 'Always'],
    ['nginx:1.14.2', 'IfNotPresent'],
    ['registry.example.com:5000/team/nginx:1.2', 'IfNotPresent'],
    [`nginx@${DIGEST}`, 'IfNotPresent'],
    [`nginx:latest@${DIGEST}`, 'Always'],
    [`nginx:1.2@${DIGEST}`, 'IfNotPresent'],
    ['Nginx:latest', 'IfNotPresent'], // not a valid reference: ParseImageName fails, so no tag is seen
  ])('imagePullPolicy defaults to Always for :latest and untagged images: %s → %s', (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });

  it('an explicit imagePullPolicy is kept', () => {
    const pod = objectOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx, imagePullPolicy: Never}]}\n');
    expect(pod.spec.containers[0].imagePullPolicy).toBe('Never');
  });
});

describe('Pod defaults', () => {
  it('a minimal pod gets every default the API server sets', () => {
    const pod = objectOf(yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: web
          image: nginx
          ports:
          - containerPort: 80
    `);
    expect(pod).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            imagePullPolicy: 'Always',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
        enableServiceLinks: true,
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
        serviceAccountName: 'default',
        serviceAccount: 'default',
        priority: 0,
        preemptionPolicy: 'PreemptLowerPriority',
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  it('probes get timeout 1, period 10, success 1, failure 3; httpGet gets path / and scheme HTTP', () => {
    const pod = objectOf(yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: c
          image: nginx:1.25
          livenessProbe:
            httpGet: {port: 8080}
            initialDelaySeconds: 5
          readinessProbe:
            tcpSocket: {port: 80}
            periodSeconds: 2
            failureThreshold: 1
          lifecycle:
            preStop: {httpGet: {port: 80, path: /quit}}
    `);
    const c = pod.spec.containers[0];
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
      initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3,
    });
    expect(c.readinessProbe).toEqual({
      tcpSocket: { port: 80 }, periodSeconds: 2, failureThreshold: 1, timeoutSeconds: 1, successThreshold: 1,
    });
    expect(c.lifecycle.preStop.httpGet).toEqual({ port: 80, path: '/quit', scheme: 'HTTP' });
  });

  it('resource limits are copied to absent requests and quantities are printed canonically', () => {
    const pod = objectOf(yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: a
          image: nginx
          resources:
            limits: {cpu: 0.5, memory: 1024Mi}
        - name: b
          image: nginx
          resources:
            limits: {cpu: "1", memory: 1.5Gi}
            requests: {cpu: 1000m}
        initContainers:
        - name: i
          image: busybox
          resources:
            limits: {memory: 100M}
    `);
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(pod.spec.containers[1].resources).toEqual({ limits: { cpu: '1', memory: '1536Mi' }, requests: { cpu: '1', memory: '1536Mi' } });
    expect(pod.spec.initContainers[0].resources).toEqual({ limits: { memory: '100M' }, requests: { memory: '100M' } });
    expect(pod.status.qosClass).toBe('Burstable');
  });

  it('a pod whose containers all have equal cpu and memory requests and limits is Guaranteed', () => {
    const pod = objectOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx, resources: {limits: {cpu: 1, memory: 1Gi}}}]}\n');
    expect(pod.status.qosClass).toBe('Guaranteed');
  });

  it.each([
    ['no tolerations', [], ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']],
    ['not-ready already tolerated (kept as is)', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }], ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']],
    ['a toleration with empty effect covers NoExecute', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }], ['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready']],
    ['an empty key with Exists tolerates everything', [{ operator: 'Exists' }], [undefined]],
    ['a NoSchedule toleration does not count', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }], ['node.kubernetes.io/not-ready', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']],
  ])('DefaultTolerationSeconds adds not-ready/unreachable NoExecute 300s unless present: %s', (_name, tolerations, keys) => {
    const pod = objectOf(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }], tolerations } }));
    expect(pod.spec.tolerations.map((t: any) => t.key)).toEqual(keys);
    expect(pod.spec.tolerations.slice(tolerations.length).every((t: any) => t.tolerationSeconds === 300 && t.effect === 'NoExecute')).toBe(true);
    expect(pod.spec.tolerations.slice(0, tolerations.length)).toEqual(tolerations);
  });

  it('hostNetwork pods get hostPort = containerPort', () => {
    const pod = objectOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: true, containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}\n');
    expect(pod.spec.containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  });

  it('a volume without a source is an emptyDir; secret/configMap volumes get defaultMode 0644', () => {
    const pod = objectOf(yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: c, image: nginx}]
        volumes:
        - name: scratch
        - name: cfg
          configMap: {name: app}
        - name: creds
          secret: {secretName: app}
    `);
    expect(pod.spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'app', defaultMode: 420 } },
      { name: 'creds', secret: { secretName: 'app', defaultMode: 420 } },
    ]);
  });
});

describe('defaultPodSpec (for pod templates)', () => {
  it('applies PodSpec/Container/Probe defaults but no Pod-only or admission defaults, without mutating its input', () => {
    const spec = { containers: [{ name: 'c', image: 'nginx:1.2', resources: { limits: { cpu: '1' } }, readinessProbe: { exec: { command: ['true'] } } }] };
    const before = structuredClone(spec);
    const out = defaultPodSpec(spec) as any;
    expect(spec).toEqual(before);
    expect(out).toEqual({
      containers: [{
        name: 'c', image: 'nginx:1.2', resources: { limits: { cpu: '1' } },
        readinessProbe: { exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      }],
      dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
  });

  it('keeps explicit values', () => {
    const out = defaultPodSpec({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0, dnsPolicy: 'Default', containers: [] }) as any;
    expect(out).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0, dnsPolicy: 'Default' });
  });
});

describe('Service, PVC, Namespace, Node defaults', () => {
  it('a service gets type ClusterIP, sessionAffinity None, TCP ports, targetPort = port, single-stack IPv4', () => {
    const svc = objectOf('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, name: http}, {port: 443, targetPort: https, name: tls}]\n');
    expect(svc.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, name: 'http', protocol: 'TCP', targetPort: 80 }, { port: 443, targetPort: 'https', name: 'tls', protocol: 'TCP' }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('NodePort and LoadBalancer services get externalTrafficPolicy Cluster; LoadBalancer allocates node ports', () => {
    expect(objectOf('apiVersion: v1\nkind: Service\nmetadata: {name: w}\nspec: {type: NodePort, ports: [{port: 80}]}\n').spec.externalTrafficPolicy).toBe('Cluster');
    const lb = objectOf('apiVersion: v1\nkind: Service\nmetadata: {name: w}\nspec: {type: LoadBalancer, ports: [{port: 80}]}\n');
    expect(lb.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true, internalTrafficPolicy: 'Cluster' });
  });

  it('ClientIP affinity gets the 10800s timeout; ExternalName services get no IP families', () => {
    const s = objectOf('apiVersion: v1\nkind: Service\nmetadata: {name: w}\nspec: {sessionAffinity: ClientIP, ports: [{port: 80}]}\n');
    expect(s.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    const e = objectOf('apiVersion: v1\nkind: Service\nmetadata: {name: w}\nspec: {type: ExternalName, externalName: db.example.com}\n');
    expect(e.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
  });

  it('a PVC gets volumeMode Filesystem and status Pending', () => {
    const pvc = objectOf('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: d}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n');
    expect(pvc.spec.volumeMode).toBe('Filesystem');
    expect(pvc.status).toEqual({ phase: 'Pending' });
  });

  it('a namespace gets the kubernetes finalizer, phase Active and its metadata.name label', () => {
    const ns = objectOf('apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n');
    expect(ns).toEqual({
      apiVersion: 'v1', kind: 'Namespace',
      metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('a node gets nothing but allocatable = capacity', () => {
    expect(objectOf('apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n')).toEqual({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    const n = objectOf('apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {capacity: {cpu: "4", pods: "110"}}\n');
    expect(n.status.allocatable).toEqual({ cpu: '4', pods: '110' });
  });

  it('defaultObject is pure', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const copy = structuredClone(pod);
    defaultObject(pod, { namespaced: true });
    expect(pod).toEqual(copy);
  });

  it('podQOSClass follows GetPodQOS', () => {
    expect(podQOSClass({ containers: [{}] })).toBe('BestEffort');
    expect(podQOSClass({ containers: [{ resources: { requests: { cpu: '1' } } }] })).toBe('Burstable');
    expect(podQOSClass({ containers: [{ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }] })).toBe('Guaranteed');
    expect(podQOSClass({ containers: [{ resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }] })).toBe('Burstable');
  });
});
