import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { clusterMachine, createClusterLogic, MEMBER_DONE, normalizeMemberEvent } from '../../machines/cluster.ts';
import { createCluster } from '../../src/cluster/cluster.ts';

describe('the root actor (machines/cluster.ts)', () => {
  it('normalizeMemberEvent: every member\'s done event is one type (XState memoizes transitions per event type for the life of the machine)', () => {
    expect(normalizeMemberEvent({ type: 'xstate.done.actor.Pod/default/tick-29453760-abcde' })).toEqual({ type: MEMBER_DONE });
    const err = { type: 'xstate.error.actor.Pod/default/x', error: new Error('boom') };
    expect(normalizeMemberEvent(err)).toBe(err);
    const other = { type: 'anything' };
    expect(normalizeMemberEvent(other)).toBe(other);
  });

  it('the machine inside sees one done type, whatever the member (so XState caches one transition lookup, not one per pod)', () => {
    const seen: string[] = [];
    const recording = clusterMachine.provide({ actions: { countFinished: ({ event }) => { seen.push(event.type); } } }) as typeof clusterMachine;
    const a = createActor(createClusterLogic(recording)).start();
    for (const id of ['Pod/default/a', 'Pod/default/b']) a.send({ type: `xstate.done.actor.${id}` });
    expect(seen).toEqual([MEMBER_DONE, MEMBER_DONE]);
  });

  it('counts finished members whatever their ids, and records member errors with the id', () => {
    const a = createActor(createClusterLogic()).start();
    for (const id of ['Pod/default/a', 'Pod/default/b', 'Node/n1']) a.send({ type: `xstate.done.actor.${id}` });
    a.send({ type: 'xstate.error.actor.Pod/default/c', error: new Error('boom') } as any);
    expect(a.getSnapshot().context.finished).toBe(3);
    expect(a.getSnapshot().context.errors.map((e) => e.id)).toEqual(['Pod/default/c']);
  });

  it('a cluster\'s root counts its deleted pods', () => {
    const c = createCluster({ nodes: 1, seed: 1 });
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'nginx:1.14.2' }] } } as any);
    c.advance('5s');
    c.delete('Pod', 'p');
    c.advance('1m');
    expect(c.root.getSnapshot().context.finished).toBe(1);
  });
});
