/**
 * Decides what a file is from its first bytes, its name and (for ZIP files) its entry names.
 * Content wins over the extension: an XLSX named `.csv` is read as XLSX with a warning, because
 * refusing a file whose content is perfectly readable helps nobody.
 */
import path from 'node:path';
import { FileReadError, displayName, unsupportedFormatError } from './errors.ts';
import type { FileFormat, FileWarning } from './types.ts';

/** What the first bytes say. */
export type ContentKind = 'zip' | 'ole' | 'text';

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURES = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/** Well-known binary formats people drop by mistake, with the words to name them. */
const KNOWN_BINARIES: ReadonlyArray<{ magic: Buffer; what: string }> = [
  { magic: Buffer.from('%PDF', 'latin1'), what: 'a PDF document' },
  { magic: Buffer.from([0x89, 0x50, 0x4e, 0x47]), what: 'a PNG image' },
  { magic: Buffer.from([0xff, 0xd8, 0xff]), what: 'a JPEG image' },
  { magic: Buffer.from('GIF8', 'latin1'), what: 'a GIF image' },
  { magic: Buffer.from([0x1f, 0x8b]), what: 'a gzip archive' },
  { magic: Buffer.from('Rar!', 'latin1'), what: 'a RAR archive' },
  { magic: Buffer.from([0x37, 0x7a, 0xbc, 0xaf]), what: 'a 7-Zip archive' },
  { magic: Buffer.from('{\\rtf', 'latin1'), what: 'an RTF document' },
];

/** Extensions whose content is read as delimited text. */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(['.csv', '.tsv', '.tab', '.txt', '.psv', '']);
/** Extensions of workbooks exceljs reads (macros in .xlsm are ignored). */
export const XLSX_EXTENSIONS: ReadonlySet<string> = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm']);

/** Classifies the first bytes; throws for formats that are certainly not spreadsheets. */
export function sniffContent(filePath: string, head: Buffer): ContentKind {
  if (ZIP_SIGNATURES.some((sig) => startsWith(head, sig))) return 'zip';
  if (startsWith(head, OLE_SIGNATURE)) return 'ole';
  for (const { magic, what } of KNOWN_BINARIES) {
    if (startsWith(head, magic)) throw unsupportedFormatError(filePath, what);
  }
  return 'text';
}

/** Names what a ZIP file holds from its entry names; returns 'xlsx' or throws a friendly error. */
export function classifyZip(filePath: string, entryNames: ReadonlySet<string>, mimetype: string): 'xlsx' {
  if (entryNames.has('xl/workbook.xml')) return 'xlsx';
  if (entryNames.has('xl/workbook.bin'))
    throw unsupportedFormatError(filePath, 'an Excel binary workbook (.xlsb)');
  if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
    throw unsupportedFormatError(filePath, 'an OpenDocument spreadsheet (.ods)');
  }
  if (mimetype.startsWith('application/vnd.oasis.opendocument')) {
    throw unsupportedFormatError(filePath, 'an OpenDocument file');
  }
  if ([...entryNames].some((n) => n.startsWith('Index/') || n.endsWith('.iwa'))) {
    throw unsupportedFormatError(filePath, 'an Apple Numbers spreadsheet');
  }
  if (entryNames.has('word/document.xml')) throw unsupportedFormatError(filePath, 'a Word document');
  if (entryNames.has('ppt/presentation.xml'))
    throw unsupportedFormatError(filePath, 'a PowerPoint presentation');
  throw unsupportedFormatError(filePath, 'a ZIP archive');
}

/** The error for an OLE compound file: an encrypted XLSX or an Excel 97–2003 workbook. */
export function oleError(filePath: string, encrypted: boolean): FileReadError {
  const name = displayName(filePath);
  if (encrypted) {
    return new FileReadError(
      'encrypted',
      name,
      `"${name}" is protected with a password. Open it in Excel, remove the password ` +
        `(File › Info › Protect Workbook › Encrypt with Password) and save it again, or save it as .csv.`,
    );
  }
  return new FileReadError(
    'legacy-xls',
    name,
    `"${name}" is an old Excel 97–2003 workbook (.xls), which Orgport cannot read. ` +
      `Open it in Excel and save it as .xlsx or .csv.`,
  );
}

/** Checks that a text file's name fits, and returns the warning for a misleading one. */
export function checkTextExtension(filePath: string): FileWarning | undefined {
  const ext = path.extname(filePath).toLowerCase();
  if (TEXT_EXTENSIONS.has(ext)) return undefined;
  const name = displayName(filePath);
  if (ext === '.xls' || XLSX_EXTENSIONS.has(ext)) {
    return {
      code: 'wrong-extension',
      message: `"${name}" is named like an Excel workbook but contains plain text; it is read as CSV.`,
    };
  }
  if (ext === '.ods' || ext === '.numbers') {
    throw unsupportedFormatError(filePath, ext === '.ods' ? 'an OpenDocument spreadsheet' : 'a Numbers file');
  }
  throw new FileReadError(
    'unsupported-format',
    name,
    `"${name}" is not a spreadsheet Orgport reads. Use a .csv, .tsv, .txt or .xlsx file ` +
      `(save it as .xlsx or .csv from the program that made it).`,
  );
}

/** The warning for a workbook with a misleading name, if any. */
export function checkWorkbookExtension(filePath: string, format: FileFormat): FileWarning | undefined {
  const ext = path.extname(filePath).toLowerCase();
  if (format === 'xlsx' && !XLSX_EXTENSIONS.has(ext)) {
    return {
      code: 'wrong-extension',
      message: `"${displayName(filePath)}" is an Excel workbook (.xlsx) despite its name; it is read as one.`,
    };
  }
  return undefined;
}

/** Text that is an HTML page (web apps often save "Excel" exports as HTML tables). */
export function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype html|html|table|\?xml[^>]*>\s*<html)/i.test(text.slice(0, 512));
}

function startsWith(buf: Buffer, prefix: Buffer): boolean {
  return buf.length >= prefix.length && buf.subarray(0, prefix.length).equals(prefix);
}
