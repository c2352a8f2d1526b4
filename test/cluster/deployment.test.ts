import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { cluster, T0 } from './helpers.ts';
import { Workspace } from '../cli/helpers.ts';
import { createCluster } from '../../src/cluster/cluster.ts';

const NGINX = readFileSync(new URL('../../../shared/reference/manifests/deployment-nginx.yaml', import.meta.url), 'utf8');
const NAME = 'nginx-deployment';

const deploy = (c: Cluster, name = NAME) => c.get('Deployment', name) as any;
const replicaSets = (c: Cluster) => c.list('ReplicaSet') as any[];
const sizes = (c: Cluster): Record<string, number> => Object.fromEntries(replicaSets(c).map((rs) => [rs.metadata.name, rs.spec.replicas as number]));
const scalingEvents = (c: Cluster, name = NAME) =>
  (c.events({ involved: { kind: 'Deployment', name } }) as any[]).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message as string);
const activePods = (c: Cluster) => (c.list('Pod') as any[]).filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase));
const ready = (p: any) => p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True');
const condition = (d: any, type: string) => d.status?.conditions?.find((x: any) => x.type === type);
const done = (c: Cluster, name = NAME) => {
  const d = deploy(c, name);
  const s = d.status ?? {};
  return s.observedGeneration >= d.metadata.generation && s.updatedReplicas === d.spec.replicas && s.replicas === d.spec.replicas && s.availableReplicas === d.spec.replicas;
};

/** Records the ReplicaSet sizes after every scale the controller writes (watch events of ReplicaSets). */
function recordSteps(c: Cluster): string[] {
  const steps: string[] = [];
  const last = new Map<string, number>();
  c.watch((w) => {
    if (w.object.kind !== 'ReplicaSet' || w.type === 'DELETED') return;
    const name = w.object.metadata.name;
    if (last.get(name) === w.object.spec.replicas) return;
    last.set(name, w.object.spec.replicas);
    steps.push(replicaSets(c).map((rs) => `${rs.metadata.name.slice(NAME.length + 1)}=${rs.spec.replicas}`).join(' '));
  });
  return steps;
}

