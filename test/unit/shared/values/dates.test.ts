import { describe, expect, it } from 'vitest';
import { dayToSerial, serialToDay } from '../../../../shared/values/index.ts';
import { coerce, errorOf, valueOf } from './helpers.ts';

const day = (cell: string | number | Date, settings = {}): unknown =>
  valueOf(coerce(cell, 'Renewal date', settings));
const dateError = (cell: string | number | boolean, settings = {}): string =>
  errorOf(coerce(cell, 'Renewal date', settings));

describe('date fields', () => {
  it('reads ISO dates under every column setting, ignoring a time part', () => {
    for (const dateOrder of ['iso', 'dmy', 'mdy', 'serial', 'ambiguous'] as const) {
      expect(day('2024-03-31', { dateOrder })).toBe('2024-03-31');
    }
    expect(day('2024-3-5')).toBe('2024-03-05');
    expect(day('2024/03/05')).toBe('2024-03-05');
    expect(day('2024-03-31T23:30:00-05:00')).toBe('2024-03-31');
    expect(day('20240331')).toBe('2024-03-31');
  });

  it('reads day-first and month-first text as the column says, with / . and - separators', () => {
    expect(day('03/04/2024', { dateOrder: 'dmy' })).toBe('2024-04-03');
    expect(day('03/04/2024', { dateOrder: 'mdy' })).toBe('2024-03-04');
    expect(day('03.04.2024', { dateOrder: 'dmy' })).toBe('2024-04-03');
    expect(day('3-4-2024', { dateOrder: 'mdy' })).toBe('2024-03-04');
    expect(day('31/12/2024 10:15', { dateOrder: 'dmy' })).toBe('2024-12-31');
  });

  it('reads unambiguous text under any setting, and rejects text that contradicts the chosen order', () => {
    expect(day('13/04/2024')).toBe('2024-04-13');
    expect(day('04/13/2024', { dateOrder: 'ambiguous' })).toBe('2024-04-13');
    expect(day('05/05/2024', { dateOrder: 'ambiguous' })).toBe('2024-05-05');
    expect(dateError('04/13/2024', { dateOrder: 'dmy' })).toBe(
      '"04/13/2024" is not a date in this column\'s day-first (DD/MM/YYYY) order',
    );
    expect(dateError('13/04/2024', { dateOrder: 'mdy' })).toBe(
      '"13/04/2024" is not a date in this column\'s month-first (MM/DD/YYYY) order',
    );
  });

  it('flags ambiguous dates instead of guessing', () => {
    for (const dateOrder of ['iso', 'serial', 'ambiguous'] as const) {
      expect(dateError('03/04/2024', { dateOrder })).toBe(
        '"03/04/2024": ambiguous date — choose day-first or month-first for this column (it could be 3 Apr 2024 or 4 Mar 2024)',
      );
    }
  });

  it('reads two-digit years like Excel does, and says so in a note', () => {
    expect(coerce('31/12/24', 'Renewal date', { dateOrder: 'dmy' })).toEqual({
      kind: 'value',
      value: '2024-12-31',
      note: '"31/12/24" has a two-digit year — read as 2024',
    });
    expect(day('1/2/75', { dateOrder: 'mdy' })).toBe('1975-01-02');
    expect(dateError('29/2/29', { dateOrder: 'dmy' })).toBe('"29/2/29" is not a real date');
  });

  it('reads month names', () => {
    expect(day('3 Apr 2024')).toBe('2024-04-03');
    expect(day('03-Apr-2024')).toBe('2024-04-03');
    expect(day('April 3, 2024')).toBe('2024-04-03');
    expect(day('Sept 30 2024')).toBe('2024-09-30');
    expect(dateError('3 Foo 2024')).toContain('is not a date');
  });

  it('reads Excel serial numbers, typed or (in a serial column) as text', () => {
    expect(day(45382)).toBe('2024-03-31');
    expect(day(45382.75)).toBe('2024-03-31');
    expect(day(1)).toBe('1900-01-01');
    expect(day(59)).toBe('1900-02-28');
    expect(day(61)).toBe('1900-03-01');
    expect(day('45382', { dateOrder: 'serial' })).toBe('2024-03-31');
    expect(dateError('45382')).toContain('is not a date');
    expect(dateError(-3)).toBe('-3 is not a date (as an Excel date number it is out of range)');
    expect(serialToDay(60)).toBeNull();
    expect(dayToSerial('2024-03-31')).toBe(45382);
  });

  it('reads XLSX dates by their UTC calendar day, whatever the local time zone', () => {
    expect(day(new Date(Date.UTC(2024, 0, 1)))).toBe('2024-01-01');
    expect(day(new Date(Date.UTC(2024, 0, 1, 23, 59, 59)))).toBe('2024-01-01');
    expect(day(new Date('2023-12-31T00:00:00Z'))).toBe('2023-12-31');
    expect(errorOf(coerce(new Date(Number.NaN), 'Renewal date'))).toBe('The cell holds an invalid date');
  });

  it('rejects impossible dates and words, naming the accepted forms', () => {
    expect(dateError('2023-02-29')).toBe('"2023-02-29" is not a real date');
    expect(dateError('31/04/2024', { dateOrder: 'dmy' })).toBe('"31/04/2024" is not a real date');
    expect(dateError('next week')).toBe(
      '"next week" is not a date — use YYYY-MM-DD (e.g. 2024-03-31), DD/MM/YYYY or MM/DD/YYYY',
    );
    expect(dateError(true)).toBe('"true" is not a date');
  });
});

