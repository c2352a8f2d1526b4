import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import {
  ascendingOrdinal, descendingOrdinal, getEndOrdinal, getOrdinal, getParentNameAndOrdinal, getPersistentVolumeClaimName,
  getPersistentVolumeClaims, getPodName, getPodRevision, getStartOrdinal, identityMatches, initIdentity, isCreated, isFailed,
  isHealthy, isMemberOf, isPending, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating, isUnavailable,
  newStatefulSetPod, newVersionedStatefulSetPod, podInOrdinalRange, replicaOrdinals, setPodRevision, storageMatches,
  updateIdentity, updateStorage,
} from '../../../machines/statefulset/identity.ts';
import {
  allowsBurst, getPersistentVolumeClaimRetentionPolicy, getStatefulSetMaxUnavailable, setDefaultsStatefulSet,
} from '../../../machines/statefulset/spec.ts';
import { NOW, podOf, sts } from './fixtures.ts';

describe('getParentNameAndOrdinal: regex (.*)-([0-9]+)$', () => {
  it.each([
    ['web-0', 'web', 0],
    ['web-12', 'web', 12],
    ['my-web-3', 'my-web', 3], // the parent part is greedy
    ['web-01', 'web', 1], // ParseInt accepts leading zeros
    ['web', '', -1],
    ['web-', '', -1],
    ['web-1a', '', -1],
    ['-5', '', 5],
    ['web-2147483647', 'web', 2147483647],
    ['web-2147483648', 'web', -1], // beyond int32: parent kept, ordinal -1
  ] as const)('%s → parent %j, ordinal %d', (name, parent, ordinal) => {
    expect(getParentNameAndOrdinal(name)).toEqual({ parent, ordinal });
    expect(getOrdinal({ metadata: { name } } as Pod)).toBe(ordinal);
  });

  it('isMemberOf compares the parent part with the set name', () => {
    const set = sts();
    expect(isMemberOf(set, 'web-4')).toBe(true);
    expect(isMemberOf(set, 'web-2147483648')).toBe(true);
    expect(isMemberOf(set, 'webx-1')).toBe(false);
    expect(isMemberOf(set, 'my-web-1')).toBe(false);
  });

  it('property: getPodName round-trips through getParentNameAndOrdinal', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z]([-a-z0-9]{0,20}[a-z0-9])?$/), fc.integer({ min: 0, max: 2147483647 }), (name, ord) => {
      const set = sts({ name });
      expect(getParentNameAndOrdinal(getPodName(set, ord))).toEqual({ parent: name, ordinal: ord });
    }));
  });
});

describe('ordinals.start: the replica range [start, start + replicas − 1]', () => {
  it.each([
    [{}, 0, 2, [0, 1, 2]],
    [{ start: 5 }, 5, 7, [5, 6, 7]],
    [{ start: 5, replicas: 0 }, 5, 4, []],
    [{ replicas: 1 }, 0, 0, [0]],
  ] as const)('%j → start %d, end %d', (o, start, end, range) => {
    const set = sts(o);
    expect(getStartOrdinal(set)).toBe(start);
    expect(getEndOrdinal(set)).toBe(end);
    expect(replicaOrdinals(set)).toEqual(range);
  });

  it('podInOrdinalRange is inclusive at both ends; an unparsable name is out', () => {
    const set = sts({ start: 5 });
    expect(['web-4', 'web-5', 'web-7', 'web-8', 'web'].map((n) => podInOrdinalRange(n, set))).toEqual([false, true, true, false, false]);
  });

  it('ordinals present but without start (start omitted as 0) starts at 0', () => {
    const set = sts();
    set.spec!.ordinals = {};
    expect(getStartOrdinal(set)).toBe(0);
  });
});

describe('names', () => {
  it('pod <set>-<ordinal>, claim <template>-<set>-<ordinal>', () => {
    const set = sts();
    expect(getPodName(set, 2)).toBe('web-2');
    expect(getPersistentVolumeClaimName(set, set.spec!.volumeClaimTemplates![0]!, 2)).toBe('www-web-2');
  });
});

