import { describe, it, expect } from 'vitest';
import { KINDS, resolveKind, isNamespaced, lookupKind, noMatchesMessage } from '../src/kinds.ts';

describe('kind registry', () => {
  it.each([
    ['Pod', 'pods', 'pod', ['po'], true, true],
    ['Node', 'nodes', 'node', ['no'], false, true],
    ['Namespace', 'namespaces', 'namespace', ['ns'], false, true],
    ['Service', 'services', 'service', ['svc'], true, true],
    ['PersistentVolumeClaim', 'persistentvolumeclaims', 'persistentvolumeclaim', ['pvc'], true, true],
    ['ConfigMap', 'configmaps', 'configmap', ['cm'], true, true],
    ['Event', 'events', 'event', ['ev'], true, true],
    ['Deployment', 'deployments', 'deployment', ['deploy'], true, true],
    ['ReplicaSet', 'replicasets', 'replicaset', ['rs'], true, true],
    ['StatefulSet', 'statefulsets', 'statefulset', ['sts'], true, true],
    ['DaemonSet', 'daemonsets', 'daemonset', ['ds'], true, true],
    ['ControllerRevision', 'controllerrevisions', 'controllerrevision', [], true, true],
    ['ReplicationController', 'replicationcontrollers', 'replicationcontroller', ['rc'], true, true],
    ['Job', 'jobs', 'job', [], true, true],
    ['CronJob', 'cronjobs', 'cronjob', ['cj'], true, true],
    ['PersistentVolume', 'persistentvolumes', 'persistentvolume', ['pv'], false, true],
    ['Endpoints', 'endpoints', 'endpoints', ['ep'], true, false],
    ['StorageClass', 'storageclasses', 'storageclass', ['sc'], false, true],
  ] as const)('%s has kubectl names %s/%s/%j, namespaced=%s, supported=%s', (kind, plural, singular, shorts, namespaced, supported) => {
    const info = KINDS.find((k) => k.kind === kind)!;
    expect(info).toBeDefined();
    expect(info.plural).toBe(plural);
    expect(info.singular).toBe(singular);
    expect(info.shortNames).toEqual(shorts);
    expect(info.namespaced).toBe(namespaced);
    expect(info.supported).toBe(supported);
  });

  it('apiVersions are the served group/versions', () => {
    const av = Object.fromEntries(KINDS.map((k) => [k.kind, k.apiVersion]));
    expect(av).toMatchObject({
      Pod: 'v1', Deployment: 'apps/v1', ReplicaSet: 'apps/v1', ControllerRevision: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1',
      ReplicationController: 'v1', PersistentVolume: 'v1', Endpoints: 'v1', StorageClass: 'storage.k8s.io/v1',
    });
  });

  it.each([
    ['pods', 'Pod'], ['pod', 'Pod'], ['po', 'Pod'], ['Pod', 'Pod'], ['PODS', 'Pod'], [' po ', 'Pod'],
    ['deploy', 'Deployment'], ['deployments.apps', 'Deployment'], ['deployment.apps', 'Deployment'],
    ['deployments.v1.apps', 'Deployment'], ['Deployment', 'Deployment'], ['sts', 'StatefulSet'], ['ds', 'DaemonSet'],
    ['rs', 'ReplicaSet'], ['cj', 'CronJob'], ['cronjobs.batch', 'CronJob'], ['ev', 'Event'], ['events', 'Event'],
    ['svc', 'Service'], ['ns', 'Namespace'], ['no', 'Node'], ['pvc', 'PersistentVolumeClaim'], ['cm', 'ConfigMap'],
    ['rc', 'ReplicationController'], ['pv', 'PersistentVolume'], ['ep', 'Endpoints'], ['sc', 'StorageClass'],
    ['storageclasses.storage.k8s.io', 'StorageClass'], ['controllerrevisions', 'ControllerRevision'],
    ['replicasets.apps', 'ReplicaSet'], ['replicasets.v1.apps', 'ReplicaSet'], ['ReplicaSet', 'ReplicaSet'],
    ['replicationcontrollers', 'ReplicationController'], ['replicationcontroller.v1', 'ReplicationController'],
  ])('resolveKind(%j) resolves to %s', (name, kind) => {
    expect(resolveKind(name)?.kind).toBe(kind);
  });

  it.each(['', 'foo', 'deploy.batch', 'pods.apps', 'ingress', 'rs.extensions', 'rc.apps'])('resolveKind(%j) is undefined', (name) => {
    expect(resolveKind(name)).toBeUndefined();
  });

  it('isNamespaced follows the registry', () => {
    expect(isNamespaced('po')).toBe(true);
    expect(isNamespaced('nodes')).toBe(false);
    expect(isNamespaced('Namespace')).toBe(false);
    expect(isNamespaced('pv')).toBe(false);
    expect(isNamespaced('StorageClass')).toBe(false);
    expect(isNamespaced('deploy')).toBe(true);
  });

  it.each([
    ['v1', 'Pod'],
    ['apps/v1', 'ReplicaSet'],
    ['v1', 'ReplicationController'],
  ])('lookupKind accepts supported kinds under their served version: %s %s', (apiVersion, kind) => {
    const r = lookupKind(apiVersion, kind);
    expect(r.ok && [r.info.kind, r.info.apiVersion]).toEqual([kind, apiVersion]);
  });

  it('lookupKind refuses later kinds with a clear message', () => {
    expect(lookupKind('v1', 'Endpoints')).toMatchObject({
      ok: false,
      reason: 'unsupported',
      message: 'kind "Endpoints" (v1) is not supported by this version of kubeactors yet',
    });
  });

  it.each([
    ['batch/v1beta1', 'CronJob'],
    ['extensions/v1beta1', 'Deployment'],
    ['apps/v1beta2', 'Deployment'],
    ['extensions/v1beta1', 'ReplicaSet'],
    ['apps/v1beta2', 'ReplicaSet'],
    ['apps/v1beta1', 'ReplicaSet'],
    ['v1', 'ReplicaSet'],
    ['apps/v1', 'ReplicationController'],
    ['v1', 'replicaset'],
    ['v1', 'pod'],
    ['apps/v1', 'Pod'],
    ['example.com/v1', 'Widget'],
  ])('lookupKind(%s, %s) has no matches, in the API server words', (apiVersion, kind) => {
    expect(lookupKind(apiVersion, kind)).toMatchObject({
      ok: false,
      reason: 'no-match',
      message: `no matches for kind "${kind}" in version "${apiVersion}"`,
    });
  });

  it('noMatchesMessage wording', () => {
    expect(noMatchesMessage('CronJob', 'batch/v1beta1')).toBe('no matches for kind "CronJob" in version "batch/v1beta1"');
  });
});
