/**
 * The inspection bridge: turns XState's inspection stream into `@statelyai/inspect` events whose
 * content is the same in every run with the same seed.
 *
 * Why not `inspector.inspect` (the observer `@statelyai/inspect` offers for XState): it converts
 * each event in a `setTimeout(0)` — after the cluster's synchronous step, so an actor line shows
 * the actor's state at the end of the step rather than at creation — and it names actors by
 * XState's process-wide `sessionId` (`x:0`, `x:1`, …), which depends on everything the process
 * did before. The bridge converts synchronously and feeds the inspector's manual API
 * (`actor` / `event` / `snapshot`), so the events still pass through `createInspector`'s options
 * (filter, sanitizeContext, sanitizeEvent) and reach any Stately adapter in Stately's wire format.
 *
 * Actor ids are paths: the actor's `systemId` when it has one (`Pod/default/nginx`,
 * `Node/node-1`), otherwise its parent's path and its own id (`Pod/default/nginx/app/liveness`),
 * the root being named after its machine (`cluster`). An actor that reuses a path already
 * taken in this trace (a pod deleted and created again under the same name) gets `#2`, `#3`, …
 */
import type { createInspector, StatelyInspectionEvent } from '@statelyai/inspect';
import type { AnyActorRef, AnyEventObject, InspectionEvent } from 'xstate';

type Inspector = Pick<ReturnType<typeof createInspector>, 'actor' | 'event' | 'snapshot'>;

/** The part of a snapshot a trace shows. */
export interface TracedSnapshot {
  status: string;
  value?: unknown;
  context?: unknown;
  /** Child actors: their id → path. */
  children?: Record<string, string>;
  tags?: string[];
  output?: unknown;
  error?: unknown;
}

export interface BridgeOptions {
  /**
   * Put the machine definition (JSON text of its config, which Stately's viewer draws) on each
   * actor line. Default true.
   */
  definitions?: boolean;
  /**
   * Leave `context` out of a snapshot when it is the very object the actor's previous actor or
   * snapshot event carried (XState keeps the object when nothing assigned to it). Default false.
   */
  omitUnchangedContext?: boolean;
}

/** What the bridge hands the inspector as an actor: only what `inspector.actor` reads. */
interface ActorLike {
  sessionId: string;
  logic?: unknown;
  _parent?: ActorLike;
}

/** `xstate.done.actor.<id>` & co. name the actor by `id`, which is its sessionId when unnamed. */
const ID_IN_TYPE = /^(xstate\.(?:done\.actor|error\.actor|snapshot)\.)(x:\d+)$/;

export class Bridge {
  private readonly paths = new WeakMap<object, string>();
  private readonly likes = new WeakMap<object, ActorLike>();
  private readonly bySession = new Map<string, string>();
  private readonly rootOf = new Map<string, string>();
  private readonly used = new Map<string, number>();
  private readonly announced = new WeakSet<object>();
  private pending: AnyActorRef[] = [];
  private readonly definitions: boolean;
  private readonly omitUnchanged: boolean;
  private readonly lastContext = new WeakMap<object, unknown>();

  constructor(
    private readonly inspector: Inspector,
    opts: BridgeOptions = {},
  ) {
    this.definitions = opts.definitions ?? true;
    this.omitUnchanged = opts.omitUnchangedContext ?? false;
  }

  /** The XState inspection callback (`createCluster({ inspect })`, `createActor(…, { inspect })`). */
  readonly inspect = (ev: InspectionEvent): void => {
    // XState types the refs as ActorRefLike; they are the live actors.
    const e = ev as InspectionEvent & { actorRef: AnyActorRef; sourceRef?: AnyActorRef };
    switch (e.type) {
      case '@xstate.actor':
        // Sent from the actor's constructor, before its systemId is registered and its first
        // snapshot exists: name it now, announce it with the next event (or flush).
        this.pathOf(e.actorRef);
        this.pending.push(e.actorRef);
        return;
      case '@xstate.event': {
        if (this.pending.length) this.flushPending();
        const target = this.announce(e.actorRef);
        const source = e.sourceRef ? this.announce(e.sourceRef) : undefined;
        this.inspector.event(target, this.event(e.event), source === undefined ? undefined : { source });
        return;
      }
      case '@xstate.snapshot': {
        if (this.pending.length) this.flushPending();
        const id = this.announce(e.actorRef);
        this.inspector.snapshot(id, this.snapshot(e.actorRef, e.snapshot) as any, { event: this.event(e.event) });
        return;
      }
      default:
        // Microsteps and actions: `@statelyai/inspect` forwards neither.
        return;
    }
  };

  /** Announces actors created since the last event (their first snapshot now exists). */
  flushPending(): void {
    const list = this.pending;
    this.pending = [];
    for (const ref of list) this.announce(ref);
  }

