/**
 * Files dropped or picked in a browser have no path the engine can read, so the page uploads them:
 * streamed to a per-run temporary folder (never held in memory), refused past a size limit, and saved
 * under a name that cannot point anywhere else.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PickedFile } from '../../shared/ipc.ts';

/** Default largest upload: 1 GiB (a million-row CSV is a few hundred MB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 1024 ** 3;

/** An upload refused with an HTTP status and a message for the user. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    readonly status: 400 | 413 | 500,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The name an upload is stored under. A name with a path in it (`../x`, `a/b`, `C:\x`) is refused,
 * not cleaned up: a browser never sends one, so it is an attack or a bug. Control characters and
 * characters Windows forbids become `_`; Windows device names (`CON.csv`, `NUL`) get a `_` prefix; the
 * name is capped at 150 characters, keeping the extension.
 */
export function safeUploadName(raw: string | null): string {
  const name = (raw ?? '').trim();
  if (name === '') throw new UploadError(400, 'The upload has no file name.');
  if (/[/\\]/.test(name) || name === '.' || name === '..' || name.includes('\0')) {
    throw new UploadError(400, 'The file name must not contain a path.');
  }
  let clean = Array.from(name, (ch) => (isUnsafeChar(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '_');
  if (clean.length > 150) {
    const ext = path.extname(clean).slice(0, 12);
    clean = clean.slice(0, 150 - ext.length) + ext;
  }
  // On Windows `CON.csv`, `NUL` or `COM1.txt` in any folder open a device, not a file (a write to NUL
  // vanishes, one to COM1 can hang); prefixed, they are ordinary names everywhere.
  if (WINDOWS_DEVICE.test(clean)) clean = `_${clean}`;
  return clean;
}

const WINDOWS_DEVICE =
  /^(?:con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(?:[. ].*)?$/i;

/** Streams one request body into `<dir>/<random>/<name>` and returns where it went. */
export async function receiveUpload(
  request: IncomingMessage,
  options: { readonly dir: string; readonly maxBytes: number; readonly name: string | null },
): Promise<PickedFile> {
  const name = safeUploadName(options.name);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge(options.maxBytes);

  const folder = path.join(options.dir, randomUUID());
  const file = path.join(folder, name);
  // Belt and braces: whatever the name rules miss, the file must land inside the upload folder.
  if (path.dirname(file) !== folder) throw new UploadError(400, 'The file name must not contain a path.');
  await mkdir(folder, { recursive: true });

  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > options.maxBytes) done(tooLarge(options.maxBytes));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(request, limit, createWriteStream(file, { flags: 'wx' }));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    if (error instanceof UploadError) throw error;
    throw new UploadError(500, 'The upload was interrupted.');
  }
  return { path: file, name, size };
}

const WINDOWS_FORBIDDEN = new Set('<>:"|?*');

function isUnsafeChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f || WINDOWS_FORBIDDEN.has(ch);
}

function tooLarge(max: number): UploadError {
  return new UploadError(413, `The file is larger than the limit of ${Math.round(max / 1024 / 1024)} MB.`);
}
