import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EVERYTHING,
  NOTHING,
  isEmptySelector,
  labelSelectorMatches,
  matches,
  matchesFields,
  objectFields,
  parseFieldSelector,
  fieldSelectorToString,
  parseSelector,
  selectorFromLabelSelector,
  selectorFromSet,
  selectorToString,
  tryParseSelector,
  validateFieldSelector,
  type LabelSelectorData,
} from '../src/labels.ts';

const KEY_REGEX_DETAIL =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX_DETAIL =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('label selector parsing (labels.Parse)', () => {
  // selector_test.go TestSelectorParse: good strings re-stringify to themselves without spaces
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])(
    'accepts %j and prints it back without blanks',
    (s) => {
      expect(selectorToString(parseSelector(s))).toBe(s.replace(/ /g, ''));
    },
  );

  it.each([
    ['x in (abc,def)', 'x in (abc,def)'],
    ['x in (def,abc,abc)', 'x in (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    ['x notin (abc,def),bar,z in (),w', 'bar,w,x notin (abc,def),z in ()'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['a=x,x=a', 'a=x,x=a'],
    ['x=a,a=x', 'a=x,x=a'],
    ['x==a', 'x==a'],
    ['notin=in', 'notin=in'],
    ['x in (in,notin)', 'x in (in,notin)'],
  ])('normalizes %j to %j (sorted by key, values sorted and de-duplicated)', (input, printed) => {
    expect(selectorToString(parseSelector(input))).toBe(printed);
  });

  it.each([
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['x=a b', "found 'b', expected: ',' or 'end of string'"],
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${VALUE_REGEX_DETAIL}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x,', "found '', expected: identifier after ','"],
    [',', "found ',', expected: !, identifier, or 'end of string'"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x=(a)', "unable to parse requirement: found '(', expected: identifier"],
    ['x<a', "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['-a=b', `unable to parse requirement: <nil>: Invalid value: "-a": name part ${KEY_REGEX_DETAIL}`],
    ['x=-a', `unable to parse requirement: values[0][x]: Invalid value: "-a": ${VALUE_REGEX_DETAIL}`],
    [
      'a/b/c',
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a valid label key ${KEY_REGEX_DETAIL} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    [
      '/a',
      'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty',
    ],
    [
      'Example.com/a',
      "unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
    ['a'.repeat(64), `unable to parse requirement: <nil>: Invalid value: "${'a'.repeat(64)}": name part must be no more than 63 characters`],
  ])('rejects %j with upstream message', (input, message) => {
    expect(tryParseSelector(input)).toEqual({ ok: false, error: message });
    expect(() => parseSelector(input)).toThrow(message);
  });
});

describe('label selector matching (Selector.Matches)', () => {
  // selector_test.go TestSelectorMatches / TestSetSelectorParser
  it.each([
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['x>1', { x: 'v2' }, false],
    ['x>1', {}, false],
    ['x notin (a)', {}, true],
    ['x notin (a)', { x: 'a' }, false],
    ['x in (a,b)', { x: 'b' }, true],
    ['x in ()', { x: '' }, true],
    ['x in ()', { y: 'baz' }, false],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
  ])('%j against %j → %s', (sel, labels, want) => {
    expect(matches(parseSelector(sel), labels)).toBe(want);
  });

  it('Nothing matches no label set and Everything matches any, including none', () => {
    expect(matches(NOTHING, {})).toBe(false);
    expect(matches(EVERYTHING, undefined)).toBe(true);
    expect(isEmptySelector(EVERYTHING)).toBe(true);
    expect(isEmptySelector(NOTHING)).toBe(false);
  });
});

describe('metav1.LabelSelectorAsSelector', () => {
  it('a nil selector selects nothing and an empty one selects everything', () => {
    expect(selectorFromLabelSelector(undefined)).toEqual(NOTHING);
    expect(selectorFromLabelSelector({})).toEqual(EVERYTHING);
    expect(labelSelectorMatches(null, { app: 'x' })).toBe(false);
    expect(labelSelectorMatches({ matchLabels: {} }, { app: 'x' })).toBe(true);
  });

  it('combines matchLabels and matchExpressions, sorted by key', () => {
    const sel = selectorFromLabelSelector({
      matchLabels: { tier: 'web', app: 'nginx' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'canary'] },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'gpu', operator: 'Exists' },
      ],
    });
    expect(selectorToString(sel)).toBe('app=nginx,env in (canary,prod),gpu,!legacy,tier=web,zone notin (b)');
    expect(matches(sel, { app: 'nginx', tier: 'web', env: 'prod', gpu: '' })).toBe(true);
    expect(matches(sel, { app: 'nginx', tier: 'web', env: 'prod', gpu: '', legacy: 'y' })).toBe(false);
    expect(matches(sel, { app: 'nginx', tier: 'web', env: 'dev', gpu: '' })).toBe(false);
  });

  it.each([
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { '-a': 'b' } }, `key: Invalid value: "-a": name part ${KEY_REGEX_DETAIL}`],
    [
      { matchLabels: { '-a': '-b' } },
      `[key: Invalid value: "-a": name part ${KEY_REGEX_DETAIL}, values[0][-a]: Invalid value: "-b": ${VALUE_REGEX_DETAIL}]`,
    ],
  ])('rejects %j with %j', (ls, message) => {
    expect(() => selectorFromLabelSelector(ls)).toThrow(message);
  });

  it('SelectorFromSet builds equality requirements sorted by key', () => {
    expect(selectorToString(selectorFromSet({ b: '2', a: '1' }))).toBe('a=1,b=2');
    expect(selectorFromSet({})).toEqual(EVERYTHING);
  });

  it('a parsed selector is plain data: it survives JSON and compares by value', () => {
    const sel = parseSelector('app=web,tier in (a,b)');
    const copy = JSON.parse(JSON.stringify(sel)) as LabelSelectorData;
    expect(copy).toEqual(sel);
    expect(matches(copy, { app: 'web', tier: 'b' })).toBe(true);
  });

  it('printing and re-parsing is a fixed point for any valid selector (property)', () => {
    const key = fc.stringMatching(/^[a-z]([a-z0-9.-]{0,8}[a-z0-9])?$/);
    const value = fc.stringMatching(/^([A-Za-z0-9]([A-Za-z0-9_.-]{0,6}[A-Za-z0-9])?)?$/);
    const term = fc.oneof(
      fc.tuple(key, value).map(([k, v]) => `${k}=${v}`),
      fc.tuple(key, value).map(([k, v]) => `${k}!=${v}`),
      fc.tuple(key, fc.array(value, { minLength: 1, maxLength: 3 })).map(([k, vs]) => `${k} in (${vs.join(',')})`),
      fc.tuple(key, fc.array(value, { minLength: 1, maxLength: 3 })).map(([k, vs]) => `${k} notin (${vs.join(',')})`),
      key,
      key.map((k) => `!${k}`),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 5 }), fc.dictionary(key, value), (terms, labels) => {
        const sel = parseSelector(terms.join(','));
        const again = parseSelector(selectorToString(sel));
        expect(selectorToString(again)).toBe(selectorToString(sel));
        expect(matches(again, labels)).toBe(matches(sel, labels));
      }),
    );
  });
});

