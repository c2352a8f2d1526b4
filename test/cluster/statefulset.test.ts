import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { cluster } from './helpers.ts';

const WEB = readFileSync(new URL('../../../shared/reference/manifests/statefulset-web.yaml', import.meta.url), 'utf8');

const sts = (o: { replicas?: number; policy?: string; partition?: number; retention?: { whenDeleted?: string; whenScaled?: string }; notReady?: boolean; image?: string; strategy?: string; start?: number } = {}) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
  spec: {
    replicas: o.replicas ?? 3,
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    ...(o.policy ? { podManagementPolicy: o.policy } : {}),
    ...(o.partition !== undefined || o.strategy ? { updateStrategy: o.strategy === 'OnDelete' ? { type: 'OnDelete' } : { type: 'RollingUpdate', rollingUpdate: { partition: o.partition ?? 0 } } } : {}),
    ...(o.retention ? { persistentVolumeClaimRetentionPolicy: o.retention } : {}),
    ...(o.start !== undefined ? { ordinals: { start: o.start } } : {}),
    template: {
      metadata: { labels: { app: 'db' }, ...(o.notReady ? { annotations: { 'kubeactors.dev/readiness-fails-after.db': '0' } } : {}) },
      spec: {
        terminationGracePeriodSeconds: 5,
        containers: [{
          name: 'db', image: o.image ?? 'postgres:16',
          volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }],
          ...(o.notReady ? { readinessProbe: { exec: { command: ['pg_isready'] }, periodSeconds: 5 } } : {}),
        }],
      },
    },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
});
const live = (c: Cluster) => (c.list('Pod') as any[]).filter((p) => !p.metadata.deletionTimestamp);
const names = (c: Cluster) => live(c).map((p) => p.metadata.name).sort();
const claims = (c: Cluster) => (c.list('PersistentVolumeClaim') as any[]).map((p) => p.metadata.name).sort();
const set = (c: Cluster) => c.get('StatefulSet', 'db') as any;

/** Records pod creations and deletions, in order. */
function podLog(c: Cluster): string[] {
  const log: string[] = [];
  c.watch((w) => {
    if (w.object.kind !== 'Pod') return;
    if (w.type === 'ADDED') log.push(`+${w.object.metadata.name}`);
    if (w.type === 'DELETED') log.push(`-${w.object.metadata.name}`);
  });
  return log;
}

