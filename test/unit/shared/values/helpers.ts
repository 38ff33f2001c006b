/** Shorthands for the value tests: targets by field name, and one-call cell conversion. */
import type { MappingTarget } from '../../../../shared/mapping.ts';
import { coerceCell, DEFAULT_COLUMN_SETTINGS } from '../../../../shared/values/index.ts';
import type {
  CellInput,
  CoerceContextInput,
  CoerceResult,
  ColumnSettings,
} from '../../../../shared/values/index.ts';
import { fieldNamed, testContext } from './fixtures.ts';

/** The target of the field with this name, or of one of its parts. */
export function target(name: string, part?: string): MappingTarget {
  if (name === 'ID') return { kind: 'id' };
  const key = fieldNamed(name).key;
  return part ? { kind: 'part', key, part } : { kind: 'field', key };
}

/** Converts one cell for the named field with default settings overridden by `settings`. */
export function coerce(
  cell: CellInput,
  name: string,
  settings: Partial<ColumnSettings> = {},
  context: Partial<CoerceContextInput> = {},
  part?: string,
): CoerceResult {
  return coerceCell(cell, target(name, part), testContext(context), {
    ...DEFAULT_COLUMN_SETTINGS,
    ...settings,
  });
}

/** The value of a successful conversion; fails the test with the message otherwise. */
export function valueOf(result: CoerceResult): unknown {
  if (result.kind !== 'value') throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
}

/** The message of a failed conversion; fails the test otherwise. */
export function errorOf(result: CoerceResult): string {
  if (result.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.message;
}
