/**
 * Currencies in cells: ISO 4217 codes and the common symbols, written before or after an amount
 * (`EUR 1.200,50`, `$1,234`, `1 234,56 €`, `1234 USD`).
 */

/** Active ISO 4217 codes (plus a few widely used unofficial ones), for telling a code from a word. */
const ISO_CODES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
    'GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT ' +
    'LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR ' +
    'NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP ' +
    'STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF ' +
    'XPF YER ZAR ZMW ZWL'
  ).split(' '),
);

/** Symbols that stand for exactly one currency. (`kr` is left out: SEK, NOK, DKK and ISK all use it.) */
const SYMBOLS: ReadonlyArray<readonly [string, string]> = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['MX$', 'MXN'],
  ['R$', 'BRL'],
  ['C$', 'CAD'],
  ['A$', 'AUD'],
  ['S$', 'SGD'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['€', 'EUR'],
  ['$', 'USD'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₪', 'ILS'],
  ['₱', 'PHP'],
  ['₫', 'VND'],
  ['₴', 'UAH'],
];

const SYMBOL_SOURCE = SYMBOLS.map(([s]) => s.replace(/[$.]/g, (c) => `\\${c}`)).join('|');
const TOKEN = `(${SYMBOL_SOURCE}|[A-Za-z]{3}(?![A-Za-z]))`;
/** Currency before the amount, possibly after a sign or an opening parenthesis: `-$5`, `(EUR 5)`. */
const PREFIX = new RegExp(`^([-+\\u2212(]?)\\s*${TOKEN}\\s*(.*)$`, 's');
/** Currency after the amount, possibly before a closing parenthesis: `5 €`, `(5 USD)`. */
const SUFFIX = new RegExp(`^(.*?)\\s*${TOKEN}\\s*(\\)?)$`, 's');

/** The ISO code a symbol or code stands for, or null when it is neither. */
export function currencyCode(token: string): string | null {
  const symbol = SYMBOLS.find(([s]) => s.toLowerCase() === token.toLowerCase());
  if (symbol) return symbol[1];
  const upper = token.toUpperCase();
  return ISO_CODES.has(upper) ? upper : null;
}

/**
 * Reads a currency column cell: an ISO code in any case or a known symbol. Three other letters are
 * accepted too (Pipedrive companies can define their own currencies); anything else is null.
 */
export function parseCurrencyCell(text: string): string | null {
  const trimmed = text.trim();
  const known = currencyCode(trimmed);
  if (known) return known;
  return /^[A-Za-z]{3}$/.test(trimmed) ? trimmed.toUpperCase() : null;
}

/** Splits a currency written before or after an amount from the amount text. */
export function splitCurrency(text: string): { rest: string; currency: string | null } {
  const trimmed = text.trim();
  const before = PREFIX.exec(trimmed);
  if (before) {
    const code = currencyCode(before[2] ?? '');
    if (code && /\d/.test(before[3] ?? ''))
      return { rest: `${before[1] ?? ''}${before[3] ?? ''}`, currency: code };
  }
  const after = SUFFIX.exec(trimmed);
  if (after) {
    const code = currencyCode(after[2] ?? '');
    if (code && /\d/.test(after[1] ?? ''))
      return { rest: `${after[1] ?? ''}${after[3] ?? ''}`, currency: code };
  }
  return { rest: trimmed, currency: null };
}
