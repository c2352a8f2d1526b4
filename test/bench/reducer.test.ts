import { describe, expect, it } from 'vitest';
import { runCronReducer, runReducer, runRolloutReducer } from '../../bench/reducer.ts';

// The baselines must do the work they stand for, or the ratios mean nothing.
describe('bench baselines', () => {
  it('runReducer brings every pod to Ready', () => {
    expect(runReducer(500, 5).ready).toBe(500);
  });
  it('runRolloutReducer ends with every replica on the new image and no old pod left', () => {
    const r = runRolloutReducer(3, 20, 4);
    expect(r).toMatchObject({ ready: 60, pods: 60 });
  });
  it('runCronReducer runs one schedule a minute and keeps the history limit of finished Jobs', () => {
    expect(runCronReducer(10)).toEqual({ schedules: 10, jobs: 3 });
    expect(runCronReducer(1)).toEqual({ schedules: 1, jobs: 1 });
    expect(runCronReducer(10, 1)).toEqual({ schedules: 10, jobs: 1 });
  });
});
