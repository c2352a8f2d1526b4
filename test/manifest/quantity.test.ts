import { describe, it, expect } from 'vitest';
import { parseQuantity, formatQuantity, compareQuantity, type Quantity } from '../../src/manifest/index.ts';

const q = (s: string) => parseQuantity(s) as Quantity;

describe('resource quantities', () => {
  it.each([
    ['0.5', '500m'], ['500m', '500m'], ['1000m', '1'], ['1', '1'], ['1000', '1k'], ['1500', '1500'], ['1.5', '1500m'],
    ['1Ki', '1Ki'], ['1024Mi', '1Gi'], ['1.5Gi', '1536Mi'], ['1536', '1536'], ['100M', '100M'], ['1e3', '1e3'],
    ['1E6', '1e6'], ['0.0001', '1m'], ['0', '0'], ['-1Mi', '-1Mi'], ['2G', '2G'], ['512Ki', '512Ki'], ['0.5Ki', '512'],
  ])('%s prints canonically as %s', (input, out) => {
    expect(formatQuantity(q(input))).toBe(out);
  });

  it.each([
    ['', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['abc', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['1 Gi', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['512Gu', "unable to parse quantity's suffix"],
    ['1.2.3', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['Gi', 'unable to parse numeric part of quantity'],
    ['-', 'unable to parse numeric part of quantity'],
  ])('%j does not parse: %s', (input, error) => {
    expect(parseQuantity(input)).toEqual({ error });
  });

  it('compares exactly across suffixes', () => {
    expect(compareQuantity(q('1Gi'), q('1024Mi'))).toBe(0);
    expect(compareQuantity(q('1G'), q('1Gi'))).toBe(-1);
    expect(compareQuantity(q('500m'), q('0.5'))).toBe(0);
    expect(compareQuantity(q('1'), q('999m'))).toBe(1);
    expect(compareQuantity(q('1e3'), q('1k'))).toBe(0);
  });
});