describe('date ranges', () => {
  const range = (cell: string | number, settings = {}, part?: string): unknown =>
    valueOf(coerce(cell, 'Contract period', settings, {}, part));

  it('reads a start cell and an until column separately', () => {
    expect(range('2024-01-01')).toBe('2024-01-01');
    expect(range('01/02/2024', { dateOrder: 'dmy' }, 'until')).toBe('2024-02-01');
  });

  it('reads a whole range from one cell', () => {
    const expected = { value: '2024-01-01', until: '2024-02-01' };
    expect(range('2024-01-01 – 2024-02-01')).toEqual(expected);
    expect(range('2024-01-01 - 2024-02-01')).toEqual(expected);
    expect(range('2024-01-01—2024-02-01')).toEqual(expected);
    expect(range('01.01.2024 to 01.02.2024', { dateOrder: 'dmy' })).toEqual(expected);
  });

  it('rejects a range that ends before it starts, or has a bad half', () => {
    expect(errorOf(coerce('2024-02-01 – 2024-01-01', 'Contract period'))).toBe(
      '"2024-02-01 – 2024-01-01" ends before it starts — "Contract period" needs start ≤ end',
    );
    expect(errorOf(coerce('2024-01-01 – soon', 'Contract period'))).toContain('"soon" is not a date');
  });
});

describe('times', () => {
  const time = (cell: string | number | Date, name = 'Call time'): unknown => valueOf(coerce(cell, name));

  it('reads 24-hour and 12-hour text', () => {
    expect(time('9:00')).toBe('09:00:00');
    expect(time('14:30:15')).toBe('14:30:15');
    expect(time('9:00 AM')).toBe('09:00:00');
    expect(time('12:15 am')).toBe('00:15:00');
    expect(time('12 PM')).toBe('12:00:00');
    expect(time('7.45 p.m.')).toBe('19:45:00');
  });

  it('reads Excel time fractions and XLSX time cells', () => {
    expect(time(0.375)).toBe('09:00:00');
    expect(time(0.999999)).toBe('23:59:59');
    expect(time(45382.5)).toBe('12:00:00');
    expect(time(new Date(Date.UTC(1899, 11, 30, 8, 5, 9)))).toBe('08:05:09');
  });

  it('rejects what is not a time of day', () => {
    expect(errorOf(coerce('25:00', 'Call time'))).toBe(
      '"25:00" is not a time — use HH:MM (e.g. 14:30) or 2:30 PM',
    );
    expect(errorOf(coerce('13 PM', 'Call time'))).toContain('is not a time');
    expect(errorOf(coerce(-1, 'Call time'))).toBe('-1 is not a time of day');
  });

  it('reads time ranges from one cell, even with a bare hyphen', () => {
    expect(time('09:00-17:30', 'Office hours')).toEqual({ value: '09:00:00', until: '17:30:00' });
    expect(time('9 AM – 5 PM', 'Office hours')).toEqual({ value: '09:00:00', until: '17:00:00' });
    expect(valueOf(coerce('18:00', 'Office hours', {}, {}, 'until'))).toBe('18:00:00');
  });
});

describe('impossible day/month pairs', () => {
  it('says "not a real date" when no reading works and no order was chosen', () => {
    expect(errorOf(coerce('13/13/2024', 'Renewal date'))).toBe('"13/13/2024" is not a real date');
  });
});
