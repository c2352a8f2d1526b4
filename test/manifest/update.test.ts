import { describe, it, expect } from 'vitest';
import { validatePodUpdate, validateUpdate, formatManifestError } from '../../src/manifest/index.ts';
import { objectOf } from './helpers.ts';

const HEADER =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const basePod = () =>
  objectOf(`apiVersion: v1
kind: Pod
metadata:
  name: web
  uid: "1111"
spec:
  activeDeadlineSeconds: 600
  initContainers: [{name: init, image: "busybox:1.36"}]
  containers: [{name: web, image: "nginx:1.14.2"}]
  schedulingGates: [{name: example.com/gate}]
  tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule}]
`);

function update(mutate: (p: any) => void): string[] {
  const old = basePod();
  const next = structuredClone(old);
  mutate(next);
  return validatePodUpdate(old, next).map(formatManifestError);
}

describe('pod updates may only change what ValidatePodUpdate allows', () => {
  it.each<[string, (p: any) => void]>([
    ['a container image', (p) => (p.spec.containers[0].image = 'nginx:1.16.1')],
    ['an init container image', (p) => (p.spec.initContainers[0].image = 'busybox:1.37')],
    ['activeDeadlineSeconds decreased', (p) => (p.spec.activeDeadlineSeconds = 60)],
    ['a toleration added', (p) => p.spec.tolerations.push({ key: 'gpu', operator: 'Exists' })],
    ['tolerationSeconds of an existing toleration changed', (p) => (p.spec.tolerations[1].tolerationSeconds = 30)],
    ['a scheduling gate removed', (p) => (p.spec.schedulingGates = [])],
    ['labels and annotations', (p) => (p.metadata.labels = { app: 'web' })],
    ['nothing', () => {}],
  ])('allowed: %s', (_name, mutate) => {
    expect(update(mutate)).toEqual([]);
  });

  it('activeDeadlineSeconds may be set when it was unset', () => {
    const old = objectOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n');
    const next = structuredClone(old);
    next.spec.activeDeadlineSeconds = 30;
    expect(validatePodUpdate(old, next)).toEqual([]);
  });

  it('activeDeadlineSeconds may not grow or be removed', () => {
    expect(update((p) => (p.spec.activeDeadlineSeconds = 601))).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 601: must be less than or equal to previous value',
    ]);
    expect(update((p) => delete p.spec.activeDeadlineSeconds)).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value',
    ]);
  });

  it('existing tolerations may not be modified', () => {
    expect(update((p) => (p.spec.tolerations[0].value = 'api'))).toEqual([
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ]);
  });

  it('scheduling gates may only be removed', () => {
    expect(update((p) => p.spec.schedulingGates.push({ name: 'example.com/other' }))).toEqual([
      "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/other'",
    ]);
  });

  it('containers may not be added or removed', () => {
    expect(update((p) => p.spec.containers.push({ ...p.spec.containers[0], name: 'two' }))).toEqual([
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    ]);
  });

  it('any other spec change is forbidden with the upstream list of mutable fields and a diff', () => {
    expect(update((p) => (p.spec.restartPolicy = 'Never'))).toEqual([
      `${HEADER}\n  core.PodSpec{\n- \trestartPolicy: "Always"\n+ \trestartPolicy: "Never"\n  }`,
    ]);
    const errs = update((p) => {
      p.spec.containers[0].image = 'nginx:2';
      p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'TCP' }];
    });
    expect(errs).toHaveLength(1);
    expect(errs[0].startsWith(`${HEADER}\n`)).toBe(true);
    expect(errs[0]).toContain('+ \tcontainers[0].ports: [{"containerPort":80,"protocol":"TCP"}]');
    expect(errs[0].slice(HEADER.length)).not.toContain('image');
  });

  it('a negative grace period may only be changed to 1', () => {
    const old = basePod();
    old.spec.terminationGracePeriodSeconds = -1;
    const ok = structuredClone(old);
    ok.spec.terminationGracePeriodSeconds = 1;
    expect(validatePodUpdate(old, ok)).toEqual([]);
    const bad = structuredClone(old);
    bad.spec.terminationGracePeriodSeconds = 5;
    expect(validatePodUpdate(old, bad).map(formatManifestError)[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than/);
  });

  it('the new pod must itself be valid (the same error is reported once)', () => {
    expect(update((p) => (p.spec.containers[0].image = ''))).toEqual(['spec.containers[0].image: Required value']);
    expect(update((p) => (p.spec.containers[0].image = ' nginx'))).toEqual([
      'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
    ]);
  });

  it.each([
    ['name', (p: any) => (p.metadata.name = 'web2'), 'metadata.name: Invalid value: "web2": field is immutable'],
    ['namespace', (p: any) => (p.metadata.namespace = 'prod'), 'metadata.namespace: Invalid value: "prod": field is immutable'],
    ['uid', (p: any) => (p.metadata.uid = '2222'), 'metadata.uid: Invalid value: "2222": field is immutable'],
  ])('metadata.%s is immutable', (_f, mutate, expected) => {
    expect(update(mutate)).toEqual([expected]);
  });

  it('validateUpdate applies metadata immutability to every kind and ValidatePodUpdate to pods', () => {
    const cm = objectOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    expect(validateUpdate(cm, { ...cm, data: { k: 'v' } })).toEqual([]);
    expect(validateUpdate(cm, { ...cm, metadata: { ...cm.metadata, name: 'b' } }).map(formatManifestError)).toEqual([
      'metadata.name: Invalid value: "b": field is immutable',
    ]);
    const pod = basePod();
    expect(validateUpdate(pod, { ...pod, spec: { ...pod.spec, nodeName: 'n1' } }).map(formatManifestError)[0]).toMatch(/^spec: Forbidden/);
  });
});
