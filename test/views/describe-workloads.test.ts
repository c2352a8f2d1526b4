/**
 * `kubectl describe` golden outputs for DaemonSet, StatefulSet, PersistentVolume, StorageClass and
 * Endpoints (kubectl 1.32). Layouts from kubernetes/kubectl pkg/describe/describe.go:
 * `describeDaemonSet` (no `Namespace:` line before 1.33; the five node counters carry no tab),
 * `describeStatefulSet` + `describeVolumeClaimTemplates`, `describePersistentVolume` +
 * `printVolumeNodeAffinity` / `printHostPathVolumeSource` / `printCSIPersistentVolumeSource`,
 * `describeStorageClass` + `printAllowedTopologies`, `describeEndpoints`. Alignment is Go's
 * text/tabwriter (padding 2) over column blocks; expected strings are written out literally.
 */
import { describe, expect, it } from 'vitest';
import * as describers from '../../src/views/describe.ts';
import { describeObject } from '../../src/views/describe.ts';
import { describeOne } from '../../src/cli/commands/describe.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';
import type { KObject } from '../../src/types.ts';
import { DAY, HOUR, MIN, NOW, SEC, ago, event } from './fixtures.ts';

const text = (lines: string[]) => lines.join('\n') + '\n';
const obj = (o: Record<string, unknown>) => o as unknown as KObject;

type Labels = Record<string, string>;

/** A pod as the workload controllers create them: labels, a controller owner reference, a phase. */
function ownedPod(name: string, labels: Labels, phase: string, owner?: { kind: string; name: string; uid: string }, namespace = 'default'): KObject {
  return obj({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace, uid: `uid-${name}`, creationTimestamp: ago(5 * MIN), labels,
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
    status: { phase },
  });
}

/** A container as the API server returns it inside a template (defaulted fields present). */
const container = (c: Record<string, unknown>) => ({
  imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...c,
});

function template(labels: Labels, spec: Record<string, unknown>): any {
  return {
    metadata: { creationTimestamp: null, labels },
    spec: { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30, ...spec },
  };
}

// ---------------------------------------------------------------------------------------------
// DaemonSet

interface DsOpts {
  name: string;
  namespace: string;
  labels?: Labels;
  annotations?: Labels;
  podLabels: Labels;
  podSpec: Record<string, unknown>;
  status: Record<string, number>;
}

function daemonSet(o: DsOpts): KObject {
  return obj({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: o.name, namespace: o.namespace, uid: `uid-${o.name}`, generation: 1, creationTimestamp: ago(10 * DAY),
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: {
      selector: { matchLabels: o.podLabels },
      template: template(o.podLabels, o.podSpec),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: { observedGeneration: 1, ...o.status },
  });
}

const fluentdLabels = { name: 'fluentd-elasticsearch' };
const fluentd = daemonSet({
  name: 'fluentd-elasticsearch',
  namespace: 'kube-system',
  labels: { 'k8s-app': 'fluentd-logging' },
  annotations: { 'deprecated.daemonset.template.generation': '1' },
  podLabels: fluentdLabels,
  podSpec: {
    nodeSelector: { disktype: 'ssd' },
    tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    containers: [container({
      name: 'fluentd-elasticsearch',
      image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
      resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
      volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }],
    })],
    volumes: [{ name: 'varlog', hostPath: { path: '/var/log', type: '' } }],
  },
  status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0 },
});
const fluentdOwner = { kind: 'DaemonSet', name: 'fluentd-elasticsearch', uid: 'uid-fluentd-elasticsearch' };
const fluentdPods = [
  ownedPod('fluentd-elasticsearch-7xkzp', fluentdLabels, 'Running', fluentdOwner, 'kube-system'),
  ownedPod('fluentd-elasticsearch-q2v8d', fluentdLabels, 'Running', fluentdOwner, 'kube-system'),
  ownedPod('fluentd-elasticsearch-n4m5c', fluentdLabels, 'Pending', fluentdOwner, 'kube-system'),
  ownedPod('fluentd-elasticsearch-zz9k1', fluentdLabels, 'Failed', fluentdOwner, 'kube-system'),
  // selected but controlled by something else; controlled but no longer selected; an orphan
  ownedPod('fluentd-other', fluentdLabels, 'Running', { kind: 'DaemonSet', name: 'other', uid: 'uid-other' }, 'kube-system'),
  ownedPod('fluentd-relabelled', { name: 'debug' }, 'Running', fluentdOwner, 'kube-system'),
  ownedPod('fluentd-orphan', fluentdLabels, 'Running', undefined, 'kube-system'),
];
const fluentdEvents = [
  event({
    namespace: 'kube-system', kind: 'DaemonSet', objName: 'fluentd-elasticsearch', reason: 'SuccessfulCreate',
    message: 'Created pod: fluentd-elasticsearch-7xkzp', first: ago(2 * MIN), component: 'daemonset-controller',
  }),
  event({ namespace: 'kube-system', kind: 'Pod', objName: 'fluentd-elasticsearch-7xkzp', reason: 'Pulled', message: 'x', first: ago(MIN) }),
];

