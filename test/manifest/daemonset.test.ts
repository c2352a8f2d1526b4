import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { KINDS, type KindInfo } from '../../src/kinds.ts';
import { defaultObject, formatManifestError, validateUpdate } from '../../src/manifest/index.ts';
import { pathString } from '../../src/manifest/errors.ts';
import { toManifestErrors } from '../../src/manifest/locate.ts';
import { STATUS_RESET_KINDS } from '../../src/manifest/parse.ts';
import { decodeObject } from '../../src/manifest/schema.ts';
import { PERCENT_MSG, validateDaemonSet, validateObject } from '../../src/manifest/validate.ts';
import { DNS1123_SUBDOMAIN_MSG, LABEL_VALUE_MSG, TEMPLATE_SPEC } from './helpers.ts';

// These tests call the decoding, defaulting and validation layers directly (as parseManifests
// does), so they hold whether or not the kind registry marks DaemonSet supported yet.
const DS: KindInfo = KINDS.find((k) => k.kind === 'DaemonSet')!;

type Obj = Record<string, any>;

const FLUENTD_PATH = path.resolve(__dirname, '../../../shared/reference/manifests/daemonset-fluentd.yaml');
const referenceFluentd = (): Obj => parseYaml(readFileSync(FLUENTD_PATH, 'utf8'));

/** Defaulted as the API server stores it (namespace `default` unless the manifest names one). */
const prepare = (o: Obj): Obj => defaultObject(o, { namespaced: DS.namespaced });

/** `path: message` of every validation error of the defaulted object. */
const errorsOf = (o: Obj): string[] => toManifestErrors(validateObject(prepare(o), DS)).map(formatManifestError);

/** A minimal valid DaemonSet (before defaulting). */
const base = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

/** {@link base} with spec fields set (or, with `undefined`, removed). */
const withSpec = (patch: Obj): Obj => {
  const d = base();
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete d.spec[k];
    else d.spec[k] = v;
  }
  return d;
};

const rolling = (rollingUpdate: Obj): Obj => withSpec({ updateStrategy: { type: 'RollingUpdate', rollingUpdate } });
const templateWith = (spec: Obj): Obj => ({ metadata: { labels: { app: 'agent' } }, spec });

