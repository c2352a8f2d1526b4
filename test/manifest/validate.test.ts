import { describe, it, expect } from 'vitest';
import { errorsOf, yaml, DNS1123_LABEL_MSG, DNS1123_SUBDOMAIN_MSG, LABEL_KEY_NAME_MSG, LABEL_VALUE_MSG } from './helpers.ts';

const QUANTITY_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('pod validation reports every error in the API server words, at the offending node', () => {
  it('metadata.name is required (or generateName), a missing container name is reported at the container', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          labels: {app: x}
        spec:
          containers:
          - image: nginx
      `),
    ).toEqual([
      'x.yaml:4:3: metadata.name: Required value: name or generateName is required',
      'x.yaml:7:5: spec.containers[0].name: Required value',
    ]);
  });

  it('generateName alone is enough (the cluster generates the name)', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata: {generateName: web-}
        spec: {containers: [{name: c, image: nginx}]}
      `),
    ).toEqual([]);
  });

  it('names, namespaces, labels, annotations, container names, images and init containers', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: My_Pod
          namespace: Team.A
          labels:
            "bad key!": ok
            good: "bad value!"
          annotations:
            "a/b/c": x
        spec:
          containers:
          - name: Web.1
            image: nginx
          - name: web-1
            image: ""
          initContainers:
          - name: web-1
            image: busybox
            restartPolicy: OnFailure
      `),
    ).toEqual([
      `x.yaml:4:9: metadata.name: Invalid value: "My_Pod": ${DNS1123_SUBDOMAIN_MSG}`,
      `x.yaml:5:14: metadata.namespace: Invalid value: "Team.A": ${DNS1123_LABEL_MSG}`,
      `x.yaml:7:5: metadata.labels: Invalid value: "bad key!": ${LABEL_KEY_NAME_MSG}`,
      `x.yaml:8:11: metadata.labels: Invalid value: "bad value!": ${LABEL_VALUE_MSG}`,
      `x.yaml:10:5: metadata.annotations: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      `x.yaml:13:11: spec.containers[0].name: Invalid value: "Web.1": ${DNS1123_LABEL_MSG}`,
      'x.yaml:16:12: spec.containers[1].image: Required value',
      'x.yaml:20:20: spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      'x.yaml:18:11: spec.initContainers[0].name: Duplicate value: "web-1"',
    ]);
  });

  it('label values longer than 63 bytes are refused', () => {
    const long = 'a'.repeat(64);
    expect(errorsOf(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: ${long}}\nspec: {containers: [{name: c, image: nginx}]}\n`)).toEqual([
      `x.yaml:5:17: metadata.labels: Invalid value: "${long}": must be no more than 63 bytes`,
    ]);
  });

  it('restart/dns/pull/termination-message policies, grace period, deadline, node selector and ports', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          restartPolicy: Sometimes
          dnsPolicy: Weird
          terminationGracePeriodSeconds: -5
          activeDeadlineSeconds: 0
          nodeSelector:
            disk: "ss d"
          containers:
          - name: c
            image: nginx
            imagePullPolicy: Maybe
            terminationMessagePolicy: Nope
            restartPolicy: Always
            ports:
            - containerPort: 0
            - containerPort: 70000
              protocol: HTTP
              name: Web_Port
            - containerPort: 80
              name: http
            - containerPort: 81
              name: http
      `),
    ).toEqual([
      'x.yaml:8:34: spec.terminationGracePeriodSeconds: Invalid value: -5: must be greater than or equal to 0',
      'x.yaml:16:31: spec.containers[0].terminationMessagePolicy: Unsupported value: "Nope": supported values: "File", "FallbackToLogsOnError"',
      'x.yaml:19:22: spec.containers[0].ports[0].containerPort: Required value',
      'x.yaml:22:13: spec.containers[0].ports[1].name: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'x.yaml:20:22: spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'x.yaml:21:17: spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'x.yaml:26:13: spec.containers[0].ports[3].name: Duplicate value: "http"',
      'x.yaml:15:22: spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"',
      'x.yaml:17:20: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
      'x.yaml:6:18: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'x.yaml:7:14: spec.dnsPolicy: Unsupported value: "Weird": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      `x.yaml:11:11: spec.nodeSelector: Invalid value: "ss d": ${LABEL_VALUE_MSG}`,
      'x.yaml:9:26: spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ]);
  });

  it('probes: exactly one handler, non-negative thresholds, liveness/startup successThreshold must be 1', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - name: c
            image: nginx
            livenessProbe:
              successThreshold: 2
              failureThreshold: -1
              exec:
                command: [ls]
              httpGet:
                port: 80
            readinessProbe:
              initialDelaySeconds: -3
              terminationGracePeriodSeconds: 5
              tcpSocket:
                port: 0
            startupProbe:
              httpGet:
                port: http-port-too-long-name
                scheme: FTP
          - name: d
            image: nginx
            readinessProbe:
              periodSeconds: 5
      `),
    ).toEqual([
      'x.yaml:15:9: spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
      'x.yaml:11:25: spec.containers[0].livenessProbe.failureThreshold: Invalid value: -1: must be greater than or equal to 0',
      'x.yaml:10:25: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      'x.yaml:20:15: spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'x.yaml:17:28: spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -3: must be greater than or equal to 0',
      'x.yaml:18:38: spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes',
      'x.yaml:23:15: spec.containers[0].startupProbe.httpGet.port: Invalid value: "http-port-too-long-name": must be no more than 15 characters',
      'x.yaml:24:17: spec.containers[0].startupProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"',
      'x.yaml:28:7: spec.containers[1].readinessProbe: Required value: must specify a handler type',
    ]);
  });

  it('init containers may only carry probes when they are sidecars (restartPolicy: Always)', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: c, image: nginx}]
          initContainers:
          - name: init
            image: busybox
            readinessProbe: {exec: {command: [true]}}
          - name: sidecar
            image: envoy
            restartPolicy: Always
            readinessProbe: {exec: {command: ["true"]}}
      `),
    ).toEqual([
      'x.yaml:9:39: spec.initContainers[0].readinessProbe.exec.command[0]: json: cannot unmarshal bool into Go struct field ExecAction.spec.initContainers.readinessProbe.exec.command of type string',
      'x.yaml:9:21: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  it('resources: quantities parse, requests <= limits, non-overcommitable resources need equal limits', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - name: c
            image: nginx
            resources:
              limits:
                cpu: 500m
                memory: 1Gi
                example.com/gpu: 1
              requests:
                cpu: "1"
                memory: -1Mi
                example.com/gpu: 2
                foo: 1
          - name: d
            image: nginx
            resources:
              requests:
                cpu: 1x
                example.com/foo: 1
      `),
    ).toEqual([
      `x.yaml:23:14: spec.containers[1].resources.requests[cpu]: ${QUANTITY_MSG}`,
      'x.yaml:15:14: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
      'x.yaml:16:17: spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0',
      'x.yaml:17:26: spec.containers[0].resources.requests: Invalid value: "2": must be equal to example.com/gpu limit of 1',
      'x.yaml:18:14: spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
      'x.yaml:18:14: spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource for containers',
      'x.yaml:24:26: spec.containers[1].resources.limits: Required value: Limit must be set for non overcommitable resources',
    ]);
  });

  it('tolerations: Exists needs an empty value, effects are checked, tolerationSeconds needs NoExecute', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers: [{name: c, image: nginx}]
          tolerations:
          - key: a
            operator: Exists
            value: x
          - operator: Equal
            value: "y"
          - key: b
            effect: Sometimes
          - key: c
            tolerationSeconds: 10
            effect: NoSchedule
          - key: d
            operator: Like
      `),
    ).toEqual([
      'x.yaml:10:12: spec.tolerations[0].operator: Invalid value: "x": value must be empty when `operator` is \'Exists\'',
      'x.yaml:11:15: spec.tolerations[1].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'x.yaml:14:13: spec.tolerations[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'x.yaml:17:13: spec.tolerations[3].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      'x.yaml:19:15: spec.tolerations[4].operator: Unsupported value: "Like": supported values: "Equal", "Exists"',
    ]);
  });

  it.each([
    ['an empty list', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: []\n', 'x.yaml:5:15: spec.containers: Required value'],
    ['no spec at all (reported at the nearest existing node)', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n', 'x.yaml:1:1: spec.containers: Required value'],
    ['a null value', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n', 'x.yaml:5:3: spec.containers: Required value'],
  ])('spec.containers is required: %s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual([expected]);
  });

  it('volume mounts must name a declared volume; volume names are DNS labels', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          volumes:
          - name: Data
          - name: cache
            emptyDir: {}
            hostPath: {path: /tmp}
          containers:
          - name: c
            image: nginx
            volumeMounts:
            - {name: data, mountPath: /data}
            - {name: cache, mountPath: /data}
      `),
    ).toEqual([
      `x.yaml:6:11: spec.volumes[0].name: Invalid value: "Data": ${DNS1123_LABEL_MSG}`,
      'x.yaml:9:15: spec.volumes[1].hostPath: Forbidden: may not specify more than 1 volume type',
      'x.yaml:14:14: spec.containers[0].volumeMounts[0].name: Not found: "data"',
      'x.yaml:15:14: spec.containers[0].volumeMounts[1].name: Not found: "cache"',
      'x.yaml:15:32: spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
    ]);
  });
});

describe('type mismatches are decoding errors worded like encoding/json', () => {
  it('reports the JSON type, the Go struct field and the expected Go type', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: 5
          labels:
            app: yes
        spec:
          containers:
          - name: c
            image: [nginx]
            ports: {containerPort: 80}
            args: [1, "2"]
          - "oops"
          terminationGracePeriodSeconds: 1.5
          activeDeadlineSeconds: 99999999999999
          priority: 3000000000
          enableServiceLinks: "true"
      `),
    ).toEqual([
      'x.yaml:4:9: metadata.name: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
      'x.yaml:6:10: metadata.labels[app]: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
      'x.yaml:10:12: spec.containers[0].image: json: cannot unmarshal array into Go struct field Container.spec.containers.image of type string',
      'x.yaml:11:12: spec.containers[0].ports: json: cannot unmarshal object into Go struct field Container.spec.containers.ports of type []v1.ContainerPort',
      'x.yaml:12:12: spec.containers[0].args[0]: json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string',
      'x.yaml:13:5: spec.containers[1]: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container',
      'x.yaml:14:34: spec.terminationGracePeriodSeconds: json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64',
      'x.yaml:16:13: spec.priority: json: cannot unmarshal number 3000000000 into Go struct field PodSpec.spec.priority of type int32',
      'x.yaml:17:23: spec.enableServiceLinks: json: cannot unmarshal string into Go struct field PodSpec.spec.enableServiceLinks of type bool',
      'x.yaml:15:26: spec.activeDeadlineSeconds: Invalid value: 99999999999999: must be between 1 and 2147483647, inclusive',
    ]);
  });

  it('a quoted containerPort is a string where an int32 is expected', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: c
            image: nginx
            ports:
            - containerPort: "80"
      `),
    ).toEqual([
      'x.yaml:9:22: spec.containers[0].ports[0].containerPort: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ]);
  });

  it('unknown fields are strict-decoding errors, reported at the key', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, lables: {a: b}}
        spec:
          containers:
          - name: c
            imagee: nginx
          Containers: []
      `),
    ).toEqual([
      'x.yaml:3:21: metadata.lables: strict decoding error: unknown field "metadata.lables"',
      'x.yaml:7:5: spec.containers[0].imagee: strict decoding error: unknown field "spec.containers[0].imagee"',
      'x.yaml:8:3: spec.Containers: strict decoding error: unknown field "spec.Containers"',
      'x.yaml:6:5: spec.containers[0].image: Required value',
    ]);
  });

  it('YAML 1.1 scalars are read as kubectl reads them (yes/on are booleans, 0755 is octal)', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data:
          enabled: on
          mode: "0755"
      `),
    ).toEqual(['x.yaml:5:12: data[enabled]: json: cannot unmarshal bool into Go struct field ConfigMap.data of type string']);
    // The "Norway problem": an unquoted n is the boolean false in YAML 1.1.
    expect(errorsOf('apiVersion: v1\nkind: Node\nmetadata: {name: n}\n')).toEqual([
      'x.yaml:3:18: metadata.name: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string',
    ]);
  });
});

describe('service validation', () => {
  it('names are DNS-1035 labels; ports, selector, session affinity and type are checked', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: 1web
          namespace: prod
        spec:
          type: Magic
          sessionAffinity: Sticky
          selector:
            "app/x/y": web
          ports:
          - port: 80
          - port: 80
            name: Web
            targetPort: 0
            protocol: ICMP
      `),
    ).toEqual([
      `x.yaml:4:9: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      'x.yaml:12:5: spec.ports[0].name: Required value',
      `x.yaml:14:11: spec.ports[1].name: Invalid value: "Web": ${DNS1123_LABEL_MSG}`,
      'x.yaml:16:15: spec.ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      `x.yaml:10:5: spec.selector: Invalid value: "app/x/y": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      'x.yaml:8:20: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
      'x.yaml:7:9: spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('ports are required unless the service is headless', () => {
    expect(errorsOf('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n')).toEqual([
      'x.yaml:5:3: spec.ports: Required value',
    ]);
    expect(errorsOf('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  clusterIP: None\n')).toEqual([]);
  });

  it('node ports: range, duplicates, and duplicate protocol/port pairs', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          type: NodePort
          ports:
          - {name: a, port: 80, nodePort: 80}
          - {name: b, port: 80, nodePort: 30080}
          - {name: c, port: 81, nodePort: 30080}
      `),
    ).toEqual([
      'x.yaml:10:35: spec.ports[2].nodePort: Duplicate value: 30080',
      'x.yaml:9:5: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      'x.yaml:8:35: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });

  it('port numbers must be in range', () => {
    expect(errorsOf('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 0}]\n')).toEqual([
      'x.yaml:5:18: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'x.yaml:5:11: spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });
});

describe('persistent volume claim validation', () => {
  it('access modes and storage request', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: data
        spec:
          accessModes: [ReadWriteSometimes, ReadWriteOncePod, ReadWriteOnce]
          resources:
            requests: {}
          storageClassName: Fast_SSD
          volumeMode: Blocky
      `),
    ).toEqual([
      'x.yaml:6:17: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'x.yaml:6:16: spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
      'x.yaml:8:15: spec.resources[storage]: Required value',
      `x.yaml:9:21: spec.storageClassName: Invalid value: "Fast_SSD": ${DNS1123_SUBDOMAIN_MSG}`,
      'x.yaml:10:15: spec.volumeMode: Unsupported value: "Blocky": supported values: "Block", "Filesystem"',
    ]);
  });

  it('accessModes are required and storage must be positive', () => {
    expect(errorsOf('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  resources:\n    requests:\n      storage: 0\n')).toEqual([
      'x.yaml:6:3: spec.accessModes: Required value: at least 1 access mode is required',
      'x.yaml:8:16: spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ]);
  });
});