const nodeExporter = daemonSet({
  name: 'node-exporter',
  namespace: 'monitoring',
  podLabels: { app: 'node-exporter' },
  podSpec: { containers: [container({ name: 'node-exporter', image: 'prom/node-exporter:v1.8.1', ports: [{ containerPort: 9100, hostPort: 9100, protocol: 'TCP' }] })] },
  status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 1 },
});

describe('kubectl describe daemonset', () => {
  it.each([
    {
      title: 'with a nodeSelector, a hostPath volume, pod counts and events',
      ds: fluentd,
      pods: fluentdPods,
      events: fluentdEvents,
      want: [
        'Name:           fluentd-elasticsearch',
        'Selector:       name=fluentd-elasticsearch',
        'Node-Selector:  disktype=ssd',
        'Labels:         k8s-app=fluentd-logging',
        'Annotations:    deprecated.daemonset.template.generation: 1',
        'Desired Number of Nodes Scheduled: 2',
        'Current Number of Nodes Scheduled: 2',
        'Number of Nodes Scheduled with Up-to-date Pods: 2',
        'Number of Nodes Scheduled with Available Pods: 2',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  2 Running / 1 Waiting / 0 Succeeded / 1 Failed',
        'Pod Template:',
        '  Labels:  name=fluentd-elasticsearch',
        '  Containers:',
        '   fluentd-elasticsearch:',
        '    Image:      quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Limits:',
        '      memory:  200Mi',
        '    Requests:',
        '      cpu:        100m',
        '      memory:     200Mi',
        '    Environment:  <none>',
        '    Mounts:',
        '      /var/log from varlog (rw)',
        '  Volumes:',
        '   varlog:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /var/log',
        '    HostPathType:  ',
        '  Node-Selectors:  disktype=ssd',
        '  Tolerations:     node-role.kubernetes.io/control-plane:NoSchedule op=Exists',
        'Events:',
        '  Type    Reason            Age   From                  Message',
        '  ----    ------            ----  ----                  -------',
        '  Normal  SuccessfulCreate  2m    daemonset-controller  Created pod: fluentd-elasticsearch-7xkzp',
      ],
    },
    {
      title: 'without a nodeSelector, labels or pods; no events',
      ds: nodeExporter,
      pods: [],
      events: [],
      want: [
        'Name:           node-exporter',
        'Selector:       app=node-exporter',
        'Node-Selector:  <none>',
        'Labels:         <none>',
        'Annotations:    <none>',
        'Desired Number of Nodes Scheduled: 3',
        'Current Number of Nodes Scheduled: 3',
        'Number of Nodes Scheduled with Up-to-date Pods: 3',
        'Number of Nodes Scheduled with Available Pods: 2',
        'Number of Nodes Misscheduled: 1',
        'Pods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=node-exporter',
        '  Containers:',
        '   node-exporter:',
        '    Image:         prom/node-exporter:v1.8.1',
        '    Port:          9100/TCP',
        '    Host Port:     9100/TCP',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Events:            <none>',
      ],
    },
  ])('$title', ({ ds, pods, events, want }) => {
    expect(describeObject(ds, events, NOW, { pods })).toBe(text(want));
  });

  it('--show-events=false (events null) drops the Events section', () => {
    expect(describeObject(nodeExporter, null, NOW, { pods: [] })).not.toContain('Events');
  });
});

