/**
 * READY / STATUS / RESTARTS of `kubectl get pods`.
 *
 * Part 1 ports the cases of TestPrintPod / TestPrintPodWithRestartableInitContainer /
 * TestPrintPodwide from kubernetes/kubernetes pkg/printers/internalversion/printers_test.go.
 * Part 2 covers the everyday states a simulator produces, with realistic pod objects.
 */
import { describe, expect, it } from 'vitest';
import { getTable, podStatusSummary } from '../../src/views/printers.ts';
import type { Pod } from '../../src/types.ts';
import {
  DAY, MIN, NOW, SEC, ago, cond, fromNow, pod, running, runningConditions, runningPod, terminated, waiting,
} from './fixtures.ts';

const anon = (n: number) => Array.from({ length: n }, () => ({ name: '' }));

function up(spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): Pod {
  return { metadata: { name: 'test', ...meta }, spec, status } as unknown as Pod;
}

function row(p: Pod): [string, string, string] {
  const s = podStatusSummary(p, NOW);
  return [s.ready, s.status, s.restarts];
}

const RUNNING = { running: {} };
const finishedAgo = (ms: number) => ({ terminated: { exitCode: 0, finishedAt: ago(ms) } });

describe('printPod upstream table (printers_test.go TestPrintPod)', () => {
  it.each<[string, Pod, [string, string, string]]>([
    ['name, num of containers, restarts, container ready status',
      up({ containers: anon(2) }, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: RUNNING }, { restartCount: 3 }] }),
      ['1/2', 'podPhase', '6']],
    ['container error overwrites pod phase',
      up({ containers: anon(2) }, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: RUNNING }, { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }] }),
      ['1/2', 'ContainerWaitingReason', '6']],
    ['with Terminated state the first container overwrites the rest',
      up({ containers: anon(2) }, { phase: 'podPhase', containerStatuses: [{ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }, { state: { terminated: { reason: 'ContainerTerminatedReason' } }, restartCount: 3 }] }),
      ['0/2', 'ContainerWaitingReason', '6']],
    ['ready is not enough for reporting running',
      up({ containers: anon(2) }, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: RUNNING }, { ready: true, restartCount: 3 }] }),
      ['1/2', 'podPhase', '6']],
    ['pod reason overrides the phase',
      up({ containers: anon(2) }, { reason: 'podReason', phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: RUNNING }, { ready: true, restartCount: 3 }] }),
      ['1/2', 'podReason', '6']],
    ['one running and one completed container, without Ready condition, is NotReady',
      up({ containers: anon(2) }, { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }, { ready: true, restartCount: 3, state: RUNNING }] }),
      ['1/2', 'NotReady', '6']],
    ['one running and one completed container, with Ready condition, is Running',
      up({ containers: anon(2) }, { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }, { ready: true, restartCount: 3, state: RUNNING }], conditions: [{ type: 'Ready', status: 'True' }] }),
      ['1/2', 'Running', '6']],
    ['1 init container restarting and 1 container not running',
      up({ initContainers: anon(1), containers: anon(1) }, { phase: 'podPhase', initContainerStatuses: [{ ready: false, restartCount: 3, state: RUNNING, lastState: finishedAgo(10 * SEC) }], containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }] }),
      ['0/1', 'Init:0/1', '3 (10s ago)']],
    ['2 init containers, one restarting and the other not running',
      up({ initContainers: anon(2), containers: anon(1) }, { phase: 'podPhase', initContainerStatuses: [{ restartCount: 3, state: RUNNING, lastState: finishedAgo(10 * SEC) }, { state: { waiting: {} } }], containerStatuses: [{ state: { waiting: {} } }] }),
      ['0/1', 'Init:0/2', '3 (10s ago)']],
    ['2 init containers, one completed without restarts and the other restarting',
      up({ initContainers: anon(2), containers: anon(1) }, { phase: 'podPhase', initContainerStatuses: [{ state: { terminated: {} } }, { restartCount: 3, state: RUNNING, lastState: finishedAgo(10 * SEC) }], containerStatuses: [{ state: { waiting: {} } }] }),
      ['0/1', 'Init:1/2', '3 (10s ago)']],
    ['2 init containers, one completed with restarts and the other restarting',
      up({ initContainers: anon(2), containers: anon(1) }, { phase: 'podPhase', initContainerStatuses: [{ restartCount: 2, state: { terminated: {} }, lastState: finishedAgo(2 * MIN) }, { restartCount: 3, state: RUNNING, lastState: finishedAgo(10 * SEC) }], containerStatuses: [{ state: { waiting: {} } }] }),
      ['0/1', 'Init:1/2', '5 (10s ago)']],
    ['1 init container completed with restarts and one container restarting',
      up({ initContainers: anon(1), containers: anon(1) }, { phase: 'Running', initContainerStatuses: [{ restartCount: 2, state: { terminated: {} }, lastState: finishedAgo(2 * MIN) }], containerStatuses: [{ restartCount: 4, state: RUNNING, lastState: finishedAgo(20 * SEC) }] }),
      ['0/1', 'Running', '4 (20s ago)']],
    ['1 container that restarted 5d ago',
      up({ containers: anon(1) }, { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 3, state: RUNNING, lastState: finishedAgo(5 * DAY) }] }),
      ['1/1', 'Running', '3 (5d ago)']],
    ['2 containers, one never restarted and the other restarted 10d ago',
      up({ containers: anon(2) }, { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 0, state: RUNNING }, { ready: true, restartCount: 3, state: RUNNING, lastState: finishedAgo(10 * DAY) }] }),
      ['2/2', 'Running', '3 (10d ago)']],
    ['2 containers, one restarted 5d ago and the other 20d ago',
      up({ containers: anon(2) }, { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 6, state: RUNNING, lastState: finishedAgo(5 * DAY) }, { ready: true, restartCount: 3, state: RUNNING, lastState: finishedAgo(20 * DAY) }] }),
      ['2/2', 'Running', '9 (5d ago)']],
    ['PodScheduled condition with reason SchedulingGated',
      up({ containers: anon(2) }, { phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      ['0/2', 'SchedulingGated', '0']],
    ['succeeded pod', up({ containers: anon(1) }, { phase: 'Succeeded', containerStatuses: [{ restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }),
      ['0/1', 'Completed', '0']],
    ['failed pod', up({ containers: anon(1) }, { phase: 'Failed', containerStatuses: [{ restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 1 } } }] }),
      ['0/1', 'Error', '0']],
    ['succeeded pod with deletion stays Completed',
      up({ containers: anon(1) }, { phase: 'Succeeded', containerStatuses: [{ state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }, { deletionTimestamp: ago(10 * SEC) }),
      ['0/1', 'Completed', '0']],
    ['running pod with deletion is Terminating',
      up({ containers: anon(1) }, { phase: 'Running', containerStatuses: [{ ready: false, state: RUNNING }] }, { deletionTimestamp: ago(10 * SEC) }),
      ['0/1', 'Terminating', '0']],
    ['pending pod with deletion is Terminating',
      up({ containers: anon(1) }, { phase: 'Pending' }, { deletionTimestamp: ago(10 * SEC) }),
      ['0/1', 'Terminating', '0']],
  ])('%s', (_name, p, expected) => {
    expect(row(p)).toEqual(expected);
  });
});

