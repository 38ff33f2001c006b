/**
 * A minimal ZIP reader over the central directory: list the entries of an XLSX and stream any one of
 * them, in any order. exceljs's streaming reader walks the archive front to back and needs the
 * workbook, shared strings and styles before a sheet; real files store them in every order, and on
 * Node ≥ 18 the walk loses the workbook entry now and then (exceljs issue #3064: "Cannot read
 * properties of undefined (reading 'sheets')"). Reading by directory avoids both problems and lets us
 * peek at a sheet's start without unpacking the rest.
 */
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { FileReadError, displayName } from './errors.ts';

/** One file inside the archive. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_U32 = 0xffffffff;

/**
 * Zip-bomb guard: a part may unpack to at most this many times its packed size once it is bigger than
 * {@link RATIO_FREE_BYTES}. Spreadsheet XML packs 5–30×; deflate's ceiling is about 1,000×, which only
 * repeated filler reaches (the same limit as Apache POI's default).
 */
export const MAX_UNPACK_RATIO = 100;
/** Parts up to this size are never refused for their compression ratio. */
export const RATIO_FREE_BYTES = 16 * 1024 * 1024;

/** An open archive; close it when done. */
export class ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;

  private constructor(
    private readonly filePath: string,
    private readonly handle: fs.promises.FileHandle,
    entries: Map<string, ZipEntry>,
  ) {
    this.entries = entries;
  }

  /** Opens `filePath` and reads its central directory; throws `corrupt-xlsx` if there is none. */
  static async open(filePath: string): Promise<ZipArchive> {
    const handle = await fs.promises.open(filePath, 'r');
    try {
      const entries = await readDirectory(filePath, handle);
      return new ZipArchive(filePath, handle, entries);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The uncompressed bytes of an entry as a stream (throws `corrupt-xlsx` for a missing entry). */
  async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw corrupt(this.filePath, `it has no ${name}`);
    if (entry.flags & 1) throw corrupt(this.filePath, `${name} is encrypted`);
    const local = Buffer.alloc(30);
    await this.handle.read(local, 0, 30, entry.localHeaderOffset);
    if (local.readUInt32LE(0) !== LOCAL_SIGNATURE)
      throw corrupt(this.filePath, `${name} cannot be found in the archive`);
    const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (entry.compressedSize === 0) return Readable.from([]);
    if (entry.size > RATIO_FREE_BYTES && entry.size > MAX_UNPACK_RATIO * entry.compressedSize)
      throw bombError(this.filePath, name, entry);
    const raw = fs.createReadStream(this.filePath, { start, end: start + entry.compressedSize - 1 });
    if (entry.method === 0) return raw;
    if (entry.method !== 8)
      throw corrupt(this.filePath, `${name} uses a compression method Orgport does not know`);
    const inflate = zlib.createInflateRaw();
    raw.on('error', (error) => inflate.destroy(error));
    inflate.on('close', () => raw.destroy());
    // The sizes checked above come from the table of contents; a part that unpacks to more than it
    // says is stopped at that point, so a lying header cannot smuggle a bomb past the checks.
    const guard = sizeGuard(this.filePath, name, entry.size);
    inflate.on('error', (error) => guard.destroy(error));
    guard.on('close', () => inflate.destroy());
    return raw.pipe(inflate).pipe(guard);
  }

  /**
   * The whole text of an entry that must be read at once (workbook, relationships); refuses one whose
   * unpacked size is above `maxBytes` instead of building a huge string.
   */
  async wholeText(name: string, maxBytes: number): Promise<string> {
    const size = this.entries.get(name)?.size ?? 0;
    if (size > maxBytes) {
      const file = displayName(this.filePath);
      throw new FileReadError(
        'too-large',
        file,
        `"${file}" cannot be read: its part ${name} unpacks to ${describeBytes(size)}, more than the ` +
          `${describeBytes(maxBytes)} a real workbook needs. Open it in Excel and save it again.`,
      );
    }
    return this.text(name);
  }

  /** The text of an entry, or its first `maxChars` characters (stops unpacking there). */
  async text(name: string, maxChars = Infinity): Promise<string> {
    const stream = await this.stream(name);
    const decoder = new StringDecoder('utf8');
    let text = '';
    try {
      for await (const chunk of stream) {
        const bytes: Buffer = chunk;
        text += decoder.write(bytes);
        if (text.length >= maxChars) break;
      }
    } catch (error) {
      if (error instanceof FileReadError) throw error;
      throw corrupt(this.filePath, `${name} cannot be unpacked`, error);
    } finally {
      stream.destroy();
    }
    return text;
  }

  /** Releases the file. */
  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** The error for an archive that is not a readable XLSX. */
export function corrupt(filePath: string, why: string, cause?: unknown): FileReadError {
  const name = displayName(filePath);
  return new FileReadError(
    'corrupt-xlsx',
    name,
    `"${name}" is damaged or not a real .xlsx file (${why}). Open it in Excel and save it again.`,
    { cause },
  );
}

/** The error for a part that unpacks far beyond any real spreadsheet (a "zip bomb"). */
function bombError(filePath: string, part: string, entry: ZipEntry): FileReadError {
  const file = displayName(filePath);
  return new FileReadError(
    'too-large',
    file,
    `"${file}" cannot be read safely: its part ${part} would unpack from ${describeBytes(entry.compressedSize)} ` +
      `to ${describeBytes(entry.size)}, more than ${MAX_UNPACK_RATIO} times its packed size, which real ` +
      `spreadsheets never are (it looks like a "zip bomb"). If you trust the file, open it in Excel and save it again.`,
  );
}

/** Passes the bytes through and fails the stream once they exceed the size the archive declared. */
function sizeGuard(filePath: string, part: string, declared: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > declared) {
        callback(
          corrupt(filePath, `${part} unpacks to more than the ${describeBytes(declared)} it declares`),
        );
        return;
      }
      callback(null, chunk);
    },
  });
}

