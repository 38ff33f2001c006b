import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { prepareBrowserTests, startApp, type AppUnderTest } from './harness.ts';

let app: AppUnderTest | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const ORGANIZATIONS = 1200;

async function connectToSandbox(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Use the sandbox' }).click();
  await page.getByText('Connected to the sandbox.').waitFor();
}

/**
 * Records every text the progress figure shows, to see the bar move (not just its end). Page code is
 * passed as a string: the tests are type-checked for Node, where `document` does not exist.
 */
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

async function recordProgressTexts(page: Page): Promise<void> {
  await page.evaluate(RECORD_PROGRESS);
}

async function chooseCsvDestination(page: Page): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export' }).click();
  await page.getByRole('heading', { name: 'Export organizations' }).waitFor();
  await page.getByLabel(/CSV \(\.csv\)/).check();
  await page.getByRole('button', { name: 'Choose file name' }).click();
  const target = page.getByTestId('export-target');
  await expect.poll(() => target.textContent()).toMatch(/organizations\.csv$/);
  return (await target.textContent()) ?? '';
}

describe('jobs, in a real browser through the web bridge', () => {
  it('exports: the bar moves to done, pause and resume work, the file is right, history survives a reload', async () => {
    app = await startApp({ sandbox: { organizations: ORGANIZATIONS } });
    const { page, sandbox } = app;
    await connectToSandbox(page, app.bridge.url);
    const target = await chooseCsvDestination(page);
    await app.shot('06-export-screen');
    await recordProgressTexts(page);

    // Every request now takes 1.5 s, so the export is certainly still running when Pause is clicked.
    sandbox.control.setOptions({ latencyMs: 1500 });
    await page.getByRole('button', { name: 'Start export' }).click();
    const card = page.locator('.job-panel article').first();
    const state = card.getByTestId('job-state');
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('Running');
    await app.shot('07-export-running');

    await card.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('Paused');
    await card.getByRole('button', { name: 'Resume' }).waitFor();
    await app.shot('08-export-paused');

    sandbox.control.setOptions({ latencyMs: 150 });
    await card.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => state.textContent(), { timeout: 60_000 }).toBe('Done');
    const bar = card.getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    await expect.poll(() => card.getByTestId('job-progress-count').textContent()).toContain('1,200');

    // The bar moved: some figure between nothing and everything was on screen on the way.
    const texts = (await page.evaluate('window.progressTexts')) as string[];
    const counts = texts.map((text) => Number((/[\d,]+/.exec(text)?.[0] ?? '').replace(/,/g, '')));
    expect(
      counts.some((n) => n > 0 && n < ORGANIZATIONS),
      JSON.stringify(texts),
    ).toBe(true);

    // The picture and the file.
    await card.getByRole('img', { name: /Outcome: Exported 1,200/ }).waitFor();
    await app.shot('09-export-done');
    const csv = (await readFile(target, 'utf8')).replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
    expect(parsed.data).toHaveLength(ORGANIZATIONS + 1);
    expect(parsed.data[0]?.[0]).toMatch(/id/i);

    // "Open file" in a browser is a download of that file.
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Open file' }).click();
    expect((await download).suggestedFilename()).toBe(path.basename(target));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    await page.reload();
    const row = page.locator('tbody tr', { hasText: 'Export to organizations.csv' });
    await expect.poll(() => row.textContent()).toContain('Done');
    expect(await row.textContent()).toContain('Exported 1,200');
    await app.shot('10-history');

    await row.getByRole('link').click();
    await page.getByRole('img', { name: /Requests per second/ }).waitFor();
    await app.shot('11-job-detail');
    expect(app.pageErrors).toEqual([]);
  });

  it('cancels only after a confirmation, and leaves no file behind (dark theme)', async () => {
    app = await startApp({ sandbox: { organizations: 600 }, colorScheme: 'dark' });
    const { page, sandbox } = app;
    await connectToSandbox(page, app.bridge.url);
    await app.shot('12-dark-connections');
    const target = await chooseCsvDestination(page);

    sandbox.control.setOptions({ latencyMs: 1500 });
    await page.getByRole('button', { name: 'Start export' }).click();
    const card = page.locator('.job-panel article').first();
    const state = card.getByTestId('job-state');
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('Running');

    await card.getByRole('button', { name: 'Cancel…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this job?' });
    await dialog.waitFor();
    await app.shot('13-dark-cancel-confirmation');
    await dialog.getByRole('button', { name: 'Keep going' }).click();
    expect(await state.textContent()).toBe('Running');

    await card.getByRole('button', { name: 'Cancel…' }).click();
    await dialog.getByRole('button', { name: 'Cancel the job' }).click();
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('Cancelled');
    await app.shot('14-dark-cancelled');
    expect(existsSync(target)).toBe(false);
    expect(app.pageErrors).toEqual([]);
  });
});
