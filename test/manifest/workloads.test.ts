import { describe, it, expect } from 'vitest';
import {
  defaultObject, formatManifestError, loadManifests, ManifestLoadError, parseManifests, validateUpdate,
} from '../../src/manifest/index.ts';
import { errorsOf, objectOf, yaml, TEMPLATE_SPEC, DNS1123_LABEL_MSG, DNS1123_SUBDOMAIN_MSG, LABEL_KEY_NAME_MSG, LABEL_VALUE_MSG } from './helpers.ts';


const rs = (spec: string) => `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n${spec}`;
const rc = (spec: string) => `apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n${spec}`;

describe('ReplicaSet (apps/v1) defaults', () => {
  it('replicas defaults to 1; the template gets pod-spec defaults, its metadata stays as written; no status, no generation', () => {
    const obj = objectOf(yaml`
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: web
      spec:
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
            annotations: {note: kept}
          spec:
            containers: [{name: c, image: nginx}]
      status:
        replicas: 5
    `);
    expect(obj).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' }, annotations: { note: 'kept' } }, spec: TEMPLATE_SPEC },
      },
    });
  });

  it.each([
    ['0', 0],
    ['7', 7],
    ['null', 1],
  ])('replicas: %s → %s', (written, replicas) => {
    const obj = objectOf(rs(`  replicas: ${written}\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n`));
    expect(obj.spec.replicas).toBe(replicas);
  });

  it('an absent template is still defaulted (it is a value in apps/v1), so only its containers are missing', () => {
    expect(errorsOf(rs('  selector: {matchLabels: {app: web}}\n'))).toEqual([
      'x.yaml:6:3: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      'x.yaml:6:3: spec.template.spec.containers: Required value',
    ]);
  });

  it('defaultObject is pure', () => {
    const input = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'a' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } };
    const copy = structuredClone(input);
    const out = defaultObject(input, { namespaced: true }) as any;
    expect(input).toEqual(copy);
    expect(out.spec.replicas).toBe(1);
    expect(out.spec.template.spec.restartPolicy).toBe('Always');
  });
});

describe('ReplicationController (v1) defaults', () => {
  it('selector and metadata.labels default to the template labels, replicas to 1, the template gets pod-spec defaults', () => {
    const obj = objectOf(yaml`
      apiVersion: v1
      kind: ReplicationController
      metadata:
        name: nginx
      spec:
        template:
          metadata:
            labels: {app: nginx, tier: web}
          spec:
            containers: [{name: c, image: nginx}]
    `);
    expect(obj).toEqual({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx', tier: 'web' } },
      spec: {
        replicas: 1,
        selector: { app: 'nginx', tier: 'web' },
        template: { metadata: { labels: { app: 'nginx', tier: 'web' } }, spec: TEMPLATE_SPEC },
      },
    });
  });

  it('an explicit selector, explicit labels and replicas 0 are kept', () => {
    const obj = objectOf(yaml`
      apiVersion: v1
      kind: ReplicationController
      metadata:
        name: nginx
        labels: {owner: me}
      spec:
        replicas: 0
        selector: {app: nginx}
        template:
          metadata:
            labels: {app: nginx, tier: web}
          spec:
            containers: [{name: c, image: nginx}]
    `);
    expect(obj.metadata.labels).toEqual({ owner: 'me' });
    expect(obj.spec.selector).toEqual({ app: 'nginx' });
    expect(obj.spec.replicas).toBe(0);
  });

  it('the defaulted selector and labels are copies, not the template labels object', () => {
    const obj = defaultObject(
      { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'a' }, spec: { template: { metadata: { labels: { app: 'a' } } } } },
      { namespaced: true },
    ) as any;
    expect(obj.spec.selector).toEqual({ app: 'a' });
    expect(obj.spec.selector).not.toBe(obj.spec.template.metadata.labels);
    expect(obj.metadata.labels).not.toBe(obj.spec.template.metadata.labels);
  });

  it('without a template nothing but replicas is defaulted (the template is a pointer in core/v1)', () => {
    const obj = defaultObject({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'a' } }, { namespaced: true }) as any;
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'a', namespace: 'default' }, spec: { replicas: 1 } });
  });
});