describe('Deployment walk-through (deployment-nginx.yaml)', () => {
  it('apply → Available → set image nginx:1.16.1 → complete → undo → history: ReplicaSet sizes after every controller step', () => {
    const c = cluster();
    const steps = recordSteps(c);
    c.apply(NGINX, { file: 'deployment-nginx.yaml' });
    const d0 = deploy(c);
    // Defaults as the API server applies them.
    expect(d0.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect([d0.spec.revisionHistoryLimit, d0.spec.progressDeadlineSeconds]).toEqual([10, 600]);
    const [first] = replicaSets(c);
    const h1 = first.metadata.labels['pod-template-hash'];
    expect(first.metadata.name).toBe(`${NAME}-${h1}`);
    expect(first.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'nginx', 'pod-template-hash': h1 } });
    expect(first.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1',
    });
    expect(first.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: NAME, uid: d0.metadata.uid, controller: true, blockOwnerDeletion: true }]);

    c.runUntil(() => done(c));
    expect(condition(deploy(c), 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(condition(deploy(c), 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${first.metadata.name}" has successfully progressed.` });
    expect(deploy(c).metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');

    c.setImage('deployment', NAME, { nginx: 'nginx:1.16.1' });
    const second = replicaSets(c).find((rs) => rs.metadata.name !== first.metadata.name)!;
    const h2 = second.metadata.labels['pod-template-hash'];
    c.runUntil(() => done(c));
    // 3 replicas: maxSurge 25% → 1 (rounded up), maxUnavailable 25% → 0 (rounded down).
    expect(steps).toEqual([
      `${h1}=3`,
      `${h1}=3 ${h2}=1`,
      `${h1}=2 ${h2}=1`,
      `${h1}=2 ${h2}=2`,
      `${h1}=1 ${h2}=2`,
      `${h1}=1 ${h2}=3`,
      `${h1}=0 ${h2}=3`,
    ]);
    expect(deploy(c).metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(activePods(c).every((p) => p.spec.containers[0].image === 'nginx:1.16.1' && ready(p))).toBe(true);

    steps.length = 0;
    expect(c.rolloutUndo('deployment', NAME)).toBe(`deployment.apps/${NAME} rolled back`);
    c.runUntil(() => done(c));
    // The first ReplicaSet is the new one again, with the next revision; its old number goes to revision-history.
    expect(steps).toEqual([
      `${h1}=1 ${h2}=3`,
      `${h1}=1 ${h2}=2`,
      `${h1}=2 ${h2}=2`,
      `${h1}=2 ${h2}=1`,
      `${h1}=3 ${h2}=1`,
      `${h1}=3 ${h2}=0`,
    ]);
    const back = c.get('ReplicaSet', first.metadata.name) as any;
    expect(back.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(c.rolloutHistory('deployment', NAME)).toBe(`deployment.apps/${NAME} \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n`);
    expect(scalingEvents(c)).toEqual([
      `Scaled up replica set ${NAME}-${h1} from 0 to 3`,
      `Scaled up replica set ${NAME}-${h2} from 0 to 1`,
      `Scaled down replica set ${NAME}-${h1} from 3 to 2`,
      `Scaled up replica set ${NAME}-${h2} from 1 to 2`,
      `Scaled down replica set ${NAME}-${h1} from 2 to 1`,
      `Scaled up replica set ${NAME}-${h2} from 2 to 3`,
      `Scaled down replica set ${NAME}-${h1} from 1 to 0`,
      `Scaled up replica set ${NAME}-${h1} from 0 to 1`,
      `Scaled down replica set ${NAME}-${h2} from 3 to 2`,
      `Scaled up replica set ${NAME}-${h1} from 1 to 2`,
      `Scaled down replica set ${NAME}-${h2} from 2 to 1`,
      `Scaled up replica set ${NAME}-${h1} from 2 to 3`,
      `Scaled down replica set ${NAME}-${h2} from 1 to 0`,
    ]);
  });

  it('prints what kubectl prints at every command of the seed notes', async () => {
    const w = new Workspace();
    w.write('d.yaml', NGINX);
    expect((await w.ok('apply -f d.yaml')).stdout).toBe(`deployment.apps/${NAME} created\n`);
    expect((await w.ok(`rollout status deployment ${NAME}`)).stdout).toBe(
      `Waiting for deployment "${NAME}" rollout to finish: 0 of 3 updated replicas are available...\ndeployment "${NAME}" successfully rolled out\n`,
    );
    expect((await w.ok('get deploy')).stdout).toBe(`NAME               READY   UP-TO-DATE   AVAILABLE   AGE\n${NAME}   3/3     3            3           2s\n`);
    expect((await w.ok(`set image deployment ${NAME} nginx=nginx:1.16.1`)).stdout).toBe(`deployment.apps/${NAME} image updated\n`);
    const status = (await w.ok(`rollout status deployment/${NAME}`)).stdout.split('\n').filter(Boolean);
    // kubectl prints a line per watch event of the Deployment (repeats included), in this order.
    const distinct = status.filter((l, i) => l !== status[i - 1]);
    expect(distinct).toEqual([
      `Waiting for deployment "${NAME}" rollout to finish: 1 out of 3 new replicas have been updated...`,
      `Waiting for deployment "${NAME}" rollout to finish: 2 out of 3 new replicas have been updated...`,
      `Waiting for deployment "${NAME}" rollout to finish: 1 old replicas are pending termination...`,
      `deployment "${NAME}" successfully rolled out`,
    ]);
    const rs = (await w.ok('get rs')).stdout.split('\n');
    expect(rs[0]).toBe('NAME                         DESIRED   CURRENT   READY   AGE');
    expect(rs.slice(1, 3).map((l) => l.split(/\s+/).slice(1, 4).join(' '))).toEqual(['0 0 0', '3 3 3']);
    expect((await w.ok(`rollout history deployment/${NAME}`)).stdout).toBe(`deployment.apps/${NAME} \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n`);
    const rev2 = (await w.ok(`rollout history deployment/${NAME} --revision=2`)).stdout;
    expect(rev2.split('\n').slice(0, 3)).toEqual([`deployment.apps/${NAME} with revision #2`, 'Pod Template:', '  Labels:\tapp.kubernetes.io/name=nginx']);
    expect(rev2).toContain('    Image:\tnginx:1.16.1\n');
    expect((await w.run(`rollout history deployment/${NAME} --revision=7`)).stderr).toBe('error: unable to find the specified revision\n');
    expect((await w.ok(`rollout undo deployment/${NAME}`)).stdout).toBe(`deployment.apps/${NAME} rolled back\n`);
    await w.ok(`rollout status deployment/${NAME}`);
    expect((await w.ok(`rollout undo deployment/${NAME} --to-revision=3`)).stdout).toBe(`deployment.apps/${NAME} skipped rollback (current template already matches revision 3)\n`);
    const bad = await w.run(`rollout undo deployment/${NAME} --to-revision=9`);
    expect([bad.code, bad.stderr]).toEqual([1, 'error: unable to find specified revision 9 in history\n']);
    expect((await w.ok(`scale deployment/${NAME} --replicas=10`)).stdout).toBe(`deployment.apps/${NAME} scaled\n`);
    await w.ok(`rollout status deployment/${NAME}`);
    expect((await w.ok('get deploy')).stdout).toMatch(new RegExp(`^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\n${NAME} +10/10 +10 +10 +`));
    const described = (await w.ok(`describe deployment ${NAME}`)).stdout;
    expect(described).toContain('Replicas:               10 desired | 10 updated | 10 total | 10 available | 0 unavailable\n');
    expect(described).toContain('RollingUpdateStrategy:  25% max unavailable, 25% max surge\n');
    expect(described).toMatch(/NewReplicaSet: +nginx-deployment-\w+ \(10\/10 replicas created\)/);
  });

  it('--record writes the command into kubernetes.io/change-cause, which history shows', async () => {
    const w = new Workspace();
    w.write('d.yaml', NGINX);
    const applied = await w.ok('apply -f d.yaml --record');
    expect(applied.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
    await w.ok(`set image deployment/${NAME} nginx=nginx:1.16.1 --record`);
    await w.ok(`rollout status deployment/${NAME}`);
    expect((await w.ok(`rollout history deployment/${NAME}`)).stdout).toBe(
      `deployment.apps/${NAME} \nREVISION  CHANGE-CAUSE\n` +
        `1         kubeactors apply --filename=d.yaml --record=true\n` +
        `2         kubeactors set image deployment/${NAME} nginx=nginx:1.16.1 --record=true\n\n`,
    );
  });
});

describe('Deployment controller behaviours', () => {
  const web = (o: { replicas?: number; strategy?: any; image?: string; annotations?: Record<string, string>; limit?: number; deadline?: number; minReady?: number } = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: o.replicas ?? 4,
      selector: { matchLabels: { app: 'web' } },
      ...(o.strategy ? { strategy: o.strategy } : {}),
      ...(o.limit !== undefined ? { revisionHistoryLimit: o.limit } : {}),
      ...(o.deadline !== undefined ? { progressDeadlineSeconds: o.deadline } : {}),
      ...(o.minReady !== undefined ? { minReadySeconds: o.minReady } : {}),
      template: {
        metadata: { labels: { app: 'web' }, ...(o.annotations ? { annotations: o.annotations } : {}) },
        spec: { containers: [{ name: 'app', image: o.image ?? 'nginx:1.14.2' }] },
      },
    },
  });

  it('Recreate: every old pod is gone before the first new pod is created', () => {
    const c = cluster();
    c.apply(web({ strategy: { type: 'Recreate' }, annotations: { 'kubeactors.dev/termination-seconds': '5' } }) as any);
    c.runUntil(() => done(c, 'web'));
    const violations: string[] = [];
    c.watch((w) => {
      if (w.object.kind !== 'Pod' || w.type !== 'ADDED') return;
      const old = (c.list('Pod') as any[]).filter((p) => p.spec.containers[0].image === 'nginx:1.14.2');
      if (old.length) violations.push(`${w.object.metadata.name} created while ${old.length} old pods exist`);
    });
    c.setImage('deployment', 'web', { app: 'nginx:1.16.1' });
    const t0 = c.now();
    c.runUntil(() => done(c, 'web'));
    expect(violations).toEqual([]);
    // The old pods take 5 s to stop: the new ReplicaSet appears only then, created at full size.
    expect(c.now() - t0).toBeGreaterThanOrEqual(5000);
    const msgs = scalingEvents(c, 'web');
    expect(msgs.slice(1)).toEqual([expect.stringMatching(/^Scaled down replica set web-\w+ from 4 to 0$/), expect.stringMatching(/^Scaled up replica set web-\w+ from 0 to 4$/)]);
    expect(c.actor('Deployment', 'web')!.getSnapshot().value).toBe('Complete');
  });

  it('scaling mid-rollout spreads the change proportionally over the live ReplicaSets (desired/max-replicas annotations)', () => {
    const c = cluster({ nodes: 4 });
    c.apply(web({ replicas: 10, annotations: {} }) as any);
    c.runUntil(() => done(c, 'web'));
    // The new image never becomes available: the rollout stalls with 10 old (8 after scale-down) + surge.
    c.apply({ ...web({ replicas: 10, image: 'nginx:1.16.1', annotations: { 'kubeactors.dev/image-pull': 'fail' } }) } as any);
    c.advance('10s');
    const before = sizes(c);
    const values = Object.values(before).sort((a, b) => b - a);
    expect(values).toEqual([8, 5]); // 13 = 10 + maxSurge 3; old 10 → 8 (maxUnavailable 2)
    c.scale('deployment', 'web', 20);
    const after = sizes(c);
    // toAdd = 20 + 5 − 13 = 12, split by each RS's share of max-replicas 13: 8·25/13 ≈ 15, 5·25/13 ≈ 10.
    expect(Object.values(after).sort((a, b) => b - a)).toEqual([15, 10]);
    for (const rs of replicaSets(c)) {
      expect(rs.metadata.annotations['deployment.kubernetes.io/desired-replicas']).toBe('20');
      expect(rs.metadata.annotations['deployment.kubernetes.io/max-replicas']).toBe('25');
    }
  });

  it('pause: template changes wait (no new ReplicaSet), Progressing reads DeploymentPaused; resume rolls them out', () => {
    const c = cluster();
    c.apply(web() as any);
    c.runUntil(() => done(c, 'web'));
    c.setImage('deployment', 'web', { app: 'nginx:1.15.0' });
    c.runUntil(() => done(c, 'web'));
    expect(c.rolloutPause('deployment', 'web')).toBe('deployment.apps/web paused');
    expect(condition(deploy(c, 'web'), 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    c.setImage('deployment', 'web', { app: 'nginx:1.16.1' });
    c.advance('1m');
    expect(replicaSets(c)).toHaveLength(2);
    expect(c.actor('Deployment', 'web')!.getSnapshot().value).toBe('Paused');
    expect(() => c.rolloutUndo('deployment', 'web')).toThrow("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    expect(() => c.rolloutRestart('deployment', 'web')).toThrow(`deployments.apps "web" can't restart paused deployment (run rollout resume first)`);
    expect(() => c.rolloutPause('deployment', 'web')).toThrow('deployments.apps "web" is already paused');
    // Scaling while paused is proportional scaling (here: one active RS takes it all).
    c.scale('deployment', 'web', 6);
    expect(Object.values(sizes(c)).sort()).toEqual([0, 6]);
    expect(c.rolloutResume('deployment', 'web')).toBe('deployment.apps/web resumed');
    expect(condition(deploy(c, 'web'), 'Progressing')?.reason).not.toBe('DeploymentPaused');
    c.runUntil(() => done(c, 'web'));
    expect(replicaSets(c)).toHaveLength(3);
    expect(activePods(c).map((p) => p.spec.containers[0].image)).toEqual(Array(6).fill('nginx:1.16.1'));
    expect(() => c.rolloutResume('deployment', 'web')).toThrow('deployments.apps "web" is not paused');
  });

  it('a rollout that makes no progress for progressDeadlineSeconds fails with ProgressDeadlineExceeded, and rollout status fails as kubectl does', () => {
    const c = cluster();
    c.apply(web({ deadline: 60 }) as any);
    c.runUntil(() => done(c, 'web'));
    c.apply(web({ deadline: 60, image: 'nginx:1.16.1', annotations: { 'kubeactors.dev/image-pull': 'fail' } }) as any);
    const t0 = c.now();
    const lines: string[] = [];
    expect(() => c.rolloutStatus('deployment', 'web', {}, (l) => lines.push(l))).toThrow('deployment "web" exceeded its progress deadline');
    // maxSurge 1, maxUnavailable 1: the new RS got 2 (one surge, one in place of a removed old pod) at once.
    expect(lines[0]).toBe('Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...\n');
    const d = deploy(c, 'web');
    const newRS = replicaSets(c).find((rs) => rs.spec.template.spec.containers[0].image === 'nginx:1.16.1')!;
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` });
    // Detected by the requeue upstream arms at lastUpdateTime + deadline + 1 s.
    const lastUpdate = Date.parse(condition(d, 'Progressing').lastTransitionTime);
    expect(lastUpdate - t0).toBe(61_000);
    // No automatic rollback: the old pods keep serving (maxUnavailable 1 of 4 taken down at most).
    expect(d.status.availableReplicas).toBeGreaterThanOrEqual(3);
    expect(c.actor('Deployment', 'web')!.getSnapshot().value).toBe('DeadlineExceeded');
  });

  it('keeps at most revisionHistoryLimit old ReplicaSets (scaled to zero), deleting the lowest revisions first', () => {
    const c = cluster();
    c.apply(web({ replicas: 1, limit: 2 }) as any);
    c.runUntil(() => done(c, 'web'));
    for (const v of ['1.15.0', '1.16.0', '1.17.0', '1.18.0']) {
      c.setImage('deployment', 'web', { app: `nginx:${v}` });
      c.runUntil(() => done(c, 'web'));
    }
    c.advance('1s');
    const revs = replicaSets(c).map((rs) => Number(rs.metadata.annotations['deployment.kubernetes.io/revision'])).sort();
    expect(revs).toEqual([3, 4, 5]);
    expect(c.rolloutHistory('deployment', 'web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n5         <none>\n\n');
  });

  it('rollout restart stamps restartedAt on the template and replaces every pod', () => {
    const c = cluster();
    c.apply(web({ replicas: 2 }) as any);
    c.runUntil(() => done(c, 'web'));
    const before = activePods(c).map((p) => p.metadata.name);
    c.advance('10s');
    expect(c.rolloutRestart('deployment', 'web')).toBe('deployment.apps/web restarted');
    expect(deploy(c, 'web').spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe(new Date(c.now()).toISOString().replace('.000Z', 'Z'));
    c.runUntil(() => done(c, 'web'));
    c.advance('40s');
    const after = activePods(c).map((p) => p.metadata.name);
    expect(after).toHaveLength(2);
    expect(after.filter((n) => before.includes(n))).toEqual([]);
  });

  it('delete --cascade=orphan keeps the ReplicaSets and pods; a new Deployment with the same template adopts them without a rollout', () => {
    const c = cluster();
    c.apply(web() as any);
    c.runUntil(() => done(c, 'web'));
    const rsUid = replicaSets(c)[0].metadata.uid;
    const podUids = activePods(c).map((p) => p.metadata.uid).sort();
    c.delete('deployment', 'web', { propagationPolicy: 'Orphan' });
    c.advance('5s');
    expect(replicaSets(c)[0].metadata.ownerReferences).toBeUndefined();
    expect(activePods(c).map((p) => p.metadata.uid).sort()).toEqual(podUids);
    c.apply(web() as any);
    c.advance('5s');
    const rs = replicaSets(c);
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata.uid).toBe(rsUid);
    expect(rs[0].metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', uid: deploy(c, 'web').metadata.uid });
    expect(activePods(c).map((p) => p.metadata.uid).sort()).toEqual(podUids);
    expect(done(c, 'web')).toBe(true);
  });

  it('delete (background) removes the ReplicaSets and their pods', () => {
    const c = cluster();
    c.apply(web() as any);
    c.runUntil(() => done(c, 'web'));
    c.delete('deployment', 'web');
    c.advance('40s');
    expect(replicaSets(c)).toEqual([]);
    expect(c.list('Pod')).toEqual([]);
  });

  it('delete --cascade=foreground marks the Deployment and its ReplicaSets deleting (no replacement pods) and removes the owner last', () => {
    const c = cluster();
    c.apply(web({ replicas: 3 }) as any);
    c.runUntil(() => done(c, 'web'));
    const podNames = activePods(c).map((p) => p.metadata.name).sort();
    c.delete('deployment', 'web', { propagationPolicy: 'Foreground' });
    expect(deploy(c, 'web').metadata).toMatchObject({ deletionTimestamp: expect.any(String), finalizers: ['foregroundDeletion'] });
    expect(replicaSets(c)[0].metadata.deletionTimestamp).toEqual(expect.any(String));
    // Every pod terminating is one of the originals: the ReplicaSet, being deleted, replaces none.
    expect((c.list('Pod') as any[]).map((p) => p.metadata.name).sort()).toEqual(podNames);
    c.advance('31s');
    expect([c.list('Pod'), replicaSets(c), c.list('Deployment')]).toEqual([[], [], []]);
  });

  it('the rollout actor of each revision is a child of the Deployment actor and ends Complete', () => {
    const c = cluster();
    c.apply(web() as any);
    c.runUntil(() => done(c, 'web'));
    c.setImage('deployment', 'web', { app: 'nginx:1.16.1' });
    const actor = c.actor('Deployment', 'web')!;
    const children = () => (actor.getSnapshot() as any).children;
    expect(Object.keys(children())).toEqual(['rollout-2']);
    // Within the instant of the change it scaled the new RS up, then the old one down; now it waits.
    expect(children()['rollout-2'].getSnapshot().value).toEqual({ Rolling: 'WaitingForAvailability' });
    c.runUntil(() => done(c, 'web'));
    expect(children()['rollout-2'].getSnapshot().value).toBe('Complete');
    expect(children()['rollout-2'].getSnapshot().context).toMatchObject({ revision: 2, strategy: 'RollingUpdate', replicaSet: expect.stringMatching(/^web-/) });
  });

  it('resumes from a snapshot mid-rollout and finishes exactly as the uninterrupted cluster', () => {
    const run = (cut: boolean) => {
      let c = createCluster({ nodes: 3, seed: 7 });
      c.apply(web({ replicas: 6 }) as any);
      c.runUntil(() => done(c, 'web'));
      c.setImage('deployment', 'web', { app: 'nginx:1.16.1' });
      c.advance('3s');
      if (cut) {
        const snap = JSON.parse(JSON.stringify(c.snapshot()));
        c.stop();
        c = createCluster({ snapshot: snap });
      }
      c.runUntil(() => done(c, 'web'));
      c.advance('1m');
      return JSON.stringify({ events: c.events({ allNamespaces: true }).map((e: any) => [e.reason, e.message, e.lastTimestamp, e.count]), rs: sizes(c), now: c.now() });
    };
    expect(run(true)).toBe(run(false));
  });

  it('rejects an invalid Deployment with the field path and changes nothing', () => {
    const c = cluster();
    const before = JSON.stringify(c.snapshot());
    const bad = web({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } });
    expect(() => c.apply(bad as any)).toThrow(/spec\.strategy\.rollingUpdate\.maxUnavailable: Invalid value: .*may not be 0 when `maxSurge` is 0/);
    expect(JSON.stringify(c.snapshot())).toBe(before);
    expect(T0).toBe(Date.UTC(2026, 0, 1));
  });
});
