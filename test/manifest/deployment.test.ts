import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { KINDS, type KindInfo } from '../../src/kinds.ts';
import { defaultObject, formatManifestError, validateUpdate } from '../../src/manifest/index.ts';
import { pathString } from '../../src/manifest/errors.ts';
import { toManifestErrors } from '../../src/manifest/locate.ts';
import { PERCENT_MSG, validateDeployment, validateObject } from '../../src/manifest/validate.ts';
import { DNS1123_SUBDOMAIN_MSG, TEMPLATE_SPEC, LABEL_KEY_NAME_MSG, LABEL_VALUE_MSG } from './helpers.ts';

// The Deployment kind is not `supported` in the kind registry yet, so parseManifests refuses it;
// these tests call the defaulting and validation layers directly, as parseManifests will.
const DEPLOYMENT: KindInfo = KINDS.find((k) => k.kind === 'Deployment')!;

type Obj = Record<string, any>;

const NGINX_PATH = path.resolve(__dirname, '../../../shared/reference/manifests/deployment-nginx.yaml');

/** Defaulted as the API server stores it (namespace `default`). */
const prepare = (o: Obj): Obj => defaultObject(o, { namespaced: DEPLOYMENT.namespaced });

/** `path: message` of every validation error of the defaulted object, deduplicated like the API server's aggregate. */
const errorsOf = (o: Obj): string[] => toManifestErrors(validateObject(prepare(o), DEPLOYMENT)).map(formatManifestError);

/** A minimal valid Deployment (before defaulting). */
const base = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
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

const rolling = (rollingUpdate: Obj): Obj => withSpec({ strategy: { type: 'RollingUpdate', rollingUpdate } });


