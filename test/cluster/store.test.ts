import { describe, expect, it } from 'vitest';
import { Store, type Entry } from '../../src/cluster/store.ts';

const entry = (kind: string, namespace: string | undefined, name: string, uid = `${kind}/${namespace}/${name}`): Entry =>
  ({ kind, namespace, name, uid, rv: 1, object: { apiVersion: 'v1', kind, metadata: { name, namespace, uid } } }) as Entry;

describe('Store.entriesIn: the namespace index listers use', () => {
  it('lists one namespace\'s entries of a kind in creation order, and follows removals and re-creations', () => {
    const s = new Store();
    const a = entry('Pod', 'ns1', 'a');
    const b = entry('Pod', 'ns2', 'b');
    const c = entry('Pod', 'ns1', 'c');
    const svc = entry('Service', 'ns1', 'web');
    for (const e of [a, b, c, svc]) s.add(e);
    expect([...s.entriesIn('Pod', 'ns1')].map((e) => e.name)).toEqual(['a', 'c']);
    expect([...s.entriesIn('Pod', 'ns2')].map((e) => e.name)).toEqual(['b']);
    expect([...s.entriesIn('Service', 'ns1')]).toEqual([svc]);
    expect([...s.entriesIn('Pod', 'nowhere')]).toEqual([]);
    s.remove(a);
    const a2 = entry('Pod', 'ns1', 'a', 'uid-2');
    s.add(a2);
    expect([...s.entriesIn('Pod', 'ns1')]).toEqual([c, a2]);
    expect([...s.entriesIn('Pod', 'ns1')]).toEqual([...s.entries('Pod')].filter((e) => e.namespace === 'ns1'));
    s.remove(b);
    expect([...s.entriesIn('Pod', 'ns2')]).toEqual([]);
  });

  it('cluster-scoped entries are not in it', () => {
    const s = new Store();
    s.add(entry('Node', undefined, 'n1'));
    expect([...s.entriesIn('Node', undefined)]).toEqual([]);
    expect([...s.entries('Node')].map((e) => e.name)).toEqual(['n1']);
  });
});