// ---------------------------------------------------------------------------------------------
// StatefulSet

interface StsOpts {
  name: string;
  labels?: Labels;
  podLabels: Labels;
  replicas: number;
  current: number;
  updateStrategy?: unknown;
  podSpec: Record<string, unknown>;
  volumeClaimTemplates?: unknown[];
}

function statefulSet(o: StsOpts): KObject {
  return obj({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: o.name, namespace: 'default', uid: `uid-${o.name}`, generation: 1, creationTimestamp: ago(2 * HOUR),
      ...(o.labels ? { labels: o.labels } : {}),
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: o.podLabels },
      serviceName: o.name,
      template: template(o.podLabels, o.podSpec),
      ...(o.updateStrategy !== undefined ? { updateStrategy: o.updateStrategy } : {}),
      podManagementPolicy: 'OrderedReady',
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      ...(o.volumeClaimTemplates ? { volumeClaimTemplates: o.volumeClaimTemplates } : {}),
    },
    status: { observedGeneration: 1, replicas: o.current, availableReplicas: o.current },
  });
}

/** A claim template as a stored StatefulSet carries it (apiVersion/kind, status phase Pending). */
function claimTemplate(name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: { name, creationTimestamp: null, ...meta },
    spec: { volumeMode: 'Filesystem', ...spec },
    status: { phase: 'Pending' },
  };
}

const webLabels = { app: 'nginx' };
const web = statefulSet({
  name: 'web',
  podLabels: webLabels,
  replicas: 3,
  current: 3,
  updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
  podSpec: {
    containers: [container({
      name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.8',
      ports: [{ name: 'web', containerPort: 80, protocol: 'TCP' }],
      volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
    })],
  },
  volumeClaimTemplates: [
    claimTemplate('www', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' }, { labels: { tier: 'storage' } }),
    claimTemplate('logs', { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], resources: {} },
      { annotations: { 'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path' } }),
  ],
});
const webOwner = { kind: 'StatefulSet', name: 'web', uid: 'uid-web' };
const webPods = [
  ownedPod('web-0', webLabels, 'Running', webOwner),
  ownedPod('web-1', webLabels, 'Running', webOwner),
  ownedPod('web-2', webLabels, 'Pending', webOwner),
  ownedPod('nginx-standalone', webLabels, 'Running'),
];
const webEvents = [
  event({
    kind: 'StatefulSet', objName: 'web', reason: 'SuccessfulCreate', message: 'create Pod web-0 in StatefulSet web successful',
    first: ago(90 * SEC), component: 'statefulset-controller',
  }),
];

const cache = statefulSet({
  name: 'cache',
  labels: { app: 'cache' },
  podLabels: { app: 'cache' },
  replicas: 2,
  current: 1,
  updateStrategy: { type: 'OnDelete' },
  podSpec: { containers: [container({ name: 'redis', image: 'redis:7' })] },
});

