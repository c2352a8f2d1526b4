/**
 * `kubectl get` tables for ControllerRevision, StorageClass and PersistentVolume, and the -o wide
 * columns of StatefulSet and DaemonSet (kubernetes/kubernetes pkg/printers/internalversion/
 * printers.go, 1.32: printControllerRevision + formatResourceName, printStorageClass,
 * printPersistentVolume, printStatefulSet, printDaemonSet). Alignment is the get tabwriter
 * (minwidth 6, padding 3); expected strings are written out literally.
 */
import { describe, expect, it } from 'vitest';
import { controllerRefName, getTable } from '../../src/views/printers.ts';
import type { KObject } from '../../src/types.ts';
import { DAY, HOUR, MIN, NOW, ago } from './fixtures.ts';

const obj = (o: Record<string, unknown>) => o as unknown as KObject;

function revision(name: string, namespace: string, rev: number, created: string, ownerReferences?: unknown[]): KObject {
  return obj({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace, uid: `uid-${name}`, creationTimestamp: created, ...(ownerReferences ? { ownerReferences } : {}) },
    data: {},
    revision: rev,
  });
}

const ctrl = (apiVersion: string, kind: string, name: string, controller = true) =>
  ({ apiVersion, kind, name, uid: `uid-${name}`, controller, blockOwnerDeletion: true });

describe('kubectl get controllerrevisions', () => {
  const revisions = [
    revision('web-7b5f8d9c6d', 'default', 2, ago(HOUR), [ctrl('apps/v1', 'StatefulSet', 'web')]),
    revision('kube-proxy-5c7f9b8f7d', 'kube-system', 1, ago(10 * DAY), [ctrl('apps/v1', 'DaemonSet', 'kube-proxy')]),
    revision('orphan-5d8f', 'default', 3, ago(2 * DAY)),
  ];

  it('NAME CONTROLLER REVISION AGE; the controller as kind.group/name, <none> without one', () => {
    expect(getTable('controllerrevisions', revisions.filter((r) => r.metadata.namespace === 'default'), { now: NOW })).toBe(
      'NAME             CONTROLLER             REVISION   AGE\n' +
      'orphan-5d8f      <none>                 3          2d\n' +
      'web-7b5f8d9c6d   statefulset.apps/web   2          60m\n',
    );
  });

  it('-A', () => {
    expect(getTable('controllerrevision', revisions, { now: NOW, allNamespaces: true })).toBe(
      'NAMESPACE     NAME                    CONTROLLER                  REVISION   AGE\n' +
      'default       orphan-5d8f             <none>                      3          2d\n' +
      'default       web-7b5f8d9c6d          statefulset.apps/web        2          60m\n' +
      'kube-system   kube-proxy-5c7f9b8f7d   daemonset.apps/kube-proxy   1          10d\n',
    );
  });

  it.each([
    ['a DaemonSet controller', [ctrl('apps/v1', 'DaemonSet', 'fluentd')], 'daemonset.apps/fluentd'],
    ['a StatefulSet controller', [ctrl('apps/v1', 'StatefulSet', 'web')], 'statefulset.apps/web'],
    ['a core-group controller (no group suffix)', [ctrl('v1', 'ReplicationController', 'rc-1')], 'replicationcontroller/rc-1'],
    ['a custom resource controller', [ctrl('apps.kruise.io/v1alpha1', 'CloneSet', 'cs')], 'cloneset.apps.kruise.io/cs'],
    ['only a non-controller owner', [ctrl('apps/v1', 'StatefulSet', 'web', false)], '<none>'],
    ['no owner references', undefined, '<none>'],
    ['the controller among several owners', [ctrl('v1', 'ConfigMap', 'cm', false), ctrl('apps/v1', 'DaemonSet', 'ds')], 'daemonset.apps/ds'],
  ])('%s', (_title, owners, want) => {
    const out = getTable('controllerrevisions', [revision('r-1', 'default', 1, ago(MIN), owners)], { now: NOW, noHeaders: true });
    expect(out.split(/ {3,}/)[1]).toBe(want);
  });

  it('formatResourceName with an empty kind and group is the bare name', () => {
    expect(controllerRefName({ apiVersion: 'v1', kind: '', name: 'x' })).toBe('x');
  });
});

function storageClass(name: string, created: string, fields: Record<string, unknown>, annotations?: Record<string, string>): KObject {
  return obj({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, uid: `uid-${name}`, creationTimestamp: created, ...(annotations ? { annotations } : {}) },
    ...fields,
  });
}

