import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import { defaultPodSpec } from '../../../src/manifest/defaults.ts';
import {
  applyRevision, compareRevisions, controllerRevisionName, createControllerRevision, equalRevision, findEqualRevisions, fnv1_32,
  getPatch, getStatefulSetRevisions, goJsonMarshal, hashControllerRevision, newRevision, nextRevision, revisionRaw,
  sortControllerRevisions, truncateHistory,
} from '../../../machines/statefulset/revisions.ts';
import { fnv1a32, safeEncodeString } from '../../../machines/deployment/hash.ts';
import { iso } from '../../../machines/time.ts';
import { NOW, podOf, rev, sts } from './fixtures.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

// pkg/controller/statefulset/stateful_set_compatibility_test.go: a 1.33 revision of set "test".
const UPSTREAM_RAW = '{"spec":{"template":{"$patch":"replace","metadata":{"annotations":{"test":"value"},"creationTimestamp":null,"labels":{"app":"foo"}},"spec":{"containers":[{"image":"test","imagePullPolicy":"Always","name":"test","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}}';

function upstreamSet(): StatefulSet {
  return {
    metadata: { name: 'test', namespace: 'test', uid: 'ssuid', labels: { sslabel: 'value' } },
    spec: {
      serviceName: '',
      selector: { matchLabels: { app: 'foo' } },
      template: {
        metadata: { annotations: { test: 'value' }, labels: { app: 'foo' } },
        spec: defaultPodSpec({ containers: [{ image: 'test', name: 'test' }] }),
      },
    },
  };
}

describe('HashControllerRevision: FNV-1 (not 1a) over the raw data, then the collision count as decimal text', () => {
  it('FNV-1 32 published vectors, and it differs from FNV-1a', () => {
    expect(fnv1_32(bytes(''))).toBe(0x811c9dc5);
    expect(fnv1_32(bytes('a'))).toBe(0x050c5d7e);
    expect(fnv1_32(bytes('foobar'))).toBe(0x31f0b262);
    expect(fnv1_32(bytes('a'))).not.toBe(fnv1a32(bytes('a')));
  });

  it('reproduces upstream\'s test vector: raw data + "0" → c77f6d978', () => {
    expect(hashControllerRevision(UPSTREAM_RAW, 0)).toBe('c77f6d978');
    expect(hashControllerRevision(UPSTREAM_RAW, 0)).toBe(safeEncodeString(String(fnv1_32(bytes(UPSTREAM_RAW + '0')))));
  });

  it('no probe hashes the data alone; the count is text ("10" ≠ bytes 0x0a)', () => {
    expect(hashControllerRevision(UPSTREAM_RAW)).toBe(safeEncodeString(String(fnv1_32(bytes(UPSTREAM_RAW)))));
    expect(hashControllerRevision(UPSTREAM_RAW, 10)).toBe(safeEncodeString(String(fnv1_32(bytes(UPSTREAM_RAW + '10')))));
  });

  it('property: deterministic, safe characters only, sensitive to the count', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 0, max: 1000 }), (raw, cc) => {
      const h = hashControllerRevision(raw, cc);
      expect(h).toBe(hashControllerRevision(raw, cc));
      expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    }));
  });
});