describe('kubectl describe statefulset', () => {
  it('volume claim templates (class, labels, annotations, <default> capacity, access modes as a Go slice) and a partition', () => {
    expect(describeObject(web, webEvents, NOW, { pods: webPods })).toBe(text([
      'Name:               web',
      'Namespace:          default',
      'CreationTimestamp:  Wed, 01 May 2024 10:00:00 +0000',
      'Selector:           app=nginx',
      'Labels:             <none>',
      'Annotations:        <none>',
      'Replicas:           3 desired | 3 total',
      'Update Strategy:    RollingUpdate',
      '  Partition:        2',
      'Pods Status:        2 Running / 1 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:  app=nginx',
      '  Containers:',
      '   nginx:',
      '    Image:        registry.k8s.io/nginx-slim:0.8',
      '    Port:         80/TCP',
      '    Host Port:    0/TCP',
      '    Environment:  <none>',
      '    Mounts:',
      '      /usr/share/nginx/html from www (rw)',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Volume Claims:',
      '  Name:          www',
      '  StorageClass:  standard',
      '  Labels:        tier=storage',
      '  Annotations:   <none>',
      '  Capacity:      1Gi',
      '  Access Modes:  [ReadWriteOnce]',
      '  Name:          logs',
      '  StorageClass:  ',
      '  Labels:        <none>',
      '  Annotations:   volume.beta.kubernetes.io/storage-provisioner=rancher.io/local-path',
      '  Capacity:      <default>',
      '  Access Modes:  [ReadWriteOnce ReadOnlyMany]',
      'Events:',
      '  Type    Reason            Age   From                    Message',
      '  ----    ------            ----  ----                    -------',
      '  Normal  SuccessfulCreate  90s   statefulset-controller  create Pod web-0 in StatefulSet web successful',
    ]));
  });

  it('OnDelete (no Partition line), no claim templates, --show-events=false', () => {
    expect(describeObject(cache, null, NOW, { pods: [] })).toBe(text([
      'Name:               cache',
      'Namespace:          default',
      'CreationTimestamp:  Wed, 01 May 2024 10:00:00 +0000',
      'Selector:           app=cache',
      'Labels:             app=cache',
      'Annotations:        <none>',
      'Replicas:           2 desired | 1 total',
      'Update Strategy:    OnDelete',
      'Pods Status:        0 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:  app=cache',
      '  Containers:',
      '   redis:',
      '    Image:         redis:7',
      '    Port:          <none>',
      '    Host Port:     <none>',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Volume Claims:     <none>',
    ]));
  });

  it.each([
    ['RollingUpdate, partition 0', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ['Update Strategy:    RollingUpdate', '  Partition:        0']],
    ['partition and maxUnavailable', { type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: '50%' } },
      ['Update Strategy:    RollingUpdate', '  Partition:        1', '  MaxUnavailable:   50%']],
    ['RollingUpdate without a rollingUpdate block', { type: 'RollingUpdate' }, ['Update Strategy:    RollingUpdate']],
    ['no updateStrategy: read as SetDefaults_StatefulSet fills it', undefined, ['Update Strategy:    RollingUpdate', '  Partition:        0']],
  ])('update strategy: %s', (_title, updateStrategy, want) => {
    const sts = statefulSet({ name: 'db', podLabels: { app: 'db' }, replicas: 1, current: 1, updateStrategy, podSpec: { containers: [container({ name: 'db', image: 'postgres:16' })] } });
    const out = describeObject(sts, [], NOW, { pods: [] });
    expect(out.split('\n').filter((l) => /Update Strategy|Partition|MaxUnavailable/.test(l))).toEqual(want);
  });
});

// ---------------------------------------------------------------------------------------------
// PersistentVolume

const taskPV = obj({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: {
    name: 'task-pv-volume', uid: 'uid-task-pv-volume', creationTimestamp: ago(DAY),
    labels: { type: 'local' },
    annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' },
    finalizers: ['kubernetes.io/pv-protection'],
  },
  spec: {
    storageClassName: 'manual',
    capacity: { storage: '10Gi' },
    accessModes: ['ReadWriteOnce'],
    hostPath: { path: '/mnt/data', type: '' },
    persistentVolumeReclaimPolicy: 'Retain',
    volumeMode: 'Filesystem',
    claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'task-pv-claim', uid: 'uid-task-pv-claim', apiVersion: 'v1', resourceVersion: '1234' },
  },
  status: { phase: 'Bound', lastPhaseTransitionTime: ago(DAY) },
});

