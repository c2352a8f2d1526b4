/**
 * Kubernetes object types. The shapes come from the maintained `kubernetes-types` package
 * (generated from the OpenAPI spec), so field names match the API server's exactly.
 */
import type {
  Pod, PodSpec, PodStatus, Container, ContainerStatus, ContainerState, Probe, Node, NodeSpec,
  NodeStatus, Taint, Toleration, Namespace, Service, PersistentVolumeClaim, ConfigMap, Event,
  PodCondition, NodeSelectorRequirement, NodeSelectorTerm, NodeAffinity, Affinity, EphemeralContainer,
  ResourceRequirements,
} from 'kubernetes-types/core/v1.d.ts';
import type { ObjectMeta, OwnerReference, LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.d.ts';

export type {
  Pod, PodSpec, PodStatus, Container, ContainerStatus, ContainerState, Probe, Node, NodeSpec,
  NodeStatus, Taint, Toleration, Namespace, Service, PersistentVolumeClaim, ConfigMap, Event,
  PodCondition, NodeSelectorRequirement, NodeSelectorTerm, NodeAffinity, Affinity, EphemeralContainer,
  ResourceRequirements, ObjectMeta, OwnerReference, LabelSelector, LabelSelectorRequirement,
};

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Any Kubernetes object as plain JSON (the cluster fills in the server-set metadata). */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: Mutable<ObjectMeta> & { name: string };
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones. */
export type ObjectKey = string;
