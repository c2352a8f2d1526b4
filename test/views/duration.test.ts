/**
 * Table-driven tests ported from kubernetes/kubernetes
 * staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go (Go durations are in ns; the
 * `-2*time.Second + 1` cases become -1999 ms here, which truncates the same way).
 */
import { describe, expect, it } from 'vitest';
import {
  formatRFC1123Z, humanDuration, shortHumanDuration, translateTimestampSince,
} from '../../src/views/duration.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (TestHumanDuration)', () => {
  it.each([
    [S, '1s'],
    [70 * S, '70s'],
    [190 * S, '3m10s'],
    [70 * M, '70m'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'],
    [367 * 24 * H, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'],
    [(365 * 8 * 24 + 2) * H, '8y'],
  ])('%d ms is %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('humanDuration boundaries (TestHumanDurationBoundaries)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-2 * S + 1, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [2 * M - 1, '119s'],
    [2 * M, '2m'],
    [2 * M + S, '2m1s'],
    [10 * M - 1, '9m59s'],
    [10 * M, '10m'],
    [10 * M + S, '10m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [8 * H - 1, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [2 * D - 1, '47h'],
    [2 * D, '2d'],
    [2 * D + H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [2 * 365 * D - 1, '729d'],
    [2 * 365 * D, '2y'],
    [2 * 365 * D + 23 * H, '2y'],
    [2 * 365 * D + 23 * H + 59 * M, '2y'],
    [2 * 365 * D + D - 1, '2y'],
    [2 * 365 * D + D, '2y1d'],
    [3 * 365 * D, '3y'],
    [4 * 365 * D, '4y'],
    [5 * 365 * D, '5y'],
    [6 * 365 * D, '6y'],
    [7 * 365 * D, '7y'],
    [8 * 365 * D - 1, '7y364d'],
    [8 * 365 * D, '8y'],
    [8 * 365 * D + 364 * D, '8y'],
    [9 * 365 * D, '9y'],
  ])('%d ms is %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration (TestShortHumanDurationBoundaries)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-2 * S + 1, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [S, '1s'],
    [2 * S - 1, '1s'],
    [M - 1, '59s'],
    [M, '1m'],
    [2 * M - 1, '1m'],
    [H - 1, '59m'],
    [H, '1h'],
    [2 * H - 1, '1h'],
    [D - 1, '23h'],
    [D, '1d'],
    [2 * D - 1, '1d'],
    [365 * D - 1, '364d'],
    [365 * D, '1y'],
    [2 * 365 * D - 1, '1y'],
    [2 * 365 * D, '2y'],
  ])('%d ms is %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('a missing timestamp is <unknown>', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince(null, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
  });
  it("Go's zero time is <unknown>", () => {
    expect(translateTimestampSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });
  it('AGE of an object created 90 seconds ago is 90s', () => {
    expect(translateTimestampSince('2024-05-01T11:58:30Z', now)).toBe('90s');
  });
  it('AGE of an object created 3 days 4 hours ago is 3d4h', () => {
    expect(translateTimestampSince('2024-04-28T08:00:00Z', now)).toBe('3d4h');
  });
  it('a timestamp in the future (deletion deadline) is <invalid>', () => {
    expect(translateTimestampSince('2024-05-01T12:00:30Z', now)).toBe('<invalid>');
  });
  it('accepts MicroTime (fractional seconds)', () => {
    expect(translateTimestampSince('2024-05-01T11:59:00.123456Z', now)).toBe('59s');
  });
});

describe('formatRFC1123Z (describe times)', () => {
  it('formats like Go time.RFC1123Z in UTC', () => {
    expect(formatRFC1123Z('2024-05-01T09:05:03Z')).toBe('Wed, 01 May 2024 09:05:03 +0000');
  });
  it('formats a missing time as Go zero time', () => {
    expect(formatRFC1123Z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });
});