const csiPV = obj({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: {
    name: 'pvc-5f3c', uid: 'uid-pvc-5f3c', creationTimestamp: ago(5 * DAY),
    annotations: { 'pv.kubernetes.io/provisioned-by': 'ebs.csi.aws.com' },
    finalizers: ['kubernetes.io/pv-protection', 'external-attacher/ebs-csi-aws-com'],
  },
  spec: {
    storageClassName: 'gp3',
    capacity: { storage: '20Gi' },
    accessModes: ['ReadWriteOnce'],
    persistentVolumeReclaimPolicy: 'Delete',
    volumeMode: 'Filesystem',
    claimRef: { kind: 'PersistentVolumeClaim', namespace: 'apps', name: 'data-db-0', uid: 'uid-data-db-0', apiVersion: 'v1' },
    csi: {
      driver: 'ebs.csi.aws.com', fsType: 'ext4', volumeHandle: 'vol-0abc',
      volumeAttributes: { type: 'gp3', 'storage.kubernetes.io/csiProvisionerIdentity': '1714550000000-8081-ebs.csi.aws.com' },
    },
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [
            { key: 'topology.ebs.csi.aws.com/zone', operator: 'In', values: ['us-east-1a', 'us-east-1b'] },
            { key: 'kubernetes.io/os', operator: 'Exists' },
          ] },
          { matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'NotIn', values: ['t3.micro'] }] },
        ],
      },
    },
  },
  status: { phase: 'Released' },
});

