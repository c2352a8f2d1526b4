import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KINDS, type KindInfo } from '../../src/kinds.ts';
import { defaultObject, formatManifestError, validateUpdate } from '../../src/manifest/index.ts';
import { pathString } from '../../src/manifest/errors.ts';
import { toManifestErrors } from '../../src/manifest/locate.ts';
import { STATUS_RESET_KINDS } from '../../src/manifest/parse.ts';
import { decodeObject } from '../../src/manifest/schema.ts';
import { STATEFULSET_SPEC_FORBIDDEN } from '../../src/manifest/update.ts';
import { validateObject, validateStatefulSet, type StatefulSetValidationOptions } from '../../src/manifest/validate.ts';
import { DNS1123_LABEL_MSG, LABEL_KEY_NAME_MSG, TEMPLATE_SPEC } from './helpers.ts';

// These tests call the decoding, defaulting and validation layers directly (as parseManifests
// does), so they hold whether or not the kind registry marks StatefulSet and ControllerRevision
// supported yet.
const STS: KindInfo = KINDS.find((k) => k.kind === 'StatefulSet')!;
const CR: KindInfo = KINDS.find((k) => k.kind === 'ControllerRevision')!;

type Obj = Record<string, any>;

const WEB_PATH = path.resolve(__dirname, '../../../shared/reference/manifests/statefulset-web.yaml');
/** The StatefulSet document of the reference manifest (the first document is its headless Service). */
const referenceWeb = (): Obj => (parseAllDocuments(readFileSync(WEB_PATH, 'utf8'), { version: '1.1' }) as any[])
  .map((d) => d.toJS())
  .find((o) => o.kind === 'StatefulSet');

/** Defaulted as the API server stores it (namespace `default`). */
const prepare = (o: Obj): Obj => defaultObject(o, { namespaced: STS.namespaced });

/** `path: message` of every validation error of the defaulted object. */
const errorsOf = (o: Obj, opts?: StatefulSetValidationOptions): string[] =>
  toManifestErrors(opts ? validateStatefulSet(prepare(o), opts) : validateObject(prepare(o), STS)).map(formatManifestError);

/** A minimal valid StatefulSet (before defaulting). */
const base = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web' },
  spec: {
    serviceName: 'web',
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

/** {@link base} with spec fields set (or, with `undefined`, removed). */
const withSpec = (patch: Obj): Obj => {
  const s = base();
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete s.spec[k];
    else s.spec[k] = v;
  }
  return s;
};

/** A pod template of {@link base} with its pod spec replaced. */
const templateWith = (spec: Obj): Obj => ({ metadata: { labels: { app: 'web' } }, spec });

/** A claim template `data` asking for 1Gi, with spec fields set (or, with `undefined`, removed). */
const claim = (patch: Obj = {}, name = 'data'): Obj => {
  const spec: Obj = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete spec[k];
    else spec[k] = v;
  }
  return { metadata: { name }, spec };
};

/** {@link base} with a container mounting the claim template `data`. */
const withClaim = (c: Obj = claim()): Obj => withSpec({
  template: templateWith({ containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }),
  volumeClaimTemplates: [c],
});

const NONNEG = 'must be greater than or equal to 0';
const DEFAULT_CLAIM = {
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
  status: { phase: 'Pending' },
};
/** Both checks 1.32 does not have (see StatefulSetValidationOptions). */
const V1_32: StatefulSetValidationOptions = { skipValidatePodTemplateSpec: true, skipValidateVolumeClaimTemplates: true };

