import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTests, sandboxAccount, startApp, type AppUnderTest } from './harness.ts';

let app: AppUnderTest | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir)) {
    const full = path.join(dir, entry);
    if ((await stat(full)).isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

describe('connections, in a real browser through the web bridge', () => {
  it('connects to the sandbox and shows the account banner, also after a reload', async () => {
    app = await startApp({ sandbox: { organizations: 20 } });
    const { page } = app;
    const account = await sandboxAccount(app.sandbox);

    await page.goto(app.bridge.url);
    await page.getByRole('heading', { name: 'Connections', exact: true }).waitFor();
    const banner = page.getByTestId('account-banner');
    await expect.poll(() => banner.textContent()).toContain('Not connected');
    await app.shot('01-connections-first-run');

    await page.getByRole('button', { name: 'Use the sandbox' }).click();
    await page.getByText('Connected to the sandbox.').waitFor();
    await expect.poll(() => banner.getAttribute('class')).toContain('account--sandbox');
    expect(await banner.textContent()).toContain(account.companyName);
    expect(await banner.textContent()).toContain(account.userName);
    await app.shot('02-connected-to-sandbox');

    await page.reload();
    await expect.poll(() => banner.getAttribute('class')).toContain('account--sandbox');
    expect(app.pageErrors).toEqual([]);
  });

  it('connects to a Pipedrive URL with a token that never comes back or reaches the disk', async () => {
    const token = 'e2e-secret-token-7f3a9c';
    // The sandbox accepts only these tokens, so a wrong one gets a real 401.
    app = await startApp({ sandbox: { organizations: 5, tokens: [token, 'e2e', 'sandbox'] } });
    const { page } = app;
    const account = await sandboxAccount(app.sandbox);

    await page.goto(`${app.bridge.url}#/connections`);
    await page.getByTestId('memory-note').waitFor();
    expect(await page.getByTestId('memory-note').textContent()).toContain('kept in memory only');

    await page.getByLabel('Name').fill('Acme (test)');
    await page.getByLabel('Company domain or API address').fill(app.sandbox.url);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('test-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('It works.');
    expect(text).toContain(account.userName);
    expect(text).toContain(account.companyName);
    expect(text).toMatch(/40 requests per 2 s/);
    await app.shot('03-pipedrive-test-connection');

    await page.getByRole('button', { name: 'Save and connect' }).click();
    const banner = page.getByTestId('account-banner');
    await expect.poll(() => banner.getAttribute('class')).toContain('account--live');
    expect(await banner.textContent()).toContain(account.companyName);
    const saved = page.locator('.profile', { hasText: 'Acme (test)' });
    await expect.poll(() => saved.textContent()).toContain('token saved');
    await app.shot('04-pipedrive-connected');

    // The token went in once; it is nowhere in the page and in no file of the data folder.
    await page.reload();
    await saved.waitFor();
    expect(await page.content()).not.toContain(token);
    for (const file of await filesUnder(app.dataDir)) {
      expect(await readFile(file, 'utf8'), file).not.toContain(token);
    }

    // A wrong token is explained in words, and not repeated back.
    await page.getByRole('button', { name: 'Edit Acme (test)' }).click();
    const wrong = 'wrong-token-0000';
    await page.getByLabel('API token').fill(wrong);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => page.getByTestId('test-result').textContent())
      .toMatch(/did not work.*rejected the credentials/);
    expect(await page.getByTestId('test-result').textContent()).not.toContain(wrong);
    await app.shot('05-pipedrive-wrong-token');
    expect(app.pageErrors).toEqual([]);
  });

  it('shows a clear message for an address that is not a Pipedrive URL', async () => {
    app = await startApp({ sandbox: { organizations: 5 } });
    const { page } = app;
    await page.goto(`${app.bridge.url}#/connections`);
    await page.getByLabel('Company domain or API address').fill('ftp://files.example');
    await page.getByLabel('API token').fill('abc');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('test-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/did not work.*scheme ftp: is not http\(s\)/);
  });
});
