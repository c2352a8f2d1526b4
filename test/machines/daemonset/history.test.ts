import { describe, it, expect } from 'vitest';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  getPatch, goJSONString, goJSONMarshal, match, snapshot, maxRevision, constructHistory, dedupCurHistories, cleanupHistory,
  snapshotConflict, daemonSetHash, sortByRevision, CONTROLLER_REVISION_HASH_LABEL,
} from '../../../machines/daemonset/arith.ts';
import { computeHash } from '../../../machines/deployment/arith.ts';
import { ds, pod } from './fixtures.ts';

const withImage = (image: string): DaemonSet => ds({ image });

/** A controlled revision of `d` named `<name>` with `revision`, as snapshot would have made it. */
function rev(d: DaemonSet, revision: number, name?: string): ControllerRevision {
  const s = snapshot(d, revision);
  return name ? { ...s, metadata: { ...s.metadata, name } } : s;
}

describe('getPatch / Match', () => {
  it('is the template under spec.template with "$patch":"replace", keys sorted, Go struct zeroes included', () => {
    expect(getPatch(ds())).toBe(
      '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"name":"simple-daemon","type":"production"}},' +
      '"spec":{"containers":[{"image":"foo/bar","name":"foo","resources":{}}]}}}}',
    );
  });

  it('strings are HTML-escaped as Go json.Marshal does', () => {
    const d = ds();
    d.spec!.template.spec!.containers[0]!.command = ['sh', '-c', 'echo <a> && sleep 1'];
    expect(getPatch(d)).toContain('"command":["sh","-c","echo \\u003ca\\u003e \\u0026\\u0026 sleep 1"]');
  });

  it.each([
    ['plain', 'abc', '"abc"'],
    ['quote and backslash', 'a"b\\c', '"a\\"b\\\\c"'],
    ['short escapes', '\b\f\n\r\t', '"\\b\\f\\n\\r\\t"'],
    ['other control characters', '\u0001\u001f', '"\\u0001\\u001f"'],
    ['line/paragraph separators', '\u2028\u2029', '"\\u2028\\u2029"'],
    ['non-ASCII stays', 'héllo ☃ 😀', '"héllo ☃ 😀"'],
    ['lone surrogate', 'a\ud800b', '"a\\ufffdb"'],
  ])('goJSONString: %s', (_n, input, want) => {
    expect(goJSONString(input)).toBe(want);
  });

  it('goJSONMarshal: sorted keys, undefined dropped, null kept', () => {
    expect(goJSONMarshal({ b: 1, a: [true, null], c: undefined, $x: 'y' })).toBe('{"$x":"y","a":[true,null],"b":1}');
  });

  it('Match compares the patch with the revision data (decoded or raw)', () => {
    const r = snapshot(ds(), 1);
    expect(match(ds(), r)).toBe(true);
    expect(match(withImage('foo/bar2'), r)).toBe(false);
    expect(match(ds(), { ...r, data: getPatch(ds()) as unknown as object })).toBe(true);
    expect(match(ds(), { ...r, data: undefined })).toBe(false);
  });
});

describe('snapshot', () => {
  it('name <ds>-<hash>, template labels + hash, the DaemonSet annotations, ControllerRef, revision', () => {
    const d = ds({ annotations: { 'deprecated.daemonset.template.generation': '1', note: 'x' } });
    const hash = computeHash(d.spec!.template);
    expect(daemonSetHash(d)).toBe(hash);
    expect(snapshot(d, 4)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `foo-${hash}`,
        namespace: 'default',
        labels: { name: 'simple-daemon', type: 'production', [CONTROLLER_REVISION_HASH_LABEL]: hash },
        annotations: { 'deprecated.daemonset.template.generation': '1', note: 'x' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: 'ds-uid', controller: true, blockOwnerDeletion: true }],
      },
      data: JSON.parse(getPatch(d)),
      revision: 4,
    });
  });

  it('the collision count changes the hash', () => {
    const d = ds();
    const bumped = { ...d, status: { ...d.status!, collisionCount: 1 } };
    expect(daemonSetHash(bumped)).not.toBe(daemonSetHash(d));
    expect(daemonSetHash(bumped)).toBe(computeHash(d.spec!.template, 1));
  });
});

