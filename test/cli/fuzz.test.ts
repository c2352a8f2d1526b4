import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../src/cluster/cluster.ts';
import { MULTI, NGINX, Workspace } from './helpers.ts';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.14.2
`;

const COMMANDS = [
  'get', 'describe', 'delete', 'logs', 'exec', 'debug', 'apply', 'wait', 'advance', 'now', 'nodes', 'cordon', 'uncordon',
  'taint', 'label', 'set', 'image', 'crash', 'probe', 'events', 'reset', 'run', 'add', 'fail', 'recover', 'remove', 'help',
  'rollout', 'status', 'history', 'undo', 'pause', 'resume', 'restart', 'scale',
];
const FLAGS = [
  '-o', 'wide', 'yaml', 'json', 'name', 'jsonpath={.metadata.name}', 'jsonpath={.bad', '-o=wide', '--output=name', '-l', 'app=web',
  'app in (web', '--field-selector', 'status.phase=Running', 'bogus=1', '-n', 'kube-system', '-A', '--show-labels', '--no-headers',
  '-w', '--watch-for', '--for', 'condition=Ready', '--for=delete', '--for=jsonpath={.status.phase}=Running', '--timeout', '--timeout=0',
  '--force', '--now', '--grace-period', '--grace-period=0', '--cascade', '--cascade=orphan', '--cascade=false', '--cascade=x',
  '--wait=false', '--wait=maybe', '-c', '-p', '--previous', '--tail', '--timestamps', '--', 'ps', 'aux', '-it', '--image', 'busybox',
  '--target', '--copy-to', 'copy', '--set-image', 'nginx=nginx:2', '*=x', 'x=', '--exit-code', '--mode', 'notready', 'unreachable',
  '--overwrite', 'k=v', 'k-', 'k=v:NoSchedule', 'k:NoExecute-', 'liveness', 'readiness', 'startup', 'fail', 'succeed', 'reset',
  '-f', 'nginx.yaml', 'bad.yaml', 'missing.yaml', '.', '--help', '-h', '--nodes', '--seed', '--state', 'alt.json', '--all',
  '--selector', '--types', 'Warning', '=', '-', '', ' ', 'ü', '"quoted"', "it's", '\\', '%s', '{', '}', '[0]',
  '--revision', '--revision=2', '--to-revision', '--to-revision=1', '--replicas', '--replicas=2', '--record', '--watch=false', 'web.yaml',
];
const KINDS = ['pods', 'po', 'pod', 'nodes', 'node', 'ns', 'svc', 'cm', 'events', 'ev', 'deploy', 'foo', 'pods,nodes', 'pod/nginx', 'pod/multi', 'node/node-1', 'pod/', '/x', 'deployment/web', 'deploy', 'rs', 'rc', 'deployment', 'deploy/nope'];
const NAMES = ['web', 'nginx', 'multi', 'node-1', 'node-9', 'nope', 'Bad_Name', 'app', 'side', 'setup', 'copy'];
const VALUES = ['0', '1', '3', '-1', '5000', '99999', '1s', '30s', '2m', '10m', '-5s', 'abc', '1.5', '0s'];

const VALUE_FLAGS: Record<string, string[]> = {
  '-o': ['wide', 'yaml', 'json', 'name', 'jsonpath={.metadata.name}', 'jsonpath={.bad', 'table'],
  '-l': ['app=web', 'app in (web', 'tier!=x'],
  '-n': ['default', 'kube-system', 'nope'],
  '--field-selector': ['status.phase=Running', 'bogus=1'],
  '--watch-for': ['1s', '30s', '2m', 'abc'],
  '--for': ['condition=Ready', 'delete', 'create', 'jsonpath={.status.phase}=Running', 'bogus'],
  '--timeout': ['0', '5s', '1m', '-1s', 'abc'],
  '--grace-period': ['0', '1', '5', '-1', 'abc'],
  '--cascade': ['orphan', 'foreground', 'false', 'true', 'x'],
  '--wait': ['false', 'true', 'maybe'],
  '-c': ['nginx', 'app', 'side', 'setup', 'zzz'],
  '--tail': ['1', '-1', 'x'],
  '--image': ['busybox', 'nginx:1.28'],
  '--target': ['nginx', 'app', 'ghost'],
  '--copy-to': ['copy', 'nginx'],
  '--set-image': ['nginx=nginx:2', '*=x', 'x='],
  '--exit-code': ['0', '1', '137', '300', '-1'],
  '--mode': ['notready', 'unreachable', 'bad'],
  '--types': ['Warning', 'Normal', 'x'],
  '--nodes': ['0', '1', '3', '99999', 'x'],
  '--seed': ['0', '7', '-1'],
  '--state': ['alt.json', '.'],
  '--profile': ['general', 'legacy', 'x'],
  '-f': ['nginx.yaml', 'bad.yaml', 'missing.yaml', 'multi.yaml', 'web.yaml', '.', '-'],
  '--revision': ['0', '1', '2', '9', '-1', 'x'],
  '--to-revision': ['0', '1', '2', '9', '-1', 'x'],
  '--replicas': ['0', '1', '5', '-1', 'x'],
  '--watch': ['false', 'true', 'x'],
};
const BOOL_FLAGS = [
  '-A', '--show-labels', '--no-headers', '-w', '--watch-only', '--output-watch-events', '--force', '--now', '--all', '-p',
  '--previous', '--timestamps', '-it', '-i', '--overwrite', '--help', '-q', '--cascade', '--wait', '--record',
];
const EXTRA = ['app=nginx:1.16.1', 'liveness', 'readiness', 'startup', 'fail', 'succeed', 'reset', 'k=v', 'k-', 'k=v:NoSchedule', 'k:NoSchedule-', 'nginx=nginx:1.28', '1s', '30s', '5m'];
/** The flags each command knows (so that generated commands get past flag parsing). */
const VERB_FLAGS: Record<string, string[]> = {
  get: ['-o', '-l', '-n', '--field-selector', '--watch-for', '-A', '--show-labels', '--no-headers', '-w', '--watch-only', '--output-watch-events'],
  describe: ['-n', '-l', '-A'],
  delete: ['-n', '-l', '--all', '--grace-period', '--now', '--force', '--cascade', '--wait', '--timeout'],
  logs: ['-c', '-p', '--previous', '--tail', '--timestamps', '-n'],
  exec: ['-c', '-n', '-it'],
  debug: ['--image', '--target', '-c', '--copy-to', '--set-image', '-it', '--profile', '-q'],
  apply: ['-f'],
  wait: ['--for', '--timeout', '-l', '--all', '-n'],
  events: ['--for', '--types', '-o', '--no-headers', '-n', '-A'],
  advance: [],
  now: [],
  reset: [],
  crash: ['-c', '--exit-code'],
  probe: ['-c'],
  'nodes add': [],
  'nodes fail': ['--mode'],
  'nodes recover': [],
  'nodes remove': [],
  'nodes cordon': [],
  'nodes taint': ['--overwrite'],
  'nodes label': ['--overwrite'],
  cordon: [],
  taint: ['--overwrite'],
  label: ['--overwrite', '-n'],
  'set image': ['-n', '--record'],
  'run -q': [],
  'rollout status': ['--revision', '--watch', '--timeout', '-n'],
  'rollout history': ['--revision', '-n'],
  'rollout undo': ['--to-revision', '-n'],
  'rollout pause': ['-n'],
  'rollout resume': ['-n'],
  'rollout restart': ['-n'],
  scale: ['--replicas', '--record', '-n'],
};
const GLOBAL_FLAGS = ['--state', '--nodes', '--seed', '--help'];

function flagFrom(names: string[]) {
  return fc.tuple(fc.constantFrom(...names), fc.nat(), fc.boolean()).map(([f, i, eq]) => {
    const values = VALUE_FLAGS[f];
    if (!values) return [f];
    const v = values[i % values.length]!;
    return eq && f.startsWith('--') ? [`${f}=${v}`] : [f, v];
  });
}
const kind = fc.constantFrom(...KINDS);
const name = fc.constantFrom(...NAMES);
const extra = fc.constantFrom(...EXTRA);
/** Operands in the orders commands take them: `KIND NAME`, `NAME`, `NAME ARG`, … */
const operands = fc.oneof(
  fc.tuple(kind, name),
  fc.tuple(name),
  fc.tuple(kind),
  fc.tuple(name, extra),
  fc.tuple(kind, name, extra),
  fc.tuple(name, extra, extra),
  fc.constant([] as string[]),
  fc.array(fc.oneof(kind, name, extra), { maxLength: 3 }),
);
/** Commands shaped like real ones: a verb, operands, mostly its own flags, sometimes `-- command`. */
const structured = fc.constantFrom(...Object.keys(VERB_FLAGS)).chain((verb) =>
  fc
    .tuple(
      operands,
      fc.array(fc.oneof({ weight: 6, arbitrary: flagFrom(VERB_FLAGS[verb]!.length ? VERB_FLAGS[verb]! : GLOBAL_FLAGS) }, { weight: 1, arbitrary: flagFrom([...GLOBAL_FLAGS, ...Object.keys(VALUE_FLAGS), ...BOOL_FLAGS]) }), { maxLength: 3 }),
      fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(['--', 'ps', 'aux'], ['--', 'ls'], ['--', 'sh', '-c', 'x']) }),
    )
    .map(([ops, flags, tail]) => [...verb.split(' '), ...ops, ...flags.flat(), ...(tail ?? [])]),
);
const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 3, arbitrary: fc.constantFrom(...KINDS) },
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const argv = fc.oneof(
  { weight: 4, arbitrary: structured },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...COMMANDS), fc.array(word, { maxLength: 7 })).map(([c, rest]) => [c, ...rest]) },
  { weight: 1, arbitrary: fc.array(word, { maxLength: 6 }) },
);

let w: Workspace;
beforeAll(async () => {
  w = new Workspace();
  w.write('nginx.yaml', NGINX);
  w.write('multi.yaml', MULTI);
  w.write('web.yaml', WEB);
  w.write('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: 1\nspec: []\n');
});
afterAll(() => w.dispose());

describe('fuzzed command lines', () => {
  it('never throw, exit 0 or 1, keep the state file intact on failure and loadable on success', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(argv, { minLength: 1, maxLength: 4 }), async (lines) => {
        // Every sequence starts from the same cluster: two pods, five seconds in.
        await w.ok('reset');
        await w.ok(['apply', '-f', 'nginx.yaml', '-f', 'multi.yaml', '-f', 'web.yaml']);
        await w.ok('advance 5s');
        for (const args of lines) {
          runs++;
          const before = w.stateBytes()!;
          const r = await w.run(args);
          expect([0, 1]).toContain(r.code);
          expect(r.stderr).not.toContain('internal error');
          if (r.code !== 0) {
            expect(w.stateBytes()!.equals(before), `state changed by failing "${args.join(' ')}"`).toBe(true);
          } else {
            const c = createCluster({ snapshot: JSON.parse(readFileSync(w.state, 'utf8')) });
            c.stop();
          }
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20260101 },
    );
    expect(runs).toBeGreaterThan(60);
  }, 120_000);

  const PLAUSIBLE = [
    'advance 3s', 'advance 1m', 'delete pod nginx --wait=false', 'delete pod multi --force', 'delete pods --all --now', 'crash nginx',
    'crash multi -c side', 'cordon node-1', 'uncordon node-1', 'taint nodes node-2 k=v:NoExecute', 'taint nodes node-2 k:NoExecute-',
    'label pods nginx tier=a --overwrite', 'nodes fail node-1', 'nodes fail node-2 --mode notready', 'nodes recover node-1',
    'nodes add extra', 'nodes remove node-3', 'apply -f nginx.yaml', 'apply -f multi.yaml', 'set image pod/nginx nginx=nginx:1.28',
    'debug nginx --image=busybox --profile=general', 'debug nginx --copy-to=copy --image=busybox', 'wait --for=condition=Ready pod/nginx',
    'get pods -w --watch-for 20s', 'exec nginx -- ps aux', 'logs multi -c app -p', 'probe nginx liveness fail', 'delete pod copy',
    'set image deployment/web app=nginx:1.16.1 --record', 'set image deploy/web app=nginx:1.17.0', 'rollout status deployment/web',
    'rollout status deploy/web --watch=false', 'rollout history deployment/web', 'rollout history deployment/web --revision=1',
    'rollout undo deployment/web', 'rollout undo deployment/web --to-revision=1', 'rollout pause deployment/web',
    'rollout resume deployment/web', 'rollout restart deployment/web', 'scale deployment/web --replicas=4', 'scale deploy web --replicas=0',
    'delete deployment web --cascade=orphan', 'delete deployment web --cascade=foreground --wait=false', 'apply -f web.yaml',
  ];

  it('plausible command sequences keep the state consistent and are deterministic', async () => {
    const other = new Workspace();
    other.write('nginx.yaml', NGINX);
    other.write('multi.yaml', MULTI);
    other.write('web.yaml', WEB);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...PLAUSIBLE), { minLength: 1, maxLength: 8 }), async (cmds) => {
          for (const ws of [w, other]) {
            await ws.ok('reset');
            await ws.ok(['apply', '-f', 'nginx.yaml', '-f', 'multi.yaml', '-f', 'web.yaml']);
          }
          for (const cmd of cmds) {
            const before = w.stateBytes()!;
            const a = await w.run(cmd);
            const b = await other.run(cmd);
            expect(b).toEqual(a);
            expect(a.stderr).not.toContain('internal error');
            if (a.code !== 0) expect(w.stateBytes()!.equals(before), `state changed by failing "${cmd}"`).toBe(true);
          }
          expect(other.stateBytes()!.equals(w.stateBytes()!)).toBe(true);
          createCluster({ snapshot: JSON.parse(readFileSync(w.state, 'utf8')) }).stop();
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 25), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 7 },
      );
    } finally {
      other.dispose();
    }
  }, 120_000);
});
