/**
 * ReplicationController (`v1`) specifics: defaulting and the equality selector.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/apis/core/v1/defaults.go      SetDefaults_ReplicationController
 *  - pkg/apis/core/v1/conversion.go    Convert_v1_ReplicationControllerSpec_To_apps_ReplicaSetSpec
 *                                      (the RC controller is the ReplicaSet controller behind this conversion)
 *  - staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/conversion.go
 *                                      Convert_Map_string_To_string_To_v1_LabelSelector (AddLabelToSelector)
 */
import type { LabelSelector } from '../../src/types.ts';
import { selectorFromLabelSelector, type LabelSelectorData } from '../../src/labels.ts';

export interface ReplicationControllerLike {
  metadata?: { labels?: Record<string, string>; [k: string]: unknown };
  spec?: {
    replicas?: number;
    selector?: Record<string, string> | null;
    template?: { metadata?: { labels?: Record<string, string> | null; [k: string]: unknown }; [k: string]: unknown } | null;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/**
 * defaults.go `SetDefaults_ReplicationController` (returns a copy): when the template has labels
 * (a non-nil map), an empty `spec.selector` becomes the template labels and empty
 * `metadata.labels` become the template labels; a nil `spec.replicas` becomes 1.
 */
export function setDefaultsReplicationController<T extends ReplicationControllerLike>(rc: T): T {
  const out: T = { ...rc, metadata: { ...rc.metadata }, spec: { ...rc.spec } };
  const spec = out.spec!;
  const labels = spec.template ? spec.template.metadata?.labels : undefined;
  if (labels != null) {
    if (Object.keys(spec.selector ?? {}).length === 0) spec.selector = { ...labels };
    if (Object.keys(out.metadata!.labels ?? {}).length === 0) out.metadata!.labels = { ...labels };
  }
  if (spec.replicas == null) spec.replicas = 1;
  return out;
}

/**
 * conversion.go: a nil RC selector converts to a nil LabelSelector (selects nothing); a map
 * (even empty) to `{matchLabels: map}` (empty selects everything; validation rejects it).
 */
export function rcSelectorToLabelSelector(selector: Record<string, string> | null | undefined): LabelSelector | null {
  if (selector == null) return null;
  return { matchLabels: { ...selector } };
}

/** The RC's selector as data for `matches` (`LabelSelectorAsSelector` of the converted selector). */
export function rcSelector(selector: Record<string, string> | null | undefined): LabelSelectorData {
  return selectorFromLabelSelector(rcSelectorToLabelSelector(selector));
}
