import { describe, it, expect } from 'vitest';
import { KINDS, type KindInfo } from '../../src/kinds.ts';
import { defaultObject, formatManifestError, validateUpdate } from '../../src/manifest/index.ts';
import { toManifestErrors } from '../../src/manifest/locate.ts';
import { STATUS_RESET_KINDS } from '../../src/manifest/parse.ts';
import { decodeObject } from '../../src/manifest/schema.ts';
import { validateObject } from '../../src/manifest/validate.ts';
import { DNS1123_LABEL_MSG, DNS1123_SUBDOMAIN_MSG, LABEL_KEY_NAME_MSG } from './helpers.ts';

// These tests call the decoding, defaulting and validation layers directly (as parseManifests
// does), so they hold whether or not the kind registry marks the kinds supported yet. Both kinds
// are cluster-scoped.
const PV: KindInfo = KINDS.find((k) => k.kind === 'PersistentVolume')!;
const SC: KindInfo = KINDS.find((k) => k.kind === 'StorageClass')!;

type Obj = Record<string, any>;

const prepare = (o: Obj): Obj => defaultObject(o, { namespaced: o.kind === 'StorageClass' ? SC.namespaced : PV.namespaced });
const errorsOf = (o: Obj): string[] => toManifestErrors(validateObject(prepare(o), o.kind === 'StorageClass' ? SC : PV)).map(formatManifestError);
const decodeErrors = (o: Obj): string[] => toManifestErrors(decodeObject(o, o.kind).errors).map(formatManifestError);

/** A 1Gi ReadWriteOnce hostPath volume, with spec fields set (or, with `undefined`, removed). */
const pv = (patch: Obj = {}): Obj => {
  const spec: Obj = { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data/pv1' } };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete spec[k];
    else spec[k] = v;
  }
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec };
};
/** {@link pv} with its hostPath source replaced by `source`. */
const pvFrom = (source: Obj, patch: Obj = {}): Obj => pv({ hostPath: undefined, ...source, ...patch });

const NODE_AFFINITY = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] }] } };
const ACCESS_MODES_LIST = '"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"';

const sc = (patch: Obj = {}): Obj => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path', ...patch,
});

describe('PersistentVolume (v1) defaults: SetDefaults_PersistentVolume', () => {
  it('a minimal volume gets reclaim policy Retain, volumeMode Filesystem, hostPath type "" and a Pending status; no namespace', () => {
    expect(prepare({ ...pv(), metadata: { name: 'pv1', namespace: 'team-a' } })).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv1' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: '/data/pv1', type: '' },
        persistentVolumeReclaimPolicy: 'Retain',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Pending' },
    });
  });

  it.each<[string, Obj, Obj]>([
    ['a Delete reclaim policy is kept', { persistentVolumeReclaimPolicy: 'Delete' }, { persistentVolumeReclaimPolicy: 'Delete' }],
    ['an empty reclaim policy becomes Retain', { persistentVolumeReclaimPolicy: '' }, { persistentVolumeReclaimPolicy: 'Retain' }],
    ['volumeMode Block is kept', { volumeMode: 'Block' }, { volumeMode: 'Block' }],
    ['an explicit empty volumeMode is kept (a pointer upstream)', { volumeMode: '' }, { volumeMode: '' }],
    ['capacity is printed canonically', { capacity: { storage: '1024Mi' } }, { capacity: { storage: '1Gi' } }],
    ['a hostPath type is kept', { hostPath: { path: '/dev/sdb', type: 'BlockDevice' } }, { hostPath: { path: '/dev/sdb', type: 'BlockDevice' } }],
  ])('%s', (_name, patch, expected) => {
    expect(prepare(pv(patch)).spec).toMatchObject(expected);
  });

  it('a client-sent status is dropped on create (the strategy resets it; the phase comes back Pending)', () => {
    expect(STATUS_RESET_KINDS.has('PersistentVolume')).toBe(true);
  });
});