describe('StatefulSet controller', () => {
  it('statefulset-web.yaml runs as it is: web-0, web-1, web-2 in order, each with its claim www-web-N, behind the headless Service', () => {
    const c = cluster();
    const log = podLog(c);
    c.apply(WEB, { file: 'statefulset-web.yaml' });
    const web = () => c.get('StatefulSet', 'web') as any;
    c.runUntil(() => web().status?.availableReplicas === 3, { timeout: '5m' });
    expect(log).toEqual(['+web-0', '+web-1', '+web-2']);
    expect((c.list('PersistentVolumeClaim') as any[]).map((p) => [p.metadata.name, p.status.phase])).toEqual([['www-web-0', 'Bound'], ['www-web-1', 'Bound'], ['www-web-2', 'Bound']]);
    const pod = c.get('Pod', 'web-1') as any;
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
    expect(pod.metadata.labels).toMatchObject({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': web().status.updateRevision });
    expect(pod.spec.volumes.find((v: any) => v.name === 'www')).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    const ep = c.get('Endpoints', 'nginx') as any;
    expect(ep.subsets[0].addresses.map((a: any) => a.hostname).sort()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(web().status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
  });

  it('OrderedReady creation blocks on an ordinal that is not Ready', () => {
    const c = cluster();
    c.apply(sts({ notReady: true }) as any);
    c.advance('2m');
    expect(names(c)).toEqual(['db-0']);
    const kids = (c.actor('StatefulSet', 'db')!.getSnapshot() as any).children;
    expect(kids['ordinal-0'].getSnapshot().value).toBe('Pending');
  });

  it('Parallel creates every ordinal at once, whatever their readiness', () => {
    const c = cluster();
    const log = podLog(c);
    c.apply(sts({ policy: 'Parallel', notReady: true }) as any);
    expect(log).toEqual(['+db-0', '+db-1', '+db-2']);
  });

  it('scales down from the highest ordinal, one at a time (each gone before the next goes), keeping the claims', () => {
    const c = cluster();
    c.apply(sts({ replicas: 4 }) as any);
    c.runUntil(() => set(c).status?.readyReplicas === 4, { timeout: '5m' });
    const log = podLog(c);
    c.scale('statefulset', 'db', 1);
    c.runUntil(() => names(c).length === 1 && c.list('Pod').length === 1, { timeout: '5m' });
    expect(log).toEqual(['-db-3', '-db-2', '-db-1']);
    expect(claims(c)).toEqual(['data-db-0', 'data-db-1', 'data-db-2', 'data-db-3']);
  });

  it('a deleted pod is re-created under the same name with the same claim', () => {
    const c = cluster();
    c.apply(sts() as any);
    c.runUntil(() => set(c).status?.readyReplicas === 3, { timeout: '5m' });
    const uid = (c.get('Pod', 'db-1') as any).metadata.uid;
    c.delete('Pod', 'db-1');
    c.runUntil(() => (c.get('Pod', 'db-1') as any)?.metadata.uid !== uid && set(c).status?.readyReplicas === 3, { timeout: '5m' });
    const pod = c.get('Pod', 'db-1') as any;
    expect(pod.spec.volumes.find((v: any) => v.name === 'data').persistentVolumeClaim.claimName).toBe('data-db-1');
    expect(claims(c)).toEqual(['data-db-0', 'data-db-1', 'data-db-2']);
    const ordinal = (c.actor('StatefulSet', 'db')!.getSnapshot() as any).children['ordinal-1'].getSnapshot();
    expect(ordinal.context).toMatchObject({ podName: 'db-1', claims: ['data-db-1'], incarnations: 2 });
  });

  it('RollingUpdate replaces pods in reverse ordinal order, each after the previous one is Ready', () => {
    const c = cluster();
    c.apply(sts() as any);
    c.runUntil(() => set(c).status?.readyReplicas === 3, { timeout: '5m' });
    const log = podLog(c);
    c.setImage('sts', 'db', { db: 'postgres:17' });
    c.runUntil(() => set(c).status?.updatedReplicas === 3 && set(c).status?.readyReplicas === 3 && set(c).status.currentRevision === set(c).status.updateRevision, { timeout: '5m' });
    expect(log).toEqual(['-db-2', '+db-2', '-db-1', '+db-1', '-db-0', '+db-0']);
  });

  it('a partitioned rollout stops at the partition: ordinals below it keep the current revision', () => {
    const c = cluster();
    c.apply(sts({ replicas: 4, partition: 2 }) as any);
    c.runUntil(() => set(c).status?.readyReplicas === 4, { timeout: '5m' });
    c.setImage('sts', 'db', { db: 'postgres:17' });
    c.advance('3m');
    const images = Object.fromEntries(live(c).map((p) => [p.metadata.name, p.spec.containers[0].image]));
    expect(images).toEqual({ 'db-0': 'postgres:16', 'db-1': 'postgres:16', 'db-2': 'postgres:17', 'db-3': 'postgres:17' });
    const lines: string[] = [];
    c.rolloutStatus('sts', 'db', {}, (l) => lines.push(l));
    expect(lines.at(-1)).toBe('partitioned roll out complete: 2 new pods have been updated...\n');
  });

  it('OnDelete never replaces a pod for an update', () => {
    const c = cluster();
    c.apply(sts({ strategy: 'OnDelete' }) as any);
    c.runUntil(() => set(c).status?.readyReplicas === 3, { timeout: '5m' });
    c.setImage('sts', 'db', { db: 'postgres:17' });
    c.advance('3m');
    expect(live(c).map((p) => p.spec.containers[0].image)).toEqual(Array(3).fill('postgres:16'));
  });

  describe('PVC retention policy', () => {
    const run = (retention: { whenDeleted: string; whenScaled: string }) => {
      const c = cluster();
      c.apply(sts({ retention }) as any);
      c.runUntil(() => set(c).status?.readyReplicas === 3, { timeout: '5m' });
      c.scale('statefulset', 'db', 1);
      c.runUntil(() => c.list('Pod').length === 1, { timeout: '5m' });
      c.advance('5s');
      const afterScale = claims(c);
      c.delete('StatefulSet', 'db');
      c.advance('1m');
      return { afterScale, afterDelete: claims(c) };
    };
    it.each([
      ['Retain', 'Retain', ['data-db-0', 'data-db-1', 'data-db-2'], ['data-db-0', 'data-db-1', 'data-db-2']],
      ['Retain', 'Delete', ['data-db-0'], ['data-db-0']],
      ['Delete', 'Retain', ['data-db-0', 'data-db-1', 'data-db-2'], []],
      ['Delete', 'Delete', ['data-db-0'], []],
    ])('whenDeleted=%s whenScaled=%s: claims after a scale-down to 1 %j, after deleting the set %j', (whenDeleted, whenScaled, afterScale, afterDelete) => {
      expect(run({ whenDeleted, whenScaled })).toEqual({ afterScale, afterDelete });
    });
  });

  it('ordinals.start numbers the pods from the start ordinal', () => {
    const c = cluster();
    c.apply(sts({ replicas: 2, start: 5 }) as any);
    c.runUntil(() => set(c).status?.readyReplicas === 2, { timeout: '5m' });
    expect(names(c)).toEqual(['db-5', 'db-6']);
  });

  it('rollout status prints kubectl\'s statefulset lines (the defaulted partition 0 makes it a "partitioned roll out", as kubectl says) and history lists its revisions', () => {
    const c = cluster();
    c.apply(sts() as any);
    const lines: string[] = [];
    c.rolloutStatus('statefulset', 'db', {}, (l) => lines.push(l));
    expect(lines[0]).toBe('Waiting for 3 pods to be ready...\n');
    expect(lines.at(-1)).toBe('partitioned roll out complete: 3 new pods have been updated...\n');
    c.setImage('sts', 'db', { db: 'postgres:17' });
    c.rolloutStatus('statefulset', 'db');
    expect(c.rolloutHistory('sts', 'db')).toBe('statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });
});
