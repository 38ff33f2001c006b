/**
 * The readers' protections against hostile files (issue 8): each limit, its boundary, and the message
 * the user gets. The full hostile suite (test/reliability/hostile-files.test.ts) runs the big cases
 * in a capped child process; these are the small, fast proofs of each limit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ROW_CHARS } from '../../../../electron/engine/files/read/csv-reader.ts';
import { FileReadError, inspectFile, readRows } from '../../../../electron/engine/files/read/index.ts';
import type { RawRow } from '../../../../electron/engine/files/read/index.ts';
import { MAX_BLANK_RUN, openTable, type RawSource } from '../../../../electron/engine/files/read/table.ts';
import { MAX_XML_DEPTH, xmlDepthGuard } from '../../../../electron/engine/files/read/xml-guard.ts';
import {
  MAX_UNPACK_RATIO,
  RATIO_FREE_BYTES,
  ZipArchive,
} from '../../../../electron/engine/files/read/xlsx-zip.ts';
import { buildZip, deflateRepeated, workbookParts } from '../../../reliability/hostile-inputs.ts';

let dir = '';
const file = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgport-limits-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<FileReadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FileReadError)) throw new Error(`expected a FileReadError, got ${String(error)}`);
  return error;
}

async function countRows(p: string): Promise<number> {
  let n = 0;
  for await (const _row of readRows(p)) n++;
  return n;
}

/** A source of raw rows from a list of batches (the table logic without a parser). */
function source(batches: RawRow[][]): RawSource {
  const it = (async function* () {
    yield* batches;
  })();
  return { batches: it, close: async () => undefined };
}

describe('CSV row length', () => {
  it('refuses a row longer than the limit, naming the row and the likely unclosed quote', async () => {
    const p = file('long.csv', `Name,Notes\nAcme,"${'a'.repeat(MAX_ROW_CHARS + 200_000)}`);
    const error = await failure(inspectFile(p));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^Row 2 of "long\.csv" is longer than 4,194,304 characters/);
    expect(error.message).toMatch(/a quote \(".*never closed/);
  });

  it('reads a big cell under the limit', async () => {
    const big = 'b'.repeat(1024 * 1024);
    const p = file('big.csv', `Name,Notes\nAcme,"${big}"\n`);
    const summary = await inspectFile(p);
    expect(summary.sampleRows[0]?.cells[1]).toBe(big);
  });
});

describe('CSV column count', () => {
  it('cuts a run of empty fields past 16,384 columns and keeps the row', async () => {
    const p = file('commas.csv', `Name${','.repeat(100_000)}\nAcme\n`);
    const summary = await inspectFile(p);
    expect(summary.headers).toEqual(['Name']);
    expect(await countRows(p)).toBe(1);
  });

  it('refuses a row with values past 16,384 columns', async () => {
    const cells = Array.from({ length: 16_385 }, (_, i) => `c${i}`).join(',');
    const p = file('wide.csv', `${cells}\n${cells}\n`);
    const error = await failure(inspectFile(p));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      'Row 1 of "wide.csv" has 16,385 cells; Orgport reads at most 16,384 columns (as many as Excel). ' +
        'Check the delimiter, or remove the extra columns.',
    );
  });
});

describe('empty rows', () => {
  const blank = (from: number, count: number): RawRow[] =>
    Array.from({ length: count }, (_, i) => ({ rowNumber: from + i, cells: [null] }));

  it('gives up on a file whose first 1,048,576 rows are empty', async () => {
    const error = await failure(
      openTable(source([blank(1, MAX_BLANK_RUN + 1)]), { filePath: '/x/a.csv', checkFieldCount: true }),
    );
    expect(error.code).toBe('empty-file');
    expect(error.message).toMatch(/^"a\.csv" is empty: its first 1,048,576 rows hold no value/);
  });

  it('stops at more than 1,048,576 empty rows in a row under the header, naming where they start', async () => {
    // Enough data rows for the layout to be decided before the empty ones start.
    const data: RawRow[] = Array.from({ length: 60 }, (_, i) => ({
      rowNumber: i + 1,
      cells: [i === 0 ? 'Name' : `Org ${i}`],
    }));
    const table = await openTable(source([data, blank(61, MAX_BLANK_RUN + 1)]), {
      filePath: '/x/b.csv',
      checkFieldCount: true,
    });
    const error = await failure(
      (async () => {
        for await (const _batch of table.batches()) {
          // drain
        }
      })(),
    );
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^"b\.csv" has more than 1,048,576 empty rows in a row from row 61 on/);
  });

  it('reads through a long run of empty rows under the limit', async () => {
    const header: RawRow = { rowNumber: 1, cells: ['Name'] };
    const last = { rowNumber: 100_002, cells: ['Acme'] };
    const table = await openTable(source([[header], blank(2, 100_000), [last]]), {
      filePath: '/x/c.csv',
      checkFieldCount: true,
    });
    const rows: number[] = [];
    for await (const batch of table.batches()) rows.push(...batch.map((r) => r.rowNumber));
    expect(rows).toEqual([100_002]);
    expect(table.prefix.length).toBeLessThan(2_000); // the empty rows were not all kept
  });
});