describe('newStatefulSetPod: the pod built from the template', () => {
  const set = sts({ claims: ['www', 'logs'] });
  set.spec!.template.metadata!.annotations = { a: 'b' };
  set.spec!.template.spec!.volumes = [{ name: 'www', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }];
  const pod = newStatefulSetPod(set, 1);

  it('name, namespace, generateName, identity labels, controller ref', () => {
    expect(pod.metadata).toEqual({
      name: 'web-1',
      namespace: 'default',
      generateName: 'web-',
      labels: { app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' },
      annotations: { a: 'b' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true, blockOwnerDeletion: true }],
    });
  });

  it('hostname = pod name, subdomain = serviceName', () => {
    expect(pod.spec!.hostname).toBe('web-1');
    expect(pod.spec!.subdomain).toBe('nginx');
  });

  it('claim volumes first (template order), replacing a same-named template volume; other volumes kept', () => {
    expect(pod.spec!.volumes).toEqual([
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } },
      { name: 'logs', persistentVolumeClaim: { claimName: 'logs-web-1' } },
      { name: 'cfg', configMap: { name: 'cfg' } },
    ]);
  });

  it('has no phase (isCreated false) and does not alias the template', () => {
    expect(isCreated(pod)).toBe(false);
    pod.spec!.containers[0]!.image = 'changed';
    expect(set.spec!.template.spec!.containers[0]!.image).toBe('registry.k8s.io/nginx-slim:0.24');
  });

  it('PodIndexLabel gate off: no pod-index label; empty serviceName: no subdomain', () => {
    const s2 = sts();
    s2.spec!.serviceName = '';
    const p = newStatefulSetPod(s2, 0, { podIndexLabel: false });
    expect(p.metadata!.labels).toEqual({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-0' });
    expect(p.spec!.subdomain).toBeUndefined();
  });
});

describe('identityMatches / storageMatches', () => {
  const set = sts();
  const good = newStatefulSetPod(set, 0);

  it('a freshly built pod matches both', () => {
    expect(identityMatches(set, good)).toBe(true);
    expect(storageMatches(set, good)).toBe(true);
  });

  it.each([
    ['pod-name label missing', (p: Pod) => { delete p.metadata!.labels!['statefulset.kubernetes.io/pod-name']; }],
    ['pod-name label wrong', (p: Pod) => { p.metadata!.labels!['statefulset.kubernetes.io/pod-name'] = 'web-9'; }],
    ['other namespace', (p: Pod) => { p.metadata!.namespace = 'other'; }],
    ['other parent', (p: Pod) => { p.metadata!.name = 'db-0'; p.metadata!.labels!['statefulset.kubernetes.io/pod-name'] = 'db-0'; }],
    ['leading zero ordinal', (p: Pod) => { p.metadata!.name = 'web-00'; p.metadata!.labels!['statefulset.kubernetes.io/pod-name'] = 'web-00'; }],
  ] as const)('identity mismatch: %s', (_n, mutate) => {
    const p = structuredClone(good);
    mutate(p);
    expect(identityMatches(set, p)).toBe(false);
  });

  it('identity ignores hostname, subdomain and the pod-index label', () => {
    const p = structuredClone(good);
    delete p.spec!.hostname;
    delete p.spec!.subdomain;
    delete p.metadata!.labels!['apps.kubernetes.io/pod-index'];
    expect(identityMatches(set, p)).toBe(true);
  });

  it.each([
    ['volume missing', (p: Pod) => { p.spec!.volumes = []; }],
    ['not a PVC volume', (p: Pod) => { p.spec!.volumes = [{ name: 'www', emptyDir: {} }]; }],
    ['wrong claim', (p: Pod) => { p.spec!.volumes = [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }]; }],
    ['unparsable name', (p: Pod) => { p.metadata!.name = 'web'; }],
  ] as const)('storage mismatch: %s', (_n, mutate) => {
    const p = structuredClone(good);
    mutate(p);
    expect(storageMatches(set, p)).toBe(false);
  });

  it('no claim templates: any pod with an ordinal matches storage', () => {
    expect(storageMatches(sts({ claims: [] }), { metadata: { name: 'web-3' } })).toBe(true);
  });
});

