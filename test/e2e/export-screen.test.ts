/**
 * The Export screen in a real browser through the web bridge: choices made the way a user makes them
 * (format, delimiter, fields through the search box, owner or saved filter), the job run to the end,
 * and the written file read back and compared with the sandbox.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrgField } from '../../shared/model.ts';
import { prepareBrowserTests, SCREENSHOT_DIR, startApp, type AppUnderTest } from './harness.ts';

let app: AppUnderTest | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Maria Müller, an active sandbox user who owns some of the seeded organizations. */
const OWNER_ID = 2;

async function openExportScreen(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Use the sandbox' }).click();
  await page.getByText('Connected to the sandbox.').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export' }).click();
  await page.getByRole('heading', { name: 'Export organizations' }).waitFor();
  await page.getByRole('heading', { name: 'Fields' }).waitFor();
}

/** Picks the file name (the browser version saves into its folder) and returns the path shown. */
async function chooseDestination(page: Page, extension: string): Promise<string> {
  await page.getByRole('button', { name: 'Choose file name' }).click();
  const target = page.getByTestId('export-target');
  await expect
    .poll(() => target.textContent())
    .toMatch(new RegExp(`organizations( \\(\\d+\\))?\\.${extension}$`));
  return (await target.textContent()) ?? '';
}

/** Starts the export and waits for its card to say Done; returns the card. */
async function startAndFinish(page: Page) {
  const startButton = page.getByRole('button', { name: 'Start export' });
  expect(await startButton.isEnabled()).toBe(true);
  await startButton.click();
  await page.getByRole('status').filter({ hasText: 'Started:' }).waitFor();
  const card = page.locator('.job-panel article').first();
  await expect.poll(() => card.getByTestId('job-state').textContent(), { timeout: 60_000 }).toBe('Done');
  return card;
}

/** How many columns a field writes, from issue 3's rules (independent of the export code). */
function columnsOf(field: OrgField): number {
  switch (field.type) {
    case 'user': // name + email
    case 'monetary': // amount + currency
    case 'daterange': // start + until
    case 'time': // time + time zone
      return 2;
    case 'timerange': // start + until + time zone
      return 3;
    case 'address': // the address + its ten parts
      return 11;
    default:
      return 1;
  }
}

