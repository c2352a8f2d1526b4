/**
 * Pod QoS class: `ComputePodQOS` from pkg/apis/core/v1/helper/qos (kubectl's pkg/util/qos is the
 * same), shared by the manifest defaulting (status.qosClass on create) and `kubectl describe`.
 */
import { addQuantities, compareQuantities, tryParseQuantity, type Quantity } from './quantity.ts';

export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Only cpu and memory decide the class (isSupportedQoSComputeResource). */
const QOS_RESOURCES = ['cpu', 'memory'] as const;

/** A positive quantity, or undefined for anything else (missing, zero, negative, unparseable). */
function positive(v: unknown): Quantity | undefined {
  const text = typeof v === 'number' ? v : typeof v === 'string' ? v.trim() : undefined;
  if (text === undefined) return undefined;
  const r = tryParseQuantity(text);
  return r.ok && r.quantity.nanos > 0n ? r.quantity : undefined;
}

function add(into: Map<string, Quantity>, name: string, q: Quantity): void {
  const prev = into.get(name);
  into.set(name, prev ? addQuantities(prev, q) : q);
}

/**
 * `ComputePodQOS` of a pod spec (regular and init containers). A request that is not set defaults
 * to the limit, as the API server defaults it, so a spec gets the same class before and after
 * defaulting.
 */
export function computePodQOS(spec: unknown): PodQOSClass {
  const s = isObj(spec) ? spec : {};
  const containers = [
    ...(Array.isArray(s.containers) ? s.containers : []),
    ...(Array.isArray(s.initContainers) ? s.initContainers : []),
  ].filter(isObj);
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let isGuaranteed = true;
  for (const c of containers) {
    const res = isObj(c.resources) ? c.resources : {};
    const lim = isObj(res.limits) ? res.limits : {};
    const req = { ...lim, ...(isObj(res.requests) ? res.requests : {}) };
    let limitsFound = 0;
    for (const name of QOS_RESOURCES) {
      const rq = positive(req[name]);
      if (rq) add(requests, name, rq);
      const lq = positive(lim[name]);
      if (lq) {
        add(limits, name, lq);
        limitsFound++;
      }
    }
    if (limitsFound !== QOS_RESOURCES.length) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, rq] of requests) {
      const lq = limits.get(name);
      if (!lq || compareQuantities(lq, rq) !== 0) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
