import { createWriteStream, type WriteStream } from 'node:fs';
import Papa from 'papaparse';
import { guardFormula } from '../../../../shared/formula-guard.ts';
import { toCsvCell } from '../../../../shared/export/index.ts';
import { commitTemp, discardTemp, tempPathFor } from './temp-file.ts';
import type { SheetWriter, WriterColumn } from './types.ts';

/** Field delimiters offered for CSV; `;` is what Excel expects in many European locales. */
export type CsvDelimiter = ',' | ';' | '\t';

/** How many rows are buffered before they are handed to the file stream. */
const BATCH_ROWS = 500;

/**
 * Opens a CSV writer: UTF-8 with a BOM (so Excel detects the encoding), RFC 4180 quoting via papaparse,
 * CRLF line ends, formula-looking text neutralised (design.md, "Values"), dates as ISO text.
 */
export async function openCsvWriter(
  target: string,
  columns: ReadonlyArray<WriterColumn>,
  options: { delimiter?: CsvDelimiter } = {},
): Promise<SheetWriter> {
  const delimiter = options.delimiter ?? ',';
  const temp = tempPathFor(target);
  const stream = createWriteStream(temp, { encoding: 'utf8' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  let batch: string[][] = [];
  let finished = false;

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const text = Papa.unparse(batch, { delimiter, newline: '\r\n', quotes: false, header: false }) + '\r\n';
    batch = [];
    await write(stream, text);
  };

  await write(stream, '\uFEFF');
  batch.push(columns.map((c) => guardFormula(c.header)));

  return {
    path: target,
    warnings: [],
    async writeRow(cells) {
      batch.push(columns.map((column, i) => toCsvCell(cells[i] ?? null, column.kind)));
      if (batch.length >= BATCH_ROWS) await flush();
    },
    async finish() {
      await flush();
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      await commitTemp(temp, target);
      finished = true;
    },
    async abort() {
      if (finished) return;
      stream.destroy();
      await discardTemp(temp);
    },
  };
}

function write(stream: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(text, (error) => (error ? reject(error) : undefined));
    if (ok) resolve();
    else stream.once('drain', () => resolve());
  });
}
