/**
 * String-format checks with the API server's exact messages.
 *
 * DNS names, port names/numbers, config-map keys: `staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`.
 * Label keys and values: `staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go`
 * (whose `MaxLenError` says "bytes"; util/validation's says "characters" — both kept as upstream has them).
 * The label selectors (`src/labels.ts`) use the same checks with the "characters" wording.
 */

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${labelKeyFmt})?`;
const configMapKeyFmt = '[-._a-zA-Z0-9]+';

const dns1123LabelRe = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1035LabelRe = new RegExp(`^${dns1035LabelFmt}$`);
const labelKeyRe = new RegExp(`^${labelKeyFmt}$`);
const labelValueRe = new RegExp(`^${labelValueFmt}$`);
const configMapKeyRe = new RegExp(`^${configMapKeyFmt}$`);

/** util/validation RegexError: "msg (e.g. 'a' or 'b', regex used for validation is 'fmt')" */
function regexErrorGo(msg: string, fmt: string, examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let s = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) s += ' or ';
    s += `'${ex}', `;
  });
  return s + `regex used for validation is '${fmt}')`;
}

/** How a MaxLenError counts: util/validation says "characters", api/validate/content "bytes". */
export type LengthUnit = 'characters' | 'bytes';
const maxLen = (n: number, unit: LengthUnit) => `must be no more than ${n} ${unit}`;
/** util/validation MaxLenError */
const maxLenChars = (n: number) => maxLen(n, 'characters');

/** Byte length as Go's len() counts it (UTF-8). */
export const byteLen = (s: string): number => Buffer.byteLength(s, 'utf8');

const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 63) errs.push(maxLenChars(63));
  if (!dns1123LabelRe.test(value)) {
    if (dns1123SubdomainRe.test(value)) errs.push('must not contain dots');
    else errs.push(regexErrorGo(dns1123LabelErrMsg, dns1123LabelFmt, ['my-name', '123-abc']));
  }
  return errs;
}

/** util/validation IsDNS1123Subdomain; content.IsDNS1123Subdomain with unit "bytes". */
export function isDNS1123Subdomain(value: string, unit: LengthUnit = 'characters'): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 253) errs.push(maxLen(253, unit));
  if (!dns1123SubdomainRe.test(value)) errs.push(regexErrorGo(dns1123SubdomainErrMsg, dns1123SubdomainFmt, ['example.com']));
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 63) errs.push(maxLenChars(63));
  if (!dns1035LabelRe.test(value)) errs.push(regexErrorGo(dns1035LabelErrMsg, dns1035LabelFmt, ['my-name', 'abc-123']));
  return errs;
}

/** api/validation generic.go maskTrailingDash: a generateName prefix may end in '-'. */
function maskTrailingDash(name: string): string {
  return name.endsWith('-') ? name.slice(0, Math.max(0, name.length - 2)) + 'a' : name;
}

export type NameFn = (name: string, prefix: boolean) => string[];
/** api/validation NameIsDNSSubdomain */
export const nameIsDNSSubdomain: NameFn = (n, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(n) : n);
/** api/validation NameIsDNSLabel (= ValidateNamespaceName) */
export const nameIsDNSLabel: NameFn = (n, prefix) => isDNS1123Label(prefix ? maskTrailingDash(n) : n);
/** api/validation NameIsDNS1035Label (= core ValidateServiceName) */
export const nameIsDNS1035Label: NameFn = (n, prefix) => isDNS1035Label(prefix ? maskTrailingDash(n) : n);

const labelKeyErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** content.IsLabelKey (a.k.a. IsQualifiedName); util/validation's with unit "characters". */
export function isQualifiedName(value: string, unit: LengthUnit = 'bytes'): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix, unit)) errs.push(`prefix part ${m}`);
  } else {
    return [
      'a valid label key ' +
        regexErrorGo(labelKeyErrMsg, labelKeyFmt, ['MyName', 'my.name', '123-abc']) +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLen(name) > 63) errs.push(`name part ${maxLen(63, unit)}`);
  if (!labelKeyRe.test(name)) errs.push(`name part ${regexErrorGo(labelKeyErrMsg, labelKeyFmt, ['MyName', 'my.name', '123-abc'])}`);
  return errs;
}

const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** content.IsLabelValue; util/validation IsValidLabelValue with unit "characters". */
export function isValidLabelValue(value: string, unit: LengthUnit = 'bytes'): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 63) errs.push(maxLen(63, unit));
  if (!labelValueRe.test(value)) errs.push(regexErrorGo(labelValueErrMsg, labelValueFmt, ['MyValue', 'my_value', '12345']));
  return errs;
}

const configMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

/** util/validation hasChDirPrefix */
function hasChDirPrefix(value: string): string[] {
  if (value === '.') return [`must not be '.'`];
  if (value === '..') return [`must not be '..'`];
  if (value.startsWith('..')) return [`must not start with '..'`];
  return [];
}

/** util/validation IsConfigMapKey */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 253) errs.push(maxLenChars(253));
  if (!configMapKeyRe.test(value)) errs.push(regexErrorGo(configMapKeyErrMsg, configMapKeyFmt, ['key.name', 'KEY_NAME', 'key-name']));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** util/validation InclusiveRangeError */
export const inclusiveRangeError = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;

/** util/validation IsValidPortNum */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** util/validation IsValidPortName */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLen(port) > 15) errs.push(maxLenChars(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** util/validation IsHTTPHeaderName */
export function isHTTPHeaderName(value: string): string[] {
  return /^[-A-Za-z0-9]+$/.test(value)
    ? []
    : [regexErrorGo("a valid HTTP header must consist of alphanumeric characters or '-'", '[-A-Za-z0-9]+', ['X-Header-Name'])];
}

/** util/validation IsEnvVarName */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  const fmt = '[-._a-zA-Z][-._a-zA-Z0-9]*';
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(value))
    errs.push(
      regexErrorGo(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        fmt,
        ['my.env-name', 'MY_ENV.NAME', 'MyEnvName1'],
      ),
    );
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** A loose IPv4/IPv6 literal check (netutils.ParseIPSloppy accepts leading zeros). */
export function isIPLiteral(s: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s)) return s.split('.').every((o) => Number(o) <= 255);
  if (s.includes(':')) {
    if (!/^[0-9a-fA-F:.]+$/.test(s)) return false;
    const dbl = s.split('::');
    if (dbl.length > 2) return false;
    const groups = s.split(':').filter((g) => g !== '');
    return groups.length <= 8 && groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g) || isIPLiteral(g));
  }
  return false;
}
