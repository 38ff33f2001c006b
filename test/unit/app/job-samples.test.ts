import { describe, expect, it } from 'vitest';
import { appendSample } from '../../../electron/engine/app/job-samples.ts';
import type { ThroughputSample } from '../../../shared/ipc.ts';

const sample = (t: number): ThroughputSample => ({ t, current: t, requests: t, tokensSpent: 0 });

describe('appendSample', () => {
  it('keeps every sample up to the limit', () => {
    let series: ReadonlyArray<ThroughputSample> = [];
    for (let t = 0; t < 10; t++) series = appendSample(series, sample(t), 10);
    expect(series.map((s) => s.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('thins past the limit, keeping the first and the newest point', () => {
    let series: ReadonlyArray<ThroughputSample> = [];
    for (let t = 0; t < 1000; t++) series = appendSample(series, sample(t), 50);
    expect(series.length).toBeLessThanOrEqual(50);
    expect(series[0]?.t).toBe(0);
    expect(series.at(-1)?.t).toBe(999);
    const times = series.map((s) => s.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