describe('ReplicaSet validation in the API server words, at the offending node', () => {
  it.each<[string, string, string[]]>([
    [
      'replicas and minReadySeconds must not be negative; pods must restart Always and have no deadline',
      yaml`
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web
        spec:
          replicas: -1
          minReadySeconds: -5
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              restartPolicy: Never
              activeDeadlineSeconds: 30
              containers: [{name: c, image: nginx}]
      `,
      [
        'x.yaml:6:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        'x.yaml:7:20: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
        'x.yaml:14:22: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
        'x.yaml:15:30: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
      ],
    ],
    [
      'a restart policy pods do not know is reported by the pod-spec check and again by the ReplicaSet check',
      rs('  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      restartPolicy: Sometimes\n      containers: [{name: c, image: nginx}]\n'),
      [
        'x.yaml:10:22: spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        'x.yaml:10:22: spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always"',
      ],
    ],
    [
      'spec.selector is required (a nil selector selects nothing, so the template labels do not match either)',
      rs('  template:\n    metadata:\n      labels: {app: x}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      [
        'x.yaml:6:3: spec.selector: Required value',
        'x.yaml:8:15: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'an empty selector is refused (upstream says "deployment" for ReplicaSets too); it selects everything, so no label check',
      rs('  selector: {}\n  template:\n    metadata:\n      labels: {app: x}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      [
        'x.yaml:6:13: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
    [
      'empty matchLabels and matchExpressions are still an empty selector (and print as empty, not nil)',
      rs('  selector: {matchLabels: {}, matchExpressions: []}\n  template:\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      [
        'x.yaml:6:13: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement{}}: empty selector is invalid for deployment',
      ],
    ],
    [
      'the selector must select the template labels (matchLabels)',
      rs('  selector:\n    matchLabels: {app: web, tier: fe}\n  template:\n    metadata:\n      labels: {tier: fe, app: x}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      [
        'x.yaml:10:15: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"fe"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'the selector must select the template labels (matchExpressions); no template labels at all print as nil',
      rs('  selector:\n    matchExpressions:\n    - {key: app, operator: Exists}\n  template:\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      [
        'x.yaml:10:5: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      ],
    ],
    [
      'NotIn and DoesNotExist selectors can select a template',
      rs('  selector:\n    matchExpressions:\n    - {key: app, operator: NotIn, values: [db]}\n    - {key: canary, operator: DoesNotExist}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      [],
    ],
  ])('%s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('label selector validation; a selector that does not convert is "invalid label selector" and the template is not checked', () => {
    expect(
      errorsOf(yaml`
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web
        spec:
          selector:
            matchLabels:
              "bad key": web
              tier: "bad value!"
            matchExpressions:
            - {key: a, operator: In}
            - {key: b, operator: Exists, values: [x]}
            - {key: c, operator: Like, values: [x]}
            - {key: "d/e/f", operator: NotIn, values: ["no way"]}
          template:
            spec:
              containers: []
      `),
    ).toEqual([
      `x.yaml:8:7: spec.selector.matchLabels: Invalid value: "bad key": ${LABEL_KEY_NAME_MSG}`,
      `x.yaml:9:13: spec.selector.matchLabels: Invalid value: "bad value!": ${LABEL_VALUE_MSG}`,
      "x.yaml:11:7: spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "x.yaml:12:42: spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'x.yaml:13:26: spec.selector.matchExpressions[2].operator: Invalid value: "Like": not a valid selector operator',
      `x.yaml:14:13: spec.selector.matchExpressions[3].key: Invalid value: "d/e/f": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      `x.yaml:14:48: spec.selector.matchExpressions[3].values[0]: Invalid value: "no way": ${LABEL_VALUE_MSG}`,
      'x.yaml:7:5: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"bad key":"web", "tier":"bad value!"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"a", Operator:"In", Values:[]string(nil)}, v1.LabelSelectorRequirement{Key:"b", Operator:"Exists", Values:[]string{"x"}}, v1.LabelSelectorRequirement{Key:"c", Operator:"Like", Values:[]string{"x"}}, v1.LabelSelectorRequirement{Key:"d/e/f", Operator:"NotIn", Values:[]string{"no way"}}}}: invalid label selector',
    ]);
  });

  it('the template is validated like a pod template: metadata (at upstream\'s `spec.template.labels`), containers, volumes', () => {
    expect(
      errorsOf(yaml`
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: Web_1
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels:
                app: web
                "x y": z
              annotations:
                "a/b/c": x
            spec:
              containers:
              - name: c
                image: ""
                volumeMounts: [{name: data, mountPath: /data}]
              ephemeralContainers: [{name: debug, image: busybox}]
      `),
    ).toEqual([
      `x.yaml:4:9: metadata.name: Invalid value: "Web_1": ${DNS1123_SUBDOMAIN_MSG}`,
      `x.yaml:12:9: spec.template.labels: Invalid value: "x y": ${LABEL_KEY_NAME_MSG}`,
      `x.yaml:14:9: spec.template.annotations: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      'x.yaml:18:16: spec.template.spec.containers[0].image: Required value',
      'x.yaml:19:31: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"',
      'x.yaml:20:28: spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template',
    ]);
  });

  it.each<[string, string, string[]]>([
    [
      'a quoted replicas count',
      rs('  replicas: "3"\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      ['x.yaml:6:13: spec.replicas: json: cannot unmarshal string into Go struct field ReplicaSetSpec.spec.replicas of type int32'],
    ],
    [
      'a selector that is a map of strings (the v1 ReplicationController shape)',
      rs('  selector: {app: web}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      ['x.yaml:6:14: spec.selector.app: strict decoding error: unknown field "spec.selector.app"'],
    ],
    [
      'a selector label value YAML reads as a boolean: the decoding error only, nothing about the selector as a whole',
      rs('  selector: {matchLabels: {app: yes}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      ['x.yaml:6:33: spec.selector.matchLabels[app]: json: cannot unmarshal bool into Go struct field LabelSelector.spec.selector.matchLabels of type string'],
    ],
    [
      'a template label value YAML reads as a boolean',
      rs('  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: on}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      ['x.yaml:8:30: spec.template.metadata.labels[app]: json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.labels of type string'],
    ],
    [
      'unknown fields in the spec and in the template, a quoted containerPort',
      rs('  selectr: {}\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, image: nginx, ports: [{containerPort: "80"}]}]\n    extra: 1\n'),
      [
        'x.yaml:6:3: spec.selectr: strict decoding error: unknown field "spec.selectr"',
        'x.yaml:11:68: spec.template.spec.containers[0].ports[0].containerPort: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
        'x.yaml:12:5: spec.template.extra: strict decoding error: unknown field "spec.template.extra"',
      ],
    ],
    [
      'a template that is not an object',
      rs('  selector: {matchLabels: {app: web}}\n  template: nginx\n'),
      ['x.yaml:7:13: spec.template: json: cannot unmarshal string into Go struct field ReplicaSetSpec.spec.template of type v1.PodTemplateSpec'],
    ],
  ])('decoding is strict and typed: %s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });
});

describe('ReplicationController validation in the API server words, at the offending node', () => {
  it.each<[string, string, string[]]>([
    [
      'spec.template is required (and without it nothing defaults the selector)',
      rc('  replicas: 2\n'),
      ['x.yaml:6:3: spec.selector: Required value', 'x.yaml:6:3: spec.template: Required value'],
    ],
    [
      'a template without labels leaves the selector empty: required',
      rc('  template:\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      ['x.yaml:6:3: spec.selector: Required value'],
    ],
    [
      'an explicit selector must select the template labels',
      rc('  selector: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      ['x.yaml:9:15: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`'],
    ],
    [
      'replicas and minReadySeconds must not be negative; pods restart Always and have no deadline',
      rc('  replicas: -1\n  minReadySeconds: -1\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      restartPolicy: OnFailure\n      activeDeadlineSeconds: 10\n      containers: [{name: c, image: nginx}]\n'),
      [
        'x.yaml:7:20: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
        'x.yaml:6:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        'x.yaml:11:22: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
        'x.yaml:12:30: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported',
      ],
    ],
    [
      'the template is validated like a pod template',
      rc('  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c}]\n'),
      ['x.yaml:9:20: spec.template.spec.containers[0].image: Required value'],
    ],
    [
      'a selector that is a LabelSelector (the apps/v1 shape) is a decoding error',
      rc('  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      ['x.yaml:6:27: spec.selector[matchLabels]: json: cannot unmarshal object into Go struct field ReplicationControllerSpec.spec.selector of type string'],
    ],
    [
      'a selector that is a list',
      rc('  selector: [app]\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      ['x.yaml:6:13: spec.selector: json: cannot unmarshal array into Go struct field ReplicationControllerSpec.spec.selector of type map[string]string'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('its metadata is validated like any namespaced object\'s', () => {
    expect(errorsOf('apiVersion: v1\nkind: ReplicationController\nmetadata:\n  namespace: Team.A\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n')).toEqual([
      'x.yaml:4:3: metadata.name: Required value: name or generateName is required',
      `x.yaml:4:14: metadata.namespace: Invalid value: "Team.A": ${DNS1123_LABEL_MSG}`,
    ]);
  });
});

describe('ReplicaSet and ReplicationController updates', () => {
  const baseRS = () => objectOf(yaml`
    apiVersion: apps/v1
    kind: ReplicaSet
    metadata:
      name: web
      uid: "1111"
    spec:
      replicas: 3
      selector:
        matchLabels: {app: web}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: c, image: "nginx:1.14.2"}]}
  `);
  const baseRC = () => objectOf(yaml`
    apiVersion: v1
    kind: ReplicationController
    metadata:
      name: web
      uid: "2222"
    spec:
      replicas: 3
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: c, image: "nginx:1.14.2"}]}
  `);
  const update = (base: () => any, mutate: (o: any) => void): string[] => {
    const old = base();
    const next = structuredClone(old);
    mutate(next);
    return validateUpdate(old, next).map(formatManifestError);
  };

  it.each<[string, (o: any) => void]>([
    ['replicas', (o) => (o.spec.replicas = 10)],
    ['the template', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.16.1')],
    ['template labels that the selector still selects', (o) => (o.spec.template.metadata.labels.tier = 'fe')],
    ['minReadySeconds', (o) => (o.spec.minReadySeconds = 5)],
    ['labels of the ReplicaSet itself', (o) => (o.metadata.labels = { team: 'a' })],
    ['an empty matchExpressions list added (semantically equal to none)', (o) => (o.spec.selector.matchExpressions = [])],
    ['nothing', () => {}],
  ])('a ReplicaSet may change %s', (_name, mutate) => {
    expect(update(baseRS, mutate)).toEqual([]);
  });

  it('the selector of an apps/v1 ReplicaSet is immutable', () => {
    expect(update(baseRS, (o) => {
      o.spec.selector.matchLabels = { app: 'web', tier: 'fe' };
      o.spec.template.metadata.labels = { app: 'web', tier: 'fe' };
    })).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    expect(update(baseRS, (o) => {
      o.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] };
      o.spec.template.metadata.labels.tier = 'fe';
    })).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"Exists", Values:[]string(nil)}}}: field is immutable',
    ]);
  });

  it('a removed selector is reported as required, unmatched and changed (to null)', () => {
    expect(update(baseRS, (o) => delete o.spec.selector)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      'spec.selector: Invalid value: "null": field is immutable',
    ]);
  });

  it('the new ReplicaSet must itself be valid, and its identity may not change', () => {
    expect(update(baseRS, (o) => {
      o.spec.replicas = -2;
      o.spec.template.spec.restartPolicy = 'Never';
      o.metadata.name = 'web2';
    })).toEqual([
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'metadata.name: Invalid value: "web2": field is immutable',
    ]);
  });

  it('the selector of a ReplicationController may change (as long as it selects the template)', () => {
    expect(update(baseRC, (o) => {
      o.spec.selector = { app: 'web', tier: 'fe' };
      o.spec.template.metadata.labels = { app: 'web', tier: 'fe' };
    })).toEqual([]);
    expect(update(baseRC, (o) => (o.spec.selector = { app: 'api' }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('the new ReplicationController must itself be valid, and its identity may not change', () => {
    expect(update(baseRC, (o) => {
      delete o.spec.template;
      o.metadata.uid = '3333';
    })).toEqual([
      'spec.template: Required value',
      'metadata.uid: Invalid value: "3333": field is immutable',
    ]);
  });
});

describe('ReplicaSets and ReplicationControllers in a multi-document stream', () => {
  it('are all-or-nothing with everything else: every error of every document is reported', () => {
    const text = [
      rs('  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      rc('  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
      rs('  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
    ].join('---\n');
    const r = parseManifests(text, { file: 'all.yaml' });
    expect(r.objects.map((o) => [o.object.kind, o.doc, o.line])).toEqual([['ReplicaSet', 0, 1], ['ReplicationController', 1, 11]]);
    expect(r.errors.map(formatManifestError)).toEqual([
      'all.yaml:27:24: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    ]);
    expect(r.errors.map((e) => e.doc)).toEqual([2]);
    expect(() => loadManifests(text, { file: 'all.yaml' })).toThrow(ManifestLoadError);
  });
});
