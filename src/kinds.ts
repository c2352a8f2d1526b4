/**
 * The kind registry: which Kubernetes kinds this version of kubeactors knows, under which
 * apiVersion, whether they are namespaced, and the resource names kubectl resolves for them.
 *
 * Plurals, singulars and short names are those the API server's discovery documents advertise
 * (what `kubectl api-resources` prints), so `kubectl get po` / `deploy` / `sts` style names
 * resolve here exactly as they do against a real cluster.
 */

export interface KindInfo {
  /** CamelCase kind, as written in manifests (`Pod`). */
  readonly kind: string;
  /** API group; `''` for the legacy core group. */
  readonly group: string;
  /** Preferred version (`v1`). */
  readonly version: string;
  /** Preferred `apiVersion` string (`v1`, `apps/v1`). */
  readonly apiVersion: string;
  /** Every `apiVersion` a manifest may use for this kind. */
  readonly apiVersions: readonly string[];
  readonly namespaced: boolean;
  /** Lower-case plural resource name (`pods`). */
  readonly plural: string;
  /** Lower-case singular resource name (`pod`). */
  readonly singular: string;
  /** kubectl short names (`po`). */
  readonly shortNames: readonly string[];
  /** False for kinds that arrive in a later version of kubeactors. */
  readonly supported: boolean;
}

