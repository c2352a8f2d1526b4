/**
 * `kubectl describe deployment` and `kubectl rollout history deployment/NAME --revision=N` golden
 * outputs. Layout from kubernetes/kubectl pkg/describe/describe.go (`DeploymentDescriber`,
 * `describeDeployment`, `printReplicaSetsByLabels`, `DescribePodTemplate`), pkg/util/deployment
 * (`GetAllReplicaSetsInChunks`: listed by selector, controlled by the Deployment, sorted by creation
 * timestamp; every old set is listed, zero-replica ones included), pkg/polymorphichelpers/history.go
 * (`printTemplate`: no tabwriter) and pkg/cmd/rollout/rollout_history.go (NamePrinter header).
 */
import { describe, expect, it } from 'vitest';
import * as describers from '../../src/views/describe.ts';
import { describeObject, describePodTemplateForHistory, rolloutHistoryRevisionText } from '../../src/views/describe.ts';
import { describeOne } from '../../src/cli/commands/describe.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';
import type { KObject } from '../../src/types.ts';
import { DAY, HOUR, MIN, NOW, SEC, ago, event } from './fixtures.ts';

const text = (lines: string[]) => lines.join('\n') + '\n';

type Labels = Record<string, string>;

interface DeploymentOpts {
  name: string;
  namespace?: string;
  labels?: Labels;
  annotations?: Labels;
  created?: string;
  replicas?: number;
  selector?: unknown;
  template: any;
  strategy?: unknown;
  minReadySeconds?: number;
  paused?: boolean;
  status?: unknown;
}

/** A Deployment as the API server returns it (defaulted fields present, as in `-o yaml`). */
function deployment(o: DeploymentOpts): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: o.name,
      namespace: o.namespace ?? 'default',
      uid: `uid-${o.name}`,
      generation: 1,
      resourceVersion: '1234',
      creationTimestamp: o.created ?? ago(30 * MIN),
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: {
      replicas: o.replicas ?? 1,
      selector: o.selector ?? { matchLabels: o.template.metadata.labels },
      template: o.template,
      strategy: o.strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...(o.paused ? { paused: true } : {}),
    },
    status: o.status ?? {},
  } as unknown as KObject;
}

function podTemplate(labels: Labels, container: Record<string, unknown>): any {
  return {
    metadata: { creationTimestamp: null, labels },
    spec: {
      containers: [{ imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...container }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

interface RsOpts {
  hash: string;
  /** The template the set was created from (its labels get pod-template-hash). */
  template: any;
  replicas: number;
  current?: number;
  created: string;
  revision: number;
  name?: string;
  namespace?: string;
  labels?: Labels;
  /** uid of the controller owner reference; null for none */
  ownerUid?: string | null;
  controller?: boolean;
  changeCause?: string;
}

/** A ReplicaSet of Deployment `d` as the Deployment controller creates it. */
function replicaSet(d: KObject, o: RsOpts): KObject {
  const name = o.name ?? `${d.metadata.name}-${o.hash}`;
  const labels = o.labels ?? { ...o.template.metadata.labels, 'pod-template-hash': o.hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: o.namespace ?? d.metadata.namespace,
      uid: `uid-${name}`,
      creationTimestamp: o.created,
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
        'deployment.kubernetes.io/max-replicas': String(d.spec.replicas + 1),
        'deployment.kubernetes.io/revision': String(o.revision),
        ...(o.changeCause ? { 'kubernetes.io/change-cause': o.changeCause } : {}),
      },
      ownerReferences: o.ownerUid === null ? [] : [{
        apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: o.ownerUid ?? d.metadata.uid,
        controller: o.controller ?? true, blockOwnerDeletion: true,
      }],
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...d.spec.selector.matchLabels, 'pod-template-hash': o.hash } },
      template: { ...o.template, metadata: { ...o.template.metadata, labels: { ...o.template.metadata.labels, 'pod-template-hash': o.hash } } },
    },
    status: {
      replicas: o.current ?? o.replicas,
      fullyLabeledReplicas: o.current ?? o.replicas,
      readyReplicas: o.current ?? o.replicas,
      availableReplicas: o.current ?? o.replicas,
      observedGeneration: 1,
    },
  } as unknown as KObject;
}

