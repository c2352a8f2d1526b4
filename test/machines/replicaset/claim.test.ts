import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod } from '../../../src/types.ts';
import { selectorFromLabelSelector } from '../../../src/labels.ts';
import { claimPods, filterClaimedPods, getControllerOf, newControllerRef } from '../../../machines/replicaset/claim.ts';

const RS_UID = 'rs-uid';
const selector = selectorFromLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });

function pod(name: string, o: { labels?: Record<string, string>; owner?: string | null; nonController?: string; deleting?: boolean; ns?: string } = {}): Pod {
  const refs = [];
  if (o.nonController) refs.push({ apiVersion: 'v1', kind: 'Thing', name: 't', uid: o.nonController });
  if (o.owner) refs.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: o.owner, controller: true });
  return {
    metadata: { name, namespace: o.ns ?? 'default', labels: o.labels ?? { app: 'web' }, ownerReferences: refs.length ? refs : undefined, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { containers: [] },
  };
}

const ctl = { uid: RS_UID, selector, deleting: false, namespace: 'default', apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rs' };
const names = (ps: Pod[]) => ps.map((p) => p.metadata!.name);

describe('claimPods (ClaimPods → ClaimObject)', () => {
  it.each([
    ['owned and matching → owned', pod('p', { owner: RS_UID }), {}, { adopt: [], release: [], owned: ['p'] }],
    ['owned, labels no longer match → released', pod('p', { owner: RS_UID, labels: { app: 'other' } }), {}, { adopt: [], release: ['p'], owned: [] }],
    ['owned, matchExpression fails → released', pod('p', { owner: RS_UID, labels: { app: 'web', tier: 'db' } }), {}, { adopt: [], release: ['p'], owned: [] }],
    ['owned and matching while we are deleted → still owned', pod('p', { owner: RS_UID }), { deleting: true }, { adopt: [], release: [], owned: ['p'] }],
    ['owned, not matching, while we are deleted → neither', pod('p', { owner: RS_UID, labels: {} }), { deleting: true }, { adopt: [], release: [], owned: [] }],
    ['controlled by another controller, matching → never touched', pod('p', { owner: 'other' }), {}, { adopt: [], release: [], owned: [] }],
    ['controlled by another controller, not matching → never touched', pod('p', { owner: 'other', labels: {} }), {}, { adopt: [], release: [], owned: [] }],
    ['orphan, matching → adopted', pod('p'), {}, { adopt: ['p'], release: [], owned: ['p'] }],
    ['orphan with a non-controller owner, matching → adopted', pod('p', { nonController: RS_UID }), {}, { adopt: ['p'], release: [], owned: ['p'] }],
    ['orphan, not matching → ignored', pod('p', { labels: { app: 'db' } }), {}, { adopt: [], release: [], owned: [] }],
    ['orphan being deleted → not adopted', pod('p', { deleting: true }), {}, { adopt: [], release: [], owned: [] }],
    ['orphan while we are deleted → not adopted', pod('p'), { deleting: true }, { adopt: [], release: [], owned: [] }],
    ['orphan in another namespace → not adopted', pod('p', { ns: 'other' }), {}, { adopt: [], release: [], owned: [] }],
  ] as const)('%s', (_n, p, over, want) => {
    const r = claimPods({ ...ctl, ...over }, [p]);
    expect({ adopt: names(r.adopt), release: names(r.release), owned: names(r.owned) }).toEqual(want);
  });

  it('keeps input order in owned (kept and adopted interleaved)', () => {
    const r = claimPods(ctl, [pod('a'), pod('b', { owner: RS_UID }), pod('c', { owner: 'x' }), pod('d')]);
    expect(names(r.owned)).toEqual(['a', 'b', 'd']);
    expect(names(r.adopt)).toEqual(['a', 'd']);
  });

  it('the ControllerRef to add (AdoptPod patch / metav1.NewControllerRef)', () => {
    expect(claimPods(ctl, []).controllerRef).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rs', uid: RS_UID, controller: true, blockOwnerDeletion: true });
    expect(newControllerRef({ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', uid: 'u' })).toEqual({ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', uid: 'u', controller: true, blockOwnerDeletion: true });
    expect(claimPods({ uid: 'u', selector, deleting: false }, []).controllerRef).toBeUndefined();
  });

  it('GetControllerOf ignores non-controller owners', () => {
    expect(getControllerOf(pod('p', { nonController: 'n' }))).toBeUndefined();
    expect(getControllerOf(pod('p', { nonController: 'n', owner: 'o' }))!.uid).toBe('o');
  });

  it('FilterClaimedPods: controlled by us and matching', () => {
    const pods = [pod('a', { owner: RS_UID }), pod('b', { owner: RS_UID, labels: {} }), pod('c'), pod('d', { owner: 'x' })];
    expect(names(filterClaimedPods(RS_UID, selector, pods))).toEqual(['a']);
  });

  it('properties: pods of other controllers untouched; adopt ⊆ owned; release ∩ owned = ∅', () => {
    const podArb = fc.record({
      owner: fc.constantFrom(null, RS_UID, 'other'),
      app: fc.constantFrom('web', 'db'),
      deleting: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(podArb, { maxLength: 15 }), fc.boolean(), (specs, deleting) => {
        const pods = specs.map((s, i) => pod(`p${i}`, { owner: s.owner, labels: { app: s.app }, deleting: s.deleting }));
        const r = claimPods({ ...ctl, deleting }, pods);
        for (const p of [...r.adopt, ...r.release, ...r.owned]) expect(getControllerOf(p)?.uid ?? RS_UID).toBe(RS_UID);
        for (const p of r.adopt) {
          expect(r.owned).toContain(p);
          expect(getControllerOf(p)).toBeUndefined();
        }
        for (const p of r.release) expect(r.owned).not.toContain(p);
        if (deleting) {
          expect(r.adopt).toEqual([]);
          expect(r.release).toEqual([]);
        }
      }),
    );
  });
});
