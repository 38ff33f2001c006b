import { describe, expect, it } from 'vitest';
import { Rng, hash32 } from '../../../electron/engine/sandbox/prng.ts';
import {
  planOptions,
  resolveOptions,
  SANDBOX_DEFAULTS,
  SANDBOX_OPTION_HELP,
} from '../../../electron/engine/sandbox/options.ts';

describe('sandbox options', () => {
  it('fills defaults: loopback, free port, 500 orgs, Growth-plan limits', () => {
    const o = resolveOptions({ burst: undefined, seed: 3 });
    expect(o).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      organizations: 500,
      seed: 3,
      burst: 40,
      searchBurst: 10,
    });
    expect(o.dailyBudget).toBe(30_000 * 2 * 5);
    expect(o.overLimit).toBe('clamp');
    expect(o.retryAfter).toBe(false);
    expect(o.cloudflareAfterIgnored429s).toBeNull();
    expect(o.bulkDeleteEnabled).toBe(true);
  });

  it('refuses values that cannot work, naming the option', () => {
    expect(() => resolveOptions({ burst: 0 })).toThrow(/burst/);
    expect(() => resolveOptions({ dropRate: 1.5 })).toThrow(/dropRate/);
    expect(() => resolveOptions({ dropRate: 0.6, serverErrorRate: 0.6 })).toThrow(/must not exceed 1/);
    expect(() => resolveOptions({ overLimit: 'ignore' as 'clamp' })).toThrow(/overLimit/);
    expect(() => resolveOptions({ tokens: [''] })).toThrow(/tokens/);
  });

  it('derives burst and budget from a plan and seats', () => {
    expect(planOptions('growth', 5)).toEqual({ burst: 40, dailyBudget: 300_000 });
    expect(planOptions('ultimate', 2)).toEqual({ burst: 120, dailyBudget: 420_000 });
  });

  it('has help text for every option', () => {
    expect(Object.keys(SANDBOX_OPTION_HELP).sort()).toEqual(Object.keys(SANDBOX_DEFAULTS).sort());
    for (const entry of Object.values(SANDBOX_OPTION_HELP)) expect(entry.help.length).toBeGreaterThan(10);
  });
});

describe('Rng', () => {
  it('is deterministic per seed and stays in range', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    const seqA = Array.from({ length: 100 }, () => a.int(3, 9));
    expect(Array.from({ length: 100 }, () => b.int(3, 9))).toEqual(seqA);
    expect(Math.min(...seqA)).toBe(3);
    expect(Math.max(...seqA)).toBe(9);
    expect(new Rng(2).next()).not.toBe(new Rng(1).next());
  });

  it('makes 40-hex keys, distinct samples and stable hashes', () => {
    const rng = new Rng(9);
    expect(rng.hex(40)).toMatch(/^[0-9a-f]{40}$/);
    const picked = rng.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(picked).size).toBe(3);
    expect(picked).toEqual([...picked].sort());
    expect(hash32(1, 2)).toBe(hash32(1, 2));
    expect(hash32(1, 2)).not.toBe(hash32(2, 1));
    expect(() => rng.pick([])).toThrow();
  });
});
