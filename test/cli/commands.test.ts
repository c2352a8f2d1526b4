import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCluster } from '../../src/cluster/cluster.ts';
import { lines, MULTI, NGINX, Workspace } from './helpers.ts';

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
  w.write('nginx.yaml', NGINX);
  w.write('multi.yaml', MULTI);
});
afterEach(() => w.dispose());

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

describe('state file', () => {
  it('the first command creates a cluster with --nodes and --seed and saves it', async () => {
    expect(w.stateBytes()).toBeUndefined();
    const r = await w.ok('--nodes 2 --seed 5 get nodes');
    expect(lines(r.stdout)).toEqual([
      'NAME     STATUS   ROLES    AGE   VERSION',
      'node-1   Ready    <none>   0s    v1.32.0',
      'node-2   Ready    <none>   0s    v1.32.0',
    ]);
    const snap = JSON.parse(readFileSync(w.state, 'utf8'));
    expect(snap.version).toBe(1);
    expect(snap.seed).toBe(5);
  });

  it('the cluster carries over from one command to the next, clock included', async () => {
    await w.ok('apply -f nginx.yaml');
    expect((await w.ok('advance 90s')).stdout).toBe('2026-01-01T00:01:30Z\n');
    expect((await w.ok('now')).stdout).toBe('2026-01-01T00:01:30Z\n');
    expect(lines((await w.ok('get pods')).stdout)[1]).toMatch(/^nginx {3}1\/1 {5}Running {3}0 {10}90s$/);
  });

  it('--state and KUBEACTORS_STATE choose the file', async () => {
    await w.ok('--state other.json nodes add extra');
    expect(w.stateBytes()).toBeUndefined();
    const r = await w.run('get node extra -o name', { env: { KUBEACTORS_STATE: 'other.json' } });
    expect(r.stdout).toBe('node/extra\n');
    expect((await w.run('get node extra')).code).toBe(1);
  });

  it('reset starts over with the given nodes and seed', async () => {
    await w.ok('apply -f nginx.yaml');
    await w.ok('advance 1m');
    const r = await w.ok('reset --nodes 1 --seed 9');
    expect(r.stdout).toBe('cluster reset: 1 node, seed 9, simulated time 2026-01-01T00:00:00Z\n');
    expect((await w.run('get pods')).stderr).toBe('No resources found in default namespace.\n');
    expect((await w.ok('get nodes -o name')).stdout).toBe('node/node-1\n');
  });

  it('a corrupt state file is reported, left alone, and reset replaces it', async () => {
    await w.ok('now');
    writeFileSync(w.state, '{ not json');
    const before = w.stateBytes();
    const r = await w.run('get pods');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: the state file ".*cluster\.json" is not valid JSON .*; run "kubeactors reset" to start a new cluster\n$/);
    expect(w.stateBytes()).toEqual(before);
    await w.ok('reset');
    expect((await w.ok('now')).stdout).toBe('2026-01-01T00:00:00Z\n');
  });

  it('the saved snapshot restores into the engine', async () => {
    await w.ok('apply -f nginx.yaml');
    await w.ok('advance 10s');
    const c = createCluster({ snapshot: JSON.parse(readFileSync(w.state, 'utf8')) });
    expect(c.get('pod', 'nginx')?.status?.phase).toBe('Running');
    c.stop();
  });
});

describe('failing commands leave the state file byte-identical', () => {
  const failing = [
    'apply -f missing.yaml',
    'apply -f bad.yaml',
    'apply',
    'delete pod nginx nope',
    'delete pod nginx --force --grace-period=5',
    'delete pod nginx --cascade=sideways',
    'wait --for=delete pod/nginx --timeout=20s',
    'wait --for=condition=Ready pod/nope',
    'get pods --bogus',
    'frobnicate',
    'advance soon',
    'logs nginx --previous',
    'exec nginx -- ls',
    'nodes add Not_Valid',
    'taint nodes node-1 nonsense',
    'label pods nginx app=other',
    'crash nope',
    'debug nginx --image=busybox --target=ghost',
  ];
  it.each(failing)('%s', async (cmd) => {
    w.write('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: c\n');
    await w.ok('apply -f nginx.yaml');
    await w.ok('advance 5s');
    const before = w.stateBytes()!;
    const r = await w.run(cmd);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toBe('');
    expect(w.stateBytes()!.equals(before)).toBe(true);
  });
});