describe('updateIdentity / initIdentity / updateStorage return fixed copies', () => {
  const set = sts();
  const broken: Pod = { metadata: { name: 'web-2', namespace: 'x', labels: { app: 'nginx' } }, spec: { containers: [], volumes: [{ name: 'www', emptyDir: {} }] } };

  it('updateIdentity: namespace and labels (not hostname)', () => {
    const p = updateIdentity(set, broken);
    expect(p.metadata).toEqual({ name: 'web-2', namespace: 'default', labels: { app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-2', 'apps.kubernetes.io/pod-index': '2' } });
    expect(p.spec!.hostname).toBeUndefined();
    expect(broken.metadata!.namespace).toBe('x');
    expect(identityMatches(set, p)).toBe(true);
  });

  it('initIdentity adds hostname and subdomain', () => {
    expect(initIdentity(set, broken).spec).toMatchObject({ hostname: 'web-2', subdomain: 'nginx' });
  });

  it('updateStorage replaces the same-named volume by the claim', () => {
    const p = updateStorage(set, broken);
    expect(p.spec!.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-2' } }]);
    expect(storageMatches(set, p)).toBe(true);
  });
});

describe('getPersistentVolumeClaims', () => {
  it('per-ordinal claims keyed by template name, in the set namespace, template labels + selector matchLabels', () => {
    const set = sts({ claims: ['www', 'logs'] });
    set.spec!.volumeClaimTemplates![0]!.metadata!.labels = { tier: 'data', app: 'overridden' };
    const claims = getPersistentVolumeClaims(set, 'web-4');
    expect([...claims.keys()]).toEqual(['www', 'logs']);
    expect(claims.get('www')!.metadata).toEqual({ name: 'www-web-4', namespace: 'default', labels: { tier: 'data', app: 'nginx' } });
    expect(claims.get('logs')!.metadata).toEqual({ name: 'logs-web-4', namespace: 'default', labels: { app: 'nginx' } });
    expect(claims.get('www')!.spec).toEqual(set.spec!.volumeClaimTemplates![0]!.spec);
  });
});

describe('newVersionedStatefulSetPod: which revision an empty slot gets', () => {
  const cur = sts({ image: 'v1' });
  const upd = sts({ image: 'v2' });
  const image = (p: Pod) => [p.spec!.containers[0]!.image, getPodRevision(p)];

  it.each([
    ['partition 2: ordinal 1 below it → current', { partition: 2 }, 1, ['v1', 'web-cur']],
    ['partition 2: ordinal 2 → update', { partition: 2 }, 2, ['v2', 'web-upd']],
    ['partition 0 → update', { partition: 0 }, 0, ['v2', 'web-upd']],
    ['no rollingUpdate block, ordinal < currentReplicas → current', { partition: null, status: { replicas: 3, currentReplicas: 2 } }, 1, ['v1', 'web-cur']],
    ['no rollingUpdate block, ordinal ≥ currentReplicas → update', { partition: null, status: { replicas: 3, currentReplicas: 2 } }, 2, ['v2', 'web-upd']],
    ['OnDelete → always update', { type: 'OnDelete', status: { replicas: 3, currentReplicas: 3 } }, 0, ['v2', 'web-upd']],
    ['start 10, partition 2: ordinal 11 → current', { start: 10, partition: 2 }, 11, ['v1', 'web-cur']],
    ['start 10, partition 2: ordinal 12 → update', { start: 10, partition: 2 }, 12, ['v2', 'web-upd']],
  ] as const)('%s', (_n, o, ordinal, want) => {
    const c = sts({ image: 'v1', ...o } as Parameters<typeof sts>[0]);
    expect(image(newVersionedStatefulSetPod(c, { ...upd, spec: { ...upd.spec!, updateStrategy: c.spec!.updateStrategy } }, 'web-cur', 'web-upd', ordinal))).toEqual(want);
  });

  it('setPodRevision labels controller-revision-hash with the revision NAME', () => {
    expect(setPodRevision(newStatefulSetPod(cur, 0), 'web-7b9c').metadata!.labels!['controller-revision-hash']).toBe('web-7b9c');
  });
});

describe('ordinal sorting', () => {
  it('ascending puts unparsable (-1) first; descending puts it last', () => {
    const names = ['web-2', 'web-10', 'x', 'web-0'];
    expect([...names].sort(ascendingOrdinal)).toEqual(['x', 'web-0', 'web-2', 'web-10']);
    expect([...names].sort(descendingOrdinal)).toEqual(['web-10', 'web-2', 'web-0', 'x']);
  });
});

describe('pod predicates', () => {
  const set = sts();
  it.each([
    ['Running+Ready', {}, { created: true, runningReady: true, healthy: true, available10: true }],
    ['Running, not Ready', { ready: false }, { created: true, runningReady: false, healthy: false, available10: false }],
    ['Pending', { phase: 'Pending' }, { created: true, runningReady: false, healthy: false, available10: false, pending: true }],
    ['Ready 5 s ago', { readySince: NOW - 5000 }, { created: true, runningReady: true, healthy: true, available10: false }],
    ['terminating', { deleting: true }, { created: true, runningReady: true, healthy: false, available10: true, terminating: true }],
    ['Failed', { phase: 'Failed' }, { created: true, runningReady: false, healthy: false, available10: false, failed: true }],
    ['Succeeded', { phase: 'Succeeded' }, { created: true, runningReady: false, healthy: false, available10: false, succeeded: true }],
    ['not created', { phase: '' }, { created: false, runningReady: false, healthy: false, available10: false }],
  ] as const)('%s', (_n, o, want) => {
    const p = podOf(set, 0, o as Parameters<typeof podOf>[2]);
    expect({
      created: isCreated(p), runningReady: isRunningAndReady(p), healthy: isHealthy(p), available10: isRunningAndAvailable(p, 10, NOW),
      ...(isPending(p) ? { pending: true } : {}), ...(isTerminating(p) ? { terminating: true } : {}),
      ...(isFailed(p) ? { failed: true } : {}), ...(isSucceeded(p) ? { succeeded: true } : {}),
    }).toEqual(want);
  });

  it('isUnavailable (post-1.32 health) also counts not-yet-available pods', () => {
    expect(isUnavailable(podOf(set, 0, { readySince: NOW - 5000 }), 10, NOW)).toBe(true);
    expect(isUnavailable(podOf(set, 0, { readySince: NOW - 10_000 }), 10, NOW)).toBe(false);
  });
});

describe('SetDefaults_StatefulSet and spec helpers', () => {
  const bare = { metadata: { name: 'web' }, spec: { serviceName: 'x', selector: {}, template: {} } } as unknown as Parameters<typeof setDefaultsStatefulSet>[0];

  it('fills policy, strategy with rollingUpdate {partition: 0}, retention Retain/Retain, replicas 1, history 10', () => {
    expect(setDefaultsStatefulSet(bare).spec).toEqual({
      serviceName: 'x', selector: {}, template: {},
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1, revisionHistoryLimit: 10,
    });
  });

  it('an explicit RollingUpdate without a block keeps rollingUpdate unset; the gate adds maxUnavailable 1', () => {
    const explicit = { ...bare, spec: { ...bare.spec!, updateStrategy: { type: 'RollingUpdate' } } };
    expect(setDefaultsStatefulSet(explicit).spec!.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(setDefaultsStatefulSet(bare, { maxUnavailableStatefulSet: true }).spec!.updateStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } });
    expect(setDefaultsStatefulSet({ ...bare, spec: { ...bare.spec!, updateStrategy: { type: 'OnDelete' } } }).spec!.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('a half-set retention policy gets the other half; nil policy reads as Retain/Retain', () => {
    expect(setDefaultsStatefulSet({ ...bare, spec: { ...bare.spec!, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } } }).spec!.persistentVolumeClaimRetentionPolicy)
      .toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' });
    expect(getPersistentVolumeClaimRetentionPolicy(bare)).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  it('allowsBurst only for Parallel', () => {
    expect(allowsBurst(sts())).toBe(false);
    expect(allowsBurst(sts({ policy: 'Parallel' }))).toBe(true);
  });

  it.each([
    [undefined, 5, 1],
    [2, 5, 2],
    ['40%', 5, 2], // rounded down
    ['10%', 5, 1], // 0 → at least 1
    ['100%', 5, 5],
  ] as const)('getStatefulSetMaxUnavailable(%j, %d) = %d', (mu, n, want) => {
    expect(getStatefulSetMaxUnavailable(mu, n)).toBe(want);
  });

  it('a malformed maxUnavailable throws the intstr error', () => {
    expect(() => getStatefulSetMaxUnavailable('oops', 5)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
  });
});