const MU = 'spec.strategy.rollingUpdate.maxUnavailable';
const MS = 'spec.strategy.rollingUpdate.maxSurge';
const NONNEG = 'must be greater than or equal to 0';
const intLit = (n: number) => `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
const strLit = (s: string) => `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(s)}}`;

describe('Deployment (apps/v1) defaults: SetDefaults_Deployment', () => {
  it('a minimal Deployment gets replicas 1, a RollingUpdate strategy of 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600 and pod-spec defaults; no minReadySeconds, no paused', () => {
    expect(prepare(base())).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        template: { metadata: { labels: { app: 'web' } }, spec: TEMPLATE_SPEC },
      },
    });
  });

  it.each<[string, Obj, Obj]>([
    ['replicas 0 is kept', { replicas: 0 }, { replicas: 0 }],
    ['replicas null defaults to 1', { replicas: null }, { replicas: 1 }],
    ['revisionHistoryLimit 0 is kept', { revisionHistoryLimit: 0 }, { revisionHistoryLimit: 0 }],
    ['progressDeadlineSeconds is kept', { progressDeadlineSeconds: 30 }, { progressDeadlineSeconds: 30 }],
    ['minReadySeconds and paused are kept as written', { minReadySeconds: 5, paused: true }, { minReadySeconds: 5, paused: true }],
    ['an empty strategy becomes RollingUpdate 25%/25%', { strategy: {} }, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } }],
    ['a null strategy becomes RollingUpdate 25%/25%', { strategy: null }, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } }],
    ['an empty strategy type becomes RollingUpdate', { strategy: { type: '' } }, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } }],
    ['a null rollingUpdate is filled in', { strategy: { type: 'RollingUpdate', rollingUpdate: null } }, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } }],
    ['an integer maxSurge stays an integer; maxUnavailable defaults to 25%', { strategy: { rollingUpdate: { maxSurge: 1 } } }, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } } }],
    ['an integer 0 maxUnavailable stays 0; maxSurge defaults to 25%', { strategy: { rollingUpdate: { maxUnavailable: 0 } } }, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } } }],
    ['percentages are kept', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%', maxSurge: '100%' } } }, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%', maxSurge: '100%' } } }],
    ['a Recreate strategy gets no rollingUpdate', { strategy: { type: 'Recreate' } }, { strategy: { type: 'Recreate' } }],
    ['a rollingUpdate given with Recreate is left as written', { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }, { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }],
    ['an unknown strategy type gets no rollingUpdate', { strategy: { type: 'BlueGreen' } }, { strategy: { type: 'BlueGreen' } }],
  ])('%s', (_name, patch, expected) => {
    const spec = prepare(withSpec(patch)).spec;
    for (const [k, v] of Object.entries(expected)) expect(spec[k]).toEqual(v);
    if (!('minReadySeconds' in patch)) expect(spec).not.toHaveProperty('minReadySeconds');
    if (!('paused' in patch)) expect(spec).not.toHaveProperty('paused');
  });

  it('an absent template is still defaulted (it is a value in apps/v1)', () => {
    const spec = prepare(withSpec({ template: undefined })).spec;
    expect(spec.template).toEqual({ spec: { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' } });
  });

  it('defaultObject is pure', () => {
    const input = base();
    const copy = structuredClone(input);
    const out = prepare(input);
    expect(input).toEqual(copy);
    expect(out.spec.strategy.rollingUpdate).toEqual({ maxUnavailable: '25%', maxSurge: '25%' });
  });

  it('the reference nginx Deployment keeps replicas 3 and gets the strategy, history and deadline defaults', () => {
    const out = prepare(parseYaml(readFileSync(NGINX_PATH, 'utf8')));
    expect(out.spec).toMatchObject({
      replicas: 3,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(out.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }] });
  });
});

describe('Deployment validation: valid manifests pass', () => {
  it('the reference nginx Deployment (shared/reference/manifests/deployment-nginx.yaml)', () => {
    expect(errorsOf(parseYaml(readFileSync(NGINX_PATH, 'utf8')))).toEqual([]);
  });

  it.each<[string, Obj]>([
    ['a minimal Deployment', base()],
    ['replicas 0', withSpec({ replicas: 0 })],
    ['a Recreate strategy', withSpec({ strategy: { type: 'Recreate' } })],
    ['a Recreate strategy with a null rollingUpdate', withSpec({ strategy: { type: 'Recreate', rollingUpdate: null } })],
    ['integer maxSurge and maxUnavailable', rolling({ maxSurge: 2, maxUnavailable: 1 })],
    ['percent maxSurge and maxUnavailable', rolling({ maxSurge: '30%', maxUnavailable: '10%' })],
    ['maxSurge 0 with a non-zero maxUnavailable', rolling({ maxSurge: 0, maxUnavailable: 1 })],
    ['maxUnavailable 0 with a non-zero maxSurge', rolling({ maxSurge: '1%', maxUnavailable: 0 })],
    ['maxSurge "0%" with maxUnavailable "100%"', rolling({ maxSurge: '0%', maxUnavailable: '100%' })],
    ['maxSurge over 100% (only maxUnavailable is capped)', rolling({ maxSurge: '200%', maxUnavailable: 0 })],
    ['an integer maxUnavailable over 100 (only percentages are capped)', rolling({ maxUnavailable: 150 })],
    ['revisionHistoryLimit 0', withSpec({ revisionHistoryLimit: 0 })],
    ['progressDeadlineSeconds just above minReadySeconds', withSpec({ minReadySeconds: 600, progressDeadlineSeconds: 601 })],
    ['paused', withSpec({ paused: true })],
    ['a matchExpressions selector', withSpec({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } })],
  ])('%s', (_name, d) => {
    expect(errorsOf(d)).toEqual([]);
  });
});

describe('Deployment validation in the API server words: ValidateDeployment', () => {
  it.each<[string, Obj, string[]]>([
    // object meta
    ['the name must be a DNS subdomain', { ...base(), metadata: { name: 'Web_1' } }, [`metadata.name: Invalid value: "Web_1": ${DNS1123_SUBDOMAIN_MSG}`]],
    ['a name is required', { ...base(), metadata: {} }, ['metadata.name: Required value: name or generateName is required']],
    ['labels are validated', { ...base(), metadata: { name: 'web', labels: { 'bad key': 'x' } } }, [`metadata.labels: Invalid value: "bad key": ${LABEL_KEY_NAME_MSG}`]],

    // replicas
    ['replicas must not be negative', withSpec({ replicas: -1 }), [`spec.replicas: Invalid value: -1: ${NONNEG}`]],

    // selector and template
    [
      'a selector is required (and a nil selector selects nothing, so the template does not match)',
      withSpec({ selector: undefined }),
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      'an empty selector is invalid',
      withSpec({ selector: {} }),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    ],
    [
      'an empty matchLabels is an empty selector',
      withSpec({ selector: { matchLabels: {} } }),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    ],
    [
      'the selector must select the template labels',
      withSpec({ selector: { matchLabels: { app: 'api' } } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      'selector labels are validated',
      withSpec({ selector: { matchLabels: { app: 'bad value!' } } }),
      [
        `spec.selector.matchLabels: Invalid value: "bad value!": ${LABEL_VALUE_MSG}`,
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"bad value!"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: invalid label selector',
      ],
    ],
    [
      'a selector that does not convert skips the template, but the rest of the spec is still checked',
      withSpec({
        selector: { matchExpressions: [{ key: 'app', operator: 'Like', values: ['web'] }] },
        template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'nginx' }] } },
        strategy: { type: 'Recreate', rollingUpdate: {} },
      }),
      [
        'spec.selector.matchExpressions[0].operator: Invalid value: "Like": not a valid selector operator',
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Like", Values:[]string{"web"}}}}: invalid label selector',
        "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
      ],
    ],
    [
      'pods must restart Always and have no deadline (the message names ReplicaSet, as upstream\'s shared check does)',
      withSpec({ template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'OnFailure', activeDeadlineSeconds: 30, containers: [{ name: 'c', image: 'nginx' }] } } }),
      [
        'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
      ],
    ],
    [
      'the template is validated like a pod template',
      withSpec({ template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } } }),
      ['spec.template.spec.containers[0].image: Required value'],
    ],
    [
      'an absent template is validated as an empty one',
      withSpec({ template: undefined }),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
        'spec.template.spec.containers: Required value',
      ],
    ],

    // strategy
    [
      'an unknown strategy type is unsupported (reported on spec.strategy with the whole strategy)',
      withSpec({ strategy: { type: 'BlueGreen' } }),
      ['spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"'],
    ],
    [
      'an unknown strategy type with a rollingUpdate block (a pointer upstream, elided)',
      withSpec({ strategy: { type: 'Canary', rollingUpdate: { maxSurge: 1 } } }),
      ['spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateDeployment)(0xc000…)}: supported values: "Recreate", "RollingUpdate"'],
    ],
    [
      'Recreate with a rollingUpdate block is forbidden',
      withSpec({ strategy: { type: 'Recreate', rollingUpdate: {} } }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'Recreate with a rollingUpdate block: its contents are not validated',
      withSpec({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: '20Percent', maxUnavailable: 0 } } }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],

    // rollingUpdate: ValidatePositiveIntOrPercent
    ['maxSurge must be a percent string when it is a string', rolling({ maxSurge: '20Percent' }), [`${MS}: Invalid value: ${strLit('20Percent')}: ${PERCENT_MSG}`]],
    ['maxUnavailable as a numeric string without % is not a percent', rolling({ maxUnavailable: '1' }), [`${MU}: Invalid value: ${strLit('1')}: ${PERCENT_MSG}`]],
    ['a percent with a space is not a percent', rolling({ maxUnavailable: '50 %' }), [`${MU}: Invalid value: ${strLit('50 %')}: ${PERCENT_MSG}`]],
    ['a negative percent is not a percent', rolling({ maxSurge: '-5%' }), [`${MS}: Invalid value: ${strLit('-5%')}: ${PERCENT_MSG}`]],
    ['a bare % is not a percent', rolling({ maxSurge: '%' }), [`${MS}: Invalid value: ${strLit('%')}: ${PERCENT_MSG}`]],
    ['an integer maxUnavailable must not be negative', rolling({ maxUnavailable: -1 }), [`${MU}: Invalid value: -1: ${NONNEG}`]],
    ['an integer maxSurge must not be negative', rolling({ maxSurge: -2 }), [`${MS}: Invalid value: -2: ${NONNEG}`]],

    // rollingUpdate: IsNotMoreThan100Percent
    ['maxUnavailable must not be more than 100%', rolling({ maxUnavailable: '110%' }), [`${MU}: Invalid value: ${strLit('110%')}: must not be greater than 100%`]],

    // rollingUpdate: both zero
    ['maxUnavailable 0 and maxSurge 0', rolling({ maxUnavailable: 0, maxSurge: 0 }), [`${MU}: Invalid value: ${intLit(0)}: may not be 0 when \`maxSurge\` is 0`]],
    ['maxUnavailable "0%" and maxSurge "0%"', rolling({ maxUnavailable: '0%', maxSurge: '0%' }), [`${MU}: Invalid value: ${strLit('0%')}: may not be 0 when \`maxSurge\` is 0`]],
    ['maxUnavailable 0 and maxSurge "0%"', rolling({ maxUnavailable: 0, maxSurge: '0%' }), [`${MU}: Invalid value: ${intLit(0)}: may not be 0 when \`maxSurge\` is 0`]],
    ['maxUnavailable "00%" and maxSurge 0', rolling({ maxUnavailable: '00%', maxSurge: 0 }), [`${MU}: Invalid value: ${strLit('00%')}: may not be 0 when \`maxSurge\` is 0`]],
    [
      'a string that is not a number counts as 0 (IntValue), so with maxSurge 0 both rules fire, in upstream order',
      rolling({ maxUnavailable: 'abc', maxSurge: 0 }),
      [`${MU}: Invalid value: ${strLit('abc')}: ${PERCENT_MSG}`, `${MU}: Invalid value: ${strLit('abc')}: may not be 0 when \`maxSurge\` is 0`],
    ],
    ['a numeric string counts as its number, so it is not zero', rolling({ maxUnavailable: '2', maxSurge: 0 }), [`${MU}: Invalid value: ${strLit('2')}: ${PERCENT_MSG}`]],
    [
      'errors in upstream order: maxUnavailable, maxSurge, then the 100% cap',
      rolling({ maxUnavailable: '150%', maxSurge: 'x' }),
      [`${MS}: Invalid value: ${strLit('x')}: ${PERCENT_MSG}`, `${MU}: Invalid value: ${strLit('150%')}: must not be greater than 100%`],
    ],

    // minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds
    ['minReadySeconds must not be negative', withSpec({ minReadySeconds: -1 }), [`spec.minReadySeconds: Invalid value: -1: ${NONNEG}`]],
    ['revisionHistoryLimit must not be negative', withSpec({ revisionHistoryLimit: -1 }), [`spec.revisionHistoryLimit: Invalid value: -1: ${NONNEG}`]],
    [
      'progressDeadlineSeconds must not be negative (and is then not above minReadySeconds either)',
      withSpec({ progressDeadlineSeconds: -1 }),
      [`spec.progressDeadlineSeconds: Invalid value: -1: ${NONNEG}`, 'spec.progressDeadlineSeconds: Invalid value: -1: must be greater than minReadySeconds'],
    ],
    ['progressDeadlineSeconds 0 is not above the default minReadySeconds 0', withSpec({ progressDeadlineSeconds: 0 }), ['spec.progressDeadlineSeconds: Invalid value: 0: must be greater than minReadySeconds']],
    ['progressDeadlineSeconds equal to minReadySeconds', withSpec({ minReadySeconds: 30, progressDeadlineSeconds: 30 }), ['spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds']],
    ['progressDeadlineSeconds below minReadySeconds', withSpec({ minReadySeconds: 30, progressDeadlineSeconds: 10 }), ['spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds']],
    ['minReadySeconds of 600 or more needs an explicit progressDeadlineSeconds (the default is 600)', withSpec({ minReadySeconds: 600 }), ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds']],

    // order
    [
      'several errors come in upstream order: replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds',
      withSpec({
        replicas: -3,
        selector: { matchLabels: { app: 'api' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } },
        minReadySeconds: -1,
        revisionHistoryLimit: -1,
        progressDeadlineSeconds: -5,
      }),
      [
        `spec.replicas: Invalid value: -3: ${NONNEG}`,
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
        `${MU}: Invalid value: ${intLit(0)}: may not be 0 when \`maxSurge\` is 0`,
        `spec.minReadySeconds: Invalid value: -1: ${NONNEG}`,
        `spec.revisionHistoryLimit: Invalid value: -1: ${NONNEG}`,
        `spec.progressDeadlineSeconds: Invalid value: -5: ${NONNEG}`,
        'spec.progressDeadlineSeconds: Invalid value: -5: must be greater than minReadySeconds',
      ],
    ],
  ])('%s', (_name, d, expected) => {
    expect(errorsOf(d)).toEqual(expected);
  });

  it('a rollingUpdate left out after defaulting is reported as required (defaulting always sets it)', () => {
    const d = prepare(base());
    delete d.spec.strategy.rollingUpdate;
    expect(toManifestErrors(validateDeployment(d)).map(formatManifestError)).toEqual([
      'spec.strategy.rollingUpdate: Required value: this should be defaulted and never be nil',
    ]);
  });

  it('the unsupported-strategy error keeps upstream\'s `spec.strategy` path but points at `spec.strategy.type`; whole-value errors depend on their parts', () => {
    const errs = validateDeployment(prepare(withSpec({ strategy: { type: 'BlueGreen' } })));
    expect(errs.map((e) => [pathString(e.path), e.at && pathString(e.at), e.dependsOn?.map(pathString)])).toEqual([
      ['spec.strategy', 'spec.strategy.type', ['spec.strategy']],
    ]);
    const zero = validateDeployment(prepare(rolling({ maxUnavailable: 0, maxSurge: 0 })));
    expect(zero.map((e) => [pathString(e.path), e.dependsOn?.map(pathString)])).toEqual([[MU, [MS]]]);
    const deadline = validateDeployment(prepare(withSpec({ minReadySeconds: 30, progressDeadlineSeconds: 30 })));
    expect(deadline.map((e) => [pathString(e.path), e.dependsOn?.map(pathString)])).toEqual([['spec.progressDeadlineSeconds', ['spec.minReadySeconds']]]);
  });
});

