/**
 * The scheduler's resource bookkeeping:
 *  - pod requests: `resourcehelper.PodRequests` (staging/src/k8s.io/component-helpers/resource/helpers.go):
 *    sum of containers (and restartable "sidecar" init containers), max'd with each init container
 *    (plus the sidecars started before it), plus `spec.overhead`;
 *  - non-zero requests for scoring: the same with 100m CPU / 200Mi memory for a container that
 *    does not request them (`schedutil.DefaultMilliCPURequest`, `DefaultMemoryRequest`,
 *    `NonMissingContainerRequests`);
 *  - NodeInfo: pkg/scheduler/framework/types.go (`Allocatable`, `Requested`, `NonZeroRequested`,
 *    `len(Pods)`), updated incrementally by AddPod/RemovePod.
 */
import type { Container, Node, Pod } from '../types.ts';
import { parseQuantity, quantityMilliValue, quantityValue } from '../quantity.ts';

/** `schedutil.DefaultMilliCPURequest` */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** `schedutil.DefaultMemoryRequest` (200Mi) */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface NodeInfo {
  node: Node;
  /** From `node.status.allocatable` (cpu as milli-cores, memory in bytes, pod count). */
  allocatable: { milliCPU: number; memory: number; pods: number };
  /** Sum of the requests of the pods on the node; `pods` is the number of pods. */
  requested: { milliCPU: number; memory: number; pods: number };
  /** Sum of the non-zero requests (defaults for missing requests), used by scoring. */
  nonZeroRequested: { milliCPU: number; memory: number };
}

/** A pod's requests, computed once and reused for every add/remove and scheduling attempt. */
export interface PodRequests {
  readonly milliCPU: number;
  readonly memory: number;
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
}

const NANO = 1_000_000_000n;
const DEFAULT_CPU_NANOS = BigInt(DEFAULT_MILLI_CPU_REQUEST) * 1_000_000n;
const DEFAULT_MEM_NANOS = BigInt(DEFAULT_MEMORY_REQUEST) * NANO;

type ResourceMap = Readonly<Record<string, string | number>> | undefined;

function has(list: ResourceMap, name: string): boolean {
  return list != null && Object.prototype.hasOwnProperty.call(list, name) && list[name] !== undefined && list[name] !== null;
}

/**
 * A container's request for a resource in nano-units. Requests missing but with a limit take the
 * limit, as API-server defaulting does (pkg/apis/core/v1/defaults.go); when `nonMissing` is given
 * and neither is set, that default is used.
 */
function containerRequest(c: Container, name: 'cpu' | 'memory', nonMissing: bigint | null): bigint {
  const req = c.resources?.requests as ResourceMap;
  if (has(req, name)) return parseQuantity(req![name] as string | number).nanos;
  const lim = c.resources?.limits as ResourceMap;
  if (has(lim, name)) return parseQuantity(lim![name] as string | number).nanos;
  return nonMissing ?? 0n;
}

function aggregate(pod: Pod, name: 'cpu' | 'memory', nonMissing: bigint | null): bigint {
  const spec = pod.spec;
  if (!spec) return 0n;
  let reqs = 0n;
  for (const c of spec.containers ?? []) reqs += containerRequest(c, name, nonMissing);
  let restartable = 0n;
  let initMax = 0n;
  for (const c of spec.initContainers ?? []) {
    const r = containerRequest(c, name, nonMissing);
    let phase: bigint;
    if (c.restartPolicy === 'Always') {
      // a sidecar runs alongside the app containers and every later init container
      reqs += r;
      restartable += r;
      phase = restartable;
    } else {
      phase = r + restartable;
    }
    if (phase > initMax) initMax = phase;
  }
  if (initMax > reqs) reqs = initMax;
  const overhead = spec.overhead as ResourceMap;
  if (has(overhead, name)) reqs += parseQuantity(overhead![name] as string | number).nanos;
  return reqs;
}

/** ceil(n / d) away from zero, as `Quantity.MilliValue()` / `Value()` round. */
function scaled(n: bigint, d: bigint): number {
  if (n === 0n) return 0;
  const neg = n < 0n;
  const m = neg ? -n : n;
  const v = Number((m + d - 1n) / d);
  return neg ? -v : v;
}

/** `PodRequests(pod)` for cpu (milli-cores) and memory (bytes), plus the non-zero variants. */
export function podRequests(pod: Pod): PodRequests {
  return {
    milliCPU: scaled(aggregate(pod, 'cpu', null), 1_000_000n),
    memory: scaled(aggregate(pod, 'memory', null), NANO),
    nonZeroMilliCPU: scaled(aggregate(pod, 'cpu', DEFAULT_CPU_NANOS), 1_000_000n),
    nonZeroMemory: scaled(aggregate(pod, 'memory', DEFAULT_MEM_NANOS), NANO),
  };
}

/** `NodeInfo.SetNode`: allocatable comes from `status.allocatable` only, as upstream. */
export function nodeAllocatable(node: Node): NodeInfo['allocatable'] {
  const a = node.status?.allocatable as ResourceMap;
  return {
    milliCPU: has(a, 'cpu') ? quantityMilliValue(a!.cpu as string | number) : 0,
    memory: has(a, 'memory') ? quantityValue(a!.memory as string | number) : 0,
    pods: has(a, 'pods') ? quantityValue(a!.pods as string | number) : 0,
  };
}

/** `framework.NewNodeInfo(pods...)` + `SetNode(node)`. */
export function newNodeInfo(node: Node, pods: readonly (Pod | PodRequests)[] = []): NodeInfo {
  const ni: NodeInfo = {
    node,
    allocatable: nodeAllocatable(node),
    requested: { milliCPU: 0, memory: 0, pods: 0 },
    nonZeroRequested: { milliCPU: 0, memory: 0 },
  };
  for (const p of pods) addPod(ni, p);
  return ni;
}

/** Replaces the node object (labels, taints, allocatable changed) keeping the pod accounting. */
export function setNode(ni: NodeInfo, node: Node): void {
  ni.node = node;
  ni.allocatable = nodeAllocatable(node);
}

function toRequests(p: Pod | PodRequests): PodRequests {
  return 'nonZeroMilliCPU' in p ? p : podRequests(p);
}

/** `NodeInfo.AddPod`: O(1); pass precomputed {@link PodRequests} in hot loops. */
export function addPod(ni: NodeInfo, p: Pod | PodRequests): void {
  const r = toRequests(p);
  ni.requested.milliCPU += r.milliCPU;
  ni.requested.memory += r.memory;
  ni.requested.pods += 1;
  ni.nonZeroRequested.milliCPU += r.nonZeroMilliCPU;
  ni.nonZeroRequested.memory += r.nonZeroMemory;
}

/** `NodeInfo.RemovePod`: the inverse of {@link addPod}. */
export function removePod(ni: NodeInfo, p: Pod | PodRequests): void {
  const r = toRequests(p);
  ni.requested.milliCPU -= r.milliCPU;
  ni.requested.memory -= r.memory;
  ni.requested.pods -= 1;
  ni.nonZeroRequested.milliCPU -= r.nonZeroMilliCPU;
  ni.nonZeroRequested.memory -= r.nonZeroMemory;
}
