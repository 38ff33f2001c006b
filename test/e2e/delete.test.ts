/**
 * Bulk delete in a real browser through the web bridge, against a sandbox of its own: browse and
 * filter the organizations, select every match, preview, confirm by typing the count, watch the job
 * back up and delete, open the report — then check in the sandbox that exactly the matching set was
 * deleted and that the backup holds exactly those rows.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../electron/engine/files/read/index.ts';
import { prepareBrowserTests, startApp, type AppUnderTest } from './harness.ts';

let app: AppUnderTest | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const count = (n: number): string => n.toLocaleString('en-US');

async function connectToSandbox(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Use the sandbox' }).click();
  await page.getByText('Connected to the sandbox.').waitFor();
}

async function openScreen(page: Page, name: 'Organizations' | 'Bulk delete'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Records every text the job's progress figure shows (page code as a string: tests are typed for Node). */
const RECORD_PROGRESS = `(() => {
  const seen = [];
  window.progressTexts = seen;
  new MutationObserver(() => {
    for (const element of document.querySelectorAll('[data-testid="job-progress-count"]')) {
      const text = element.textContent ?? '';
      if (seen.at(-1) !== text) seen.push(text);
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

interface JobsAnswer {
  ok: boolean;
  value: Array<{ kind: string; reports: Array<{ label: string; path: string }> }>;
}

describe('bulk delete in the browser', () => {
  it('filters by owner, selects every match, confirms the count and deletes exactly that set', async () => {
    // No v1 bulk endpoint: the job deletes one by one, so its progress moves visibly.
    app = await startApp({ sandbox: { organizations: 700, bulkDeleteEnabled: false } });
    const { page, sandbox } = app;
    const before = sandbox.control.organizations();
    const owner = sandbox.control.users().find((u) => u.id === 2);
    if (!owner) throw new Error('the sandbox has no user 2');
    const matching = before.filter((o) => o.owner_id === owner.id).map((o) => o.id);
    expect(matching.length).toBeGreaterThan(20);

    await connectToSandbox(page, app.bridge.url);
    await openScreen(page, 'Organizations');
    const grid = page.getByRole('grid', { name: 'Organizations' });
    await grid.locator('[data-org-id]').first().waitFor();
    await app.shot('delete-01-organizations');

    await page.getByRole('combobox', { name: 'Owner' }).selectOption({ label: owner.name });
    // The list is replaced: every row shown is the owner's.
    await expect
      .poll(async () => {
        const owners = await grid.locator('[data-org-id] > div:nth-child(4)').allTextContents();
        return owners.length > 0 && owners.every((text) => text === owner.name);
      })
      .toBe(true);
    await page.getByRole('button', { name: /^Select all .*matching$/ }).click();
    await expect
      .poll(() => page.getByTestId('selection-count').textContent())
      .toBe(`${count(matching.length)} selected`);
    await app.shot('delete-02-all-matching-selected');

    await page.getByRole('button', { name: 'Delete selected…' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bulk delete' }).waitFor();
    expect(
      await page.getByRole('tab', { name: /Selected in Organizations/ }).getAttribute('aria-selected'),
    ).toBe('true');
    await page.getByRole('button', { name: `Preview ${count(matching.length)} organizations` }).click();
    await expect
      .poll(() => page.getByTestId('preview-will-delete').textContent())
      .toBe(count(matching.length));
    expect(await page.getByTestId('preview-not-found').textContent()).toBe('0');
    await page.getByText('Deleted organizations can be restored in Pipedrive for 30 days').waitFor();
    await app.shot('delete-03-preview');

    const confirm = page.getByLabel(/type \d+ below/);
    const deleteButton = page.getByRole('button', { name: `Delete ${count(matching.length)} organizations` });
    await confirm.fill(String(matching.length - 1));
    expect(await deleteButton.isDisabled()).toBe(true);
    await confirm.press('Enter');
    await confirm.fill(String(matching.length));
    expect(await deleteButton.isEnabled()).toBe(true);
    await app.shot('delete-04-confirmed');
    expect(sandbox.control.organizations()).toHaveLength(before.length);

    await page.evaluate(RECORD_PROGRESS);
    sandbox.control.setOptions({ latencyMs: 40 });
    await deleteButton.click();
    const card = page.locator('.job-panel article').first();
    const state = card.getByTestId('job-state');
    await expect.poll(() => state.textContent(), { timeout: 60_000 }).toBe('Running');
    await app.shot('delete-05-running');
    await expect.poll(() => state.textContent(), { timeout: 120_000 }).toBe('Done');
    await card.getByRole('button', { name: 'Open file' }).first().waitFor();
    await app.shot('delete-06-done');

    // The panel showed the backup, then the deleting.
    const texts = (await page.evaluate('window.progressTexts')) as string[];
    const backedUp = texts.findIndex((t) => t.includes('backed up'));
    const deleting = texts.findIndex((t) => t.includes('deleted'));
    expect(backedUp, JSON.stringify(texts)).toBeGreaterThanOrEqual(0);
    expect(deleting, JSON.stringify(texts)).toBeGreaterThan(backedUp);

    // Exactly the matching set is gone, nothing else.
    const after = sandbox.control.organizations({ includeDeleted: true });
    const deleted = after.filter((o) => o.is_deleted).map((o) => o.id);
    expect(deleted).toEqual(matching);
    expect(after.filter((o) => !o.is_deleted).map((o) => o.id)).toEqual(
      before.filter((o) => o.owner_id !== owner.id).map((o) => o.id),
    );

    // "Open file" on the report downloads it: one row per deleted organization.
    const reports = card.locator('.reports__item');
    const reportRow = reports.filter({ hasText: 'Delete report (CSV)' });
    const download = page.waitForEvent('download');
    await reportRow.getByRole('button', { name: 'Open file' }).click();
    const file = await (await download).path();
    const csv = Papa.parse<string[]>((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    });
    const reported = csv.data.slice(1).map((row) => Number(row[0]));
    expect(reported.sort((a, b) => a - b)).toEqual(matching);

    // The backup file exists and holds exactly those organizations.
    const jobs = (await page.evaluate('window.orgport.listJobs()')) as JobsAnswer;
    const backup = jobs.value
      .find((j) => j.kind === 'delete')
      ?.reports.find((r) => r.label.startsWith('Backup'));
    expect(backup?.path).toMatch(/\.xlsx$/);
    expect(path.isAbsolute(backup?.path ?? '')).toBe(true);
    const backedUpIds: number[] = [];
    for await (const row of readRows(backup?.path ?? '')) backedUpIds.push(Number(row.cells[0]));
    expect(backedUpIds.sort((a, b) => a - b)).toEqual(matching);
    expect(await reports.filter({ hasText: 'Backup' }).count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps Delete disabled for a wrong count, and shows pasted and filed IDs that do not exist (dark theme)', async () => {
    app = await startApp({ sandbox: { organizations: 60 }, colorScheme: 'dark' });
    const { page, sandbox } = app;
    const [a, b, c] = sandbox.control.organizations();
    if (!a || !b || !c) throw new Error('the sandbox has too few organizations');
    await connectToSandbox(page, app.bridge.url);

    // Shift-click ticks a range, and the selection is saved as a list.
    await openScreen(page, 'Organizations');
    const rows = page.getByRole('grid', { name: 'Organizations' }).locator('[data-org-id]');
    await rows.nth(5).waitFor();
    await rows.nth(1).getByRole('checkbox').click();
    await rows
      .nth(4)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('4 selected');
    await page.locator('summary', { hasText: 'Saved lists' }).click();
    await page.getByLabel('Save selection as').fill('Four in a row');
    await page.getByRole('button', { name: 'Save list' }).click();
    await page.getByText('Saved “Four in a row” (4 organizations).').waitFor();
    await app.shot('delete-07-range-saved');

    // Sort by a column Pipedrive cannot sort by; choose the columns.
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const firstNames = sandbox.control
      .organizations()
      .map((o) => o.name)
      .sort(collator.compare)
      .slice(0, 5);
    await expect
      .poll(async () => (await rows.locator('> div:nth-child(3)').allTextContents()).slice(0, 5))
      .toEqual(firstNames);
    await page.locator('summary', { hasText: /^Columns/ }).click();
    await page.getByRole('checkbox', { name: 'Address', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Website', exact: true }).check();
    await page.getByRole('columnheader', { name: 'Website' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Address', exact: true }).count()).toBe(0);
    await app.shot('delete-07b-sorted-columns');
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('4 selected');

    await openScreen(page, 'Bulk delete');
    await page.getByRole('tab', { name: 'Paste IDs' }).click();
    await page.getByLabel('Organization IDs').fill(`${a.id}, ${b.id}\n999999 oops #${c.id}`);
    await page.getByRole('button', { name: 'Read these IDs' }).click();
    await page.getByText('“oops” (line 2, column 8)').waitFor();
    await page.getByRole('button', { name: 'Preview 4 organizations' }).click();
    await expect.poll(() => page.getByTestId('preview-not-found').textContent()).toBe('1');
    const missing = page.locator('[data-status="not-found"]');
    expect(await missing.textContent()).toContain('999999');
    expect(await missing.textContent()).toContain('Not found or already deleted');

    const confirm = page.getByLabel(/type 3 below/);
    const deleteButton = page.getByRole('button', { name: 'Delete 3 organizations' });
    for (const wrong of ['4', '2', '33', 'three', '3.0', '']) {
      await confirm.fill(wrong);
      expect(await deleteButton.isDisabled(), `typed "${wrong}"`).toBe(true);
    }
    await confirm.fill('4');
    await confirm.press('Enter');
    await app.shot('delete-08-wrong-count');

    // A file: its ID column is found by its header, and a non-existent ID is shown as such.
    await page.getByRole('tab', { name: 'From a file' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'to delete.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`Company,Organization ID\nA,${a.id}\nGone,888888\n`),
    });
    await page.getByText('distinct IDs in 2 rows').waitFor();
    await page.getByRole('button', { name: 'Preview 2 organizations' }).click();
    await expect.poll(() => page.getByTestId('preview-not-found').textContent()).toBe('1');
    expect(await page.locator('[data-status="not-found"]').textContent()).toContain('888888');
    await app.shot('delete-09-file-preview');

    // The saved list comes back as a source.
    await page.getByRole('tab', { name: 'Saved list' }).click();
    await page.getByRole('combobox', { name: 'Saved list' }).selectOption({ label: 'Four in a row (4)' });
    await page.getByRole('button', { name: 'Preview 4 organizations' }).click();
    await expect.poll(() => page.getByTestId('preview-will-delete').textContent()).toBe('4');

    // Nothing was deleted by any of this.
    expect(sandbox.control.organizations({ includeDeleted: true }).filter((o) => o.is_deleted)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
