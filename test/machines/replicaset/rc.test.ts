import { describe, expect, it } from 'vitest';
import { matches, NOTHING, EVERYTHING } from '../../../src/labels.ts';
import { rcSelector, rcSelectorToLabelSelector, setDefaultsReplicationController } from '../../../machines/replicaset/rc.ts';
import {
  ERR_NO_LABELS,
  deletePodError,
  failedCreateEvent,
  failedDeleteEvent,
  successfulCreateEvent,
  successfulDeleteEvent,
} from '../../../machines/replicaset/events.ts';

const tpl = (labels?: Record<string, string> | null) => ({ metadata: { labels: labels as Record<string, string> }, spec: { containers: [] } });

describe('SetDefaults_ReplicationController', () => {
  it.each([
    ['empty selector and labels come from the template', { spec: { template: tpl({ foo: 'bar' }) } }, { selector: { foo: 'bar' }, labels: { foo: 'bar' }, replicas: 1 }],
    ['a given selector is kept', { spec: { selector: { some: 'other' }, template: tpl({ foo: 'bar' }) } }, { selector: { some: 'other' }, labels: { foo: 'bar' }, replicas: 1 }],
    ['given labels are kept', { metadata: { labels: { mine: 'x' } }, spec: { template: tpl({ foo: 'bar' }) } }, { selector: { foo: 'bar' }, labels: { mine: 'x' }, replicas: 1 }],
    ['an empty selector map counts as empty', { spec: { selector: {}, template: tpl({ foo: 'bar' }) } }, { selector: { foo: 'bar' }, labels: { foo: 'bar' }, replicas: 1 }],
    ['no template: only replicas', { spec: {} }, { selector: undefined, labels: undefined, replicas: 1 }],
    ['a template without labels: only replicas', { spec: { template: tpl(undefined) } }, { selector: undefined, labels: undefined, replicas: 1 }],
    ['replicas 0 is kept', { spec: { replicas: 0, template: tpl({ a: 'b' }) } }, { selector: { a: 'b' }, labels: { a: 'b' }, replicas: 0 }],
    ['replicas 3 is kept', { spec: { replicas: 3 } }, { selector: undefined, labels: undefined, replicas: 3 }],
  ] as const)('%s', (_n, rc, want) => {
    const out = setDefaultsReplicationController(structuredClone(rc) as never) as { metadata: { labels?: unknown }; spec: { selector?: unknown; replicas?: number } };
    expect({ selector: out.spec.selector, labels: out.metadata.labels, replicas: out.spec.replicas }).toEqual(want);
  });

  it('does not mutate its input and copies the label map', () => {
    const rc = { spec: { template: tpl({ foo: 'bar' }) } };
    const out = setDefaultsReplicationController(rc);
    expect(rc).toEqual({ spec: { template: tpl({ foo: 'bar' }) } });
    expect((out.spec as { selector?: unknown }).selector).not.toBe(rc.spec.template.metadata.labels);
  });
});

describe('RC equality selector → LabelSelector (conversion)', () => {
  it('nil → nil (selects nothing); a map → matchLabels', () => {
    expect(rcSelectorToLabelSelector(undefined)).toBeNull();
    expect(rcSelectorToLabelSelector(null)).toBeNull();
    expect(rcSelectorToLabelSelector({ app: 'web' })).toEqual({ matchLabels: { app: 'web' } });
    expect(rcSelector(undefined)).toEqual(NOTHING);
    expect(rcSelector({})).toEqual(EVERYTHING);
  });
  it('matches by equality, requirements sorted by key', () => {
    const s = rcSelector({ tier: 'fe', app: 'web' });
    expect(s.requirements.map((r) => r.key)).toEqual(['app', 'tier']);
    expect(matches(s, { app: 'web', tier: 'fe', extra: '1' })).toBe(true);
    expect(matches(s, { app: 'web' })).toBe(false);
  });
});

describe('pod control events (RealPodControl)', () => {
  it.each([
    [successfulCreateEvent('web-abc12'), { type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: web-abc12' }],
    [failedCreateEvent('pods "web-x" is forbidden: exceeded quota'), { type: 'Warning', reason: 'FailedCreate', message: 'Error creating: pods "web-x" is forbidden: exceeded quota' }],
    [successfulDeleteEvent('web-abc12'), { type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: web-abc12' }],
    [failedDeleteEvent('boom'), { type: 'Warning', reason: 'FailedDelete', message: 'Error deleting: boom' }],
  ])('%j', (got, want) => expect(got).toEqual(want));
  it('error texts', () => {
    expect(deletePodError('boom')).toBe('unable to delete pods: boom');
    expect(ERR_NO_LABELS).toBe('unable to create pods, no labels');
  });
});
