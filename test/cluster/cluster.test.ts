import { describe, it, expect } from 'vitest';
import { ClusterError } from '../../src/cluster/cluster.ts';
import type { Node } from '../../src/types.ts';
import { cluster, elapsed, getPod, phase, podCond, podEvents, podYaml } from './helpers.ts';

describe('scheduling', () => {
  it("a pod with an unsatisfiable nodeSelector stays Pending with FailedScheduling '0/3 nodes are available: …'", () => {
    const c = cluster();
    c.apply(podYaml('sel', { spec: { nodeSelector: { disktype: 'ssd' } } }));
    c.advance('10m');
    const msg = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    const p = getPod(c, 'sel')!;
    expect(p.status!.phase).toBe('Pending');
    expect(p.spec!.nodeName).toBeUndefined();
    expect(p.status!.conditions).toEqual([{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg, lastTransitionTime: '2026-01-01T00:00:00Z', lastProbeTime: null }].map((x) => expect.objectContaining({ type: x.type, status: x.status, reason: x.reason, message: x.message })));
    const ev = podEvents(c, 'sel', 'FailedScheduling');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: 'Warning', message: msg, source: { component: 'default-scheduler' } });
    expect(podEvents(c, 'sel', 'Scheduled')).toHaveLength(0);
  });

  it('a pending pod is scheduled as soon as a matching node is added', () => {
    const c = cluster();
    c.apply(podYaml('sel', { spec: { nodeSelector: { disktype: 'ssd' } } }));
    c.advance('5s');
    c.addNode({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'fast', labels: { disktype: 'ssd' } } } as Node);
    expect(getPod(c, 'sel')!.spec!.nodeName).toBe('fast');
    expect(podEvents(c, 'sel', 'Scheduled')[0].message).toBe('Successfully assigned default/sel to fast');
    c.advance('5s');
    expect(phase(c, 'sel')).toBe('Running');
    expect(podCond(c, 'sel', 'PodScheduled')!.status).toBe('True');
  });

  it('cordoning a node makes new pods avoid it', () => {
    const c = cluster({ nodes: 2 });
    c.apply(podYaml('before'));
    const first = getPod(c, 'before')!.spec!.nodeName!;
    c.cordon(first);
    const node = c.get('Node', first) as Node;
    expect(node.spec!.unschedulable).toBe(true);
    expect(node.spec!.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: expect.any(String) }]);
    for (let i = 0; i < 6; i++) c.apply(podYaml(`p${i}`));
    for (let i = 0; i < 6; i++) expect(getPod(c, `p${i}`)!.spec!.nodeName).not.toBe(first);
    c.advance('10s');
    expect(phase(c, 'before')).toBe('Running'); // existing pods stay
    c.uncordon(first);
    expect((c.get('Node', first) as Node).spec!.taints).toBeUndefined();
  });

  it('cordoning every node leaves new pods Pending', () => {
    const c = cluster({ nodes: 1 });
    c.cordon('node-1');
    c.apply(podYaml('p'));
    expect(podEvents(c, 'p', 'FailedScheduling')[0].message).toMatch(/^0\/1 nodes are available: 1 node\(s\) were unschedulable\./);
  });
});

