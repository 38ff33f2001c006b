import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit-codes.ts';

/** Option definitions in node:util parseArgs form. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed flags: strings and booleans keyed by option name. */
export type Flags = Record<string, string | boolean | undefined>;

/**
 * Parses argv with node:util, turning its terse errors into a UsageError that names the flag, so a
 * typo gets "unknown option --ouput (did you mean --out?)" instead of a stack trace.
 */
export function parseFlags(
  argv: ReadonlyArray<string>,
  options: OptionSpec,
  allowPositionals = false,
): { flags: Flags; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals, strict: true });
    return { flags: values as Flags, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown?.[1]) {
      const name = unknown[1].replace(/^-+/, '');
      const guess = closestOption(name, Object.keys(options));
      throw new UsageError(`unknown option ${unknown[1]}${guess ? ` (did you mean --${guess}?)` : ''}`);
    }
    if (/Unexpected argument/.test(message)) {
      throw new UsageError(
        `unexpected argument: ${message.replace(/^.*Unexpected argument '([^']+)'.*$/s, '$1')}`,
      );
    }
    throw new UsageError(message.replace(/\. To specify.*$/s, ''));
  }
}

function closestOption(name: string, candidates: ReadonlyArray<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = editDistance(name, candidate);
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** Reads a flag as a string, or undefined. */
export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a flag as a whole number within bounds, with a usage error that says what is accepted. */
export function intFlag(
  flags: Flags,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

/** Reads a flag as a number within bounds (e.g. a probability). */
export function numberFlag(flags: Flags, name: string, min: number, max: number): number | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${name} takes a number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}