describe('printPod with restartable init containers (TestPrintPodWithRestartableInitContainer)', () => {
  const sidecars = [
    { name: 'restartable-init-1', restartPolicy: 'Always' },
    { name: 'restartable-init-2', restartPolicy: 'Always' },
  ];
  it.each<[string, Pod, [string, string, string]]>([
    ['2 sidecars, the first running but not started',
      up({ initContainers: sidecars, containers: anon(1) }, {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'restartable-init-1', restartCount: 3, state: RUNNING, started: false, lastState: finishedAgo(10 * SEC) },
          { name: 'restartable-init-2', state: { waiting: {} }, started: false },
        ],
        containerStatuses: [{ state: { waiting: {} } }],
        conditions: [{ type: 'Initialized', status: 'False' }],
      }),
      ['0/3', 'Init:0/2', '3 (10s ago)']],
    ['the first sidecar started, the second running but not started',
      up({ initContainers: sidecars, containers: anon(1) }, {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'restartable-init-1', restartCount: 3, state: RUNNING, started: true, lastState: finishedAgo(10 * SEC) },
          { name: 'restartable-init-2', state: RUNNING, started: false },
        ],
        containerStatuses: [{ state: { waiting: {} } }],
        conditions: [{ type: 'Initialized', status: 'False' }],
      }),
      ['0/3', 'Init:1/2', '3 (10s ago)']],
    ['2 sidecars started and 1 container running',
      up({ initContainers: sidecars, containers: anon(1) }, {
        phase: 'Running',
        initContainerStatuses: [
          { name: 'restartable-init-1', restartCount: 3, state: RUNNING, started: true, lastState: finishedAgo(10 * SEC) },
          { name: 'restartable-init-2', state: RUNNING, started: true },
        ],
        containerStatuses: [{ ready: true, restartCount: 4, state: RUNNING, lastState: finishedAgo(20 * SEC) }],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
      ['1/3', 'Running', '7 (10s ago)']],
    ['2 sidecars terminated non-zero and 1 container completed',
      up({ initContainers: sidecars, containers: anon(1) }, {
        phase: 'Succeeded',
        initContainerStatuses: [
          { name: 'restartable-init-1', restartCount: 3, state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false, lastState: finishedAgo(10 * SEC) },
          { name: 'restartable-init-2', state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false },
        ],
        containerStatuses: [{ restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0 } }, lastState: finishedAgo(20 * SEC) }],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
      ['0/3', 'Completed', '7 (10s ago)']],
    ['statuses for non-existent init containers and containers',
      up({
        initContainers: [{ name: 'init1', image: 'initimage' }, { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' }],
        containers: [{ name: 'container1', image: 'containerimage' }],
      }, {
        phase: 'Running',
        initContainerStatuses: [{ name: 'initinvalid' }, { name: 'init1' }, { name: 'sidecar1' }],
        containerStatuses: [{ name: 'containerinvalid' }, { name: 'container1' }],
      }),
      ['0/2', 'Init:0/2', '0']],
  ])('%s', (_name, p, expected) => {
    expect(row(p)).toEqual(expected);
  });
});

