/**
 * Additional behaviours: evicted pods in describe, readiness gates, sidecars, `-L` label columns,
 * describeObject dispatch, and an alignment property of `kubectl get` tables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeObject, describePod } from '../../src/views/describe.ts';
import { getTable } from '../../src/views/printers.ts';
import { DAY, MIN, NOW, SEC, ago, cond, node, runningPod, terminated, running } from './fixtures.ts';

describe('describe pod details', () => {
  it('an evicted pod shows Status Failed with Reason and Message', () => {
    const p = runningPod({
      phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 92Mi.',
      containerStatuses: [terminated('nginx', { exitCode: 137, reason: 'ContainerStatusUnknown' })],
    });
    expect(describePod(p, null, NOW)).toContain(
      'Status:           Failed\n' +
      'Reason:           Evicted\n' +
      'Message:          The node was low on resource: memory. Threshold quantity: 100Mi, available: 92Mi.\n' +
      'IP:               10.244.1.5\n',
    );
  });

  it('readiness gates are listed with their condition status or <none>', () => {
    const p = runningPod({
      readinessGates: [{ conditionType: 'example.com/feature-1' }, { conditionType: 'example.com/feature-2' }],
      conditions: [...[cond('Initialized', 'True'), cond('Ready', 'False')], cond('example.com/feature-1', 'True')],
    });
    expect(describePod(p, null, NOW)).toContain(
      'Readiness Gates:\n' +
      '  Type                    Status\n' +
      '  example.com/feature-1   True \n' +
      '  example.com/feature-2   <none> \n' +
      'Conditions:\n' +
      '  Type                    Status\n' +
      '  Initialized             True \n' +
      '  Ready                   False \n' +
      '  example.com/feature-1   True \n',
    );
  });

  it('a native sidecar appears under Init Containers with its running state', () => {
    const p = runningPod({
      initContainers: [{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }],
      initContainerStatuses: [running('proxy', { image: 'envoy:1.30', started: true, ready: true })],
    });
    const out = describePod(p, null, NOW);
    expect(out).toContain('Init Containers:\n  proxy:\n');
    expect(out).toContain('    Image:          envoy:1.30\n');
  });

  it('describeObject dispatches pods and nodes to their describers', () => {
    expect(describeObject(runningPod(), null, NOW)).toBe(describePod(runningPod(), null, NOW));
    const n = node('n1');
    expect(describeObject(n, null, NOW, { pods: [runningPod({ nodeName: 'n1' })] })).toContain('Non-terminated Pods:          (1 in total)\n');
  });
});

describe('label columns', () => {
  it('-L app,tier adds one upper-cased column per key (last path segment)', () => {
    const pods = [runningPod({ name: 'a', labels: { 'app.kubernetes.io/name': 'web', tier: 'fe' } }), runningPod({ name: 'b' })];
    expect(getTable('pods', pods, { now: NOW, labelColumns: ['app.kubernetes.io/name', 'tier'] })).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   NAME   TIER\n' +
      'a      1/1     Running   0          5m    web    fe\n' +
      'b      1/1     Running   0          5m           \n',
    );
  });
});

describe('table alignment property', () => {
  it('every cell of a column starts at the same offset as its header', () => {
    const word = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/);
    fc.assert(fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 8 }), fc.nat({ max: 400 }), (names, restarts) => {
      const pods = names.map((name, i) => runningPod({
        name,
        created: ago((i + 1) * 37 * MIN),
        containerStatuses: [running('nginx', { restartCount: restarts * i, last: restarts * i > 0 ? { exitCode: 1, startedAt: ago(DAY), finishedAt: ago(i * 13 * SEC) } : undefined })],
      }));
      const lines = getTable('pods', pods, { now: NOW }).trimEnd().split('\n');
      const starts = (l: string) => [...l.matchAll(/(?:^|(?<=  ))\S/g)].map((m) => m.index);
      const header = starts(lines[0]);
      for (const l of lines.slice(1)) {
        const cols = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'].map((h) => lines[0].indexOf(h));
        expect(cols).toEqual(header.slice(0, 5));
        for (const c of cols) expect(l[c] !== ' ' && (c === 0 || l[c - 1] === ' ')).toBe(true);
      }
    }), { numRuns: 50 });
  });
});