describe('getPatch / newRevision: the revision is the template, as upstream encodes it', () => {
  it('end to end: the defaulted template gives upstream\'s exact bytes and name test-c77f6d978', () => {
    const set = upstreamSet();
    expect(goJsonMarshal(getPatch(set))).toBe(UPSTREAM_RAW);
    const cr = newRevision(set, 1, 0);
    expect(cr.metadata!.name).toBe('test-c77f6d978');
    expect(cr.metadata!.labels).toEqual({ app: 'foo', 'controller.kubernetes.io/hash': 'c77f6d978' });
    expect(cr.metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'test', uid: 'ssuid', controller: true, blockOwnerDeletion: true }]);
    expect(cr.metadata!.namespace).toBe('test');
    expect(cr.revision).toBe(1);
    expect(revisionRaw(cr)).toBe(UPSTREAM_RAW);
  });

  it('only spec.template is recorded: replicas, strategy and the set\'s own labels do not change the revision', () => {
    const a = sts();
    const b = sts({ replicas: 7, partition: 2, minReadySeconds: 9 });
    b.metadata!.labels = { x: 'y' };
    expect(newRevision(a, 1, 0).metadata!.name).toBe(newRevision(b, 1, 0).metadata!.name);
    expect(newRevision(a, 1, 0).metadata!.name).not.toBe(newRevision(sts({ image: 'other' }), 1, 0).metadata!.name);
  });

  it('the set\'s annotations are copied (change-cause reaches rollout history)', () => {
    const set = sts();
    set.metadata!.annotations = { 'kubernetes.io/change-cause': 'kubectl set image' };
    expect(newRevision(set, 1, 0).metadata!.annotations).toEqual({ 'kubernetes.io/change-cause': 'kubectl set image' });
  });

  it('Go json.Marshal: sorted keys, HTML escaped', () => {
    expect(goJsonMarshal({ b: 1, a: ['<x>', '&'], c: undefined, d: null })).toBe('{"a":["\\u003cx\\u003e","\\u0026"],"b":1,"d":null}');
  });

  it('ApplyRevision swaps the template back in (dropping $patch and the codec\'s null timestamp)', () => {
    const v1 = sts({ image: 'v1', replicas: 5 });
    const r1 = newRevision(v1, 1, 0);
    const back = applyRevision(sts({ image: 'v2', replicas: 5 }), r1);
    expect(back.spec!.template.spec!.containers[0]).toEqual({ ...v1.spec!.template.spec!.containers[0], resources: {} });
    expect(back.spec!.template.metadata).toEqual({ labels: { app: 'nginx' } });
    expect(back.spec!.replicas).toBe(5);
  });

  it('ControllerRevisionName cuts the prefix to 223 bytes', () => {
    expect(controllerRevisionName('web', 'abc')).toBe('web-abc');
    expect(controllerRevisionName('x'.repeat(300), 'abc')).toBe('x'.repeat(223) + '-abc');
  });
});

describe('revision ordering and equality', () => {
  const mk = (name: string, revision: number, created: number): ControllerRevision =>
    ({ metadata: { name, creationTimestamp: iso(created * 1000) }, revision, data: { n: name } }); // created: seconds (metav1.Time precision)

  it('by revision, ties by creation time then name; nextRevision = last + 1 (1 when empty)', () => {
    const list = [mk('c', 2, 5), mk('b', 1, 9), mk('a', 2, 5), mk('d', 2, 1)];
    expect(sortControllerRevisions(list).map((r) => r.metadata!.name)).toEqual(['b', 'd', 'a', 'c']);
    expect(nextRevision(sortControllerRevisions(list))).toBe(3);
    expect(nextRevision([])).toBe(1);
    expect(compareRevisions(list[0]!, list[0]!)).toBe(0);
  });

  it('EqualRevision: same raw data; nil only equals nil; all-digit hash labels that differ → not equal', () => {
    const a = rev(sts(), 1);
    const b = { ...rev(sts(), 7, 3) };
    expect(equalRevision(a, b)).toBe(true); // other number and collision count, same data
    expect(equalRevision(a, rev(sts({ image: 'x' }), 1))).toBe(false);
    expect(equalRevision(null, null)).toBe(true);
    expect(equalRevision(a, null)).toBe(false);
    const digits = (r: ControllerRevision, h: string) => ({ ...r, metadata: { ...r.metadata, labels: { 'controller.kubernetes.io/hash': h } } });
    expect(equalRevision(digits(a, '222'), digits(b, '444'))).toBe(false);
    expect(equalRevision(digits(a, '222'), digits(b, 'b44'))).toBe(true);
    expect(findEqualRevisions([a, rev(sts({ image: 'x' }), 2), b], a)).toEqual([a, b]);
  });
});

