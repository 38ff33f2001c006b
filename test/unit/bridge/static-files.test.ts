import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { injectWebClient, resolveAsset } from '../../../electron/bridge/static-files.ts';
import { safeUploadName } from '../../../electron/bridge/upload.ts';

describe('resolveAsset', () => {
  const root = path.resolve('/srv/renderer');
  it('finds files inside the build', () => {
    expect(resolveAsset(root, '/assets/index-1.js')).toBe(path.join(root, 'assets', 'index-1.js'));
    expect(resolveAsset(root, '/')).toBe(path.join(root, 'index.html'));
  });

  it('never leaves the build folder', () => {
    for (const route of [
      '/../secret',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2fx',
      '/.env',
      '/a%00b',
      '/a%5c..%5cb',
      '/%E0%A4%A',
    ]) {
      expect(resolveAsset(root, route)).toBeNull();
    }
  });
});

describe('injectWebClient', () => {
  it('puts the client before the first script so it runs first', () => {
    const html =
      '<html><head><title>x</title><script type="module" src="./assets/index.js"></script></head></html>';
    const out = injectWebClient(html);
    expect(out.indexOf('web-client.js')).toBeGreaterThan(0);
    expect(out.indexOf('web-client.js')).toBeLessThan(out.indexOf('assets/index.js'));
  });
});

describe('safeUploadName', () => {
  it('keeps ordinary names', () => {
    expect(safeUploadName('Orgs 2026 (final).xlsx')).toBe('Orgs 2026 (final).xlsx');
    expect(safeUploadName('Müller GmbH.csv')).toBe('Müller GmbH.csv');
  });

  it('refuses names with a path in them', () => {
    for (const name of ['../x.csv', 'a/b.csv', '..\\x.csv', 'C:\\x.csv', '..', '.', 'a\0b']) {
      expect(() => safeUploadName(name)).toThrow(expect.objectContaining({ status: 400 }));
    }
    expect(() => safeUploadName('')).toThrow(/no file name/);
  });

  it('replaces control and reserved characters and caps the length, keeping the extension', () => {
    expect(safeUploadName('a\u0007b:c?.csv')).toBe('a_b_c_.csv');
    expect(safeUploadName('.hidden')).toBe('_hidden');
    const long = safeUploadName(`${'x'.repeat(300)}.xlsx`);
    expect(long.length).toBe(150);
    expect(long.endsWith('.xlsx')).toBe(true);
  });
});
