import { describe, it, expect } from 'vitest';
import type { Toleration } from '../../../src/types.ts';
import {
  nodeShouldRunDaemonPod, addOrUpdateDaemonPodTolerations, addOrUpdateTolerationInPodSpec, newPod, predicates,
  replaceDaemonSetPodNodeNameNodeAffinity, getTargetNodeName, matchToleration, DAEMON_POD_TOLERATIONS,
} from '../../../machines/daemonset/arith.ts';
import { ds, node, pod } from './fixtures.ts';

const taint = (key: string, effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule', value?: string) => ({ key, effect, ...(value ? { value } : {}) });

describe('AddOrUpdateDaemonPodTolerations', () => {
  it('adds not-ready/unreachable NoExecute (no tolerationSeconds) and the pressure/unschedulable NoSchedule tolerations, in order', () => {
    expect(addOrUpdateDaemonPodTolerations({ containers: [] }).tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  it('hostNetwork pods also tolerate network-unavailable', () => {
    const t = addOrUpdateDaemonPodTolerations({ containers: [], hostNetwork: true }).tolerations!;
    expect(t).toHaveLength(7);
    expect(t[6]).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  });

  it("a user's matching toleration is replaced in place (tolerationSeconds dropped); others are kept first", () => {
    const user: Toleration[] = [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
    ];
    const t = addOrUpdateDaemonPodTolerations({ containers: [], tolerations: user }).tolerations!;
    expect(t[0]).toEqual({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
    expect(t[1]).toEqual(user[1]);
    expect(t).toHaveLength(7);
    expect(user[0]!.tolerationSeconds).toBe(300); // input untouched
  });

  it('a toleration differing in operator or value is not a match: both are kept', () => {
    const user: Toleration[] = [{ key: 'node.kubernetes.io/unschedulable', operator: 'Equal', effect: 'NoSchedule' }];
    const t = addOrUpdateDaemonPodTolerations({ containers: [], tolerations: user }).tolerations!;
    expect(t.filter((x) => x.key === 'node.kubernetes.io/unschedulable')).toHaveLength(2);
  });

  it('AddOrUpdateTolerationInPodSpec: every match is replaced and always reports updated (upstream DeepEqual never fires)', () => {
    const tol = DAEMON_POD_TOLERATIONS[0]!;
    const dup = { ...tol, tolerationSeconds: 5 };
    const r = addOrUpdateTolerationInPodSpec({ containers: [], tolerations: [{ ...tol }, dup] }, tol);
    expect(r.updated).toBe(true);
    expect(r.spec.tolerations).toEqual([tol, tol]);
    expect(addOrUpdateTolerationInPodSpec({ containers: [] }, tol)).toEqual({ updated: true, spec: { containers: [], tolerations: [tol] } });
  });

  it('MatchToleration: <key, effect, operator, value>, absent = empty', () => {
    expect(matchToleration({ key: 'a', operator: 'Exists' }, { key: 'a', operator: 'Exists', effect: '' })).toBe(true);
    expect(matchToleration({ key: 'a', operator: 'Exists' }, { key: 'a', operator: 'Exists', tolerationSeconds: 3 })).toBe(true);
    expect(matchToleration({ key: 'a', operator: 'Equal', value: 'x' }, { key: 'a', operator: 'Equal', value: 'y' })).toBe(false);
  });
});

describe('NewPod', () => {
  it('is the template with the node name, the namespace and the default tolerations', () => {
    const p = newPod(ds(), 'node-1');
    expect(p.spec!.nodeName).toBe('node-1');
    expect(p.metadata!.namespace).toBe('default');
    expect(p.spec!.tolerations).toHaveLength(6);
    expect(ds().spec!.template.spec!.tolerations).toBeUndefined();
  });
});

describe('NodeShouldRunDaemonPod', () => {
  // daemon_controller_test.go TestNodeShouldRunDaemonPod, plus the taint cases.
  const labelled = (taints?: ReturnType<typeof taint>[], unschedulable = false) =>
    node('test-node', { labels: { name: 'simple-daemon', type: 'production' }, taints, unschedulable });
  it.each([
    ['plain node', ds(), labelled(), true, true],
    ['nodeSelector matches', ds({ nodeSelector: { type: 'production' } }), labelled(), true, true],
    ['nodeSelector does not match (ErrNodeSelectorNotMatch)', ds({ nodeSelector: { type: 'test' } }), labelled(), false, false],
    ['unschedulable (cordoned) node without the taint', ds(), labelled(undefined, true), true, true],
    ['cordoned node: the unschedulable taint is tolerated', ds(), labelled([taint('node.kubernetes.io/unschedulable', 'NoSchedule')], true), true, true],
    ['not-ready NoExecute taint is tolerated', ds(), labelled([taint('node.kubernetes.io/not-ready', 'NoExecute')]), true, true],
    ['unreachable NoExecute and NoSchedule taints: only NoExecute is tolerated', ds(), labelled([taint('node.kubernetes.io/unreachable', 'NoExecute'), taint('node.kubernetes.io/unreachable', 'NoSchedule')]), false, true],
    ['memory/disk/pid pressure are tolerated', ds(), labelled([taint('node.kubernetes.io/memory-pressure', 'NoSchedule'), taint('node.kubernetes.io/disk-pressure', 'NoSchedule'), taint('node.kubernetes.io/pid-pressure', 'NoSchedule')]), true, true],
    ['network-unavailable: not tolerated without hostNetwork', ds(), labelled([taint('node.kubernetes.io/network-unavailable', 'NoSchedule')]), false, true],
    ['network-unavailable: tolerated with hostNetwork', ds({ hostNetwork: true }), labelled([taint('node.kubernetes.io/network-unavailable', 'NoSchedule')]), true, true],
    ['untolerated NoSchedule: no new pod, the running one stays', ds(), labelled([taint('dedicated', 'NoSchedule', 'gpu')]), false, true],
    ['untolerated NoExecute: no new pod, the running one goes', ds(), labelled([taint('dedicated', 'NoExecute', 'gpu')]), false, false],
    ['PreferNoSchedule is ignored', ds(), labelled([taint('dedicated', 'PreferNoSchedule')]), true, true],
    ['a matching toleration lets it run', ds({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute' }] }), labelled([taint('dedicated', 'NoExecute', 'gpu')]), true, true],
    ['control-plane taint tolerated by Exists without effect', ds({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] }), labelled([taint('node-role.kubernetes.io/control-plane', 'NoSchedule')]), true, true],
  ] as const)('%s → shouldRun %s, shouldContinueRunning %s', (_n, d, n, shouldRun, shouldContinueRunning) => {
    expect(nodeShouldRunDaemonPod(n, d)).toEqual({ shouldRun, shouldContinueRunning });
  });

  it('template nodeName pins the daemon to that node (ErrPodNotMatchHostName)', () => {
    const d = ds();
    d.spec!.template.spec!.nodeName = 'other-node';
    expect(nodeShouldRunDaemonPod(node('test-node'), d)).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(node('other-node'), d)).toEqual({ shouldRun: true, shouldContinueRunning: true });
  });

  it('required node affinity: In / NotIn on labels, matchFields on the node name (ErrPodAffinityNotMatch)', () => {
    const withAffinity = (key: string, operator: string, values: string[], field = false) => {
      const d = ds();
      const req = { key, operator, values };
      d.spec!.template.spec!.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [field ? { matchFields: [req] } : { matchExpressions: [req] }] } } };
      return d;
    };
    const n = node('test-node', { labels: { type: 'production' } });
    expect(nodeShouldRunDaemonPod(n, withAffinity('type', 'In', ['test'])).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(n, withAffinity('type', 'In', ['production'])).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(n, withAffinity('type', 'NotIn', ['production']))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(n, withAffinity('metadata.name', 'In', ['test-node'], true)).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(n, withAffinity('metadata.name', 'In', ['node-x'], true)).shouldRun).toBe(false);
    // a term that does not parse matches nothing ("Ignore parsing errors for backwards compatibility")
    expect(nodeShouldRunDaemonPod(n, withAffinity('type', 'Bogus', ['x'])).shouldRun).toBe(false);
  });

  it('predicates reports the three checks separately', () => {
    const n = node('n', { taints: [taint('k', 'NoSchedule')] });
    expect(predicates(newPod(ds({ nodeSelector: { a: 'b' } }), 'n'), n, n.spec!.taints)).toEqual({ fitsNodeName: true, fitsNodeAffinity: false, fitsTaints: false });
  });
});

describe('ReplaceDaemonSetPodNodeNameNodeAffinity', () => {
  const term = (n: string) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n] }] });
  it('nil affinity → required matchFields metadata.name In [node]', () => {
    expect(replaceDaemonSetPodNodeNameNodeAffinity(undefined, 'node-1')).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term('node-1')] } } });
  });

  it('replaces existing required terms, keeps preferred terms and pod affinity', () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }];
    const podAffinity = { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] };
    const a = {
      podAffinity,
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: preferred,
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['production'] }] }, term('old')] },
      },
    };
    expect(replaceDaemonSetPodNodeNameNodeAffinity(a, 'node-2')).toEqual({
      podAffinity,
      nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term('node-2')] } },
    });
    expect(a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toHaveLength(2); // input untouched
  });

  it('affinity without nodeAffinity, and nodeAffinity without required terms', () => {
    expect(replaceDaemonSetPodNodeNameNodeAffinity({ podAffinity: {} }, 'n')).toEqual({ podAffinity: {}, nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term('n')] } } });
    expect(replaceDaemonSetPodNodeNameNodeAffinity({ nodeAffinity: {} }, 'n')).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term('n')] } } });
  });
});

describe('GetTargetNodeName', () => {
  it('spec.nodeName first, else the affinity pin', () => {
    expect(getTargetNodeName(pod('p', 'node-1'))).toEqual({ nodeName: 'node-1' });
    expect(getTargetNodeName(pod('p', 'node-2', { scheduled: false }))).toEqual({ nodeName: 'node-2' });
  });

  it('errors with upstream texts', () => {
    const bare = { metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [] } };
    expect(getTargetNodeName(bare)).toEqual({ error: 'no spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution for pod ns/p' });
    const withTerms = (terms: object[]) => ({ ...bare, spec: { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } });
    expect(getTargetNodeName(withTerms([]) as never)).toEqual({ error: 'no nodeSelectorTerms in requiredDuringSchedulingIgnoredDuringExecution of pod ns/p' });
    expect(getTargetNodeName(withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }]) as never))
      .toEqual({ error: "the matchFields value of 'metadata.name' is not unique for pod ns/p" });
    expect(getTargetNodeName(withTerms([{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }]) as never)).toEqual({ error: 'no node name found for pod ns/p' });
  });
});
