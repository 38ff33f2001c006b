import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  FileReadError,
  inspectFile,
  readRows,
  type ReadRow,
} from '../../../../electron/engine/files/read/index.ts';
import { EXPECTED, type ExpectedFixture } from '../../../fixtures/import/expected.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/import');

async function collect(file: string, fixture: ExpectedFixture): Promise<ReadRow[]> {
  const rows: ReadRow[] = [];
  for await (const row of readRows(file, fixture.options)) rows.push(row);
  return rows;
}

async function expectFailure(promise: Promise<unknown>, code: string, fileName: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileReadError);
  if (!(error instanceof FileReadError)) return;
  expect(error.code).toBe(code);
  expect(error.message).toContain(`"${fileName}"`);
}

describe('import fixture corpus', () => {
  it('has at least 25 distinct files', () => {
    expect(new Set(EXPECTED.map((f) => f.file)).size).toBeGreaterThanOrEqual(25);
  });

  it.each(EXPECTED.map((f) => [`${f.file}: ${f.about}`, f] as const))('%s', async (_title, fixture) => {
    const file = path.join(fixtures, fixture.file);
    if (fixture.error) {
      await expectFailure(inspectFile(file, fixture.options), fixture.error, fixture.file);
      await expectFailure(collect(file, fixture), fixture.error, fixture.file);
      return;
    }
    const summary = await inspectFile(file, fixture.options);
    if (fixture.format) expect(summary.format).toBe(fixture.format);
    if (fixture.encoding) expect(summary.encoding?.name).toBe(fixture.encoding);
    if (fixture.delimiter) expect(summary.delimiter).toBe(fixture.delimiter);
    if (fixture.sheet) expect(summary.sheet).toBe(fixture.sheet);
    if (fixture.sheets) {
      expect(summary.sheets?.map(({ name, empty, hidden }) => ({ name, empty, hidden }))).toEqual(
        fixture.sheets,
      );
    }
    if (fixture.headerRow !== undefined) expect(summary.headerRow).toBe(fixture.headerRow);
    if (fixture.headers) expect(summary.headers).toEqual(fixture.headers);
    if (fixture.renamed) {
      expect(summary.headerNotes.map((n) => [n.letter, n.header, n.reason])).toEqual(fixture.renamed);
    }
    if (fixture.warnings)
      expect(summary.warnings.map((w) => w.code).sort()).toEqual([...fixture.warnings].sort());
    // Headers are unique whatever the file.
    expect(new Set(summary.headers.map((h) => h.toLowerCase())).size).toBe(summary.headers.length);

    if (fixture.readError) {
      expect(summary.dataRows).toEqual({ count: 0, exact: true });
      await expectFailure(collect(file, fixture), fixture.readError, fixture.file);
      return;
    }
    const rows = await collect(file, fixture);
    // The preview sample is the start of what the import reads, and the count agrees.
    expect(summary.sampleRows).toEqual(rows.slice(0, summary.sampleRows.length));
    if (summary.dataRows.exact) expect(summary.dataRows.count).toBe(rows.length);
    for (const row of rows) expect(row.cells).toHaveLength(summary.headers.length);

    if (fixture.dataRows !== undefined) expect(rows).toHaveLength(fixture.dataRows);
    if (fixture.rows) {
      expect(rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells }))).toStrictEqual(fixture.rows);
    }
    for (const spot of fixture.cells ?? []) {
      const row = rows.find((r) => r.rowNumber === spot.row);
      const column = summary.headers.indexOf(spot.column);
      expect(column, `column ${spot.column}`).toBeGreaterThanOrEqual(0);
      expect(row?.cells[column], `row ${spot.row}, ${spot.column}`).toStrictEqual(spot.value);
    }
    for (const issue of fixture.issues ?? []) {
      const row = rows.find((r) => r.rowNumber === issue.row);
      expect(row?.issues?.join('\n')).toContain(issue.includes);
    }
    if (fixture.issues) {
      const reported = rows.flatMap((r) => r.issues ?? []);
      expect(reported).toHaveLength(fixture.issues.length);
    }
  });
});
