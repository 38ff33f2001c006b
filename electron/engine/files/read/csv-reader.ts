/**
 * CSV / TSV / TXT reading: settings detected from the first bytes, then a streamed parse — the file
 * is decoded by iconv-lite and parsed by papaparse in chunk mode, paused while the consumer is busy,
 * so memory stays flat whatever the file size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import iconv from 'iconv-lite';
import Papa, { type ParseError, type ParseResult, type Parser } from 'papaparse';
import { FileReadError, displayName, fromFsError, unsupportedFormatError } from './errors.ts';
import {
  binaryError,
  bomLength,
  checkEncodingOption,
  detectEncoding,
  looksBinary,
} from './detect-encoding.ts';
import { checkDelimiterOption, detectDelimiter, readSepLine } from './detect-delimiter.ts';
import { looksLikeHtml } from './sniff.ts';
import type { CsvTextLog } from './csv-text-log.ts';
import type { RawSource } from './table.ts';
import {
  MAX_COLUMNS,
  type CellInput,
  type EncodingInfo,
  type FileWarning,
  type RawRow,
  type ReadOptions,
} from './types.ts';

/** How a CSV is read. */
export interface CsvSettings {
  readonly encoding: EncodingInfo;
  readonly delimiter: string;
  /** The file starts with Excel's `sep=;` line, which is skipped. */
  readonly sepLine: boolean;
  readonly warnings: FileWarning[];
}

/** Chunks of parsed rows buffered before the text stream is paused. */
const MAX_QUEUED_CHUNKS = 4;

/**
 * Longest row read, in characters. papaparse re-parses an unfinished row from its start with every
 * new chunk, so one endless row (a cell of tens of MB, or a quote that is never closed) costs time
 * quadratic in its length and memory to match; no real row comes near this.
 */
export const MAX_ROW_CHARS = 4 * 1024 * 1024;

/** Decides encoding and delimiter from the first bytes (`complete` when `head` is the whole file). */
export function detectCsvSettings(
  filePath: string,
  head: Buffer,
  complete: boolean,
  options: ReadOptions,
): CsvSettings {
  const warnings: FileWarning[] = [];
  const encoding: EncodingInfo =
    options.encoding === undefined
      ? detectEncoding(filePath, head, complete)
      : {
          name: checkEncodingOption(filePath, options.encoding),
          bomBytes: bomLength(head),
          source: 'option',
        };
  let text = iconv.decode(head.subarray(encoding.bomBytes), encoding.name, { stripBOM: false });
  if (!complete) text = text.slice(0, -1); // the last character may be cut in half
  if (looksLikeHtml(text)) throw unsupportedFormatError(filePath, 'a web page (HTML), not a spreadsheet');
  if (looksBinary(text) || (encoding.source !== 'option' && /\0/.test(text))) throw binaryError(filePath);
  if (text.includes('\uFFFD')) {
    warnings.push({
      code: 'undecodable-text',
      message: `Some characters cannot be read as ${encoding.name}; they show as �. Choose another encoding.`,
    });
  }
  const sep = readSepLine(text);
  const delimiter =
    options.delimiter !== undefined
      ? checkDelimiterOption(filePath, options.delimiter)
      : (sep ?? detectDelimiter(text, path.extname(filePath).toLowerCase()));
  if (sep !== undefined) {
    warnings.push({
      code: 'sep-line',
      message: `The first line "sep=${sep}" only names the delimiter; it is skipped.`,
    });
  }
  return { encoding, delimiter, sepLine: sep !== undefined, warnings };
}

/** Opens a streamed parse of the whole file; `log`, when given, keeps the text parsed. */
export function openCsvSource(filePath: string, settings: CsvSettings, log?: CsvTextLog): RawSource {
  const input = fs.createReadStream(filePath, {
    start: settings.encoding.bomBytes,
    highWaterMark: 64 * 1024,
  });
  const fed = { chars: 0 };
  const decoded = input.pipe(decoderStream(settings.encoding.name, fed, log));
  input.on('error', (error) => decoded.emit('error', fromFsError(filePath, error)));
  const batches = parseRows(filePath, decoded, fed, settings.delimiter, settings.sepLine, log);
  let closed = false;
  return {
    batches,
    close: async () => {
      if (closed) return;
      closed = true;
      await batches.return(undefined);
      input.destroy();
    },
  };
}

