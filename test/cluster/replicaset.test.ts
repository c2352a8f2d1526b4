import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { cluster, getPod } from './helpers.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';

const FRONTEND = readFileSync(new URL('../fixtures/manifests/replicaset-frontend.yaml', import.meta.url), 'utf8');

const rs = (c: Cluster, name = 'frontend') => c.get('ReplicaSet', name) as any;
const pods = (c: Cluster) => c.list('Pod') as any[];
const owned = (c: Cluster, uid: string) => pods(c).filter((p) => p.metadata.ownerReferences?.some((r: any) => r.uid === uid && r.controller));

describe('ReplicaSet controller', () => {
  it('creates spec.replicas pods named <rs>-<5 chars>, owned through a ControllerRef, and reports status', () => {
    const c = cluster();
    c.apply(FRONTEND, { file: 'replicaset-frontend.yaml' });
    const set = rs(c);
    const mine = owned(c, set.metadata.uid);
    expect(mine).toHaveLength(3);
    for (const p of mine) {
      expect(p.metadata.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ tier: 'frontend' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    const created = (c.events({ involved: { kind: 'ReplicaSet', name: 'frontend' } }) as any[]).filter((e) => e.reason === 'SuccessfulCreate');
    expect(created.map((e) => e.message).sort()).toEqual(mine.map((p) => `Created pod: ${p.metadata.name}`).sort());
    c.advance('5s');
    expect(rs(c).status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(c.actor('ReplicaSet', 'frontend')!.getSnapshot().value).toBe('Steady');
  });

  it('replaces a pod that is deleted (self-healing) and removes extra matching pods', () => {
    const c = cluster();
    c.apply(FRONTEND);
    c.advance('5s');
    const victim = pods(c)[0].metadata.name;
    c.delete('Pod', victim);
    c.advance('5s');
    expect(pods(c).map((p) => p.metadata.name)).not.toContain(victim);
    expect(owned(c, rs(c).metadata.uid)).toHaveLength(3);
    // An orphan with matching labels is adopted, and the set, now one over, deletes one pod.
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as any);
    c.advance('5s');
    expect(owned(c, rs(c).metadata.uid)).toHaveLength(3);
    expect((c.events({ involved: { kind: 'ReplicaSet', name: 'frontend' } }) as any[]).some((e) => e.reason === 'SuccessfulDelete')).toBe(true);
  });

  it('scale changes spec.replicas and generation; scale-down deletes the lowest-ranked pods first (an unscheduled one before running ones)', () => {
    const c = cluster({ nodes: 1 });
    c.apply(FRONTEND);
    c.advance('5s');
    c.scale('ReplicaSet', 'frontend', 5);
    expect(rs(c).metadata.generation).toBe(2);
    c.advance('5s');
    expect(rs(c).status.readyReplicas).toBe(5);
    c.cordon('node-1');
    c.delete('Pod', pods(c)[0].metadata.name, { force: true }); // the replacement cannot be scheduled
    const pending = pods(c).find((p) => !p.spec.nodeName);
    expect(pending).toBeDefined();
    c.scale('ReplicaSet', 'frontend', 4);
    expect(getPod(c, pending.metadata.name)).toBeUndefined(); // deleted at once: never scheduled
    expect(rs(c).status.replicas).toBe(4);
  });

  it('delete --cascade=orphan keeps the pods; a new ReplicaSet with a matching selector adopts the same pods', () => {
    const c = cluster();
    c.apply(FRONTEND);
    c.advance('5s');
    const before = pods(c).map((p) => [p.metadata.name, p.metadata.uid]);
    c.delete('ReplicaSet', 'frontend', { propagationPolicy: 'Orphan' });
    expect(rs(c)).toBeUndefined();
    expect(pods(c).every((p) => !p.metadata.ownerReferences)).toBe(true);
    c.apply(FRONTEND.replace('name: frontend\n', 'name: frontend2\n'));
    const set = rs(c, 'frontend2');
    expect(owned(c, set.metadata.uid).map((p) => [p.metadata.name, p.metadata.uid])).toEqual(before);
    expect((c.events({ involved: { kind: 'ReplicaSet', name: 'frontend2' } }) as any[]).filter((e) => e.reason === 'SuccessfulCreate')).toEqual([]);
  });

  it('a pod whose labels stop matching is released and replaced', () => {
    const c = cluster();
    c.apply(FRONTEND);
    c.advance('5s');
    const p = pods(c)[0];
    c.label('Pod', p.metadata.name, { tier: 'debug' });
    expect(getPod(c, p.metadata.name)!.metadata!.ownerReferences).toBeUndefined();
    expect(owned(c, rs(c).metadata.uid)).toHaveLength(3);
  });

  it('deleting the ReplicaSet (background) deletes its pods', () => {
    const c = cluster();
    c.apply(FRONTEND);
    c.advance('5s');
    c.delete('ReplicaSet', 'frontend');
    c.advance('5s');
    expect(pods(c)).toEqual([]);
  });

  it('a ReplicationController defaults its selector from the template labels and supervises the same way', () => {
    const c = cluster();
    c.apply(`apiVersion: v1
kind: ReplicationController
metadata: { name: nginx }
spec:
  replicas: 2
  template:
    metadata: { labels: { app: nginx } }
    spec: { containers: [{ name: nginx, image: nginx:1.14.2 }] }
`);
    c.advance('5s');
    const rc = c.get('ReplicationController', 'nginx') as any;
    expect(rc.spec.selector).toEqual({ app: 'nginx' });
    expect(rc.metadata.labels).toEqual({ app: 'nginx' });
    expect(rc.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(owned(c, rc.metadata.uid)[0].metadata.ownerReferences[0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController' });
  });

  it('a snapshot taken mid-way resumes exactly like the uninterrupted run', () => {
    const c = cluster();
    c.apply(FRONTEND);
    c.advance('3s');
    const d = cluster({ snapshot: JSON.parse(JSON.stringify(c.snapshot())) });
    for (const k of [c, d]) {
      k.scale('ReplicaSet', 'frontend', 6);
      k.advance('10s');
      k.delete('Pod', (k.list('Pod') as any[])[2].metadata.name);
      k.advance('1m');
    }
    expect(JSON.stringify(d.snapshot())).toBe(JSON.stringify(c.snapshot()));
  });

  it('pods lost with their node are replaced on the remaining nodes once the taint manager evicts them', () => {
    const c = cluster({ nodes: 3 });
    c.apply(FRONTEND);
    c.advance('5s');
    const lost = pods(c).filter((p) => p.spec.nodeName === 'node-1').map((p) => p.metadata.name);
    c.failNode('node-1');
    c.advance('340s'); // Unknown after 50 s: NoExecute taint, tolerated for 300 s (DefaultTolerationSeconds)
    for (const name of lost) expect(getPod(c, name)!.metadata!.deletionTimestamp).toBeUndefined();
    expect(getPod(c, lost[0]!)!.spec!.tolerations).toContainEqual({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    c.advance('60s'); // evicted at 350 s, replaced on the other nodes
    const live = pods(c).filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(3);
    expect(live.every((p) => p.spec.nodeName !== 'node-1')).toBe(true);
    expect(live.every((p) => p.status.phase === 'Running')).toBe(true);
    for (const name of lost) expect(getPod(c, name)!.metadata!.deletionTimestamp).toBeDefined(); // stuck Terminating until the node returns
  });
});