describe('StatefulSet (apps/v1) defaults: SetDefaults_StatefulSet', () => {
  it('a minimal StatefulSet gets OrderedReady, a RollingUpdate strategy with partition 0, Retain/Retain, replicas 1, revisionHistoryLimit 10 and pod-spec defaults', () => {
    expect(prepare(base())).toEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        serviceName: 'web',
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: TEMPLATE_SPEC },
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        revisionHistoryLimit: 10,
      },
    });
  });

  it.each<[string, Obj, Obj]>([
    ['Parallel pod management is kept', { podManagementPolicy: 'Parallel' }, { podManagementPolicy: 'Parallel' }],
    ['an empty podManagementPolicy becomes OrderedReady', { podManagementPolicy: '' }, { podManagementPolicy: 'OrderedReady' }],
    ['OnDelete gets no rollingUpdate block', { updateStrategy: { type: 'OnDelete' } }, { updateStrategy: { type: 'OnDelete' } }],
    ['an explicit RollingUpdate type without a block stays without one (and without a partition)', { updateStrategy: { type: 'RollingUpdate' } }, { updateStrategy: { type: 'RollingUpdate' } }],
    ['an explicit RollingUpdate block gets partition 0', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: {} } }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } }],
    ['a partition given without a type is kept; the type becomes RollingUpdate', { updateStrategy: { rollingUpdate: { partition: 2 } } }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }],
    ['an empty type becomes RollingUpdate', { updateStrategy: { type: '' } }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } }],
    ['a null strategy becomes RollingUpdate', { updateStrategy: null }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } }],
    ['maxUnavailable is dropped (MaxUnavailableStatefulSet is off in 1.32) and not defaulted', { updateStrategy: { rollingUpdate: { maxUnavailable: 2 } } }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } }],
    ['an unknown type gets no rollingUpdate', { updateStrategy: { type: 'Canary' } }, { updateStrategy: { type: 'Canary' } }],
    ['a half-written retention policy is completed with Retain', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' } }, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }],
    ['empty retention policy values become Retain', { persistentVolumeClaimRetentionPolicy: { whenDeleted: '', whenScaled: '' } }, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } }],
    ['replicas 0 is kept', { replicas: 0 }, { replicas: 0 }],
    ['replicas null defaults to 1', { replicas: null }, { replicas: 1 }],
    ['revisionHistoryLimit 0 is kept', { revisionHistoryLimit: 0 }, { revisionHistoryLimit: 0 }],
    ['minReadySeconds and ordinals are kept as written', { minReadySeconds: 5, ordinals: { start: 3 } }, { minReadySeconds: 5, ordinals: { start: 3 } }],
  ])('%s', (_name, patch, expected) => {
    const spec = prepare(withSpec(patch)).spec;
    for (const [k, v] of Object.entries(expected)) expect(spec[k]).toEqual(v);
    if (!('minReadySeconds' in patch)) expect(spec).not.toHaveProperty('minReadySeconds');
    if (!('ordinals' in patch)) expect(spec).not.toHaveProperty('ordinals');
  });

  it('claim templates get the PVC defaults: apiVersion/kind, volumeMode Filesystem, status phase Pending', () => {
    expect(prepare(withClaim()).spec.volumeClaimTemplates).toEqual([DEFAULT_CLAIM]);
  });

  it.each<[string, Obj, Obj]>([
    ['volumeMode Block is kept', claim({ volumeMode: 'Block' }), { spec: { ...DEFAULT_CLAIM.spec, volumeMode: 'Block' } }],
    ['an explicit empty volumeMode is kept (a pointer upstream)', claim({ volumeMode: '' }), { spec: { ...DEFAULT_CLAIM.spec, volumeMode: '' } }],
    ['requests are printed canonically', claim({ resources: { requests: { storage: '1024Mi' } } }), { spec: DEFAULT_CLAIM.spec }],
    ['a status phase given is kept', { ...claim(), status: { phase: 'Bound' } }, { status: { phase: 'Bound' } }],
    ['a template with no spec still gets a volumeMode', { metadata: { name: 'data' } }, { spec: { volumeMode: 'Filesystem' } }],
  ])('claim templates: %s', (_name, c, expected) => {
    expect(prepare(withClaim(c)).spec.volumeClaimTemplates[0]).toMatchObject(expected);
  });

  it('an absent template is still defaulted (it is a value in apps/v1)', () => {
    expect(prepare(withSpec({ template: undefined })).spec.template).toEqual({
      spec: { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' },
    });
  });

  it('defaultObject is pure', () => {
    const input = withClaim();
    const copy = structuredClone(input);
    prepare(input);
    expect(input).toEqual(copy);
  });

  it('the reference web StatefulSet keeps replicas 3, minReadySeconds 10 and its claim template, and gets the defaults', () => {
    const out = prepare(referenceWeb());
    expect(out.spec).toMatchObject({
      replicas: 3,
      minReadySeconds: 10,
      serviceName: 'nginx',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      revisionHistoryLimit: 10,
      volumeClaimTemplates: [{
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'my-storage-class', resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      }],
    });
    expect(out.spec.template.spec).toMatchObject({ terminationGracePeriodSeconds: 10, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
    expect(out.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }] });
  });

  it('a client-sent status is dropped on create (the strategy resets it)', () => {
    expect(STATUS_RESET_KINDS.has('StatefulSet')).toBe(true);
    expect(STATUS_RESET_KINDS.has('ControllerRevision')).toBe(false);
  });
});