describe('constructHistory', () => {
  it('no history: create revision 1 (its hash label is the sync hash)', () => {
    const p = constructHistory(ds(), []);
    expect(p.create).toMatchObject({ revision: 1 });
    expect(p.current).toBe(p.create);
    expect(p.current.metadata!.labels![CONTROLLER_REVISION_HASH_LABEL]).toBe(daemonSetHash(ds()));
    expect(p.old).toEqual([]);
  });

  it('a new template: old revisions kept, the new one numbered max + 1', () => {
    const h = [rev(withImage('v1'), 1), rev(withImage('v2'), 2)];
    const p = constructHistory(withImage('v3'), h);
    expect(p.create).toMatchObject({ revision: 3 });
    expect(p.old.map((r) => r.revision)).toEqual([1, 2]);
    expect(p.updateRevision).toBeNull();
  });

  it('the current template already recorded: nothing to create', () => {
    const h = [rev(withImage('v1'), 1), rev(withImage('v2'), 2)];
    const p = constructHistory(withImage('v2'), h);
    expect(p).toMatchObject({ create: null, updateRevision: null, current: { revision: 2 } });
  });

  it('rolling back to an old template re-numbers its revision', () => {
    const h = [rev(withImage('v1'), 1), rev(withImage('v2'), 2)];
    const p = constructHistory(withImage('v1'), h);
    expect(p.create).toBeNull();
    expect(p.updateRevision).toEqual({ name: h[0]!.metadata!.name, revision: 3 });
    expect(p.current.revision).toBe(3);
  });

  it('revisions without the hash label get their name as the label', () => {
    const r = rev(withImage('v1'), 1, 'foo-legacy');
    delete r.metadata!.labels![CONTROLLER_REVISION_HASH_LABEL];
    const p = constructHistory(withImage('v2'), [r]);
    expect(p.labelRevisions).toEqual(['foo-legacy']);
    expect(p.old[0]!.metadata!.labels![CONTROLLER_REVISION_HASH_LABEL]).toBe('foo-legacy');
  });

  it('duplicates of the current template: keep the highest revision, relabel pods, delete the rest', () => {
    const a = rev(ds(), 2, 'foo-a');
    a.metadata!.labels![CONTROLLER_REVISION_HASH_LABEL] = 'ha';
    const b = rev(ds(), 5, 'foo-b');
    b.metadata!.labels![CONTROLLER_REVISION_HASH_LABEL] = 'hb';
    const pods = [pod('p1', 'node-0', { hash: 'ha' }), pod('p2', 'node-1', { hash: 'hb' })];
    const p = constructHistory(ds(), [a, b, rev(withImage('v0'), 1)], pods);
    expect(p).toMatchObject({ current: { metadata: { name: 'foo-b' } }, relabelPods: ['p1'], deleteRevisions: ['foo-a'], create: null });
    expect(p.updateRevision).toBeNull();
  });

  it('dedupCurHistories keeps the last of equal revisions', () => {
    const x = rev(ds(), 3, 'x');
    const y = rev(ds(), 3, 'y');
    expect(dedupCurHistories([x, y], []).keep.metadata!.name).toBe('y');
    expect(dedupCurHistories([x], [pod('p', 'n')])).toEqual({ keep: x, relabelPods: [], deleteRevisions: [] });
  });

  it('maxRevision / sortByRevision', () => {
    expect(maxRevision([])).toBe(0);
    const rs = [rev(withImage('a'), 7), rev(withImage('b'), 2), rev(withImage('c'), 4)];
    expect(maxRevision(rs)).toBe(7);
    expect(sortByRevision(rs).map((r) => r.revision)).toEqual([2, 4, 7]);
  });
});

describe('snapshot name clash', () => {
  it('the same template: use it; another template: bump collisionCount; stale count: retry', () => {
    const d = ds();
    expect(snapshotConflict(d, snapshot(d, 1), undefined)).toMatchObject({ outcome: 'existing' });
    const other = { ...snapshot(withImage('x'), 1), metadata: snapshot(d, 1).metadata };
    expect(snapshotConflict(d, other, undefined)).toEqual({ outcome: 'collision', collisionCount: 1 });
    const counted = { ...d, status: { ...d.status!, collisionCount: 1 } };
    expect(snapshotConflict(counted, other, 1)).toEqual({ outcome: 'collision', collisionCount: 2 });
    expect(snapshotConflict(d, other, 1)).toEqual({
      outcome: 'retry',
      error: 'found a stale collision count (0, expected 1) of DaemonSet "foo" while processing; will retry until it is updated',
    });
  });
});

describe('cleanupHistory', () => {
  const revs = [1, 2, 3, 4, 5].map((n) => {
    const r = rev(withImage(`v${n}`), n);
    r.metadata!.labels![CONTROLLER_REVISION_HASH_LABEL] = `h${n}`;
    return r;
  });
  const limit = (n: number) => ({ ...ds(), spec: { ...ds().spec!, revisionHistoryLimit: n } });

  it('deletes the lowest revisions beyond the limit', () => {
    expect(cleanupHistory(limit(2), [revs[4]!, revs[0]!, revs[2]!, revs[1]!, revs[3]!], [])).toEqual(revs.slice(0, 3).map((r) => r.metadata!.name));
    expect(cleanupHistory(limit(5), revs, [])).toEqual([]);
    expect(cleanupHistory(ds(), revs, [])).toEqual([]); // default 10
    expect(cleanupHistory(limit(0), revs, [])).toHaveLength(5);
  });

  it('never a revision a live pod still uses (deleted terminal pods included): newer ones go instead', () => {
    const pods = [pod('a', 'node-0', { hash: 'h1' }), pod('b', 'node-1', { hash: 'h3', phase: 'Succeeded', deleting: true })];
    expect(cleanupHistory(limit(2), revs, pods)).toEqual([revs[1]!, revs[3]!, revs[4]!].map((r) => r.metadata!.name));
  });

  it('pods without a target node do not keep a revision alive', () => {
    const stray = { metadata: { name: 's', labels: { [CONTROLLER_REVISION_HASH_LABEL]: 'h1' } }, spec: { containers: [] } };
    expect(cleanupHistory(limit(4), revs, [stray])).toEqual([revs[0]!.metadata!.name]);
  });
});