  /**
   * Follows an actor system that is already running: every live actor is announced now (with
   * its current snapshot) and later events go to `observer` (default: this bridge's `inspect`;
   * pass a wrapper that guards it). Returns the way to stop.
   */
  attach(actor: AnyActorRef, observer: (e: InspectionEvent) => void = this.inspect): () => void {
    const sub = actor.system.inspect(observer);
    let top: AnyActorRef = actor;
    while ((top as any)._parent) top = (top as any)._parent;
    const tree = (ref: AnyActorRef) => {
      this.announce(ref);
      for (const child of Object.values(((ref.getSnapshot() as any)?.children ?? {}) as Record<string, AnyActorRef>)) tree(child);
    };
    tree(top);
    for (const ref of Object.values(actor.system.getAll() as Record<string, AnyActorRef>)) tree(ref);
    return () => sub.unsubscribe();
  }

  /** The actor's deterministic id in this trace. */
  pathOf(ref: AnyActorRef): string {
    const known = this.paths.get(ref);
    if (known !== undefined) return known;
    const r = ref as any;
    const parent: AnyActorRef | undefined = r._parent;
    const systemId: string | undefined = r.systemId ?? r.options?.systemId;
    let base: string;
    if (systemId !== undefined) base = systemId;
    else {
      const local: string = ref.id !== ref.sessionId ? ref.id : (r.logic?.config?.id ?? r.logic?.id ?? 'actor');
      base = parent ? `${this.pathOf(parent)}/${local}` : local;
    }
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    const path = n === 1 ? base : `${base}#${n}`;
    this.paths.set(ref, path);
    this.bySession.set(ref.sessionId, path);
    const like: ActorLike = { sessionId: path, _parent: parent ? this.likeOf(parent) : undefined };
    this.likes.set(ref, like);
    this.rootOf.set(path, like._parent ? this.rootOf.get(like._parent.sessionId)! : path);
    return path;
  }

  /** Root path of a traced actor (its top-most ancestor). */
  rootPathOf(path: string): string | undefined {
    return this.rootOf.get(path);
  }

  /**
   * Makes an event from the inspector deterministic where Stately's manual API is not: the
   * actor's name is its path, and the root is named (the manual API leaves `rootId` empty or
   * `"anonymous"`). Idempotent, so it can serve as an adapter's `serialize`.
   */
  finish = (ev: StatelyInspectionEvent): StatelyInspectionEvent => {
    const rootId = this.rootOf.get(ev.sessionId) ?? ev.rootId;
    if (ev.type === '@xstate.actor') return { ...ev, name: ev.sessionId, rootId } as StatelyInspectionEvent;
    return { ...ev, rootId } as StatelyInspectionEvent;
  };

  /** Rewrites an actor ref met inside data (context, events) to its path. */
  refJSON(ref: AnyActorRef): { xstate$$type: 1; id: string } {
    return { xstate$$type: 1, id: this.pathOf(ref) };
  }

  private likeOf(ref: AnyActorRef): ActorLike {
    this.pathOf(ref);
    return this.likes.get(ref)!;
  }

  private announce(ref: AnyActorRef): string {
    const path = this.pathOf(ref);
    if (this.announced.has(ref)) return path;
    this.announced.add(ref);
    const parent = (ref as any)._parent as AnyActorRef | undefined;
    if (parent) this.announce(parent);
    const like = this.likes.get(ref)!;
    const arg: ActorLike = this.definitions ? { ...like, logic: (ref as any).logic } : like;
    const snap = (ref as any)._snapshot === undefined ? undefined : ref.getSnapshot();
    this.inspector.actor(arg as any, (snap === undefined ? { status: 'active' } : this.snapshot(ref, snap)) as any);
    return path;
  }

  private event(ev: AnyEventObject): AnyEventObject {
    const type = ev.type;
    if (typeof type !== 'string' || !type.startsWith('xstate.')) return ev;
    let out = ev;
    const m = ID_IN_TYPE.exec(type);
    if (m) {
      const path = this.bySession.get(m[2]!);
      if (path !== undefined) out = { ...out, type: m[1] + path };
    }
    // A child's snapshot rides on `xstate.snapshot.<id>`; it is traced on the child's own
    // snapshot line, so the event keeps only what names it.
    if (type.startsWith('xstate.snapshot.') && out.snapshot && typeof out.snapshot === 'object') {
      const s = out.snapshot as { status?: string; value?: unknown };
      out = { ...out, snapshot: s.value === undefined ? { status: s.status } : { status: s.status, value: s.value } };
    }
    return out;
  }

  private snapshot(ref: AnyActorRef, s: any): TracedSnapshot {
    const out: TracedSnapshot = { status: s.status };
    if (s.value !== undefined) out.value = s.value;
    if (s.context !== undefined) {
      if (!this.omitUnchanged) out.context = s.context;
      else if (this.lastContext.get(ref) !== s.context) {
        this.lastContext.set(ref, s.context);
        out.context = s.context;
      }
    }
    if (s.children) {
      const children: Record<string, string> = {};
      for (const [id, ref] of Object.entries(s.children as Record<string, AnyActorRef>)) if (ref) children[id] = this.pathOf(ref);
      out.children = children;
    }
    if (s.tags && s.tags.size) out.tags = [...s.tags];
    if (s.output !== undefined) out.output = s.output;
    if (s.error !== undefined) out.error = s.error;
    return out;
  }
}