describe('kubectl get pods -o wide cells (TestPrintPodwide)', () => {
  const gates = [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }];
  it('shows IP, node, nominated node and readiness gates n/m', () => {
    const p = up({ containers: anon(2), nodeName: 'test1', readinessGates: gates }, {
      conditions: [{ type: 'condition1', status: 'False' }, { type: 'condition2', status: 'True' }],
      phase: 'podPhase',
      podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
      containerStatuses: [{ ready: true, restartCount: 3, state: RUNNING }, { restartCount: 3 }],
      nominatedNodeName: 'node1',
    }, { name: 'test1', namespace: 'default' });
    expect(getTable('pods', [p as any], { now: NOW, wide: true })).toBe(
      'NAME    READY   STATUS     RESTARTS   AGE         IP        NODE    NOMINATED NODE   READINESS GATES\n' +
      'test1   1/2     podPhase   6          <unknown>   1.1.1.1   test1   node1            1/3\n',
    );
  });
  it('shows <none> for a pod without node, IP and gates', () => {
    const p = up({ containers: anon(2) }, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: RUNNING }, { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }] }, { name: 'test2' });
    expect(getTable('pods', [p as any], { now: NOW, wide: true })).toBe(
      'NAME    READY   STATUS                   RESTARTS   AGE         IP       NODE     NOMINATED NODE   READINESS GATES\n' +
      'test2   1/2     ContainerWaitingReason   6          <unknown>   <none>   <none>   <none>           <none>\n',
    );
  });
});

