/**
 * The scheduling queue (kube-scheduler's PriorityQueue): a pod that failed to schedule waits in
 * unschedulablePods; a cluster event (a pod releasing its node, a node change) moves it to the
 * activeQ — or, while its back-off lasts, to the backoffQ (1 s doubling per failed attempt, at most
 * 10 s); with no event it is retried after 5 minutes.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/cluster/cluster.ts';
import { podBackoffMs } from '../../src/cluster/scheduling.ts';
import { cluster, elapsed, getPod, podYaml } from './helpers.ts';

describe('podBackoffMs (PriorityQueue.calculateBackoffDuration)', () => {
  it.each([
    [0, 0], [1, 1_000], [2, 2_000], [3, 4_000], [4, 8_000], [5, 10_000], [6, 10_000], [60, 10_000],
  ])('after %i failed attempts: %i ms', (attempts, ms) => {
    expect(podBackoffMs(attempts)).toBe(ms);
  });
});

/** Times (s since start) at which the pod's FailedScheduling count grew, polling every 100 ms up to `until` s. */
function attemptTimes(c: Cluster, pod: string, until: number): number[] {
  const times: number[] = [];
  let last = 0;
  const count = () => ((c.events({ involved: { kind: 'Pod', name: pod } }) as any[]).find((e) => e.reason === 'FailedScheduling')?.count ?? 0);
  for (;;) {
    const n = count();
    if (n > last) times.push(Math.round(elapsed(c) * 10) / 10);
    last = n;
    if (elapsed(c) >= until) return times;
    c.advance(100);
  }
}

describe('scheduling back-off', () => {
  it('pod exits every second retry an unschedulable pod only as its back-off allows: attempts at 0, 3, 5, 9, 17, 27 s — not at every exit', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('huge', { container: { resources: { requests: { cpu: '1000' } } } }));
    // Twenty pods that exit one per second from 3 s to 22 s (pulled together at 2 s).
    for (let k = 1; k <= 20; k++) {
      c.apply(podYaml(`brief-${k}`, { image: 'busybox:1.36', annotations: { 'run-seconds': k }, spec: { restartPolicy: 'Never' } }));
    }
    expect(attemptTimes(c, 'huge', 40)).toEqual([0, 3, 5, 9, 17, 27]);
    // One live leftover-flush timer for the pod, however often it failed.
    const uid = getPod(c, 'huge')!.metadata!.uid;
    expect(c.clock.snapshot().timers.filter((t) => t.addr === 'cp:scheduler' && t.name === uid)).toHaveLength(1);
    const ev = (c.events({ involved: { kind: 'Pod', name: 'huge' } }) as any[]).find((e) => e.reason === 'FailedScheduling');
    expect(ev.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it('with no cluster event the pod is retried after 5 minutes (podMaxInUnschedulablePodsDuration)', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('huge', { container: { resources: { requests: { cpu: '1000' } } } }));
    expect(attemptTimes(c, 'huge', 301)).toEqual([0, 300]);
  });

  it('the 5 minutes count from the last failure: a pod retried by an event at 3 s is flushed at 303 s, not at 300 s', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('huge', { container: { resources: { requests: { cpu: '1000' } } } }));
    c.apply(podYaml('brief', { image: 'busybox:1.36', annotations: { 'run-seconds': 1 }, spec: { restartPolicy: 'Never' } }));
    expect(attemptTimes(c, 'huge', 304)).toEqual([0, 3, 303]);
  });

  it('a snapshot taken while a pod backs off resumes with the same retries', () => {
    const a = cluster({ nodes: 1 });
    a.apply(podYaml('huge', { container: { resources: { requests: { cpu: '1000' } } } }));
    for (let k = 1; k <= 6; k++) a.apply(podYaml(`brief-${k}`, { image: 'busybox:1.36', annotations: { 'run-seconds': k }, spec: { restartPolicy: 'Never' } }));
    a.advance('5500ms');
    const b = createCluster({ snapshot: JSON.parse(JSON.stringify(a.snapshot())) });
    // Attempts so far at 0, 3, 5; the exits at 6–8 s wait for the back-off (4 s → 9 s); then the
    // leftover flush 5 minutes after that failure.
    // (attemptTimes reports the count it starts from at 5.5 s: only the later attempts matter.)
    expect(attemptTimes(a, 'huge', 320).filter((t) => t > 5.5)).toEqual([9, 309]);
    expect(attemptTimes(b, 'huge', 320).filter((t) => t > 5.5)).toEqual([9, 309]);
  });

  it('a pod whose back-off has passed is tried at once when its node frees up, and binds', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('first', { image: 'busybox:1.36', annotations: { 'run-seconds': 20 }, spec: { restartPolicy: 'Never' }, container: { resources: { requests: { cpu: '3' } } } }));
    c.apply(podYaml('second', { container: { resources: { requests: { cpu: '3' } } } }));
    c.advance('21s'); // first exits at 22 s (2 s pull + 20 s)
    expect(getPod(c, 'second')!.spec!.nodeName).toBeUndefined();
    c.advance('1s');
    expect(getPod(c, 'second')!.spec!.nodeName).toBeDefined();
  });
});