describe('PersistentVolume decoding: the schema', () => {
  it.each<[string, Obj, string[]]>([
    ['a capacity that is no quantity', pv({ capacity: { storage: 'lots' } }), ['spec.capacity[storage]: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'']],
    ['a hostPath path as a number', pv({ hostPath: { path: 5 } }), ['spec.hostPath.path: json: cannot unmarshal number into Go struct field HostPathVolumeSource.spec.hostPath.path of type string']],
    ['unknown fields of a typed source are kept (kubeactors does not interpret them)', pvFrom({ nfs: { server: 'nfs.local', path: '/exports', mountOptions: ['hard'] } }), []],
    ['other sources are kept as written', pvFrom({ awsElasticBlockStore: { volumeID: 'vol-1', fsType: 'ext4' } }), []],
    ['an unknown spec field', pv({ size: '1Gi' }), ['spec.size: strict decoding error: unknown field "spec.size"']],
  ])('%s', (_name, o, expected) => {
    expect(decodeErrors(o)).toEqual(expected);
  });
});

describe('PersistentVolume validation: ValidatePersistentVolume', () => {
  it.each<[string, Obj]>([
    ['a hostPath volume', pv()],
    ['an NFS volume', pvFrom({ nfs: { server: 'nfs.example.com', path: '/exports/pv1' } })],
    ['a local volume with node affinity', pvFrom({ local: { path: '/mnt/disks/ssd1' }, nodeAffinity: NODE_AFFINITY })],
    ['a CSI volume (the driver name is checked lower-cased)', pvFrom({ csi: { driver: 'Hostpath.CSI.k8s.io', volumeHandle: 'vol-1' } })],
    ['a CSI volume with secret references', pvFrom({ csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1', nodePublishSecretRef: { name: 'creds', namespace: 'kube-system' } } })],
    ['a CSI driver name of exactly 63 characters', pvFrom({ csi: { driver: `${'a'.repeat(60)}.io`, volumeHandle: 'v' } })],
    ['a source kubeactors does not look into', pvFrom({ awsElasticBlockStore: { volumeID: 'vol-1' } })],
    ['a flexVolume next to another source (upstream counts it without the check)', pv({ flexVolume: { driver: 'example/flex' } })],
    ['ReadWriteOncePod alone', pv({ accessModes: ['ReadWriteOncePod'] })],
    ['several access modes', pv({ accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] })],
    ['Recycle (not for a hostPath of /)', pv({ persistentVolumeReclaimPolicy: 'Recycle' })],
    ['a storage class, mount options and a claim reference', pv({ storageClassName: 'manual', mountOptions: ['ro'], claimRef: { namespace: 'default', name: 'claim1' } })],
    ['a Block volume', pv({ volumeMode: 'Block' })],
  ])('valid: %s', (_name, o) => {
    expect(errorsOf(o)).toEqual([]);
  });

  it.each<[string, Obj, string[]]>([
    ['the name must be a DNS subdomain', { ...pv(), metadata: { name: 'PV_1' } }, [`metadata.name: Invalid value: "PV_1": ${DNS1123_SUBDOMAIN_MSG}`]],

    // access modes
    ['access modes are required', pv({ accessModes: undefined }), ['spec.accessModes: Required value']],
    ['an unknown access mode', pv({ accessModes: ['ReadWriteAll'] }), [`spec.accessModes: Unsupported value: "ReadWriteAll": supported values: ${ACCESS_MODES_LIST}`]],
    ['ReadWriteOncePod with another mode', pv({ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] }), ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']],

    // capacity
    ['a capacity is required, of storage', pv({ capacity: undefined }), ['spec.capacity: Required value', 'spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"']],
    ['a capacity of something else', pv({ capacity: { cpu: '1' } }), ['spec.capacity: Unsupported value: core.ResourceList{"cpu":"1"}: supported values: "storage"']],
    ['storage and nothing else', pv({ capacity: { storage: '1Gi', memory: '1Gi' } }), ['spec.capacity: Unsupported value: core.ResourceList{"memory":"1Gi", "storage":"1Gi"}: supported values: "storage"']],
    ['a zero capacity', pv({ capacity: { storage: '0' } }), ['spec.capacity[storage]: Invalid value: "0": must be greater than zero']],
    ['a negative capacity (its integer value, then its quantity)', pv({ capacity: { storage: '-1Gi' } }), [
      'spec.capacity[storage]: Invalid value: -1073741824: must be a valid resource quantity',
      'spec.capacity[storage]: Invalid value: "-1Gi": must be greater than zero',
    ]],

    // reclaim policy, class, mode
    ['an unknown reclaim policy', pv({ persistentVolumeReclaimPolicy: 'Keep' }), ['spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"']],
    ['Recycle of a hostPath of /', pv({ hostPath: { path: '/./' }, persistentVolumeReclaimPolicy: 'Recycle' }), ["spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'"]],
    ['the storage class name must be a DNS subdomain', pv({ storageClassName: 'Fast_SSD' }), [`spec.storageClassName: Invalid value: "Fast_SSD": ${DNS1123_SUBDOMAIN_MSG}`]],
    ['an unknown volume mode', pv({ volumeMode: 'Raw' }), ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"']],
    ['an explicit empty volume mode', pv({ volumeMode: '' }), ['spec.volumeMode: Unsupported value: "": supported values: "Block", "Filesystem"']],

    // exactly one source
    ['a volume source is required', pv({ hostPath: undefined }), ['spec: Required value: must specify a volume type']],
    ['two sources', pv({ nfs: { server: 'nfs.local', path: '/exports' } }), ['spec.nfs: Forbidden: may not specify more than 1 volume type']],
    ['a second source named as upstream names it (cephFS)', pv({ cephfs: { monitors: ['10.0.0.1'] } }), ['spec.cephFS: Forbidden: may not specify more than 1 volume type']],

    // hostPath
    ['a hostPath needs a path', pv({ hostPath: { path: '' } }), ['spec.hostPath.path: Required value']],
    ['a hostPath may not step back', pv({ hostPath: { path: '/data/../etc' } }), ["spec.hostPath.path: Invalid value: \"/data/../etc\": must not contain '..'"]],
    ['an unknown hostPath type', pv({ hostPath: { path: '/data', type: 'Dir' } }), [
      'spec.hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    ]],

    // nfs
    ['an NFS source needs a server and an absolute path', pvFrom({ nfs: {} }), [
      'spec.nfs.server: Required value',
      'spec.nfs.path: Required value',
      'spec.nfs.path: Invalid value: "": must be an absolute path',
    ]],
    ['a relative NFS path', pvFrom({ nfs: { server: 'nfs.local', path: 'exports' } }), ['spec.nfs.path: Invalid value: "exports": must be an absolute path']],

    // local and node affinity
    ['a local volume requires node affinity', pvFrom({ local: { path: '/mnt/disks/ssd1' } }), ['spec.nodeAffinity: Required value: Local volume requires node affinity']],
    ['a local volume needs a path', pvFrom({ local: {}, nodeAffinity: NODE_AFFINITY }), ['spec.local.path: Required value']],
    ['node affinity must say what is required', pv({ nodeAffinity: {} }), ['spec.nodeAffinity.required: Required value: must specify required node constraints']],
    ['required node affinity needs a term', pv({ nodeAffinity: { required: { nodeSelectorTerms: [] } } }), ['spec.nodeAffinity.required.nodeSelectorTerms: Required value: must have at least one node selector term']],

    // csi
    ['a CSI source needs a driver and a volume handle', pvFrom({ csi: {} }), [
      'spec.csi.driver: Required value',
      `spec.csi.driver: Invalid value: "": ${DNS1123_SUBDOMAIN_MSG}`,
      'spec.csi.volumeHandle: Required value',
    ]],
    ['a CSI driver name must be a DNS subdomain', pvFrom({ csi: { driver: 'my_driver', volumeHandle: 'v' } }), [`spec.csi.driver: Invalid value: "my_driver": ${DNS1123_SUBDOMAIN_MSG}`]],
    ['a CSI driver name of at most 63 characters', pvFrom({ csi: { driver: `${'a'.repeat(61)}.io`, volumeHandle: 'v' } }), ['spec.csi.driver: Too long: must have at most 63 bytes']],
    ['CSI secret references need a name and a namespace', pvFrom({ csi: { driver: 'd.example.com', volumeHandle: 'v', controllerPublishSecretRef: { namespace: 'Kube.System' } } }), [
      'spec.csi.controllerPublishSecretRef.name: Required value',
      `spec.csi.controllerPublishSecretRef.namespace: Invalid value: "Kube.System": ${DNS1123_LABEL_MSG}`,
    ]],
  ])('%s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });

  it('the namespace of a cluster-scoped volume is dropped by defaulting, and refused if it reaches validation', () => {
    expect(errorsOf({ ...pv(), metadata: { name: 'pv1', namespace: 'default' } })).toEqual([]);
    expect(toManifestErrors(validateObject({ ...pv(), metadata: { name: 'pv1', namespace: 'default' } }, PV)).map(formatManifestError)).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });
});

describe('PersistentVolume updates: ValidatePersistentVolumeUpdate', () => {
  const stored = (o: Obj = pv()): Obj => prepare({ ...o, metadata: { name: 'pv1', uid: 'u1' } });
  const update = (mutate: (o: Obj) => void, old: Obj = stored()): string[] => {
    const next = structuredClone(old);
    mutate(next);
    return validateUpdate(old, next).map(formatManifestError);
  };

  it.each<[string, (o: Obj) => void]>([
    ['nothing', () => {}],
    ['its capacity', (o) => (o.spec.capacity = { storage: '2Gi' })],
    ['its access modes', (o) => (o.spec.accessModes = ['ReadWriteMany'])],
    ['its reclaim policy', (o) => (o.spec.persistentVolumeReclaimPolicy = 'Delete')],
    ['its storage class and mount options', (o) => Object.assign(o.spec, { storageClassName: 'slow', mountOptions: ['noatime'] })],
    ['its claim reference (binding)', (o) => (o.spec.claimRef = { namespace: 'default', name: 'claim1', uid: 'c1' })],
    ['its node affinity, when it had none', (o) => (o.spec.nodeAffinity = NODE_AFFINITY)],
    ['its labels', (o) => (o.metadata.labels = { tier: 'gold' })],
  ])('a volume may change %s', (_name, mutate) => {
    expect(update(mutate)).toEqual([]);
  });

  it('a CSI volume may gain a controllerExpandSecretRef, but not otherwise change its source', () => {
    const old = stored(pvFrom({ csi: { driver: 'd.example.com', volumeHandle: 'v1' } }));
    expect(update((o) => (o.spec.csi.controllerExpandSecretRef = { name: 's', namespace: 'kube-system' }), old)).toEqual([]);
    expect(update((o) => (o.spec.csi.volumeHandle = 'v2'), old)).toEqual([
      'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n  core.PersistentVolumeSource{\n- \tcsi.volumeHandle: "v1"\n+ \tcsi.volumeHandle: "v2"\n  }',
    ]);
  });

  it('the volume source is immutable, with a diff of what changed', () => {
    expect(update((o) => (o.spec.hostPath.path = '/data/other'))).toEqual([
      'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n  core.PersistentVolumeSource{\n- \thostPath.path: "/data/pv1"\n+ \thostPath.path: "/data/other"\n  }',
    ]);
  });

  it('the volume mode is immutable (reported at `volumeMode`, without `spec`, as upstream does)', () => {
    expect(update((o) => (o.spec.volumeMode = 'Block'))).toEqual(['volumeMode: Invalid value: "Block": field is immutable']);
  });

  it('node affinity, once set, is immutable', () => {
    const old = stored(pv({ nodeAffinity: NODE_AFFINITY }));
    expect(update((o) => (o.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values = ['node-2']), old)).toEqual([
      'nodeAffinity: Invalid value: core.VolumeNodeAffinity{Required:(*core.NodeSelector)(0xc000…)}: field is immutable',
    ]);
  });

  it('the new volume is validated as on create', () => {
    expect(update((o) => (o.spec.accessModes = []))).toEqual(['spec.accessModes: Required value']);
  });
});

describe('StorageClass (storage.k8s.io/v1) defaults: SetDefaults_StorageClass', () => {
  it('a minimal class gets reclaimPolicy Delete and volumeBindingMode Immediate; no namespace', () => {
    expect(prepare({ ...sc(), metadata: { name: 'standard', namespace: 'default' } })).toEqual({
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' },
      provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate',
    });
  });

  it.each<[string, Obj, Obj]>([
    ['Retain and WaitForFirstConsumer are kept', { reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }, { reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }],
    ['explicit empty values are kept (pointers upstream)', { reclaimPolicy: '', volumeBindingMode: '' }, { reclaimPolicy: '', volumeBindingMode: '' }],
    ['parameters, mount options and expansion are kept as written', { parameters: { type: 'pd-ssd' }, mountOptions: ['debug'], allowVolumeExpansion: true }, { parameters: { type: 'pd-ssd' }, mountOptions: ['debug'], allowVolumeExpansion: true }],
  ])('%s', (_name, patch, expected) => {
    expect(prepare(sc(patch))).toMatchObject(expected);
  });

  it('has no status to reset', () => {
    expect(STATUS_RESET_KINDS.has('StorageClass')).toBe(false);
  });
});

describe('StorageClass decoding: the schema', () => {
  it.each<[string, Obj, string[]]>([
    ['a spec (StorageClass fields are top-level)', sc({ spec: { provisioner: 'x' } }), ['spec: strict decoding error: unknown field "spec"']],
    ['allowVolumeExpansion as a string', sc({ allowVolumeExpansion: 'true' }), ['allowVolumeExpansion: json: cannot unmarshal string into Go struct field StorageClass.allowVolumeExpansion of type bool']],
    ['a parameter that is not a string', sc({ parameters: { iops: 3000 } }), ['parameters[iops]: json: cannot unmarshal number into Go struct field StorageClass.parameters of type string']],
  ])('%s', (_name, o, expected) => {
    expect(decodeErrors(o)).toEqual(expected);
  });
});

describe('StorageClass validation: ValidateStorageClass', () => {
  it.each<[string, Obj]>([
    ['a local-path class', sc()],
    ['a no-provisioner class binding on first consumer', sc({ provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' })],
    ['an upper-case provisioner (checked lower-cased)', sc({ provisioner: 'Kubernetes.io/GCE-PD' })],
    ['Retain', sc({ reclaimPolicy: 'Retain' })],
    ['an explicit empty reclaim policy (upstream only checks non-empty ones)', sc({ reclaimPolicy: '' })],
    ['parameters, mount options, expansion', sc({ parameters: { type: 'gp3', 'csi.storage.k8s.io/fstype': 'xfs' }, mountOptions: ['debug'], allowVolumeExpansion: true })],
    ['allowed topologies', sc({ allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['us-east-1a', 'us-east-1b'] }] }] })],
  ])('valid: %s', (_name, o) => {
    expect(errorsOf(o)).toEqual([]);
  });

  it.each<[string, Obj, string[]]>([
    ['the name must be a DNS subdomain', sc({ metadata: { name: 'Fast_SSD' } }), [`metadata.name: Invalid value: "Fast_SSD": ${DNS1123_SUBDOMAIN_MSG}`]],
    ['a provisioner is required', sc({ provisioner: undefined }), ['provisioner: Required value']],
    ['the provisioner must be a qualified name (printed lower-cased)', sc({ provisioner: 'Example.com/My Provisioner' }), [`provisioner: Invalid value: "example.com/my provisioner": ${LABEL_KEY_NAME_MSG}`]],
    ['Recycle is not a class reclaim policy', sc({ reclaimPolicy: 'Recycle' }), ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    ['an unknown binding mode', sc({ volumeBindingMode: 'Lazy' }), ['volumeBindingMode: Unsupported value: "Lazy": supported values: "Immediate", "WaitForFirstConsumer"']],
    ['an explicit empty binding mode (unlike the reclaim policy)', sc({ volumeBindingMode: '' }), ['volumeBindingMode: Unsupported value: "": supported values: "Immediate", "WaitForFirstConsumer"']],
    ['a parameter with an empty key', sc({ parameters: { '': 'x' } }), ['parameters: Invalid value: "": field can not be empty.']],
    ['a topology requirement needs values and a qualified key', sc({ allowedTopologies: [{ matchLabelExpressions: [{ key: 'bad key', values: [] }] }] }), [
      'allowedTopologies[0].matchLabelExpressions[0].values: Required value',
      `allowedTopologies[0].matchLabelExpressions[0].key: Invalid value: "bad key": ${LABEL_KEY_NAME_MSG}`,
    ]],
    ['duplicate topology values and keys', sc({ allowedTopologies: [{ matchLabelExpressions: [
      { key: 'zone', values: ['a', 'a'] }, { key: 'zone', values: ['b'] },
    ] }] }), [
      'allowedTopologies[0].matchLabelExpressions[0].values[1]: Duplicate value: "a"',
      'allowedTopologies[0].matchLabelExpressions[1].key: Duplicate value: "zone"',
    ]],
    ['two equal topology terms', sc({ allowedTopologies: [
      { matchLabelExpressions: [{ key: 'zone', values: ['a', 'b'] }] },
      { matchLabelExpressions: [{ key: 'zone', values: ['b', 'a'] }] },
    ] }), ['allowedTopologies[1].matchLabelExpressions: Duplicate value: ""']],
    ['a term without expressions is always a duplicate (upstream compares against nil placeholders)', sc({ allowedTopologies: [{}] }), [
      'allowedTopologies[0].matchLabelExpressions: Duplicate value: ""',
    ]],
  ])('%s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });
});

describe('StorageClass updates: ValidateStorageClassUpdate', () => {
  const stored = (): Obj => prepare(sc({ metadata: { name: 'standard', uid: 'u1' }, parameters: { type: 'ssd' } }));
  const update = (mutate: (o: Obj) => void): string[] => {
    const old = stored();
    const next = structuredClone(old);
    mutate(next);
    return validateUpdate(old, next).map(formatManifestError);
  };

  it.each<[string, (o: Obj) => void]>([
    ['nothing', () => {}],
    ['allowVolumeExpansion', (o) => (o.allowVolumeExpansion = true)],
    ['mount options', (o) => (o.mountOptions = ['debug'])],
    ['labels and annotations', (o) => (o.metadata.annotations = { 'storageclass.kubernetes.io/is-default-class': 'true' })],
  ])('a class may change %s', (_name, mutate) => {
    expect(update(mutate)).toEqual([]);
  });

  it.each<[string, (o: Obj) => void, string[]]>([
    ['its parameters', (o) => (o.parameters.type = 'hdd'), ['parameters: Forbidden: updates to parameters are forbidden.']],
    ['its parameters, even to none', (o) => delete o.parameters, ['parameters: Forbidden: updates to parameters are forbidden.']],
    ['its provisioner', (o) => (o.provisioner = 'example.com/other'), ['provisioner: Forbidden: updates to provisioner are forbidden.']],
    ['its reclaim policy', (o) => (o.reclaimPolicy = 'Retain'), ['reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.']],
    ['its binding mode', (o) => (o.volumeBindingMode = 'WaitForFirstConsumer'), ['volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable']],
  ])('a class may not change %s', (_name, mutate, expected) => {
    expect(update(mutate)).toEqual(expected);
  });
});
