/**
 * CSV delimiter detection from the first records of the decoded text. For each candidate, count the
 * delimiters outside quotes in each record; the winner is the one whose most common count (above
 * zero) is shared by the largest part of the records — a title row or two does not spoil it, and a
 * decimal comma in a semicolon file loses because its count varies.
 */
import { FileReadError, displayName } from './errors.ts';

/** Delimiters tried, in order of preference when they score the same. */
export const CANDIDATE_DELIMITERS: ReadonlyArray<string> = [',', ';', '\t', '|'];

const MAX_RECORDS = 50;

/** An Excel "sep=;" first line: it names the delimiter and is not part of the data. */
export function readSepLine(text: string): string | undefined {
  const m = /^sep=(.)\r?\n/i.exec(text);
  return m?.[1];
}

/** Detects the delimiter of `text` (the start of the file); `,` when nothing fits better. */
export function detectDelimiter(text: string, extension = ''): string {
  let best = ',';
  let bestScore = 0;
  const candidates =
    extension === '.tsv' || extension === '.tab' ? ['\t', ...CANDIDATE_DELIMITERS] : CANDIDATE_DELIMITERS;
  for (const delimiter of candidates) {
    const counts = countPerRecord(text, delimiter);
    const { mode, share } = modeOf(counts);
    if (mode === 0) continue;
    // Strictly better only: on a tie the earlier (more common) delimiter stays.
    if (share > bestScore + 1e-9) {
      best = delimiter;
      bestScore = share;
    }
  }
  return best;
}

/** Validates a delimiter given by the user. */
export function checkDelimiterOption(filePath: string, delimiter: string): string {
  const d = delimiter === '\\t' || delimiter.toLowerCase() === 'tab' ? '\t' : delimiter;
  if (d.length !== 1 || d === '"' || d === '\r' || d === '\n') {
    const name = displayName(filePath);
    throw new FileReadError(
      'bad-delimiter',
      name,
      `"${delimiter}" cannot separate the fields of "${name}": use one character such as , ; | or a tab.`,
    );
  }
  return d;
}

/** Delimiters outside quotes in each non-blank record of `text` (the last, maybe cut, is dropped). */
function countPerRecord(text: string, delimiter: string): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let count = 0;
  let blank = true;
  for (let i = 0; i < text.length && counts.length < MAX_RECORDS; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
      blank = false;
    } else if (inQuotes) {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      if (!blank) counts.push(count);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      count = 0;
      blank = true;
    } else if (ch === delimiter) {
      count++;
      blank = false;
    } else if (ch !== ' ') {
      blank = false;
    }
  }
  // A file without a final line break: its last record is complete only if we read it all.
  if (!blank && counts.length === 0) counts.push(count);
  return counts;
}

function modeOf(counts: ReadonlyArray<number>): { mode: number; share: number } {
  const freq = new Map<number, number>();
  for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
  let mode = 0;
  let best = 0;
  for (const [c, n] of freq) {
    if (n > best || (n === best && c > mode)) {
      mode = c;
      best = n;
    }
  }
  return { mode, share: counts.length === 0 ? 0 : best / counts.length };
}
