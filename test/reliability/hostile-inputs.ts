/**
 * Builders for hostile input files: a seeded PRNG, byte mutations of a fixture, a hand-made ZIP
 * writer that can lie about sizes, a deflate "bomb" that inflates to gigabytes without ever being
 * compressed at that size, and big text files written straight to disk.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

/** Seed of every random choice in the hostile suite: printed by the tests, set with `HOSTILE_SEED`. */
export function hostileSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = Number(env['HOSTILE_SEED']);
  return Number.isSafeInteger(given) && given > 0 ? given : 20_261_128;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same cases on every machine. */
export function prng(seed: number): { next(): number; int(max: number): number } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (max) => Math.floor(next() * max) };
}

/** The first `length` bytes. */
export function truncate(bytes: Buffer, length: number): Buffer {
  return Buffer.from(bytes.subarray(0, Math.max(0, Math.min(bytes.length, length))));
}

/** A copy with `count` random bytes XOR-ed with a random non-zero value. */
export function flipBytes(bytes: Buffer, count: number, random: ReturnType<typeof prng>): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < count && out.length > 0; i++) {
    const at = random.int(out.length);
    out[at] = (out[at] ?? 0) ^ (1 + random.int(255));
  }
  return out;
}

/** A copy with `count` runs of NUL bytes (1–16 each) inserted at random places. */
export function insertNuls(bytes: Buffer, count: number, random: ReturnType<typeof prng>): Buffer {
  let out = Buffer.from(bytes);
  for (let i = 0; i < count; i++) {
    const at = random.int(out.length + 1);
    out = Buffer.concat([out.subarray(0, at), Buffer.alloc(1 + random.int(16)), out.subarray(at)]);
  }
  return out;
}

/** One ZIP entry. `data` is its content, or precomputed deflate bytes with the size they inflate to. */
export interface ZipPart {
  readonly name: string;
  readonly data: Buffer | { readonly deflated: Buffer; readonly size: number };
  /** Uncompressed size written in the headers, when it should lie. */
  readonly declaredSize?: number;
}

/** Writes a ZIP archive (deflate for every entry; CRCs are zero, which Orgport does not check). */
export function buildZip(parts: ReadonlyArray<ZipPart>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { deflated, size } = Buffer.isBuffer(part.data)
      ? { deflated: zlib.deflateRawSync(part.data), size: part.data.length }
      : part.data;
    const declared = part.declaredSize ?? size;
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Raw deflate bytes of `head + repeat × times + tail`, built in milliseconds whatever the size: each
 * piece is compressed once with a full flush (which resets the compressor's dictionary and ends on a
 * byte boundary), so identical pieces compress to identical bytes and the stream is their concatenation.
 */
export function deflateRepeated(
  head: string,
  repeat: string,
  times: number,
  tail: string,
): { deflated: Buffer; size: number } {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const chunk = Buffer.from(repeat, 'utf8');
  const block = zlib.deflateRawSync(chunk, flush);
  const pieces = [zlib.deflateRawSync(Buffer.from(head, 'utf8'), flush)];
  for (let i = 0; i < times; i++) pieces.push(block);
  pieces.push(zlib.deflateRawSync(Buffer.from(tail, 'utf8')));
  return {
    deflated: Buffer.concat(pieces),
    size: Buffer.byteLength(head) + chunk.length * times + Buffer.byteLength(tail),
  };
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a minimal one-sheet workbook; `sheetXml` and `sharedStrings` replace the defaults. */
export function workbookParts(options: {
  readonly sheetData?: string;
  readonly sheet?: ZipPart['data'];
  readonly sharedStrings?: ZipPart['data'];
  readonly sharedStringsDeclared?: number;
}): ZipPart[] {
  const rels =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    (options.sharedStrings
      ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`
      : '') +
    `</Relationships>`;
  const sheet =
    options.sheet ??
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>` +
        (options.sheetData ??
          `<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>` +
            `<row r="2"><c r="A2" t="inlineStr"><is><t>Acme</t></is></c></row>`) +
        `</sheetData></worksheet>`,
    );
  return [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}">` +
          `<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ...(options.sharedStrings
      ? [
          {
            name: 'xl/sharedStrings.xml',
            data: options.sharedStrings,
            ...(options.sharedStringsDeclared === undefined
              ? {}
              : { declaredSize: options.sharedStringsDeclared }),
          },
        ]
      : []),
  ];
}

/** Writes `times` copies of `chunk` to `file` without holding more than one in memory. */
export async function writeRepeated(
  file: string,
  chunk: Buffer,
  times: number,
  head?: Buffer,
): Promise<void> {
  const handle = await fs.promises.open(file, 'w');
  try {
    if (head) await handle.write(head);
    for (let i = 0; i < times; i++) await handle.write(chunk);
  } finally {
    await handle.close();
  }
}
