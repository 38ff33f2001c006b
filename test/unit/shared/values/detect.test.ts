import { describe, expect, it } from 'vitest';
import { detectColumnSettings } from '../../../../shared/values/index.ts';
import type { CellInput } from '../../../../shared/values/index.ts';
import { fieldNamed } from './fixtures.ts';
import { coerce, errorOf } from './helpers.ts';

const detect = (samples: CellInput[], name: string, part?: string) => {
  const field = fieldNamed(name);
  return detectColumnSettings(samples, field, part ? { kind: 'part', key: field.key, part } : undefined);
};

describe('detecting the date order', () => {
  it('finds day-first and month-first from days above 12', () => {
    expect(detect(['03/04/2024', '25/12/2024', ''], 'Renewal date').dateOrder).toBe('dmy');
    expect(detect(['03/04/2024', '12/25/2024', null], 'Renewal date').dateOrder).toBe('mdy');
  });

  it('says ambiguous when every date could be either, and then each such cell is an error', () => {
    const settings = detect(['03/04/2024', '01/02/2024', '05/05/2024'], 'Renewal date');
    expect(settings.dateOrder).toBe('ambiguous');
    expect(settings.notes).toContain(
      'Every date could be day-first or month-first — choose the order for this column',
    );
    expect(errorOf(coerce('03/04/2024', 'Renewal date', settings))).toMatch(
      /ambiguous date — choose day-first or month-first for this column/,
    );
  });

  it('says ambiguous when the column mixes both orders', () => {
    const settings = detect(['25/12/2024', '12/25/2024'], 'Renewal date');
    expect(settings.dateOrder).toBe('ambiguous');
    expect(settings.notes[0]).toMatch(/both day-first \(1\) and month-first \(1\)/);
  });

  it('reads dotted dates day-first, with a note', () => {
    const settings = detect(['03.04.2024', '01.02.2024'], 'Renewal date');
    expect(settings.dateOrder).toBe('dmy');
    expect(settings.notes[0]).toMatch(/dots/);
  });

  it('recognises ISO columns and Excel serial columns', () => {
    expect(detect(['2024-01-05', new Date(Date.UTC(2024, 0, 1))], 'Renewal date').dateOrder).toBe('iso');
    expect(detect(['45382', '45383'], 'Renewal date').dateOrder).toBe('serial');
    expect(detect([45382, 45383], 'Renewal date').dateOrder).toBe('serial');
  });

  it('notes two-digit years', () => {
    expect(detect(['25/12/24'], 'Renewal date').notes).toContain(
      '1 date(s) have a two-digit year: 00–29 are read as 20xx, 30–99 as 19xx',
    );
  });

  it('looks inside one-cell ranges and at until columns', () => {
    expect(detect(['01/02/2024 – 28/02/2024'], 'Contract period').dateOrder).toBe('dmy');
    expect(detect(['02/28/2024'], 'Contract period', 'until').dateOrder).toBe('mdy');
  });
});

describe('detecting number separators', () => {
  it.each([
    [['1.234,56', '12,5'], ','],
    [['1 234,56'], ','],
    [['1,234.56', '3.5'], '.'],
    [['1,234,567'], '.'],
    [['1.234.567'], ','],
    [["1'234.5"], '.'],
    [['12,5'], ','],
    [['EUR 1.200,50', '€ 3,20'], ','],
    [[1234.5, 99], '.'],
  ] as const)('%j → decimal %j', (samples, decimal) => {
    const settings = detect([...samples], 'Score');
    expect(settings.decimalSeparator).toBe(decimal);
    expect(settings.thousandsSeparator).toBe(decimal === '.' ? ',' : '.');
  });

  it('reads a lone 1,234 as thousands in English and says so', () => {
    const settings = detect(['1,234'], 'Score');
    expect(settings.decimalSeparator).toBe('.');
    expect(settings.notes).toEqual([
      '"1,234" is read as a whole number (1234) — change the decimal separator if that is wrong',
    ]);
  });

  it('reads a lone 1.234 as a decimal for numbers but as thousands for whole-number fields', () => {
    expect(detect(['1.234'], 'Score').decimalSeparator).toBe('.');
    const counts = detect(['1.234', '12'], 'Employees');
    expect(counts.decimalSeparator).toBe(',');
    expect(counts.notes[0]).toContain('read as a whole number (1234)');
  });

  it('notes a column that mixes both', () => {
    expect(detect(['1.5', '2,5', '3.5'], 'Score').notes[0]).toMatch(/mix/);
  });
});

describe('detecting the currency', () => {
  it('uses the one currency the cells show for cells without one', () => {
    const settings = detect(['EUR 100', '€ 5', '7'], 'Budget');
    expect(settings.currency).toBe('EUR');
    expect(settings.notes).toContain(
      'Amounts without a currency are taken as EUR, the currency the other cells use',
    );
  });

  it('asks for a currency when there is none', () => {
    const settings = detect(['100', '200'], 'Budget');
    expect(settings.currency).toBeNull();
    expect(settings.notes).toContain(
      'Some amounts have no currency: map a currency column or choose a default currency',
    );
  });

  it('keeps several currencies apart', () => {
    expect(detect(['$5', '€5'], 'Budget')).toMatchObject({ currency: null });
  });

  it('checks nothing for the currency column itself', () => {
    expect(detect(['EUR', 'USD'], 'Budget', 'currency').notes).toEqual([]);
  });
});