describe('StatefulSet decoding: the schema', () => {
  it.each<[string, Obj, string[]]>([
    ['a partition as a string', { updateStrategy: { rollingUpdate: { partition: '1' } } },
      ['spec.updateStrategy.rollingUpdate.partition: json: cannot unmarshal string into Go struct field RollingUpdateStatefulSetStrategy.spec.updateStrategy.rollingUpdate.partition of type int32']],
    ['ordinals.start as a float', { ordinals: { start: 1.5 } },
      ['spec.ordinals.start: json: cannot unmarshal number 1.5 into Go struct field StatefulSetOrdinals.spec.ordinals.start of type int32']],
    ['an unknown field in a claim template spec', { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { size: '1Gi' } }] },
      ['spec.volumeClaimTemplates[0].spec.size: strict decoding error: unknown field "spec.volumeClaimTemplates[0].spec.size"']],
    ['claim template access modes as a string', { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: 'ReadWriteOnce' } }] },
      ['spec.volumeClaimTemplates[0].spec.accessModes: json: cannot unmarshal string into Go struct field PersistentVolumeClaimSpec.spec.volumeClaimTemplates.spec.accessModes of type []string']],
    ['an unknown retention policy field', { persistentVolumeClaimRetentionPolicy: { whenEvicted: 'Delete' } },
      ['spec.persistentVolumeClaimRetentionPolicy.whenEvicted: strict decoding error: unknown field "spec.persistentVolumeClaimRetentionPolicy.whenEvicted"']],
    ['maxUnavailable as a float', { updateStrategy: { rollingUpdate: { maxUnavailable: 0.5 } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: json: cannot unmarshal number 0.5 into Go struct field RollingUpdateStatefulSetStrategy.spec.updateStrategy.rollingUpdate.maxUnavailable of type int32']],
  ])('%s', (_name, patch, expected) => {
    const { errors } = decodeObject(withSpec(patch), 'StatefulSet');
    expect(toManifestErrors(errors).map(formatManifestError)).toEqual(expected);
  });

  it('every spec field of the reference manifest is known', () => {
    expect(decodeObject(referenceWeb(), 'StatefulSet').errors).toEqual([]);
  });
});

describe('StatefulSet validation: valid manifests pass', () => {
  it('the reference web StatefulSet (shared/reference/manifests/statefulset-web.yaml): its container mounts the claim template', () => {
    expect(errorsOf(referenceWeb())).toEqual([]);
    expect(errorsOf(referenceWeb(), V1_32)).toEqual([]);
  });

  it.each<[string, Obj]>([
    ['a minimal StatefulSet', base()],
    ['replicas 0', withSpec({ replicas: 0 })],
    ['Parallel pod management', withSpec({ podManagementPolicy: 'Parallel' })],
    ['an OnDelete strategy', withSpec({ updateStrategy: { type: 'OnDelete' } })],
    ['a RollingUpdate strategy without a block', withSpec({ updateStrategy: { type: 'RollingUpdate' } })],
    ['a partition above replicas', withSpec({ updateStrategy: { rollingUpdate: { partition: 10 } } })],
    ['Delete/Delete claim retention', withSpec({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' } })],
    ['ordinals starting at 5', withSpec({ ordinals: { start: 5 } })],
    ['no serviceName (optional)', withSpec({ serviceName: undefined })],
    ['a serviceName that is no DNS label (not validated in 1.32)', withSpec({ serviceName: 'My_Service' })],
    ['a negative revisionHistoryLimit (not validated in 1.32)', withSpec({ revisionHistoryLimit: -1 })],
    ['a matchExpressions selector', withSpec({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } })],
    ['a mount of a claim template', withClaim()],
    ['a mount of a template volume and one of a claim template', withSpec({
      template: templateWith({
        containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'cache', mountPath: '/cache' }] }],
        volumes: [{ name: 'cache', emptyDir: {} }],
      }),
      volumeClaimTemplates: [claim()],
    })],
    ['a claim template nothing mounts', withSpec({ volumeClaimTemplates: [claim()] })],
    ['a ReadWriteOncePod claim template with a storage class', withClaim(claim({ accessModes: ['ReadWriteOncePod'], storageClassName: 'fast' }))],
  ])('%s', (_name, s) => {
    expect(errorsOf(s)).toEqual([]);
  });
});