describe('the Export screen, in a real browser', () => {
  it('exports chosen fields of one owner to a semicolon CSV with a BOM, and remembers the choices', async () => {
    app = await startApp({ sandbox: { organizations: 240 } });
    const { page, sandbox } = app;
    await openExportScreen(page, app.bridge.url);
    await app.shot('export-01-screen');
    // What a 1280×800 window shows without scrolling.
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'export-01-viewport.png') });

    await page.getByLabel(/CSV \(\.csv\)/).check();
    await page.getByRole('radio', { name: /Semicolon/ }).check();
    await expect.poll(() => page.getByTestId('delimiter-help').textContent()).toContain('European');

    // Fields: start from none, then find each through the search box.
    const search = page.getByRole('searchbox', { name: 'Search fields' });
    await page.getByRole('button', { name: 'Select none' }).click();
    await search.fill('VAT');
    await page.getByRole('checkbox', { name: /^VAT number/ }).check();
    await search.fill('descr');
    await page.getByRole('checkbox', { name: /^Description/ }).check();
    // Accents do not matter in the search: "region" finds "Région / 地域". Ticked with the keyboard.
    await search.fill('region');
    const region = page.getByRole('checkbox', { name: /^Région \/ 地域/ });
    await region.focus();
    await page.keyboard.press('Space');
    expect(await region.isChecked()).toBe(true);
    await app.shot('export-02-search');
    await search.fill('nothing like this');
    await page.getByText('No field matches “nothing like this”.').waitFor();
    await search.fill('');
    await page.getByRole('checkbox', { name: 'Name', exact: true }).check();
    await expect
      .poll(() => page.getByTestId('field-count').textContent())
      .toMatch(/^4 of \d+ fields · 5 columns$/);

    // An owner; the saved filter is then not available, and the screen says why.
    await page.getByRole('combobox', { name: 'Owned by' }).selectOption({ label: 'Maria Müller' });
    expect(await page.getByRole('combobox', { name: 'Saved Pipedrive filter' }).isDisabled()).toBe(true);
    await page.getByRole('note').filter({ hasText: 'Pipedrive ignores the owner' }).waitFor();
    const target = await chooseDestination(page, 'csv');
    expect(await page.getByTestId('export-summary').textContent()).toBe(
      'Exports 4 fields (5 columns with the ID) of the organizations owned by Maria Müller, as CSV separated by semicolons.',
    );
    await app.shot('export-03-csv-choices');

    const card = await startAndFinish(page);
    await card.getByRole('button', { name: 'Open file' }).waitFor();
    await app.shot('export-04-csv-done');

    const bytes = await readFile(target);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.delimiter).toBe(';');
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['ID', 'Name', 'VAT number', 'Description', 'Région / 地域']);
    const expected = sandbox.control.organizations().filter((org) => org.owner_id === OWNER_ID);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((row) => Number(row[0]))).toEqual(expected.map((org) => org.id));
    expect(rows.map((row) => row[1])).toEqual(expected.map((org) => org.name));

    // "Open file" in the browser version is a download of that file.
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Open file' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);

    // The choices are remembered.
    await page.reload();
    await page.getByRole('heading', { name: 'Fields' }).waitFor();
    expect(await page.getByLabel(/CSV \(\.csv\)/).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /Semicolon/ }).isChecked()).toBe(true);
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Owned by' }).inputValue())
      .toBe(String(OWNER_ID));
    await expect.poll(() => page.getByTestId('field-count').textContent()).toMatch(/^4 of \d+ fields/);
    expect(app.pageErrors).toEqual([]);
  });

  it('exports every field to XLSX; a saved filter excludes an owner (dark theme)', async () => {
    app = await startApp({ sandbox: { organizations: 180 }, colorScheme: 'dark' });
    const { page, sandbox } = app;
    await openExportScreen(page, app.bridge.url);
    expect(await page.getByLabel(/Excel workbook/).isChecked()).toBe(true);

    // The saved filters come from the sandbox; choosing one locks the owner, with the reason shown.
    const filterSelect = page.getByRole('combobox', { name: 'Saved Pipedrive filter' });
    await expect
      .poll(async () => (await filterSelect.locator('option').allTextContents()).slice(1).sort())
      .toEqual(
        sandbox.control
          .filters()
          .map((f) => f.name)
          .sort(),
      );
    await filterSelect.selectOption({ label: 'Label: Customer' });
    expect(await page.getByRole('combobox', { name: 'Owned by' }).isDisabled()).toBe(true);
    await page
      .getByRole('note')
      .filter({ hasText: 'An owner cannot be combined with a saved filter' })
      .waitFor();
    await app.shot('export-05-dark-filter');
    await filterSelect.selectOption({ label: 'No filter' });
    expect(await page.getByRole('combobox', { name: 'Owned by' }).isEnabled()).toBe(true);

    // Every field, the counters included (they are not ticked by default).
    const fields = sandbox.control.fields().filter((f) => f.key !== 'id');
    const counters = page.getByRole('checkbox', { name: /^People/ });
    expect(await counters.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Select all' }).click();
    expect(await counters.isChecked()).toBe(true);
    const columns = 1 + fields.reduce((sum, f) => sum + columnsOf(f), 0);
    await expect
      .poll(() => page.getByTestId('field-count').textContent())
      .toBe(`${fields.length} of ${fields.length} fields · ${columns} columns`);
    const target = await chooseDestination(page, 'xlsx');
    await app.shot('export-06-dark-xlsx-choices');

    await startAndFinish(page);
    await app.shot('export-07-dark-xlsx-done');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(target);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    const header = (sheet.getRow(1).values as unknown[]).filter((v) => v !== undefined && v !== null);
    expect(header).toHaveLength(columns);
    expect(header[0]).toBe('ID');
    for (const field of fields.filter((f) => !f.custom)) expect(header).toContain(field.name);
    const organizations = sandbox.control.organizations();
    expect(sheet.actualRowCount).toBe(organizations.length + 1);
    expect(Number(sheet.getCell(2, 1).value)).toBe(organizations[0]?.id);
    expect(book.getWorksheet('About this export')).toBeDefined();
    expect(app.pageErrors).toEqual([]);
  });
});