/**
 * A transform from bytes in `encoding` to strings (multi-byte characters split across chunks are kept
 * whole); `fed.chars` counts the characters it has passed on.
 *
 * Each chunk's text is cut after its last line break, and the text after it goes with the next chunk.
 * Then nearly every chunk papaparse parses ends where a record ends, and its parser meets the end of a
 * chunk the same way every time: cut at random, a chunk ended in the middle of a quoted field, after a
 * closing quote or after a delimiter, each a path its optimized code had not seen, and each threw that
 * code away to be compiled again (about 30 ms each). (papaparse carries a chunk's unfinished record
 * over to the next the same way, so this costs nothing it did not already do.)
 */
function decoderStream(encoding: string, fed: { chars: number }, log: CsvTextLog | undefined): Transform {
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  let held = '';
  const pass = (text: string, callback: (error: null, text?: string) => void): void => {
    fed.chars += text.length;
    log?.fed(text);
    callback(null, text === '' ? undefined : text);
  };
  return new Transform({
    encoding: 'utf8',
    transform(chunk: Buffer, _enc, callback) {
      let text = held + decoder.write(chunk);
      held = '';
      const lastLf = text.lastIndexOf('\n');
      // Without a line feed, the last CR (not a final one: its LF may come with the next chunk).
      const end = (lastLf >= 0 ? lastLf : text.lastIndexOf('\r', text.length - 2)) + 1;
      // Text without a line break (a very long row) is passed on whole rather than held.
      if (end > 0 && end < text.length) {
        held = text.slice(end);
        text = text.slice(0, end);
      }
      pass(text, callback);
    },
    flush(callback) {
      const text = held + (decoder.end() ?? '');
      held = '';
      pass(text, callback);
    },
  });
}

/** Counts line breaks in the file (for a row estimate), reading it once, fast. */
export async function countLineBreaks(filePath: string): Promise<number> {
  let lf = 0;
  let cr = 0;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
    const buf: Buffer = chunk;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lf++;
    if (lf === 0) for (let i = buf.indexOf(13); i !== -1; i = buf.indexOf(13, i + 1)) cr++;
  }
  return lf > 0 ? lf : cr;
}

