/**
 * Export → edit nothing → import must give back every writable value exactly, through both
 * formats: the typed XLSX values (also through a real exceljs workbook) and the CSV text (through
 * papaparse, with the formula guard), with column settings detected from the cells as the import does.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildExportColumns,
  createExportContext,
  exportHeaderTargets,
  toCsvCell,
} from '../../../../shared/export/index.ts';
import type { ExportValue } from '../../../../shared/export/index.ts';
import type { MappingTarget } from '../../../../shared/mapping.ts';
import type { Organization } from '../../../../shared/model.ts';
import {
  assembleWrite,
  coerceCell,
  createCoerceContext,
  DEFAULT_COLUMN_SETTINGS,
  detectColumnSettings,
  sameValue,
} from '../../../../shared/values/index.ts';
import type { AssembleInput, CellInput, ColumnSettings } from '../../../../shared/values/index.ts';
import { FIELDS, USERS } from '../values/fixtures.ts';
import { expectedBody, makeOrganizations } from './round-trip-data.ts';

const ORGS = makeOrganizations(300, 20_240_531);
const COLUMNS = buildExportColumns(FIELDS);
const HEADERS = COLUMNS.map((c) => c.header);

/** A sheet as an importer sees it: a header row and rows of cells. */
interface Sheet {
  headers: string[];
  rows: CellInput[][];
}

function typedSheet(orgs: ReadonlyArray<Organization>): Sheet {
  const ctx = createExportContext(USERS);
  return { headers: HEADERS, rows: orgs.map((org) => COLUMNS.map((c) => c.extract(org, ctx))) };
}

function csvText(orgs: ReadonlyArray<Organization>): string {
  const ctx = createExportContext(USERS);
  const rows = orgs.map((org) => COLUMNS.map((c) => toCsvCell(c.extract(org, ctx), c.kind)));
  return Papa.unparse([HEADERS, ...rows], { newline: '\r\n' });
}

function csvSheet(text: string): Sheet {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const [headers = [], ...rows] = parsed.data;
  return { headers, rows };
}

async function xlsxSheet(sheet: Sheet): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet('Organizations');
  worksheet.addRow(sheet.headers);
  for (const row of sheet.rows) worksheet.addRow(row.map((v: ExportValue) => v));
  const buffer = await workbook.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer);
  const read = back.getWorksheet('Organizations');
  const rows: CellInput[][] = [];
  read?.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(sheet.headers.map((_, i) => cellValue(row.getCell(i + 1).value)));
  });
  return { headers: sheet.headers, rows };
}

function cellValue(value: ExcelJS.CellValue): CellInput {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  )
    return value;
  throw new Error(`unexpected cell ${JSON.stringify(value)}`);
}

/** Maps headers back exactly, detects each column's settings, converts and assembles every row. */
function importSheet(sheet: Sheet, source: 'csv' | 'xlsx', emptyCells: 'skip' | 'clear') {
  const targets = exportHeaderTargets(FIELDS);
  const ctx = createCoerceContext({ fields: FIELDS, users: USERS, source, defaultCurrency: null });
  const mapped: Array<{ index: number; target: MappingTarget; settings: ColumnSettings }> = [];
  sheet.headers.forEach((header, index) => {
    const target = targets.get(header);
    if (!target) return;
    const field = target.kind === 'id' ? undefined : FIELDS.find((f) => f.key === target.key);
    const samples = sheet.rows.map((row) => row[index] ?? null);
    const settings = field ? detectColumnSettings(samples, field, target) : DEFAULT_COLUMN_SETTINGS;
    mapped.push({ index, target, settings });
  });
  return sheet.rows.map((row) => {
    const problems: string[] = [];
    let id: unknown = null;
    const values: AssembleInput[] = mapped.map(({ index, target, settings }) => {
      const result = coerceCell(row[index] ?? null, target, ctx, settings);
      if (result.kind === 'error') problems.push(`${sheet.headers[index]}: ${result.message}`);
      const value = result.kind === 'value' ? result.value : null;
      if (target.kind === 'id') id = value;
      return { target, value };
    });
    const { body, errors } = assembleWrite(values, FIELDS, { emptyCells });
    return { id, body, problems: [...problems, ...errors.map((e) => e.message)] };
  });
}

/** XML (so XLSX) turns CR LF into LF inside text; exceljs does not escape the CR. */
function lineEnds<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/\\r\\n/g, '\\n')) as T;
}

function checkRoundTrip(sheet: Sheet, source: 'csv' | 'xlsx', adjust: <T>(value: T) => T = (v) => v): void {
  const imported = importSheet(sheet, source, 'clear');
  expect(imported).toHaveLength(ORGS.length);
  imported.forEach(({ id, body, problems }, i) => {
    const org = ORGS[i] as Organization;
    expect({ id, problems }).toEqual({ id: org.id, problems: [] });
    expect(body).toEqual(adjust(expectedBody(org)));
    expect(sameValue(org, body, FIELDS)).toBe(true);
  });
  for (const { body, problems } of importSheet(sheet, source, 'skip')) {
    expect(problems).toEqual([]);
    expect(Object.values(body.custom_fields ?? {})).not.toContain(null);
  }
  importSheet(sheet, source, 'skip').forEach(({ body }, i) =>
    expect(sameValue(ORGS[i] as Organization, body, FIELDS)).toBe(true),
  );
}

describe('export → import round trip', () => {
  const zone = process.env.TZ;
  // A zone far from UTC, so any date math done in local time would shift days and fail.
  beforeAll(() => {
    process.env.TZ = 'Pacific/Kiritimati';
  });
  afterAll(() => {
    process.env.TZ = zone;
  });

  it('covers every field type and the tricky values', () => {
    const types = new Set(FIELDS.filter((f) => f.writable).map((f) => f.type));
    expect(types.size).toBeGreaterThanOrEqual(17);
    expect(new Date(Date.UTC(2024, 0, 1)).getDate()).toBe(1);
    expect(new Date(Date.UTC(2024, 0, 1)).getHours()).toBe(14);
    const names = ORGS.map((o) => o.name);
    for (const tricky of [
      '=1+1',
      '-minus',
      '@mention',
      '+372 5555 1234',
      'Acme, Inc.',
      'He said "hello"',
      '東京都渋谷区',
    ]) {
      expect(names).toContain(tricky);
    }
  });

  it('round-trips the typed values an XLSX writer is given', () => {
    checkRoundTrip(typedSheet(ORGS), 'xlsx');
  });

  it('round-trips through a real XLSX workbook', async () => {
    checkRoundTrip(await xlsxSheet(typedSheet(ORGS)), 'xlsx', lineEnds);
  });

  it('round-trips through CSV text with the formula guard', () => {
    const text = csvText(ORGS);
    expect(text).toContain("'=1+1");
    expect(text).not.toMatch(/(^|,)=1\+1/m);
    checkRoundTrip(csvSheet(text), 'csv');
  });

  it('notices a change made in the sheet', () => {
    const sheet = typedSheet(ORGS.slice(0, 1));
    const col = HEADERS.indexOf('Employees');
    const row = sheet.rows[0] ?? [];
    row[col] = typeof row[col] === 'number' ? row[col] + 1 : 5;
    const [result] = importSheet(sheet, 'xlsx', 'skip');
    expect(result?.problems).toEqual([]);
    expect(sameValue(ORGS[0] as Organization, result?.body ?? {}, FIELDS)).toBe(false);
  });
});
