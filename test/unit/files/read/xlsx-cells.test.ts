import type { CellValue } from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  classifyFormat,
  renderPattern,
  renderTime,
} from '../../../../electron/engine/files/read/number-format.ts';
import { convertCell } from '../../../../electron/engine/files/read/xlsx-cells.ts';

const utc = (y: number, m: number, d: number, h = 0, min = 0): Date =>
  new Date(Date.UTC(y, m - 1, d, h, min));
const convert = (value: CellValue, numFmt?: string, date1904 = false): ReturnType<typeof convertCell> =>
  convertCell(value, numFmt, 'C5', date1904);

describe('classifyFormat', () => {
  it.each([
    [undefined, 'number'],
    ['General', 'number'],
    ['0', 'number'],
    ['#,##0.00', 'number'],
    ['0.00%', 'number'],
    ['0.00E+00', 'number'],
    ['"$"#,##0.00', 'number'],
    ['[Red]#,##0;[Blue]-#,##0', 'number'],
    ['@', 'text'],
    ['dd/mm/yyyy', 'date'],
    ['mm-dd-yy', 'date'],
    ['[$-409]mmmm d, yyyy;@', 'date'],
    ['mmm-yy', 'date'],
    ['yyyy-mm-dd hh:mm', 'datetime'],
    ['m/d/yy h:mm AM/PM', 'datetime'],
    ['h:mm', 'time'],
    ['mm:ss', 'time'],
    ['[h]:mm:ss', 'time'],
    ['00000', 'pattern'],
    ['000-000-0000', 'pattern'],
    ['"+"0', 'pattern'],
    ['[<=9999999]###-####;(###) ###-####', 'number'],
  ])('%s is %s', (format, kind) => {
    expect(classifyFormat(format).kind).toBe(kind);
  });
});

describe('rendering formats', () => {
  it('pads and punctuates integers with digit patterns', () => {
    const render = (value: number, format: string): string => {
      const kind = classifyFormat(format);
      return kind.kind === 'pattern' ? renderPattern(value, kind.tokens) : 'not a pattern';
    };
    expect(render(123, '00000')).toBe('00123');
    expect(render(1234567, '00000')).toBe('1234567');
    expect(render(5551234567, '000-000-0000')).toBe('555-123-4567');
    expect(render(4915112345678, '"+"0')).toBe('+4915112345678');
    expect(render(42, '#-00')).toBe('-42');
  });

  it('renders times on a 24-hour clock, elapsed times past 24 hours', () => {
    expect(renderTime(0.6041666666666666, false, false)).toBe('14:30');
    expect(renderTime(45356.5, true, false)).toBe('12:00:00');
    expect(renderTime(1.5, false, true)).toBe('36:00');
  });
});

describe('convertCell', () => {
  it('keeps plain values and turns empty text into null', () => {
    expect(convert('Acme')).toEqual({ value: 'Acme' });
    expect(convert('')).toEqual({ value: null });
    expect(convert(null)).toEqual({ value: null });
    expect(convert(12.5)).toEqual({ value: 12.5 });
    expect(convert(false)).toEqual({ value: false });
  });

  it('cuts dates of date-only formats to UTC midnight and keeps date-times', () => {
    expect(convert(utc(2024, 3, 5, 23, 59), 'dd/mm/yyyy').value).toEqual(utc(2024, 3, 5));
    expect(convert(utc(2024, 3, 5, 14, 30), 'yyyy-mm-dd hh:mm').value).toEqual(utc(2024, 3, 5, 14, 30));
  });

  it('turns date-formatted serials (formula results) into dates, in both date systems', () => {
    expect(convert(45356, 'yyyy-mm-dd').value).toEqual(utc(2024, 3, 5));
    expect(convert(43894, 'yyyy-mm-dd', true).value).toEqual(utc(2024, 3, 5));
    expect(convert({ formula: 'B4+1', result: 45357 } as CellValue, 'yyyy-mm-dd').value).toEqual(
      utc(2024, 3, 6),
    );
  });

  it('shows time-formatted cells as HH:MM text', () => {
    expect(convert(utc(1899, 12, 30, 9, 5), 'h:mm').value).toBe('09:05');
    expect(convert(0.25, 'hh:mm:ss').value).toBe('06:00:00');
  });

  it('keeps numbers formatted as text or zero-padded as the text the user sees', () => {
    expect(convert(42, '@').value).toBe('42');
    expect(convert(1234567890123, '@').value).toBe('1234567890123');
    expect(convert(501, '00000').value).toBe('00501');
    expect(convert(-5, '00000').value).toBe(-5); // negative: left to the values module
  });

  it('flags integers longer than Excel keeps', () => {
    const { value, issue } = convert(2 ** 60);
    expect(value).toBe(2 ** 60);
    expect(issue).toMatch(/^C5 holds 1152921504606847000, a number with more digits than Excel keeps/);
    expect(convert(999_999_999_999_999).issue).toBeUndefined();
  });

  it('reads formulas as their saved result, and says when there is none', () => {
    expect(convert({ formula: 'A1&"x"', result: 'Acmex' } as CellValue)).toEqual({ value: 'Acmex' });
    expect(convert({ sharedFormula: 'A1', result: 7 } as CellValue)).toEqual({ value: 7 });
    expect(convert({ formula: 'A1' } as CellValue)).toEqual({
      value: null,
      issue: 'C5 holds a formula without a saved result; open the file in Excel, save it, and try again.',
    });
    expect(convert({ formula: '1/0', result: Number.NaN } as CellValue).issue).toMatch(
      /C5 shows a formula error/,
    );
    expect(convert({ formula: '1/0', result: { error: '#DIV/0!' } } as CellValue).issue).toMatch(/#DIV\/0!/);
  });

  it('reads rich text, hyperlinks and errors', () => {
    expect(convert({ richText: [{ text: 'Very ' }, { text: 'big' }] }).value).toBe('Very big');
    expect(convert({ text: 'acme.test', hyperlink: 'https://acme.test' }).value).toBe('acme.test');
    // exceljs's types say a hyperlink's text is a string, but a workbook can hold rich text there.
    const richLink: unknown = { text: { richText: [{ text: 'rich link' }] }, hyperlink: 'https://x.test' };
    expect(convert(richLink as CellValue).value).toBe('rich link');
    expect(convert({ error: '#N/A' } as CellValue)).toEqual({
      value: null,
      issue: 'C5 shows the error #N/A; it is read as empty.',
    });
  });
});
