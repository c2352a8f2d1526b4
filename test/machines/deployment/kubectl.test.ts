import { describe, it, expect } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  rolloutUndo, rolloutHistory, deploymentRevision, buildNewReplicaSet, tabbed,
  REVISION_ANNOTATION, CHANGE_CAUSE_ANNOTATION, DESIRED_REPLICAS_ANNOTATION,
} from '../../../machines/deployment/arith.ts';

function dep(image: string, annotations: Record<string, string> = {}, paused = false): Deployment {
  return {
    metadata: { name: 'nginx-deployment', uid: 'd', annotations },
    spec: {
      replicas: 3,
      ...(paused ? { paused } : {}),
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
  };
}

/** An RS of the Deployment for `image` with the given revision annotations. */
function rsFor(image: string, created: string, annotations: Record<string, string>): ReplicaSet {
  const built = buildNewReplicaSet(dep(image), []);
  return { ...built, metadata: { ...built.metadata, creationTimestamp: created, annotations: { [DESIRED_REPLICAS_ANNOTATION]: '3', ...annotations } } };
}

const v1 = rsFor('nginx:1.14.2', '2024-01-01T00:00:00Z', { [REVISION_ANNOTATION]: '1' });
const v2 = rsFor('nginx:1.16.1', '2024-01-01T00:01:00Z', { [REVISION_ANNOTATION]: '2', [CHANGE_CAUSE_ANNOTATION]: 'kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1 --record=true' });
const v3 = rsFor('nginx:1.17', '2024-01-01T00:02:00Z', { [REVISION_ANNOTATION]: '3' });

describe('kubectl rollout undo', () => {
  const current = dep('nginx:1.16.1', { [REVISION_ANNOTATION]: '2', [CHANGE_CAUSE_ANNOTATION]: 'set image', 'kubectl.kubernetes.io/last-applied-configuration': '{}' });

  it('no --to-revision: the previous revision; template without the hash; annotations swapped', () => {
    const r = rolloutUndo(current, [v1, v2]);
    expect(r).toMatchObject({ ok: true, skipped: false, message: 'deployment.apps/nginx-deployment rolled back' });
    if (!r.ok || r.skipped) throw new Error('unreachable');
    expect(r.template).toEqual({ metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } });
    // Skip-listed keys stay from the Deployment; the rest (change-cause gone here) from the RS.
    expect(r.annotations).toEqual({ [REVISION_ANNOTATION]: '2', 'kubectl.kubernetes.io/last-applied-configuration': '{}' });
  });

  it('--to-revision=N picks that RS, and brings its change-cause', () => {
    const r = rolloutUndo(dep('nginx:1.17', { [REVISION_ANNOTATION]: '3' }), [v1, v2, v3], 2);
    expect(r).toMatchObject({ ok: true, skipped: false, annotations: { [REVISION_ANNOTATION]: '3', [CHANGE_CAUSE_ANNOTATION]: v2.metadata!.annotations![CHANGE_CAUSE_ANNOTATION] } });
  });

  it('skipped: the message quotes --to-revision as given', () => {
    expect(rolloutUndo(current, [v1, v2], 2)).toEqual({ ok: true, skipped: true, message: 'deployment.apps/nginx-deployment skipped rollback (current template already matches revision 2)' });
    // A plain undo whose previous revision has the current template reports revision 0.
    const same = rsFor('nginx:1.16.1', '2024-01-01T00:00:00Z', { [REVISION_ANNOTATION]: '1' });
    expect(rolloutUndo(current, [same, v2])).toEqual({ ok: true, skipped: true, message: 'deployment.apps/nginx-deployment skipped rollback (current template already matches revision 0)' });
  });

  it.each([
    ['unknown revision', [v1, v2], 7, 'unable to find specified revision 7 in history'],
    ['negative revision', [v1, v2], -1, 'unable to find specified revision -1 in history'],
    ['only one revision', [v2], 0, 'no rollout history found for deployment "nginx-deployment"'],
    ['no ReplicaSets', [], 0, 'no rollout history found for deployment "nginx-deployment"'],
  ] as const)('error: %s', (_n, rss, to, error) => {
    expect(rolloutUndo(current, rss, to)).toEqual({ ok: false, error });
  });

  it('a paused Deployment cannot be rolled back (checked after the revision lookup)', () => {
    const paused = dep('nginx:1.16.1', {}, true);
    expect(rolloutUndo(paused, [v1, v2])).toEqual({ ok: false, error: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again" });
    expect(rolloutUndo(paused, [v1, v2], 9)).toEqual({ ok: false, error: 'unable to find specified revision 9 in history' });
  });

  it('deploymentRevision: second-newest by revision number, unparsable revisions skipped', () => {
    const bad = rsFor('nginx:bad', '2024-01-01T00:03:00Z', { [REVISION_ANNOTATION]: 'x' });
    const r = deploymentRevision(dep('nginx:1.17'), [v3, bad, v1, v2], 0);
    expect('rs' in r && r.rs.metadata!.annotations![REVISION_ANNOTATION]).toBe('2');
  });
});

describe('kubectl rollout history', () => {
  it('lists revisions ascending with CHANGE-CAUSE (tabwriter, padding 2)', () => {
    const r = rolloutHistory(dep('nginx:1.16.1'), [v2, v1]);
    expect(r).toEqual({
      ok: true,
      text: 'REVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1 --record=true\n',
    });
  });

  it('empty, --revision found and not found', () => {
    expect(rolloutHistory(dep('nginx:1.16.1'), [])).toEqual({ ok: true, text: 'No rollout history found.' });
    expect(rolloutHistory(dep('nginx:1.16.1'), [v1, v2], 1)).toEqual({ ok: true, revision: 1, rs: v1 });
    expect(rolloutHistory(dep('nginx:1.16.1'), [v1, v2], 5)).toEqual({ ok: false, error: 'unable to find the specified revision' });
  });

  it('tabbed pads every column but the last to the widest cell + 2', () => {
    expect(tabbed([['REVISION', 'CHANGE-CAUSE'], ['10', 'x'], ['1234567890', '<none>']]))
      .toBe('REVISION    CHANGE-CAUSE\n10          x\n1234567890  <none>\n');
  });
});
