/** Turns a job's cumulative samples into rates over time for the throughput picture. */
import type { ThroughputSample } from '../../../../shared/ipc.ts';

/** One step of the picture: a span of time (seconds since start) and the rates during it. */
export interface RatePoint {
  readonly from: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly itemsPerSecond: number;
}

/**
 * Rates between samples at least `minGapMs` apart, so a burst of events a few ms apart does not draw
 * spikes. A phase change resets `current`; a negative step counts as zero.
 */
export function ratePoints(
  samples: ReadonlyArray<ThroughputSample>,
  minGapMs = 500,
): ReadonlyArray<RatePoint> {
  const points: RatePoint[] = [];
  let previous = samples[0];
  if (!previous) return points;
  for (const sample of samples.slice(1)) {
    const gap = sample.t - previous.t;
    if (gap < minGapMs) continue;
    points.push({
      from: previous.t / 1000,
      seconds: sample.t / 1000,
      requestsPerSecond: Math.max(0, sample.requests - previous.requests) / (gap / 1000),
      itemsPerSecond: Math.max(0, sample.current - previous.current) / (gap / 1000),
    });
    previous = sample;
  }
  return points;
}

/** A round axis maximum at or above `value`: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}
