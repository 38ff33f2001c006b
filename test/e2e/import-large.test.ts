import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTests, startApp, type AppUnderTest } from './harness.ts';

let app: AppUnderTest | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const ROWS = 100_000;
/** Every 1,000th row has an industry Pipedrive does not know. */
const BAD_EVERY = 1000;

function bigCsv(): Buffer {
  const industries = ['Retail', 'Logistics', 'Healthcare', 'Media'];
  const lines = ['Company,Industry,Employees,City'];
  for (let i = 1; i <= ROWS; i++) {
    const industry = i % BAD_EVERY === 0 ? 'Retial' : (industries[i % industries.length] ?? 'Retail');
    lines.push(`Company ${i},${industry},${(i % 500) + 1},City ${i % 97}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** Scrolls the grid to its end (page code as a string: the tests are type-checked without the DOM). */
const SCROLL_TO_END = `(() => {
  const grid = document.querySelector('[data-testid="preview-grid"]');
  grid.scrollTop = grid.scrollHeight;
})()`;

async function renderedRows(page: Page): Promise<number> {
  return page.locator('[data-testid="preview-grid"] [data-row-number]').count();
}

describe('the import preview with 100,000 rows', () => {
  it('draws only the rows on screen, scrolls to the last row, filters and fixes at the far end', async () => {
    // In the dark theme, to see the grid's marks there too.
    app = await startApp({ sandbox: { organizations: 10 }, colorScheme: 'dark' });
    const { page } = app;
    await page.goto(app.bridge.url);
    await page.getByRole('button', { name: 'Use the sandbox' }).click();
    await page.getByText('Connected to the sandbox.').waitFor();

    // The picker route this time: "Choose file…" on the Import screen, then the browser's chooser.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: bigCsv() });
    await expect
      .poll(() => page.getByTestId('file-rows').textContent(), { timeout: 120_000 })
      .toBe('100,000');

    await page.getByRole('button', { name: 'Check 100,000 rows →' }).click({ timeout: 120_000 });
    const problems = page.getByTestId('problem-count');
    await expect.poll(() => problems.textContent(), { timeout: 120_000 }).toBe('100 rows have problems');
    const grid = page.getByTestId('preview-grid');
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(ROWS + 1));
    await page.locator('[data-row-number="2"]').waitFor();
    // Virtualised: a screenful of rows in the page, not 100,000.
    expect(await renderedRows(page)).toBeLessThan(60);

    // To the far end: the last rows are fetched and drawn, still only a screenful.
    await page.evaluate(SCROLL_TO_END);
    await page.locator(`[data-row-number="${ROWS + 1}"]`).waitFor({ timeout: 60_000 });
    expect(await renderedRows(page)).toBeLessThan(60);
    await app.shot('import-12-large-bottom');

    // Only the rows with problems; the last of them fixed in place.
    await page.getByLabel(/Rows with problems only/).check();
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe('101');
    await page.evaluate(SCROLL_TO_END);
    const lastBad = page.locator(`[data-row-number="${ROWS + 1}"] [data-col="2"]`);
    await lastBad.waitFor({ timeout: 60_000 });
    expect(await lastBad.getAttribute('title')).toContain('did you mean "Retail"');
    await lastBad.click();
    await page.getByRole('button', { name: 'Use “Retail”' }).click();
    await expect.poll(() => problems.textContent(), { timeout: 60_000 }).toBe('99 rows have problems');
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe('100');
    await app.shot('import-13-large-problems-only');
    expect(app.pageErrors).toEqual([]);
  });
});