/** The rows of the decoded text, a batch per chunk; empty fields become null, row numbers count every record. */
async function* parseRows(
  filePath: string,
  decoded: Readable,
  fed: { readonly chars: number },
  delimiter: string,
  skipFirst: boolean,
  log: CsvTextLog | undefined,
): AsyncGenerator<RawRow[]> {
  const queue: ParseResult<string[]>[] = [];
  let parser: Parser | undefined;
  let paused = false;
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  let recordsParsed = 0;
  let fedAtLastRecord = 0;
  Papa.parse<string[]>(decoded, {
    delimiter,
    skipEmptyLines: false,
    chunk: (results, p) => {
      parser = p;
      if (results.data.length > 0) {
        if (log) {
          log.newline = results.meta.linebreak as CsvTextLog['newline'];
          log.parsed(results.meta.cursor, recordsParsed + (skipFirst ? 0 : 1), results.data.length);
        }
        recordsParsed += results.data.length;
        fedAtLastRecord = fed.chars;
      } else if (fed.chars - fedAtLastRecord > MAX_ROW_CHARS && failure === undefined) {
        failure = rowTooLongError(filePath, recordsParsed + (skipFirst ? 0 : 1));
        p.abort();
        notify();
        return;
      }
      queue.push(results);
      if (queue.length >= MAX_QUEUED_CHUNKS && !paused) {
        // Pausing the decoded text is enough: papaparse parses a chunk as it arrives, so none comes
        // until it is resumed. (papaparse's own pause() is not used: its resume() parses an empty
        // chunk, a path its parser has never taken, which throws the parser's optimized code away.)
        paused = true;
        decoded.pause();
      }
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
    error: (error: unknown) => {
      failure = error;
      notify();
    },
  });
  decoded.on('error', (error) => {
    failure = error;
    notify();
  });
  let recordNumber = 0;
  let skipSepLine = skipFirst;
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      const results = queue.shift();
      if (results === undefined) {
        if (done) return;
        if (paused) {
          paused = false;
          decoded.resume();
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      // Excel hides the "sep=" line, so the rows after it are numbered from 1 as Excel shows them.
      const skip = skipSepLine && results.data.length > 0 ? 1 : 0;
      if (skip > 0) skipSepLine = false;
      const batch = chunkRows(filePath, results, skip, recordNumber);
      recordNumber += batch.length;
      yield batch;
      // Let the event loop breathe between chunks (about 64 KB of text each).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    if (!done) parser?.abort();
    decoded.destroy();
  }
}

/**
 * The records of a parsed chunk from index `from` on, as raw rows numbered after `lastRecord`. (Its
 * own function, kept small: the generator around it is compiled far more cheaply when the loop over
 * every row is not inside it.)
 */
function chunkRows(
  filePath: string,
  results: ParseResult<string[]>,
  from: number,
  lastRecord: number,
): RawRow[] {
  const quoteIssues = results.errors.length > 0 ? quoteIssuesByRow(results.errors) : undefined;
  const records = results.data;
  const batch: RawRow[] = [];
  for (let i = from; i < records.length; i++) {
    // papaparse hands each row's array over and keeps no reference to it: it becomes the row's cells.
    batch.push(recordRow(filePath, records[i] ?? [], lastRecord + batch.length + 1, quoteIssues?.get(i)));
  }
  return batch;
}

/**
 * A parsed record as a raw row: empty fields null, an over-wide row's empty tail dropped, a quote
 * error as the row's issue. `fields` becomes the cells (changed in place: a copy per row costs as
 * much as the check).
 */
export function recordRow(
  filePath: string,
  fields: string[],
  recordNumber: number,
  quote: string | undefined,
): RawRow {
  const cells = (
    fields.length > MAX_COLUMNS ? dropEmptyTail(filePath, fields, recordNumber) : fields
  ) as CellInput[];
  for (let j = 0; j < cells.length; j++) if (cells[j] === '') cells[j] = null;
  return quote === undefined
    ? { rowNumber: recordNumber, cells }
    : { rowNumber: recordNumber, cells, issues: [`Row ${recordNumber}: ${quote}; check its quotes.`] };
}

/** papaparse's quote errors of a chunk, by the chunk's row index. */
export function quoteIssuesByRow(errors: ReadonlyArray<ParseError>): Map<number, string> {
  const issues = new Map<number, string>();
  for (const e of errors) if (e.type === 'Quotes' && e.row !== undefined) issues.set(e.row, e.message);
  return issues;
}

/** The error for a row longer than {@link MAX_ROW_CHARS}. */
function rowTooLongError(filePath: string, rowNumber: number): FileReadError {
  const name = displayName(filePath);
  return new FileReadError(
    'too-large',
    name,
    `Row ${rowNumber} of "${name}" is longer than ${MAX_ROW_CHARS.toLocaleString('en')} characters, ` +
      `more than Orgport reads in one row. Most often a quote (") opened in that row is never closed; ` +
      `otherwise a cell holds far more text than a spreadsheet cell can (Excel keeps 32,767 characters).`,
  );
}

/**
 * A row wider than {@link MAX_COLUMNS}: cut to the limit when everything past it is empty (a run of
 * trailing delimiters), refused otherwise.
 */
function dropEmptyTail(filePath: string, fields: string[], rowNumber: number): string[] {
  for (let i = MAX_COLUMNS; i < fields.length; i++) {
    if (fields[i] !== '') {
      const name = displayName(filePath);
      throw new FileReadError(
        'too-large',
        name,
        `Row ${rowNumber} of "${name}" has ${fields.length.toLocaleString('en')} cells; Orgport reads at most ` +
          `${MAX_COLUMNS.toLocaleString('en')} columns (as many as Excel). Check the delimiter, or remove ` +
          `the extra columns.`,
      );
    }
  }
  return fields.slice(0, MAX_COLUMNS);
}
