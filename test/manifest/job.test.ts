import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { KINDS, type KindInfo } from '../../src/kinds.ts';
import { defaultObject, formatManifestError, validateUpdate } from '../../src/manifest/index.ts';
import { JOB_LABELS, generateJobSelector } from '../../src/manifest/defaults.ts';
import { toManifestErrors } from '../../src/manifest/locate.ts';
import { STATUS_RESET_KINDS } from '../../src/manifest/parse.ts';
import { decodeObject } from '../../src/manifest/schema.ts';
import { JOB_UID_PLACEHOLDER, validateIndexesFormat, validateJob, validateObject } from '../../src/manifest/validate.ts';
import { DNS1123_SUBDOMAIN_MSG, LABEL_KEY_NAME_MSG } from './helpers.ts';

// The Job kind is not `supported` in the kind registry yet, so parseManifests refuses it; these
// tests call the decoding, defaulting and validation layers directly, as parseManifests will.
const JOB: KindInfo = KINDS.find((k) => k.kind === 'Job')!;

type Obj = Record<string, any>;

const PI_PATH = path.resolve(__dirname, '../../../shared/reference/manifests/job-pi.yaml');
const referencePi = (): Obj => parseYaml(readFileSync(PI_PATH, 'utf8'));

/** Decoded and defaulted as the API server stores it (namespace `default`). */
const prepare = (o: Obj): Obj => defaultObject(decodeObject(o, 'Job').object, { namespaced: JOB.namespaced });

/** `path: message` of every validation error of the defaulted Job, on create. */
const errorsOf = (o: Obj): string[] => toManifestErrors(validateObject(prepare(o), JOB)).map(formatManifestError);

/** A minimal valid Job (before defaulting). */
const base = (): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'work' },
  spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } } },
});

/** {@link base} with spec fields set (or, with `undefined`, removed). */
const withSpec = (patch: Obj): Obj => {
  const j = base();
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete j.spec[k];
    else j.spec[k] = v;
  }
  return j;
};

/** {@link base} with the pod spec's fields set. */
const withPodSpec = (patch: Obj): Obj => {
  const j = base();
  Object.assign(j.spec.template.spec, patch);
  return j;
};

/** An Indexed Job of `completions` completions with spec fields set. */
const indexed = (completions: number, patch: Obj = {}): Obj => withSpec({ completionMode: 'Indexed', completions, ...patch });

const onExit = (onExitCodes: Obj, action = 'FailJob'): Obj => ({ rules: [{ action, onExitCodes }] });

/** The pod-spec defaults of {@link base}'s template. */
const TEMPLATE_SPEC = {
  containers: [{
    name: 'c', image: 'busybox', imagePullPolicy: 'Always',
    terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
  }],
  restartPolicy: 'Never', dnsPolicy: 'ClusterFirst', securityContext: {},
  terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
};

const UID = '7c2f8a4e-1b1d-4c55-9a55-0d1c6f0e2a10';
const NONNEG = 'must be greater than or equal to 0';

