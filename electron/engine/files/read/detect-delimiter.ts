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
  const counts = countPerRecord(text, candidates);
  candidates.forEach((delimiter, k) => {
    const { mode, share } = modeOf(counts[k] ?? []);
    if (mode === 0) return;
    // Strictly better only: on a tie the earlier (more common) delimiter stays.
    if (share > bestScore + 1e-9) {
      best = delimiter;
      bestScore = share;
    }
  });
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

/**
 * Per candidate, its count outside quotes in each non-blank record of `text` (the last, maybe cut, is
 * dropped). One pass for all candidates, by character code: it runs before anything is compiled.
 */
function countPerRecord(text: string, delimiters: ReadonlyArray<string>): number[][] {
  const codes = delimiters.map((d) => d.charCodeAt(0));
  const counts: number[][] = delimiters.map(() => []);
  const current = codes.map(() => 0);
  let records = 0;
  let inQuotes = false;
  let blank = true;
  for (let i = 0; i < text.length && records < MAX_RECORDS; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      inQuotes = !inQuotes;
      blank = false;
    } else if (inQuotes) {
      continue;
    } else if (ch === 0x0a || ch === 0x0d) {
      if (!blank) {
        for (let k = 0; k < codes.length; k++) counts[k]?.push(current[k] ?? 0);
        records++;
      }
      if (ch === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      current.fill(0);
      blank = true;
    } else {
      // Any character but a space (a delimiter too) makes the record non-blank.
      if (ch !== 0x20) blank = false;
      for (let k = 0; k < codes.length; k++) if (ch === codes[k]) current[k] = (current[k] ?? 0) + 1;
    }
  }
  // A file without a final line break: its last record is complete only if we read it all.
  if (!blank && records === 0) for (let k = 0; k < codes.length; k++) counts[k]?.push(current[k] ?? 0);
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