describe('XML nesting', () => {
  const guarded = async (xml: string, chunk = 7): Promise<string> => {
    const parts: Buffer[] = [];
    for (let i = 0; i < xml.length; i += chunk) parts.push(Buffer.from(xml.slice(i, i + chunk)));
    let out = '';
    for await (const c of Readable.from(parts).pipe(
      xmlDepthGuard('/x/book.xlsx', 'xl/worksheets/sheet1.xml'),
    )) {
      out += String(c);
    }
    return out;
  };

  it('passes real sheet XML through unchanged, whatever the chunking', async () => {
    const xml =
      '<?xml version="1.0"?><worksheet><!-- a <comment> --><sheetData><row r="1"><c r="A1" t="inlineStr">' +
      '<is><t><![CDATA[<not><a><tag>]]></t></is></c><c r="B1" a=">"/></row></sheetData></worksheet>';
    for (const chunk of [1, 3, 7, 64]) expect(await guarded(xml, chunk)).toBe(xml);
    expect(await guarded(`${'<a>'.repeat(MAX_XML_DEPTH)}${'</a>'.repeat(MAX_XML_DEPTH)}`)).toHaveLength(
      7 * MAX_XML_DEPTH,
    );
  });

  it('fails past 100 levels with the corrupt-xlsx message', async () => {
    const error = await failure(guarded(`${'<a>'.repeat(MAX_XML_DEPTH + 1)}text`));
    expect(error.code).toBe('corrupt-xlsx');
    expect(error.message).toBe(
      '"book.xlsx" is damaged or not a real .xlsx file (xl/worksheets/sheet1.xml nests its elements more ' +
        'than 100 levels deep). Open it in Excel and save it again.',
    );
  });

  it('counts self-closing tags and closing tags, so a long flat sheet never trips it', async () => {
    const xml = `<sheetData>${'<row><c r="A1"/><c r="B1"><v>1</v></c></row>'.repeat(1_000)}</sheetData>`;
    expect(await guarded(xml, 50)).toBe(xml);
  });
});

describe('ZIP parts', () => {
  const sst = (n: number): string => `<sst>${'<si><t>aaaa</t></si>'.repeat(n)}</sst>`;

  it('stops a part that unpacks to more than its declared size', async () => {
    const p = file(
      'lying.xlsx',
      buildZip(workbookParts({ sharedStrings: Buffer.from(sst(1_000)), sharedStringsDeclared: 100 })),
    );
    const zip = await ZipArchive.open(p);
    try {
      const error = await failure(zip.text('xl/sharedStrings.xml'));
      expect(error.message).toBe(
        '"lying.xlsx" is damaged or not a real .xlsx file (xl/sharedStrings.xml unpacks to more than the ' +
          '100 bytes it declares). Open it in Excel and save it again.',
      );
    } finally {
      await zip.close();
    }
  });

  it(`refuses a part over ${RATIO_FREE_BYTES / 1024 / 1024} MB packed more than ${MAX_UNPACK_RATIO}×`, async () => {
    const bomb = deflateRepeated('<sst>', '<si><t>a</t></si>'.repeat(65_536), 20, '</sst>');
    const p = file('bomb.xlsx', buildZip(workbookParts({ sharedStrings: bomb })));
    const error = await failure(inspectFile(p));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(
      /^"bomb\.xlsx" cannot be read safely: its part xl\/sharedStrings\.xml would unpack from/,
    );
    expect(error.message).toMatch(/zip bomb/);
  });

  it('refuses shared strings bigger than the file size limit', async () => {
    const p = file('strings.xlsx', buildZip(workbookParts({ sharedStrings: Buffer.from(sst(1_000)) })));
    const error = await failure(inspectFile(p, { maxBytes: 10_000 }));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(
      /^"strings\.xlsx" holds more text than Orgport can read at once: its part xl\/sharedStrings\.xml/,
    );
  });

  it('names a cell beyond column XFD', async () => {
    const p = file(
      'far.xlsx',
      buildZip(
        workbookParts({
          sheetData:
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="AAAA1"><v>1</v></c></row>',
        }),
      ),
    );
    const error = await failure(inspectFile(p));
    expect(error.code).toBe('corrupt-xlsx');
    expect(error.message).toMatch(/a cell lies beyond column XFD/);
  });
});

describe('file-system errors', () => {
  it('turns a symbolic link loop into a message naming the file', async () => {
    const p = path.join(dir, 'loop.csv');
    fs.symlinkSync(p, p);
    const error = await failure(inspectFile(p));
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe(
      '"loop.csv" cannot be read (ELOOP). Copy it to a normal folder and try again.',
    );
  });
});