const cond = (type: string, status: string, reason: string, message: string) => ({
  type, status, reason, message, lastUpdateTime: ago(MIN), lastTransitionTime: ago(MIN),
});

function scaling(deploymentName: string, message: string, first: string) {
  return event({ kind: 'Deployment', objName: deploymentName, reason: 'ScalingReplicaSet', message, first, component: 'deployment-controller' });
}

const nginxLabels = { 'app.kubernetes.io/name': 'nginx' };
const nginxTemplate = (image: string) => podTemplate(nginxLabels, { name: 'nginx', image, ports: [{ containerPort: 80, protocol: 'TCP' }] });

describe('kubectl describe deployment', () => {
  it('a finished rolling update: percent strategy, both conditions, the scaled-down old set, deployment events', () => {
    const d = deployment({
      name: 'nginx-deployment',
      labels: nginxLabels,
      annotations: {
        'deployment.kubernetes.io/revision': '2',
        'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1","kind":"Deployment"}\n',
      },
      replicas: 3,
      template: nginxTemplate('nginx:1.16.1'),
      status: {
        observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3,
        conditions: [
          cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
          cond('Progressing', 'True', 'NewReplicaSetAvailable', 'ReplicaSet "nginx-deployment-58d5b8b8d8" has successfully progressed.'),
        ],
      },
    });
    const oldRS = replicaSet(d, { hash: '6b474476c4', template: nginxTemplate('nginx:1.14.2'), replicas: 0, created: ago(30 * MIN), revision: 1 });
    const newRS = replicaSet(d, { hash: '58d5b8b8d8', template: nginxTemplate('nginx:1.16.1'), replicas: 3, created: ago(5 * MIN), revision: 2 });
    const replicaSets = [
      newRS,
      // selected, but controlled by another Deployment
      replicaSet(d, { name: 'nginx-canary-5c9d7b8f6d', hash: '5c9d7b8f6d', template: nginxTemplate('nginx:1.16.1'), replicas: 1, created: ago(HOUR), revision: 1, ownerUid: 'uid-nginx-canary' }),
      oldRS,
    ];
    const events = [
      scaling('nginx-deployment', 'Scaled up replica set nginx-deployment-6b474476c4 from 0 to 3', ago(30 * MIN)),
      scaling('nginx-deployment', 'Scaled up replica set nginx-deployment-58d5b8b8d8 from 0 to 1', ago(5 * MIN)),
      scaling('nginx-deployment', 'Scaled down replica set nginx-deployment-6b474476c4 from 3 to 2', ago(4 * MIN)),
      scaling('nginx-deployment', 'Scaled up replica set nginx-deployment-58d5b8b8d8 from 1 to 3', ago(3 * MIN)),
      scaling('nginx-deployment', 'Scaled down replica set nginx-deployment-6b474476c4 from 2 to 0', ago(3 * MIN)),
      event({ kind: 'ReplicaSet', objName: 'nginx-deployment-58d5b8b8d8', reason: 'SuccessfulCreate', message: 'Created pod: x', first: ago(MIN), component: 'replicaset-controller' }),
    ];
    expect(describeObject(d, events, NOW, { replicaSets })).toBe(text([
      'Name:                   nginx-deployment',
      'Namespace:              default',
      'CreationTimestamp:      Wed, 01 May 2024 11:30:00 +0000',
      'Labels:                 app.kubernetes.io/name=nginx',
      'Annotations:            deployment.kubernetes.io/revision: 2',
      'Selector:               app.kubernetes.io/name=nginx',
      'Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable',
      'StrategyType:           RollingUpdate',
      'MinReadySeconds:        0',
      'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
      'Pod Template:',
      '  Labels:  app.kubernetes.io/name=nginx',
      '  Containers:',
      '   nginx:',
      '    Image:         nginx:1.16.1',
      '    Port:          80/TCP',
      '    Host Port:     0/TCP',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Conditions:',
      // `%v \t%v\t%v`: the column block runs on into OldReplicaSets/NewReplicaSet
      '  Type           Status  Reason',
      '  ----           ------  ------',
      '  Available      True    MinimumReplicasAvailable',
      '  Progressing    True    NewReplicaSetAvailable',
      'OldReplicaSets:  nginx-deployment-6b474476c4 (0/0 replicas created)',
      'NewReplicaSet:   nginx-deployment-58d5b8b8d8 (3/3 replicas created)',
      'Events:',
      '  Type    Reason             Age   From                   Message',
      '  ----    ------             ----  ----                   -------',
      '  Normal  ScalingReplicaSet  30m   deployment-controller  Scaled up replica set nginx-deployment-6b474476c4 from 0 to 3',
      '  Normal  ScalingReplicaSet  5m    deployment-controller  Scaled up replica set nginx-deployment-58d5b8b8d8 from 0 to 1',
      '  Normal  ScalingReplicaSet  4m    deployment-controller  Scaled down replica set nginx-deployment-6b474476c4 from 3 to 2',
      '  Normal  ScalingReplicaSet  3m    deployment-controller  Scaled up replica set nginx-deployment-58d5b8b8d8 from 1 to 3',
      '  Normal  ScalingReplicaSet  3m    deployment-controller  Scaled down replica set nginx-deployment-6b474476c4 from 2 to 0',
    ]));
  });

  it('mid-rollout with integer fenceposts and minReadySeconds; old sets oldest first (name breaks ties); --show-events=false', () => {
    const labels = { app: 'web', tier: 'frontend' };
    const tmpl = (image: string) => podTemplate(labels, {
      name: 'web', image, ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
      env: [{ name: 'LOG_LEVEL', value: 'info' }],
      resources: { limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    });
    const d = deployment({
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '4', 'kubernetes.io/change-cause': 'kubectl set image deployment/web web=registry.example.com/web:3.0' },
      created: ago(3 * DAY),
      replicas: 4,
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }] },
      template: tmpl('registry.example.com/web:3.0'),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      minReadySeconds: 10,
      status: {
        observedGeneration: 4, replicas: 5, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 1,
        conditions: [
          cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
          cond('Progressing', 'True', 'ReplicaSetUpdated', 'ReplicaSet "web-6f7d9c8b5" is progressing.'),
        ],
      },
    });
    const replicaSets = [
      // list order is by name; kubectl sorts by creation timestamp, then name
      replicaSet(d, { hash: '4b2c8d7f9', template: tmpl('registry.example.com/web:2.0'), replicas: 0, created: ago(2 * DAY), revision: 2 }),
      replicaSet(d, { hash: '5d8b6c9f7', template: tmpl('registry.example.com/web:2.1'), replicas: 4, created: ago(2 * DAY), revision: 3 }),
      replicaSet(d, { hash: '6f7d9c8b5', template: tmpl('registry.example.com/web:3.0'), replicas: 1, created: ago(20 * SEC), revision: 4 }),
      replicaSet(d, { hash: '7c9f5b6d8', template: tmpl('registry.example.com/web:1.0'), replicas: 0, created: ago(3 * DAY), revision: 1 }),
    ];
    expect(describeObject(d, null, NOW, { replicaSets })).toBe(text([
      'Name:                   web',
      'Namespace:              shop',
      'CreationTimestamp:      Sun, 28 Apr 2024 12:00:00 +0000',
      'Labels:                 app=web',
      'Annotations:            deployment.kubernetes.io/revision: 4',
      '                        kubernetes.io/change-cause: kubectl set image deployment/web web=registry.example.com/web:3.0',
      'Selector:               app=web,tier in (frontend)',
      'Replicas:               4 desired | 1 updated | 5 total | 4 available | 1 unavailable',
      'StrategyType:           RollingUpdate',
      'MinReadySeconds:        10',
      'RollingUpdateStrategy:  0 max unavailable, 1 max surge',
      'Pod Template:',
      '  Labels:  app=web',
      '           tier=frontend',
      '  Containers:',
      '   web:',
      '    Image:      registry.example.com/web:3.0',
      '    Port:       8080/TCP',
      '    Host Port:  0/TCP',
      '    Limits:',
      '      memory:  256Mi',
      '    Requests:',
      '      cpu:      100m',
      '      memory:   128Mi',
      '    Readiness:  http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3',
      '    Environment:',
      // one column block from the env var down to `NewReplicaSet:` (no tab-less line between)
      '      LOG_LEVEL:   info',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Conditions:',
      '  Type           Status  Reason',
      '  ----           ------  ------',
      '  Available      True    MinimumReplicasAvailable',
      '  Progressing    True    ReplicaSetUpdated',
      'OldReplicaSets:  web-7c9f5b6d8 (0/0 replicas created), web-4b2c8d7f9 (0/0 replicas created), web-5d8b6c9f7 (4/4 replicas created)',
      'NewReplicaSet:   web-6f7d9c8b5 (1/1 replicas created)',
    ]));
  });

  it('Recreate strategy, just created: no RollingUpdateStrategy line, no conditions, no ReplicaSet lines, Events <none>', () => {
    const d = deployment({
      name: 'batch-worker',
      namespace: 'jobs',
      created: ago(2 * SEC),
      replicas: 1,
      template: podTemplate({ app: 'batch-worker' }, { name: 'worker', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }),
      strategy: { type: 'Recreate' },
    });
    expect(describeObject(d, [], NOW)).toBe(text([
      'Name:               batch-worker',
      'Namespace:          jobs',
      'CreationTimestamp:  Wed, 01 May 2024 11:59:58 +0000',
      'Labels:             <none>',
      'Annotations:        <none>',
      'Selector:           app=batch-worker',
      'Replicas:           1 desired | 0 updated | 0 total | 0 available | 0 unavailable',
      'StrategyType:       Recreate',
      'MinReadySeconds:    0',
      'Pod Template:',
      '  Labels:  app=batch-worker',
      '  Containers:',
      '   worker:',
      '    Image:      busybox:1.36',
      '    Port:       <none>',
      '    Host Port:  <none>',
      '    Command:',
      '      sh',
      '      -c',
      '      sleep 3600',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      // no tab-less line in between: `Events:` joins the pod template's last column block
      'Events:            <none>',
    ]));
  });

  it('paused after `set image`: no Paused line, Progressing Unknown/DeploymentPaused, NewReplicaSet <none>', () => {
    const d = deployment({
      name: 'nginx',
      labels: { app: 'nginx' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      created: ago(DAY),
      replicas: 3,
      template: podTemplate({ app: 'nginx' }, { name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }),
      paused: true,
      status: {
        observedGeneration: 2, replicas: 3, updatedReplicas: 0, readyReplicas: 3, availableReplicas: 3,
        conditions: [
          cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
          cond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused'),
        ],
      },
    });
    const rs = replicaSet(d, {
      hash: '7854ff8877', template: podTemplate({ app: 'nginx' }, { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }),
      replicas: 3, created: ago(DAY), revision: 1,
    });
    const events = [scaling('nginx', 'Scaled up replica set nginx-7854ff8877 from 0 to 3', ago(DAY))];
    expect(describeObject(d, events, NOW, { replicaSets: [rs] })).toBe(text([
      'Name:                   nginx',
      'Namespace:              default',
      'CreationTimestamp:      Tue, 30 Apr 2024 12:00:00 +0000',
      'Labels:                 app=nginx',
      'Annotations:            deployment.kubernetes.io/revision: 1',
      'Selector:               app=nginx',
      'Replicas:               3 desired | 0 updated | 3 total | 3 available | 0 unavailable',
      'StrategyType:           RollingUpdate',
      'MinReadySeconds:        0',
      'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
      'Pod Template:',
      '  Labels:  app=nginx',
      '  Containers:',
      '   nginx:',
      '    Image:         nginx:1.27',
      '    Port:          80/TCP',
      '    Host Port:     0/TCP',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Conditions:',
      '  Type           Status   Reason',
      '  ----           ------   ------',
      '  Available      True     MinimumReplicasAvailable',
      '  Progressing    Unknown  DeploymentPaused',
      'OldReplicaSets:  nginx-7854ff8877 (3/3 replicas created)',
      'NewReplicaSet:   <none>',
      'Events:',
      '  Type    Reason             Age   From                   Message',
      '  ----    ------             ----  ----                   -------',
      '  Normal  ScalingReplicaSet  24h   deployment-controller  Scaled up replica set nginx-7854ff8877 from 0 to 3',
    ]));
  });

  const lines = (out: string, re: RegExp) => out.split('\n').filter((l) => re.test(l));

  it('which ReplicaSets count: selected and controlled by this Deployment, in its namespace; the OLDEST matching template is the new one', () => {
    const d = deployment({ name: 'api', replicas: 2, template: podTemplate({ app: 'api' }, { name: 'api', image: 'api:2' }) });
    const t1 = podTemplate({ app: 'api' }, { name: 'api', image: 'api:1' });
    const t2 = podTemplate({ app: 'api' }, { name: 'api', image: 'api:2' });
    const replicaSets = [
      // two sets with the Deployment's template (kubernetes#40415): the older is the new one
      replicaSet(d, { hash: 'bbbbbbbbb', template: t2, replicas: 0, created: ago(10 * MIN), revision: 2 }),
      replicaSet(d, { hash: 'aaaaaaaaa', template: t2, replicas: 2, created: ago(20 * MIN), revision: 2 }),
      replicaSet(d, { hash: 'ccccccccc', template: t1, replicas: 0, created: ago(HOUR), revision: 1 }),
      // owner reference without controller: true
      replicaSet(d, { hash: 'ddddddddd', template: t1, replicas: 0, created: ago(HOUR), revision: 1, controller: false }),
      // orphan
      replicaSet(d, { hash: 'eeeeeeeee', template: t1, replicas: 0, created: ago(HOUR), revision: 1, ownerUid: null }),
      // controlled by it, but no longer selected
      replicaSet(d, { hash: 'fffffffff', template: t1, replicas: 0, created: ago(HOUR), revision: 1, labels: { app: 'api-debug' } }),
      // another namespace
      replicaSet(d, { hash: 'ggggggggg', template: t1, replicas: 0, created: ago(HOUR), revision: 1, namespace: 'other' }),
    ];
    expect(lines(describeObject(d, null, NOW, { replicaSets }), /ReplicaSets?:/)).toEqual([
      // no Conditions: these lines align with the pod template's `  Node-Selectors:` block
      'OldReplicaSets:    api-ccccccccc (0/0 replicas created), api-bbbbbbbbb (0/0 replicas created)',
      'NewReplicaSet:     api-aaaaaaaaa (2/2 replicas created)',
    ]);
  });

  it('a new set but no old ones prints OldReplicaSets <none>; the API defaults fill a missing strategy or fencepost', () => {
    const t = podTemplate({ app: 'api' }, { name: 'api', image: 'api:1' });
    const d = deployment({ name: 'api', replicas: 2, template: t, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%' } } });
    const rs = replicaSet(d, { hash: 'aaaaaaaaa', template: t, replicas: 2, current: 1, created: ago(MIN), revision: 1 });
    const out = describeObject(d, null, NOW, { replicaSets: [rs] });
    expect(lines(out, /ReplicaSets?:|Strategy/)).toEqual([
      'StrategyType:           RollingUpdate',
      'RollingUpdateStrategy:  25% max unavailable, 50% max surge',
      'OldReplicaSets:    <none>',
      'NewReplicaSet:     api-aaaaaaaaa (1/2 replicas created)',
    ]);
    const bare = deployment({ name: 'api', template: t });
    delete (bare.spec as any).strategy;
    expect(lines(describeObject(bare, null, NOW), /Strateg/)).toEqual([
      'StrategyType:           RollingUpdate',
      'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
    ]);
  });

  it('kubeactors describe passes the namespace\'s ReplicaSets and the Deployment\'s events', () => {
    const t = nginxTemplate('nginx:1.25');
    const d = deployment({ name: 'nginx', replicas: 1, template: t, labels: nginxLabels });
    const rs = replicaSet(d, { hash: '7854ff8877', template: t, replicas: 1, created: ago(MIN), revision: 1 });
    const calls: unknown[] = [];
    const cluster = {
      now: () => NOW,
      events: (q: unknown) => {
        calls.push(['events', q]);
        return [scaling('nginx', 'Scaled up replica set nginx-7854ff8877 from 0 to 1', ago(MIN))];
      },
      list: (kind: string, q: unknown) => {
        calls.push(['list', kind, q]);
        return kind === 'ReplicaSet' ? [rs] : [];
      },
    } as unknown as Cluster;
    const out = describeOne(describers, cluster, d);
    expect(calls).toEqual([
      ['events', { involved: { kind: 'Deployment', name: 'nginx', namespace: 'default' } }],
      ['list', 'ReplicaSet', { namespace: 'default' }],
    ]);
    expect(lines(out, /ReplicaSets?:|ScalingReplicaSet/)).toEqual([
      'OldReplicaSets:    <none>',
      'NewReplicaSet:     nginx-7854ff8877 (1/1 replicas created)',
      '  Normal  ScalingReplicaSet  60s   deployment-controller  Scaled up replica set nginx-7854ff8877 from 0 to 1',
    ]);
    expect(describeOne(describers, cluster, d, false)).not.toContain('Events');
  });
});

describe('kubectl rollout history deployment/NAME --revision=N', () => {
  it('the NamePrinter header, then DescribePodTemplate with literal tabs (no tabwriter), then an empty line', () => {
    const d = deployment({ name: 'nginx-deployment', replicas: 3, template: nginxTemplate('nginx:1.16.1') });
    const rs = replicaSet(d, { hash: '58d5b8b8d8', template: nginxTemplate('nginx:1.16.1'), replicas: 3, created: ago(5 * MIN), revision: 2 });
    expect(rolloutHistoryRevisionText('nginx-deployment', 2, (rs.spec as any).template)).toBe([
      'deployment.apps/nginx-deployment with revision #2',
      'Pod Template:',
      '  Labels:\tapp.kubernetes.io/name=nginx',
      '\tpod-template-hash=58d5b8b8d8',
      '  Containers:',
      '   nginx:',
      '    Image:\tnginx:1.16.1',
      '    Port:\t80/TCP',
      '    Host Port:\t0/TCP',
      '    Environment:\t<none>',
      '    Mounts:\t<none>',
      '  Volumes:\t<none>',
      '  Node-Selectors:\t<none>',
      '  Tolerations:\t<none>',
      '',
      '',
    ].join('\n'));
  });

  it('the ReplicaSet\'s change-cause joins the template annotations; volumes and env keep their tabs', () => {
    const t = podTemplate({ app: 'web' }, {
      name: 'web', image: 'web:2', env: [{ name: 'MODE', value: 'prod' }], volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
    });
    t.spec.volumes = [{ name: 'cache', emptyDir: {} }];
    const d = deployment({ name: 'web', template: t });
    const rs = replicaSet(d, { hash: '6c7f5d8b9c', template: t, replicas: 1, created: ago(MIN), revision: 3, changeCause: 'kubectl set image deployment/web web=web:2' });
    const template = (rs.spec as any).template;
    const before = JSON.stringify(template);
    const cause = rs.metadata.annotations!['kubernetes.io/change-cause'];
    const block = [
      'Pod Template:',
      '  Labels:\tapp=web',
      '\tpod-template-hash=6c7f5d8b9c',
      '  Annotations:\tkubernetes.io/change-cause: kubectl set image deployment/web web=web:2',
      '  Containers:',
      '   web:',
      '    Image:\tweb:2',
      '    Port:\t<none>',
      '    Host Port:\t<none>',
      '    Environment:',
      '      MODE:\tprod',
      '    Mounts:',
      '      /cache from cache (rw)',
      '  Volumes:',
      '   cache:',
      '    Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)',
      '    Medium:\t',
      '    SizeLimit:\t<unset>',
      '  Node-Selectors:\t<none>',
      '  Tolerations:\t<none>',
      '',
    ].join('\n');
    expect(describePodTemplateForHistory(template, cause)).toBe(block);
    expect(rolloutHistoryRevisionText('web', 3, template, cause)).toBe(`deployment.apps/web with revision #3\n${block}\n`);
    expect(JSON.stringify(template)).toBe(before);
  });
});
