import { describe, it, expect } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  setDefaultsDaemonSet, getTemplateGeneration, isPodUpdated, createPodTemplate, newDaemonPod, surgeCount, unavailableCount,
  allowsSurge, compareDaemonPods, sortDaemonPods, getNodesToDaemonPods, splitByAvailablePods,
  CONTROLLER_REVISION_HASH_LABEL, POD_TEMPLATE_GENERATION_LABEL, DEPRECATED_TEMPLATE_GENERATION_ANNOTATION,
} from '../../../machines/daemonset/arith.ts';
import { ds, pod, sec } from './fixtures.ts';

describe('SetDefaults_DaemonSet', () => {
  it('RollingUpdate with maxUnavailable 1, maxSurge 0, revisionHistoryLimit 10', () => {
    const d = setDefaultsDaemonSet({ spec: { selector: {}, template: {} } });
    expect(d.spec!.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(d.spec!.revisionHistoryLimit).toBe(10);
  });

  it('given values stay; OnDelete gets no rollingUpdate block', () => {
    const d = setDefaultsDaemonSet({ spec: { selector: {}, template: {}, revisionHistoryLimit: 0, updateStrategy: { rollingUpdate: { maxSurge: '10%' } } } });
    expect(d.spec!.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' } });
    expect(d.spec!.revisionHistoryLimit).toBe(0);
    expect(setDefaultsDaemonSet({ spec: { selector: {}, template: {}, updateStrategy: { type: 'OnDelete' } } }).spec!.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('GetTemplateGeneration / IsPodUpdated', () => {
  const withGen = (v: string) => ds({ annotations: { [DEPRECATED_TEMPLATE_GENERATION_ANNOTATION]: v } });
  it('parses the deprecated annotation (ParseInt base 10)', () => {
    expect(getTemplateGeneration(ds())).toEqual({ generation: null });
    expect(getTemplateGeneration(withGen('3'))).toEqual({ generation: 3 });
    expect(getTemplateGeneration(withGen('+3'))).toEqual({ generation: 3 });
    expect(getTemplateGeneration(withGen('x'))).toEqual({ error: 'strconv.ParseInt: parsing "x": invalid syntax' });
  });

  it.each([
    ['hash label matches', { [CONTROLLER_REVISION_HASH_LABEL]: 'abc' }, 'abc', null, true],
    ['hash label differs', { [CONTROLLER_REVISION_HASH_LABEL]: 'old' }, 'abc', null, false],
    ['no hash label', {}, 'abc', null, false],
    ['empty hash never matches', { [CONTROLLER_REVISION_HASH_LABEL]: '' }, '', null, false],
    ['template generation matches', { [POD_TEMPLATE_GENERATION_LABEL]: '2' }, 'abc', 2, true],
    ['template generation differs, hash matches', { [POD_TEMPLATE_GENERATION_LABEL]: '1', [CONTROLLER_REVISION_HASH_LABEL]: 'abc' }, 'abc', 2, true],
    ['template generation differs, no hash', { [POD_TEMPLATE_GENERATION_LABEL]: '1' }, 'abc', 2, false],
  ] as const)('%s → %s', (_n, labels, hash, gen, want) => {
    expect(isPodUpdated(pod('p', 'n', { labels }), hash, gen)).toBe(want);
  });
});

describe('CreatePodTemplate and the created pod', () => {
  it('labels: template + pod-template-generation + controller-revision-hash; default tolerations', () => {
    const t = createPodTemplate(ds().spec!.template, 4, 'h1');
    expect(t.metadata!.labels).toEqual({ name: 'simple-daemon', type: 'production', [POD_TEMPLATE_GENERATION_LABEL]: '4', [CONTROLLER_REVISION_HASH_LABEL]: 'h1' });
    expect(t.spec!.tolerations).toHaveLength(6);
    expect(createPodTemplate({}, null, '').metadata!.labels).toEqual({});
  });

  it('the pod for a node: generateName, ControllerRef, node-name affinity, no spec.nodeName', () => {
    const d = ds({ annotations: { [DEPRECATED_TEMPLATE_GENERATION_ANNOTATION]: '2' } });
    const p = newDaemonPod(d, 'h1', 'node-3');
    expect(p.metadata).toEqual({
      generateName: 'foo-',
      namespace: 'default',
      labels: { name: 'simple-daemon', type: 'production', [POD_TEMPLATE_GENERATION_LABEL]: '2', [CONTROLLER_REVISION_HASH_LABEL]: 'h1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: 'ds-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(p.spec!.nodeName).toBeUndefined();
    expect(p.spec!.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-3'] }] }] } } });
    expect(d.spec!.template.spec!.affinity).toBeUndefined();
  });
});

describe('SurgeCount / UnavailableCount: int-or-percent rounding UP against the desired nodes', () => {
  it.each([
    [1, 0, 5, 1, 0],
    ['20%', '0%', 5, 1, 0],
    ['30%', '30%', 5, 2, 2],
    ['1%', '1%', 200, 2, 2],
    ['1%', '1%', 10, 1, 1],
    ['50%', '50%', 3, 2, 2],
    ['100%', 0, 2, 2, 0],
    ['10%', '10%', 0, 0, 0],
  ] as const)('maxUnavailable %j, maxSurge %j of %i → %i, %i', (mu, ms, n, wantU, wantS) => {
    const d = ds({ maxUnavailable: mu, maxSurge: ms });
    expect(unavailableCount(d, n)).toBe(wantU);
    expect(surgeCount(d, n)).toBe(wantS);
  });

  it('OnDelete and a missing block count 0; a bad string throws the intstr error; a missing maxUnavailable throws nil', () => {
    expect(unavailableCount(ds({ strategy: 'OnDelete' }), 5)).toBe(0);
    expect(surgeCount(ds({ strategy: 'OnDelete' }), 5)).toBe(0);
    const noBlock: DaemonSet = { spec: { selector: {}, template: {}, updateStrategy: { type: 'RollingUpdate' } } };
    expect(unavailableCount(noBlock, 5)).toBe(0);
    expect(() => unavailableCount(ds({ maxUnavailable: 'x' }), 5)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
    const nilU: DaemonSet = { spec: { selector: {}, template: {}, updateStrategy: { type: 'RollingUpdate', rollingUpdate: {} } } };
    expect(() => unavailableCount(nilU, 5)).toThrow('nil value for IntOrString');
    expect(surgeCount(nilU, 5)).toBe(0);
  });

  it('AllowsSurge: SurgeCount(ds, 1) > 0, invalid values disallow', () => {
    expect(allowsSurge(ds())).toBe(false);
    expect(allowsSurge(ds({ maxSurge: 1, maxUnavailable: 0 }))).toBe(true);
    expect(allowsSurge(ds({ maxSurge: '1%', maxUnavailable: 0 }))).toBe(true);
    expect(allowsSurge(ds({ maxSurge: 'bad' }))).toBe(false);
    expect(allowsSurge(ds({ strategy: 'OnDelete' }))).toBe(false);
  });
});

describe('podByCreationTimestampAndPhase', () => {
  it('scheduled first, then oldest, then by name', () => {
    const a = pod('a', 'n', { created: 10 });
    const b = pod('b', 'n', { created: 5 });
    const c = pod('c', 'n', { created: 5 });
    const unscheduled = pod('u', 'n', { created: 0, scheduled: false });
    expect(sortDaemonPods([unscheduled, a, c, b]).map((p) => p.metadata!.name)).toEqual(['b', 'c', 'a', 'u']);
    expect(compareDaemonPods(a, a)).toBe(0);
  });

  it('a missing creationTimestamp is the zero time (oldest)', () => {
    const p0 = pod('z', 'n');
    const { creationTimestamp: _c, ...md } = p0.metadata!;
    const z = { ...p0, metadata: md };
    expect(sortDaemonPods([pod('a', 'n', { created: 1 }), z])[0]!.metadata!.name).toBe('z');
  });
});

describe('getNodesToDaemonPods', () => {
  // daemon_controller_test.go TestGetNodesToDaemonPods.
  const pods = [
    pod('owned-0', 'node-0'),
    pod('owned-1', 'node-1', { scheduled: false }),
    pod('succeeded-deleted', 'node-0', { phase: 'Succeeded', deleting: true }),
    pod('failed-deleted', 'node-1', { phase: 'Failed', deleting: true }),
    pod('failed', 'node-1', { phase: 'Failed' }),
    pod('running-deleted', 'node-0', { deleting: true }),
    { metadata: { name: 'nowhere' }, spec: { containers: [] } },
  ];

  it('excludes deleted terminal pods and pods without a target node', () => {
    const m = getNodesToDaemonPods(pods, false);
    expect([...m.keys()]).toEqual(['node-0', 'node-1']);
    expect(m.get('node-0')!.map((p) => p.metadata!.name)).toEqual(['owned-0', 'running-deleted']);
    expect(m.get('node-1')!.map((p) => p.metadata!.name)).toEqual(['owned-1', 'failed']);
  });

  it('includeDeletedTerminal keeps them (cleanupHistory)', () => {
    const m = getNodesToDaemonPods(pods, true);
    expect(m.get('node-0')!.map((p) => p.metadata!.name)).toEqual(['owned-0', 'succeeded-deleted', 'running-deleted']);
  });
});

describe('SplitByAvailablePods', () => {
  it('available at now with minReadySeconds, order kept', () => {
    const ready = pod('r', 'n', { readySince: 0 });
    const fresh = pod('f', 'n', { readySince: 8 });
    const notReady = pod('x', 'n');
    const r = splitByAvailablePods(5, [notReady, fresh, ready], sec(10));
    expect(r.available.map((p) => p.metadata!.name)).toEqual(['r']);
    expect(r.unavailable.map((p) => p.metadata!.name)).toEqual(['x', 'f']);
  });
});
