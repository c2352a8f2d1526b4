import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { WatchEvent } from '../../src/cluster/cluster.ts';
import { unixDate } from '../../machines/container/script.ts';
import { cluster, getPod, podYaml } from './helpers.ts';

describe('cluster API', () => {
  it('watch reports ADDED, MODIFIED and DELETED with the object as it is then', () => {
    const c = cluster();
    const seen: WatchEvent[] = [];
    const stop = c.watch((e) => seen.push(e));
    c.apply(podYaml('web'));
    c.advance('5s');
    c.delete('Pod', 'web');
    c.advance('5s');
    stop();
    const forWeb = seen.filter((e) => e.object.kind === 'Pod' && e.object.metadata.name === 'web');
    expect(forWeb[0]!.type).toBe('ADDED');
    expect(forWeb.at(-1)!.type).toBe('DELETED');
    expect(forWeb.some((e) => e.type === 'MODIFIED' && e.object.status.phase === 'Running')).toBe(true);
    // resourceVersions only grow
    const rvs = forWeb.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    const n = seen.length;
    c.apply(podYaml('other'));
    expect(seen.length).toBe(n);
  });

  it('crashing a container that is not running is refused and changes nothing', () => {
    const c = cluster();
    c.apply(podYaml('slow', { annotations: { 'pull-seconds': 60 } }));
    const before = JSON.stringify(c.snapshot());
    expect(() => c.crashContainer('slow')).toThrow('container app is not running');
    expect(JSON.stringify(c.snapshot())).toBe(before);
  });

  it('an unsupported field selector is refused with the API server message', () => {
    const c = cluster();
    expect(() => c.list('Pod', { fieldSelector: 'spec.containers=x' })).toThrow('field label not supported: spec.containers');
    expect(c.list('Pod', { fieldSelector: 'status.phase=Running' })).toEqual([]);
  });

  it('debug --copy-to -c <existing container> --image changes that container in the copy', () => {
    const c = cluster();
    c.apply(podYaml('web'));
    c.advance('5s');
    const r = c.debug('web', { copyTo: 'web-debug', container: 'app', image: 'busybox:1.36' });
    expect(r.container).toBe('app');
    const copy = getPod(c, 'web-debug')!;
    expect(copy.spec!.containers.map((x) => [x.name, x.image])).toEqual([['app', 'busybox:1.36']]);
    expect(copy.metadata!.labels).toBeUndefined();
  });

  it('a debug (ephemeral) container keeps running like an interactive shell', () => {
    const c = cluster();
    c.apply(podYaml('web'));
    c.advance('5s');
    const { container } = c.debug('web', { image: 'busybox:1.36', target: 'app' });
    c.advance('10m');
    const st = getPod(c, 'web')!.status!.ephemeralContainerStatuses!.find((s) => s.name === container)!;
    expect(st.state!.running).toBeDefined();
    expect(c.processes('web', { container }).map((p) => [p.pid, p.container])).toEqual([[1, 'app'], [7, container]]);
  });
});

describe('kubelet and controller details', () => {
  it('logs during CrashLoopBackOff: both logs and logs --previous show the crashed instance (validateContainerLogStatus)', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('crashy', { annotations: { 'run-seconds': 1, 'exit-code': 1 }, container: { command: ['sh', '-c', 'date'] } }));
    c.advance('8s'); // starts at 2, exits 3, restarts at 3, exits 4 → back-off until 14
    const st = getPod(c, 'crashy')!.status!.containerStatuses![0]!;
    expect(st.state!.waiting!.reason).toBe('CrashLoopBackOff');
    const started = st.lastState!.terminated!.startedAt!; // 00:00:03
    expect(c.logs('crashy')).toBe(`${unixDate(Date.parse(started))}\n`);
    expect(c.logs('crashy', { previous: true })).toBe(c.logs('crashy'));
  });

  it("logs of a pod whose image can't be pulled say so in the kubelet's words", () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('bad', { image: 'nginx:nope', annotations: { 'image-pull': 'fail' } }));
    c.advance('2500ms');
    expect(() => c.logs('bad')).toThrow('container "app" in pod "bad" is waiting to start: image can\'t be pulled');
    c.advance('2s');
    expect(() => c.logs('bad')).toThrow('container "app" in pod "bad" is waiting to start: trying and failing to pull image');
  });

  it('a pod bound by spec.nodeName to a node that does not exist is collected by PodGC after 40 s', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('lost', { spec: { nodeName: 'ghost' } }));
    c.advance('39s');
    expect(getPod(c, 'lost')!.status!.phase).toBe('Pending');
    c.advance('1s');
    expect(getPod(c, 'lost')).toBeUndefined();
  });

  it('NodeNotReady "Node is not ready" goes only on pods whose Ready flips from True', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('up'));
    c.apply(podYaml('stuck', { annotations: { 'pull-seconds': 'forever' }, image: 'other:1' }));
    c.advance('5s');
    c.failNode('node-1');
    c.advance('60s');
    const warned = (c.events({ allNamespaces: true }) as any[]).filter((e) => e.reason === 'NodeNotReady' && e.involvedObject.kind === 'Pod').map((e) => e.involvedObject.name);
    expect(warned).toEqual(['up']);
  });

  it('a kubelet that comes back after the eviction gives the full grace period (SIGTERM, exit 143)', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('web', { annotations: { 'termination-seconds': 3 } }));
    c.advance('5s');
    c.failNode('node-1');
    c.advance('400s'); // Unknown at 55 s, evicted 300 s later: deletionTimestamp passes while the kubelet is away
    expect(getPod(c, 'web')!.metadata!.deletionTimestamp).toBeDefined();
    c.recoverNode('node-1');
    c.advance('2s');
    expect(getPod(c, 'web')).toBeDefined();
    c.advance('1s');
    expect(getPod(c, 'web')).toBeUndefined();
  });
});

describe('events expire after the API server event TTL (1h)', () => {
  it('an event last seen over an hour ago is gone; a snapshot taken in between resumes identically', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('web'));
    c.advance('10s');
    expect(c.events().some((e: any) => e.reason === 'Scheduled')).toBe(true);
    c.advance('59m');
    const mid = JSON.parse(JSON.stringify(c.snapshot()));
    c.advance('2m');
    expect(c.events().some((e: any) => e.reason === 'Scheduled')).toBe(false);
    const resumed = cluster({ snapshot: mid });
    resumed.advance('2m');
    c.apply(podYaml('later'));
    resumed.apply(podYaml('later'));
    expect(JSON.stringify(resumed.snapshot())).toBe(JSON.stringify(c.snapshot()));
  });
});

describe('foreground deletion keeps the owner\'s own delete options', () => {
  it('a Pod owner deleted with Foreground and --force disappears as soon as its dependents are gone', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('owner'));
    c.advance('5s');
    const uid = getPod(c, 'owner')!.metadata!.uid!;
    c.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'owner', uid, blockOwnerDeletion: true }] }, data: { a: '1' } } as any);
    c.delete('Pod', 'owner', { propagationPolicy: 'Foreground', force: true });
    expect(c.get('ConfigMap', 'dep')).toBeUndefined();
    expect(getPod(c, 'owner')).toBeUndefined();
  });
});

describe('kinds kubeactors knows but does not serve', () => {
  it('an Endpoints manifest is refused with a clear message and changes nothing (the endpoints controller writes them)', () => {
    const c = cluster();
    const before = JSON.stringify(c.snapshot());
    expect(() => c.apply({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'x' } } as any)).toThrow(/is not supported by this version of kubeactors yet/);
    expect(JSON.stringify(c.snapshot())).toBe(before);
  });
});
