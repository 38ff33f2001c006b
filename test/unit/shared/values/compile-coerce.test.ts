import { describe, expect, it } from 'vitest';
import type { MappingTarget } from '../../../../shared/mapping.ts';
import {
  coerceCell,
  compileCoerce,
  compileQuickCoerce,
  DEFAULT_COLUMN_SETTINGS,
  NOT_QUICK,
} from '../../../../shared/values/index.ts';
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
  // Edges the quick paths look at: non-ASCII letters, spaces and invisible characters at either end.
  'Łódź',
  'São Paulo',
  '東京',
  ' Łódź',
  'Łódź ',
  '\u00a0x',
  'x\u00a0',
  '\u202fx',
  '\ufeffx',
  'x\u2060',
  '\u1680x',
  'x\u3000',
  '\u0085x',
  "'x",
  "x'",
  '\tx',
  'x\n',
  '😀',
  // Numbers around the plain ones: signs, points, spaces, too many digits.
  '37.25',
  '0.1',
  '0.30000000000000004',
  '123456789012345',
  '1234567890123456',
  '123456789012345.5',
  '1.123456789012345',
  '123456789012345.123456789012345',
  '1234567890123456.1',
  '12.',
  '.5',
  '1.2.3',
  ' 42',
  '42 ',
  '\u200b42',
  "'42",
  '+42',
  '4 2',
  '00001',
  -0,
  1e21,
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
  target('Address', 'formatted_address'),
  target('Billing address', 'value'),
  target('Billing address'),
  target('Budget', 'nonsense'),
  target('Owner'),
  target('Tier'),
  target('Renewal date'),
  target('ID'),
  { kind: 'field', key: 'no_such_field' },
];

const SETTINGS: ReadonlyArray<ColumnSettings> = [
  DEFAULT_COLUMN_SETTINGS,
  { ...DEFAULT_COLUMN_SETTINGS, decimalSeparator: ',', thousandsSeparator: '.' },
  { ...DEFAULT_COLUMN_SETTINGS, thousandsSeparator: '.' },
  { ...DEFAULT_COLUMN_SETTINGS, thousandsSeparator: null },
];

/** What coerceCell's result says a quick conversion may give instead of NOT_QUICK. */
function quickForm(
  cell: CellInput,
  t: MappingTarget,
  context: ReturnType<typeof testContext>,
  settings: ColumnSettings,
) {
  const full = coerceCell(cell, t, context, settings);
  if (full.kind === 'empty') return null;
  if (full.kind === 'value' && full.note === undefined) return full.value;
  return NOT_QUICK;
}

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

describe('compileQuickCoerce', () => {
  for (const source of ['csv', 'xlsx'] as const) {
    it(`gives NOT_QUICK or exactly what coerceCell gives (${source})`, () => {
      const context = testContext({ source });
      for (const settings of SETTINGS) {
        for (const t of TARGETS) {
          const quick = compileQuickCoerce(t, context, settings);
          if (quick === null) continue;
          for (const cell of CELLS) {
            const got = quick(cell);
            if (got === NOT_QUICK) continue;
            expect(got, `${JSON.stringify(t)} ${String(cell).slice(0, 20)}`).toEqual(
              quickForm(cell, t, context, settings),
            );
          }
        }
      }
    });
  }

  it('settles the plain cells of text and number columns itself', () => {
    const context = testContext();
    const settled = (t: MappingTarget, cell: CellInput) =>
      compileQuickCoerce(t, context, DEFAULT_COLUMN_SETTINGS)?.(cell);
    expect(settled(target('Name'), 'Acme GmbH')).toBe('Acme GmbH');
    expect(settled(target('Name'), '  Acme  ')).toBe('Acme');
    expect(settled(target('Notes'), ' two\nlines ')).toBe(' two\nlines ');
    expect(settled(target('Address', 'locality'), 'Łódź')).toBe('Łódź');
    expect(settled(target('Name'), '\u200b')).toBeNull();
    expect(settled(target('Name'), null)).toBeNull();
    expect(settled(target('Annual revenue'), '37.25')).toBe(37.25);
    expect(settled(target('Employees'), '00042')).toBe(42);
    expect(settled(target('Employees'), '4.5')).toBe(NOT_QUICK);
    expect(settled(target('Name'), 'x'.repeat(256))).toBe(NOT_QUICK);
    expect(compileQuickCoerce(target('Owner'), context, DEFAULT_COLUMN_SETTINGS)).toBeNull();
  });

  it('reads plain decimal numbers exactly as Number does', () => {
    const context = testContext();
    const quick = compileQuickCoerce(target('Score'), context, DEFAULT_COLUMN_SETTINGS);
    let state = 7;
    const digit = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return String(Math.floor((state / 2147483648) * 10));
    };
    const digits = (n: number) => Array.from({ length: n }, digit).join('');
    for (let n = 0; n < 20_000; n++) {
      const text = `${digits(1 + (n % 15))}.${digits(1 + ((n * 7) % 15))}`;
      expect(quick?.(text), text).toBe(quickForm(text, target('Score'), context, DEFAULT_COLUMN_SETTINGS));
      expect(quickForm(text, target('Score'), context, DEFAULT_COLUMN_SETTINGS), text).toBe(Number(text));
    }
  });
});