describe('apply', () => {
  it('prints created, then unchanged, then configured', async () => {
    expect((await w.ok('apply -f nginx.yaml')).stdout).toBe('pod/nginx created\n');
    expect((await w.ok('apply -f nginx.yaml')).stdout).toBe('pod/nginx unchanged\n');
    const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: "${v}"\n`;
    w.write('cm.yaml', cm('1'));
    expect((await w.ok('apply -f cm.yaml')).stdout).toBe('configmap/settings created\n');
    w.write('cm.yaml', cm('2'));
    expect((await w.ok('apply -f cm.yaml')).stdout).toBe('configmap/settings configured\n');
  });

  it('re-applying a Pod with a new image prints configured; a forbidden change is refused', async () => {
    await w.ok('apply -f nginx.yaml');
    await w.ok('advance 5s');
    w.write('nginx2.yaml', w.read('nginx.yaml').replace(/image: \S+/, 'image: nginx:1.16.1'));
    expect((await w.ok('apply -f nginx2.yaml')).stdout).toBe('pod/nginx configured\n');
    w.write('nginx3.yaml', w.read('nginx.yaml').replace(/image: \S+/, 'image: nginx:1.16.1\n    workingDir: /tmp'));
    const r = await w.run('apply -f nginx3.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pod updates may not change fields other than');
  });

  it('applies a directory in name order, several -f, and stdin', async () => {
    await w.ok(['apply', '-f', 'multi.yaml', '-f', 'nginx.yaml']);
    const r = await w.ok('apply -f -', { stdin: NGINX.replace(/nginx\n/, 'from-stdin\n').replace('name: nginx', 'name: from-stdin') });
    expect(r.stdout).toBe('pod/from-stdin created\n');
    const dir = join(w.dir, 'manifests');
    mkdirSync(dir);
    writeFileSync(join(dir, 'b.yaml'), NGINX.replace('name: nginx', 'name: b'));
    writeFileSync(join(dir, 'a.yml'), NGINX.replace('name: nginx', 'name: a'));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    expect((await w.ok('apply -f manifests')).stdout).toBe('pod/a created\npod/b created\n');
  });

  it('reports manifest errors with file:line:column and field path, applying nothing', async () => {
    w.write('two.yaml', `${NGINX}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n  - name: c\n    imagePullPolicy: Sometimes\n    image: x\n`);
    const r = await w.run('apply -f two.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: two\.yaml:19:22: spec\.containers\[0\]\.imagePullPolicy: Unsupported value: "Sometimes"/);
    expect((await w.run('get pod nginx')).stderr).toBe('Error from server (NotFound): pods "nginx" not found\n');
  });

  it('refuses a missing file and an empty one in kubectl words', async () => {
    expect((await w.run('apply -f nope.yaml')).stderr).toBe('error: the path "nope.yaml" does not exist\n');
    w.write('empty.yaml', '# nothing\n');
    expect((await w.run('apply -f empty.yaml')).stderr).toBe('error: no objects passed to apply\n');
    expect((await w.run('apply')).stderr).toBe('error: must specify one of -f and -k\n');
  });
});

describe('get', () => {
  it('prints the pod table as the pod starts', async () => {
    await w.ok('apply -f nginx.yaml');
    expect(lines((await w.ok('get pods')).stdout)).toEqual([
      'NAME    READY   STATUS              RESTARTS   AGE',
      'nginx   0/1     ContainerCreating   0          0s',
    ]);
    await w.ok('advance 5s');
    expect(lines((await w.ok('get po')).stdout)).toEqual([
      'NAME    READY   STATUS    RESTARTS   AGE',
      'nginx   1/1     Running   0          5s',
    ]);
  });

  it('prints found objects and a NotFound error for the missing one', async () => {
    await w.ok('apply -f nginx.yaml');
    const r = await w.run('get pods nope nginx');
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual(['NAME    READY   STATUS              RESTARTS   AGE', 'nginx   0/1     ContainerCreating   0          0s']);
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('reports unknown kinds and empty listings like kubectl', async () => {
    expect((await w.run('get foo')).stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    const r = await w.run('get pods -n other');
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'No resources found in other namespace.\n' });
    expect((await w.run('get pods -o yaml')).code).toBe(0);
  });

  it('-o name, jsonpath, json, yaml and wide', async () => {
    await w.ok('apply -f nginx.yaml');
    await w.ok('advance 5s');
    expect((await w.ok('get pods -o name')).stdout).toBe('pod/nginx\n');
    expect((await w.ok(['get', 'pod', 'nginx', '-o', 'jsonpath={.status.phase}'])).stdout).toBe('Running');
    expect(JSON.parse((await w.ok('get pod nginx -o json')).stdout).kind).toBe('Pod');
    expect(JSON.parse((await w.ok('get pods -o json')).stdout).kind).toBe('List');
    expect((await w.ok('get pod/nginx -o yaml')).stdout).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    expect(lines((await w.ok('get pods -o wide')).stdout)[0]).toBe('NAME    READY   STATUS    RESTARTS   AGE   IP             NODE     NOMINATED NODE   READINESS GATES');
    expect((await w.run('get pods -o table')).stderr).toBe(
      'error: unable to match a printer suitable for the output format "table", allowed formats are: json,jsonpath,name,wide,yaml\n',
    );
  });

  it('several kinds print one table each with kind/name', async () => {
    await w.ok('--nodes 1 apply -f nginx.yaml');
    expect(lines((await w.ok('get pods,nodes')).stdout)).toEqual([
      'NAME        READY   STATUS              RESTARTS   AGE',
      'pod/nginx   0/1     ContainerCreating   0          0s',
      '',
      'NAME          STATUS   ROLES    AGE   VERSION',
      'node/node-1   Ready    <none>   0s    v1.32.0',
    ]);
  });

  it('selects by label and field, with --show-labels and -A', async () => {
    await w.ok(['apply', '-f', 'nginx.yaml', '-f', 'multi.yaml']);
    expect((await w.ok('get pods -l app=web -o name')).stdout).toBe('pod/nginx\n');
    expect((await w.ok('get pods -l app!=web -o name')).stdout).toBe('pod/multi\n');
    expect((await w.ok('get pods --field-selector metadata.name=multi -o name')).stdout).toBe('pod/multi\n');
    expect(lines((await w.ok('get pods -l app=web --show-labels')).stdout)[1]).toMatch(/ app=web$/);
    expect(lines((await w.ok('get pods -A --no-headers')).stdout)).toEqual([
      'default   multi   0/2   Init:0/1            0     0s',
      'default   nginx   0/1   ContainerCreating   0     0s',
    ]);
  });

  it('-w advances simulated time and prints a row per change', async () => {
    await w.ok('apply -f nginx.yaml');
    const r = await w.ok('get pods -w --watch-for 10s');
    expect(lines(r.stdout)).toEqual([
      'NAME    READY   STATUS              RESTARTS   AGE',
      'nginx   0/1     ContainerCreating   0          0s',
      'nginx   1/1   Running   0     2s',
    ]);
    expect((await w.ok('now')).stdout).toBe('2026-01-01T00:00:10Z\n');
  });

  // Changes within one simulated step (a timer and what it sets off) show as one row.
  it('-w --output-watch-events names the change', async () => {
    const r = await w.ok('get pods --watch-only --output-watch-events --watch-for 5s');
    expect(r.stdout).toBe('');
    await w.ok('apply -f nginx.yaml');
    await w.ok('advance 5s');
    await w.ok('delete pod nginx --wait=false --grace-period=3');
    expect(lines((await w.ok('get pods -w --output-watch-events --watch-for 5s')).stdout)).toEqual([
      'EVENT   NAME    READY   STATUS        RESTARTS   AGE',
      'ADDED   nginx   1/1     Terminating   0          5s',
      // The kubelet's last status (terminal: kubectl ≥ 1.27 shows the reason, not Terminating),
      // then the deletion of that object — every version the watch delivered.
      'MODIFIED   nginx   0/1   Error   0     5s',
      'DELETED   nginx   0/1   Error   0     5s',
    ]);
  });

  it('events lists what happened, oldest first, with --for', async () => {
    await w.ok('--nodes 1 apply -f nginx.yaml');
    await w.ok('advance 5s');
    expect(lines((await w.ok('events --for pod/nginx')).stdout)).toEqual([
      'LAST SEEN   TYPE     REASON      OBJECT      MESSAGE',
      '5s          Normal   Scheduled   Pod/nginx   Successfully assigned default/nginx to node-1',
      '5s          Normal   Pulling     Pod/nginx   Pulling image "nginx:1.27"',
      '3s          Normal   Pulled      Pod/nginx   Successfully pulled image "nginx:1.27" in 2s (2s including waiting). Image size: 99045870 bytes.',
      '3s          Normal   Created     Pod/nginx   Created container: nginx',
      '3s          Normal   Started     Pod/nginx   Started container nginx',
    ]);
    expect((await w.ok('events --types Warning')).stderr).toBe('No events found in default namespace.\n');
    expect(lines((await w.ok('get events --no-headers')).stdout).length).toBe(7);
  });
});

describe('describe', () => {
  it('describes a pod by name prefix, with its events', async () => {
    await w.ok('apply -f nginx.yaml');
    const out = (await w.ok('describe pod ngin')).stdout;
    expect(lines(out).slice(0, 2)).toEqual(['Name:             nginx', 'Namespace:        default']);
    expect(out).toContain('Normal  Scheduled  0s    default-scheduler  Successfully assigned default/nginx to ');
  });

  it('describes a ReplicaSet with kubectl\'s layout: replicas, pod phases of the pods it controls, its events', async () => {
    w.write('frontend.yaml', readFileSync(new URL('../fixtures/manifests/replicaset-frontend.yaml', import.meta.url), 'utf8'));
    await w.ok('apply -f frontend.yaml');
    await w.ok('advance 5s');
    const out = (await w.ok('describe rs frontend')).stdout;
    expect(lines(out).slice(0, 11)).toEqual([
      'Name:         frontend',
      'Namespace:    default',
      'Selector:     tier=frontend',
      'Labels:       app=nginx',
      '              tier=frontend',
      'Annotations:  <none>',
      'Replicas:     3 current / 3 desired',
      'Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:  tier=frontend',
      '  Containers:',
    ]);
    expect(out).toContain('\n    Image:         nginx\n');
    expect(out).toContain('\n  Tolerations:     <none>\nEvents:\n');
    const created = lines(out).filter((l) => /^ {2}Normal {2}SuccessfulCreate {2}5s {4}replicaset-controller {2}Created pod: frontend-[a-z0-9]{5}$/.test(l));
    expect(created).toHaveLength(3);
  });

  it('describes nodes and reports missing objects', async () => {
    expect((await w.ok('describe node node-1')).stdout).toMatch(/^Name:\s+node-1\n/);
    expect((await w.run('describe pods nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('delete', () => {
  beforeEach(async () => {
    w.write('slow.yaml', NGINX.replace('  labels:', '  annotations:\n    kubeactors.dev/termination-seconds: "10"\n  labels:'));
    await w.ok('apply -f slow.yaml');
    await w.ok('advance 5s');
  });

  it('waits (simulated) until the pod is gone by default', async () => {
    expect(await w.run('delete pod nginx')).toEqual({ code: 0, stdout: 'pod "nginx" deleted\n', stderr: '' });
    expect((await w.ok('now')).stdout).toBe('2026-01-01T00:00:15Z\n');
    expect((await w.run('get pods')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('--wait=false leaves the pod Terminating', async () => {
    await w.ok('delete pod/nginx --wait=false');
    expect(lines((await w.ok('get pods')).stdout)[1]).toBe('nginx   1/1     Terminating   0          5s');
    expect((await w.ok(['get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.deletionGracePeriodSeconds}'])).stdout).toBe('30');
  });

  it('--now means a grace period of 1s; --grace-period=0 without --force too', async () => {
    await w.ok('delete pod nginx --now --wait=false');
    expect((await w.ok(['get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.deletionGracePeriodSeconds}'])).stdout).toBe('1');
    await w.ok('reset');
    await w.ok('apply -f slow.yaml');
    await w.ok('advance 5s');
    expect((await w.ok('delete pod nginx --grace-period=0 --wait=false')).stdout).toBe('pod "nginx" deleted\n');
    expect((await w.ok(['get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.deletionGracePeriodSeconds}'])).stdout).toBe('1');
  });

  it('--force removes the pod at once, with kubectl\'s warning', async () => {
    expect(await w.run('delete pod nginx --force')).toEqual({ code: 0, stdout: 'pod "nginx" force deleted\n', stderr: `${FORCE_WARNING}\n` });
    expect((await w.ok('now')).stdout).toBe('2026-01-01T00:00:05Z\n');
    expect((await w.run('get pod nginx')).code).toBe(1);
  });

  it('refuses kubectl\'s invalid flag combinations', async () => {
    expect((await w.run('delete pod nginx --force --grace-period=5')).stderr).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
    expect((await w.run('delete pod nginx --now --grace-period=3')).stderr).toBe('error: --now and --grace-period cannot be specified together\n');
    expect((await w.run('delete pod nginx --cascade=bogus')).stderr).toBe('error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan".\n');
    expect((await w.run('delete pods')).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await w.run('delete pod nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('--cascade accepts the policies and warns about the deprecated booleans', async () => {
    const r = await w.run('delete pod nginx --cascade=false --wait=false');
    expect(r).toEqual({ code: 0, stdout: 'pod "nginx" deleted\n', stderr: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n' });
    await w.ok('apply -f multi.yaml');
    expect((await w.run('delete pod multi --cascade --wait=false')).stderr).toBe('');
  });

  it('deletes by --all and -l; nothing matched is not an error', async () => {
    await w.ok('apply -f multi.yaml');
    expect((await w.ok('delete pods -l app=web --force')).stdout).toBe('pod "nginx" force deleted\n');
    expect((await w.ok('delete pods -l app=web')).stdout).toBe('No resources found\n');
    expect((await w.ok('delete pods --all --force')).stdout).toBe('pod "multi" force deleted\n');
  });
});

describe('logs', () => {
  beforeEach(async () => {
    await w.ok('apply -f multi.yaml');
    await w.ok('advance 10s');
  });

  it('names the default container when there are several', async () => {
    const r = await w.ok('logs multi');
    expect(r.stderr).toBe('Defaulted container "app" out of: app, side, setup (init)\n');
    expect(r.stdout.split('\n')[0]).toBe('hello from app');
    expect((await w.ok('logs pod/multi -c side')).stderr).toBe('');
  });

  it('--previous shows the crashed instance; --tail and --timestamps', async () => {
    expect(lines((await w.ok('logs multi -c app -p')).stdout)).toEqual(['hello from app']);
    expect((await w.ok('logs multi -c app -p --tail 0')).stdout).toBe('');
    expect((await w.ok('logs multi -c app --previous --timestamps --tail 1')).stdout).toMatch(/^2026-01-01T00:00:\d\d\.\d{9}Z hello from app\n$/);
  });

  it('reports kubectl\'s errors', async () => {
    await w.ok('apply -f nginx.yaml');
    expect((await w.run('logs nginx -p')).stderr).toBe('Error from server (BadRequest): previous terminated container "nginx" in pod "nginx" not found\n');
    expect((await w.run('logs nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await w.run('logs multi -c zzz')).stderr).toBe('error: container zzz is not valid for pod multi\n');
  });
});

describe('wait', () => {
  it('advances until the condition holds', async () => {
    await w.ok('apply -f nginx.yaml');
    expect((await w.ok('wait --for=condition=Ready pod/nginx')).stdout).toBe('pod/nginx condition met\n');
    expect((await w.ok('now')).stdout).toBe('2026-01-01T00:00:02Z\n');
    expect((await w.ok(['wait', '--for=jsonpath={.status.phase}=Running', 'pods', 'nginx'])).stdout).toBe('pod/nginx condition met\n');
  });

  it('times out in kubectl\'s words without moving the saved clock', async () => {
    await w.ok('apply -f nginx.yaml');
    const r = await w.run('wait --for=delete pod/nginx --timeout=20s');
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: timed out waiting for the condition on pods/nginx\n' });
    expect((await w.ok('now')).stdout).toBe('2026-01-01T00:00:00Z\n');
  });

  it('waits for deletion and reports unknown conditions and objects', async () => {
    await w.ok('apply -f nginx.yaml');
    await w.ok('delete pod nginx --wait=false');
    expect((await w.ok('wait --for=delete pod/nginx')).stdout).toBe('pod/nginx condition met\n');
    expect((await w.run('wait --for=condition=Ready pod/nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await w.run('wait --for=happiness pod/nope')).stderr).toBe('error: unrecognized condition: "happiness"\n');
  });
});

describe('exec and debug', () => {
  it('exec -- ps aux prints a busybox process table', async () => {
    await w.ok('apply -f nginx.yaml');
    await w.ok('advance 5s');
    expect(lines((await w.ok('exec nginx -- ps aux')).stdout)).toEqual([
      'PID   USER     TIME  COMMAND',
      '    1 root      0:00 nginx: master process nginx -g daemon off;',
      '    7 root      0:00 ps aux',
    ]);
    expect((await w.run('exec nginx -- ls /')).stderr).toBe('error: kubeactors simulates only "ps" inside containers (e.g. exec nginx -- ps aux); cannot run "ls /"\n');
    expect((await w.run('exec nginx ps')).stderr).toBe('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n');
  });

  it('debug --target adds an ephemeral container sharing the target\'s processes', async () => {
    await w.ok('apply -f nginx.yaml');
    await w.ok('advance 5s');
    const r = await w.ok('debug nginx -it --image=busybox:1.36 --target=nginx');
    expect(lines(r.stderr).slice(0, 3)).toEqual([
      'Targeting container "nginx". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.',
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".',
      expect.stringMatching(/^Defaulting debug container name to debugger-[a-z0-9]{5}\.$/),
    ]);
    const name = /debugger-[a-z0-9]{5}/.exec(r.stderr)![0];
    await w.ok('advance 3s');
    expect(lines((await w.ok(`exec nginx -c ${name} -- ps`)).stdout)).toEqual([
      'PID   USER     TIME  COMMAND',
      '    1 root      0:00 nginx: master process nginx -g daemon off;',
      '    7 root      0:00 sh',
      '   13 root      0:00 ps',
    ]);
  });

  it('debug --copy-to with a command for an existing container copies the pod', async () => {
    await w.ok('apply -f nginx.yaml');
    await w.ok(['debug', 'nginx', '--copy-to=nginx-debug', '--container=nginx', '--profile=general', '--', 'sleep', '1d']);
    expect((await w.ok(['get', 'pod', 'nginx-debug', '-o', 'jsonpath={.spec.containers[0].command}'])).stdout).toBe('["sleep","1d"]');
    await w.ok(['debug', 'nginx', '--copy-to=nginx-2', '--set-image=nginx=nginx:1.28', '--profile=general']);
    expect((await w.ok(['get', 'pod', 'nginx-2', '-o', 'jsonpath={.spec.containers[0].image}'])).stdout).toBe('nginx:1.28');
    expect((await w.run(['debug', 'nginx', '--copy-to=nginx-2', '--image=busybox'])).stderr).toContain('Error from server (AlreadyExists): pods "nginx-2" already exists');
  });
});

describe('nodes', () => {
  it('cordon, uncordon, taint and label print kubectl\'s messages', async () => {
    expect((await w.ok('cordon node-1')).stdout).toBe('node/node-1 cordoned\n');
    expect((await w.ok('nodes cordon node-1')).stdout).toBe('node/node-1 already cordoned\n');
    expect(lines((await w.ok('get nodes')).stdout)[1]).toBe('node-1   Ready,SchedulingDisabled   <none>   0s    v1.32.0');
    expect((await w.ok('uncordon node-1')).stdout).toBe('node/node-1 uncordoned\n');
    expect((await w.ok('taint nodes node-1 dedicated=gpu:NoSchedule')).stdout).toBe('node/node-1 tainted\n');
    expect((await w.run('taint nodes node-1 dedicated=gpu:NoSchedule')).stderr).toBe('error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n');
    expect((await w.ok('nodes taint node-1 dedicated:NoSchedule-')).stdout).toBe('node/node-1 untainted\n');
    expect((await w.ok('label nodes node-1 disk=ssd')).stdout).toBe('node/node-1 labeled\n');
    expect((await w.run('label node/node-1 disk=hdd')).stderr).toBe("error: 'disk' already has a value (ssd), and --overwrite is false\n");
    expect((await w.ok('nodes label node-1 disk-')).stdout).toBe('node/node-1 unlabeled\n');
  });

  it('add, fail, recover and remove', async () => {
    expect((await w.ok('nodes add node-4')).stdout).toBe('node/node-4 created\n');
    expect((await w.run('nodes add node-4')).stderr).toBe('Error from server (AlreadyExists): nodes "node-4" already exists\n');
    expect((await w.ok('nodes fail node-4')).stdout).toBe('node/node-4 failed (unreachable)\n');
    await w.ok('advance 60s');
    expect(lines((await w.ok('get node node-4')).stdout)[1]).toMatch(/^node-4 {3}NotReady /);
    expect((await w.ok('nodes recover node-4')).stdout).toBe('node/node-4 recovered\n');
    await w.ok('advance 10s');
    expect(lines((await w.ok('get node node-4')).stdout)[1]).toMatch(/^node-4 {3}Ready /);
    expect((await w.ok('nodes remove node-4')).stdout).toBe('node "node-4" deleted\n');
    expect((await w.run('get node node-4')).stderr).toBe('Error from server (NotFound): nodes "node-4" not found\n');
  });
});

describe('faults and set image', () => {
  it('crash restarts the container; crashing a waiting one is refused', async () => {
    await w.ok('apply -f nginx.yaml');
    await w.ok('advance 5s');
    expect((await w.ok('crash nginx --exit-code 3')).stdout).toBe('pod/nginx container "nginx" crashed with exit code 3\n');
    expect((await w.ok(['get', 'pod', 'nginx', '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}'])).stdout).toBe('3');
    expect(lines((await w.ok('get pods')).stdout)[1]).toBe('nginx   1/1     Running   1 (0s ago)   5s');
    await w.ok('crash nginx');
    await w.ok('advance 1s');
    expect(lines((await w.ok('get pods')).stdout)[1]).toBe('nginx   0/1     CrashLoopBackOff   1 (1s ago)   6s');
    expect((await w.run('crash nginx')).stderr).toBe('error: container "nginx" in pod "nginx" is not running (CrashLoopBackOff): there is no process to crash\n');
  });

  it('probe forces a readiness failure and resets it', async () => {
    w.write('ready.yaml', NGINX.replace('    image: nginx:1.27\n', '    image: nginx:1.27\n    readinessProbe:\n      httpGet: {path: /, port: 80}\n      periodSeconds: 1\n'));
    await w.ok('apply -f ready.yaml');
    await w.ok('wait --for=condition=Ready pod/nginx');
    expect((await w.ok('probe nginx readiness fail')).stdout).toBe('pod/nginx container "nginx" readiness probe forced to fail\n');
    await w.ok('advance 5s');
    expect(lines((await w.ok('get pods')).stdout)[1]).toMatch(/^nginx {3}0\/1 {5}Running/);
    expect((await w.ok('probe nginx readiness reset')).stdout).toBe('pod/nginx container "nginx" readiness probe reset to the pod\'s own behaviour\n');
    await w.ok('wait --for=condition=Ready pod/nginx');
    expect((await w.run('probe nginx liveness fail')).stderr).toBe('error: container "nginx" has no running liveness probe\n');
  });

  it('set image updates the pod', async () => {
    await w.ok('apply -f nginx.yaml');
    expect((await w.ok('set image pod/nginx nginx=nginx:1.28')).stdout).toBe('pod/nginx image updated\n');
    expect((await w.ok(['get', 'pod', 'nginx', '-o', 'jsonpath={.spec.containers[0].image}'])).stdout).toBe('nginx:1.28');
    expect((await w.run('set image pod nginx zzz=x')).stderr).toBe('error: unable to find container named "zzz"\n');
  });
});

describe('errors and help', () => {
  it('unknown commands and flags in kubectl words', async () => {
    expect((await w.run('frobnicate')).stderr).toBe('error: unknown command "frobnicate" for "kubeactors"\n');
    expect((await w.run('get pods --bogus')).stderr).toBe("error: unknown flag: --bogus\nSee 'kubeactors get --help' for usage.\n");
    expect((await w.run('advance xyz')).stderr).toBe('error: invalid duration "xyz": expected e.g. 30s, 5m, 1h30m\n');
  });

  const commands = [
    [], ['apply'], ['get'], ['describe'], ['delete'], ['logs'], ['exec'], ['debug'], ['set'], ['set', 'image'], ['crash'], ['probe'],
    ['wait'], ['nodes'], ['nodes', 'add'], ['nodes', 'fail'], ['cordon'], ['uncordon'], ['taint'], ['label'], ['advance'], ['now'],
    ['reset'], ['run'], ['demo'], ['events'],
  ];
  it.each(commands.map((c) => [c.join(' ') || '(root)', c]))('--help for %s exits 0 and writes nothing to the state file', async (_n, c) => {
    const r = await w.run([...(c as string[]), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kubeactors/);
    expect(w.stateBytes()).toBeUndefined();
  });
});
