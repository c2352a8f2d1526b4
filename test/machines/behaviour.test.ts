import { describe, it, expect } from 'vitest';
import { DEFAULT_BEHAVIOUR, resolveBehaviour, validateBehaviourAnnotations, type ContainerRole } from '../../machines/behaviour.ts';
import { defaultPullPolicy, imageID, normalizeImage } from '../../machines/images.ts';
import { scriptOutput, unixDate } from '../../machines/container/script.ts';
import { ANN } from './harness.ts';

describe('resolveBehaviour: defaults by role and restart policy', () => {
  it.each([
    ['an app container under Always runs forever', 'regular', 'Always', null],
    ['an app container under OnFailure runs 5 s', 'regular', 'OnFailure', 5000],
    ['an app container under Never runs 5 s', 'regular', 'Never', 5000],
    ['an init container runs 5 s', 'init', 'Always', 5000],
    ['a sidecar runs forever', 'sidecar', 'Never', null],
    ['an ephemeral (debug) container runs until stopped, like an interactive shell', 'ephemeral', 'Always', null],
  ] as [string, ContainerRole, string, number | null][])('%s', (_n, role, policy, runMs) => {
    const b = resolveBehaviour(undefined, 'c', role, policy);
    expect(b.runMs).toBe(runMs);
    expect(b).toMatchObject({
      exitCode: 0,
      pullMs: DEFAULT_BEHAVIOUR.pullSeconds * 1000,
      cachedPullMs: DEFAULT_BEHAVIOUR.cachedPullSeconds * 1000,
      pullFails: false,
      livenessFailsAfterMs: null,
      readinessFailsAfterMs: null,
      startupFails: false,
      terminationMs: 0,
      logs: [],
    });
  });

  it('cluster defaults replace the built-in ones', () => {
    const b = resolveBehaviour(undefined, 'c', 'init', 'Always', { ...DEFAULT_BEHAVIOUR, finiteRunSeconds: 7, pullSeconds: 0, terminationSeconds: 3 });
    expect(b).toMatchObject({ runMs: 7000, pullMs: 0, terminationMs: 3000 });
  });

  it('pod-wide annotations apply to every container; `<key>.<container>` targets one and wins', () => {
    const ann = ANN({ 'run-seconds': 30, 'exit-code': 3, 'run-seconds.web': '2m', 'exit-code.web': 0 });
    expect(resolveBehaviour(ann, 'web', 'regular', 'Always')).toMatchObject({ runMs: 120_000, exitCode: 0 });
    expect(resolveBehaviour(ann, 'other', 'regular', 'Always')).toMatchObject({ runMs: 30_000, exitCode: 3 });
  });

  it.each([
    ['run-seconds', '1.5', { runMs: 1500 }],
    ['run-seconds', '250ms', { runMs: 250 }],
    ['run-seconds', '1h', { runMs: 3_600_000 }],
    ['run-seconds', 'forever', { runMs: null }],
    ['pull-seconds', '10s', { pullMs: 10_000 }],
    ['image-pull', 'fail', { pullFails: true }],
    ['image-pull', 'ok', { pullFails: false }],
    ['liveness-fails-after', '20', { livenessFailsAfterMs: 20_000 }],
    ['readiness-fails-after', '3s', { readinessFailsAfterMs: 3000 }],
    ['startup-fails', 'true', { startupFails: true }],
    ['termination-seconds', '45', { terminationMs: 45_000 }],
    ['logs', 'one\ntwo\n', { logs: ['one', 'two'] }],
  ] as const)('%s=%j', (key, value, want) => {
    expect(resolveBehaviour(ANN({ [key]: value }), 'c', 'init', 'Always')).toMatchObject(want);
  });

  it('a malformed value falls back to the default (validation reports it separately)', () => {
    expect(resolveBehaviour(ANN({ 'run-seconds': 'soon', 'exit-code': 'x' }), 'c', 'init', 'Always')).toMatchObject({ runMs: 5000, exitCode: 0 });
  });
});

