/**
 * A file's data rows as the reading worker stored them for the import preview: a line per row
 * (row-store.ts, any file), or for a CSV the text it parsed, parsed again when read
 * (csv-text-store.ts).
 */
import type { StoredCsvText } from './csv-text-store.ts';
import type { StoredLines } from './row-store.ts';

export type StoredRows = StoredLines | StoredCsvText;

/** The store's buffers, to transfer rather than copy when it crosses a message port. */
export function storedBuffers(rows: StoredRows): ArrayBuffer[] {
  return rows.kind === 'lines'
    ? [rows.offsets.buffer, rows.rowNumbers.buffer]
    : [
        rows.rowNumbers.buffer,
        rows.pieceOffsets.buffer,
        rows.pieceFirstRecords.buffer,
        rows.pieceRecords.buffer,
        rows.pieceWide.buffer,
      ];
}
