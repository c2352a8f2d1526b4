import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import {
  fnv1a32, safeEncodeString, computeHash, stableDump, equalIgnoreHash, semanticDeepEqual, SAFE_ALPHANUMS,
} from '../../../machines/deployment/arith.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('FNV-1a 32 and SafeEncodeString', () => {
  it('matches the published FNV-1a vectors', () => {
    expect(fnv1a32(bytes(''))).toBe(0x811c9dc5);
    expect(fnv1a32(bytes('a'))).toBe(0xe40c292c);
    expect(fnv1a32(bytes('foobar'))).toBe(0xbf9cf968);
  });

  it('continues from a seed like successive Write calls', () => {
    expect(fnv1a32(bytes('bar'), fnv1a32(bytes('foo')))).toBe(fnv1a32(bytes('foobar')));
  });

  it('maps each byte to alphanums[b % 27]: digits become 4 5 6 7 8 9 b c d f', () => {
    expect(SAFE_ALPHANUMS).toBe('bcdfghjklmnpqrstvwxz2456789');
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(safeEncodeString('3826002220')).toBe('7d6b44666' + '4');
  });
});

const tpl = (image: string, extra: Partial<PodTemplateSpec['metadata']> = {}): PodTemplateSpec => ({
  metadata: { labels: { app: 'nginx' }, ...extra },
  spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
});

describe('ComputeHash', () => {
  it('is FNV-1a over the stable dump, then 8 collision bytes (uint32 LE + 4 zero bytes)', () => {
    const t = tpl('nginx:1.14.2');
    const h = fnv1a32(bytes(stableDump(t)));
    expect(computeHash(t)).toBe(safeEncodeString(String(h)));
    expect(computeHash(t, null)).toBe(computeHash(t));
    const withOne = fnv1a32(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]), h);
    expect(computeHash(t, 1)).toBe(safeEncodeString(String(withOne)));
    const big = fnv1a32(new Uint8Array([0x04, 0x03, 0x02, 0x01, 0, 0, 0, 0]), h);
    expect(computeHash(t, 0x01020304)).toBe(safeEncodeString(String(big)));
  });

  it('a collision count of 0 still changes the hash (the bytes are written when the pointer is set)', () => {
    const t = tpl('nginx:1.14.2');
    expect(computeHash(t, 0)).not.toBe(computeHash(t));
  });

  it('ignores key order; any change of the template changes it', () => {
    const a = tpl('nginx:1.14.2');
    const b: PodTemplateSpec = { spec: { containers: [{ ports: [{ containerPort: 80 }], image: 'nginx:1.14.2', name: 'nginx' }] }, metadata: { labels: { app: 'nginx' } } };
    expect(computeHash(a)).toBe(computeHash(b));
    expect(computeHash(tpl('nginx:1.16.1'))).not.toBe(computeHash(a));
  });

  it('property: deterministic, 1–10 safe characters, sensitive to the collision count', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 0, max: 1000 }), (image, cc) => {
      const t = tpl(image);
      const h = computeHash(t, cc);
      expect(h).toBe(computeHash(structuredClone(t), cc));
      expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
      expect(computeHash(t, cc + 1)).not.toBe(h);
    }));
  });
});

/** deployment_util_test.go generatePodTemplateSpec. */
function gen(name: string, nodeName: string, annotations: Record<string, string>, labels: Record<string, string>): PodTemplateSpec {
  return { metadata: { name, annotations, labels }, spec: { nodeName, containers: [] } };
}

describe('EqualIgnoreHash (TestEqualIgnoreHash, both orders)', () => {
  const H = 'pod-template-hash';
  it.each([
    ['Same spec, same labels', gen('foo', 'foo-node', {}, { [H]: 'value-1', something: 'else' }), gen('foo', 'foo-node', {}, { [H]: 'value-1', something: 'else' }), true],
    ['Same spec, only pod-template-hash label value is different', gen('foo', 'foo-node', {}, { [H]: 'value-1', something: 'else' }), gen('foo', 'foo-node', {}, { [H]: 'value-2', something: 'else' }), true],
    ["Same spec, the former doesn't have pod-template-hash label", gen('foo', 'foo-node', {}, { something: 'else' }), gen('foo', 'foo-node', {}, { [H]: 'value-2', something: 'else' }), true],
    ["Same spec, the label is different, the former doesn't have pod-template-hash label, same number of labels", gen('foo', 'foo-node', {}, { something: 'else' }), gen('foo', 'foo-node', {}, { [H]: 'value-2' }), false],
    ["Same spec, the label is different, the latter doesn't have pod-template-hash label, same number of labels", gen('foo', 'foo-node', {}, { [H]: 'value-1' }), gen('foo', 'foo-node', {}, { something: 'else' }), false],
    ['Same spec, the label is different, and the pod-template-hash label value is the same', gen('foo', 'foo-node', {}, { [H]: 'value-1' }), gen('foo', 'foo-node', {}, { [H]: 'value-1', something: 'else' }), false],
    ['Different spec, same labels', gen('foo', 'foo-node', { former: 'value' }, { [H]: 'value-1', something: 'else' }), gen('foo', 'foo-node', { latter: 'value' }, { [H]: 'value-1', something: 'else' }), false],
    ['Different spec, different pod-template-hash label value', gen('foo-1', 'foo-node', {}, { [H]: 'value-1', something: 'else' }), gen('foo-2', 'foo-node', {}, { [H]: 'value-2', something: 'else' }), false],
    ["Different spec, the former doesn't have pod-template-hash label", gen('foo-1', 'foo-node-1', {}, { something: 'else' }), gen('foo-2', 'foo-node-2', {}, { [H]: 'value-2', something: 'else' }), false],
    ['Different spec, different labels', gen('foo', 'foo-node-1', {}, { something: 'else' }), gen('foo', 'foo-node-2', {}, { nothing: 'else' }), false],
  ] as const)('%s', (_name, a, b, want) => {
    expect(equalIgnoreHash(a, b)).toBe(want);
    expect(equalIgnoreHash(b, a)).toBe(want);
    // The inputs are not modified (upstream deep-copies).
    expect(a.metadata!.labels).toBeDefined();
  });

  it('Semantic.DeepEqual: nil ≡ empty, quantities by value', () => {
    expect(semanticDeepEqual({ a: [], b: {} }, {})).toBe(true);
    expect(semanticDeepEqual({ a: [1] }, {})).toBe(false);
    const withRes = (cpu: string, mem: string) => ({ spec: { containers: [{ name: 'c', resources: { limits: { cpu, memory: mem } } }] } });
    expect(semanticDeepEqual(withRes('1000m', '1Gi'), withRes('1', '1024Mi'))).toBe(true);
    expect(semanticDeepEqual(withRes('500m', '1Gi'), withRes('1', '1Gi'))).toBe(false);
    // Only quantity-valued fields compare by value: an image "1" is not "1.0".
    expect(semanticDeepEqual({ image: '1' }, { image: '1.0' })).toBe(false);
  });
});