const MU = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
const MS = 'spec.updateStrategy.rollingUpdate.maxSurge';
const NONNEG = 'must be greater than or equal to 0';
const intLit = (n: number) => `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
const strLit = (s: string) => `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(s)}}`;
const DEFAULT_STRATEGY = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };

describe('DaemonSet (apps/v1) defaults: SetDefaults_DaemonSet', () => {
  it('a minimal DaemonSet gets a RollingUpdate strategy of maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10 and pod-spec defaults; no replicas', () => {
    expect(prepare(base())).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: TEMPLATE_SPEC },
        updateStrategy: DEFAULT_STRATEGY,
        revisionHistoryLimit: 10,
      },
    });
  });

  it.each<[string, Obj, Obj]>([
    ['an empty strategy becomes RollingUpdate 1/0', { updateStrategy: {} }, { updateStrategy: DEFAULT_STRATEGY }],
    ['a null strategy becomes RollingUpdate 1/0', { updateStrategy: null }, { updateStrategy: DEFAULT_STRATEGY }],
    ['an empty type becomes RollingUpdate', { updateStrategy: { type: '' } }, { updateStrategy: DEFAULT_STRATEGY }],
    ['a null rollingUpdate is filled in', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: null } }, { updateStrategy: DEFAULT_STRATEGY }],
    ['a percent maxUnavailable is kept; maxSurge defaults to 0', { updateStrategy: { rollingUpdate: { maxUnavailable: '10%' } } }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } } }],
    ['a maxSurge alone keeps maxUnavailable at its default 1', { updateStrategy: { rollingUpdate: { maxSurge: 1 } } }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }],
    ['OnDelete gets no rollingUpdate', { updateStrategy: { type: 'OnDelete' } }, { updateStrategy: { type: 'OnDelete' } }],
    ['a rollingUpdate given with OnDelete is left as written', { updateStrategy: { type: 'OnDelete', rollingUpdate: { maxSurge: 1 } } }, { updateStrategy: { type: 'OnDelete', rollingUpdate: { maxSurge: 1 } } }],
    ['an unknown type gets no rollingUpdate', { updateStrategy: { type: 'Canary' } }, { updateStrategy: { type: 'Canary' } }],
    ['revisionHistoryLimit 0 is kept', { revisionHistoryLimit: 0 }, { revisionHistoryLimit: 0 }],
    ['minReadySeconds is kept as written', { minReadySeconds: 5 }, { minReadySeconds: 5 }],
  ])('%s', (_name, patch, expected) => {
    const spec = prepare(withSpec(patch)).spec;
    for (const [k, v] of Object.entries(expected)) expect(spec[k]).toEqual(v);
    expect(spec).not.toHaveProperty('replicas');
    if (!('minReadySeconds' in patch)) expect(spec).not.toHaveProperty('minReadySeconds');
  });

  it('an absent template is still defaulted (it is a value in apps/v1)', () => {
    expect(prepare(withSpec({ template: undefined })).spec.template).toEqual({
      spec: { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' },
    });
  });

  it('defaultObject is pure', () => {
    const input = base();
    const copy = structuredClone(input);
    prepare(input);
    expect(input).toEqual(copy);
  });

  it('the reference fluentd DaemonSet keeps its namespace, labels and resources, and gets the strategy, history and pod-spec defaults', () => {
    const out = prepare(referenceFluentd());
    expect(out.metadata).toEqual({ name: 'fluentd-elasticsearch', namespace: 'kube-system', labels: { 'k8s-app': 'fluentd-logging' } });
    expect(out.spec.updateStrategy).toEqual(DEFAULT_STRATEGY);
    expect(out.spec.revisionHistoryLimit).toBe(10);
    expect(out.spec.template.spec).toMatchObject({
      terminationGracePeriodSeconds: 30, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler',
      tolerations: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
      volumes: [{ name: 'varlog', hostPath: { path: '/var/log', type: '' } }, { name: 'varlibdockercontainers', hostPath: { path: '/var/lib/docker/containers', type: '' } }],
    });
    expect(out.spec.template.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
    });
  });

  it('a client-sent status is dropped on create (the strategy resets it)', () => {
    expect(STATUS_RESET_KINDS.has('DaemonSet')).toBe(true);
  });
});

describe('DaemonSet decoding: the schema', () => {
  it.each<[string, Obj, string[]]>([
    ['maxSurge as a float', { updateStrategy: { rollingUpdate: { maxSurge: 1.5 } } },
      ['spec.updateStrategy.rollingUpdate.maxSurge: json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDaemonSet.spec.updateStrategy.rollingUpdate.maxSurge of type int32']],
    ['a partition (a StatefulSet field)', { updateStrategy: { rollingUpdate: { partition: 1 } } },
      ['spec.updateStrategy.rollingUpdate.partition: strict decoding error: unknown field "spec.updateStrategy.rollingUpdate.partition"']],
    ['replicas (DaemonSets have none)', { replicas: 3 }, ['spec.replicas: strict decoding error: unknown field "spec.replicas"']],
  ])('%s', (_name, patch, expected) => {
    expect(toManifestErrors(decodeObject(withSpec(patch), 'DaemonSet').errors).map(formatManifestError)).toEqual(expected);
  });

  it('every field of the reference manifest is known', () => {
    expect(decodeObject(referenceFluentd(), 'DaemonSet').errors).toEqual([]);
  });
});

describe('DaemonSet validation: valid manifests pass', () => {
  it('the reference fluentd DaemonSet (shared/reference/manifests/daemonset-fluentd.yaml)', () => {
    expect(errorsOf(referenceFluentd())).toEqual([]);
  });

  it.each<[string, Obj]>([
    ['a minimal DaemonSet', base()],
    ['an OnDelete strategy', withSpec({ updateStrategy: { type: 'OnDelete' } })],
    ['OnDelete with a rollingUpdate block, even a nonsensical one (it is not looked at)', withSpec({ updateStrategy: { type: 'OnDelete', rollingUpdate: { maxUnavailable: 0, maxSurge: '300%' } } })],
    ['a surge instead of unavailability', rolling({ maxUnavailable: 0, maxSurge: 1 })],
    ['a percent surge', rolling({ maxUnavailable: '0%', maxSurge: '10%' })],
    ['all nodes at once', rolling({ maxUnavailable: '100%' })],
    ['an integer maxUnavailable over 100 (only percents are capped)', rolling({ maxUnavailable: 150 })],
    ['minReadySeconds and revisionHistoryLimit 0', withSpec({ minReadySeconds: 0, revisionHistoryLimit: 0 })],
    ['a matchExpressions selector', withSpec({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['agent'] }] } })],
    ['host networking with host ports', withSpec({ template: templateWith({ hostNetwork: true, containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 9100, hostPort: 9100 }] }] }) })],
  ])('%s', (_name, d) => {
    expect(errorsOf(d)).toEqual([]);
  });
});

describe('DaemonSet validation in the API server words: ValidateDaemonSet', () => {
  it.each<[string, Obj, string[]]>([
    // object meta
    ['the name must be a DNS subdomain', { ...base(), metadata: { name: 'Agent_1' } }, [`metadata.name: Invalid value: "Agent_1": ${DNS1123_SUBDOMAIN_MSG}`]],
    ['a dotted name is fine (a subdomain)', { ...base(), metadata: { name: 'agent.v1' } }, []],

    // selector and template
    [
      'no selector is not `Required`: it selects nothing, so the template labels do not match',
      withSpec({ selector: undefined }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`'],
    ],
    [
      'an empty selector is invalid (and, selecting everything, matches the template)',
      withSpec({ selector: {} }),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset'],
    ],
    [
      'the selector must select the template labels',
      withSpec({ selector: { matchLabels: { app: 'other' } } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`'],
    ],
    [
      'a selector that does not convert: only its own errors, and the template is still validated',
      withSpec({
        selector: { matchExpressions: [{ key: 'app', operator: 'Like', values: ['agent'] }] },
        template: templateWith({ containers: [{ name: 'c' }] }),
      }),
      [
        'spec.selector.matchExpressions[0].operator: Invalid value: "Like": not a valid selector operator',
        'spec.template.spec.containers[0].image: Required value',
      ],
    ],
    [
      'selector label values are validated (and the selector then does not convert)',
      withSpec({ selector: { matchLabels: { app: 'bad value!' } } }),
      [`spec.selector.matchLabels: Invalid value: "bad value!": ${LABEL_VALUE_MSG}`],
    ],
    [
      'pods must restart Always and have no deadline (the message names DaemonSet)',
      withSpec({ template: templateWith({ restartPolicy: 'Never', activeDeadlineSeconds: 30, containers: [{ name: 'c', image: 'nginx' }] }) }),
      [
        'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
      ],
    ],
    ['the template is validated like a pod template', withSpec({ template: templateWith({ containers: [{ name: 'c' }] }) }), ['spec.template.spec.containers[0].image: Required value']],
    [
      'an absent template is validated as an empty one',
      withSpec({ template: undefined }),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
        'spec.template.spec.containers: Required value',
      ],
    ],

    // counts
    ['negative minReadySeconds', withSpec({ minReadySeconds: -1 }), [`spec.minReadySeconds: Invalid value: -1: ${NONNEG}`]],
    ['a negative revisionHistoryLimit', withSpec({ revisionHistoryLimit: -1 }), [`spec.revisionHistoryLimit: Invalid value: -1: ${NONNEG}`]],

    // updateStrategy
    [
      'an unknown strategy type is unsupported (reported on spec.updateStrategy with the whole strategy, RollingUpdate listed first)',
      withSpec({ updateStrategy: { type: 'Canary' } }),
      ['spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"'],
    ],
    [
      'an unknown strategy type with a block (a pointer upstream, elided)',
      withSpec({ updateStrategy: { type: 'Canary', rollingUpdate: { maxSurge: 1 } } }),
      ['spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateDaemonSet)(0xc000…)}: supported values: "RollingUpdate", "OnDelete"'],
    ],

    // rollingUpdate: exactly one of maxUnavailable and maxSurge is non-zero
    ['both zero', rolling({ maxUnavailable: 0, maxSurge: 0 }), [`${MU}: Required value: cannot be 0 when maxSurge is 0`]],
    ['both zero percent', rolling({ maxUnavailable: '0%', maxSurge: '0%' }), [`${MU}: Required value: cannot be 0 when maxSurge is 0`]],
    ['maxUnavailable 0 and maxSurge left to its default 0', rolling({ maxUnavailable: 0 }), [`${MU}: Required value: cannot be 0 when maxSurge is 0`]],
    ['both non-zero', rolling({ maxUnavailable: 1, maxSurge: 1 }), [`${MS}: Invalid value: ${intLit(1)}: may not be set when maxUnavailable is non-zero`]],
    [
      'a maxSurge alone: maxUnavailable defaults to 1, so the surge is refused (set maxUnavailable: 0)',
      withSpec({ updateStrategy: { rollingUpdate: { maxSurge: '25%' } } }),
      [`${MS}: Invalid value: ${strLit('25%')}: may not be set when maxUnavailable is non-zero`],
    ],

    // rollingUpdate: ValidatePositiveIntOrPercent and IsNotMoreThan100Percent, for both values
    ['a negative maxUnavailable', rolling({ maxUnavailable: -1 }), [`${MU}: Invalid value: -1: ${NONNEG}`]],
    ['a negative maxSurge', rolling({ maxUnavailable: 0, maxSurge: -1 }), [`${MS}: Invalid value: -1: ${NONNEG}`]],
    [
      'a numeric string is not a percent (but counts as its number, so it is non-zero)',
      rolling({ maxUnavailable: '1' }),
      [`${MU}: Invalid value: ${strLit('1')}: ${PERCENT_MSG}`],
    ],
    [
      'a word is not a percent and counts as zero',
      rolling({ maxUnavailable: 'one' }),
      [`${MU}: Invalid value: ${strLit('one')}: ${PERCENT_MSG}`, `${MU}: Required value: cannot be 0 when maxSurge is 0`],
    ],
    ['maxUnavailable over 100%', rolling({ maxUnavailable: '110%' }), [`${MU}: Invalid value: ${strLit('110%')}: must not be greater than 100%`]],
    ['maxSurge over 100% (capped too, unlike a Deployment\'s)', rolling({ maxUnavailable: 0, maxSurge: '200%' }), [`${MS}: Invalid value: ${strLit('200%')}: must not be greater than 100%`]],
  ])('%s', (_name, d, expected) => {
    expect(errorsOf(d)).toEqual(expected);
  });

  it("errors come in upstream's order: selector, template, restart policy, counts, strategy, history", () => {
    expect(errorsOf(withSpec({
      selector: { matchLabels: { app: 'other' } },
      template: templateWith({ restartPolicy: 'OnFailure', containers: [{ name: 'c' }] }),
      minReadySeconds: -1,
      updateStrategy: { rollingUpdate: { maxUnavailable: 0 } },
      revisionHistoryLimit: -2,
    }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
      'spec.template.spec.containers[0].image: Required value',
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      `spec.minReadySeconds: Invalid value: -1: ${NONNEG}`,
      `${MU}: Required value: cannot be 0 when maxSurge is 0`,
      `spec.revisionHistoryLimit: Invalid value: -2: ${NONNEG}`,
    ]);
  });

  it('whole-value errors point at the part that decides them and depend on what they print', () => {
    const errs = validateDaemonSet(prepare(withSpec({ updateStrategy: { type: 'Canary' } })));
    expect(errs.map((e) => [pathString(e.path), e.at && pathString(e.at), e.dependsOn?.map(pathString)])).toEqual([
      ['spec.updateStrategy', 'spec.updateStrategy.type', ['spec.updateStrategy']],
    ]);
    const zero = validateDaemonSet(prepare(rolling({ maxUnavailable: 0, maxSurge: 0 })));
    expect(zero.map((e) => [pathString(e.path), e.dependsOn?.map(pathString)])).toEqual([[MU, [MS]]]);
    const both = validateDaemonSet(prepare(rolling({ maxUnavailable: 1, maxSurge: 1 })));
    expect(both.map((e) => [pathString(e.path), e.dependsOn?.map(pathString)])).toEqual([[MS, [MU]]]);
  });
});

describe('DaemonSet updates: the strategy\'s ValidateUpdate and immutable selector', () => {
  const stored = (): Obj => prepare({ ...base(), metadata: { name: 'agent', uid: '1111' } });
  const update = (mutate: (o: Obj) => void): string[] => {
    const old = stored();
    const next = structuredClone(old);
    mutate(next);
    return validateUpdate(old, next).map(formatManifestError);
  };

  it.each<[string, (o: Obj) => void]>([
    ['nothing', () => {}],
    ['the template', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.27')],
    ['template labels that the selector still selects', (o) => (o.spec.template.metadata.labels.tier = 'node')],
    ['the update strategy', (o) => (o.spec.updateStrategy = { type: 'OnDelete' })],
    ['the rolling update parameters', (o) => (o.spec.updateStrategy.rollingUpdate = { maxUnavailable: 0, maxSurge: 1 })],
    ['minReadySeconds and revisionHistoryLimit', (o) => Object.assign(o.spec, { minReadySeconds: 5, revisionHistoryLimit: 2 })],
    ['labels of the DaemonSet itself', (o) => (o.metadata.labels = { team: 'a' })],
  ])('a DaemonSet may change %s', (_name, mutate) => {
    expect(update(mutate)).toEqual([]);
  });

  it('the selector of an apps/v1 DaemonSet is immutable', () => {
    expect(update((o) => {
      o.spec.selector.matchLabels = { app: 'agent', tier: 'node' };
      o.spec.template.metadata.labels = { app: 'agent', tier: 'node' };
    })).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"agent", "tier":"node"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('metadata identity comes first, then the new object is validated as on create (each error once)', () => {
    expect(update((o) => {
      o.metadata.name = 'agent2';
      o.spec.updateStrategy.rollingUpdate = { maxUnavailable: 0, maxSurge: 0 };
      o.spec.template.spec.restartPolicy = 'Never';
    })).toEqual([
      'metadata.name: Invalid value: "agent2": field is immutable',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      `${MU}: Required value: cannot be 0 when maxSurge is 0`,
    ]);
  });
});
