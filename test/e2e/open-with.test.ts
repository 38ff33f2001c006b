/**
 * "Open with Orgport" on the very first start, in a real browser through the web bridge: the bridge
 * hands the page a file once, as the OS hands Electron its launch file. A new user ends on Import,
 * on the sandbox, with the file read and mapped — the bare address's own redirect (to the welcome
 * panel) does not take over; a returning user whose saved Pipedrive company is not connected is not
 * switched to the sandbox behind their back.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTests, startApp, type AppUnderTest } from './harness.ts';

const SAMPLE = path.resolve('resources', 'samples', 'trade-fair-leads.csv');

let app: AppUnderTest | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const picker = (page: Page, column: string) =>
  page.getByRole('combobox', { name: `Field for column "${column}"` });

describe('"Open with Orgport" at the first start', () => {
  it('connects a new user to the sandbox first, opens the file mapped on Import, and stays there', async () => {
    app = await startApp({ firstRun: true, openFile: SAMPLE, sandbox: { organizations: 5 } });
    const { page } = app;

    // The bare address, as the window opens it; the file wins over the welcome panel.
    await page.goto(app.bridge.url);
    await page.getByRole('heading', { name: 'Columns and fields' }).waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/#\/import$/);
    const banner = page.getByTestId('account-banner');
    await expect.poll(() => banner.getAttribute('class')).toContain('account--sandbox');
    expect(await page.getByTestId('file-rows').textContent()).toBe('50');
    expect(await page.getByTestId('file-facts').textContent()).toContain('Columns16');
    expect(await picker(page, 'Company').inputValue()).toBe('Name');
    expect(await picker(page, 'Owner').inputValue()).toBe('Owner');
    expect(await picker(page, 'Customer tier').inputValue()).toBe('Customer tier');
    // The file was read only after the connect both share had finished, and the bare address's own
    // redirect (to the welcome panel) acts as soon as that connect ends: had it moved the user, it
    // would have done so by now.
    expect(page.url()).toMatch(/#\/import$/);
    await app.shot('open-with-01-first-run-mapped');

    // A reload opens where it is; the file was handed over once.
    await page.reload();
    await page.getByRole('heading', { name: 'Import organizations' }).waitFor();
    await expect.poll(() => banner.getAttribute('class')).toContain('account--sandbox');
    expect(page.url()).toMatch(/#\/import$/);
    expect(await page.getByTestId('import-drop-zone').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('says so on Import when the sandbox cannot be connected', async () => {
    app = await startApp({ firstRun: true, openFile: SAMPLE, sandbox: { accountClosed: true } });
    const { page } = app;
    await page.goto(app.bridge.url);
    const alert = page.getByText('The sandbox could not be connected');
    await alert.waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/#\/import$/);
    expect(await page.locator('main').textContent()).toContain('trade-fair-leads.csv could not be opened.');
    expect(await page.getByRole('link', { name: 'Connect first' }).count()).toBe(1);
    await app.shot('open-with-03-sandbox-failed');
  });

  it('does not switch a returning user with a saved Pipedrive company to the sandbox', async () => {
    const saved = {
      id: 'acme',
      name: 'Acme GmbH',
      kind: 'pipedrive',
      baseUrl: 'https://acme.pipedrive.com',
      createdAt: '2026-01-05T09:00:00.000Z',
      lastUsedAt: '2026-11-20T09:00:00.000Z',
    };
    // The company was active last time; its token is gone (the bridge keeps tokens in memory only).
    app = await startApp({
      openFile: SAMPLE,
      settings: { connections: { profiles: [saved], activeId: 'acme' } },
    });
    const { page } = app;

    await page.goto(app.bridge.url);
    await page.getByRole('heading', { name: 'Import organizations' }).waitFor();
    // What a file opened while unconnected shows: why, and where to connect.
    await page.getByRole('link', { name: 'Connect first' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('main').textContent()).toContain('trade-fair-leads.csv could not be opened.');
    expect(page.url()).toMatch(/#\/import$/);
    expect(await page.getByTestId('account-banner').getAttribute('class')).toContain('account--none');
    await app.shot('open-with-02-returning-not-connected');
  });
});
