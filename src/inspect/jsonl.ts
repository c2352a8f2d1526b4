/**
 * JSONL traces: one Stately inspection event per line (`@xstate.actor`, `@xstate.event`,
 * `@xstate.snapshot`), written through `@statelyai/inspect`'s `createInspector(adapter)` — the
 * offline way to inspect. Same manifests, seed and commands ⇒ byte-identical trace: actors are
 * named by path (see bridge.ts), `createdAt` is simulated time, `id` is null. Line format:
 * docs/inspect.md.
 *
 *   const trace = createJsonlInspector({ path: 'trace.jsonl' }, { now: () => cluster.now() });
 *   const cluster = createCluster({ seed: 1, inspect: trace.inspect });
 *   cluster.apply(yaml); cluster.advance('30s');
 *   trace.close();
 *
 * Tracing never changes the run: nothing here throws into an actor. A failure (a throwing sink,
 * a write error, data JSON cannot encode) is kept and thrown by the next `flush()` / `close()`.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import type { AnyActorRef, AnyEventObject, InspectionEvent, MachineContext } from 'xstate';
import { Bridge } from './bridge.ts';

export type JsonlSink = ((line: string) => void) | { path: string };

export interface JsonlInspectorOptions {
  /**
   * Simulated time for `createdAt` (ms since epoch); without it lines carry no `createdAt`.
   * While it throws (`() => cluster.now()` during `createCluster`, which runs the bootstrap
   * before `cluster` is assigned) lines wait and take the first time it gives. Can also be set
   * later as `trace.now`.
   */
  now?: () => number;
  /** Put the machine definition on each actor line (Stately's viewer draws it). Default true. */
  definitions?: boolean;
  /**
   * 'omit' (default): a snapshot line leaves out `context` when it is unchanged since the
   * actor's previous line (the same object, as XState keeps it when nothing was assigned) —
   * about half the bytes of a probe-heavy trace. 'repeat': every snapshot line carries it.
   */
  unchangedContext?: 'omit' | 'repeat';
  /** Passed to `createInspector`: keep only the events for which it returns true. */
  filter?: (event: StatelyInspectionEvent) => boolean;
  /** Passed to `createInspector`: rewrite contexts (e.g. to redact) before they are written. */
  sanitizeContext?: (context: MachineContext) => MachineContext;
  /** Passed to `createInspector`: rewrite events before they are written. */
  sanitizeEvent?: (event: AnyEventObject) => AnyEventObject;
}

export interface JsonlInspector {
  /** The XState inspection callback: `createCluster({ inspect: trace.inspect })`. */
  readonly inspect: (e: InspectionEvent) => void;
  /** Simulated clock for `createdAt`; see the option. */
  now?: () => number;
  /** Traces an actor system that is already running (announces its live actors first). */
  attach(actor: AnyActorRef): () => void;
  /** Writes out what is buffered; throws the first failure met since the last flush. */
  flush(): void;
  /** Flushes, stops tracing and closes the file (if the sink is a path). Idempotent. */
  close(): void;
  /** Lines written so far. */
  readonly lines: number;
}

const WAIT = Symbol('wait');

/** Bytes buffered before a path sink writes. */
const CHUNK = 1 << 20;

export function createJsonlInspector(sink: JsonlSink, opts: JsonlInspectorOptions = {}): JsonlInspector {
  const out = typeof sink === 'function' ? { write: sink, flush() {}, close() {} } : fileSink(sink.path);
  let failure: unknown;
  let closed = false;
  let lines = 0;
  /** Lines waiting for the clock to answer. */
  let held: StatelyInspectionEvent[] = [];
  const detachers: (() => void)[] = [];

  const adapter = {
    send(ev: StatelyInspectionEvent) {
      if (closed) return;
      try {
        const t = time();
        if (t === WAIT) {
          held.push(ev);
          return;
        }
        if (held.length) release(t);
        write(ev, t);
      } catch (e) {
        failure ??= e;
      }
    },
  };
  const sanitize = opts.sanitizeContext;
  const inspector = createInspector(adapter, {
    filter: opts.filter,
    // A snapshot line without context (unchanged) has nothing to sanitize.
    sanitizeContext: sanitize && ((c: MachineContext) => (c === undefined ? c : sanitize(c))),
    sanitizeEvent: opts.sanitizeEvent,
  });
  const bridge = new Bridge(inspector, { definitions: opts.definitions, omitUnchangedContext: opts.unchangedContext !== 'repeat' });

  // JSON.stringify has met toJSON already (an ActorRef gives `{xstate$$type, id}`, a snapshot its
  // plain form); `this[key]` is the value before that.
  function replacer(this: any, key: string, value: unknown): unknown {
    if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
    const raw = this[key];
    if (raw !== value && raw && typeof raw === 'object' && typeof raw.send === 'function' && typeof raw.sessionId === 'string') return bridge.refJSON(raw);
    if (value instanceof Error) return { name: value.name, message: value.message };
    if (value instanceof Map) return Object.fromEntries(value);
    if (value instanceof Set) return [...value];
    return value;
  }

  function write(ev: StatelyInspectionEvent, t: number | undefined): void {
    const e = bridge.finish(ev) as any;
    // `type` and `sessionId` first so a line says what and who before its payload.
    const line = JSON.stringify({ type: e.type, sessionId: e.sessionId, ...e, id: null, createdAt: t === undefined ? undefined : String(t) }, replacer);
    lines++;
    out.write(line);
  }

  function release(t: number | undefined): void {
    const list = held;
    held = [];
    for (const ev of list) write(ev, t);
  }

  /** Simulated now; undefined without a clock; WAIT while the clock cannot answer yet. */
  function time(): number | undefined | typeof WAIT {
    const now = api.now;
    if (!now) return undefined;
    try {
      const t = now();
      return typeof t === 'number' && Number.isFinite(t) ? t : WAIT;
    } catch {
      // `() => cluster.now()` while `createCluster` has not returned yet.
      return WAIT;
    }
  }

  const inspect = (e: InspectionEvent): void => {
    if (closed) return;
    try {
      bridge.inspect(e);
    } catch (err) {
      failure ??= err;
    }
  };

  const api: JsonlInspector = {
    inspect,
    now: opts.now,
    attach(actor) {
      const detach = bridge.attach(actor, inspect);
      detachers.push(detach);
      return detach;
    },
    flush() {
      if (!closed) {
        try {
          bridge.flushPending();
          if (held.length) {
            const t = time();
            release(t === WAIT ? undefined : t);
          }
        } catch (e) {
          failure ??= e;
        }
      }
      try {
        out.flush();
      } catch (e) {
        failure ??= e;
      }
      if (failure !== undefined) {
        const f = failure;
        failure = undefined;
        throw f;
      }
    },
    close() {
      if (closed) return;
      try {
        api.flush();
      } finally {
        closed = true;
        for (const d of detachers) d();
        out.close();
      }
    },
    get lines() {
      return lines;
    },
  };
  return api;
}

/** Appends to a file: buffered, written synchronously (so a CLI command's trace is complete when it returns). */
function fileSink(path: string) {
  const fd = openSync(path, 'a');
  let buf: string[] = [];
  let size = 0;
  let open = true;
  const flush = () => {
    if (!buf.length) return;
    const data = Buffer.from(buf.join(''));
    buf = [];
    size = 0;
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off);
  };
  return {
    write(line: string) {
      buf.push(line, '\n');
      size += line.length + 1;
      if (size >= CHUNK) flush();
    },
    flush,
    close() {
      if (!open) return;
      open = false;
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}