describe('validateBehaviourAnnotations', () => {
  it('accepts valid values and ignores other prefixes', () => {
    expect(
      validateBehaviourAnnotations({
        ...ANN({ 'run-seconds': '30', 'exit-code.web': '137', 'image-pull': 'fail', 'startup-fails': 'false', logs: 'anything' }),
        'example.com/whatever': '??',
      }),
    ).toEqual([]);
    expect(validateBehaviourAnnotations(undefined)).toEqual([]);
  });
  it.each([
    ['kubeactors.dev/run-seconds', 'soon', 'expected seconds (e.g. "30", "1.5", "2m") or "forever", got "soon"'],
    ['kubeactors.dev/exit-code', '256', 'expected an exit code 0-255, got "256"'],
    ['kubeactors.dev/exit-code.app', '-1', 'expected an exit code 0-255, got "-1"'],
    ['kubeactors.dev/image-pull', 'maybe', 'expected "fail" or "ok", got "maybe"'],
    ['kubeactors.dev/startup-fails', 'yes', 'expected "true" or "false", got "yes"'],
  ])('%s=%s is rejected', (key, value, message) => {
    expect(validateBehaviourAnnotations({ [key]: value })).toEqual([{ key, message }]);
  });
  it('an unknown key is named with the known ones', () => {
    const [e] = validateBehaviourAnnotations({ 'kubeactors.dev/run-secs': '1' });
    expect(e!.key).toBe('kubeactors.dev/run-secs');
    expect(e!.message).toMatch(/^unknown behaviour annotation; known: run-seconds, exit-code/);
  });
});

describe('image references (containerd normalisation, imagePullPolicy default)', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.14.2', 'docker.io/library/nginx:1.14.2'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
    ['ghcr.io/org/team/tool', 'ghcr.io/org/team/tool:latest'],
  ])('normalizeImage(%s) = %s', (image, want) => {
    expect(normalizeImage(image)).toBe(want);
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.14.2', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v1', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
  ])('defaultPullPolicy(%s) = %s', (image, want) => {
    expect(defaultPullPolicy(image)).toBe(want);
  });

  it('imageID is repo@sha256:<64 hex>, stable per reference', () => {
    const id = imageID('nginx:1.14.2');
    expect(id).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(imageID('docker.io/library/nginx:1.14.2')).toBe(id);
    expect(imageID('nginx:1.16.1')).not.toBe(id);
  });
});

describe('scriptOutput: what a sh -c echo/date script prints', () => {
  const at = Date.UTC(2026, 10, 26, 23, 34, 11);
  it('the CronJob "hello" example prints the date and the greeting', () => {
    expect(scriptOutput({ name: 'hello', command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }, at)).toEqual([
      'Thu Nov 26 23:34:11 UTC 2026',
      'Hello from the Kubernetes cluster',
    ]);
  });
  it('busybox date pads a one-digit day of the month with a space (%e), two-digit days unchanged', () => {
    expect(unixDate(Date.UTC(2026, 0, 10, 0, 0, 5))).toBe('Sat Jan 10 00:00:05 UTC 2026');
    expect(unixDate(Date.UTC(2026, 0, 1, 0, 0, 5))).toBe('Thu Jan  1 00:00:05 UTC 2026');
  });
  it.each([
    ['quotes are removed', ['sh', '-c', 'echo "a  b" && echo \'c\''], ['a  b', 'c']],
    ['unquoted whitespace collapses', ['sh', '-c', 'echo a    b'], ['a b']],
    ['newline-separated statements', ['bash', '-c', 'echo one\necho two'], ['one', 'two']],
    ['a bare echo command', ['echo', 'hello world'], ['hello world']],
    ['other statements print nothing', ['sh', '-c', 'sleep 10; echo done'], ['done']],
    ['not a shell script prints nothing', ['nginx', '-g', 'daemon off;'], []],
    ['empty echo prints an empty line', ['sh', '-c', 'echo'], ['']],
  ] as [string, string[], string[]][])('%s', (_n, argv, want) => {
    expect(scriptOutput({ name: 'x', command: argv }, at)).toEqual(want);
  });
  it('the script may come in args after the command', () => {
    expect(scriptOutput({ name: 'x', command: ['/bin/sh'], args: ['-c', 'echo hi'] }, at)).toEqual(['hi']);
  });
  it('no command (image entrypoint) prints nothing', () => {
    expect(scriptOutput({ name: 'x', image: 'nginx' }, at)).toEqual([]);
  });
});
