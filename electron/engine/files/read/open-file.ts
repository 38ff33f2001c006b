/**
 * The shared first step of `inspectFile` and `readRows`: check the file (exists, size limit, not
 * empty), decide its format from content and name, detect the CSV settings or open the workbook,
 * and open its table.
 */
import fs from 'node:fs';
import { FileReadError, displayName, fromFsError, throwIfAborted } from './errors.ts';
import { detectCsvSettings, openCsvSource, type CsvSettings } from './csv-reader.ts';
import type { CsvTextLog } from './csv-text-log.ts';
import { checkTextExtension, checkWorkbookExtension, oleError, sniffContent } from './sniff.ts';
import { openTable, type OpenTable } from './table.ts';
import { openBook, openXlsxSource, pickSheet, type OpenBook } from './xlsx-reader.ts';
import type { BookSheet } from './xlsx-book.ts';
import { DEFAULT_MAX_BYTES, type FileWarning, type ReadOptions } from './types.ts';

/** Bytes read from the start of a file to sniff its format and detect encoding and delimiter. */
const HEAD_BYTES = 64 * 1024;

/** A file whose format is known and whose table is open. */
export type OpenedFile = {
  readonly size: number;
  readonly warnings: FileWarning[];
  readonly table: OpenTable;
} & (
  | { readonly format: 'csv'; readonly csv: CsvSettings }
  | { readonly format: 'xlsx'; readonly book: OpenBook['book']; readonly sheet: BookSheet }
);

/**
 * Opens `filePath` for reading; the caller must close `table`. A CSV's parsed text goes to `csvText`
 * as well, when given (the caller drains it).
 */
export async function openFile(
  filePath: string,
  options: ReadOptions,
  csvText?: CsvTextLog,
): Promise<OpenedFile> {
  try {
    return await open(filePath, options, csvText);
  } catch (error) {
    throw fromFsError(filePath, error);
  }
}

async function open(filePath: string, options: ReadOptions, csvText?: CsvTextLog): Promise<OpenedFile> {
  throwIfAborted(filePath, options.signal);
  const name = displayName(filePath);
  const stat = await fs.promises.stat(filePath);
  if (stat.isDirectory()) throw new FileReadError('unreadable', name, `"${name}" is a folder, not a file.`);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (stat.size > maxBytes) {
    throw new FileReadError(
      'too-large',
      name,
      `"${name}" is ${megabytes(stat.size)}, more than the ${megabytes(maxBytes)} Orgport reads at once. ` +
        `Split it into smaller files.`,
    );
  }
  if (stat.size === 0) throw new FileReadError('empty-file', name, `"${name}" is empty (0 bytes).`);
  const head = await readHead(filePath, HEAD_BYTES);
  const kind = sniffContent(filePath, head);
  if (kind === 'ole') throw oleError(filePath, await containsUtf16(filePath, 'EncryptedPackage'));
  const tableOptions = { filePath, headerRow: options.headerRow, signal: options.signal };
  if (kind === 'zip') {
    const book = await openBook(filePath);
    try {
      // Shared strings and styles are held in memory while the sheet streams, so their unpacked size
      // is capped like the file's (the archive cannot lie about it: see xlsx-zip.ts).
      for (const part of [book.book.parts.sharedStrings, book.book.parts.styles]) {
        const unpacked = part === undefined ? 0 : (book.zip.entries.get(part)?.size ?? 0);
        if (unpacked > maxBytes) {
          throw new FileReadError(
            'too-large',
            name,
            `"${name}" holds more text than Orgport can read at once: its part ${part ?? ''} unpacks to ` +
              `${megabytes(unpacked)}, more than ${megabytes(maxBytes)}. Split the workbook into smaller files.`,
          );
        }
      }
      const sheet = pickSheet(filePath, book.book, options.sheet);
      if (sheet.empty && options.sheet !== undefined) {
        throw new FileReadError('sheet-empty', name, `The sheet "${sheet.name}" of "${name}" is empty.`);
      }
      const warning = checkWorkbookExtension(filePath, 'xlsx');
      const source = await openXlsxSource(filePath, book, sheet);
      const table = await openTable(source, { ...tableOptions, checkFieldCount: false });
      return {
        format: 'xlsx',
        size: stat.size,
        warnings: warning ? [warning] : [],
        table,
        book: book.book,
        sheet,
      };
    } catch (error) {
      await book.zip.close();
      throw error;
    }
  }
  const warning = checkTextExtension(filePath);
  const csv = detectCsvSettings(filePath, head, head.length >= stat.size, options);
  const table = await openTable(openCsvSource(filePath, csv, csvText), {
    ...tableOptions,
    checkFieldCount: true,
  });
  return {
    format: 'csv',
    size: stat.size,
    warnings: [...(warning ? [warning] : []), ...csv.warnings],
    table,
    csv,
  };
}

async function readHead(filePath: string, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Whether the file holds `text` in UTF-16LE: an encrypted Office file is an OLE container with an
 * "EncryptedPackage" stream, whose name is stored that way in the container's directory.
 */
async function containsUtf16(filePath: string, text: string): Promise<boolean> {
  const needle = Buffer.from(text, 'utf16le');
  let carry = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
    const bytes: Buffer = chunk;
    const window = Buffer.concat([carry, bytes]);
    if (window.includes(needle)) return true;
    carry = window.subarray(Math.max(0, window.length - needle.length));
  }
  return false;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