describe('Job (batch/v1) defaults: SetDefaults_Job', () => {
  it('a minimal Job gets completions and parallelism 1, backoffLimit 6, NonIndexed, not suspended, TerminatingOrFailed, manualSelector false and pod-spec defaults', () => {
    expect(prepare(base())).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'work', namespace: 'default' },
      spec: {
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        manualSelector: false,
        template: { spec: TEMPLATE_SPEC },
      },
    });
  });

  it.each<[string, Obj, Obj]>([
    ['completions alone: parallelism 1', { completions: 5 }, { completions: 5, parallelism: 1 }],
    ['parallelism alone: completions stays unset (a work queue)', { parallelism: 3 }, { completions: undefined, parallelism: 3 }],
    ['parallelism 0 is kept', { parallelism: 0 }, { parallelism: 0, completions: undefined }],
    ['null counts are absent', { completions: null, parallelism: null }, { completions: 1, parallelism: 1 }],
    ['backoffLimit 0 is kept', { backoffLimit: 0 }, { backoffLimit: 0 }],
    ['with backoffLimitPerIndex, backoffLimit is MaxInt32', { completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 }, { backoffLimit: 2147483647 }],
    ['with backoffLimitPerIndex, a given backoffLimit is kept', { completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1, backoffLimit: 2 }, { backoffLimit: 2 }],
    ['an Indexed completion mode is kept', { completionMode: 'Indexed', completions: 3 }, { completionMode: 'Indexed' }],
    ['suspend true is kept', { suspend: true }, { suspend: true }],
    ['with a podFailurePolicy, podReplacementPolicy is Failed', { podFailurePolicy: onExit({ operator: 'In', values: [42] }) }, { podReplacementPolicy: 'Failed' }],
    ['a given podReplacementPolicy is kept', { podReplacementPolicy: 'Failed' }, { podReplacementPolicy: 'Failed' }],
    ['manualSelector true is kept', { manualSelector: true }, { manualSelector: true }],
    ['an onPodConditions pattern without status gets True', { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
      { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } }],
    ['an onPodConditions status is kept', { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'False' }] }] } },
      { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'False' }] }] } }],
    ['activeDeadlineSeconds and ttlSecondsAfterFinished have no default', {}, { activeDeadlineSeconds: undefined, ttlSecondsAfterFinished: undefined, selector: undefined }],
  ])('%s', (_name, patch, expected) => {
    const spec = prepare(withSpec(patch)).spec;
    for (const [k, v] of Object.entries(expected)) expect(spec[k]).toEqual(v);
  });

  it('the Job takes its template\'s labels when it has none of its own', () => {
    const j = base();
    j.spec.template.metadata = { labels: { app: 'work' } };
    expect(prepare(j).metadata.labels).toEqual({ app: 'work' });
    j.metadata.labels = { team: 'a' };
    expect(prepare(j).metadata.labels).toEqual({ team: 'a' });
  });

  it('the template restartPolicy defaults to Always, which a Job may not use', () => {
    expect(prepare(withPodSpec({ restartPolicy: undefined })).spec.template.spec.restartPolicy).toBe('Always');
    expect(errorsOf(withPodSpec({ restartPolicy: undefined }))).toEqual([
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
  });

  it('an absent template is still defaulted (a value in batch/v1)', () => {
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

  it('the status a client sends is dropped on create (the strategy resets it)', () => {
    expect(STATUS_RESET_KINDS.has('Job')).toBe(true);
  });

  it('the reference pi Job keeps backoffLimit 4 and restartPolicy Never', () => {
    expect(prepare(referencePi()).spec).toMatchObject({
      backoffLimit: 4, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl', imagePullPolicy: 'Always' }] } },
    });
  });
});

describe('Job selector generation: the strategy\'s PrepareForCreate (generateJobSelector)', () => {
  it('labels the template with the uid and the name and selects the prefixed uid label; the Job shows the template\'s labels', () => {
    const out = generateJobSelector(prepare(referencePi()), UID);
    const generated = {
      'controller-uid': UID, 'batch.kubernetes.io/controller-uid': UID, 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi',
    };
    expect(out.metadata).toEqual({ name: 'pi', namespace: 'default', uid: UID, labels: generated });
    expect(out.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
    expect(out.spec.template.metadata).toEqual({ labels: generated });
    expect(validateJob(out)).toEqual([]);
  });

  it('keeps the template\'s own labels and the Job\'s, and adds to a given selector', () => {
    const j = withSpec({ selector: { matchLabels: { app: 'work' } } });
    j.spec.template.metadata = { labels: { app: 'work' } };
    const out = generateJobSelector(prepare(j), UID);
    expect(out.metadata.labels).toEqual({ app: 'work' });
    expect(out.spec.template.metadata.labels).toEqual({
      app: 'work', 'controller-uid': UID, 'batch.kubernetes.io/controller-uid': UID, 'job-name': 'work', 'batch.kubernetes.io/job-name': 'work',
    });
    expect(out.spec.selector).toEqual({ matchLabels: { app: 'work', 'batch.kubernetes.io/controller-uid': UID } });
  });

  it('is idempotent and pure', () => {
    const input = prepare(base());
    const copy = structuredClone(input);
    const once = generateJobSelector(input, UID);
    expect(input).toEqual(copy);
    expect(generateJobSelector(once, UID)).toEqual(once);
  });

  it('leaves a manualSelector Job as written (but for its uid)', () => {
    const j = prepare(withSpec({ manualSelector: true, selector: { matchLabels: { app: 'w' } } }));
    expect(generateJobSelector(j, UID)).toEqual({ ...j, metadata: { ...j.metadata, uid: UID } });
  });

  it('exports upstream\'s label keys', () => {
    expect(JOB_LABELS).toEqual({
      legacyControllerUid: 'controller-uid', legacyJobName: 'job-name',
      controllerUid: 'batch.kubernetes.io/controller-uid', jobName: 'batch.kubernetes.io/job-name',
    });
  });
});

describe('Job decoding: the schema', () => {
  it.each<[string, Obj, string[]]>([
    ['parallelism as a string', { parallelism: '2' },
      ['spec.parallelism: json: cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32']],
    ['an unknown spec field', { retries: 3 },
      ['spec.retries: strict decoding error: unknown field "spec.retries"']],
    ['exit codes as strings', { podFailurePolicy: onExit({ operator: 'In', values: ['1'] }) },
      ['spec.podFailurePolicy.rules[0].onExitCodes.values[0]: json: cannot unmarshal string into Go struct field PodFailurePolicyOnExitCodesRequirement.spec.podFailurePolicy.rules.onExitCodes.values of type int32']],
    ['an unknown pod failure policy rule field', { podFailurePolicy: { rules: [{ action: 'Ignore', onPodCondition: [] }] } },
      ['spec.podFailurePolicy.rules[0].onPodCondition: strict decoding error: unknown field "spec.podFailurePolicy.rules[0].onPodCondition"']],
    ['suspend as a string', { suspend: 'true' },
      ['spec.suspend: json: cannot unmarshal string into Go struct field JobSpec.spec.suspend of type bool']],
    ['succeededCount as a float', { successPolicy: { rules: [{ succeededCount: 1.5 }] } },
      ['spec.successPolicy.rules[0].succeededCount: json: cannot unmarshal number 1.5 into Go struct field SuccessPolicyRule.spec.successPolicy.rules.succeededCount of type int32']],
  ])('%s', (_name, patch, expected) => {
    const { errors } = decodeObject(withSpec(patch), 'Job');
    expect(toManifestErrors(errors).map(formatManifestError)).toEqual(expected);
  });

  it('every field of the reference manifest is known', () => {
    expect(decodeObject(referencePi(), 'Job').errors).toEqual([]);
  });
});

describe('Job validation: valid manifests pass', () => {
  it('the reference pi Job (shared/reference/manifests/job-pi.yaml), before and after selector generation', () => {
    expect(errorsOf(referencePi())).toEqual([]);
    expect(validateJob(generateJobSelector(prepare(referencePi()), UID))).toEqual([]);
  });

  it.each<[string, Obj]>([
    ['a minimal Job (no selector: it is generated)', base()],
    ['restartPolicy OnFailure', withPodSpec({ restartPolicy: 'OnFailure' })],
    ['a work queue (parallelism, no completions)', withSpec({ parallelism: 5 })],
    ['zero counts and limits', withSpec({ parallelism: 0, completions: 0, backoffLimit: 0, ttlSecondsAfterFinished: 0, activeDeadlineSeconds: 0 })],
    ['a suspended Job', withSpec({ suspend: true })],
    ['a manual selector matching the template', (() => {
      const j = withSpec({ manualSelector: true, selector: { matchLabels: { app: 'work' } } });
      j.spec.template.metadata = { labels: { app: 'work' } };
      return j;
    })()],
    ['template labels besides the generated ones', (() => {
      const j = base();
      j.spec.template.metadata = { labels: { app: 'work', 'job-name': 'work' } };
      return j;
    })()],
    ['an Indexed Job with a per-index backoff and a failed-index cap', indexed(10, { backoffLimitPerIndex: 1, maxFailedIndexes: 10, parallelism: 3 })],
    ['an Indexed Job with a success policy', indexed(10, { successPolicy: { rules: [{ succeededIndexes: '0,2-5', succeededCount: 5 }, { succeededCount: 10 }] } })],
    ['a pod failure policy on exit codes and conditions', withSpec({ podFailurePolicy: { rules: [
      { action: 'FailJob', onExitCodes: { containerName: 'c', operator: 'In', values: [1, 2, 42] } },
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
      { action: 'Count', onExitCodes: { operator: 'NotIn', values: [0] } },
    ] } })],
    ['a FailIndex rule with a per-index backoff', indexed(3, { backoffLimitPerIndex: 0, podFailurePolicy: onExit({ operator: 'In', values: [3] }, 'FailIndex') })],
    ['podReplacementPolicy Failed with a pod failure policy', withSpec({ podReplacementPolicy: 'Failed', podFailurePolicy: onExit({ operator: 'In', values: [3] }) })],
    ['managedBy a domain-prefixed path', withSpec({ managedBy: 'kueue.x-k8s.io/multikueue' })],
    ['an Indexed name whose last pod hostname is 63 characters', { ...indexed(10), metadata: { name: 'a'.repeat(61) } }],
  ])('%s', (_name, j) => {
    expect(errorsOf(j)).toEqual([]);
  });
});

describe('Job validation in the API server words: ValidateJob (1.32)', () => {
  const RULE = 'spec.podFailurePolicy.rules[0]';
  it.each<[string, Obj, string[]]>([
    // object meta
    ['the name must be a DNS subdomain', { ...base(), metadata: { name: 'Work_1' } }, [`metadata.name: Invalid value: "Work_1": ${DNS1123_SUBDOMAIN_MSG}`]],
    // counts
    ['negative parallelism', withSpec({ parallelism: -1 }), [`spec.parallelism: Invalid value: -1: ${NONNEG}`]],
    ['negative completions', withSpec({ completions: -1 }), [`spec.completions: Invalid value: -1: ${NONNEG}`]],
    ['negative activeDeadlineSeconds', withSpec({ activeDeadlineSeconds: -5 }), [`spec.activeDeadlineSeconds: Invalid value: -5: ${NONNEG}`]],
    ['negative backoffLimit', withSpec({ backoffLimit: -1 }), [`spec.backoffLimit: Invalid value: -1: ${NONNEG}`]],
    ['negative ttlSecondsAfterFinished', withSpec({ ttlSecondsAfterFinished: -1 }), [`spec.ttlSecondsAfterFinished: Invalid value: -1: ${NONNEG}`]],
    // restart policy
    ['restartPolicy Always', withPodSpec({ restartPolicy: 'Always' }), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['an unknown restartPolicy (the pod spec and the Job both say so)', withPodSpec({ restartPolicy: 'Sometimes' }), [
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ]],
    ['restartPolicy OnFailure with a pod failure policy', (() => {
      const j = withSpec({ podFailurePolicy: onExit({ operator: 'In', values: [1] }) });
      j.spec.template.spec.restartPolicy = 'OnFailure';
      return j;
    })(), ['spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified']],
    // the pod template
    ['a template without containers', withPodSpec({ containers: [] }), ['spec.template.spec.containers: Required value']],
    ['a pod deadline out of range', withPodSpec({ activeDeadlineSeconds: 0 }), ['spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
    // completion mode
    ['an unknown completion mode', withSpec({ completionMode: 'Sometimes' }), ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"']],
    ['Indexed without completions', withSpec({ completionMode: 'Indexed', parallelism: 2 }), ['spec.completions: Required value: when completion mode is Indexed']],
    ['Indexed with too much parallelism', indexed(5, { parallelism: 100001 }), ['spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed']],
    ['an Indexed name whose last pod hostname is not a DNS label', { ...indexed(10), metadata: { name: 'a'.repeat(62) } },
      [`metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-9`]],
    ['an Indexed name with dots', { ...indexed(2), metadata: { name: 'my.job' } },
      ['metadata.name: Invalid value: "my.job": will not able to create pod with invalid DNS label: my.job-1']],
    // per-index backoff
    ['backoffLimitPerIndex on a NonIndexed Job', withSpec({ backoffLimitPerIndex: 1 }), ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode']],
    ['maxFailedIndexes without backoffLimitPerIndex', withSpec({ maxFailedIndexes: 1 }), [
      'spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified',
      'spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode',
    ]],
    ['negative per-index limits', indexed(5, { backoffLimitPerIndex: -1, maxFailedIndexes: -1 }), [
      `spec.backoffLimitPerIndex: Invalid value: -1: ${NONNEG}`,
      `spec.maxFailedIndexes: Invalid value: -1: ${NONNEG}`,
    ]],
    ['maxFailedIndexes above completions', indexed(5, { backoffLimitPerIndex: 1, maxFailedIndexes: 6 }), ['spec.maxFailedIndexes: Invalid value: 6: must be less than or equal to completions']],
    ['maxFailedIndexes above 100000', indexed(200000, { backoffLimitPerIndex: 1, maxFailedIndexes: 100001, parallelism: 1 }), [
      'spec.maxFailedIndexes: Invalid value: 100001: must be less than or equal to 100000',
      'spec.maxFailedIndexes: Invalid value: 100001: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index',
    ]],
    ['a high-completions per-index Job without maxFailedIndexes, with too much parallelism', indexed(100001, { backoffLimitPerIndex: 1, parallelism: 10001 }), [
      'spec.maxFailedIndexes: Required value: must be specified when completions is above 100000',
      'spec.parallelism: Invalid value: 10001: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index',
    ]],
    // pod failure policy
    ['a rule without action', withSpec({ podFailurePolicy: { rules: [{ onExitCodes: { operator: 'In', values: [1] } }] } }),
      [`${RULE}.action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]`]],
    ['an unknown action', withSpec({ podFailurePolicy: onExit({ operator: 'In', values: [1] }, 'Retry') }),
      [`${RULE}.action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"`]],
    ['FailIndex without backoffLimitPerIndex', withSpec({ podFailurePolicy: onExit({ operator: 'In', values: [1] }, 'FailIndex') }),
      [`${RULE}.action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set`]],
    ['a rule with neither exit codes nor conditions', withSpec({ podFailurePolicy: { rules: [{ action: 'Ignore' }] } }),
      [`${RULE}: Invalid value: specifying one of OnExitCodes and OnPodConditions is required`]],
    ['a rule with both exit codes and conditions', withSpec({ podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget' }] }] } }),
      [`${RULE}: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported`]],
    ['an exit-code rule without operator', withSpec({ podFailurePolicy: onExit({ values: [1] }) }),
      [`${RULE}.onExitCodes.operator: Required value: valid values: ["In" "NotIn"]`]],
    ['an unknown exit-code operator', withSpec({ podFailurePolicy: onExit({ operator: 'Is', values: [1] }) }),
      [`${RULE}.onExitCodes.operator: Unsupported value: "Is": supported values: "In", "NotIn"`]],
    ['an unknown container name', withSpec({ podFailurePolicy: onExit({ containerName: 'main', operator: 'In', values: [1] }) }),
      [`${RULE}.onExitCodes.containerName: Invalid value: "main": must be one of the container or initContainer names in the pod template`]],
    ['no exit codes', withSpec({ podFailurePolicy: onExit({ operator: 'In' }) }),
      [`${RULE}.onExitCodes.values: Invalid value: []int32(nil): at least one value is required`]],
    ['an empty exit-code list', withSpec({ podFailurePolicy: onExit({ operator: 'In', values: [] }) }),
      [`${RULE}.onExitCodes.values: Invalid value: []int32{}: at least one value is required`]],
    ['exit code 0 with In, duplicated and out of order', withSpec({ podFailurePolicy: onExit({ operator: 'In', values: [3, 0, 3] }) }), [
      `${RULE}.onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator`,
      `${RULE}.onExitCodes.values[2]: Duplicate value: 3`,
      `${RULE}.onExitCodes.values: Invalid value: []int32{3, 0, 3}: must be ordered`,
    ]],
    ['too many exit codes', withSpec({ podFailurePolicy: onExit({ operator: 'NotIn', values: Array.from({ length: 256 }, (_, i) => i) }) }),
      [`${RULE}.onExitCodes.values: Too many: 256: must have at most 255 items`]],
    ['too many rules', withSpec({ podFailurePolicy: { rules: Array.from({ length: 21 }, () => ({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] })) } }),
      ['spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items']],
    ['a condition with a bad type and an unknown status', withSpec({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'Disruption Target', status: 'Maybe' }] }] } }), [
      `${RULE}.onPodConditions[0].type: Invalid value: "Disruption Target": ${LABEL_KEY_NAME_MSG}`,
      `${RULE}.onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"`,
    ]],
    // success policy
    ['a success policy on a NonIndexed Job', withSpec({ successPolicy: { rules: [{ succeededIndexes: '0' }] } }),
      ['spec.successPolicy: Invalid value: batch.SuccessPolicy{Rules:[]batch.SuccessPolicyRule{batch.SuccessPolicyRule{SucceededIndexes:(*string)(0xc000…), SucceededCount:(*int32)(nil)}}}: requires indexed completion mode']],
    ['a success policy without rules', indexed(5, { successPolicy: { rules: [] } }),
      ['spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified']],
    ['an empty success rule', indexed(5, { successPolicy: { rules: [{}] } }),
      ['spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified']],
    ['succeededIndexes beyond completions', indexed(5, { successPolicy: { rules: [{ succeededIndexes: '1-5' }] } }),
      ['spec.successPolicy.rules[0].succeededIndexes: Invalid value: "1-5": error parsing succeededIndexes: too large index: "5"']],
    ['succeededIndexes out of order', indexed(10, { successPolicy: { rules: [{ succeededIndexes: '3,1' }] } }),
      ['spec.successPolicy.rules[0].succeededIndexes: Invalid value: "3,1": error parsing succeededIndexes: non-increasing order, previous: 3, current: 1']],
    ['succeededIndexes that are not numbers', indexed(10, { successPolicy: { rules: [{ succeededIndexes: 'a-3' }] } }),
      ['spec.successPolicy.rules[0].succeededIndexes: Invalid value: "a-3": error parsing succeededIndexes: cannot convert string to integer for index: "a"']],
    ['succeededCount above completions and above the indexes given', indexed(5, { successPolicy: { rules: [{ succeededIndexes: '0-1', succeededCount: 6 }] } }), [
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 5 (the number of specified completions)',
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)',
    ]],
    ['a negative succeededCount', indexed(5, { successPolicy: { rules: [{ succeededCount: -1 }] } }),
      [`spec.successPolicy.rules[0].succeededCount: Invalid value: -1: ${NONNEG}`]],
    // pod replacement policy
    ['an unknown podReplacementPolicy', withSpec({ podReplacementPolicy: 'Never' }),
      ['spec.podReplacementPolicy: Unsupported value: "Never": supported values: "Failed", "TerminatingOrFailed"']],
    ['TerminatingOrFailed with a pod failure policy', withSpec({ podReplacementPolicy: 'TerminatingOrFailed', podFailurePolicy: onExit({ operator: 'In', values: [1] }) }),
      ['spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"']],
    // managedBy
    ['managedBy without a domain', withSpec({ managedBy: 'kueue' }), ['spec.managedBy: Invalid value: "kueue": must be a domain-prefixed path (such as "acme.io/foo")']],
    ['managedBy with a bad domain', withSpec({ managedBy: 'Kueue_io/x' }), [`spec.managedBy: Invalid value: "Kueue_io": ${DNS1123_SUBDOMAIN_MSG}`]],
    ['managedBy too long', withSpec({ managedBy: `example.com/${'x'.repeat(52)}` }), ['spec.managedBy: Too long: may not be longer than 63']],
  ])('%s', (_name, j, expected) => {
    expect(errorsOf(j)).toEqual(expected);
  });

  describe('selectors: generated unless manualSelector', () => {
    it('a user selector that is not the generated one is refused', () => {
      const j = withSpec({ selector: { matchLabels: { app: 'work' } } });
      j.spec.template.metadata = { labels: { app: 'work' } };
      expect(errorsOf(j)).toEqual([
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"work", "batch.kubernetes.io/controller-uid":"00000000-0000-0000-0000-000000000000"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
      ]);
    });

    it('a template label job-name that is not the Job\'s name is refused', () => {
      const j = base();
      j.spec.template.metadata = { labels: { 'job-name': 'other' } };
      expect(errorsOf(j)).toEqual([
        `spec.template.metadata.labels[job-name]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${JOB_UID_PLACEHOLDER}", "batch.kubernetes.io/job-name":"work", "controller-uid":"${JOB_UID_PLACEHOLDER}", "job-name":"other"}: must be 'work'`,
      ]);
    });

    it('a stored Job missing a generated label is refused (no generation outside create)', () => {
      const j = generateJobSelector(prepare(base()), UID);
      delete j.spec.template.metadata.labels['controller-uid'];
      expect(toManifestErrors(validateJob(j)).map(formatManifestError)).toEqual([
        `spec.template.metadata.labels[controller-uid]: Required value: must be '${UID}'`,
      ]);
    });

    it('a manual selector is required and must match the template', () => {
      expect(errorsOf(withSpec({ manualSelector: true }))).toEqual([
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      ]);
      const j = withSpec({ manualSelector: true, selector: { matchLabels: { app: 'work' } } });
      j.spec.template.metadata = { labels: { app: 'other' } };
      expect(errorsOf(j)).toEqual([
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
      ]);
    });

    it('a manual selector is validated as a LabelSelector', () => {
      const j = withSpec({ manualSelector: true, selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } });
      expect(errorsOf(j)).toEqual([
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      ]);
    });

    it('with a uid, the generated labels name it', () => {
      const j = prepare({ ...base(), metadata: { name: 'work', uid: UID } });
      expect(validateObject(j, JOB)).toEqual([]);
      j.spec.template.metadata = { labels: { 'controller-uid': 'other' } };
      expect(toManifestErrors(validateObject(j, JOB)).map(formatManifestError)).toEqual([
        `spec.template.metadata.labels[controller-uid]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"work", "controller-uid":"other", "job-name":"work"}: must be '${UID}'`,
      ]);
    });
  });

  it('validateIndexesFormat counts the indexes of an interval list', () => {
    expect(validateIndexesFormat('', 3)).toEqual({ total: 0 });
    expect(validateIndexesFormat('0,2-4,7', 8)).toEqual({ total: 5 });
    expect(validateIndexesFormat('1-1', 8)).toEqual({ total: 0, err: 'non-increasing order, previous: 1, current: 1' });
    expect(validateIndexesFormat('1-2-3', 8)).toEqual({ total: 0, err: `the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by '-'` });
  });
});

describe('Job updates: the strategy\'s ValidateUpdate (1.32)', () => {
  /** A Job as stored: defaulted, its selector generated. */
  const stored = (patch: Obj = {}): Obj => generateJobSelector(prepare(withSpec(patch)), UID);
  const update = (mutate: (o: Obj) => void, old: Obj = stored()): string[] => {
    const next = structuredClone(old);
    mutate(next);
    return validateUpdate(old, next).map(formatManifestError);
  };

  it.each<[string, (o: Obj) => void]>([
    ['nothing', () => {}],
    ['parallelism', (o) => (o.spec.parallelism = 4)],
    ['suspend', (o) => (o.spec.suspend = true)],
    ['activeDeadlineSeconds', (o) => (o.spec.activeDeadlineSeconds = 600)],
    ['backoffLimit', (o) => (o.spec.backoffLimit = 1)],
    ['ttlSecondsAfterFinished', (o) => (o.spec.ttlSecondsAfterFinished = 100)],
    ['podReplacementPolicy', (o) => (o.spec.podReplacementPolicy = 'Failed')],
    ['its own labels', (o) => (o.metadata.labels = { team: 'a' })],
  ])('a Job may change %s', (_name, mutate) => {
    expect(update(mutate)).toEqual([]);
  });

  it.each<[string, (o: Obj) => void, unknown[]]>([
    ['completions', (o) => (o.spec.completions = 3), ['spec.completions: Invalid value: 3: field is immutable']],
    ['its completion mode', (o) => (o.spec.completionMode = 'Indexed'), ['spec.completionMode: Invalid value: "Indexed": field is immutable']],
    ['managedBy', (o) => (o.spec.managedBy = 'example.com/ctl'), ['spec.managedBy: Invalid value: "example.com/ctl": field is immutable']],
    ['its selector', (o) => {
      o.spec.selector.matchLabels.app = 'x';
      o.spec.template.metadata.labels.app = 'x';
    }, [
      `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"${UID}"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: \`selector\` not auto-generated`,
      `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"${UID}"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`,
      expect.stringMatching(/^spec\.template: Invalid value: .*"app":"x".*: field is immutable$/),
    ]],
    ['its name', (o) => (o.metadata.name = 'other'), [
      `spec.template.metadata.labels[job-name]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"work", "controller-uid":"${UID}", "job-name":"work"}: must be 'other'`,
      `spec.template.metadata.labels[batch.kubernetes.io/job-name]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"work", "controller-uid":"${UID}", "job-name":"work"}: must be 'other'`,
      'metadata.name: Invalid value: "other": field is immutable',
    ]],
  ])('a Job may not change %s', (_name, mutate, expected) => {
    expect(update(mutate)).toEqual(expected);
  });

  it('the template is immutable (printed as JSON, not as Go\'s struct dump)', () => {
    const errs = update((o) => (o.spec.template.spec.containers[0].image = 'busybox:1.36'));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template: Invalid value: \{"spec":\{"containers":\[\{"name":"c","image":"busybox:1\.36",.*\}: field is immutable$/);
  });

  it('a pod failure policy and backoffLimitPerIndex are immutable', () => {
    const old = stored({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1, podFailurePolicy: onExit({ operator: 'In', values: [1] }) });
    expect(update((o) => (o.spec.backoffLimitPerIndex = 2), old)).toEqual(['spec.backoffLimitPerIndex: Invalid value: 2: field is immutable']);
    expect(update((o) => (o.spec.podFailurePolicy.rules[0].onExitCodes.values = [2]), old)).toEqual([
      'spec.podFailurePolicy: Invalid value: {"rules":[{"action":"FailJob","onExitCodes":{"operator":"In","values":[2]}}]}: field is immutable',
    ]);
  });

  it('an Indexed Job may change completions together with parallelism (ElasticIndexedJob)', () => {
    const old = stored({ completionMode: 'Indexed', completions: 3, parallelism: 3 });
    expect(update((o) => { o.spec.completions = 5; o.spec.parallelism = 5; }, old)).toEqual([]);
    expect(update((o) => (o.spec.completions = 5), old)).toEqual(['spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism']);
  });

  it('a suspended Job that never started may change its scheduling directives, not the rest of its template', () => {
    const old = stored({ suspend: true });
    const scheduling = (o: Obj) => {
      o.spec.template.spec.nodeSelector = { zone: 'a' };
      o.spec.template.spec.tolerations = [{ key: 'k', operator: 'Exists' }];
      o.spec.template.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } };
      o.spec.template.spec.schedulingGates = [{ name: 'example.com/gate' }];
      o.spec.template.metadata.annotations = { note: 'x' };
      o.spec.template.metadata.labels.extra = 'y';
    };
    expect(update(scheduling, old)).toEqual([]);
    expect(update((o) => (o.spec.template.spec.containers[0].image = 'busybox:1.36'), old)).toHaveLength(1);
    // Running (or once started) Jobs may not.
    const running = stored();
    expect(update((o) => (o.spec.template.spec.nodeSelector = { zone: 'a' }), running)).toHaveLength(1);
    const started = { ...stored({ suspend: true }), status: { startTime: '2025-01-01T00:00:00Z' } };
    expect(update((o) => (o.spec.template.spec.nodeSelector = { zone: 'a' }), started)).toHaveLength(1);
  });

  it('a stored Job without the prefixed labels (created before 1.27) is not required to have them', () => {
    const old = stored();
    for (const k of [JOB_LABELS.controllerUid, JOB_LABELS.jobName]) delete old.spec.template.metadata.labels[k];
    old.spec.selector = { matchLabels: { 'controller-uid': UID } };
    expect(update((o) => (o.spec.parallelism = 2), old)).toEqual([]);
  });
});
