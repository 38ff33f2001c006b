/**
 * The first run, as a new user meets it in a real browser through the web bridge: a fresh data folder
 * opens on the welcome panel, on the sandbox; each tour is taken by clicking what its coach says, on
 * the real screens; the results are checked in the sandbox and in the files written. Dismissing the
 * panel keeps it closed after a reload.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
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

/** The sandbox's seeded organizations in these tests. */
const SEEDED = 30;

/** The tour step the coach shows (`finished` at the end). */
async function tourStep(page: Page): Promise<string | null> {
  return page.getByTestId('tour-bar').getAttribute('data-step');
}

async function waitForStep(page: Page, step: string, timeout = 30_000): Promise<void> {
  await expect.poll(() => tourStep(page), { timeout }).toBe(step);
}

describe('first run: the welcome panel and its tours, in a real browser', () => {
  it('opens on the sandbox with the welcome panel, and the import tour imports the sample with the documented outcome', async () => {
    app = await startApp({ firstRun: true, sandbox: { organizations: SEEDED } });
    const { page, sandbox } = app;

    // A fresh data folder: the bare address opens the welcome panel, already on the sandbox.
    await page.goto(app.bridge.url);
    await page.getByRole('heading', { name: /Move Pipedrive organizations/ }).waitFor();
    expect(page.url()).toMatch(/#\/welcome$/);
    const banner = page.getByTestId('account-banner');
    await expect.poll(() => banner.getAttribute('class')).toContain('account--sandbox');
    await expect.poll(() => page.getByTestId('welcome-connection').textContent()).toContain('on the sandbox');
    const connect = page.getByRole('region', { name: 'Connect your Pipedrive company' });
    expect(await connect.textContent()).toContain('Personal preferences');
    expect(await connect.textContent()).toContain('yourcompany.pipedrive.com');
    await app.shot('welcome-01-panel');

    // Tour 1: one click opens the Import screen with the sample, mapped.
    await page.getByRole('button', { name: 'Import the sample file' }).click();
    await page.getByRole('heading', { name: 'Columns and fields' }).waitFor();
    expect(page.url()).toMatch(/#\/import$/);
    await waitForStep(page, 'mapped');
    await expect.poll(() => page.getByTestId('file-rows').textContent()).toBe('50');
    const picker = (column: string) => page.getByRole('combobox', { name: `Field for column "${column}"` });
    expect(await picker('Company').inputValue()).toBe('Name');
    expect(await picker('Owner').inputValue()).toBe('Owner');
    expect(await picker('Customer tier').inputValue()).toBe('Customer tier');
    await app.shot('welcome-02-import-mapped');

    // The coach asks for the check, then for a click on a red cell.
    await page.getByRole('button', { name: /^Check 50 rows/ }).click();
    await waitForStep(page, 'problems');
    await expect.poll(() => page.getByTestId('problem-count').textContent()).toBe('4 rows have problems');
    const typo = page.locator('[data-row-number="28"] [data-col="2"]');
    expect(await typo.getAttribute('aria-invalid')).toBe('true');
    await typo.click();
    await waitForStep(page, 'go');
    // The suggested fix is one click; the other three rows stay as they are.
    await page.getByRole('button', { name: 'Use “Manufacturing”' }).click();
    await expect.poll(() => page.getByTestId('problem-count').textContent()).toBe('3 rows have problems');
    await page.getByRole('button', { name: 'Import 47 rows' }).click();
    await waitForStep(page, 'finished', 60_000);
    const finish = page.getByTestId('tour-finish');
    expect(await finish.textContent()).toContain('The sample is imported: 47 created, 3 failed.');
    expect(await page.getByTestId('import-result').textContent()).toBe('Finished: 47 created, 3 failed.');
    await app.shot('welcome-04-import-finished');

    // In the sandbox: the 47 organizations, owner and custom option resolved.
    const organizations = sandbox.control.organizations();
    expect(organizations).toHaveLength(SEEDED + 47);
    const weber = organizations.find((org) => org.name === 'Weber Kunststofftechnik GmbH');
    expect(weber?.owner_id).toBe(2);
    expect(organizations.filter((org) => org.name === 'Brenner Fördertechnik GmbH')).toHaveLength(0);
    // The failed-rows report: the two copies of one company and the card with no name, each with why.
    // The report is linked from the tour's end, where the user finds it.
    const written = await finish.locator('.reports__path').allTextContents();
    const failedReport = written.find((file) => /failed-rows\.csv$/.test(file));
    if (!failedReport) throw new Error(`no failed-rows report among ${written.join(', ')}`);
    const text = (await readFile(failedReport, 'utf8')).replace(/^\uFEFF/, '');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(3);
    const reasons = parsed.data.map((row) => Object.values(row).join(' | '));
    expect(reasons.filter((r) => r.includes('Brenner Fördertechnik GmbH'))).toHaveLength(2);
    expect(reasons.some((r) => r.includes('needs a name'))).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('export and delete tours end to end, and "Don’t show this again" holds after a reload', async () => {
    app = await startApp({ firstRun: true, sandbox: { organizations: SEEDED }, colorScheme: 'dark' });
    const { page, sandbox } = app;
    await page.goto(app.bridge.url);
    await page.getByRole('heading', { name: /Move Pipedrive organizations/ }).waitFor();
    await expect.poll(() => page.getByTestId('welcome-connection').textContent()).toContain('on the sandbox');
    await app.shot('welcome-05-panel-dark');

    // Tour 2: Export, preset to every field and Excel.
    await page.getByRole('button', { name: 'Export everything to Excel' }).click();
    await page.getByRole('heading', { name: 'Export organizations' }).waitFor();
    await waitForStep(page, 'preset');
    expect(await page.getByRole('radio', { name: 'Excel workbook (.xlsx)' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('field-count').textContent()).toMatch(/^(\d+) of \1 fields/);
    await page.getByRole('button', { name: 'Choose file name' }).click();
    await waitForStep(page, 'start');
    const target = (await page.getByTestId('export-target').textContent()) ?? '';
    expect(target).toMatch(/\.xlsx$/);
    await app.shot('welcome-06-export-preset');
    await page.getByRole('button', { name: 'Start export' }).click();
    await waitForStep(page, 'finished', 60_000);
    const finish = page.getByTestId('tour-finish');
    expect(await finish.textContent()).toContain(`Your Excel file is ready: ${SEEDED} exported.`);
    await finish.getByRole('button', { name: 'Open file' }).waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(target);
    const sheet = workbook.worksheets[0];
    expect(sheet?.actualRowCount).toBe(SEEDED + 1);
    expect(sheet?.getRow(1).getCell(1).value).toBe('ID');

    // Tour 3, from the export's "what next": five organizations ticked, then the real delete flow.
    const firstFive = sandbox.control
      .organizations()
      .map((org) => org.id)
      .sort((a, b) => a - b)
      .slice(0, 5);
    await finish.getByRole('button', { name: 'Next tour: delete a selected handful' }).click();
    await page.getByRole('heading', { name: 'Organizations', exact: true }).waitFor();
    await waitForStep(page, 'selected');
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('5 selected');
    await page.getByRole('button', { name: 'Delete selected…' }).click();
    await waitForStep(page, 'preview');
    await page.getByRole('button', { name: 'Preview 5 organizations' }).click();
    await waitForStep(page, 'confirm');
    await page.getByLabel(/type 5 below/).fill('5');
    await app.shot('welcome-09-delete-confirm');
    await page.getByRole('button', { name: 'Delete 5 organizations' }).click();
    await waitForStep(page, 'finished', 60_000);
    expect(await page.getByTestId('tour-finish').textContent()).toContain('Done, backup first: 5 deleted.');

    const left = sandbox.control.organizations().map((org) => org.id);
    expect(left).toHaveLength(SEEDED - 5);
    for (const id of firstFive) expect(left).not.toContain(id);
    const files = await page.getByTestId('tour-finish').locator('.reports__path').allTextContents();
    const backup = files.find((file) => /backup/i.test(path.basename(file)));
    if (!backup) throw new Error(`no backup among ${files.join(', ')}`);
    const saved = new ExcelJS.Workbook();
    if (backup.endsWith('.xlsx')) await saved.xlsx.readFile(backup);
    else await saved.csv.readFile(backup);
    expect(saved.worksheets[0]?.actualRowCount).toBe(6);

    // Dismissed: the bare address no longer opens the panel, also after a reload.
    await page.getByTestId('tour-finish').getByRole('button', { name: 'Back to Welcome' }).click();
    await page.getByRole('button', { name: 'Don’t show this again' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/export$/);
    await page.goto(app.bridge.url);
    await page.getByRole('heading', { name: 'Export organizations' }).waitFor();
    expect(page.url()).toMatch(/#\/export$/);
    expect(await page.getByRole('heading', { name: /Move Pipedrive organizations/ }).count()).toBe(0);
    const settings = JSON.parse(await readFile(path.join(app.dataDir, 'settings.json'), 'utf8')) as {
      welcome?: { showOnStart?: boolean };
    };
    expect(settings.welcome?.showOnStart).toBe(false);
    // Still there from the sidebar.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get started' }).click();
    await page.getByRole('heading', { name: /Move Pipedrive organizations/ }).waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
