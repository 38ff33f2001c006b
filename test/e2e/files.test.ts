import { readFile } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTests, startApp, type AppUnderTest } from './harness.ts';

let app: AppUnderTest | undefined;
beforeAll(prepareBrowserTests);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

interface Picked {
  ok: boolean;
  value?: { path: string; name: string; size: number } | null;
  error?: { kind: string; message: string };
}

describe('files in the browser version', () => {
  it('uploads a dropped file and a picked file, so the engine gets a path it can read', async () => {
    app = await startApp({ sandbox: { organizations: 5 } });
    const { page } = app;
    await page.goto(app.bridge.url);
    await page.getByRole('heading', { name: 'Connections', exact: true }).waitFor();

    // A drop hands the page a File without a path: window.orgport uploads it.
    const dropped = (await page.evaluate(
      "window.orgport.fileFromDrop(new File(['id,name\\n1,Acme\\n'], 'dropped orgs.csv'))",
    )) as Picked;
    expect(dropped).toMatchObject({ ok: true, value: { name: 'dropped orgs.csv', size: 15 } });
    expect(await readFile(dropped.value?.path ?? '', 'utf8')).toBe('id,name\n1,Acme\n');

    // "Open file…" is the browser's own picker, then the same upload.
    const chooser = page.waitForEvent('filechooser');
    const picking = page.evaluate(
      "window.orgport.openFileDialog({ filters: [{ name: 'Sheets', extensions: ['csv', 'xlsx'] }] })",
    );
    const fileChooser = await chooser;
    expect(await fileChooser.element().getAttribute('accept')).toBe('.csv,.xlsx');
    await fileChooser.setFiles({ name: 'picked.csv', mimeType: 'text/csv', buffer: Buffer.from('id\n7\n') });
    const picked = (await picking) as Picked;
    expect(picked).toMatchObject({ ok: true, value: { name: 'picked.csv', size: 5 } });
    expect(await readFile(picked.value?.path ?? '', 'utf8')).toBe('id\n7\n');
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses to open files Orgport did not write', async () => {
    app = await startApp({ sandbox: { organizations: 5 } });
    const { page } = app;
    await page.goto(app.bridge.url);
    await page.getByRole('heading', { name: 'Connections', exact: true }).waitFor();
    const result = (await page.evaluate("window.orgport.openPath({ path: '/etc/passwd' })")) as Picked;
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
