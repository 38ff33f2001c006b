/**
 * `readRows`: every data row of a file, streamed in constant memory.
 */
import { openFile } from './open-file.ts';
import type { ReadOptions, ReadRow } from './types.ts';

/**
 * Streams the data rows of a file, aligned to its headers, blank rows skipped, in constant memory.
 * Throws `FileReadError` (before the first row for most problems; `no-data-rows` at the end).
 */
export async function* readRows(path: string, options: ReadOptions = {}): AsyncGenerator<ReadRow> {
  const file = await openFile(path, options);
  try {
    for await (const batch of file.table.batches()) yield* batch;
  } finally {
    await file.table.close();
  }
}