describe('pod STATUS in everyday simulator states', () => {
  const table = (p: Pod) => podStatusSummary(p, NOW);

  it('an unscheduled pod is Pending', () => {
    const p = pod({ phase: 'Pending', conditions: [cond('PodScheduled', 'False', { reason: 'Unschedulable', message: '0/3 nodes are available' })] });
    expect(table(p)).toMatchObject({ ready: '0/1', status: 'Pending', restarts: '0' });
  });

  it('a scheduled pod pulling its image shows ContainerCreating', () => {
    const p = pod({
      phase: 'Pending', nodeName: 'kind-worker',
      conditions: [cond('PodReadyToStartContainers', 'False'), cond('Initialized', 'True'), cond('Ready', 'False'), cond('ContainersReady', 'False'), cond('PodScheduled', 'True')],
      containerStatuses: [waiting('nginx', 'ContainerCreating')],
    });
    expect(table(p)).toMatchObject({ ready: '0/1', status: 'ContainerCreating', restarts: '0' });
  });

  it('a running ready pod is Running 1/1', () => {
    expect(table(runningPod())).toMatchObject({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('a crash-looping main container shows CrashLoopBackOff', () => {
    const p = runningPod({
      conditions: runningConditions(false),
      containerStatuses: [waiting('nginx', 'CrashLoopBackOff', { restartCount: 5, last: { exitCode: 1, reason: 'Error', startedAt: ago(3 * MIN), finishedAt: ago(2 * MIN + 5 * SEC) } })],
    });
    expect(table(p)).toMatchObject({ ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (2m5s ago)' });
  });

  it('between restarts a crashed container shows Error', () => {
    const p = runningPod({
      conditions: runningConditions(false),
      containerStatuses: [terminated('nginx', { exitCode: 1, reason: 'Error', finishedAt: ago(3 * SEC) }, { restartCount: 2, last: { exitCode: 1, reason: 'Error', startedAt: ago(40 * SEC), finishedAt: ago(30 * SEC) } })],
    });
    expect(table(p)).toMatchObject({ ready: '0/1', status: 'Error', restarts: '2 (30s ago)' });
  });

  it('RESTARTS shows the age of the last termination across containers', () => {
    const p = runningPod({
      containers: [{ name: 'app', image: 'app:1' }, { name: 'sidecar', image: 'envoy:1' }],
      containerStatuses: [
        running('app', { restartCount: 1, last: { exitCode: 137, reason: 'OOMKilled', startedAt: ago(2 * DAY), finishedAt: ago(47 * 60 * MIN) } }),
        running('sidecar', { restartCount: 2, last: { exitCode: 1, reason: 'Error', startedAt: ago(10 * MIN), finishedAt: ago(7 * MIN) } }),
      ],
    });
    expect(table(p)).toMatchObject({ ready: '2/2', status: 'Running', restarts: '3 (7m ago)' });
  });

  it('a container terminated by OOM shows OOMKilled', () => {
    const p = runningPod({ containerStatuses: [terminated('nginx', { exitCode: 137, reason: 'OOMKilled' }, { restartCount: 0 })], conditions: runningConditions(false) });
    expect(table(p).status).toBe('OOMKilled');
  });

  it('a terminated container without reason shows ExitCode:<n> or Signal:<n>', () => {
    expect(table(runningPod({ containerStatuses: [terminated('nginx', { exitCode: 3 })] })).status).toBe('ExitCode:3');
    expect(table(runningPod({ containerStatuses: [terminated('nginx', { exitCode: 137, signal: 9 })] })).status).toBe('Signal:9');
  });

  it('a finished Job pod shows Completed', () => {
    const p = runningPod({
      phase: 'Succeeded',
      conditions: runningConditions(false),
      containerStatuses: [terminated('nginx', { exitCode: 0, reason: 'Completed' })],
    });
    expect(table(p)).toMatchObject({ ready: '0/1', status: 'Completed', restarts: '0' });
  });

  it('the first init container running shows Init:0/1', () => {
    const p = pod({
      phase: 'Pending', nodeName: 'kind-worker',
      initContainers: [{ name: 'init-db', image: 'busybox' }],
      conditions: [cond('Initialized', 'False', { reason: 'ContainersNotInitialized' }), cond('Ready', 'False'), cond('PodScheduled', 'True')],
      initContainerStatuses: [running('init-db', { ready: false })],
      containerStatuses: [waiting('nginx', 'PodInitializing')],
    });
    expect(table(p)).toMatchObject({ ready: '0/1', status: 'Init:0/1', restarts: '0' });
  });

  it('a crash-looping init container shows Init:CrashLoopBackOff', () => {
    const p = pod({
      phase: 'Pending', nodeName: 'kind-worker',
      initContainers: [{ name: 'init-db', image: 'busybox' }],
      conditions: [cond('Initialized', 'False'), cond('PodScheduled', 'True')],
      initContainerStatuses: [waiting('init-db', 'CrashLoopBackOff', { restartCount: 3, last: { exitCode: 1, reason: 'Error', startedAt: ago(50 * SEC), finishedAt: ago(45 * SEC) } })],
      containerStatuses: [waiting('nginx', 'PodInitializing')],
    });
    expect(table(p)).toMatchObject({ ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '3 (45s ago)' });
  });

  it('a failed init container shows Init:Error', () => {
    const p = pod({
      phase: 'Failed', nodeName: 'kind-worker',
      initContainers: [{ name: 'init-db', image: 'busybox' }],
      spec: { restartPolicy: 'Never' },
      conditions: [cond('Initialized', 'False', { reason: 'ContainersNotInitialized' }), cond('Ready', 'False'), cond('PodScheduled', 'True')],
      initContainerStatuses: [terminated('init-db', { exitCode: 1, reason: 'Error' })],
      containerStatuses: [waiting('nginx', 'PodInitializing')],
    });
    expect(table(p).status).toBe('Init:Error');
  });

  it('after the init containers finish, main containers starting show PodInitializing', () => {
    const p = pod({
      phase: 'Pending', nodeName: 'kind-worker',
      initContainers: [{ name: 'init-db', image: 'busybox' }],
      conditions: [cond('Initialized', 'True'), cond('Ready', 'False'), cond('PodScheduled', 'True')],
      initContainerStatuses: [terminated('init-db', { exitCode: 0, reason: 'Completed' })],
      containerStatuses: [waiting('nginx', 'PodInitializing')],
    });
    expect(table(p).status).toBe('PodInitializing');
  });

  it('a native sidecar counts in READY once started', () => {
    const p = runningPod({
      initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }],
      initContainerStatuses: [running('proxy', { started: true, ready: true })],
    });
    expect(table(p)).toMatchObject({ ready: '2/2', status: 'Running' });
  });

  it('a deleted running pod shows Terminating', () => {
    const p = runningPod({ deletionTimestamp: fromNow(30 * SEC) });
    expect(table(p).status).toBe('Terminating');
  });

  it('a deleted pod on a lost node shows Unknown', () => {
    const p = runningPod({ reason: 'NodeLost', deletionTimestamp: ago(SEC) });
    expect(table(p).status).toBe('Unknown');
  });

  it('an evicted pod shows its reason Evicted', () => {
    const p = runningPod({
      phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.',
      containerStatuses: [terminated('nginx', { exitCode: 137, reason: 'ContainerStatusUnknown' })],
    });
    // the container's terminated reason overrides the pod reason, as in kubectl
    expect(table(p).status).toBe('ContainerStatusUnknown');
    const noStatuses = runningPod({ phase: 'Failed', reason: 'Evicted', containerStatuses: [] });
    expect(table(noStatuses)).toMatchObject({ status: 'Evicted', ready: '0/1' });
  });

  it('a scheduling-gated pod shows SchedulingGated', () => {
    const p = pod({ phase: 'Pending', conditions: [cond('PodScheduled', 'False', { reason: 'SchedulingGated' })] });
    expect(table(p).status).toBe('SchedulingGated');
  });

  it('image pull failures show ErrImagePull / ImagePullBackOff', () => {
    const p = pod({ phase: 'Pending', nodeName: 'kind-worker', containerStatuses: [waiting('nginx', 'ImagePullBackOff')] });
    expect(table(p).status).toBe('ImagePullBackOff');
  });
});
