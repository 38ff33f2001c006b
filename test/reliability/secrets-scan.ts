/**
 * Helpers of the secrets test: every form a leaked token could take in a file, and a scan of a whole
 * folder for them — XLSX and other ZIP files are unpacked first, since a token inside a compressed entry
 * would not show in the raw bytes.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZipArchive } from '../../electron/engine/files/read/xlsx-zip.ts';

/** The shapes a token can be written in: as is, URL-encoded, base64, JSON-escaped, its ends. */
export function leakForms(token: string): ReadonlyArray<{ readonly form: string; readonly text: string }> {
  const forms = [
    { form: 'plain', text: token },
    { form: 'url-encoded', text: encodeURIComponent(token) },
    { form: 'form-encoded', text: new URLSearchParams({ t: token }).toString().slice(2) },
    { form: 'base64', text: Buffer.from(token).toString('base64').replace(/=+$/, '') },
    { form: 'base64url', text: Buffer.from(token).toString('base64url') },
    { form: 'json-escaped', text: JSON.stringify(token).slice(1, -1) },
    { form: 'hex', text: Buffer.from(token).toString('hex') },
    { form: 'first 12', text: token.slice(0, 12) },
    { form: 'last 12', text: token.slice(-12) },
  ];
  return forms.filter((f, i) => forms.findIndex((g) => g.text === f.text) === i);
}

/** Where a form was found: `file` or `file!entry` for a ZIP member, or a named text. */
export interface Leak {
  readonly where: string;
  readonly form: string;
}

/** The forms of `token` that occur in `text` (case-insensitive: hex and base64 case may be changed). */
export function findLeaks(where: string, text: string, token: string): Leak[] {
  const haystack = text.toLowerCase();
  return leakForms(token)
    .filter((f) => haystack.includes(f.text.toLowerCase()))
    .map((f) => ({ where, form: f.form }));
}

/** Every file under `root`, recursively. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

/** Scans every file under `root` (ZIP members unpacked) and returns each leak found. */
export async function scanFolder(root: string, token: string): Promise<{ files: string[]; leaks: Leak[] }> {
  const files = await listFiles(root);
  const leaks: Leak[] = [];
  for (const file of files) {
    const where = path.relative(root, file);
    const bytes = await readFile(file);
    // latin1 keeps every byte, so a token written in any ASCII-compatible encoding shows up; UTF-16 too.
    leaks.push(...findLeaks(where, bytes.toString('latin1'), token));
    leaks.push(...findLeaks(`${where} (utf-16)`, bytes.toString('utf16le'), token));
    if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
      const zip = await ZipArchive.open(file);
      try {
        for (const name of zip.entries.keys()) {
          leaks.push(...findLeaks(`${where}!${name}`, await zip.text(name), token));
        }
      } finally {
        await zip.close();
      }
    }
  }
  return { files, leaks };
}
