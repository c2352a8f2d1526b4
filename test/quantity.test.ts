import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
  addQuantities,
  compareQuantities,
  cpuMillis,
  formatCPU,
  formatMemory,
  formatQuantity,
  memoryBytes,
  newMilliQuantity,
  newQuantity,
  parseQuantity,
  quantityValue,
  tryParseQuantity,
} from '../src/quantity.ts';

describe('resource.Quantity parsing', () => {
  it.each([
    ['100m', 100],
    ['1', 1000],
    ['1.5', 1500],
    ['0.5', 500],
    ['.5', 500],
    ['2.', 2000],
    ['250m', 250],
    ['1e3', 1_000_000],
    ['1k', 1_000_000],
    ['0.1m', 1], // 100u: MilliValue rounds up
    ['1n', 1],
    ['0', 0],
    ['-1', -1000],
    [2, 2000],
    [0.25, 250],
  ])('cpuMillis(%j) = %d (MilliValue, rounding up)', (q, want) => {
    expect(cpuMillis(q)).toBe(want);
  });

  it.each([
    ['128Mi', 134217728],
    ['1Gi', 1073741824],
    ['1.5Gi', 1610612736],
    ['1Ki', 1024],
    ['1Ti', 1099511627776],
    ['1Pi', 1125899906842624],
    ['1k', 1000],
    ['1M', 1000000],
    ['1G', 1000000000],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['1e6', 1000000],
    ['12e6', 12000000],
    ['1.5', 2], // Value rounds up
    ['100m', 1],
    ['129M', 129000000],
    [1024, 1024],
  ])('memoryBytes(%j) = %d (Value)', (q, want) => {
    expect(memoryBytes(q)).toBe(want);
  });

  it('keeps exact values beyond 2^53 (nano-units as bigint)', () => {
    expect(parseQuantity('8Ei').nanos).toBe(9223372036854775807n * 1_000_000_000n); // capped at int64 max
    expect(parseQuantity('1.000000001').nanos).toBe(1_000_000_001n);
    expect(parseQuantity('1e-10').nanos).toBe(1n); // rounded up to the smallest unit
  });

  it.each([
    ['', ERR_FORMAT_WRONG],
    ['abc', ERR_FORMAT_WRONG],
    ['1.2.3', ERR_FORMAT_WRONG],
    ['1Q', ERR_FORMAT_WRONG],
    ['1 Gi', ERR_FORMAT_WRONG],
    ['1Gb', ERR_FORMAT_WRONG],
    ['1mi', ERR_SUFFIX],
    ['1i', ERR_SUFFIX],
    ['1ki', ERR_SUFFIX],
    ['1KK', ERR_SUFFIX],
    ['e-20', ERR_NUMERIC],
  ])('rejects %j with %j', (q, message) => {
    expect(tryParseQuantity(q)).toEqual({ ok: false, error: message });
    expect(() => parseQuantity(q)).toThrow(message);
  });

  it('the format-error message quotes the upstream regular expression', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

describe('resource.Quantity canonical form (String())', () => {
  it.each([
    ['100m', '100m'],
    ['1000m', '1'],
    ['1.5', '1500m'],
    ['0.5', '500m'],
    ['128Mi', '128Mi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['1.1Mi', '1153433600m'],
    ['0.5Ki', '512'],
    ['2048Ki', '2Mi'],
    ['1025Ki', '1025Ki'],
    ['2', '2'],
    ['2000', '2k'],
    ['1e3', '1e3'],
    ['1.0e3', '1e3'],
    ['10e5', '1e6'],
    ['1k', '1k'],
    ['1000k', '1M'],
    ['1G', '1G'],
    ['0.1m', '100u'],
    ['0', '0'],
    ['0Mi', '0'],
    ['-1.5Gi', '-1536Mi'],
    ['-100m', '-100m'],
    ['+1', '+1'], // upstream keeps an already-canonical input verbatim
    ['1.500', '1.500'],
  ])('%j prints as %j', (q, want) => {
    expect(formatQuantity(q)).toBe(want);
  });

  it('formats milli-cores and bytes as kubectl describe does', () => {
    expect(formatCPU(100)).toBe('100m');
    expect(formatCPU(2000)).toBe('2');
    expect(formatCPU(0)).toBe('0');
    expect(formatMemory(134217728)).toBe('128Mi');
    expect(formatMemory(209715200)).toBe('200Mi');
    expect(formatMemory(1000)).toBe('1k'); // below 1024 BinarySI prints as DecimalSI
    expect(formatMemory(1536)).toBe('1536');
    expect(formatMemory(2048)).toBe('2Ki');
  });

  it('adds, compares and builds quantities like Quantity.Add/Cmp/NewQuantity', () => {
    expect(formatQuantity(addQuantities(parseQuantity('100m'), parseQuantity('1.9')))).toBe('2');
    expect(formatQuantity(addQuantities(newQuantity(0, 'DecimalSI'), parseQuantity('1Gi')))).toBe('1Gi');
    expect(compareQuantities('1Gi', '1024Mi')).toBe(0);
    expect(compareQuantities('1G', '1Gi')).toBe(-1);
    expect(formatQuantity(newMilliQuantity(1500, 'DecimalSI'))).toBe('1500m');
    expect(quantityValue(newMilliQuantity(1500, 'DecimalSI'))).toBe(2);
  });

  it('printing is canonical: re-parsing the printed form gives the same value and text (property)', () => {
    const suffix = fc.constantFrom('', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'e3', 'e-2', 'n', 'u');
    const number = fc.tuple(fc.nat(99999), fc.option(fc.nat(999), { nil: undefined }), fc.boolean()).map(
      ([i, f, neg]) => `${neg ? '-' : ''}${i}${f === undefined ? '' : '.' + f}`,
    );
    fc.assert(
      fc.property(number, suffix, (n, s) => {
        const q = parseQuantity(n + s);
        const printed = formatQuantity({ nanos: q.nanos, format: q.format });
        const again = parseQuantity(printed);
        expect(again.nanos).toBe(q.nanos);
        expect(formatQuantity({ nanos: again.nanos, format: again.format })).toBe(printed);
      }),
    );
  });
});
