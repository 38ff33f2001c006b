import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hasRootPrefix, stripRootPrefix } from '../../../../electron/engine/files/read/xml-prefix.ts';

async function through(xml: string, chunkSize: number): Promise<string> {
  const bytes = Buffer.from(xml, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  let out = '';
  for await (const chunk of Readable.from(chunks).pipe(stripRootPrefix())) out += String(chunk);
  return out;
}

describe('stripRootPrefix', () => {
  const prefixed =
    '<?xml version="1.0"?><x:worksheet xmlns:x="urn:main"><x:sheetData><x:row r="1">' +
    '<x:c r="A1" t="inlineStr"><x:is><x:t>Zürich &lt;x:not-a-tag&gt; €</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>';
  const plain =
    '<?xml version="1.0"?><worksheet xmlns:x="urn:main"><sheetData><row r="1">' +
    '<c r="A1" t="inlineStr"><is><t>Zürich &lt;x:not-a-tag&gt; €</t></is></c></row></sheetData></worksheet>';

  it.each([1, 2, 3, 7, 64, 100_000])(
    'removes the root prefix from every tag, in chunks of %i bytes',
    async (size) => {
      expect(await through(prefixed, size)).toBe(plain);
    },
  );

  it('passes XML without a prefix through unchanged', async () => {
    expect(await through(plain, 5)).toBe(plain);
  });

  it('tells when a part needs it', () => {
    expect(hasRootPrefix(prefixed)).toBe(true);
    expect(hasRootPrefix(plain)).toBe(false);
  });
});
