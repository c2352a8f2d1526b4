import { describe, it, expect } from 'vitest';
import type { WatchEvent } from '../../src/cluster/cluster.ts';
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
