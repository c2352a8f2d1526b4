import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { cluster } from './helpers.ts';

const FLUENTD = readFileSync(new URL('../../../shared/reference/manifests/daemonset-fluentd.yaml', import.meta.url), 'utf8');

const ds = (o: { nodeSelector?: Record<string, string>; affinity?: any; tolerations?: any[]; strategy?: any; image?: string; minReady?: number } = {}) => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    ...(o.strategy ? { updateStrategy: o.strategy } : {}),
    ...(o.minReady ? { minReadySeconds: o.minReady } : {}),
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: {
        containers: [{ name: 'agent', image: o.image ?? 'busybox:1.36', command: ['sleep', 'infinity'] }],
        ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
        ...(o.affinity ? { affinity: o.affinity } : {}),
        ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      },
    },
  },
});
const live = (c: Cluster, ns = 'default') => (c.list('Pod', { namespace: ns }) as any[]).filter((p) => !p.metadata.deletionTimestamp);
const nodesOf = (c: Cluster, ns = 'default') => live(c, ns).map((p) => p.spec.nodeName).sort();
const status = (c: Cluster, name = 'agent', ns = 'default') => (c.get('DaemonSet', name, ns) as any).status;

describe('DaemonSet controller', () => {
  it('daemonset-fluentd.yaml runs as it is: one pod per node, including a node with the control-plane taint it tolerates', () => {
    const c = cluster();
    c.taint('node-1', 'node-role.kubernetes.io/master:NoSchedule');
    c.taint('node-2', 'dedicated=gpu:NoSchedule');
    c.apply(FLUENTD, { file: 'daemonset-fluentd.yaml' });
    c.advance('10s');
    // node-2's taint is not tolerated; the master taint on node-1 is.
    expect(nodesOf(c, 'kube-system')).toEqual(['node-1', 'node-3']);
    expect(status(c, 'fluentd-elasticsearch', 'kube-system')).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0 });
    const pod = live(c, 'kube-system')[0];
    // Every daemon pod gets the node-name affinity and the default tolerations.
    expect(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]).toMatchObject({ key: 'metadata.name', operator: 'In' });
    expect(pod.spec.tolerations.map((t: any) => `${t.key}:${t.effect}`)).toEqual(expect.arrayContaining([
      'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule',
    ]));
    expect(pod.metadata.labels).toMatchObject({ name: 'fluentd-elasticsearch', 'pod-template-generation': '1', 'controller-revision-hash': expect.any(String) });
  });

  it('places pods by nodeSelector and required node affinity only', () => {
    const c = cluster({ nodes: 4 });
    c.label('Node', 'node-2', { disk: 'ssd' });
    c.label('Node', 'node-4', { disk: 'ssd' });
    c.apply(ds({ nodeSelector: { disk: 'ssd' } }) as any);
    c.advance('5s');
    expect(nodesOf(c)).toEqual(['node-2', 'node-4']);
    c.delete('DaemonSet', 'agent');
    c.advance('40s');
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['node-1'] }] }] } } };
    c.apply(ds({ affinity }) as any);
    c.advance('5s');
    expect(nodesOf(c)).toEqual(['node-2', 'node-3', 'node-4']);
  });

  it('a new node gets a pod, a removed node loses it, a relabelled node that no longer matches has its pod removed (misscheduled)', () => {
    const c = cluster();
    for (const n of ['node-1', 'node-2', 'node-3']) c.label('Node', n, { role: 'worker' });
    c.apply(ds({ nodeSelector: { role: 'worker' } }) as any);
    c.advance('5s');
    c.addNode({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-4', labels: { role: 'worker' } } } as any);
    c.advance('5s');
    expect(nodesOf(c)).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    c.removeNode('node-2');
    c.advance('1m');
    expect(nodesOf(c)).toEqual(['node-1', 'node-3', 'node-4']);
    c.label('Node', 'node-3', { role: null });
    expect(nodesOf(c)).toEqual(['node-1', 'node-4']);
    c.advance('40s');
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0 });
  });

  it('a NoExecute taint it does not tolerate evicts the pod; a NoSchedule one leaves it running but counts it misscheduled', () => {
    const c = cluster();
    c.apply(ds() as any);
    c.advance('5s');
    c.taint('node-1', 'maintenance=true:NoSchedule');
    c.advance('5s');
    expect(nodesOf(c)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 1 });
    c.taint('node-2', 'maintenance=true:NoExecute');
    c.advance('40s');
    expect(nodesOf(c)).toEqual(['node-1', 'node-3']);
  });

  it('RollingUpdate with maxUnavailable 1 replaces one node at a time (never two nodes without a pod at once)', () => {
    const c = cluster({ nodes: 4 });
    c.apply(ds({ minReady: 2 }) as any);
    c.advance('10s');
    let worst = 0;
    c.watch(() => {
      const s = new Set(live(c).filter((p) => p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')).map((p) => p.spec.nodeName));
      worst = Math.max(worst, 4 - s.size);
    });
    c.setImage('ds', 'agent', { agent: 'busybox:1.37' });
    c.runUntil(() => status(c).updatedNumberScheduled === 4 && status(c).numberAvailable === 4, { timeout: '5m' });
    expect(worst).toBe(1);
    expect(live(c).map((p) => p.spec.containers[0].image)).toEqual(Array(4).fill('busybox:1.37'));
    expect(c.list('ControllerRevision').map((r: any) => r.revision).sort()).toEqual([1, 2]);
  });

  it('RollingUpdate with maxSurge starts the new pod beside the old one and removes the old one once the new one is available', () => {
    const c = cluster({ nodes: 3 });
    c.apply(ds({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }) as any);
    c.advance('10s');
    let most = 0;
    let fewestReady = 3;
    c.watch(() => {
      const byNode = new Map<string, number>();
      for (const p of live(c)) byNode.set(p.spec.nodeName, (byNode.get(p.spec.nodeName) ?? 0) + 1);
      most = Math.max(most, ...byNode.values());
      fewestReady = Math.min(fewestReady, new Set(live(c).filter((p) => p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')).map((p) => p.spec.nodeName)).size);
    });
    c.setImage('ds', 'agent', { agent: 'busybox:1.37' });
    c.runUntil(() => status(c).updatedNumberScheduled === 3 && status(c).numberAvailable === 3 && live(c).length === 3, { timeout: '5m' });
    expect(most).toBe(2); // old and new side by side on a node
    expect(fewestReady).toBe(3); // no node ever without a ready pod
  });

  it('OnDelete: a template change replaces nothing until a pod is deleted by hand', () => {
    const c = cluster();
    c.apply(ds({ strategy: { type: 'OnDelete' } }) as any);
    c.advance('5s');
    c.setImage('ds', 'agent', { agent: 'busybox:1.37' });
    c.advance('1m');
    expect(live(c).map((p) => p.spec.containers[0].image)).toEqual(Array(3).fill('busybox:1.36'));
    c.delete('Pod', live(c)[0].metadata.name);
    c.advance('1m');
    expect(live(c).map((p) => p.spec.containers[0].image).sort()).toEqual(['busybox:1.36', 'busybox:1.36', 'busybox:1.37']);
    expect(() => c.rolloutStatus('ds', 'agent')).toThrow('rollout status is only available for RollingUpdate strategy type');
  });

  it('rollout status prints kubectl\'s daemon set lines; history and undo use its ControllerRevisions', () => {
    const c = cluster();
    c.apply(ds() as any);
    const lines: string[] = [];
    c.rolloutStatus('daemonset', 'agent', {}, (l) => lines.push(l));
    expect(lines.at(-1)).toBe('daemon set "agent" successfully rolled out\n');
    c.setImage('ds', 'agent', { agent: 'busybox:1.37' });
    lines.length = 0;
    c.rolloutStatus('daemonset', 'agent', {}, (l) => lines.push(l));
    expect(lines[0]).toMatch(/^Waiting for daemon set "agent" rollout to finish: \d out of 3 new pods have been updated\.\.\.\n$/);
    expect(lines.at(-1)).toBe('daemon set "agent" successfully rolled out\n');
    expect(c.rolloutHistory('ds', 'agent')).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(c.rolloutUndo('ds', 'agent')).toBe('daemonset.apps/agent rolled back');
    c.rolloutStatus('daemonset', 'agent');
    expect(live(c).map((p) => p.spec.containers[0].image)).toEqual(Array(3).fill('busybox:1.36'));
    expect(c.rolloutUndo('ds', 'agent', { toRevision: 3 })).toBe('daemonset.apps/agent skipped rollback (current template already matches revision 3)');
  });

  it('a crashing daemon container restarts in place, and daemon pods ride out an unreachable node (no eviction: they tolerate it forever)', () => {
    const c = cluster();
    c.apply({ ...ds(), spec: { ...ds().spec, template: { ...ds().spec.template, metadata: { labels: { app: 'agent' }, annotations: { 'kubeactors.dev/run-seconds': '3', 'kubeactors.dev/exit-code': '1' } } } } } as any);
    c.advance('2s');
    const first = live(c).map((p) => p.metadata.name).sort();
    c.advance('10s');
    // restartPolicy Always restarts the container in place: the pod does not fail, nothing is replaced.
    expect(live(c).map((p) => p.metadata.name).sort()).toEqual(first);
    const victim = live(c)[0];
    c.failNode(victim.spec.nodeName);
    c.advance('7m');
    // Pods on a failed node are not evicted by taints (daemon pods tolerate unreachable forever).
    expect(live(c).some((p) => p.metadata.name === victim.metadata.name)).toBe(true);
  });
});