describe('configmap, namespace and node validation', () => {
  it('config map keys', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cfg
        data:
          good.key: a
          "bad key": b
          "..x": c
          dup: d
        binaryData:
          dup: aGVsbG8=
      `),
    ).toEqual([
      `x.yaml:7:3: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      `x.yaml:8:3: data[..x]: Invalid value: "..x": must not start with '..'`,
      'x.yaml:9:3: data[dup]: Invalid value: "dup": duplicate of key present in binaryData',
    ]);
  });

  it('namespace names are DNS labels; the namespace field of cluster-scoped kinds is ignored', () => {
    expect(errorsOf('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n  namespace: ignored\nspec:\n  finalizers: [foo]\n')).toEqual([
      'x.yaml:4:9: metadata.name: Invalid value: "team.a": must not contain dots',
      'x.yaml:7:16: spec.finalizers: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('node taints: key, value, effect, uniqueness (upstream reports them under metadata.taints)', () => {
    expect(
      errorsOf(yaml`
        apiVersion: v1
        kind: Node
        metadata:
          name: node-1
          namespace: ignored
        spec:
          taints:
          - key: a
            effect: NoSchedule
          - key: a
            effect: NoSchedule
          - key: "b c"
            value: "x y"
            effect: Never
          - key: d
      `),
    ).toEqual([
      'x.yaml:10:5: metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair',
      `x.yaml:12:10: metadata.taints[2].key: Invalid value: "b c": ${LABEL_KEY_NAME_MSG}`,
      `x.yaml:13:12: metadata.taints[2].value: Invalid value: "x y": ${LABEL_VALUE_MSG}`,
      'x.yaml:14:13: metadata.taints[2].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'x.yaml:15:5: metadata.taints[3].effect: Required value',
    ]);
  });
});