describe('field selectors (fields.ParseSelector)', () => {
  const pod = (name: string, nodeName: string | undefined, phase: string) => ({
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: nodeName ? { nodeName } : {},
    status: { phase },
  });

  it('parses kubectl --field-selector terms, sorted as strings; == reads as =', () => {
    const sel = parseFieldSelector('metadata.name=x,status.phase!=Running,spec.nodeName=');
    expect(sel.requirements).toEqual([
      { field: 'metadata.name', operator: '=', value: 'x' },
      { field: 'spec.nodeName', operator: '=', value: '' },
      { field: 'status.phase', operator: '!=', value: 'Running' },
    ]);
    expect(fieldSelectorToString(parseFieldSelector('a==b'))).toBe('a=b');
  });

  it.each([
    ['spec.nodeName=', pod('a', undefined, 'Pending'), true],
    ['spec.nodeName=', pod('a', 'n1', 'Running'), false],
    ['status.phase!=Running', pod('a', 'n1', 'Pending'), true],
    ['status.phase!=Running', pod('a', 'n1', 'Running'), false],
    ['metadata.name=a,metadata.namespace=default', pod('a', 'n1', 'Running'), true],
    ['spec.hostNetwork=false', pod('a', 'n1', 'Running'), true],
    ['', pod('a', 'n1', 'Running'), true],
  ])('%j against a pod → %s', (s, obj, want) => {
    expect(matchesFields(parseFieldSelector(s), obj)).toBe(want);
  });

  it('Node objects expose spec.unschedulable; unknown fields read as empty', () => {
    const node = { kind: 'Node', metadata: { name: 'n1' }, spec: { unschedulable: true } };
    expect(objectFields(node)).toEqual({ 'metadata.name': 'n1', 'spec.unschedulable': 'true' });
    expect(() => validateFieldSelector(parseFieldSelector('metadata.namespace=x'), 'Node')).toThrow(
      'field label not supported: metadata.namespace',
    );
    expect(matchesFields(parseFieldSelector('spec.unschedulable=true'), node)).toBe(true);
    expect(matchesFields(parseFieldSelector('spec.whatever='), node)).toBe(true);
  });

  it('Events expose involvedObject.* fields (kubectl describe and events --for use them)', () => {
    const ev = {
      kind: 'Event',
      metadata: { name: 'web-0.17', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default', uid: 'u1' },
      reason: 'Scheduled',
      type: 'Normal',
      source: { component: 'default-scheduler' },
    };
    expect(matchesFields(parseFieldSelector('involvedObject.kind=Pod,involvedObject.name=web-0,involvedObject.uid=u1'), ev)).toBe(true);
    expect(matchesFields(parseFieldSelector('source=default-scheduler,type=Normal,reason=Scheduled'), ev)).toBe(true);
    expect(matchesFields(parseFieldSelector('involvedObject.name=web-1'), ev)).toBe(false);
  });

  it('escapes \\, , and = in values', () => {
    const sel = parseFieldSelector('metadata.name=a\\,b\\=c\\\\d');
    expect(sel.requirements[0].value).toBe('a,b=c\\d');
    expect(fieldSelectorToString(sel)).toBe('metadata.name=a\\,b\\=c\\\\d');
  });

  it.each([
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('rejects %j with upstream message', (s, message) => {
    expect(() => parseFieldSelector(s)).toThrow(message);
  });

  it('the API server rejects fields a kind does not index', () => {
    expect(() => validateFieldSelector(parseFieldSelector('spec.nodeName=x'), 'Pod')).not.toThrow();
    expect(() => validateFieldSelector(parseFieldSelector('spec.replicas=1'), 'Deployment')).toThrow(
      'field label not supported: spec.replicas',
    );
  });
});