/** Group of an `apiVersion` (`apps/v1` → `apps`, `v1` → `''`). */
export function groupOfApiVersion(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function entry(
  apiVersion: string,
  kind: string,
  namespaced: boolean,
  plural: string,
  shortNames: string[],
  supported: boolean,
): KindInfo {
  return Object.freeze({
    kind,
    group: groupOfApiVersion(apiVersion),
    version: apiVersion.slice(apiVersion.indexOf('/') + 1),
    apiVersion,
    apiVersions: Object.freeze([apiVersion]),
    namespaced,
    plural,
    singular: kind.toLowerCase(),
    shortNames: Object.freeze(shortNames),
    supported,
  });
}

/**
 * Every kind kubeactors knows. Short names as served by kube-apiserver discovery
 * (`pkg/registry/<group>/<resource>/storage/storage.go`, `ShortNames()`).
 */
export const KINDS: readonly KindInfo[] = Object.freeze([
  // Supported now.
  entry('v1', 'Pod', true, 'pods', ['po'], true),
  entry('v1', 'Node', false, 'nodes', ['no'], true),
  entry('v1', 'Namespace', false, 'namespaces', ['ns'], true),
  entry('v1', 'Service', true, 'services', ['svc'], true),
  entry('v1', 'PersistentVolumeClaim', true, 'persistentvolumeclaims', ['pvc'], true),
  entry('v1', 'ConfigMap', true, 'configmaps', ['cm'], true),
  entry('apps/v1', 'ReplicaSet', true, 'replicasets', ['rs'], true),
  entry('v1', 'ReplicationController', true, 'replicationcontrollers', ['rc'], true),
  entry('apps/v1', 'Deployment', true, 'deployments', ['deploy'], true),
  entry('apps/v1', 'DaemonSet', true, 'daemonsets', ['ds'], true),
  entry('apps/v1', 'StatefulSet', true, 'statefulsets', ['sts'], true),
  entry('batch/v1', 'Job', true, 'jobs', [], true),
  entry('batch/v1', 'CronJob', true, 'cronjobs', ['cj'], true),
  entry('apps/v1', 'ControllerRevision', true, 'controllerrevisions', [], true),
  entry('v1', 'PersistentVolume', false, 'persistentvolumes', ['pv'], true),
  entry('storage.k8s.io/v1', 'StorageClass', false, 'storageclasses', ['sc'], true),
  // Events are recorded by the cluster, never applied by users; listed for `get events`.
  entry('v1', 'Event', true, 'events', ['ev'], true),
  // Arrive later in this project: known by name so they can be refused clearly.
  entry('v1', 'Endpoints', true, 'endpoints', ['ep'], false),
]);

/**
 * Real kinds that kubeactors neither serves nor plans to, known only so that kubectl's printers
 * can name and print objects of them (Secret, ServiceAccount, RBAC, CRDs …). Not in {@link KINDS}:
 * resolveKind, isNamespaced and lookupKind do not see them; {@link resolveAnyKind} does.
 */
export const OTHER_KINDS: readonly KindInfo[] = Object.freeze([
  entry('v1', 'Secret', true, 'secrets', [], false),
  entry('v1', 'ServiceAccount', true, 'serviceaccounts', ['sa'], false),
  entry('scheduling.k8s.io/v1', 'PriorityClass', false, 'priorityclasses', ['pc'], false),
  entry('rbac.authorization.k8s.io/v1', 'ClusterRole', false, 'clusterroles', [], false),
  entry('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', false, 'clusterrolebindings', [], false),
  entry('apiextensions.k8s.io/v1', 'CustomResourceDefinition', false, 'customresourcedefinitions', ['crd', 'crds'], false),
]);

function nameIndex(kinds: readonly KindInfo[]): Map<string, KindInfo> {
  const byName = new Map<string, KindInfo>();
  for (const info of kinds) {
    const names = [info.kind, info.plural, info.singular, ...info.shortNames];
    for (const n of names) {
      const lower = n.toLowerCase();
      if (!byName.has(lower)) byName.set(lower, info);
      // `deployments.apps`, `deployments.v1.apps` — kubectl's fully-qualified resource forms.
      if (info.group) {
        byName.set(`${lower}.${info.group}`, info);
        byName.set(`${lower}.${info.version}.${info.group}`, info);
      } else {
        byName.set(`${lower}.${info.version}`, info);
      }
    }
  }
  return byName;
}

/** A registry entry, built as the registry builds its own (e.g. for a kind it does not list). */
export { entry as kindInfo };

const byName = nameIndex(KINDS);
const otherByName = nameIndex(OTHER_KINDS);

/**
 * Resolve a kind name as kubectl would: kind, plural, singular or short name, case-insensitive,
 * optionally qualified with its group (`deployments.apps`) or version and group
 * (`deployments.v1.apps`). Returns undefined for names this registry does not know.
 */
export function resolveKind(nameOrAlias: string): KindInfo | undefined {
  if (typeof nameOrAlias !== 'string') return undefined;
  return byName.get(nameOrAlias.trim().toLowerCase());
}

/** {@link resolveKind}, then the kinds only printers know ({@link OTHER_KINDS}). */
export function resolveAnyKind(nameOrAlias: string): KindInfo | undefined {
  if (typeof nameOrAlias !== 'string') return undefined;
  return resolveKind(nameOrAlias) ?? otherByName.get(nameOrAlias.trim().toLowerCase());
}

/** Whether a kind (any name resolveKind accepts) is namespaced; unknown kinds are reported as namespaced like most kinds. */
export function isNamespaced(kind: string): boolean {
  return resolveKind(kind)?.namespaced ?? true;
}

/**
 * The API server's answer to an apiVersion/kind pair it has no REST mapping for
 * (apimachinery `meta.NoKindMatchError.Error()`, `pkg/api/meta/errors.go`).
 */
export function noMatchesMessage(kind: string, apiVersion: string): string {
  return `no matches for kind "${kind}" in version "${apiVersion}"`;
}

/** How kubeactors refuses a real Kubernetes kind it does not simulate yet. */
export function unsupportedKindMessage(info: KindInfo): string {
  return `kind "${info.kind}" (${info.apiVersion}) is not supported by this version of kubeactors yet`;
}

export type KindLookup =
  | { ok: true; info: KindInfo }
  | { ok: false; reason: 'no-match' | 'unsupported'; message: string; info?: KindInfo };

/**
 * Look up the kind a manifest declares. Like the API server's REST mapper this is exact and
 * case-sensitive on `kind` (a manifest with `kind: pod` has no match) and requires one of the
 * kind's served versions (`extensions/v1beta1` Deployments were removed in 1.16, so they do
 * not match either).
 */
export function lookupKind(apiVersion: string, kind: string): KindLookup {
  const info = KINDS.find((k) => k.kind === kind && k.apiVersions.includes(apiVersion));
  if (!info) return { ok: false, reason: 'no-match', message: noMatchesMessage(kind, apiVersion) };
  if (!info.supported) return { ok: false, reason: 'unsupported', message: unsupportedKindMessage(info), info };
  return { ok: true, info };
}
