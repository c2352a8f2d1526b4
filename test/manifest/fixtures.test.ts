import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseManifests, formatManifestError, defaultPodSpec } from '../../src/manifest/index.ts';
import { validatePodSpecErrors, validatePVCSpecErrors } from '../../src/manifest/template.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'manifests');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

/** kind → where its pod template sits, for the workload kinds that arrive later. */
const TEMPLATE_PATH: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

describe('reference manifests (kubernetes/website examples)', () => {
  it('are all present, each with its # source: header', () => {
    expect(files).toEqual([
      'cronjob-hello.yaml', 'daemonset-fluentd.yaml', 'deployment-nginx.yaml', 'job-pi.yaml',
      'replicaset-frontend.yaml', 'statefulset-web.yaml',
    ]);
    for (const f of files) expect(read(f).startsWith('# source: kubernetes/website ')).toBe(true);
  });

  it.each([
  ])('%s: kinds that come later are refused clearly, nothing else is wrong', (file, expected) => {
    const r = parseManifests(read(file), { file });
    expect(r.errors.map(formatManifestError)).toEqual(expected);
  });

  it('replicaset-frontend.yaml loads: replicas 3, its selector and labels as written, pod-template defaults', () => {
    const r = parseManifests(read('replicaset-frontend.yaml'), { file: 'replicaset-frontend.yaml' });
    expect(r.errors).toEqual([]);
    expect(r.objects).toHaveLength(1);
    const { object, doc, line, file } = r.objects[0];
    expect([doc, line, file]).toEqual([0, 2, 'replicaset-frontend.yaml']);
    expect(object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'frontend', namespace: 'default', labels: { app: 'nginx', tier: 'frontend' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { tier: 'frontend' } },
        template: {
          metadata: { labels: { tier: 'frontend' } },
          spec: {
            containers: [{
              name: 'nginx', image: 'nginx', imagePullPolicy: 'Always',
              terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
            }],
            dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {},
            terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
          },
        },
      },
    });
  });

  it("statefulset-web.yaml's headless Service document validates and is defaulted", () => {
    const r = parseManifests(read('statefulset-web.yaml'), { file: 'statefulset-web.yaml' });
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => o.object.kind)).toEqual(['Service', 'StatefulSet']);
    const { object, doc, line } = r.objects[0];
    expect([object.kind, object.metadata.name, object.metadata.namespace, doc, line]).toEqual(['Service', 'nginx', 'default', 0, 2]);
    expect(object.spec).toEqual({
      ports: [{ port: 80, name: 'web', protocol: 'TCP', targetPort: 80 }],
      clusterIP: 'None',
      selector: { app: 'nginx' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      clusterIPs: ['None'],
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it.each(files)('%s: its pod template (and PVC templates) pass pod validation once defaulted', (file) => {
    for (const doc of parseAllDocuments(read(file), { version: '1.1' }) as any[]) {
      const obj = doc.toJS();
      const path = TEMPLATE_PATH[obj?.kind];
      if (!path) continue;
      const template = path.reduce((o: any, k) => o?.[k], obj);
      expect(template?.spec?.containers?.length).toBeGreaterThan(0);
      // Pods of a StatefulSet get one volume per claim template (the controller adds them).
      const claims = (obj.spec.volumeClaimTemplates ?? []).map((t: any) => ({ name: t.metadata.name, persistentVolumeClaim: { claimName: t.metadata.name } }));
      const spec = { ...template.spec, volumes: [...(template.spec.volumes ?? []), ...claims] };
      expect(validatePodSpecErrors(defaultPodSpec(spec), `${path.join('.')}.spec`)).toEqual([]);
      (obj.spec.volumeClaimTemplates ?? []).forEach((t: any, i: number) => {
        expect(validatePVCSpecErrors({ volumeMode: 'Filesystem', ...t.spec }, `spec.volumeClaimTemplates[${i}].spec`)).toEqual([]);
      });
    }
  });

  it('a broken template is reported with its full path', () => {
    expect(validatePodSpecErrors(defaultPodSpec({ containers: [{ name: 'pi', image: 'perl', ports: [{ containerPort: '80' }] }] }), 'spec.template.spec').map(formatManifestError)).toEqual([
      'spec.template.spec.containers[0].ports[0].containerPort: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    ]);
    expect(validatePodSpecErrors(defaultPodSpec({ containers: [], restartPolicy: 'Sometimes' })).map(formatManifestError)).toEqual([
      'spec.template.spec.containers: Required value',
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });
});
