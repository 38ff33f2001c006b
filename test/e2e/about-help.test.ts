import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTests, startApp, type AppUnderTest } from './harness.ts';

let app: AppUnderTest | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const MESSY = path.resolve('test/fixtures/e2e/messy-orgs.csv');

/** Drops a file on the window the way a browser does (page code is a string: no DOM types here). */
async function dropFile(app: AppUnderTest, file: string): Promise<void> {
  const bytes = [...(await readFile(file))];
  const transfer = await app.page.evaluateHandle(
    `(() => { const t = new DataTransfer(); t.items.add(new File([new Uint8Array(${JSON.stringify(bytes)})], ` +
      `${JSON.stringify(path.basename(file))}, { type: 'text/csv' })); return t; })()`,
  );
  await app.page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await app.page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await app.page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

describe('About box and inline help, in a real browser through the web bridge', () => {
  it('shows the version and the real folders, and explains match keys and the token', async () => {
    app = await startApp({ sandbox: { organizations: 5 } });
    const { page } = app;
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const dataDir = path.resolve(app.dataDir);

    // Connections: the token and domain tips are there, closed until asked.
    await page.goto(`${app.bridge.url}#/connections`);
    const tokenTip = page.getByTestId('help-token');
    await tokenTip.waitFor();
    expect(await tokenTip.getAttribute('aria-expanded')).toBe('false');
    expect(await tokenTip.getAttribute('aria-label')).toBe(
      'What is this? where to find the token and how it is kept',
    );
    await tokenTip.click();
    const tokenText = page.getByTestId('help-token-text');
    await tokenText.waitFor();
    expect(await tokenText.textContent()).toContain('Personal preferences');
    // The browser version keeps tokens in memory, and the tip says so rather than "encrypted".
    expect(await tokenText.textContent()).toContain('kept in memory only');
    await page.getByTestId('help-domain').click();
    // Opening another tip closes this one (a click outside it).
    await tokenText.waitFor({ state: 'detached' });
    expect(await page.getByTestId('help-domain-text').textContent()).toContain('yourcompany');
    await app.shot('help-01-domain-tip');
    await page.keyboard.press('Escape');
    await page.getByTestId('help-domain-text').waitFor({ state: 'detached' });

    // About, from the sidebar: the version and the real folders of this run.
    await page.getByRole('button', { name: 'About Orgport' }).click();
    const about = page.getByRole('dialog', { name: 'About Orgport' });
    await about.waitFor();
    expect(await page.getByTestId('about-version').textContent()).toBe(pkg.version);
    expect(await page.getByTestId('about-path-data').textContent()).toBe(dataDir);
    expect(await page.getByTestId('about-path-jobs').textContent()).toBe(path.join(dataDir, 'jobs'));
    const logFile = path.join(dataDir, 'logs', 'orgport.log');
    expect(await page.getByTestId('about-path-logs').textContent()).toBe(logFile);
    expect(await page.getByTestId('about-connection').textContent()).toBe('Not connected');
    // The log file exists from the start, with the line that says which version started where.
    expect(await readFile(logFile, 'utf8')).toContain(`Orgport ${pkg.version} started`);
    // No folder can be opened from a browser tab: only Copy is offered.
    expect(await about.getByRole('button', { name: /in its folder$/ }).count()).toBe(0);
    const copy = about.getByRole('button', { name: 'Copy the path of the data folder' });
    await copy.click();
    await expect.poll(() => copy.textContent()).toBe('Copied');
    await app.shot('about-01-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('about-02-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await about.waitFor({ state: 'hidden' });

    // Import: the match-key tip opens, reads as text, and closes on Escape with focus back on it.
    await page.getByRole('button', { name: 'Use the sandbox' }).click();
    await page.getByText('Connected to the sandbox.').waitFor();
    await dropFile(app, MESSY);
    await page.getByRole('heading', { name: 'Columns and fields' }).waitFor();
    await page.getByLabel(/^Update or create/).check();
    const matchTip = page.getByRole('button', { name: 'What is this? match keys' });
    await matchTip.focus();
    await page.keyboard.press('Enter');
    const matchText = page.getByTestId('help-match-text');
    await matchText.waitFor();
    expect(await matchTip.getAttribute('aria-expanded')).toBe('true');
    const text = (await matchText.textContent()) ?? '';
    expect(text).toContain('Pipedrive ID');
    expect(text).toContain('Ambiguous means several organizations have that value');
    // It sits in a polite live region, so a screen reader reads it when it opens.
    const region = page.locator(`#${(await matchTip.getAttribute('aria-controls')) ?? 'none'}`);
    expect(await region.getAttribute('role')).toBe('status');
    expect(await region.textContent()).toBe(text);
    await app.shot('help-02-match-tip-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('help-03-match-tip-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await matchText.waitFor({ state: 'detached' });
    expect(await matchTip.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('help-match');

    // The empty-cells tip says what each choice does to existing values.
    await page.getByTestId('help-empty').click();
    expect(await page.getByTestId('help-empty-text').textContent()).toContain('Pipedrive keeps its value');
    await page.getByRole('heading', { name: 'Columns and fields' }).click();
    await page.getByTestId('help-empty-text').waitFor({ state: 'detached' });

    // Where the cost is shown, the budget tip says it is shared and what happens when it runs out.
    await page.getByRole('button', { name: 'Check 6 rows →' }).click();
    await page.getByTestId('help-cost').click();
    const budget = (await page.getByTestId('help-cost-text').textContent()) ?? '';
    expect(budget).toContain('shared by everyone');
    expect(budget).toContain('the job stops on its own');
    await app.shot('help-04-budget-tip');
    expect(app.pageErrors).toEqual([]);
  });
});
