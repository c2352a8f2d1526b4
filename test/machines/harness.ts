/**
 * Runs one machine on its own, the way the cluster would: a standalone Env whose timers are
 * fired in (due, seq) order with `now` equal to each due time, delivered as `timer.<name>` to
 * the actor at the timer's address — only if that actor's `context.timers[name]` still holds
 * that due time (a forgotten timer is just deleted from context).
 */
import { createActor, type AnyActorRef, type AnyStateMachine } from 'xstate';
import { createStandaloneEnv, resolveAddress, type RecordedEvent, type StandaloneEnv } from '../../machines/env.ts';
import { resolveBehaviour, type ContainerRole } from '../../machines/behaviour.ts';
import type { ContainerInput } from '../../machines/container/container.ts';
import type { Container, Pod } from '../../src/types.ts';

export const T0 = Date.UTC(2026, 0, 1);

export class Harness {
  readonly start: number;
  constructor(
    readonly env: StandaloneEnv,
    readonly actor: AnyActorRef,
    readonly root: string,
  ) {
    this.start = env.now();
  }

  resolve(addr: string): AnyActorRef | undefined {
    return resolveAddress(this.actor, this.root, addr);
  }

  now(): number {
    return this.env.now();
  }

  /** Seconds since T0 (or since the harness start). */
  get t(): number {
    return (this.env.now() - this.start) / 1000;
  }

  /** Fires every timer due up to now + ms, in order; then sets now to the end. */
  advance(ms: number): this {
    this.env.advance(this.actor, this.root, ms);
    return this;
  }

  /** Advances in steps of `step` ms until `pred` holds; throws after `max` ms. */
  until(pred: () => boolean, max = 3_600_000, step = 100): this {
    const end = this.env.now() + max;
    while (!pred()) {
      if (this.env.now() >= end) throw new Error(`condition not met within ${max} ms`);
      this.advance(step);
    }
    return this;
  }

  send(event: any): this {
    this.actor.send(event);
    return this;
  }

  get snapshot(): any {
    return this.actor.getSnapshot();
  }

  get context(): any {
    return this.actor.getSnapshot().context;
  }

  child(id: string): AnyActorRef | undefined {
    return (this.actor.getSnapshot() as any).children?.[id];
  }

  events(reason?: string): RecordedEvent[] {
    return reason ? this.env.events.filter((e) => e.reason === reason) : this.env.events;
  }

  messages(reason?: string): string[] {
    return this.events(reason).map((e) => e.message);
  }
}

export function run(make: (env: StandaloneEnv) => AnyStateMachine, input: any, opts: { start?: number; root?: string } = {}): Harness {
  const env = createStandaloneEnv(opts.start ?? T0);
  const actor = createActor(make(env), { input });
  actor.start();
  return new Harness(env, actor, opts.root ?? input.addr);
}

/** A container input as the pod machine builds it. */
export function containerInput(
  spec: Partial<Container> & { name?: string },
  o: {
    role?: ContainerRole;
    podRestartPolicy?: 'Always' | 'OnFailure' | 'Never';
    restartPolicy?: 'Always' | 'OnFailure' | 'Never';
    annotations?: Record<string, string>;
    graceSeconds?: number;
    podHasInit?: boolean;
  } = {},
): ContainerInput {
  const s = { name: 'app', image: 'busybox:1.36', ...spec } as Container;
  const role = o.role ?? 'regular';
  const podPolicy = o.podRestartPolicy ?? 'Always';
  const restartPolicy =
    o.restartPolicy ?? (role === 'sidecar' ? 'Always' : role === 'init' ? (podPolicy === 'Never' ? 'Never' : 'OnFailure') : role === 'ephemeral' ? 'Never' : podPolicy);
  return {
    addr: 'c',
    spec: s,
    role,
    index: 0,
    restartPolicy,
    pod: { name: 'p', namespace: 'default', uid: 'uid-1' },
    node: 'node-1',
    podIP: '10.244.0.5',
    podGraceMs: (o.graceSeconds ?? 30) * 1000,
    behaviour: resolveBehaviour(o.annotations, s.name, role, podPolicy),
    podHasInit: o.podHasInit ?? false,
  };
}

/** A minimal Pod object as the API server would hand it to the kubelet. */
export function pod(spec: Partial<NonNullable<Pod['spec']>>, annotations?: Record<string, string>, name = 'p'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, annotations },
    spec: { containers: [], ...spec } as NonNullable<Pod['spec']>,
    status: { phase: 'Pending' },
  };
}

export const ANN = (o: Record<string, string | number>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [`kubeactors.dev/${k}`, String(v)]));
