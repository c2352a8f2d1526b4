import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/types.ts';
import { addPod, newNodeInfo, podRequests, removePod } from '../../src/scheduler/resources.ts';
import { makeNode } from './helpers.ts';

const pod = (spec: Pod['spec']): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const c = (name: string, requests?: Record<string, string>, extra: object = {}) => ({
  name,
  image: 'x',
  ...(requests ? { resources: { requests } } : {}),
  ...extra,
});

describe('resource.PodRequests as the scheduler computes it', () => {
  it.each<[string, Pod, { milliCPU: number; memory: number; nonZeroMilliCPU: number; nonZeroMemory: number }]>([
    [
      'sums the containers',
      pod({ containers: [c('a', { cpu: '250m', memory: '64Mi' }), c('b', { cpu: '1', memory: '1Gi' })] }),
      { milliCPU: 1250, memory: 1140850688, nonZeroMilliCPU: 1250, nonZeroMemory: 1140850688 },
    ],
    [
      'a container without requests counts as 100m/200Mi for scoring only',
      pod({ containers: [c('a'), c('b', { cpu: '500m' })] }),
      { milliCPU: 500, memory: 0, nonZeroMilliCPU: 600, nonZeroMemory: 2 * 209715200 },
    ],
    [
      'an explicit zero request stays zero for scoring',
      pod({ containers: [c('a', { cpu: '0', memory: '0' })] }),
      { milliCPU: 0, memory: 0, nonZeroMilliCPU: 0, nonZeroMemory: 0 },
    ],
    [
      // fit.go computePodResourceRequest example: init IC1 2/1G, IC2 2/3G; containers 2/1G + 1/1G → 3, 3G
      'takes the max of the containers sum and each init container',
      pod({
        initContainers: [c('ic1', { cpu: '2', memory: '1G' }), c('ic2', { cpu: '2', memory: '3G' })],
        containers: [c('c1', { cpu: '2', memory: '1G' }), c('c2', { cpu: '1', memory: '1G' })],
      }),
      { milliCPU: 3000, memory: 3e9, nonZeroMilliCPU: 3000, nonZeroMemory: 3e9 },
    ],
    [
      'a sidecar (restartPolicy Always) adds to the pod and to later init containers',
      pod({
        initContainers: [c('side', { cpu: '500m' }, { restartPolicy: 'Always' }), c('init', { cpu: '2' })],
        containers: [c('app', { cpu: '1' })],
      }),
      { milliCPU: 2500, memory: 0, nonZeroMilliCPU: 2500, nonZeroMemory: 2 * 209715200 },
    ],
    [
      'adds the RuntimeClass overhead',
      pod({ containers: [c('a', { cpu: '1', memory: '1Gi' })], overhead: { cpu: '250m', memory: '120Mi' } }),
      { milliCPU: 1250, memory: 1199570944, nonZeroMilliCPU: 1250, nonZeroMemory: 1199570944 },
    ],
    [
      'a limit without a request stands for the request (API defaulting)',
      pod({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '2', memory: '1Gi' } } }] }),
      { milliCPU: 2000, memory: 1073741824, nonZeroMilliCPU: 2000, nonZeroMemory: 1073741824 },
    ],
    [
      'sums exactly before rounding up to milli-cores',
      pod({ containers: [c('a', { cpu: '0.5m' }), c('b', { cpu: '0.5m' })] }),
      { milliCPU: 1, memory: 0, nonZeroMilliCPU: 1, nonZeroMemory: 2 * 209715200 },
    ],
  ])('%s', (_name, p, want) => {
    expect(podRequests(p)).toEqual(want);
  });
});

describe('NodeInfo bookkeeping', () => {
  it('reads allocatable from node status and adds/removes pods incrementally', () => {
    const ni = newNodeInfo(makeNode('n1', { cpu: '3500m', memory: '7Gi', pods: '110' }));
    expect(ni.allocatable).toEqual({ milliCPU: 3500, memory: 7516192768, pods: 110 });
    const p = pod({ containers: [c('a', { cpu: '200m' })] });
    const r = podRequests(p);
    addPod(ni, r);
    addPod(ni, p);
    expect(ni.requested).toEqual({ milliCPU: 400, memory: 0, pods: 2 });
    expect(ni.nonZeroRequested).toEqual({ milliCPU: 400, memory: 2 * 209715200 });
    removePod(ni, r);
    expect(ni.requested).toEqual({ milliCPU: 200, memory: 0, pods: 1 });
    expect(ni.nonZeroRequested).toEqual({ milliCPU: 200, memory: 209715200 });
  });

  it('a node without status.allocatable has nothing to offer', () => {
    const ni = newNodeInfo({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare' } });
    expect(ni.allocatable).toEqual({ milliCPU: 0, memory: 0, pods: 0 });
  });
});
