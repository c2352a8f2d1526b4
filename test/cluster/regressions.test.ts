/** Regressions for bugs once found in src/cluster/cluster.ts. */
import { describe, it, expect } from 'vitest';
import { createCluster } from '../../src/cluster/cluster.ts';
import { firstDiff } from '../properties/model.ts';
import { cluster, getPod, podYaml } from './helpers.ts';

describe('engine regressions (src/cluster/cluster.ts)', () => {
  it('a refused debug (unknown --target) leaves the cluster unchanged', () => {
    const c = cluster();
    c.apply(podYaml('web'));
    c.advance('5s');
    const before = c.snapshot();
    expect(() => c.debug('web', { image: 'busybox:1.36', target: 'nope' })).toThrow('spec.ephemeralContainers[0].targetContainerName: Not found: "nope"');
    expect(firstDiff(before, c.snapshot())).toBeUndefined();
  });

  it('snapshot → restore between removeNode and PodGC continues like the uninterrupted run', () => {
    const a = cluster({ nodes: 2 });
    a.apply(podYaml('on-2', { spec: { nodeName: 'node-2' } }));
    a.apply(podYaml('pending', { spec: { nodeSelector: { disktype: 'ssd' } } }));
    a.removeNode('node-2');
    const r = createCluster({ snapshot: JSON.parse(JSON.stringify(a.snapshot())) });
    a.advance('12m');
    r.advance('12m');
    expect(getPod(a, 'on-2')).toBeUndefined();
    expect(firstDiff(a.snapshot(), r.snapshot())).toBeUndefined();
    expect(firstDiff(a.events(), r.events())).toBeUndefined();
  });
});