describe('StatefulSet validation in the API server words: ValidateStatefulSet', () => {
  it.each<[string, Obj, string[]]>([
    // object meta: a DNS label, since the name becomes the pods' hostnames
    ['the name must be a DNS label: no dots (a subdomain is not enough)', { ...base(), metadata: { name: 'web.v1' } }, ['metadata.name: Invalid value: "web.v1": must not contain dots']],
    ['the name must be a DNS label', { ...base(), metadata: { name: 'Web_1' } }, [`metadata.name: Invalid value: "Web_1": ${DNS1123_LABEL_MSG}`]],
    ['a name is required', { ...base(), metadata: {} }, ['metadata.name: Required value: name or generateName is required']],

    // podManagementPolicy
    ['an unknown podManagementPolicy', withSpec({ podManagementPolicy: 'Random' }), ["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"]],

    // updateStrategy
    [
      'an unknown strategy type (reported on spec.updateStrategy with the whole strategy)',
      withSpec({ updateStrategy: { type: 'Canary' } }),
      ["spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Canary\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'"],
    ],
    [
      'an unknown strategy type with a block (a pointer upstream, elided)',
      withSpec({ updateStrategy: { type: 'Canary', rollingUpdate: { partition: 1 } } }),
      ["spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Canary\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(0xc000…)}: must be 'RollingUpdate' or 'OnDelete'"],
    ],
    [
      'OnDelete with a rollingUpdate block is invalid (the block printed as the internal struct)',
      withSpec({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 2 } } }),
      ["spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:2, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'"],
    ],
    [
      'OnDelete with an empty rollingUpdate block (no partition is defaulted for OnDelete)',
      withSpec({ updateStrategy: { type: 'OnDelete', rollingUpdate: {} } }),
      ["spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'"],
    ],
    ['a negative partition', withSpec({ updateStrategy: { rollingUpdate: { partition: -1 } } }), [`spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: ${NONNEG}`]],

    // persistentVolumeClaimRetentionPolicy
    [
      'an unknown retention policy',
      withSpec({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Orphan', whenScaled: 'delete' } }),
      [
        'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Orphan": supported values: "Retain", "Delete"',
        'spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "delete": supported values: "Retain", "Delete"',
      ],
    ],

    // counts
    ['negative replicas', withSpec({ replicas: -1 }), [`spec.replicas: Invalid value: -1: ${NONNEG}`]],
    ['negative minReadySeconds', withSpec({ minReadySeconds: -1 }), [`spec.minReadySeconds: Invalid value: -1: ${NONNEG}`]],
    ['a negative start ordinal', withSpec({ ordinals: { start: -1 } }), [`spec.ordinals.start: Invalid value: -1: ${NONNEG}`]],

    // selector and template
    [
      'a selector is required (and a nil selector selects nothing, so the template does not match)',
      withSpec({ selector: undefined }),
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      'an empty selector is invalid',
      withSpec({ selector: {} }),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset'],
    ],
    [
      'the selector must select the template labels',
      withSpec({ selector: { matchLabels: { app: 'db' } } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      'a selector that does not convert is Invalid with no detail; the template is then not checked, its restart policy still is',
      withSpec({
        selector: { matchExpressions: [{ key: 'app', operator: 'Like', values: ['web'] }] },
        template: templateWith({ restartPolicy: 'Never', containers: [{ name: 'c' }] }),
      }),
      [
        'spec.selector.matchExpressions[0].operator: Invalid value: "Like": not a valid selector operator',
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Like", Values:[]string{"web"}}}}',
        'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      ],
    ],
    [
      'template labels are validated (upstream path text without metadata)',
      withSpec({ selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', 'bad key': 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } }),
      [`spec.template.labels: Invalid value: "bad key": ${LABEL_KEY_NAME_MSG}`],
    ],
    [
      'pods must restart Always and have no deadline (the message names StatefulSet)',
      withSpec({ template: templateWith({ restartPolicy: 'OnFailure', activeDeadlineSeconds: 30, containers: [{ name: 'c', image: 'nginx' }] }) }),
      [
        'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
      ],
    ],

    // the pod template (1.34+, see StatefulSetValidationOptions)
    ['the pod template is validated like a pod template', withSpec({ template: templateWith({ containers: [{ name: 'c' }] }) }), ['spec.template.spec.containers[0].image: Required value']],
    [
      'a mount must name a template volume or a claim template',
      withSpec({ template: templateWith({ containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'www', mountPath: '/www' }] }] }), volumeClaimTemplates: [claim()] }),
      ['spec.template.spec.containers[0].volumeMounts[0].name: Not found: "www"'],
    ],
    [
      'an absent template is validated as an empty one',
      withSpec({ template: undefined }),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
        'spec.template.spec.containers: Required value',
      ],
    ],

    // claim templates (1.34+): ValidatePersistentVolumeClaimSpec at spec.volumeClaimTemplates[i].spec
    ['a claim template needs an access mode', withClaim(claim({ accessModes: undefined })), ['spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required']],
    ['a claim template needs a storage request', withClaim(claim({ resources: undefined })), ['spec.volumeClaimTemplates[0].spec.resources[storage]: Required value']],
    [
      'claim template access modes and volume mode are checked',
      withClaim(claim({ accessModes: ['ReadWriteAll'], volumeMode: 'Raw' })),
      [
        'spec.volumeClaimTemplates[0].spec.accessModes: Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
        'spec.volumeClaimTemplates[0].spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"',
      ],
    ],
    ['a zero storage request', withClaim(claim({ resources: { requests: { storage: '0' } } })), ['spec.volumeClaimTemplates[0].spec.resources[storage]: Invalid value: "0": must be greater than zero']],
  ])('%s', (_name, s, expected) => {
    expect(errorsOf(s)).toEqual(expected);
  });

  it("errors come in upstream's order: policy, strategy, retention, claim templates, counts, selector, template, restart policy", () => {
    expect(errorsOf(withSpec({
      podManagementPolicy: 'Random',
      updateStrategy: { rollingUpdate: { partition: -1 } },
      persistentVolumeClaimRetentionPolicy: { whenScaled: 'Orphan' },
      volumeClaimTemplates: [claim({ accessModes: undefined })],
      replicas: -1,
      minReadySeconds: -2,
      ordinals: { start: -3 },
      selector: { matchLabels: { app: 'db' } },
      template: templateWith({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'nginx' }] }),
    }))).toEqual([
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
      `spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: ${NONNEG}`,
      'spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "Orphan": supported values: "Retain", "Delete"',
      'spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required',
      `spec.replicas: Invalid value: -1: ${NONNEG}`,
      `spec.minReadySeconds: Invalid value: -2: ${NONNEG}`,
      `spec.ordinals.start: Invalid value: -3: ${NONNEG}`,
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('with 1.32\'s options the pod spec and the claim templates are not validated; labels, restart policy and deadline still are', () => {
    const s = withSpec({
      template: { metadata: { labels: { app: 'web', 'bad key': 'x' } }, spec: { activeDeadlineSeconds: 5, containers: [{ name: 'c', volumeMounts: [{ name: 'nope', mountPath: '/x' }] }] } },
      volumeClaimTemplates: [claim({ accessModes: undefined, resources: undefined })],
    });
    expect(errorsOf(s, V1_32)).toEqual([
      `spec.template.labels: Invalid value: "bad key": ${LABEL_KEY_NAME_MSG}`,
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
    expect(errorsOf(s)).toEqual([
      'spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required',
      'spec.volumeClaimTemplates[0].spec.resources[storage]: Required value',
      `spec.template.labels: Invalid value: "bad key": ${LABEL_KEY_NAME_MSG}`,
      'spec.template.spec.containers[0].image: Required value',
      'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "nope"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
  });

  it('whole-value errors point at the part that decides them and depend on what they print', () => {
    const errs = validateStatefulSet(prepare(withSpec({ updateStrategy: { type: 'Canary' } })));
    expect(errs.map((e) => [pathString(e.path), e.at && pathString(e.at), e.dependsOn?.map(pathString)])).toEqual([
      ['spec.updateStrategy', 'spec.updateStrategy.type', ['spec.updateStrategy']],
    ]);
    const onDelete = validateStatefulSet(prepare(withSpec({ updateStrategy: { type: 'OnDelete', rollingUpdate: {} } })));
    expect(onDelete.map((e) => [pathString(e.path), e.dependsOn?.map(pathString)])).toEqual([
      ['spec.updateStrategy.rollingUpdate', ['spec.updateStrategy.rollingUpdate']],
    ]);
  });
});

describe('StatefulSet updates: ValidateStatefulSetUpdate (1.32)', () => {
  const stored = (): Obj => prepare({ ...withClaim(), metadata: { name: 'web', uid: '1111' } });
  const update = (mutate: (o: Obj) => void, old: Obj = stored()): string[] => {
    const next = structuredClone(old);
    mutate(next);
    return validateUpdate(old, next).map(formatManifestError);
  };

  it('the forbidden-update message is 1.32\'s, verbatim', () => {
    expect(STATEFULSET_SPEC_FORBIDDEN).toBe(
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });

  it.each<[string, (o: Obj) => void]>([
    ['nothing', () => {}],
    ['replicas', (o) => (o.spec.replicas = 5)],
    ['the template', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.27')],
    ['the update strategy', (o) => (o.spec.updateStrategy = { type: 'OnDelete' })],
    ['the partition', (o) => (o.spec.updateStrategy.rollingUpdate.partition = 2)],
    ['minReadySeconds', (o) => (o.spec.minReadySeconds = 30)],
    ['the start ordinal', (o) => (o.spec.ordinals = { start: 1 })],
    ['the claim retention policy', (o) => (o.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Retain' })],
    ['labels of the StatefulSet itself', (o) => (o.metadata.labels = { team: 'a' })],
    ['an empty matchExpressions list added (semantically equal to none)', (o) => (o.spec.selector.matchExpressions = [])],
  ])('a StatefulSet may change %s', (_name, mutate) => {
    expect(update(mutate)).toEqual([]);
  });

  it.each<[string, (o: Obj) => void]>([
    ['its serviceName', (o) => (o.spec.serviceName = 'other')],
    ['its podManagementPolicy', (o) => (o.spec.podManagementPolicy = 'Parallel')],
    ['its revisionHistoryLimit (only later releases allow it)', (o) => (o.spec.revisionHistoryLimit = 3)],
    ['a claim template\'s size', (o) => (o.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi')],
    ['its claim templates (one added)', (o) => o.spec.volumeClaimTemplates.push({ ...structuredClone(o.spec.volumeClaimTemplates[0]), metadata: { name: 'logs' } })],
  ])('a StatefulSet may not change %s', (_name, mutate) => {
    expect(update(mutate)).toEqual([`spec: Forbidden: ${STATEFULSET_SPEC_FORBIDDEN}`]);
  });

  it('a selector change is forbidden like any other fixed field (no `field is immutable` for StatefulSets)', () => {
    expect(update((o) => {
      o.spec.selector.matchLabels = { app: 'web', tier: 'db' };
      o.spec.template.metadata.labels = { app: 'web', tier: 'db' };
    })).toEqual([`spec: Forbidden: ${STATEFULSET_SPEC_FORBIDDEN}`]);
  });

  it('several fixed fields changed make one error; the new spec is validated first', () => {
    expect(update((o) => {
      o.metadata.name = 'web2';
      o.spec.serviceName = 'other';
      o.spec.podManagementPolicy = 'Sometimes';
      o.spec.replicas = -1;
    })).toEqual([
      'metadata.name: Invalid value: "web2": field is immutable',
      "spec.podManagementPolicy: Invalid value: \"Sometimes\": must be 'OrderedReady' or 'Parallel'",
      `spec.replicas: Invalid value: -1: ${NONNEG}`,
      `spec: Forbidden: ${STATEFULSET_SPEC_FORBIDDEN}`,
    ]);
  });

  it('the name is not validated again on update (a subdomain name stored by an older release stays updatable)', () => {
    const old = prepare({ ...base(), metadata: { name: 'web.v1', uid: '1' } });
    expect(update((o) => (o.spec.replicas = 2), old)).toEqual([]);
  });

  it('ratcheting: a template the old object already failed (as 1.32 accepted it) is not held against an update', () => {
    const old = prepare({
      ...withSpec({ template: templateWith({ containers: [{ name: 'c' }] }), volumeClaimTemplates: [claim({ accessModes: undefined })] }),
      metadata: { name: 'web', uid: '1' },
    });
    expect(update((o) => (o.spec.replicas = 4), old)).toEqual([]);
  });

  it('…but a valid template may not become invalid', () => {
    expect(update((o) => delete o.spec.template.spec.containers[0].image)).toEqual(['spec.template.spec.containers[0].image: Required value']);
  });
});

describe('ControllerRevision (apps/v1): the history StatefulSets and DaemonSets keep', () => {
  const cr = (patch: Obj = {}): Obj => ({
    apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'web-7757fc6447' },
    data: { spec: { template: { $patch: 'replace' } } }, revision: 1, ...patch,
  });
  const prepareCR = (o: Obj) => defaultObject(o, { namespaced: CR.namespaced });
  const crErrors = (o: Obj) => toManifestErrors(validateObject(prepareCR(o), CR)).map(formatManifestError);

  it('has no defaults but the namespace', () => {
    expect(prepareCR(cr())).toEqual({ ...cr(), metadata: { name: 'web-7757fc6447', namespace: 'default' } });
  });

  it.each<[string, Obj, string[]]>([
    ['a revision with data', cr(), []],
    ['revision 0', cr({ revision: 0 }), []],
    ['no revision (zero)', cr({ revision: undefined }), []],
    ['empty data is still data', cr({ data: {} }), []],
    ['data of any JSON type', cr({ data: 'raw' }), []],
    ['data is mandatory', cr({ data: undefined }), ['data: Required value: data is mandatory']],
    ['null data is no data', cr({ data: null }), ['data: Required value: data is mandatory']],
    ['a negative revision', cr({ revision: -1 }), [`revision: Invalid value: -1: ${NONNEG}`]],
    ['the name must be a DNS subdomain', cr({ metadata: { name: 'Web_1' } }), [
      "metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]],
  ])('%s', (_name, o, expected) => {
    expect(crErrors(o)).toEqual(expected);
  });

  it('decodes revision as an int64 and rejects unknown top-level fields', () => {
    expect(toManifestErrors(decodeObject(cr({ revision: '1', spec: {} }), 'ControllerRevision').errors).map(formatManifestError)).toEqual([
      'revision: json: cannot unmarshal string into Go struct field ControllerRevision.revision of type int64',
      'spec: strict decoding error: unknown field "spec"',
    ]);
  });

  it('updates: data is immutable (printed as JSON here), the revision number may change', () => {
    const old = prepareCR({ ...cr(), metadata: { name: 'web-1', uid: 'u' } });
    expect(validateUpdate(old, { ...structuredClone(old), revision: 7 })).toEqual([]);
    expect(validateUpdate(old, { ...structuredClone(old), data: { spec: {} } }).map(formatManifestError)).toEqual([
      'data: Invalid value: {"spec":{}}: field is immutable',
    ]);
  });
});