describe('kubectl describe pv', () => {
  it('a Bound hostPath volume with its claim (cluster-scoped: no Namespace line)', () => {
    const events = [event({ namespace: 'default', kind: 'PersistentVolumeClaim', objName: 'task-pv-claim', reason: 'ProvisioningSucceeded', message: 'x', first: ago(MIN) })];
    expect(describeObject(taskPV, events, NOW)).toBe(text([
      'Name:            task-pv-volume',
      'Labels:          type=local',
      'Annotations:     pv.kubernetes.io/bound-by-controller: yes',
      'Finalizers:      [kubernetes.io/pv-protection]',
      'StorageClass:    manual',
      'Status:          Bound',
      'Claim:           default/task-pv-claim',
      'Reclaim Policy:  Retain',
      'Access Modes:    RWO',
      'VolumeMode:      Filesystem',
      'Capacity:        10Gi',
      'Node Affinity:   <none>',
      'Message:         ',
      'Source:',
      '    Type:          HostPath (bare host directory volume)',
      '    Path:          /mnt/data',
      '    HostPathType:  ',
      'Events:            <none>',
    ]));
  });

  it('a CSI volume: node affinity terms, and volume attributes written at LEVEL_2 as kubectl does', () => {
    expect(describeObject(csiPV, null, NOW)).toBe(text([
      'Name:              pvc-5f3c',
      'Labels:            <none>',
      'Annotations:       pv.kubernetes.io/provisioned-by: ebs.csi.aws.com',
      'Finalizers:        [kubernetes.io/pv-protection external-attacher/ebs-csi-aws-com]',
      'StorageClass:      gp3',
      'Status:            Released',
      'Claim:             apps/data-db-0',
      'Reclaim Policy:    Delete',
      'Access Modes:      RWO',
      'VolumeMode:        Filesystem',
      'Capacity:          20Gi',
      'Node Affinity:     ',
      '  Required Terms:  ',
      '    Term 0:        topology.ebs.csi.aws.com/zone in [us-east-1a, us-east-1b]',
      '                   kubernetes.io/os exists',
      '    Term 1:        node.kubernetes.io/instance-type notin [t3.micro]',
      'Message:           ',
      'Source:',
      '    Type:              CSI (a Container Storage Interface (CSI) volume source)',
      '    Driver:            ebs.csi.aws.com',
      '    FSType:            ext4',
      '    VolumeHandle:      vol-0abc',
      '    ReadOnly:          false',
      '    VolumeAttributes:      storage.kubernetes.io/csiProvisionerIdentity=1714550000000-8081-ebs.csi.aws.com',
      '                           type=gp3',
    ]));
  });

  it('a deleting volume reads Terminating (lasts …); a beta class annotation wins over storageClassName', () => {
    const pv = obj({
      ...taskPV,
      metadata: { ...taskPV.metadata, deletionTimestamp: ago(30 * SEC), annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } },
    });
    const lines = describeObject(pv, null, NOW).split('\n');
    expect(lines.filter((l) => /^(Status|StorageClass):/.test(l))).toEqual([
      'StorageClass:    slow',
      'Status:          Terminating (lasts 30s)',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// StorageClass

function storageClass(name: string, fields: Record<string, unknown>, annotations?: Labels): KObject {
  return obj({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, uid: `uid-${name}`, creationTimestamp: ago(10 * DAY), ...(annotations ? { annotations } : {}) },
    ...fields,
  });
}

describe('kubectl describe storageclass', () => {
  it('the default class (kind\'s local-path): IsDefaultClass Yes, AllowVolumeExpansion <unset>', () => {
    const sc = storageClass('standard', { provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' },
      { 'storageclass.kubernetes.io/is-default-class': 'true' });
    expect(describeObject(sc, [], NOW)).toBe(text([
      'Name:                  standard',
      'IsDefaultClass:        Yes',
      'Annotations:           storageclass.kubernetes.io/is-default-class=true',
      'Provisioner:           rancher.io/local-path',
      'Parameters:            <none>',
      'AllowVolumeExpansion:  <unset>',
      'MountOptions:          <none>',
      'ReclaimPolicy:         Delete',
      'VolumeBindingMode:     WaitForFirstConsumer',
      'Events:                <none>',
    ]));
  });

  it('a non-default class: annotations on one line (last-applied kept), parameters, mount options, allowed topologies', () => {
    const sc = storageClass('fast', {
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', fsType: 'ext4' },
      allowVolumeExpansion: true,
      mountOptions: ['debug', 'noatime'],
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'Immediate',
      allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.ebs.csi.aws.com/zone', values: ['us-east-1a', 'us-east-1b'] }] }],
    }, { team: 'storage', 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"storage.k8s.io/v1"}' });
    expect(describeObject(sc, null, NOW)).toBe(text([
      'Name:                  fast',
      'IsDefaultClass:        No',
      'Annotations:           kubectl.kubernetes.io/last-applied-configuration={"apiVersion":"storage.k8s.io/v1"},team=storage',
      'Provisioner:           ebs.csi.aws.com',
      'Parameters:            fsType=ext4,type=gp3',
      'AllowVolumeExpansion:  True',
      'MountOptions:',
      '  debug',
      '  noatime',
      'ReclaimPolicy:      Retain',
      'VolumeBindingMode:  Immediate',
      'AllowedTopologies:  ',
      '  Term 0:           topology.ebs.csi.aws.com/zone in [us-east-1a, us-east-1b]',
    ]));
  });

  it.each([
    [{ 'storageclass.kubernetes.io/is-default-class': 'true' }, 'Yes'],
    [{ 'storageclass.beta.kubernetes.io/is-default-class': 'true' }, 'Yes'],
    [{ 'storageclass.kubernetes.io/is-default-class': 'True' }, 'No'],
    [{ 'storageclass.kubernetes.io/is-default-class': 'false' }, 'No'],
    [undefined, 'No'],
  ])('annotations %j: IsDefaultClass %s', (annotations, want) => {
    const sc = storageClass('x', { provisioner: 'p', allowVolumeExpansion: false }, annotations);
    const out = describeObject(sc, null, NOW).split('\n');
    expect(out[1]).toBe(`IsDefaultClass:        ${want}`);
    expect(out[5]).toBe('AllowVolumeExpansion:  False');
  });
});

// ---------------------------------------------------------------------------------------------
// Endpoints

describe('kubectl describe endpoints', () => {
  it('ready and not-ready addresses per subset, named and unnamed ports, an empty line after each subset', () => {
    const ep = obj({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'nginx', namespace: 'default', uid: 'uid-ep-nginx', creationTimestamp: ago(HOUR),
        labels: { app: 'nginx' },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2024-05-01T11:59:00Z' },
      },
      subsets: [
        {
          addresses: [
            { ip: '10.244.1.5', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'nginx-a' } },
            { ip: '10.244.2.7', nodeName: 'node-2', targetRef: { kind: 'Pod', namespace: 'default', name: 'nginx-b' } },
          ],
          notReadyAddresses: [{ ip: '10.244.3.2', nodeName: 'node-3' }],
          ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'https', port: 443, protocol: 'TCP' }],
        },
        { notReadyAddresses: [{ ip: '10.244.1.9' }], ports: [{ port: 9090, protocol: 'UDP' }] },
      ],
    });
    expect(describeObject(ep, [], NOW)).toBe(text([
      'Name:         nginx',
      'Namespace:    default',
      'Labels:       app=nginx',
      'Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2024-05-01T11:59:00Z',
      'Subsets:',
      '  Addresses:          10.244.1.5,10.244.2.7',
      '  NotReadyAddresses:  10.244.3.2',
      '  Ports:',
      '    Name   Port  Protocol',
      '    ----   ----  --------',
      '    http   80    TCP',
      '    https  443   TCP',
      '',
      '  Addresses:          <none>',
      '  NotReadyAddresses:  10.244.1.9',
      '  Ports:',
      '    Name     Port  Protocol',
      '    ----     ----  --------',
      '    <unset>  9090  UDP',
      '',
      'Events:  <none>',
    ]));
  });

  it('no subsets', () => {
    const ep = obj({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes-empty', namespace: 'default', creationTimestamp: ago(HOUR) } });
    expect(describeObject(ep, [], NOW)).toBe(text([
      'Name:         kubernetes-empty',
      'Namespace:    default',
      'Labels:       <none>',
      'Annotations:  <none>',
      'Subsets:',
      'Events:  <none>',
    ]));
  });
});

// ---------------------------------------------------------------------------------------------
// describeOne wiring

describe('describeOne', () => {
  /** A Cluster stand-in that records what describeOne asks for. */
  function fakeCluster(objects: Record<string, KObject[]>, events: KObject[] = []) {
    const calls: unknown[][] = [];
    const cluster = {
      now: () => NOW,
      events: (o: unknown) => {
        calls.push(['events', o]);
        return events;
      },
      list: (kind: string, o: unknown) => {
        calls.push(['list', kind, o]);
        return objects[kind] ?? [];
      },
      get: (kind: string, name: string, ns?: string) => {
        calls.push(['get', kind, name, ns]);
        return undefined;
      },
    } as unknown as Cluster;
    return { cluster, calls };
  }

  it.each([
    ['DaemonSet', fluentd, fluentdPods, 'kube-system', 'Pods Status:  2 Running / 1 Waiting / 0 Succeeded / 1 Failed'],
    ['StatefulSet', web, webPods, 'default', 'Pods Status:        2 Running / 1 Waiting / 0 Succeeded / 0 Failed'],
  ])('%s: lists the namespace\'s pods for Pods Status', (kind, o, pods, namespace, statusLine) => {
    const { cluster, calls } = fakeCluster({ Pod: pods });
    const out = describeOne(describers, cluster, o);
    expect(calls).toEqual([
      ['events', { involved: { kind, name: o.metadata.name, namespace } }],
      ['list', 'Pod', { namespace }],
    ]);
    expect(out.split('\n')).toContain(statusLine);
    expect(out).toMatch(/^Name: /);
  });

  it.each([
    ['PersistentVolume', taskPV, 'Source:', undefined],
    ['StorageClass', storageClass('standard', { provisioner: 'rancher.io/local-path' }), 'IsDefaultClass:', undefined],
    ['Endpoints', obj({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' } }), 'Subsets:', 'default'],
  ])('%s goes to its dedicated describer and needs only its events', (kind, o, marker, namespace) => {
    const { cluster, calls } = fakeCluster({});
    const out = describeOne(describers, cluster, o);
    expect(calls).toEqual([['events', { involved: { kind, name: o.metadata.name, namespace } }]]);
    expect(out.split('\n').some((l) => l.startsWith(marker))).toBe(true);
    expect(out).toContain('Events:');
    expect(describeOne(describers, cluster, o, false)).not.toContain('Events:');
  });
});
