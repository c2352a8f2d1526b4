/**
 * Kubernetes Events, recorded the way client-go's EventCorrelator does it
 * (`tools/record/events_cache.go`): an event identical in source, involved object, type, reason
 * and message to an earlier one bumps that one's `count` and `lastTimestamp` instead of making a
 * new object. Events expire after the API server's `--event-ttl` (1h).
 */
import type { RecordedEvent } from '../../machines/env.ts';
import type { Event } from '../types.ts';
import { iso } from '../../machines/time.ts';

export const EVENT_TTL_MS = 3_600_000;
const EXPIRY_INTERVAL_MS = 60_000;

export interface StoredEvent {
  /** Creation sequence number; the object's name and uid derive from it and `first`. */
  seq: number;
  namespace: string;
  type: string;
  reason: string;
  message: string;
  involved: RecordedEvent['involved'];
  component: string;
  host?: string;
  first: number;
  last: number;
  count: number;
  rv: number;
}


export interface EventsSnapshot {
  seq: number;
  lastExpiry?: number | null;
  events: StoredEvent[];
}

export class EventRecorder {
  events: StoredEvent[] = [];
  /**
   * The latest event per aggregation key (object, type, reason, message, source): a lookup, not a
   * search — a ReplicaSet's 10,000 distinct "Created pod: …" events would otherwise make recording
   * O(events of the object).
   */
  private byKey = new Map<string, StoredEvent>();
  /** Each stored event's aggregation key (computed once: expiry unindexes without recomputing). */
  private keys = new WeakMap<StoredEvent, string>();
  private seq = 0;
  private lastExpiry = -Infinity;

  constructor(
    private now: () => number,
    private nextRv: () => number,
  ) {}

  record(e: RecordedEvent): void {
    const now = this.now();
    const i = e.involved;
    const key = aggregationKey(e);
    const old = this.byKey.get(key);
    if (old && now - old.last <= EVENT_TTL_MS) {
      old.count++;
      old.last = now;
      old.rv = this.nextRv();
      return;
    }
    const ev: StoredEvent = {
      seq: this.seq++,
      namespace: i.namespace ?? 'default',
      type: e.type,
      reason: e.reason,
      message: e.message,
      involved: i,
      component: e.component,
      host: e.host,
      first: now,
      last: now,
      count: 1,
      rv: this.nextRv(),
    };
    this.byKey.set(key, ev);
    this.keys.set(ev, key);
    this.events.push(ev);
    if (now - this.lastExpiry >= EXPIRY_INTERVAL_MS) this.expire();
  }

  /**
   * Drops events whose last occurrence is older than the TTL. Runs at most once per simulated
   * minute from `record` (one pass over the list), so recording stays O(1) amortised.
   */
  expire(): void {
    const now = this.now();
    this.lastExpiry = now;
    const cutoff = now - EVENT_TTL_MS;
    if (!this.events.some((e) => e.last < cutoff)) return;
    const kept: StoredEvent[] = [];
    for (const e of this.events) {
      if (e.last >= cutoff) {
        kept.push(e);
        continue;
      }
      // An expired event leaves the index only if it is still its key's latest.
      const key = this.keys.get(e) ?? aggregationKey(e);
      if (this.byKey.get(key) === e) this.byKey.delete(key);
    }
    this.events = kept;
  }

  /** Events not yet expired (reading never changes what is stored). */
  list(): Event[] {
    const cutoff = this.now() - EVENT_TTL_MS;
    return this.events.filter((e) => e.last >= cutoff).map(toEvent);
  }

  snapshot(): EventsSnapshot {
    return { seq: this.seq, lastExpiry: Number.isFinite(this.lastExpiry) ? this.lastExpiry : null, events: this.events.map((e) => ({ ...e })) };
  }

  restore(s: EventsSnapshot): void {
    this.seq = s.seq;
    this.lastExpiry = s.lastExpiry ?? -Infinity;
    this.events = s.events.map((e) => ({ ...e }));
    this.reindex();
  }

  private reindex(): void {
    this.byKey = new Map();
    // In recording order, so the latest event of a key wins, as when it was recorded.
    for (const e of this.events) {
      const key = aggregationKey(e);
      this.byKey.set(key, e);
      this.keys.set(e, key);
    }
  }
}

function objectKey(i: RecordedEvent['involved']): string {
  return i.uid ?? `${i.kind}/${i.namespace ?? ''}/${i.name}`;
}

/** The EventCorrelator's aggregation key: same source, object, type, reason and message. */
function aggregationKey(e: { type: string; reason: string; message: string; component: string; host?: string; involved: RecordedEvent['involved'] }): string {
  const i = e.involved;
  return JSON.stringify([objectKey(i), i.kind, i.name, i.namespace ?? '', i.fieldPath ?? '', e.type, e.reason, e.message, e.component, e.host ?? '']);
}

/** A core/v1 Event object as `kubectl get events -o yaml` shows it. */
/** `<involved name>.<hex of the creation time in ns>` (client-go makeEvent); seq keeps it unique. */
export function eventName(e: StoredEvent): string {
  const ns = BigInt(e.first) * 1_000_000n + BigInt(e.seq % 1_000_000);
  return `${e.involved.name}.${ns.toString(16)}`;
}

/** A stable UUID-shaped uid derived from the event's sequence number. */
export function eventUid(e: StoredEvent): string {
  const h = (e.seq + 0x9e3779b9).toString(16).padStart(12, '0').slice(-12);
  return `e0e0e0e0-0000-4000-8000-${h}`;
}

export function toEvent(e: StoredEvent): Event {
  const involvedObject: Event['involvedObject'] = {
    apiVersion: 'v1',
    kind: e.involved.kind,
    name: e.involved.name,
  };
  if (e.involved.namespace) involvedObject.namespace = e.involved.namespace;
  if (e.involved.uid) involvedObject.uid = e.involved.uid;
  if (e.involved.fieldPath) involvedObject.fieldPath = e.involved.fieldPath;
  const source: Event['source'] = { component: e.component };
  if (e.host) source.host = e.host;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: eventName(e), namespace: e.namespace, uid: eventUid(e), resourceVersion: String(e.rv), creationTimestamp: iso(e.first) },
    involvedObject,
    reason: e.reason,
    message: e.message,
    source,
    firstTimestamp: iso(e.first),
    lastTimestamp: iso(e.last),
    count: e.count,
    type: e.type,
    eventTime: null as unknown as undefined,
    reportingComponent: e.component,
    reportingInstance: e.host ?? '',
  };
}