describe('getStatefulSetRevisions: current and update revision of a sync', () => {
  const v1 = sts({ image: 'v1' });
  const v2 = sts({ image: 'v2' });
  const r1 = rev(v1, 1);
  const r2 = rev(v2, 2);

  it('first sync: creates revision 1; current = update', () => {
    const r = getStatefulSetRevisions(v1, []);
    expect(r.action).toEqual({ type: 'create', revision: r.updateRevision, create: true });
    expect(r.updateRevision.revision).toBe(1);
    expect(r.currentRevision).toBe(r.updateRevision);
    expect(r.collisionCount).toBe(0);
  });

  it('unchanged template: the latest revision is reused, nothing written', () => {
    const set = { ...v1, status: { replicas: 3, currentRevision: r1.metadata!.name } };
    const r = getStatefulSetRevisions(set, [r1]);
    expect(r.action).toEqual({ type: 'none' });
    expect(r.updateRevision).toBe(r1);
    expect(r.currentRevision).toBe(r1);
  });

  it('new template: revision 2 is created; current stays the status\'s revision', () => {
    const set = { ...v2, status: { replicas: 3, currentRevision: r1.metadata!.name } };
    const r = getStatefulSetRevisions(set, [r1]);
    expect(r.action.type).toBe('create');
    expect(r.updateRevision.revision).toBe(2);
    expect(r.updateRevision.metadata!.name).toBe(r2.metadata!.name);
    expect(r.currentRevision).toBe(r1);
  });

  it('back to an older template (rollback): that revision is bumped to the next number, not recreated', () => {
    const set = { ...v1, status: { replicas: 3, currentRevision: r2.metadata!.name } };
    const r = getStatefulSetRevisions(set, [r2, r1]);
    expect(r.action).toEqual({ type: 'bump', revision: r.updateRevision, from: 1, to: 3 });
    expect(r.updateRevision.metadata!.name).toBe(r1.metadata!.name);
    expect(r.updateRevision.revision).toBe(3);
    expect(r.currentRevision).toBe(r2);
  });

  it('status.currentRevision unknown → current = update', () => {
    const set = { ...v2, status: { replicas: 3, currentRevision: 'gone' } };
    const r = getStatefulSetRevisions(set, [r1]);
    expect(r.currentRevision).toBe(r.updateRevision);
  });

  it('a name taken by other data bumps the collision count (label keeps the first hash); same data is adopted', () => {
    const squatter: ControllerRevision = { ...r2, data: { other: true } };
    const set = { ...v2, status: { replicas: 3, currentRevision: r1.metadata!.name } };
    const r = getStatefulSetRevisions(set, [r1], [r1, squatter]);
    expect(r.collisionCount).toBe(1);
    expect(r.updateRevision.metadata!.name).toBe(`web-${hashControllerRevision(revisionRaw(r2), 1)}`);
    expect(r.updateRevision.metadata!.labels!['controller.kubernetes.io/hash']).toBe(r2.metadata!.labels!['controller.kubernetes.io/hash']);
    const same = createControllerRevision(v2, newRevision(v2, 2, 0), 0, [r2]);
    expect(same).toEqual({ revision: r2, create: false, collisionCount: 0 });
  });
});

describe('truncateHistory: keep revisionHistoryLimit non-live revisions, delete the oldest', () => {
  const revs = [1, 2, 3, 4, 5].map((n) => rev(sts({ image: `v${n}` }), n));
  const names = (rs: ControllerRevision[]) => rs.map((r) => r.revision);

  it.each([
    ['limit 10: nothing', 10, [], []],
    ['limit 1: current 5 live, 1–3 deleted', 1, [], [1, 2, 3]],
    ['limit 0: all non-live deleted', 0, [], [1, 2, 3, 4]],
    ['a pod still at revision 2 keeps it live', 0, [2], [1, 3, 4]],
  ] as const)('%s', (_n, limit, podRevisions, want) => {
    const set = sts();
    set.spec!.revisionHistoryLimit = limit;
    const pods = podRevisions.map((n, i) => podOf(set, i, { revision: revs[n - 1]!.metadata!.name }));
    expect(names(truncateHistory(set, pods, [...revs].reverse(), revs[4], revs[4]))).toEqual(want);
  });

  it('current and update are both live during a rollout', () => {
    const set = sts();
    set.spec!.revisionHistoryLimit = 0;
    expect(names(truncateHistory(set, [], revs, revs[1], revs[4]))).toEqual([1, 3, 4]);
  });

  it('NOW is only used for fixture timestamps', () => expect(NOW).toBeGreaterThan(0));
});