describe('taints and node failure', () => {
  it('a NoExecute taint evicts non-tolerating pods at once and tolerating pods after tolerationSeconds', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('plain'));
    c.apply(podYaml('brief', { spec: { tolerations: [{ key: 'maint', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] } }));
    c.apply(podYaml('forever', { spec: { tolerations: [{ key: 'maint', operator: 'Exists', effect: 'NoExecute' }] } }));
    c.advance('10s');
    c.taint('node-1', 'maint=now:NoExecute');
    c.advance(0); // the taint manager reacts at the same instant
    const ev = podEvents(c, 'plain', 'TaintManagerEviction');
    expect(ev.map((e) => [e.message, e.source.component])).toEqual([['Marking for deletion Pod default/plain', 'taint-eviction-controller']]);
    expect(getPod(c, 'plain')?.metadata?.deletionTimestamp ?? 'gone').toBeTruthy();
    c.advance('1s');
    expect(getPod(c, 'plain')).toBeUndefined();
    c.advance('58s');
    expect(getPod(c, 'brief')!.metadata!.deletionTimestamp).toBeUndefined();
    c.advance('1s');
    expect(podEvents(c, 'brief', 'TaintManagerEviction')).toHaveLength(1);
    c.advance('1m');
    expect(getPod(c, 'brief')).toBeUndefined();
    expect(phase(c, 'forever')).toBe('Running');
  });

  it('removing the taint before tolerationSeconds cancels the eviction', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('brief', { spec: { tolerations: [{ key: 'maint', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] } }));
    c.taint('node-1', 'maint=now:NoExecute');
    c.advance('30s');
    c.taint('node-1', 'maint:NoExecute-');
    c.advance('5m');
    expect(phase(c, 'brief')).toBe('Running');
    expect(getPod(c, 'brief')!.metadata!.deletionTimestamp).toBeUndefined();
  });

  it('the DisruptionTarget condition marks a pod deleted by the taint manager', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('p', { annotations: { 'termination-seconds': 10 } }));
    c.advance('5s');
    c.taint('node-1', 'maint=now:NoExecute');
    c.advance(0);
    expect(podCond(c, 'p', 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
  });

  it('pods on an unreachable node are evicted after 300 s (default tolerations) and stay Terminating until the node returns', () => {
    const c = cluster({ nodes: 2 });
    c.apply(podYaml('a', { spec: { nodeName: 'node-1' } }));
    c.apply(podYaml('b', { spec: { nodeName: 'node-2' } }));
    c.advance('10s');
    c.failNode('node-1');
    c.advance('49s');
    expect(podCond(c, 'a', 'Ready')!.status).toBe('True');
    c.advance('1s'); // node-monitor-grace-period 50 s: Unknown + unreachable taints; MarkPodsNotReady
    const node = c.get('Node', 'node-1') as Node;
    expect(node.status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('Unknown');
    expect(podCond(c, 'a', 'Ready')!.status).toBe('False');
    expect(podCond(c, 'b', 'Ready')!.status).toBe('True');
    c.advance('299s');
    expect(getPod(c, 'a')!.metadata!.deletionTimestamp).toBeUndefined();
    c.advance('1s');
    expect(podEvents(c, 'a', 'TaintManagerEviction')).toHaveLength(1);
    expect(getPod(c, 'a')!.metadata!.deletionTimestamp).toBeDefined();
    c.advance('1h');
    const stuck = getPod(c, 'a')!;
    expect(stuck.status!.phase).toBe('Running'); // STATUS column: Terminating
    expect(stuck.metadata!.deletionTimestamp).toBeDefined();
    c.recoverNode('node-1');
    c.advance('1m');
    expect(getPod(c, 'a')).toBeUndefined();
    expect(phase(c, 'b')).toBe('Running');
  });

  it('PodGC removes the pods of a deleted node 40 s after the node is deleted', () => {
    const c = cluster({ nodes: 2 });
    c.apply(podYaml('a', { spec: { nodeName: 'node-1' } }));
    c.advance('10s');
    c.failNode('node-1');
    c.advance('10m');
    expect(getPod(c, 'a')!.metadata!.deletionTimestamp).toBeDefined();
    c.removeNode('node-1');
    expect(c.get('Node', 'node-1')).toBeUndefined();
    c.advance('39s');
    expect(getPod(c, 'a')).toBeDefined();
    c.advance('1s');
    expect(getPod(c, 'a')).toBeUndefined();
  });

  it('the node lifecycle controller posts a Warning NodeNotReady "Node is not ready" on each pod of the node', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('a'));
    c.advance('10s');
    c.failNode('node-1', 'notready');
    expect(podEvents(c, 'a', 'NodeNotReady').map((e) => [e.type, e.message, e.source.component])).toEqual([['Warning', 'Node is not ready', 'node-controller']]);
  });

  it('a node going NotReady taints it not-ready; pods tolerate it for 300 s', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('a', { annotations: { 'termination-seconds': 10 } }));
    c.advance('10s');
    c.failNode('node-1', 'notready');
    const taints = (c.get('Node', 'node-1') as Node).spec!.taints!.map((t) => `${t.key}:${t.effect}`);
    expect(taints).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    c.advance('299s');
    expect(getPod(c, 'a')!.metadata!.deletionTimestamp).toBeUndefined();
    c.advance('1s');
    expect(getPod(c, 'a')!.metadata!.deletionTimestamp).toBeDefined();
    c.advance('1m'); // the kubelet is still running on a NotReady node: it stops the pod
    expect(getPod(c, 'a')).toBeUndefined();
  });
});

