import { describe, it, expect } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  maxRevision, lastRevision, nextRevision, appendRevisionHistory, setNewReplicaSetAnnotations, cleanupDeployment,
  buildNewReplicaSet, controllerRollback, getRollbackTo, setDeploymentAnnotationsTo, computeHash, compareByRevision,
  REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION,
  MAX_REV_HISTORY_LENGTH_IN_CHARS, CHANGE_CAUSE_ANNOTATION,
} from '../../../machines/deployment/arith.ts';

function dep(opts: { replicas?: number; limit?: number; annotations?: Record<string, string>; image?: string } = {}): Deployment {
  return {
    metadata: { name: 'nginx-deployment', namespace: 'default', uid: 'dep-uid', annotations: opts.annotations ?? {} },
    spec: {
      replicas: opts.replicas ?? 3,
      ...(opts.limit !== undefined ? { revisionHistoryLimit: opts.limit } : {}),
      selector: { matchLabels: { 'app.kubernetes.io/name': 'nginx' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: opts.image ?? 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
  };
}

function rs(name: string, revision: string | undefined, spec = 0, statusReplicas = 0, extra: Partial<NonNullable<ReplicaSet['metadata']>> = {}): ReplicaSet {
  return {
    metadata: { name, creationTimestamp: '2024-01-01T00:00:00Z', ...(revision !== undefined ? { annotations: { [REVISION_ANNOTATION]: revision } } : {}), ...extra },
    spec: { replicas: spec, selector: {} },
    status: { replicas: statusReplicas },
  };
}

describe('MaxRevision / LastRevision / next revision', () => {
  it.each([
    [[], 0, 0],
    [['1'], 1, 0],
    [['1', '3', '2'], 3, 2],
    [['5', 'x', '4', undefined], 5, 4],
    [['2', '2'], 2, 2],
  ] as const)('%j → max %i, last %i', (revs, max, last) => {
    const rss = revs.map((r, i) => rs(`rs${i}`, r));
    expect(maxRevision(rss)).toBe(max);
    expect(lastRevision(rss)).toBe(last);
    expect(nextRevision(rss)).toBe(String(max + 1));
  });
});

describe('revision-history annotation', () => {
  it('appends, trimming from the front to the limit', () => {
    expect(appendRevisionHistory(undefined, '1')).toBe('1');
    expect(appendRevisionHistory('', '1')).toBe('1');
    expect(appendRevisionHistory('1,3', '5')).toBe('1,3,5');
    expect(appendRevisionHistory('11,12', '13', 5)).toBe('12,13');
    expect(appendRevisionHistory('1,2', '123456', 5)).toBeUndefined();
  });

  it('stays within 2000 characters, dropping the oldest entries', () => {
    let h: string | undefined;
    for (let i = 1; i <= 600; i++) h = appendRevisionHistory(h, String(i)) ?? h;
    expect(MAX_REV_HISTORY_LENGTH_IN_CHARS).toBe(2000);
    expect(h!.length).toBeLessThanOrEqual(2000);
    expect(h!.endsWith(',599,600')).toBe(true);
    const first = Number(h!.split(',')[0]);
    expect(appendRevisionHistory(h, '601')!.split(',')[0]).not.toBe(String(first - 1));
    expect(h!.length + ','.length + String(first - 1).length).toBeGreaterThan(2000);
  });

  // deployment_util_test.go TestAnnotationUtils / SetNewReplicaSetAnnotations with a 5-char limit.
  it('SetNewReplicaSetAnnotations: revisions 11..20 with history limit 5 keep the last two', () => {
    const d = dep({ annotations: { [REVISION_ANNOTATION]: '1' } });
    let annotations: Record<string, string> | undefined;
    for (let i = 10; i < 20; i++) {
      const next = String(i + 1);
      annotations = setNewReplicaSetAnnotations(d, annotations, next, true, 5).annotations;
      if (i >= 12) expect(annotations[REVISION_HISTORY_ANNOTATION]).toBe(`${i - 1},${i}`);
      expect(annotations[REVISION_ANNOTATION]).toBe(next);
    }
  });
});

describe('SetNewReplicaSetAnnotations', () => {
  it('a new RS: Deployment annotations copied (minus the skip list), revision, desired/max replicas', () => {
    const d = dep({ replicas: 10, annotations: { [CHANGE_CAUSE_ANNOTATION]: 'kubectl set image', [REVISION_ANNOTATION]: '7', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } });
    const r = setNewReplicaSetAnnotations(d, undefined, '3', false);
    expect(r).toEqual({
      changed: true,
      annotations: { [CHANGE_CAUSE_ANNOTATION]: 'kubectl set image', [REVISION_ANNOTATION]: '3', [DESIRED_REPLICAS_ANNOTATION]: '10', [MAX_REPLICAS_ANNOTATION]: '13' },
    });
  });

  it('an existing RS becoming new again (rollback): revision raised, old number into the history', () => {
    const r = setNewReplicaSetAnnotations(dep(), { [REVISION_ANNOTATION]: '1', [REVISION_HISTORY_ANNOTATION]: '' }, '3', true);
    expect(r.annotations[REVISION_ANNOTATION]).toBe('3');
    expect(r.annotations[REVISION_HISTORY_ANNOTATION]).toBe('1');
    const again = setNewReplicaSetAnnotations(dep(), r.annotations, '5', true);
    expect(again.annotations[REVISION_HISTORY_ANNOTATION]).toBe('1,3');
  });

  it('never lowers a revision; nothing changes when already up to date', () => {
    expect(setNewReplicaSetAnnotations(dep(), { [REVISION_ANNOTATION]: '4' }, '3', true)).toEqual({ changed: false, annotations: { [REVISION_ANNOTATION]: '4' } });
    // Numeric, not string, comparison ("10" > "9").
    expect(setNewReplicaSetAnnotations(dep(), { [REVISION_ANNOTATION]: '9' }, '10', true).annotations[REVISION_ANNOTATION]).toBe('10');
  });

  it('a non-numeric revision stops early (changed: false)', () => {
    expect(setNewReplicaSetAnnotations(dep(), { [REVISION_ANNOTATION]: 'abc' }, '3', true).changed).toBe(false);
  });
});

describe('cleanupDeployment', () => {
  // sync_test.go TestDeploymentController_cleanupDeployment.
  it.each([
    [[['foo-1', 0, 0], ['foo-2', 0, 0], ['foo-3', 0, 0]], 1, 2],
    [[['foo-1', 0, 0], ['foo-2', 0, 1], ['foo-3', 1, 0], ['foo-4', 1, 1]], 0, 1],
    [[['foo-1', 0, 0], ['foo-2', 0, 0]], 0, 2],
    [[['foo-1', 1, 1], ['foo-2', 1, 1]], 0, 0],
    [[['foo-1', 0, 0], ['foo-2', 0, 0], ['foo-3', 0, 0]], 2147483647, 0],
  ] as const)('%j with limit %i → %i deletions', (specs, limit, want) => {
    const olds = specs.map(([n, s, st]) => rs(n, undefined, s, st));
    expect(cleanupDeployment(olds, dep({ limit })).length).toBe(want);
  });

  it('a RS already being deleted is neither a candidate nor deleted', () => {
    expect(cleanupDeployment([rs('foo-1', undefined, 0, 0, { deletionTimestamp: '2024-01-01T00:00:00Z' })], dep({ limit: 0 }))).toEqual([]);
  });

  it('no limit (nil): nothing', () => {
    expect(cleanupDeployment([rs('a', '1')], dep())).toEqual([]);
  });

  it('lowest revision first; busy or unobserved candidates are skipped, not replaced', () => {
    const olds = [rs('r5', '5'), rs('r2', '2'), rs('r9', '9'), rs('r1', '1', 2, 2), rs('r3', '3', 0, 0, { generation: 2 })];
    // 5 old, limit 2 → the 3 lowest revisions (1, 2, 3) are candidates; r1 is busy, r3 unobserved.
    expect(cleanupDeployment(olds, dep({ limit: 2 })).map((r) => r.metadata!.name)).toEqual(['r2']);
  });

  it('ReplicaSetsByRevision: no annotation sorts as 0; ties and bad values by creation time then name', () => {
    const a = rs('a', '3');
    const b = rs('b', undefined);
    const c = rs('c', 'x', 0, 0, { creationTimestamp: '2023-01-01T00:00:00Z' });
    expect([a, b, c].sort(compareByRevision).map((r) => r.metadata!.name)).toEqual(['c', 'b', 'a']);
  });
});

describe('getNewReplicaSet (create path)', () => {
  it('the first ReplicaSet of deployment-nginx.yaml', () => {
    const d = dep();
    const built = buildNewReplicaSet(d, []);
    const hash = computeHash(d.spec!.template);
    expect(built.metadata).toMatchObject({
      name: `nginx-deployment-${hash}`,
      namespace: 'default',
      labels: { 'app.kubernetes.io/name': 'nginx', 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment', uid: 'dep-uid', controller: true, blockOwnerDeletion: true }],
      annotations: { [REVISION_ANNOTATION]: '1', [DESIRED_REPLICAS_ANNOTATION]: '3', [MAX_REPLICAS_ANNOTATION]: '4' },
    });
    expect(built.spec).toMatchObject({
      replicas: 3,
      minReadySeconds: 0,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'nginx', 'pod-template-hash': hash } },
      template: { metadata: { labels: { 'app.kubernetes.io/name': 'nginx', 'pod-template-hash': hash } } },
    });
    // The Deployment is not modified.
    expect(d.spec!.template.metadata!.labels).toEqual({ 'app.kubernetes.io/name': 'nginx' });
  });

  it('a second template next to a full old RS: revision 2, size NewRSNewReplicas (3 + 1 surge → 1)', () => {
    const d = dep({ image: 'nginx:1.16.1' });
    const old = { ...buildNewReplicaSet(dep(), []), status: { replicas: 3, availableReplicas: 3 } };
    const built = buildNewReplicaSet(d, [old]);
    expect(built.spec!.replicas).toBe(1);
    expect(built.metadata!.annotations![REVISION_ANNOTATION]).toBe('2');
    expect(built.metadata!.name).not.toBe(old.metadata!.name);
  });

  it('a collision count changes the name', () => {
    const d = dep();
    const bumped = { ...d, status: { collisionCount: 1 } };
    expect(buildNewReplicaSet(bumped, []).metadata!.name).toBe(`nginx-deployment-${computeHash(d.spec!.template, 1)}`);
  });
});

describe('controller-side rollback (deprecated.deployment.rollback.to)', () => {
  const v1 = { ...buildNewReplicaSet(dep(), []), metadata: { ...buildNewReplicaSet(dep(), []).metadata, annotations: { [REVISION_ANNOTATION]: '1', [CHANGE_CAUSE_ANNOTATION]: 'create' } } };
  const current = dep({ image: 'nginx:1.16.1', annotations: { [REVISION_ANNOTATION]: '2', [CHANGE_CAUSE_ANNOTATION]: 'set image' } });
  const v2 = { ...buildNewReplicaSet(current, [v1]), metadata: { ...buildNewReplicaSet(current, [v1]).metadata, annotations: { [REVISION_ANNOTATION]: '2' } } };

  it('revision 0 → LastRevision: template restored (hash label dropped), annotations from the RS, Normal event', () => {
    const r = controllerRollback(current, [v1, v2], 0);
    expect(r.event).toEqual({ type: 'Normal', reason: 'DeploymentRollback', message: 'Rolled back deployment "nginx-deployment" to revision 1' });
    expect(r.template!.metadata!.labels).toEqual({ 'app.kubernetes.io/name': 'nginx' });
    expect(r.template!.spec!.containers[0]!.image).toBe('nginx:1.14.2');
    expect(r.annotations).toEqual({ [REVISION_ANNOTATION]: '2', [CHANGE_CAUSE_ANNOTATION]: 'create' });
  });

  it.each([
    ['no previous revision', [v2], 0, 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.'],
    ['unknown revision', [v1, v2], 7, 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.'],
    ['same template', [v1, v2], 2, 'DeploymentRollbackTemplateUnchanged', 'The rollback revision contains the same template as current deployment "nginx-deployment"'],
  ] as const)('%s → Warning', (_name, rss, revision, reason, message) => {
    expect(controllerRollback(current, rss, revision)).toEqual({ event: { type: 'Warning', reason, message } });
  });

  it('getRollbackTo and SetDeploymentAnnotationsTo', () => {
    expect(getRollbackTo(dep({ annotations: { 'deprecated.deployment.rollback.to': '3' } }))).toBe(3);
    expect(getRollbackTo(dep({ annotations: { 'deprecated.deployment.rollback.to': 'x' } }))).toBeNull();
    expect(getRollbackTo(dep())).toBeNull();
    const d = dep({ annotations: { [REVISION_ANNOTATION]: '4', team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } });
    const r = rs('x', '2', 0, 0, { annotations: { [REVISION_ANNOTATION]: '2', [DESIRED_REPLICAS_ANNOTATION]: '3', owner: 'b' } });
    expect(setDeploymentAnnotationsTo(d, r)).toEqual({ [REVISION_ANNOTATION]: '4', 'kubectl.kubernetes.io/last-applied-configuration': '{}', owner: 'b' });
  });
});
