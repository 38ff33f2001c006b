/**
 * Issue 8, hostile input: every IPC channel's argument schema, fuzzed through the dispatch path both
 * transports use (`dispatchInvoke`). For each channel a minimal valid argument is derived from its
 * schema, then every leaf is replaced by hostile values (wrong types, missing, 5 MB strings, huge and
 * non-finite numbers, deep nesting, prototype-pollution keys) and whole arguments are replaced by
 * junk. Each call must come back as a short, specific `invalid_request` rejection without reaching the
 * handler — or, when the value happens to be valid, reach it once — and never throw.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { dispatchInvoke } from '../../electron/engine/app/dispatch.ts';
import { INVOKE_SCHEMAS, parseInvokeArgs } from '../../shared/ipc-schemas.ts';
import { INVOKE_CHANNELS, type InvokeChannel, type InvokeHandlers } from '../../shared/ipc.ts';
import { hostileSeed, prng } from './hostile-inputs.ts';

const seed = hostileSeed();
const HUGE = 'x'.repeat(5 * 1024 * 1024);
const MAX_MESSAGE = 2_000;

/** Minimal values of a schema node, found by trying candidates against the node itself. */
function sample(schema: z.ZodType): unknown {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const node = (key: string): z.ZodType => def[key] as z.ZodType;
  const first = (candidates: ReadonlyArray<unknown>): unknown =>
    candidates.find((c) => schema.safeParse(c).success) ?? candidates[0];
  switch (def.type) {
    case 'string':
      return first([
        'a',
        '00000000-0000-0000-0000-000000000000',
        'abc',
        'EUR',
        'csv',
        '2026-01-01T00:00:00Z',
      ]);
    case 'number':
      return first([1, 0]);
    case 'boolean':
      return false;
    case 'undefined':
    case 'optional':
      return undefined;
    case 'nullable':
      return sample(node('innerType'));
    case 'literal':
      return (def['values'] as unknown[])[0];
    case 'enum':
      return Object.values(def['entries'] as Record<string, unknown>)[0];
    case 'array': {
      const element = sample(node('element'));
      return first([[], [element]]);
    }
    case 'record':
      return {};
    case 'union':
      return first((def['options'] as z.ZodType[]).map(sample));
    case 'pipe':
      return sample(node('in'));
    case 'object': {
      const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(shape)) {
        const value = sample(child);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Paths to every leaf of a sampled argument. */
function leaves(value: unknown, path: ReadonlyArray<string> = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return path.length > 0 ? [[...path]] : [];
  const entries = Object.entries(value);
  if (entries.length === 0) return path.length > 0 ? [[...path]] : [];
  return entries.flatMap(([key, child]) => leaves(child, [...path, key]));
}

function withLeaf(base: unknown, path: ReadonlyArray<string>, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  if (value === DELETE && rest.length === 0) delete copy[head];
  else copy[head] = withLeaf(copy[head], rest, value);
  return copy;
}

const DELETE = Symbol('delete');

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** Values no leaf of any schema accepts as they are (an empty string is tested separately). */
const HOSTILE_LEAVES: ReadonlyArray<readonly [string, unknown]> = [
  ['a 5 MB string', HUGE],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['2^64', 2 ** 64],
  ['a bigint', 10n],
  ['a deeply nested object', deep(10_000)],
  ['a 10,000-item list', new Array<string>(10_000).fill('x')],
  [
    'a prototype-pollution object',
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  ],
];

/** Whole arguments that are junk. */
const HOSTILE_ARGS: ReadonlyArray<readonly [string, unknown]> = [
  ['null', null],
  ['a number', 42],
  ['a string', 'import/open'],
  ['a list', [1, 2, 3]],
  ['a 5 MB string', HUGE],
  ['a 1 MB key', { ['k'.repeat(1024 * 1024)]: 1 }],
  ['5,000 unknown keys', Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))],
  ['a deeply nested object', deep(100_000)],
  [
    '__proto__ and constructor keys',
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  ],
];

function recordingHandlers(): { handlers: InvokeHandlers; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const handlers = new Proxy(
    {},
    {
      get: (_target, channel) => async () => {
        calls.set(String(channel), (calls.get(String(channel)) ?? 0) + 1);
        return null;
      },
    },
  ) as InvokeHandlers;
  return { handlers, calls };
}

interface Tally {
  calls: number;
  rejected: number;
  accepted: number;
}

async function check(channel: unknown, args: unknown, what: string, tally: Tally): Promise<void> {
  const { handlers, calls } = recordingHandlers();
  const result = await dispatchInvoke(handlers, channel, args);
  tally.calls++;
  const handled = calls.get(String(channel)) ?? 0;
  if (result.ok) {
    tally.accepted++;
    expect(handled, `${String(channel)} ${what}: accepted but the handler ran ${handled} times`).toBe(1);
    return;
  }
  tally.rejected++;
  expect(handled, `${String(channel)} ${what}: rejected, yet the handler ran`).toBe(0);
  expect(result.error.kind).toBe('invalid_request');
  const { message } = result.error;
  expect(message.length, `${String(channel)} ${what}: message of ${message.length} characters`).toBeLessThan(
    MAX_MESSAGE,
  );
  expect(message).not.toMatch(/\n\s+at |\[object Object\]|x{100}/);
  expect(message).toMatch(/^(Invalid request to "[^"]+": \S|Unknown call )/);
}

describe('IPC payloads through the dispatch path', () => {
  it('derives a valid argument for every channel from its schema', () => {
    for (const channel of INVOKE_CHANNELS) {
      const base = sample(INVOKE_SCHEMAS[channel]);
      const checked = parseInvokeArgs(channel, base);
      expect(checked.ok, `${channel}: ${checked.ok ? '' : checked.message}`).toBe(true);
    }
  });

  it('rejects hostile leaves, missing fields and junk arguments on every channel with a short, clear message', async () => {
    console.log(`IPC fuzz seed ${seed} (replay with HOSTILE_SEED=${seed})`);
    const random = prng(seed);
    const tally: Tally = { calls: 0, rejected: 0, accepted: 0 };
    const started = Date.now();
    for (const channel of INVOKE_CHANNELS) {
      const base = sample(INVOKE_SCHEMAS[channel as InvokeChannel]);
      for (const path of leaves(base)) {
        for (const [what, value] of HOSTILE_LEAVES) {
          await check(channel, withLeaf(base, path, value), `${path.join('.')} = ${what}`, tally);
          // None of these values is valid anywhere: each must be refused, not just survived. (A job's
          // spec is any object at the edge; each job kind's parseSpec checks it when the job starts.)
          if (channel === 'job/start' && path[0] === 'spec') continue;
          expect(
            parseInvokeArgs(channel, withLeaf(base, path, value)).ok,
            `${channel} ${path.join('.')} = ${what}`,
          ).toBe(false);
        }
        await check(channel, withLeaf(base, path, DELETE), `${path.join('.')} missing`, tally);
        // A value of the wrong type, picked at random among the others.
        const wrong = [null, 0, -1, true, '', [], {}][random.int(7)];
        await check(
          channel,
          withLeaf(base, path, wrong),
          `${path.join('.')} = ${JSON.stringify(wrong)}`,
          tally,
        );
      }
      for (const [what, args] of HOSTILE_ARGS) await check(channel, args, what, tally);
      await check(channel, { ...(base as object), unexpected: HUGE }, 'an extra 5 MB property', tally);
    }
    for (const channel of [null, 42, '', '__proto__', 'constructor', 'toString', HUGE, 'job/start/../../x']) {
      await check(channel, {}, 'unknown channel', tally);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    console.log(
      `IPC fuzz: ${INVOKE_CHANNELS.length} channels, ${tally.calls} calls, ${tally.rejected} rejected, ` +
        `${tally.accepted} accepted as valid, ${Date.now() - started} ms`,
    );
    expect(tally.rejected).toBeGreaterThan(tally.accepted);
  });
});