describe('kubectl get storageclasses', () => {
  it('(default) on annotated classes (GA or beta annotation); Delete / Immediate / false when unset; bool cell as true/false', () => {
    const classes = [
      storageClass('standard', ago(10 * DAY), { provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' },
        { 'storageclass.kubernetes.io/is-default-class': 'true' }),
      storageClass('legacy', ago(30 * DAY), { provisioner: 'kubernetes.io/no-provisioner' },
        { 'storageclass.beta.kubernetes.io/is-default-class': 'true' }),
      storageClass('fast', ago(5 * DAY), { provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
        { 'storageclass.kubernetes.io/is-default-class': 'false' }),
    ];
    expect(getTable('sc', classes, { now: NOW })).toBe(
      'NAME                 PROVISIONER                    RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
      'fast                 ebs.csi.aws.com                Retain          WaitForFirstConsumer   true                   5d\n' +
      'legacy (default)     kubernetes.io/no-provisioner   Delete          Immediate              false                  30d\n' +
      'standard (default)   rancher.io/local-path          Delete          WaitForFirstConsumer   false                  10d\n',
    );
  });

  it('cluster-scoped: -A adds no NAMESPACE column', () => {
    const sc = storageClass('standard', ago(10 * DAY), { provisioner: 'rancher.io/local-path' });
    expect(getTable('storageclass', [sc], { now: NOW, allNamespaces: true, noHeaders: true }))
      .toBe('standard   rancher.io/local-path   Delete   Immediate   false   10d\n');
  });
});

describe('kubectl get persistentvolumes', () => {
  const pvs = [
    obj({
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: 'task-pv-volume', creationTimestamp: ago(DAY) },
      spec: {
        storageClassName: 'manual', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain',
        volumeMode: 'Filesystem', hostPath: { path: '/mnt/data', type: '' }, claimRef: { namespace: 'default', name: 'task-pv-claim' },
      },
      status: { phase: 'Bound' },
    }),
    obj({
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: 'pvc-5f3c', creationTimestamp: ago(5 * DAY), annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } },
      spec: {
        storageClassName: 'gp3', capacity: { storage: '20Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete',
        volumeMode: 'Block', volumeAttributesClassName: 'gold', csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' },
        claimRef: { namespace: 'apps', name: 'data-db-0' },
      },
      status: { phase: 'Released' },
    }),
    obj({
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: 'scratch', creationTimestamp: ago(10 * MIN), deletionTimestamp: ago(MIN), finalizers: ['kubernetes.io/pv-protection'] },
      spec: { persistentVolumeReclaimPolicy: 'Delete', hostPath: { path: '/tmp/x' } },
      status: { phase: 'Available' },
    }),
  ];

  it('the 1.32 columns: CLAIM ns/name, beta class annotation first, VOLUMEATTRIBUTESCLASS <unset>, Terminating, capacity 0 when absent', () => {
    expect(getTable('pv', pvs, { now: NOW })).toBe(
      'NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS        CLAIM                   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
      'pvc-5f3c         20Gi       RWO,RWX        Delete           Released      apps/data-db-0          slow           gold                             5d\n' +
      'scratch          0                         Delete           Terminating                                          <unset>                          10m\n' +
      'task-pv-volume   10Gi       RWO            Retain           Bound         default/task-pv-claim   manual         <unset>                          24h\n',
    );
  });

  it('-o wide adds VOLUMEMODE', () => {
    expect(getTable('persistentvolumes', pvs, { now: NOW, wide: true })).toBe(
      'NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS        CLAIM                   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE   VOLUMEMODE\n' +
      'pvc-5f3c         20Gi       RWO,RWX        Delete           Released      apps/data-db-0          slow           gold                             5d    Block\n' +
      'scratch          0                         Delete           Terminating                                          <unset>                          10m   <unset>\n' +
      'task-pv-volume   10Gi       RWO            Retain           Bound         default/task-pv-claim   manual         <unset>                          24h   Filesystem\n',
    );
  });
});

describe('kubectl get statefulsets / daemonsets -o wide', () => {
  it('statefulset: NAME READY AGE CONTAINERS IMAGES', () => {
    const sts = obj({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(DAY) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template: { spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.8' }] } } },
      status: { replicas: 3, readyReplicas: 2 },
    });
    expect(getTable('sts', [sts], { now: NOW, wide: true })).toBe(
      'NAME   READY   AGE   CONTAINERS   IMAGES\n' +
      'web    2/3     24h   nginx        registry.k8s.io/nginx-slim:0.8\n',
    );
  });

  it('daemonset: … NODE SELECTOR AGE CONTAINERS IMAGES SELECTOR', () => {
    const ds = obj({
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'node-exporter', namespace: 'monitoring', creationTimestamp: ago(10 * DAY) },
      spec: {
        selector: { matchLabels: { app: 'node-exporter' } },
        template: { metadata: { labels: { app: 'node-exporter' } }, spec: { containers: [{ name: 'node-exporter', image: 'prom/node-exporter:v1.8.1' }] } },
      },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    });
    expect(getTable('ds', [ds], { now: NOW, wide: true })).toBe(
      'NAME            DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS      IMAGES                      SELECTOR\n' +
      'node-exporter   3         3         2       3            2           <none>          10d   node-exporter   prom/node-exporter:v1.8.1   app=node-exporter\n',
    );
  });
});
