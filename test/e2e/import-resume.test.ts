import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebBridge, type WebBridge } from '../../electron/bridge/index.ts';
import { SANDBOX_TOKEN } from '../../electron/engine/app/connections.ts';
import { PipedriveClient } from '../../electron/engine/pipedrive/index.ts';
import type { RunningSandbox } from '../../electron/engine/sandbox/index.ts';
import { prepareBrowserTests, startApp, type AppUnderTest } from './harness.ts';

let app: AppUnderTest | undefined;
let restarted: WebBridge | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await restarted?.close();
  restarted = undefined;
  await app?.close();
  app = undefined;
});

const MESSY = path.resolve('test/fixtures/e2e/messy-orgs.csv');
const NAMES = [
  'Café Rosé',
  'Crème Brûlée SARL',
  'Ölmühle Straße GmbH',
  'Bäckerei Jürgens',
  'Señor Café',
  'Garçon Logistique',
];

/** The same sandbox behind the "Sandbox" profile of a second bridge (the test owns it). */
function sameSandbox(sandbox: RunningSandbox) {
  return async () => ({
    url: sandbox.url,
    dailyBudget: sandbox.control.stats().dailyBudget,
    budgetLeft: () => sandbox.control.stats().budgetLeft,
    close: async () => undefined,
  });
}

/** Picks the file with "Choose file…" on the Import screen (the browser's chooser, then an upload). */
async function chooseFile(page: Page, file: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await (
    await chooser
  ).setFiles({ name: path.basename(file), mimeType: 'text/csv', buffer: await readFile(file) });
}

describe('a stopped import', () => {
  it('stops plainly when the daily budget runs out and resumes after a restart, with nothing sent twice', async () => {
    app = await startApp({ sandbox: { organizations: 10 } });
    const { page, sandbox } = app;
    await page.goto(app.bridge.url);
    await page.getByRole('button', { name: 'Use the sandbox' }).click();
    await page.getByText('Connected to the sandbox.').waitFor();
    await chooseFile(page, MESSY);
    await page.getByRole('button', { name: 'Check 6 rows →' }).click();
    const problems = page.getByTestId('problem-count');
    await expect.poll(() => problems.textContent()).toBe('2 rows have problems');
    await page.locator('[data-row-number="4"] [data-col="2"]').click();
    await page.getByRole('button', { name: 'Use “Retail”' }).click();
    await expect.poll(() => problems.textContent()).toBe('1 row has problems');
    await page.locator('[data-row-number="5"] [data-col="3"]').dblclick();
    await page.getByRole('textbox', { name: 'Row 5, Employees' }).fill('30');
    await page.getByRole('textbox', { name: 'Row 5, Employees' }).press('Enter');
    await expect.poll(() => problems.textContent()).toBe('No row has a problem');

    // Enough tokens left today for the field list and two creates, not for all six.
    const before = sandbox.control.organizations().length;
    sandbox.control.setOptions({ dailyBudget: sandbox.control.stats().tokensSpentToday + 22 });
    await page.getByRole('button', { name: 'Import 6 rows' }).click();
    const step = page.locator('.run-step');
    await expect
      .poll(() => step.locator('.badge').textContent(), { timeout: 60_000 })
      .toBe('Stopped — can be resumed');
    expect(await step.getByRole('button', { name: 'Resume' }).isVisible()).toBe(true);
    expect(await step.locator('.alert').textContent()).toMatch(/budget/i);
    await app.shot('import-14-stopped-budget');
    const done = sandbox.control.organizations().length - before;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(NAMES.length);
    // The rows it never got to are in their own report, laid out like the file (the edits applied),
    // ready to import on their own.
    const download = page.waitForEvent('download');
    await step.getByRole('button', { name: 'Open rows not attempted report' }).click();
    const notAttempted = Papa.parse<Record<string, string>>(
      (await readFile(await (await download).path(), 'utf8')).replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    const created = new Set(sandbox.control.organizations().map((o) => o.name));
    const left = notAttempted.map((row) => row['Company'] ?? '');
    expect(left.length).toBe(NAMES.length - done);
    expect(left.every((name) => NAMES.includes(name) && !created.has(name))).toBe(true);

    // Orgport restarts (the browser version's uploads are gone with it) and the budget refills.
    await app.bridge.close();
    sandbox.control.setOptions({ dailyBudget: 300_000 });
    sandbox.control.resetDailyBudget();
    // This test restarts the bridge inside one process, where the rate governor of the connection (and
    // its memory of the budget stop) lives on; a restarted app starts with a fresh one.
    new PipedriveClient({
      baseUrl: sandbox.url,
      auth: { kind: 'token', token: SANDBOX_TOKEN },
    }).clearBudgetStop();
    restarted = await startWebBridge({ dataDir: app.dataDir, startSandbox: sameSandbox(sandbox) });
    // The last connection is restored at start-up, possibly after the page asked: connect if needed.
    await page.goto(`${restarted.url}#/connections`);
    const use = page.getByRole('button', { name: 'Use the sandbox' });
    const connected = page.getByText('Connected to the sandbox.');
    await use.or(connected).first().waitFor();
    if (await use.isVisible()) await use.click();
    await connected.waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    const unfinished = page.getByRole('region', { name: 'Unfinished imports' });
    await unfinished.getByText('Import from messy-orgs.csv').waitFor();
    await app.shot('import-15-unfinished-after-restart');
    await unfinished.getByRole('button', { name: 'Resume' }).click();

    const card = page.locator('.job-panel article').first();
    await expect.poll(() => card.getByTestId('job-state').textContent(), { timeout: 60_000 }).toBe('Done');
    await expect.poll(() => unfinished.count()).toBe(0);
    await app.shot('import-16-resumed-done');
    const orgs = sandbox.control.organizations();
    for (const name of NAMES)
      expect(
        orgs.filter((o) => o.name === name),
        name,
      ).toHaveLength(1);
    expect(orgs.length - before).toBe(NAMES.length);
    expect(app.pageErrors).toEqual([]);
  });
});
