import { describe, expect, it } from 'vitest';
import { computeSubsets } from '../../src/cluster/endpoints.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { cluster } from './helpers.ts';

const svc = (spec: Record<string, unknown>, name = 'web') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], ...spec } });
const pod = (name: string, o: { ip?: string; ready?: boolean; labels?: Record<string, string>; phase?: string; deleting?: boolean; ports?: any[]; hostname?: string; subdomain?: string } = {}) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'x', ports: o.ports }], ...(o.hostname ? { hostname: o.hostname } : {}), ...(o.subdomain ? { subdomain: o.subdomain } : {}) },
  status: { phase: o.phase ?? 'Running', ...(o.ip === undefined ? { podIP: `10.0.0.${name.length}` } : o.ip ? { podIP: o.ip } : {}), conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
});
const addr = (p: any, extra: Record<string, unknown> = {}) => ({ ip: p.status.podIP, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: p.metadata.name, uid: p.metadata.uid }, ...extra });

describe('endpoints of a Service (syncService)', () => {
  it('lists ready pods under addresses and unready ones under notReadyAddresses, by IP, with the target port', () => {
    const a = pod('a', { ip: '10.0.0.9' });
    const b = pod('b', { ip: '10.0.0.10', ready: false });
    const c = pod('c', { ip: '10.0.0.2' });
    expect(computeSubsets(svc({}) as any, [a, b, c] as any)).toEqual([
      { addresses: [addr(c), addr(a)], notReadyAddresses: [addr(b)], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  it.each([
    ['a pod without an IP', pod('x', { ip: '' })],
    ['a Succeeded pod', pod('x', { phase: 'Succeeded' })],
    ['a Failed pod', pod('x', { phase: 'Failed' })],
    ['a pod being deleted', pod('x', { deleting: true })],
    ['a pod the selector does not match', pod('x', { labels: { app: 'other' } })],
  ])('leaves out %s', (_name, p) => {
    expect(computeSubsets(svc({}) as any, [p] as any)).toEqual([]);
  });

  it('resolves a named targetPort in each pod, grouping pods by the ports they resolve to (RepackSubsets)', () => {
    const named = svc({ ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    const p1 = pod('p1', { ip: '10.0.0.1', ports: [{ name: 'web', containerPort: 8080 }] });
    const p2 = pod('p2', { ip: '10.0.0.2', ports: [{ name: 'web', containerPort: 9090 }] });
    const p3 = pod('p3', { ip: '10.0.0.3', ports: [{ name: 'other', containerPort: 1 }] });
    expect(computeSubsets(named as any, [p1, p2, p3] as any)).toEqual([
      { addresses: [addr(p3)] },
      { addresses: [addr(p1)], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [addr(p2)], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
    ]);
  });

  it('publishNotReadyAddresses lists every pod as ready; a pod whose subdomain is the Service carries its hostname', () => {
    const s = svc({ publishNotReadyAddresses: true, clusterIP: 'None' }, 'nginx');
    const p = pod('web-0', { ip: '10.0.0.5', ready: false, hostname: 'web-0', subdomain: 'nginx' });
    expect(computeSubsets(s as any, [p] as any)).toEqual([{ addresses: [addr(p, { hostname: 'web-0' })], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });
});

describe('the endpoints controller in the cluster', () => {
  const deployment = (probe = false) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: {
      replicas: 2, selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.14.2', ports: [{ name: 'http', containerPort: 80 }], ...(probe ? { readinessProbe: { httpGet: { port: 80 }, initialDelaySeconds: 10 } } : {}) }] },
      },
    },
  });
  const ready = (c: Cluster) => ((c.get('Endpoints', 'web') as any)?.subsets ?? []).flatMap((s: any) => s.addresses ?? []).map((a: any) => a.targetRef.name).sort();
  const notReady = (c: Cluster) => ((c.get('Endpoints', 'web') as any)?.subsets ?? []).flatMap((s: any) => s.notReadyAddresses ?? []).map((a: any) => a.targetRef.name).sort();

  it('follows readiness: pods join addresses only once their readiness probe passes', () => {
    const c = cluster();
    c.apply([deployment(true), svc({ ports: [{ port: 80, targetPort: 'http' }] })] as any);
    c.advance('5s');
    const pods = c.list('Pod').map((p) => p.metadata.name).sort();
    expect([ready(c), notReady(c)]).toEqual([[], pods]);
    c.advance('10s');
    expect([ready(c), notReady(c)]).toEqual([pods, []]);
    expect((c.get('Endpoints', 'web') as any).subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  it('drops a deleted pod at once and lists its replacement; relabelling a pod out of the selector drops it too', () => {
    const c = cluster();
    c.apply([deployment(), svc({ ports: [{ port: 80, targetPort: 80 }] })] as any);
    c.advance('5s');
    const [victim] = c.list('Pod').map((p) => p.metadata.name).sort();
    c.delete('Pod', victim!);
    expect([...ready(c), ...notReady(c)]).not.toContain(victim);
    c.advance('35s');
    expect(ready(c)).toHaveLength(2);
    const [moved] = ready(c);
    c.label('Pod', moved, { app: 'other' });
    expect(ready(c)).not.toContain(moved);
  });

  it('a Service without a selector gets no Endpoints; deleting a Service deletes its Endpoints', () => {
    const c = cluster();
    c.apply([deployment(), svc({}), { ...svc({}, 'manual'), spec: { ports: [{ port: 80 }] } }] as any);
    c.advance('5s');
    expect(c.get('Endpoints', 'manual')).toBeUndefined();
    expect(c.get('Endpoints', 'web')).toBeDefined();
    c.delete('Service', 'web');
    expect(c.get('Endpoints', 'web')).toBeUndefined();
  });

  it('a headless Service labels its Endpoints service.kubernetes.io/headless', () => {
    const c = cluster();
    c.apply([deployment(), svc({ clusterIP: 'None' })] as any);
    c.advance('5s');
    expect((c.get('Endpoints', 'web') as any).metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect((c.get('Service', 'web') as any).spec.clusterIP).toBe('None');
  });
});
