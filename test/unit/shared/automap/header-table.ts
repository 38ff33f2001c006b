/** Runs a table of header sets through `autoMap` and compares every column's target. */
import { expect } from 'vitest';
import { autoMap } from '../../../../shared/automap/index.ts';
import type { AutoMapOptions } from '../../../../shared/automap/index.ts';
import { formatTarget } from '../../../../shared/mapping.ts';
import { FIELDS, KEYS } from './fields.ts';

/** One column: its header, the expected target text (`$tier` stands for that custom key), samples. */
export type ExpectedColumn = readonly [
  header: string,
  target: string | null,
  samples?: ReadonlyArray<unknown>,
];

/** A real-looking sheet: where such headers come from, and what each column must map to. */
export interface HeaderSet {
  readonly source: string;
  readonly mode?: AutoMapOptions['mode'];
  readonly columns: ReadonlyArray<ExpectedColumn>;
}

/** Replaces `$name` placeholders with the custom keys of `fields.ts`. */
export function expand(target: string | null): string | null {
  if (target === null) return null;
  return target.replace(/^\$(\w+)/u, (_, name: string) => {
    const key = (KEYS as Readonly<Record<string, string>>)[name];
    if (key === undefined) throw new Error(`no custom key called ${name}`);
    return key;
  });
}

/** Maps the set and checks each column's target, plus the invariants every mapping must hold. */
export function checkHeaderSet(set: HeaderSet): void {
  const result = autoMap(
    set.columns.map(([header, , samples]) => ({ header, ...(samples === undefined ? {} : { samples }) })),
    FIELDS,
    set.mode === undefined ? {} : { mode: set.mode },
  );
  const actual = result.map((r) => [r.column, r.target === null ? null : formatTarget(r.target)]);
  const expected = set.columns.map(([header, target]) => [header, expand(target)]);
  expect(actual).toEqual(expected);

  const targets = actual.map(([, target]) => target).filter((t) => t !== null);
  expect(new Set(targets).size, 'two columns on one target').toBe(targets.length);
  for (const column of result) {
    expect(column.confidence).toBeGreaterThanOrEqual(0);
    expect(column.confidence).toBeLessThanOrEqual(1);
    if (column.target !== null && column.target.kind !== 'id') {
      const field = FIELDS.find((f) => column.target?.kind !== 'id' && f.key === column.target?.key);
      expect(field?.writable, `${column.column} mapped to a read-only field`).toBe(true);
    }
    if (column.method === 'none') expect(column.target).toBeNull();
  }
}
