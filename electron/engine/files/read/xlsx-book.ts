/**
 * The workbook side of XLSX reading: the sheet list (names, tab order, hidden or not, an idea of
 * size and emptiness, from `xl/workbook.xml`, its relationships and the start of each sheet) and the
 * parts exceljs needs to read one sheet.
 */
import path from 'node:path';
import { corrupt, type ZipArchive } from './xlsx-zip.ts';
import type { SheetSummary } from './types.ts';

/** A sheet and where its XML lives in the archive. */
export interface BookSheet extends SheetSummary {
  /** Archive path of the sheet XML (`xl/worksheets/sheet1.xml`). */
  readonly part: string;
}

/** What the workbook says about itself. */
export interface Book {
  readonly sheets: ReadonlyArray<BookSheet>;
  readonly date1904: boolean;
  /** Archive paths of the parts every sheet depends on (absent parts are undefined). */
  readonly parts: {
    readonly workbook: string;
    readonly sharedStrings?: string;
    readonly styles?: string;
  };
}

/** Characters of sheet XML looked at to judge its size and emptiness. */
const PEEK_CHARS = 256 * 1024;
/**
 * Largest workbook index or relationships part read: real ones are kilobytes even with hundreds of
 * sheets and names; a bigger one is built to exhaust memory.
 */
export const MAX_INDEX_BYTES = 16 * 1024 * 1024;

/** Reads the workbook's index and peeks at each sheet. */
export async function readBook(filePath: string, zip: ZipArchive): Promise<Book> {
  const workbookXml = await zip.wholeText('xl/workbook.xml', MAX_INDEX_BYTES);
  const relsPart = 'xl/_rels/workbook.xml.rels';
  const rels = zip.entries.has(relsPart) ? parseRels(await zip.wholeText(relsPart, MAX_INDEX_BYTES)) : [];
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);
  const sheets: BookSheet[] = [];
  // [^<>] rather than [^>]: a tag that never closes must not make every later "<sheet" rescan the
  // rest of the text (quadratic time on a hostile file).
  for (const tag of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^<>]*?)\/?>/g)) {
    const attrs = parseAttributes(tag[1] ?? '');
    const relId = Object.entries(attrs).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1];
    const rel = rels.find((r) => r.id === relId);
    if (!rel || !/\/worksheet$/.test(rel.type)) continue; // chart sheets and dialog sheets hold no table
    const part = resolveTarget(rel.target);
    if (!zip.entries.has(part)) throw corrupt(filePath, `the sheet "${attrs.name ?? '?'}" is missing`);
    const peek = await peekSheet(zip, part);
    sheets.push({
      name: attrs.name ?? `Sheet${sheets.length + 1}`,
      index: sheets.length,
      hidden: attrs.state === 'hidden' || attrs.state === 'veryHidden',
      part,
      ...peek,
    });
  }
  const find = (type: string): string | undefined => {
    const rel = rels.find((r) => r.type.endsWith(`/${type}`));
    const part = rel ? resolveTarget(rel.target) : undefined;
    return part !== undefined && zip.entries.has(part) ? part : undefined;
  };
  return {
    sheets,
    date1904,
    parts: {
      workbook: 'xl/workbook.xml',
      sharedStrings: find('sharedStrings'),
      styles: find('styles'),
    },
  };
}

/** Size and emptiness from the sheet's `<dimension>` and its first {@link PEEK_CHARS} characters. */
async function peekSheet(
  zip: ZipArchive,
  part: string,
): Promise<Pick<SheetSummary, 'empty' | 'rows' | 'columns'>> {
  const xml = await zip.text(part, PEEK_CHARS);
  const whole = xml.length < PEEK_CHARS;
  const hasValue = /<(?:\w+:)?(?:v|is)[\s>]/.test(xml);
  if (!hasValue && whole) return { empty: true, rows: 0, columns: 0 };
  const dim = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::([A-Z]+)(\d+))?"/.exec(xml);
  if (dim?.[1] !== undefined && dim[2] !== undefined) {
    return { empty: false, rows: Number(dim[2]), columns: letterToIndex(dim[1]) + 1 };
  }
  // No usable dimension (exceljs's streaming writer omits it): estimate from the rows seen so far.
  const rowsSeen = xml.match(/<(?:\w+:)?row\b/g)?.length ?? 0;
  let columns = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?c\b[^<>]*\br="([A-Z]+)\d+"/g))
    columns = Math.max(columns, letterToIndex(m[1] ?? 'A') + 1);
  const size = zip.entries.get(part)?.size ?? xml.length;
  const rows = whole || xml.length === 0 ? rowsSeen : Math.round((rowsSeen * size) / xml.length);
  return { empty: false, rows, columns };
}

interface Rel {
  readonly id: string;
  readonly type: string;
  readonly target: string;
}

function parseRels(xml: string): Rel[] {
  const rels: Rel[] = [];
  for (const tag of xml.matchAll(/<(?:\w+:)?Relationship\b([^<>]*?)\/?>/g)) {
    const a = parseAttributes(tag[1] ?? '');
    if (a.Id !== undefined && a.Target !== undefined)
      rels.push({ id: a.Id, type: a.Type ?? '', target: a.Target });
  }
  return rels;
}

/** Workbook relationship targets are relative to `xl/` unless they start with `/`. */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join('xl', target));
}

function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (m[1] !== undefined) attrs[m[1]] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}

/** `A` → 0, `AA` → 26. */
function letterToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
