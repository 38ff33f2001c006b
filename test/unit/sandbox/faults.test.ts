import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../electron/engine/sandbox/faults.ts';
import { resolveOptions, type SandboxOptions } from '../../../electron/engine/sandbox/options.ts';

const injector = (options: SandboxOptions): FaultInjector => {
  const resolved = resolveOptions(options);
  return new FaultInjector(resolved.seed, () => resolved);
};
const run = (f: FaultInjector, n: number): Array<string | null> =>
  Array.from({ length: n }, () => f.afterAdmission('GET', '/api/v2/organizations')?.kind ?? null);

describe('FaultInjector', () => {
  it('draws random faults at roughly the configured rates, the same sequence for the same seed', () => {
    const options = { seed: 42, serverErrorRate: 0.1, dropRate: 0.1, lostResponseRate: 0.1 };
    const a = run(injector(options), 2000);
    expect(run(injector(options), 2000)).toEqual(a);
    expect(run(injector({ ...options, seed: 43 }), 2000)).not.toEqual(a);
    for (const kind of ['serverError', 'drop', 'lostResponse']) {
      const share = a.filter((k) => k === kind).length / a.length;
      expect(share).toBeGreaterThan(0.05);
      expect(share).toBeLessThan(0.15);
    }
  });

  it('never faults with zero rates', () => {
    expect(run(injector({}), 500).every((k) => k === null)).toBe(true);
  });

  it('applies queued faults to matching requests only, count times, without shifting the random sequence', () => {
    const plain = run(injector({ seed: 5, dropRate: 0.3 }), 6);
    const f = injector({ seed: 5, dropRate: 0.3 });
    f.inject({ kind: 'serverError', status: 503, count: 2, match: (method) => method === 'POST' });
    expect(f.pending()).toBe(2);
    const got = [
      f.afterAdmission('GET', '/x')?.kind ?? null,
      f.afterAdmission('POST', '/x'),
      f.afterAdmission('POST', '/x'),
      f.afterAdmission('POST', '/x')?.kind ?? null,
    ];
    expect(got[0]).toBe(plain[0]);
    expect(got[1]).toEqual({ kind: 'serverError', status: 503 });
    expect(got[2]).toEqual({ kind: 'serverError', status: 503 });
    expect(got[3]).toBe(plain[3]);
    expect(f.pending()).toBe(0);
  });

  it('keeps rateLimit faults for the admission step', () => {
    const f = injector({});
    f.inject({ kind: 'rateLimit' });
    expect(f.afterAdmission('GET', '/x')).toBeNull();
    expect(f.beforeAdmission('GET', '/x')?.kind).toBe('rateLimit');
    expect(f.beforeAdmission('GET', '/x')).toBeNull();
    expect(() => f.inject({ kind: 'drop', count: 0 })).toThrow(/count/);
  });

  it('adds latency with bounded jitter', () => {
    const f = injector({ latencyMs: 50, latencyJitterMs: 20 });
    const values = Array.from({ length: 200 }, () => f.latency());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...values)).toBeLessThanOrEqual(70);
    expect(new Set(values).size).toBeGreaterThan(5);
  });
});
