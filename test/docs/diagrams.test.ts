import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { and, not, setup } from 'xstate';
import { machines } from '../../machines/index.ts';
import {
  BEGIN_MARKER,
  END_MARKER,
  arrowLabel,
  describeMachine,
  eventLabel,
  extractBlock,
  generatedBlock,
  newPage,
  toMermaid,
  updatePage,
} from '../../src/docs/diagram.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('docs/machines pages are in sync with the machines', () => {
  for (const [name, machine] of Object.entries(machines)) {
    it(`docs/machines/${name}.md has the current generated diagram`, () => {
      const file = join(root, 'docs', 'machines', `${name}.md`);
      expect(existsSync(file), `docs/machines/${name}.md is missing: run npm run docs`).toBe(true);
      const current = extractBlock(readFileSync(file, 'utf8'));
      expect(current, `docs/machines/${name}.md has no generated block: run npm run docs`).not.toBeNull();
      expect(current, `docs/machines/${name}.md is out of date with machines.${name}: run npm run docs`).toBe(
        generatedBlock(name, machine),
      );
    });
  }
});

// A tiny machine with every construct the generator has to draw.
const tiny = setup({
  types: {} as { events: { type: 'go' } | { type: 'stop' } | { type: 'timer.wake' } | { type: 'xstate.snapshot.kid'; snapshot: unknown } },
  actions: { record: () => {}, note: () => {}, spare: () => {} },
  guards: { ready: () => true, allowed: () => true, unusedGuard: () => false },
}).createMachine({
  id: 'tiny',
  initial: 'Idle',
  on: { stop: { actions: 'note' } },
  states: {
    Idle: {
      on: {
        go: [{ guard: 'ready', target: 'Busy' }, { guard: and(['ready', not('allowed')]), target: 'Done' }, { target: 'Idle', reenter: true }],
      },
    },
    Busy: {
      initial: 'Waiting',
      entry: 'record',
      on: { 'xstate.snapshot.*': { actions: 'note' } },
      states: {
        Waiting: { on: { 'timer.wake': { target: 'Work' } } },
        Work: { always: [{ guard: ({ context }) => context === undefined, target: '#tiny.Done' }, { target: 'Waiting' }] },
        Idle: { always: { target: '#tiny.Idle' } },
      },
      after: { 500: { target: 'Done' } },
    },
    Both: {
      type: 'parallel',
      states: {
        A: { initial: 'On', states: { On: {} } },
        B: { initial: 'Off', states: { Off: {} } },
      },
    },
    Done: { type: 'final' },
  },
});

describe('diagram generator (src/docs/diagram.ts)', () => {
  it('draws initial arrows, nested blocks, final states and labelled transitions', () => {
    expect(toMermaid(tiny)).toBe(
      [
        'stateDiagram-v2',
        '  Idle',
        '  state Busy {',
        '    Waiting',
        '    Work',
        '    state "Idle" as Busy_Idle',
        '    [*] --> Waiting',
        '    Waiting --> Work : timer.wake',
        '    Work --> Waiting : [else]',
        '  }',
        '  state Both {',
        '    state A {',
        '      On',
        '      [*] --> On',
        '    }',
        '    --',
        '    state B {',
        '      Off',
        '      [*] --> Off',
        '    }',
        '  }',
        '  Done',
        '  [*] --> Idle',
        '  Idle --> Busy : go [ready]',
        '  Idle --> Done : go [ready and (not allowed)]',
        '  Idle --> Idle : go [else]',
        '  Busy --> Done : after 500',
        '  Work --> Done : [inline]',
        '  Busy_Idle --> Idle : [always]',
        '  Done --> [*]',
      ].join('\n'),
    );
  });

  it('labels events: child snapshots, timers, delays, always', () => {
    expect(eventLabel('xstate.snapshot.*')).toBe('child snapshot');
    expect(eventLabel('timer.backoff')).toBe('timer.backoff');
    expect(eventLabel('xstate.after.500.tiny.Busy')).toBe('after 500');
    expect(eventLabel('xstate.done.actor.kid')).toBe('done: kid');
    const t = describeMachine(tiny).transitions;
    expect(t.filter((x) => x.event === '').map(arrowLabel)).toEqual(['[inline]', '[else]', '[always]']);
  });

  it('lists events, actions and guards, flagging names setup() defines but the config never uses', () => {
    const info = describeMachine(tiny);
    expect(info.events).toEqual(['go', 'stop', 'timer.wake', 'xstate.after.500.tiny.Busy', 'xstate.snapshot.*']);
    expect(info.actions).toEqual([
      { name: 'note', unused: false },
      { name: 'record', unused: false },
      { name: 'spare', unused: true },
    ]);
    expect(info.guards).toEqual([
      { name: 'allowed', unused: false },
      { name: 'ready', unused: false },
      { name: 'unusedGuard', unused: true },
    ]);
    // Targetless transitions are listed (not drawn), root-level ones as "any state".
    expect(info.transitions.filter((x) => x.targets.length === 0).map((x) => [x.source, x.event])).toEqual([
      ['', 'stop'],
      ['Busy', 'xstate.snapshot.*'],
    ]);
    expect(info.states.find((x) => x.path === 'Busy')).toMatchObject({ type: 'compound', initial: 'Busy.Waiting', entry: ['record'], invoke: [] });
    const block = generatedBlock('tiny', tiny);
    expect(block).toContain('| *(any state)* | `stop` |  | *(stays)* | `note` |');
    expect(block).toContain('`spare` *(defined but not referenced)*');
  });

  it('is deterministic', () => {
    expect(generatedBlock('tiny', tiny)).toBe(generatedBlock('tiny', tiny));
    for (const [name, m] of Object.entries(machines)) expect(generatedBlock(name, m)).toBe(generatedBlock(name, m));
  });

  it('rewrites only the generated block and keeps the prose byte for byte', () => {
    const page = `# Tiny\n\nProse before.\n\n${BEGIN_MARKER}\nstale\n${END_MARKER}\n\nProse after.\n`;
    const next = updatePage(page, 'tiny', tiny);
    expect(next.startsWith('# Tiny\n\nProse before.\n\n')).toBe(true);
    expect(next.endsWith('\n\nProse after.\n')).toBe(true);
    expect(extractBlock(next)).toBe(generatedBlock('tiny', tiny));
    expect(updatePage(next, 'tiny', tiny)).toBe(next);
    // A page without markers gets a Diagram section appended; a new page has one.
    expect(updatePage('# Tiny\n', 'tiny', tiny)).toBe(`# Tiny\n\n## Diagram\n\n${generatedBlock('tiny', tiny)}\n`);
    expect(extractBlock(newPage('tiny', tiny))).toBe(generatedBlock('tiny', tiny));
    expect(() => updatePage(`${BEGIN_MARKER}\n`, 'tiny', tiny)).toThrow(/exactly one/);
  });
});
