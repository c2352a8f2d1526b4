import { describe, expect, it } from 'vitest';
import type { OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import {
  aggregateError, claimEvent, claimsMatchRetentionPolicy, conflictingControllerMessage, createPersistentVolumeClaims,
  hasStaleOwnerRef, hasUnexpectedController, isClaimOwnerUpToDate, claimOwnerMatchesSetAndPod, podClaimIsStale, podEvent,
  updateClaimOwnerRefForSetAndPod, updatePodClaimForRetentionPolicy,
} from '../../../machines/statefulset/retention.ts';
import { newStatefulSetPod } from '../../../machines/statefulset/identity.ts';
import { claim, ownerRef, podOf, SET_UID, sts } from './fixtures.ts';

type Policy = 'Retain' | 'Delete';
const setRef = ownerRef('StatefulSet', 'web', SET_UID);
const podRef = (ordinal: number) => ownerRef('Pod', `web-${ordinal}`, `pod-uid-${ordinal}`);

// replicas 2: web-1 is in range, web-3 is condemned (scaled down).
const policySet = (whenScaled: Policy, whenDeleted: Policy) => sts({ replicas: 2, whenScaled, whenDeleted });

describe('the ownerReferences a claim must carry: 4 policies × in range / condemned', () => {
  it.each([
    // whenScaled, whenDeleted, ordinal (1 in range, 3 condemned), expected refs
    ['Retain', 'Retain', 1, []],
    ['Retain', 'Retain', 3, []],
    ['Retain', 'Delete', 1, ['set']],
    ['Retain', 'Delete', 3, ['set']],
    ['Delete', 'Retain', 1, []],
    ['Delete', 'Retain', 3, ['pod']],
    ['Delete', 'Delete', 1, ['set']],
    ['Delete', 'Delete', 3, ['pod']],
  ] as const)('whenScaled=%s whenDeleted=%s, ordinal %d → %j', (whenScaled, whenDeleted, ordinal, want) => {
    const set = policySet(whenScaled, whenDeleted);
    const pod = podOf(set, ordinal);
    const expected: OwnerReference[] = want.map((w) => (w === 'set' ? setRef : podRef(ordinal)));
    // From a bare claim, the update produces exactly the expected controller refs …
    const fixed = updateClaimOwnerRefForSetAndPod(claim(`www-web-${ordinal}`), set, pod);
    expect(fixed.metadata!.ownerReferences ?? []).toEqual(expected);
    // … which the check then accepts, and every other combination of our refs it rejects.
    expect(isClaimOwnerUpToDate(fixed, set, pod)).toBe(true);
    for (const other of [[], [setRef], [podRef(ordinal)], [setRef, podRef(ordinal)]]) {
      const same = other.length === expected.length && other.every((r, i) => r.uid === expected[i]!.uid);
      expect(isClaimOwnerUpToDate(claim(`www-web-${ordinal}`, other), set, pod)).toBe(same);
    }
  });

  it('claimOwnerMatchesSetAndPod is the pre-1.31 name of the same check', () => {
    expect(claimOwnerMatchesSetAndPod).toBe(isClaimOwnerUpToDate);
  });

  it('scale-down flips Delete/Delete from the set ref to the pod ref (set ref dropped)', () => {
    const before = policySet('Delete', 'Delete');
    const after = sts({ replicas: 1, whenScaled: 'Delete', whenDeleted: 'Delete' });
    const pod = podOf(before, 1);
    const c = updateClaimOwnerRefForSetAndPod(claim('www-web-1'), before, pod);
    expect(c.metadata!.ownerReferences).toEqual([setRef]);
    expect(isClaimOwnerUpToDate(c, after, pod)).toBe(false);
    expect(updateClaimOwnerRefForSetAndPod(c, after, pod).metadata!.ownerReferences).toEqual([podRef(1)]);
  });
});

describe('claims the controller leaves alone, or only cleans up', () => {
  const set = policySet('Delete', 'Delete');
  const pod = podOf(set, 3);
  const foreign = ownerRef('Foo', 'foo', 'foo-uid');

  it('a stale ref to the set or pod (same name, other UID) → up to date (never touched)', () => {
    const staleSet = { ...setRef, uid: 'old-set' };
    const stalePod = { ...podRef(3), uid: 'old-pod' };
    expect(isClaimOwnerUpToDate(claim('www-web-3', [staleSet]), set, pod)).toBe(true);
    expect(isClaimOwnerUpToDate(claim('www-web-3', [stalePod]), set, pod)).toBe(true);
    expect(hasStaleOwnerRef(claim('www-web-3', [stalePod]), pod, { apiVersion: 'v1', kind: 'Pod' })).toBe(true);
  });

  it('another controller: left alone if we have no ref, our refs scrubbed if we do (and none added)', () => {
    expect(hasUnexpectedController(claim('www-web-3', [foreign]), set, pod)).toBe(true);
    expect(isClaimOwnerUpToDate(claim('www-web-3', [foreign]), set, pod)).toBe(true);
    const mixed = claim('www-web-3', [foreign, setRef]);
    expect(isClaimOwnerUpToDate(mixed, set, pod)).toBe(false);
    expect(updateClaimOwnerRefForSetAndPod(mixed, set, pod).metadata!.ownerReferences).toEqual([foreign]);
  });

  it('with Retain/Retain another controller is never "unexpected"', () => {
    expect(hasUnexpectedController(claim('www-web-3', [foreign]), policySet('Retain', 'Retain'), pod)).toBe(false);
  });

  it('a non-controller ref from our pod is rewritten as a controller ref; foreign non-controller refs are kept', () => {
    const other = ownerRef('Foo', 'foo', 'foo-uid', false);
    const c = claim('www-web-3', [other, ownerRef('Pod', 'web-3', 'pod-uid-3', false)]);
    expect(isClaimOwnerUpToDate(c, set, pod)).toBe(false);
    expect(updateClaimOwnerRefForSetAndPod(c, set, pod).metadata!.ownerReferences).toEqual([other, podRef(3)]);
  });
});

describe('ClaimsMatchRetentionPolicy / UpdatePodClaimForRetentionPolicy over a claim snapshot', () => {
  const set = sts({ replicas: 2, whenScaled: 'Delete', whenDeleted: 'Retain', claims: ['www', 'logs'] });
  const pod = podOf(set, 3);

  it('missing claims are skipped; existing ones checked', () => {
    expect(claimsMatchRetentionPolicy(set, pod, [])).toBe(true);
    expect(claimsMatchRetentionPolicy(set, pod, [claim('www-web-3')])).toBe(false);
    expect(claimsMatchRetentionPolicy(set, pod, [claim('www-web-3', [podRef(3)])])).toBe(true);
  });

  it('the update lists only the claims to rewrite, and warns about a conflicting controller', () => {
    const foreign = ownerRef('Foo', 'foo', 'foo-uid');
    const r = updatePodClaimForRetentionPolicy(set, pod, [claim('www-web-3'), claim('logs-web-3', [foreign])]);
    expect(r.updates.map((c) => [c.metadata!.name, c.metadata!.ownerReferences])).toEqual([['www-web-3', [podRef(3)]]]);
    expect(r.conflictingController).toEqual([conflictingControllerMessage('logs-web-3')]);
    expect(r.conflictingController[0]).toBe('PersistentVolumeClaim logs-web-3 has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim');
  });
});

describe('PodClaimIsStale: a claim still owned by a previous pod of the ordinal blocks creation', () => {
  const oldPodRef = ownerRef('Pod', 'web-1', 'old-pod-uid');
  it.each([
    ['whenScaled Retain: never stale', 'Retain', [claim('www-web-1', [oldPodRef])], false],
    ['no claim yet', 'Delete', [], false],
    ['claim without refs', 'Delete', [claim('www-web-1')], false],
    ['claim owned by the old pod', 'Delete', [claim('www-web-1', [oldPodRef])], true],
    ['claim owned by the set only', 'Delete', [claim('www-web-1', [setRef])], false],
  ] as const)('%s', (_n, whenScaled, claims, want) => {
    const set = sts({ whenScaled });
    expect(podClaimIsStale(set, newStatefulSetPod(set, 1), claims)).toBe(want);
  });
});

describe('createPersistentVolumeClaims', () => {
  it('creates the missing claims; an existing one being deleted is an error', () => {
    const set = sts({ claims: ['www', 'logs'] });
    const pod = newStatefulSetPod(set, 0);
    const r = createPersistentVolumeClaims(set, pod, [claim('www-web-0', [], true)]);
    expect(r.create.map((c) => c.metadata!.name)).toEqual(['logs-web-0']);
    expect(r.errors).toEqual(['pvc www-web-0 is being deleted']);
    expect(createPersistentVolumeClaims(set, pod, [claim('www-web-0'), claim('logs-web-0')])).toEqual({ create: [], errors: [] });
  });

  it('aggregate error text: one error bare, several bracketed', () => {
    expect(aggregateError(['a'])).toBe('a');
    expect(aggregateError(['a', 'b'])).toBe('[a, b]');
  });
});

describe('events (recordPodEvent / recordClaimEvent)', () => {
  it.each([
    [podEvent('create', 'web', 'web-0'), { type: 'Normal', reason: 'SuccessfulCreate', message: 'create Pod web-0 in StatefulSet web successful' }],
    [podEvent('delete', 'web', 'web-2'), { type: 'Normal', reason: 'SuccessfulDelete', message: 'delete Pod web-2 in StatefulSet web successful' }],
    [podEvent('create', 'web', 'web-0', 'pvc www-web-0 is being deleted'), { type: 'Warning', reason: 'FailedCreate', message: 'create Pod web-0 in StatefulSet web failed error: pvc www-web-0 is being deleted' }],
    [claimEvent('create', 'web', 'web-0', 'www-web-0'), { type: 'Normal', reason: 'SuccessfulCreate', message: 'create Claim www-web-0 Pod web-0 in StatefulSet web success' }],
    [claimEvent('create', 'web', 'web-0', 'www-web-0', 'boom'), { type: 'Warning', reason: 'FailedCreate', message: 'create Claim www-web-0 for Pod web-0 in StatefulSet web failed error: boom' }],
  ])('%j', (got, want) => expect(got).toEqual(want));
});
