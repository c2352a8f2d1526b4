/**
 * Kubernetes Events, recorded the way client-go's EventCorrelator does it
 * (`tools/record/events_cache.go`): an event identical in source, involved object, type, reason
 * and message to an earlier one bumps that one's `count` and `lastTimestamp` instead of making a
 * new object. Events expire after the API server's `--event-ttl` (1h).
 */
import type { RecordedEvent } from '../../machines/env.ts';
import type { Event } from '../types.ts';

export const EVENT_TTL_MS = 3_600_000;

export interface StoredEvent {
  name: string;
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
  uid: string;
  rv: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class EventRecorder {
  events: StoredEvent[] = [];
  private byKey = new Map<string, StoredEvent>();
  private seq = 0;

  constructor(
    private now: () => number,
    private nextRv: () => number,
    private uid: () => string,
  ) {}

  record(e: RecordedEvent): void {
    const now = this.now();
    const i = e.involved;
    const key = `${e.component}\u0000${e.host ?? ''}\u0000${i.kind}\u0000${i.namespace ?? ''}\u0000${i.name}\u0000${i.uid ?? ''}\u0000${i.fieldPath ?? ''}\u0000${e.type}\u0000${e.reason}\u0000${e.message}`;
    const old = this.byKey.get(key);
    if (old && now - old.last <= EVENT_TTL_MS) {
      old.count++;
      old.last = now;
      old.rv = this.nextRv();
      return;
    }
    // Event names are `<involved name>.<hex of the creation time in ns>` (client-go makeEvent).
    const ns = BigInt(now) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    const ev: StoredEvent = {
      name: `${i.name}.${ns.toString(16)}`,
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
      uid: this.uid(),
      rv: this.nextRv(),
    };
    this.byKey.set(key, ev);
    this.events.push(ev);
    if (this.events.length % 4096 === 0) this.expire();
  }

  /** Drops events whose last occurrence is older than the TTL. */
  expire(): void {
    const cutoff = this.now() - EVENT_TTL_MS;
    if (!this.events.length || this.events[0]!.last >= cutoff && this.events.every((e) => e.last >= cutoff)) return;
    this.events = this.events.filter((e) => e.last >= cutoff);
    this.byKey = new Map(this.events.map((e) => [keyOf(e), e]));
  }

  list(): Event[] {
    this.expire();
    return this.events.map(toEvent);
  }

  snapshot(): { seq: number; events: StoredEvent[] } {
    return { seq: this.seq, events: this.events.map((e) => ({ ...e })) };
  }

  restore(s: { seq: number; events: StoredEvent[] }): void {
    this.seq = s.seq;
    this.events = s.events.map((e) => ({ ...e }));
    this.byKey = new Map(this.events.map((e) => [keyOf(e), e]));
  }
}

function keyOf(e: StoredEvent): string {
  const i = e.involved;
  return `${e.component}\u0000${e.host ?? ''}\u0000${i.kind}\u0000${i.namespace ?? ''}\u0000${i.name}\u0000${i.uid ?? ''}\u0000${i.fieldPath ?? ''}\u0000${e.type}\u0000${e.reason}\u0000${e.message}`;
}

/** A core/v1 Event object as `kubectl get events -o yaml` shows it. */
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
    metadata: { name: e.name, namespace: e.namespace, uid: e.uid, resourceVersion: String(e.rv), creationTimestamp: iso(e.first) },
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
