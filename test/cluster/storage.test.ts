import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { cluster } from './helpers.ts';

const claim = (name: string, o: { cls?: string | null; size?: string; modes?: string[] } = {}) => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name },
  spec: {
    ...(o.cls === null ? {} : { storageClassName: o.cls ?? 'fast' }),
    accessModes: o.modes ?? ['ReadWriteOnce'],
    resources: { requests: { storage: o.size ?? '1Gi' } },
  },
});
const podWith = (name: string, claimName: string) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx:1.14.2' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
});
const pvc = (c: Cluster, name: string) => c.get('PersistentVolumeClaim', name) as any;
const reasons = (c: Cluster, kind: string, name: string) => (c.events({ involved: { kind, name } }) as any[]).map((e) => `${e.type} ${e.reason}: ${e.message}`);

describe('PersistentVolumeClaims and the simulated provisioner', () => {
  it('binds a claim of any class at once to a volume provisioned for it (pvc-<uid>, the requested size, Delete)', () => {
    const c = cluster();
    c.apply(claim('data', { size: '3Gi', modes: ['ReadWriteOnce', 'ReadOnlyMany'] }) as any);
    const p = pvc(c, 'data');
    const name = `pvc-${p.metadata.uid}`;
    expect(p.spec.volumeName).toBe(name);
    expect(p.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], capacity: { storage: '3Gi' } });
    expect(p.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'volume.kubernetes.io/storage-provisioner': 'kubeactors.dev/simulated' });
    const pv = c.get('PersistentVolume', name) as any;
    expect(pv.spec).toMatchObject({ capacity: { storage: '3Gi' }, persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'fast', claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: p.metadata.uid } });
    expect(pv.status).toEqual({ phase: 'Bound' });
    expect(reasons(c, 'PersistentVolumeClaim', 'data')).toEqual([
      'Normal Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `Normal ProvisioningSucceeded: Successfully provisioned volume ${name}`,
    ]);
  });

  it('deleting a claim deletes its provisioned volume (reclaim policy Delete)', () => {
    const c = cluster();
    c.apply(claim('data') as any);
    const name = pvc(c, 'data').spec.volumeName;
    c.delete('PersistentVolumeClaim', 'data');
    expect(c.get('PersistentVolume', name)).toBeUndefined();
  });

  it('a pod whose claim does not exist is unschedulable with the VolumeBinding message, and schedules once the claim is bound', () => {
    const c = cluster();
    c.apply(podWith('p', 'later') as any);
    const msg = '0/3 nodes are available: persistentvolumeclaim "later" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(reasons(c, 'Pod', 'p')).toEqual([`Warning FailedScheduling: ${msg}`]);
    expect((c.get('Pod', 'p') as any).status.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg })]);
    c.apply(claim('later') as any);
    c.advance('5s');
    expect((c.get('Pod', 'p') as any).status.phase).toBe('Running');
  });

  describe('with strictStorage', () => {
    it('a claim whose StorageClass does not exist stays Pending with ProvisioningFailed, and its pod is unschedulable', () => {
      const c = cluster({ strictStorage: true });
      c.apply([claim('data'), podWith('p', 'data')] as any);
      c.advance('10s');
      expect(pvc(c, 'data').status).toEqual({ phase: 'Pending' });
      expect(reasons(c, 'PersistentVolumeClaim', 'data')).toEqual(['Warning ProvisioningFailed: storageclass.storage.k8s.io "fast" not found']);
      expect((c.get('Pod', 'p') as any).status.conditions[0].message).toBe(
        '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      );
    });

    it('a claim with no class and no volume to bind stays Pending with FailedBinding', () => {
      const c = cluster({ strictStorage: true });
      c.apply(claim('data', { cls: '' }) as any);
      expect(pvc(c, 'data').status.phase).toBe('Pending');
      expect(reasons(c, 'PersistentVolumeClaim', 'data')).toEqual(['Normal FailedBinding: no persistent volumes available for this claim and no storage class is set']);
    });

    it('survives a snapshot', () => {
      const c = cluster({ strictStorage: true });
      expect(c.snapshot().strictStorage).toBe(true);
      expect(cluster().snapshot().strictStorage).toBeUndefined();
    });
  });
});
