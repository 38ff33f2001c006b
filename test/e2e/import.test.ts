import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTests, startApp, type AppUnderTest } from './harness.ts';

let app: AppUnderTest | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * A file as fairs and old CRMs hand them over: Windows-1252 accents, semicolons, a title row above the
 * headers, day-first dates, European numbers, an unknown option ("Retial") and a bad number ("lots").
 */
const MESSY = path.resolve('test/fixtures/e2e/messy-orgs.csv');

async function connectToSandbox(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Use the sandbox' }).click();
  await page.getByText('Connected to the sandbox.').waitFor();
}

/**
 * Drops a file on the window the way a browser does: a DataTransfer holding a File, then dragenter,
 * dragover and drop. Page code is a string: the tests are type-checked for Node, which has no DOM.
 */
async function dropFile(app: AppUnderTest, file: string, shot?: string): Promise<void> {
  const bytes = [...(await readFile(file))];
  const transfer = await app.page.evaluateHandle(
    `(() => { const t = new DataTransfer(); t.items.add(new File([new Uint8Array(${JSON.stringify(bytes)})], ` +
      `${JSON.stringify(path.basename(file))}, { type: 'text/csv' })); return t; })()`,
  );
  await app.page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await app.page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await app.page.getByText('Drop the file to import it').waitFor();
  if (shot) await app.shot(shot);
  await app.page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

function picker(page: Page, column: string) {
  return page.getByRole('combobox', { name: `Field for column "${column}"` });
}

function problemCount(page: Page) {
  return page.getByTestId('problem-count');
}

/** Fixes a cell in place: double-click, type, Enter. */
async function editCell(page: Page, rowNumber: number, column: string, text: string): Promise<void> {
  const headers = ['Company', 'Industry', 'Employees', 'City', 'Founded', 'Annual revenue'];
  const cell = page.locator(`[data-row-number="${rowNumber}"] [data-col="${headers.indexOf(column) + 1}"]`);
  await cell.dblclick();
  const input = page.getByRole('textbox', { name: `Row ${rowNumber}, ${column}` });
  await input.fill(text);
  await input.press('Enter');
}

describe('import in a real browser through the web bridge', () => {
  it('maps a dropped messy CSV by itself, shows every problem, and counts a fixed cell', async () => {
    app = await startApp({ sandbox: { organizations: 30 } });
    const { page } = app;
    await connectToSandbox(page, app.bridge.url);

    // Dropped on the Connections screen: the whole window takes files and opens the Import screen.
    await dropFile(app, MESSY, 'import-01-drop-overlay');
    await page.getByRole('heading', { name: 'Columns and fields' }).waitFor();
    expect(page.url()).toMatch(/#\/import$/);

    // The file was read as it is: Windows-1252, semicolons, the headers on row 2 under the title.
    await expect.poll(() => page.getByTestId('file-rows').textContent()).toBe('6');
    expect(await page.getByLabel('Encoding').inputValue()).toBe('windows-1252');
    expect(await page.getByLabel('Delimiter').inputValue()).toBe(';');
    expect(await page.getByLabel('Header row').inputValue()).toBe('2');
    await page.getByText('Café Rosé').first().waitFor();

    // Every column mapped without help; the custom field is marked as such.
    const expected: ReadonlyArray<readonly [string, string]> = [
      ['Company', 'Name'],
      ['Industry', 'Industry'],
      ['Employees', 'Number of employees'],
      ['City', 'Address – City'],
      ['Founded', 'Founded'],
      ['Annual revenue', 'Annual revenue'],
    ];
    for (const [column, field] of expected) expect(await picker(page, column).inputValue()).toBe(field);
    const foundedRow = page.locator('tr[data-column="Founded"]');
    expect(await foundedRow.locator('.tag--custom').count()).toBe(1);
    // Day-first dates and decimal commas were detected, and say so.
    expect(await page.getByLabel('Date order of "Founded"').inputValue()).toBe('dmy');
    expect(await page.getByLabel('Decimal separator of "Annual revenue"').inputValue()).toBe(',');
    // The two bad cells already show in their columns' counts.
    await expect
      .poll(() => page.locator('tr[data-column="Industry"] .count--bad').textContent())
      .toBe('1 failed');
    await app.shot('import-02-mapping');

    // The searchable dropdown: type to filter, pick with the keyboard, see the conflict it makes.
    await picker(page, 'City').click();
    await picker(page, 'City').fill('nam');
    await page.getByRole('option', { name: /^Name/ }).click();
    await page.getByText('Name is also mapped from "Company": a field takes one column.').waitFor();
    expect(await page.getByRole('button', { name: /^Check 6 rows/ }).isDisabled()).toBe(true);
    await app.shot('import-03-mapping-conflict');
    await picker(page, 'City').click();
    await picker(page, 'City').fill('city');
    await page.getByRole('option', { name: 'Address – City address', exact: true }).click();

    await page.getByRole('button', { name: 'Check 6 rows →' }).click();
    await expect.poll(() => problemCount(page).textContent()).toBe('2 rows have problems');

    // Each bad cell is marked, with its reason on hover and in the detail line when focused.
    const retial = page.locator('[data-row-number="4"] [data-col="2"]');
    expect(await retial.getAttribute('aria-invalid')).toBe('true');
    expect(await retial.getAttribute('title')).toContain('did you mean "Retail"');
    await retial.click();
    await expect
      .poll(() => page.getByTestId('cell-detail').textContent())
      .toContain('is not an option of "Industry"');
    await app.shot('import-04-preview');

    // Fixed in place: checked again by the engine, and the count goes down.
    await editCell(page, 5, 'Employees', '30');
    await expect.poll(() => problemCount(page).textContent()).toBe('1 row has problems');
    await expect
      .poll(() => page.locator('[data-row-number="5"] [data-col="3"]').getAttribute('aria-invalid'))
      .toBeNull();

    // "Rows with problems only" leaves the one row still wrong; its suggested fix is one click.
    await page.getByLabel(/Rows with problems only/).check();
    await expect.poll(() => page.locator('[data-testid="preview-grid"] [data-row-number]').count()).toBe(1);
    await page.locator('[data-row-number="4"] [data-col="2"]').click();
    await app.shot('import-05-problems-only');
    await page.getByRole('button', { name: 'Use “Retail”' }).click();
    await expect.poll(() => problemCount(page).textContent()).toBe('No row has a problem');
    await page.getByText('No row has a problem.').waitFor();
    expect(await page.getByRole('button', { name: 'Import 6 rows' }).isEnabled()).toBe(true);
    await app.shot('import-06-all-fixed');
    expect(app.pageErrors).toEqual([]);
  });

  it('imports: upsert by name, progress to done, the failed-rows report, and the failed row fixed and sent on its own', async () => {
    app = await startApp({ sandbox: { organizations: 30 } });
    const { page, sandbox } = app;
    // One organization of the file exists already: upsert by name must update it, not add a second.
    const [existing] = sandbox.control.addOrganizations([{ name: 'Café Rosé' }]);
    await connectToSandbox(page, app.bridge.url);
    await dropFile(app, MESSY);
    await page.getByRole('heading', { name: 'Columns and fields' }).waitFor();

    await page.getByLabel(/^Update or create/).check();
    expect(await page.getByLabel('Match rows by').inputValue()).toBe('name');
    await page.getByRole('button', { name: 'Check 6 rows →' }).click();
    await expect.poll(() => page.getByText('Matched against 31 organizations in Pipedrive.').count()).toBe(1);
    const planned = page.getByRole('list', { name: 'Planned outcome of the rows' });
    await expect.poll(() => planned.locator('[data-outcome="update"]').textContent()).toBe('1 Update');
    expect(await planned.locator('[data-outcome="create"]').textContent()).toBe('3 Create');
    expect(await page.getByTestId('token-cost').textContent()).toMatch(
      /About \d+ tokens of [\d,]+ left today/,
    );
    await expect.poll(() => page.locator('[data-row-number="3"] .grid__plan').textContent()).toBe('Update');

    await editCell(page, 5, 'Employees', '30');
    await expect.poll(() => problemCount(page).textContent()).toBe('1 row has problems');
    await app.shot('import-07-upsert-preview');

    // Slow answers, so the job is seen running.
    sandbox.control.setOptions({ latencyMs: 400 });
    await page.getByRole('button', { name: 'Import 5 rows' }).click();
    const card = page.locator('.job-panel article').first();
    await expect.poll(() => card.getByTestId('job-state').textContent(), { timeout: 30_000 }).toBe('Running');
    await app.shot('import-08-running');
    await expect.poll(() => card.getByTestId('job-state').textContent(), { timeout: 60_000 }).toBe('Done');
    sandbox.control.setOptions({ latencyMs: 0 });
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('Finished: 4 created, 1 updated, 1 failed.');
    await app.shot('import-09-done');

    // The failed-rows report: the original columns, then the row number and the reason.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Open failed rows report' }).click();
    const saved = await (await download).path();
    const text = (await readFile(saved, 'utf8')).replace(/^\uFEFF/, '');
    const report = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(report.meta.fields).toEqual([
      'Company',
      'Industry',
      'Employees',
      'City',
      'Founded',
      'Annual revenue',
      'Row',
      'Reason',
    ]);
    expect(report.data).toHaveLength(1);
    expect(report.data[0]).toMatchObject({ Company: 'Crème Brûlée SARL', Industry: 'Retial', Row: '4' });
    expect(report.data[0]?.['Reason']).toMatch(/Industry.*Retial/);

    // What Pipedrive now holds: the existing one updated, four new, the failed one absent.
    const orgs = sandbox.control.organizations();
    const named = (name: string) => orgs.filter((o) => o.name === name);
    expect(named('Café Rosé')).toHaveLength(1);
    expect(named('Café Rosé')[0]).toMatchObject({
      id: existing?.id,
      employee_count: 12,
      address: { locality: 'Lyon' },
    });
    expect(named('Ölmühle Straße GmbH')[0]).toMatchObject({ employee_count: 30 });
    expect(named('Garçon Logistique')[0]).toMatchObject({ annual_revenue: 31_000_000 });
    expect(named('Bäckerei Jürgens')[0]).toMatchObject({ annual_revenue: 2_100_000.75 });
    expect(named('Señor Café')).toHaveLength(1);
    expect(named('Crème Brûlée SARL')).toHaveLength(0);

    // The failed row, fixed in the grid and imported on its own with the same mapping.
    await page.getByRole('button', { name: 'Fix the failed row here' }).click();
    await expect.poll(() => problemCount(page).textContent()).toBe('1 row has problems');
    await expect.poll(() => page.locator('[data-testid="preview-grid"] [data-row-number]').count()).toBe(1);
    await app.shot('import-10-fix-failed');
    await page.locator('[data-row-number="2"] [data-col="2"]').click();
    await page.getByRole('button', { name: 'Use “Retail”' }).click();
    await expect.poll(() => problemCount(page).textContent()).toBe('No row has a problem');
    await page.getByRole('button', { name: 'Import 1 row' }).click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent(), { timeout: 60_000 })
      .toBe('Finished: 1 created.');
    expect(sandbox.control.organizations().filter((o) => o.name === 'Crème Brûlée SARL')).toHaveLength(1);
    await app.shot('import-11-resubmitted');

    // The next file with these columns is mapped as this one was, and says so.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await dropFile(app, MESSY);
    await page.getByText('Mapping remembered from your last import of a file with these columns.').waitFor();
    expect(await picker(page, 'Company').inputValue()).toBe('Name');
    expect(app.pageErrors).toEqual([]);
  });

  it('saves the mapping as a named profile the command line can read, loads, renames and deletes it', async () => {
    app = await startApp({ sandbox: { organizations: 5 } });
    const { page } = app;
    await connectToSandbox(page, app.bridge.url);
    await dropFile(app, MESSY);
    await page.getByRole('heading', { name: 'Columns and fields' }).waitFor();
    await picker(page, 'Annual revenue').click();
    await picker(page, 'Annual revenue').fill('not imp');
    await page.getByRole('option', { name: 'Not imported' }).click();
    await page.getByLabel(/^Update or create/).check();

    await page.getByRole('button', { name: 'Save mapping as…' }).click();
    await page.getByLabel('Name of the mapping').fill('Lyon fair');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Mapping saved as "Lyon fair".').waitFor();
    const saved = JSON.parse(
      await readFile(path.join(app.dataDir, 'profiles', 'lyon-fair.json'), 'utf8'),
    ) as {
      columns: Record<string, string | null>;
      mode: string;
      match: string;
    };
    expect(saved).toMatchObject({ mode: 'upsert', match: 'name' });
    expect(saved.columns).toMatchObject({
      Company: 'name',
      City: 'address.locality',
      'Annual revenue': null,
    });

    // A fresh start maps "Annual revenue" again; the profile puts back what was chosen.
    await page.getByRole('button', { name: 'Start over' }).click();
    await dropFile(app, MESSY);
    await expect.poll(() => picker(page, 'Annual revenue').inputValue()).toBe('Annual revenue');
    await page.getByLabel('Load a saved mapping').selectOption({ label: 'Lyon fair (5 columns)' });
    await expect.poll(() => picker(page, 'Annual revenue').inputValue()).toBe('Not imported');
    expect(await page.getByLabel(/^Update or create/).isChecked()).toBe(true);
    await app.shot('import-17-profile-loaded');

    await page.getByText('Manage saved mappings').click();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New name for "Lyon fair"').fill('Trade fairs');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByText('Trade fairs', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete this saved mapping?' })
      .getByRole('button', { name: 'Delete it' })
      .click();
    await expect
      .poll(() => page.getByLabel('Load a saved mapping').locator('option').first().textContent())
      .toBe('No saved mappings yet');
    expect(app.pageErrors).toEqual([]);
  });
});
