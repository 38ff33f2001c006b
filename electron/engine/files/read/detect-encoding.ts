/**
 * Text-encoding detection for CSV files, from the first bytes. Order: byte-order mark, then the
 * UTF-16 NUL pattern, then a strict UTF-8 check (most files are UTF-8, and chardet misjudges short
 * ones), then chardet's candidates ranked by how plausible the decoded text is. A NUL byte in a file
 * that is not UTF-16 means it is not text at all.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { FileReadError, displayName } from './errors.ts';
import type { EncodingInfo } from './types.ts';

const BOMS: ReadonlyArray<{ bytes: ReadonlyArray<number>; name: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], name: 'utf-8' },
  { bytes: [0xff, 0xfe], name: 'utf-16le' },
  { bytes: [0xfe, 0xff], name: 'utf-16be' },
];

/** chardet names mapped to the encoding to use: ISO-8859-1 files are in practice Windows-1252. */
const CHARDET_ALIASES: Readonly<Record<string, string>> = {
  'iso-8859-1': 'windows-1252',
  ascii: 'windows-1252',
};

/**
 * Detects the encoding of `head` (the first bytes of the file). `complete` says whether `head` is the
 * whole file, so a multi-byte character cut at the end of a partial head is not held against UTF-8.
 */
export function detectEncoding(filePath: string, head: Buffer, complete: boolean): EncodingInfo {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => head[i] === b))
      return { name: bom.name, bomBytes: bom.bytes.length, source: 'bom' };
  }
  const utf16 = utf16ByNulPattern(head);
  if (utf16) return { name: utf16, bomBytes: 0, source: 'utf16-pattern' };
  if (head.includes(0)) throw binaryError(filePath);
  if (isValidUtf8(complete ? head : trimPartialUtf8(head)))
    return { name: 'utf-8', bomBytes: 0, source: 'utf8-check' };
  return { name: guessLegacyEncoding(head), bomBytes: 0, source: 'chardet' };
}

/** Validates an encoding name given by the user and returns it in canonical lower case. */
export function checkEncodingOption(filePath: string, encoding: string): string {
  const name = encoding.trim().toLowerCase();
  if (!iconv.encodingExists(name)) {
    const file = displayName(filePath);
    throw new FileReadError(
      'unknown-encoding',
      file,
      `"${encoding}" is not a text encoding Orgport knows (reading "${file}"). ` +
        `Try utf-8, windows-1252, iso-8859-15 or utf-16le.`,
    );
  }
  return name === 'utf8' ? 'utf-8' : name;
}

/** The length of the byte-order mark at the start of `head`, whatever encoding was chosen. */
export function bomLength(head: Buffer): number {
  return BOMS.find((bom) => bom.bytes.every((b, i) => head[i] === b))?.bytes.length ?? 0;
}

/** The error for content that is not text. */
export function binaryError(filePath: string): FileReadError {
  const name = displayName(filePath);
  return new FileReadError(
    'binary-content',
    name,
    `"${name}" does not contain text: it looks like a binary file. ` +
      `Export the data from its program as .csv or .xlsx.`,
  );
}

/** Share of control characters (other than tab, CR, LF, FF) above which decoded text is junk. */
const MAX_CONTROL_SHARE = 0.05;

/** True when decoded text has too many control characters to be a spreadsheet. */
export function looksBinary(text: string): boolean {
  if (text.length === 0) return false;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) controls++;
  }
  return controls / text.length > MAX_CONTROL_SHARE;
}

/**
 * UTF-16 without a BOM shows up as NULs in every other byte for ASCII text; a file where most
 * odd (LE) or even (BE) bytes are NUL and the others are not is UTF-16.
 */
function utf16ByNulPattern(head: Buffer): string | undefined {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul / pairs > 0.7 && evenNul / pairs < 0.1) return 'utf-16le';
  if (evenNul / pairs > 0.7 && oddNul / pairs < 0.1) return 'utf-16be';
  return undefined;
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Drops an incomplete multi-byte sequence at the very end (the head may cut a character). */
function trimPartialUtf8(bytes: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/**
 * Picks a single-byte (or legacy multi-byte) encoding. chardet's ranking is shaky on short files
 * (Cyrillic Windows-1251 scores barely above Hebrew ISO-8859-8), so each candidate is decoded and
 * scored by the share of non-ASCII characters that come out as letters; chardet's order breaks ties.
 */
function guessLegacyEncoding(head: Buffer): string {
  const sample = head.subarray(0, 64 * 1024);
  const candidates: string[] = [];
  for (const match of chardet.analyse(sample)) {
    const lower = match.name.toLowerCase();
    const name = CHARDET_ALIASES[lower] ?? lower;
    if (name.startsWith('utf') || !iconv.encodingExists(name) || candidates.includes(name)) continue;
    candidates.push(name);
  }
  if (!candidates.includes('windows-1252')) candidates.push('windows-1252');
  let best = candidates[0] ?? 'windows-1252';
  let bestScore = -1;
  for (const name of candidates) {
    const score = letterShare(iconv.decode(sample, name));
    if (score > bestScore + 0.02) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

function letterShare(text: string): number {
  let nonAscii = 0;
  let letters = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) continue;
    nonAscii++;
    if (/\p{L}/u.test(ch)) letters++;
  }
  return nonAscii === 0 ? 1 : letters / nonAscii;
}