describe('deletion', () => {
  it('deleting an unscheduled pod removes it at once', () => {
    const c = cluster();
    c.apply(podYaml('p', { spec: { nodeSelector: { no: 'where' } } }));
    c.delete('Pod', 'p');
    expect(getPod(c, 'p')).toBeUndefined();
  });

  it('graceful deletion: Terminating with deletionTimestamp = now + grace, gone when the containers have stopped', () => {
    const c = cluster();
    c.apply(podYaml('p', { annotations: { 'termination-seconds': 4 } }));
    c.advance('10s');
    c.delete('Pod', 'p');
    const p = getPod(c, 'p')!;
    expect(p.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:40Z', deletionGracePeriodSeconds: 30 });
    expect(podEvents(c, 'p', 'Killing').map((e) => e.message)).toEqual(['Stopping container app']);
    c.advance('3s');
    expect(getPod(c, 'p')).toBeDefined();
    c.advance('1s');
    expect(getPod(c, 'p')).toBeUndefined();
  });

  it('--grace-period overrides the pod spec; a process ignoring SIGTERM is gone at the deadline', () => {
    const c = cluster();
    c.apply(podYaml('p', { annotations: { 'termination-seconds': 3600 } }));
    c.advance('10s');
    c.delete('Pod', 'p', { gracePeriodSeconds: 5 });
    expect(getPod(c, 'p')!.metadata!.deletionGracePeriodSeconds).toBe(5);
    c.advance('4s');
    expect(getPod(c, 'p')).toBeDefined();
    c.advance('1s');
    expect(getPod(c, 'p')).toBeUndefined();
  });

  it('--force removes the pod from the API at once', () => {
    const c = cluster();
    c.apply(podYaml('p', { annotations: { 'termination-seconds': 3600 } }));
    c.advance('10s');
    c.delete('Pod', 'p', { force: true });
    expect(getPod(c, 'p')).toBeUndefined();
    expect(c.list('Pod')).toEqual([]);
  });

  it('--force with a positive grace period is refused and changes nothing', () => {
    const c = cluster();
    c.apply(podYaml('p'));
    const before = JSON.stringify(c.snapshot());
    expect(() => c.delete('Pod', 'p', { force: true, gracePeriodSeconds: 5 })).toThrow('--force and --grace-period greater than 0 cannot be specified together');
    expect(JSON.stringify(c.snapshot())).toBe(before);
  });

  it('deleting a pod that does not exist: pods "x" not found', () => {
    const c = cluster();
    expect(() => c.delete('Pod', 'x')).toThrow(ClusterError);
    expect(() => c.delete('Pod', 'x')).toThrow('pods "x" not found');
  });

  it('a completed pod is deleted at once (terminal pods have grace 0)', () => {
    const c = cluster();
    c.apply(podYaml('job', { spec: { restartPolicy: 'Never' } }));
    c.advance('30s');
    expect(phase(c, 'job')).toBe('Succeeded');
    c.delete('Pod', 'job');
    expect(getPod(c, 'job')).toBeUndefined();
  });
});

describe('events', () => {
  it('events aggregate: repeated BackOff bumps count', () => {
    const c = cluster();
    c.apply(podYaml('crash', { image: 'busybox:1.36', annotations: { 'run-seconds': 1, 'exit-code': 1 } }));
    c.advance('10m');
    const backoff = podEvents(c, 'crash', 'BackOff');
    expect(backoff).toHaveLength(1);
    expect(backoff[0].count).toBeGreaterThanOrEqual(5);
    expect(backoff[0].type).toBe('Warning');
    expect(backoff[0].message).toMatch(/^Back-off restarting failed container app in pod crash_default\([0-9a-f-]{36}\)$/);
    expect(backoff[0].involvedObject.fieldPath).toBe('spec.containers{app}');
    expect(backoff[0].lastTimestamp > backoff[0].firstTimestamp).toBe(true);
    const started = podEvents(c, 'crash', 'Started');
    expect(started).toHaveLength(1);
    // one Started event object whose count is the number of starts
    expect(started[0].count).toBe(getPod(c, 'crash')!.status!.containerStatuses![0]!.restartCount + 1);
  });

  it('the normal life of a pod: Scheduled, Pulling, Pulled, Created, Started (in order, with sources)', () => {
    const c = cluster();
    c.apply(podYaml('web'));
    c.advance('10s');
    const ev = podEvents(c, 'web');
    expect(ev.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(ev[0].source).toEqual({ component: 'default-scheduler' });
    expect(ev[1].source).toEqual({ component: 'kubelet', host: getPod(c, 'web')!.spec!.nodeName });
    expect(ev[0].metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });
});

describe('logs, processes and debug', () => {
  it('logs --previous shows the previous instance', () => {
    const c = cluster();
    c.apply(podYaml('p', { image: 'busybox:1.36', container: { command: ['sh', '-c', 'echo starting; date'] } }));
    c.advance('5s');
    expect(() => c.logs('p', { previous: true })).toThrow('previous terminated container "app" in pod "p" not found');
    const first = c.logs('p');
    expect(first).toBe('starting\nThu Jan  1 00:00:02 UTC 2026\n');
    c.crashContainer('p', { exitCode: 3 });
    expect(c.logs('p', { previous: true })).toBe('starting\nThu Jan  1 00:00:02 UTC 2026\n');
    expect(c.logs('p')).toBe('starting\nThu Jan  1 00:00:05 UTC 2026\n');
    expect(c.logs('p', { tail: 1 })).toBe('Thu Jan  1 00:00:05 UTC 2026\n');
  });

  it('logs of a container still waiting: "is waiting to start: ContainerCreating"', () => {
    const c = cluster();
    c.apply(podYaml('p'));
    expect(() => c.logs('p')).toThrow('container "app" in pod "p" is waiting to start: ContainerCreating');
    expect(() => c.logs('p', { container: 'nope' })).toThrow(ClusterError);
  });

  it('ephemeral debug container with --target shares the target\'s processes', () => {
    const c = cluster();
    c.apply(podYaml('web'));
    c.advance('5s');
    const r = c.debug('web', { image: 'busybox:1.36', target: 'app', command: ['sh'] });
    expect(r.container).toMatch(/^debugger-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    c.advance('5s');
    const p = getPod(c, 'web')!;
    expect(p.spec!.ephemeralContainers).toEqual([expect.objectContaining({ name: r.container, image: 'busybox:1.36', targetContainerName: 'app' })]);
    expect(p.status!.ephemeralContainerStatuses![0]!.state!.running).toBeDefined();
    expect(c.processes('web', { container: r.container })).toEqual([
      { pid: 1, container: 'app', command: 'nginx: master process nginx -g daemon off;' },
      { pid: 7, container: r.container, command: 'sh' },
    ]);
    expect(c.processes('web')).toEqual([{ pid: 1, container: 'app', command: 'nginx: master process nginx -g daemon off;' }]);
  });

  it('shareProcessNamespace shows /pause as PID 1', () => {
    const c = cluster();
    c.apply(JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shared' },
      spec: { shareProcessNamespace: true, containers: [{ name: 'nginx', image: 'nginx:1.14.2' }, { name: 'shell', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
    }));
    c.advance('10s');
    expect(c.processes('shared', { container: 'shell' })).toEqual([
      { pid: 1, container: 'POD', command: '/pause' },
      { pid: 7, container: 'nginx', command: 'nginx: master process nginx -g daemon off;' },
      { pid: 8, container: 'shell', command: 'sleep 3600' },
    ]);
  });

  it('debug --copy-to with --set-image makes a new pod', () => {
    const c = cluster();
    c.apply(podYaml('web', { annotations: { 'run-seconds': 'forever' } }));
    c.advance('5s');
    const r = c.debug('web', { copyTo: 'web-debug', setImage: { '*': 'nginx:1.16.1' } });
    expect(r.pod).toBe('web-debug');
    c.advance('5s');
    const copy = getPod(c, 'web-debug')!;
    const orig = getPod(c, 'web')!;
    expect(copy.metadata!.uid).not.toBe(orig.metadata!.uid);
    expect(copy.spec!.containers.map((x) => x.image)).toEqual(['nginx:1.16.1']);
    expect(copy.status!.phase).toBe('Running');
    expect(copy.metadata!.ownerReferences).toBeUndefined();
    expect(copy.metadata!.annotations?.['kubeactors.dev/run-seconds']).toBe('forever');
    expect(orig.spec!.containers[0]!.image).toBe('nginx:1.14.2');
    expect(() => c.debug('web', { copyTo: 'web-debug' })).toThrow('pods "web-debug" already exists');
  });
});

describe('images', () => {
  it("image cache: the second pod on a node doesn't pull an IfNotPresent image", () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('a'));
    c.advance('10s');
    c.apply(podYaml('b'));
    c.advance('1s');
    expect(podEvents(c, 'a', 'Pulling')).toHaveLength(1);
    expect(podEvents(c, 'b', 'Pulling')).toHaveLength(0);
    expect(podEvents(c, 'b', 'Pulled').map((e) => e.message)).toEqual(['Container image "nginx:1.14.2" already present on machine']);
    expect(phase(c, 'b')).toBe('Running');
  });

  it('two pods pulling the same image on one node at once share the pull', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('a', { annotations: { 'pull-seconds': 10 } }));
    c.advance('4s');
    c.apply(podYaml('b', { annotations: { 'pull-seconds': 10 } }));
    c.advance('6s');
    expect(phase(c, 'a')).toBe('Running');
    expect(phase(c, 'b')).toBe('Running');
  });

  it('an :latest image (pull policy Always) is pulled again on a node that has it', () => {
    const c = cluster({ nodes: 1 });
    c.apply(podYaml('a', { image: 'nginx' }));
    c.advance('10s');
    c.apply(podYaml('b', { image: 'nginx' }));
    c.advance('10s');
    expect(podEvents(c, 'b', 'Pulling')).toHaveLength(1);
  });
});

describe('apply', () => {
  it('apply of an existing pod with a changed image restarts that container (restartCount+1, Killing "definition changed")', () => {
    const c = cluster();
    expect(c.apply(podYaml('web'))).toEqual([{ kind: 'Pod', name: 'web', namespace: 'default', action: 'created' }]);
    c.advance('10s');
    expect(c.apply(podYaml('web'))).toEqual([{ kind: 'Pod', name: 'web', namespace: 'default', action: 'unchanged' }]);
    expect(c.apply(podYaml('web', { image: 'nginx:1.16.1' }))).toEqual([{ kind: 'Pod', name: 'web', namespace: 'default', action: 'configured' }]);
    expect(podEvents(c, 'web', 'Killing').map((e) => e.message)).toEqual(['Container app definition changed, will be restarted']);
    c.advance('10s');
    const p = getPod(c, 'web')!;
    expect(p.metadata!.generation).toBe(2);
    expect(p.spec!.containers[0]!.image).toBe('nginx:1.16.1');
    expect(p.status!.containerStatuses![0]).toMatchObject({ restartCount: 1, image: 'docker.io/library/nginx:1.16.1', ready: true });
  });

  it('setImage on a pod restarts the container the same way', () => {
    const c = cluster();
    c.apply(podYaml('web'));
    c.advance('10s');
    c.setImage('Pod', 'web', { app: 'nginx:1.16.1' });
    expect(podEvents(c, 'web', 'Killing').map((e) => e.message)).toEqual(['Container app definition changed, will be restarted']);
    c.advance('10s');
    expect(getPod(c, 'web')!.status!.containerStatuses![0]).toMatchObject({ restartCount: 1, image: 'docker.io/library/nginx:1.16.1' });
    expect(getPod(c, 'web')!.metadata!.generation).toBe(2);
  });

  it('apply rejects forbidden pod spec changes with the API server message and changes nothing', () => {
    const c = cluster();
    c.apply(podYaml('web', { container: { command: ['nginx'] } }));
    c.advance('10s');
    const before = JSON.stringify(c.snapshot());
    let err: any;
    try {
      c.apply(podYaml('web', { container: { command: ['nginx', '-g'] } }));
    } catch (e) {
      err = e;
    }
    expect(err?.name).toBe('ManifestLoadError');
    expect(err.errors).toHaveLength(1);
    expect(err.errors[0].path).toBe('spec');
    expect(err.errors[0].message).toMatch(
      /^Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)/,
    );
    expect(JSON.stringify(c.snapshot())).toBe(before);
  });

  it('a multi-document apply with one bad document applies nothing', () => {
    const c = cluster();
    const before = JSON.stringify(c.snapshot());
    const text = `${podYaml('ok')}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  containers: [{name: app}]\n`;
    expect(() => c.apply(text)).toThrow(/nothing was applied[\s\S]*spec\.containers\[0\]\.image: Required value/);
    expect(getPod(c, 'ok')).toBeUndefined();
    expect(JSON.stringify(c.snapshot())).toBe(before);
  });

  it('an invalid behaviour annotation is rejected with its field path and nothing is created', () => {
    const c = cluster();
    expect(() => c.apply(podYaml('p', { annotations: { 'exit-code': 300 } }))).toThrow(/metadata\.annotations\[kubeactors\.dev\/exit-code\]: expected an exit code 0-255, got "300"/);
    expect(getPod(c, 'p')).toBeUndefined();
  });
});

describe('time', () => {
  it('runUntil advances until the predicate holds, and throws a ClusterError (Timeout) after the timeout', () => {
    const c = cluster();
    c.apply(podYaml('p'));
    c.runUntil((k) => (k.get('Pod', 'p') as any)?.status?.phase === 'Running');
    expect(elapsed(c)).toBe(2);
    const e = (() => {
      try {
        c.runUntil(() => false, { timeout: '30s' });
      } catch (x) {
        return x as ClusterError;
      }
    })();
    expect(e).toBeInstanceOf(ClusterError);
    expect(e!.code).toBe('Timeout');
    expect(elapsed(c)).toBe(32);
  });

  it('a crash-looping container restarts at the same times however advance is split', () => {
    const yaml = podYaml('crash', { image: 'busybox:1.36', annotations: { 'run-seconds': 1, 'exit-code': 1 } });
    const a = cluster();
    a.apply(yaml);
    a.advance('15m');
    const b = cluster();
    b.apply(yaml);
    for (let i = 0; i < 900; i++) b.advance('1s');
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    expect(getPod(a, 'crash')!.status!.containerStatuses![0]!.restartCount).toBe(7);
  });
});