/** `512 bytes`, `3.2 MB`, `3.5 GB`. */
export function describeBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes.toLocaleString('en')} bytes`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

async function readDirectory(
  filePath: string,
  handle: fs.promises.FileHandle,
): Promise<Map<string, ZipEntry>> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, 22 + 65535 + 20);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(filePath, 'its table of contents is missing');
  let count = tail.readUInt16LE(eocd + 10);
  let dirSize = tail.readUInt32LE(eocd + 12);
  let dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset === MAX_U32 || dirSize === MAX_U32 || count === 0xffff) {
    // ZIP64: the real numbers are in the ZIP64 end record the locator points to.
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE)
      throw corrupt(filePath, 'bad ZIP64 data');
    const record = Buffer.alloc(56);
    await handle.read(record, 0, 56, Number(tail.readBigUInt64LE(locator + 8)));
    count = Number(record.readBigUInt64LE(32));
    dirSize = Number(record.readBigUInt64LE(40));
    dirOffset = Number(record.readBigUInt64LE(48));
  }
  if (dirOffset + dirSize > size) throw corrupt(filePath, 'it is cut short');
  const dir = Buffer.alloc(dirSize);
  await handle.read(dir, 0, dirSize, dirOffset);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count && p + 46 <= dir.length; i++) {
    if (dir.readUInt32LE(p) !== CENTRAL_SIGNATURE)
      throw corrupt(filePath, 'its table of contents is damaged');
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
    const extra = dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    const sizes = zip64Sizes(extra, {
      size: dir.readUInt32LE(p + 24),
      compressedSize: dir.readUInt32LE(p + 20),
      localHeaderOffset: dir.readUInt32LE(p + 42),
    });
    entries.set(name.replace(/^\//, ''), {
      name,
      flags: dir.readUInt16LE(p + 8),
      method: dir.readUInt16LE(p + 10),
      ...sizes,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Replaces 0xFFFFFFFF placeholders with the ZIP64 extra field's 64-bit values, in their order. */
function zip64Sizes(
  extra: Buffer,
  sizes: { size: number; compressedSize: number; localHeaderOffset: number },
): { size: number; compressedSize: number; localHeaderOffset: number } {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      const size = sizes.size === MAX_U32 ? next() : sizes.size;
      const compressedSize = sizes.compressedSize === MAX_U32 ? next() : sizes.compressedSize;
      const localHeaderOffset = sizes.localHeaderOffset === MAX_U32 ? next() : sizes.localHeaderOffset;
      return { size, compressedSize, localHeaderOffset };
    }
    p += 4 + length;
  }
  return sizes;
}
