import { describe, expect, it } from 'vitest';
import { parseNumberText } from '../../../../shared/values/index.ts';
import { coerce, errorOf, valueOf } from './helpers.ts';

const EN = { decimalSeparator: '.', thousandsSeparator: ',' } as const;
const DE = { decimalSeparator: ',', thousandsSeparator: '.' } as const;
const FR = { decimalSeparator: ',', thousandsSeparator: ' ' } as const;
const CH = { decimalSeparator: '.', thousandsSeparator: "'" } as const;

describe('parseNumberText', () => {
  it.each([
    ['1,234.56', EN, 1234.56],
    ['1.234,56', DE, 1234.56],
    ['1 234,56', FR, 1234.56],
    ['1\u00a0234,56', FR, 1234.56],
    ['1\u202f234\u202f567,5', FR, 1234567.5],
    ["1'234.5", CH, 1234.5],
    ['1’234.5', CH, 1234.5],
    ['1 234.5', EN, 1234.5],
    ['-1,234', EN, -1234],
    ['\u22125', EN, -5],
    ['+7', EN, 7],
    ['(1,234.50)', EN, -1234.5],
    ['.5', EN, 0.5],
    ['0,125', DE, 0.125],
    ['1e+21', EN, 1e21],
    ['1.5e-7', DE, 1.5e-7],
    ['1234567', DE, 1234567],
    ['-0', EN, 0],
  ])('reads %j', (text, settings, expected) => {
    expect(parseNumberText(text, settings)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1,234.56', DE, 'looks like it uses "." as the decimal separator'],
    ['1.234,56', EN, 'looks like it uses "," as the decimal separator'],
    ['1,5', EN, 'thousands separators in the wrong places'],
    ['1.5', { decimalSeparator: ',', thousandsSeparator: null } as const, 'uses ".", but'],
    ['1.234.56', EN, 'more than one decimal separator'],
    ['12,34,567', EN, 'thousands separators in the wrong places'],
    ['1,2345', EN, 'thousands separators in the wrong places'],
    ['abc', EN, 'not a number'],
    ['12%', EN, 'not a number'],
    ['', EN, 'not a number'],
    [',', EN, 'not a number'],
  ])('rejects %j', (text, settings, reason) => {
    const parsed = parseNumberText(text, settings);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe('number fields', () => {
  it('reads typed numbers and text numbers in the column locale', () => {
    expect(valueOf(coerce(12.5, 'Score'))).toBe(12.5);
    expect(valueOf(coerce('1.234,5', 'Score', DE))).toBe(1234.5);
    expect(valueOf(coerce('$1,234', 'Annual revenue'))).toBe(1234);
    expect(valueOf(coerce('1 500 000 €', 'Annual revenue', FR))).toBe(1_500_000);
  });

  it('requires whole numbers for int fields', () => {
    expect(valueOf(coerce('1,500', 'Employees'))).toBe(1500);
    expect(valueOf(coerce('12.0', 'Seats'))).toBe(12);
    expect(errorOf(coerce('12.5', 'Employees'))).toBe(
      '"12.5" is not a whole number — "Employees" takes whole numbers only',
    );
    expect(errorOf(coerce(2.5, 'Seats'))).toBe(
      '"2.5" is not a whole number — "Seats" takes whole numbers only',
    );
    expect(errorOf(coerce('9007199254740993', 'Seats'))).toContain('too large');
  });

  it('explains what is wrong and shows the format the column expects', () => {
    expect(errorOf(coerce('lots', 'Score'))).toBe(
      '"lots" is not a number — "Score" takes numbers like 1,234.56',
    );
    expect(errorOf(coerce('1,234.56', 'Score', DE))).toBe(
      '"1,234.56" is not a number: it looks like it uses "." as the decimal separator, but this column\'s is "," — "Score" takes numbers like 1.234,56',
    );
    expect(errorOf(coerce(true, 'Score'))).toBe(
      '"TRUE" is not a number — "Score" takes numbers like 1,234.56',
    );
  });
});

describe('monetary fields', () => {
  const budget = (cell: string | number, settings = {}, context = {}): unknown =>
    valueOf(coerce(cell, 'Budget', settings, context));

  it('reads a currency written before or after the amount, as a code or a symbol', () => {
    expect(budget('EUR 1.200,50', DE)).toEqual({ amount: 1200.5, currency: 'EUR', currencyFromCell: true });
    expect(budget('$1,234')).toEqual({ amount: 1234, currency: 'USD', currencyFromCell: true });
    expect(budget('1234 usd')).toEqual({ amount: 1234, currency: 'USD', currencyFromCell: true });
    expect(budget('£5')).toEqual({ amount: 5, currency: 'GBP', currencyFromCell: true });
    expect(budget('¥1000')).toEqual({ amount: 1000, currency: 'JPY', currencyFromCell: true });
    expect(budget('1 234,56 €', FR)).toEqual({ amount: 1234.56, currency: 'EUR', currencyFromCell: true });
    expect(budget('-$5')).toEqual({ amount: -5, currency: 'USD', currencyFromCell: true });
    expect(budget("CHF 1'234.50", CH)).toEqual({ amount: 1234.5, currency: 'CHF', currencyFromCell: true });
    expect(budget('R$ 10')).toEqual({ amount: 10, currency: 'BRL', currencyFromCell: true });
  });

  it('falls back to the column currency, then the import default', () => {
    expect(budget(99.5, { currency: 'GBP' })).toEqual({
      amount: 99.5,
      currency: 'GBP',
      currencyFromCell: false,
    });
    expect(budget('99.5')).toEqual({ amount: 99.5, currency: 'EUR', currencyFromCell: false });
    expect(budget('99.5', {}, { defaultCurrency: null })).toEqual({
      amount: 99.5,
      currency: null,
      currencyFromCell: false,
    });
  });

  it('rejects amounts it cannot read, showing accepted forms', () => {
    expect(errorOf(coerce('about 5k', 'Budget'))).toBe(
      '"about 5k" is not an amount — "Budget" takes amounts like 1,234.56, EUR 1,234.56 or $1,234.56',
    );
    expect(errorOf(coerce('5 kr', 'Budget'))).toContain('is not an amount');
    expect(errorOf(coerce('EUR 1.200,50', 'Budget'))).toBe(
      '"EUR 1.200,50" is not an amount: it looks like it uses "," as the decimal separator, but this column\'s is "." — ' +
        '"Budget" takes amounts like 1,234.56, EUR 1,234.56 or $1,234.56',
    );
  });

  it('reads a currency column: codes in any case, symbols, and three-letter custom codes', () => {
    expect(valueOf(coerce('eur', 'Budget', {}, {}, 'currency'))).toBe('EUR');
    expect(valueOf(coerce('€', 'Budget', {}, {}, 'currency'))).toBe('EUR');
    expect(valueOf(coerce('XBT', 'Budget', {}, {}, 'currency'))).toBe('XBT');
    expect(errorOf(coerce('Euro', 'Budget', {}, {}, 'currency'))).toBe(
      '"Euro" is not a currency — "Budget" needs a 3-letter code such as EUR or USD',
    );
  });
});
