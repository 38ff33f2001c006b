import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReadError, inspectFile } from '../../../../electron/engine/files/read/index.ts';
import {
  checkTextExtension,
  classifyZip,
  sniffContent,
} from '../../../../electron/engine/files/read/sniff.ts';

let dir = '';
const file = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgport-sniff-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function failure(p: string, options = {}): Promise<FileReadError> {
  const error = await inspectFile(p, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FileReadError)) throw new Error(`expected a FileReadError, got ${String(error)}`);
  return error;
}

describe('sniffContent', () => {
  it('tells ZIP, OLE and text apart', () => {
    expect(sniffContent('a.xlsx', Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('zip');
    expect(sniffContent('a.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe(
      'ole',
    );
    expect(sniffContent('a.csv', Buffer.from('Name,City\n'))).toBe('text');
  });

  it('names well-known binary files', () => {
    expect(() => sniffContent('/x/report.csv', Buffer.from('%PDF-1.7\n'))).toThrow(
      /"report.csv" is a PDF document/,
    );
    expect(() => sniffContent('/x/logo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toThrow(
      /a PNG image/,
    );
  });
});

describe('classifyZip', () => {
  it('accepts a workbook and names other ZIP-based formats', () => {
    expect(classifyZip('a.xlsx', new Set(['xl/workbook.xml']), '')).toBe('xlsx');
    expect(() => classifyZip('a.xlsb', new Set(['xl/workbook.bin']), '')).toThrow(/Excel binary workbook/);
    expect(() => classifyZip('a.numbers', new Set(['Index/Document.iwa']), '')).toThrow(/Apple Numbers/);
    expect(() => classifyZip('a.docx', new Set(['word/document.xml']), '')).toThrow(/a Word document/);
    expect(() => classifyZip('a.zip', new Set(['readme.txt']), '')).toThrow(/a ZIP archive/);
  });
});

describe('file names and contents', () => {
  it('accepts text under the usual names and warns when named like a workbook', () => {
    expect(checkTextExtension('/x/a.csv')).toBeUndefined();
    expect(checkTextExtension('/x/a.TXT')).toBeUndefined();
    expect(checkTextExtension('/x/export')).toBeUndefined();
    expect(checkTextExtension('/x/a.xls')?.code).toBe('wrong-extension');
  });

  it('refuses text under names of other formats', async () => {
    expect((await failure(file('orgs.json', '[{"name":"Acme"}]'))).code).toBe('unsupported-format');
    expect((await failure(file('orgs.numbers', 'Name\nAcme\n'))).message).toMatch(
      /"orgs.numbers" is a Numbers file/,
    );
  });

  it('refuses binary content named .csv with a message that names the file', async () => {
    const error = await failure(file('scan.csv', Buffer.from('%PDF-1.4 binary')));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toContain('"scan.csv" is a PDF document');
  });

  it('refuses a truncated workbook', async () => {
    const error = await failure(file('cut.xlsx', Buffer.from('PK\x03\x04 and nothing else', 'latin1')));
    expect(error).toMatchObject({ code: 'corrupt-xlsx', fileName: 'cut.xlsx' });
  });

  it('refuses a folder', async () => {
    fs.mkdirSync(path.join(dir, 'folder.csv'));
    expect((await failure(path.join(dir, 'folder.csv'))).code).toBe('unreadable');
  });

  it('warns when the chosen encoding cannot decode the file', async () => {
    const p = file('latin.csv', iconv.encode('Name;City\r\nMüller GmbH;Köln\r\n', 'windows-1252'));
    const summary = await inspectFile(p, { encoding: 'utf-8' });
    expect(summary.warnings.map((w) => w.code)).toEqual(['undecodable-text']);
    expect(summary.sampleRows[0]?.cells[0]).toBe('M\uFFFDller GmbH');
    expect((await inspectFile(p)).sampleRows[0]?.cells[0]).toBe('Müller GmbH');
  });

  it('reports the size limit in megabytes', async () => {
    const p = file('big.csv', 'Name\n' + 'Acme\n'.repeat(300_000));
    const error = await failure(p, { maxBytes: 1024 * 1024 });
    expect(error.message).toBe(
      '"big.csv" is 1.4 MB, more than the 1.0 MB Orgport reads at once. Split it into smaller files.',
    );
  });
});