describe('Deployment updates: ValidateDeploymentUpdate and the strategy\'s immutable selector', () => {
  const stored = (): Obj => prepare({ ...base(), metadata: { name: 'web', uid: '1111' }, spec: { ...base().spec, replicas: 3 } });
  const update = (mutate: (o: Obj) => void): string[] => {
    const old = stored();
    const next = structuredClone(old);
    mutate(next);
    return validateUpdate(old, next).map(formatManifestError);
  };

  it.each<[string, (o: Obj) => void]>([
    ['nothing', () => {}],
    ['replicas', (o) => (o.spec.replicas = 10)],
    ['the template', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.16.1')],
    ['template labels that the selector still selects', (o) => (o.spec.template.metadata.labels.tier = 'fe')],
    ['the strategy', (o) => (o.spec.strategy = { type: 'Recreate' })],
    ['the rolling update parameters', (o) => (o.spec.strategy.rollingUpdate = { maxSurge: 1, maxUnavailable: 0 })],
    ['minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds and paused', (o) => Object.assign(o.spec, { minReadySeconds: 5, revisionHistoryLimit: 2, progressDeadlineSeconds: 60, paused: true })],
    ['labels of the Deployment itself', (o) => (o.metadata.labels = { team: 'a' })],
    ['an empty matchExpressions list added (semantically equal to none)', (o) => (o.spec.selector.matchExpressions = [])],
  ])('a Deployment may change %s', (_name, mutate) => {
    expect(update(mutate)).toEqual([]);
  });

  it('the selector of an apps/v1 Deployment is immutable', () => {
    expect(update((o) => {
      o.spec.selector.matchLabels = { app: 'web', tier: 'fe' };
      o.spec.template.metadata.labels = { app: 'web', tier: 'fe' };
    })).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    expect(update((o) => {
      o.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] };
      o.spec.template.metadata.labels.tier = 'fe';
    })).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"Exists", Values:[]string(nil)}}}: field is immutable',
    ]);
  });

  it('a removed selector is reported as required, unmatched and changed (to null)', () => {
    expect(update((o) => delete o.spec.selector)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      'spec.selector: Invalid value: "null": field is immutable',
    ]);
  });

  it('metadata identity comes first, then the new spec is validated as on create', () => {
    expect(update((o) => {
      o.metadata.name = 'web2';
      o.spec.replicas = -2;
      o.spec.strategy.rollingUpdate = { maxUnavailable: '0%', maxSurge: 0 };
      o.spec.template.spec.restartPolicy = 'Never';
    })).toEqual([
      'metadata.name: Invalid value: "web2": field is immutable',
      `spec.replicas: Invalid value: -2: ${NONNEG}`,
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      `${MU}: Invalid value: ${strLit('0%')}: may not be 0 when \`maxSurge\` is 0`,
    ]);
  });

  it('the new labels and annotations are validated (ValidateObjectMetaUpdate)', () => {
    expect(update((o) => {
      o.metadata.labels = { 'bad key': 'x' };
      o.metadata.annotations = { 'a/b/c': 'x' };
    })).toEqual([
      `metadata.labels: Invalid value: "bad key": ${LABEL_KEY_NAME_MSG}`,
      `metadata.annotations: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]);
  });

  it('Recreate with a rollingUpdate block is refused on update too', () => {
    expect(update((o) => (o.spec.strategy.type = 'Recreate'))).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
  });
});
