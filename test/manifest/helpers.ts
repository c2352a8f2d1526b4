import { parseManifests, formatManifestError, type ParseOptions } from '../../src/manifest/index.ts';

/** Formatted errors of `text` parsed as `file`. */
export function errorsOf(text: string, opts: ParseOptions = { file: 'x.yaml' }): string[] {
  return parseManifests(text, opts).errors.map(formatManifestError);
}

/** The single object `text` defines; fails the test if there are errors. */
export function objectOf(text: string): any {
  const r = parseManifests(text, { file: 'x.yaml' });
  if (r.errors.length) throw new Error(r.errors.map(formatManifestError).join('\n'));
  if (r.objects.length !== 1) throw new Error(`expected one object, got ${r.objects.length}`);
  return r.objects[0].object;
}

/** Strip a common leading indentation so YAML can be written indented in tests. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** A minimal valid pod with the given container fragment lines (already indented by 4). */
export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
export const LABEL_KEY_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** Template pod-spec defaults (SetDefaults_PodSpec and friends) of a one-container nginx template. */
export const TEMPLATE_SPEC = {
  containers: [{
    name: 'c', image: 'nginx', imagePullPolicy: 'Always',
    terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
  }],
  dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {},
  terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
};
