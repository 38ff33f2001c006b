import { describe, expect, it } from 'vitest';
import type { MappingTarget } from '../../../../shared/mapping.ts';
import { coerceCell, compileCoerce, DEFAULT_COLUMN_SETTINGS } from '../../../../shared/values/index.ts';
import type { CellInput, ColumnSettings } from '../../../../shared/values/index.ts';
import { testContext } from './fixtures.ts';
import { target } from './helpers.ts';

/** Cells that take every early exit and conversion path: empty, guarded, invisible, numbers, text. */
const CELLS: ReadonlyArray<CellInput> = [
  null,
  '',
  '   ',
  '\u200b',
  '\u200bAcme\ufeff',
  "'=SUM(A1)",
  "'+49 30 123",
  'Acme GmbH',
  '  padded  ',
  'two\nlines',
  'x'.repeat(300),
  'x'.repeat(70_000),
  '42',
  '007',
  '12.5',
  '1,234.5',
  '12,5',
  '-3',
  'EUR 12',
  '12x',
  42,
  12.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 60,
  true,
  new Date(Date.UTC(2024, 0, 2)),
];

const TARGETS: ReadonlyArray<MappingTarget> = [
  target('Name'),
  target('Website'),
  target('Tagline'),
  target('Segment code'),
  target('Notes'),
  target('Phone'),
  target('Address'),
  target('Address', 'locality'),
  target('Address', 'value'),
  target('Address', 'postal_code'),
  target('Address', 'nonsense'),
  target('Billing address', 'route'),
  target('Annual revenue'),
  target('Employees'),
  target('Score'),
  target('Seats'),
  target('Budget'),
  target('Budget', 'currency'),
  target('Name', 'locality'),
  target('Created'),
  target('ID'),
  { kind: 'field', key: 'no_such_field' },
];

const SETTINGS: ReadonlyArray<ColumnSettings> = [
  DEFAULT_COLUMN_SETTINGS,
  { ...DEFAULT_COLUMN_SETTINGS, decimalSeparator: ',', thousandsSeparator: '.' },
];

describe('compileCoerce', () => {
  for (const source of ['csv', 'xlsx'] as const) {
    it(`converts every cell exactly as coerceCell does (${source})`, () => {
      const context = testContext({ source });
      for (const settings of SETTINGS) {
        for (const t of TARGETS) {
          const coerce = compileCoerce(t, context, settings);
          for (const cell of CELLS) {
            expect(coerce(cell), `${JSON.stringify(t)} ${String(cell).slice(0, 20)}`).toEqual(
              coerceCell(cell, t, context, settings),
            );
          }
        }
      }
    });
  }
});
