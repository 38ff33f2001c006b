/**
 * The cases of the hostile-file suite: every committed fixture mutated (truncated, bytes flipped, NULs
 * inserted) and a set of built files (giant cells, millions of columns, ten million empty lines, zip
 * bombs, deep nesting, lying extensions, files that are not files). Each built case says what reading
 * must end with.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileReadErrorCode } from '../../electron/engine/files/read/index.ts';
import {
  buildZip,
  deflateRepeated,
  flipBytes,
  insertNuls,
  prng,
  truncate,
  workbookParts,
  writeRepeated,
} from './hostile-inputs.ts';
import type { ProbeCase } from './hostile-probe.ts';

/** A case and what it must end with (mutated fixtures only need to end cleanly). */
export interface HostileCase extends ProbeCase {
  /** `ok` with `rows`/`columns`, or the error code and a pattern of its message. */
  readonly expect?:
    | { readonly outcome: 'ok'; readonly rows?: number; readonly columns?: number }
    | { readonly outcome: 'error'; readonly code: FileReadErrorCode; readonly message?: RegExp };
}

/** Folders of committed fixture files (every file in them except TypeScript is mutated). */
export const FIXTURE_DIRS = ['test/fixtures/import', 'test/fixtures/e2e'];

const MB = 1024 * 1024;
const SST = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const inline = (ref: string, text: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** Mutations of every fixture file, chosen by `seed`. */
export function mutationCases(root: string, dir: string, seed: number): HostileCase[] {
  const random = prng(seed);
  const cases: HostileCase[] = [];
  for (const folder of FIXTURE_DIRS) {
    for (const file of fs.readdirSync(path.join(root, folder)).sort()) {
      if (file.endsWith('.ts')) continue;
      const bytes = fs.readFileSync(path.join(root, folder, file));
      const ext = path.extname(file);
      const base = path.basename(file, ext);
      const mutants: Array<[string, Buffer]> = [
        ['cut-half', truncate(bytes, bytes.length >> 1)],
        [`cut-at-random`, truncate(bytes, random.int(bytes.length))],
        ['flip', flipBytes(bytes, 1 + random.int(8), random)],
        ['nuls', insertNuls(bytes, 1 + random.int(3), random)],
      ];
      for (const [mutation, data] of mutants) {
        const name = `${base}.${mutation}${ext}`;
        fs.writeFileSync(path.join(dir, name), data);
        cases.push({ id: `${file} ${mutation}`, path: path.join(dir, name), via: 'read' });
      }
    }
  }
  return cases;
}

/** The built hostile files, written to `dir`. */
export async function builtCases(dir: string): Promise<HostileCase[]> {
  const at = (name: string): string => path.join(dir, name);
  const cases: HostileCase[] = [];
  const add = (c: Omit<HostileCase, 'path'> & { file: string }): void => {
    const { file, ...rest } = c;
    cases.push({ ...rest, path: at(file), tempDir: dir, gc: true });
  };
  const lines = Buffer.alloc(MB, 0x0a);

  // ---- CSV
  await writeRepeated(at('ten-million-empty-lines.csv'), lines, 10);
  add({
    id: '10,485,760 empty lines (csv, import session)',
    file: 'ten-million-empty-lines.csv',
    via: 'import',
    expect: { outcome: 'error', code: 'empty-file', message: /first 1,048,576 rows hold no value/ },
  });
  await writeRepeated(at('giant-cell.csv'), Buffer.alloc(MB, 0x61), 40, Buffer.from('Name,Notes\nAcme,'));
  add({
    id: '40 MB cell (csv)',
    file: 'giant-cell.csv',
    via: 'read',
    expect: { outcome: 'error', code: 'too-large', message: /Row 2 of "giant-cell\.csv" is longer than/ },
  });
  await writeRepeated(
    at('unclosed-quote.csv'),
    Buffer.from('x\n'.repeat(MB / 2)),
    12,
    Buffer.from('Name,Notes\nAcme,"'),
  );
  add({
    id: 'quote never closed, 12 MB of lines after it (csv)',
    file: 'unclosed-quote.csv',
    via: 'read',
    expect: { outcome: 'error', code: 'too-large', message: /quote \(".*never closed/ },
  });
  await writeRepeated(at('big-cell.csv'), Buffer.alloc(MB, 0x62), 2, Buffer.from('Name,Notes\nAcme,"'));
  fs.appendFileSync(at('big-cell.csv'), '"\nBeta,short\n');
  add({
    id: '2 MB quoted cell, under the row limit (csv)',
    file: 'big-cell.csv',
    via: 'read',
    expect: { outcome: 'ok', rows: 2, columns: 2 },
  });
  fs.writeFileSync(at('two-million-commas.csv'), `Name${','.repeat(2_000_000)}\nAcme\nBeta\n`);
  add({
    id: 'header with 2,000,000 commas (csv)',
    file: 'two-million-commas.csv',
    via: 'read',
    expect: { outcome: 'ok', rows: 2, columns: 1 },
  });
  const wide = (n: number): string => Array.from({ length: n }, (_, i) => `h${i}`).join(',');
  fs.writeFileSync(at('twenty-thousand-columns.csv'), `${wide(20_000)}\n${wide(20_000)}\n`);
  add({
    id: '20,000 named columns (csv)',
    file: 'twenty-thousand-columns.csv',
    via: 'read',
    expect: {
      outcome: 'error',
      code: 'too-large',
      message: /has 20,000 cells; Orgport reads at most 16,384 columns/,
    },
  });
  fs.writeFileSync(at('excel-width.csv'), `${wide(16_384)}\n${'1,'.repeat(16_383)}1\n`);
  add({
    id: "16,384 named columns, Excel's width (csv, import session)",
    file: 'excel-width.csv',
    via: 'import',
    expect: { outcome: 'ok', rows: 1, columns: 16_384 },
  });

  // ---- XLSX
  const zip = (name: string, parts: Parameters<typeof buildZip>[0]): void =>
    fs.writeFileSync(at(name), buildZip(parts));
  zip(
    'far-corner.xlsx',
    workbookParts({
      sheetData:
        `<row r="1">${inline('A1', 'Name')}${inline('XFD1', 'Last')}</row>` +
        `<row r="1048576">${inline('A1048576', 'Acme')}<c r="XFD1048576"><v>1</v></c></row>`,
    }),
  );
  add({
    id: 'cell at XFD1048576 (xlsx)',
    file: 'far-corner.xlsx',
    via: 'read',
    expect: { outcome: 'ok', rows: 1, columns: 16_384 },
  });
  zip(
    'beyond-xfd.xlsx',
    workbookParts({ sheetData: `<row r="1">${inline('A1', 'Name')}${inline('ZZZZ1', 'x')}</row>` }),
  );
  add({
    id: 'cell at column ZZZZ (xlsx)',
    file: 'beyond-xfd.xlsx',
    via: 'read',
    expect: { outcome: 'error', code: 'corrupt-xlsx', message: /beyond column XFD/ },
  });
  zip(
    'deep-nesting.xlsx',
    workbookParts({
      sheetData: `<row r="1">${inline('A1', 'Name')}</row><row r="2"><c r="A2" t="inlineStr"><is>${'<x>'.repeat(MB)}${'</x>'.repeat(MB)}</is></c></row>`,
    }),
  );
  add({
    id: '1,048,576 nested elements (xlsx)',
    file: 'deep-nesting.xlsx',
    via: 'read',
    expect: {
      outcome: 'error',
      code: 'corrupt-xlsx',
      message: /nests its elements more than 100 levels deep/,
    },
  });
  const strings = `<si><t>${'a'.repeat(50)}</t></si>`.repeat(16_384);
  const sstHead = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${SST}">`;
  const bomb = deflateRepeated(sstHead, strings, Math.floor(3.5e9 / strings.length), '</sst>');
  zip('shared-strings-bomb.xlsx', workbookParts({ sharedStrings: bomb }));
  add({
    id: `shared strings ${(bomb.size / 1024 ** 3).toFixed(1)} GB from ${(bomb.deflated.length / MB).toFixed(0)} MB (xlsx)`,
    file: 'shared-strings-bomb.xlsx',
    via: 'read',
    expect: { outcome: 'error', code: 'too-large', message: /sharedStrings\.xml unpacks to 3\d{3} MB/ },
  });
  zip('shared-strings-bomb-lying.xlsx', workbookParts({ sharedStrings: bomb, sharedStringsDeclared: 4_096 }));
  add({
    id: 'same bomb, sizes declared as 4 KB (xlsx)',
    file: 'shared-strings-bomb-lying.xlsx',
    via: 'read',
    expect: {
      outcome: 'error',
      code: 'corrupt-xlsx',
      message: /unpacks to more than the 4,096 bytes it declares/,
    },
  });
  const rows = deflateRepeated(
    `<?xml version="1.0"?><worksheet xmlns="${SST}"><sheetData><row r="1">${inline('A1', 'Name')}</row>`,
    '<row/>'.repeat(100_000),
    4_000,
    '</sheetData></worksheet>',
  );
  zip('sheet-bomb.xlsx', workbookParts({ sheet: rows }));
  add({
    id: 'sheet of 2.4 GB of empty rows (xlsx)',
    file: 'sheet-bomb.xlsx',
    via: 'read',
    expect: { outcome: 'error', code: 'too-large', message: /zip bomb/ },
  });
  const parts = workbookParts({});
  const workbook = deflateRepeated(
    `<workbook xmlns="${SST}"><sheets>`,
    '<sheet '.repeat(10_000),
    4_000,
    '</sheets></workbook>',
  );
  zip(
    'workbook-bomb.xlsx',
    parts.map((p) => (p.name === 'xl/workbook.xml' ? { ...p, data: workbook } : p)),
  );
  add({
    id: 'workbook.xml of 280 MB of unclosed tags (xlsx)',
    file: 'workbook-bomb.xlsx',
    via: 'read',
    expect: { outcome: 'error', code: 'too-large', message: /xl\/workbook\.xml unpacks to/ },
  });
  const noise = Buffer.alloc(10 * MB);
  const random = prng(1);
  for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE(Math.floor(random.next() * 2 ** 32), i);
  const big = noise.toString('base64').slice(0, 10 * MB);
  zip(
    'giant-cell.xlsx',
    workbookParts({
      sheetData: `<row r="1">${inline('A1', 'Name')}${inline('B1', 'Notes')}</row><row r="2">${inline('A2', 'Acme')}${inline('B2', big)}</row>`,
    }),
  );
  add({
    id: '10 MB cell (xlsx)',
    file: 'giant-cell.xlsx',
    via: 'read',
    expect: { outcome: 'ok', rows: 1, columns: 2 },
  });

  // ---- names, sizes and kinds that lie
  fs.copyFileSync('test/fixtures/import/utf8-comma.csv', at('really-a-csv.pdf'));
  add({
    id: 'CSV named .pdf',
    file: 'really-a-csv.pdf',
    via: 'read',
    expect: { outcome: 'error', code: 'unsupported-format', message: /not a spreadsheet Orgport reads/ },
  });
  fs.writeFileSync(at('really-a-pdf.csv'), '%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
  add({
    id: 'PDF named .csv',
    file: 'really-a-pdf.csv',
    via: 'read',
    expect: { outcome: 'error', code: 'unsupported-format', message: /a PDF document/ },
  });
  zip('really-a-docx.xlsx', [{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
  add({
    id: 'Word document named .xlsx',
    file: 'really-a-docx.xlsx',
    via: 'read',
    expect: { outcome: 'error', code: 'unsupported-format', message: /a Word document/ },
  });
  fs.writeFileSync(at('zero-bytes.xlsx'), '');
  add({
    id: '0-byte .xlsx',
    file: 'zero-bytes.xlsx',
    via: 'read',
    expect: { outcome: 'error', code: 'empty-file', message: /is empty \(0 bytes\)/ },
  });
  fs.mkdirSync(at('a-folder.csv'));
  add({
    id: 'a folder named .csv',
    file: 'a-folder.csv',
    via: 'read',
    expect: { outcome: 'error', code: 'unreadable', message: /"a-folder\.csv" is a folder, not a file/ },
  });
  fs.symlinkSync(at('loop.csv'), at('loop.csv'));
  add({
    id: 'a symbolic link to itself',
    file: 'loop.csv',
    via: 'read',
    expect: { outcome: 'error', code: 'unreadable', message: /"loop\.csv" cannot be read \(ELOOP\)/ },
  });
  add({
    id: 'a file that does not exist',
    file: 'missing.csv',
    via: 'read',
    expect: { outcome: 'error', code: 'not-found', message: /"missing\.csv" was not found/ },
  });
  fs.copyFileSync('test/fixtures/import/utf8-comma.csv', at('locked.csv'));
  fs.chmodSync(at('locked.csv'), 0o000);
  // Root reads any file whatever its mode, so there the correct result is the file's rows.
  const root = process.getuid?.() === 0;
  add({
    id: `a file without read permission${root ? ' (as root: readable)' : ''}`,
    file: 'locked.csv',
    via: 'read',
    expect: root
      ? { outcome: 'ok', rows: 3, columns: 4 }
      : { outcome: 'error', code: 'unreadable', message: /"locked\.csv" cannot be opened \(EACCES\)/ },
  });
  return cases;
}
