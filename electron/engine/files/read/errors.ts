/**
 * Errors the readers throw. Every message names the file (base name only: full paths can carry a
 * user name and add nothing) and says what to do about it.
 */
import path from 'node:path';

/** What went wrong, for code that reacts to a specific case (the UI, the CLI's exit code). */
export type FileReadErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'too-large'
  | 'empty-file'
  | 'no-data-rows'
  | 'legacy-xls'
  | 'encrypted'
  | 'unsupported-format'
  | 'binary-content'
  | 'corrupt-xlsx'
  | 'sheet-not-found'
  | 'sheet-empty'
  | 'header-row-out-of-range'
  | 'unknown-encoding'
  | 'bad-delimiter'
  | 'aborted';

/** A file cannot be read (or read as asked); `code` says why, `message` says it to a person. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  readonly code: FileReadErrorCode;
  /** Base name of the file. */
  readonly fileName: string;

  constructor(code: FileReadErrorCode, fileName: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.fileName = fileName;
  }
}

/** The base name used in messages. */
export function displayName(filePath: string): string {
  return path.basename(filePath);
}

/** Builds the error for a file in a format Orgport does not read. */
export function unsupportedFormatError(filePath: string, what: string): FileReadError {
  const name = displayName(filePath);
  return new FileReadError(
    'unsupported-format',
    name,
    `"${name}" is ${what}, which Orgport cannot read. Open it in its program and save it as .xlsx or .csv.`,
  );
}

/** Turns a Node file-system error into a `FileReadError` (anything else passes through). */
export function fromFsError(filePath: string, error: unknown): unknown {
  if (error instanceof FileReadError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const name = displayName(filePath);
  if (code === 'ENOENT')
    return new FileReadError('not-found', name, `"${name}" was not found.`, { cause: error });
  if (code === 'EISDIR') return new FileReadError('unreadable', name, `"${name}" is a folder, not a file.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
    return new FileReadError(
      'unreadable',
      name,
      `"${name}" cannot be opened (${code}). It may be open in another program or protected.`,
      { cause: error },
    );
  }
  if (code === 'ENOTDIR')
    return new FileReadError('not-found', name, `"${name}" was not found.`, { cause: error });
  // Any other file-system error (a symbolic link loop, a name too long, a disk error) still names the
  // file and says what happened, instead of surfacing as an internal error.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return new FileReadError(
      'unreadable',
      name,
      `"${name}" cannot be read (${code}). Copy it to a normal folder and try again.`,
      {
        cause: error,
      },
    );
  }
  return error;
}

/** Throws the `aborted` error when the signal has fired. */
export function throwIfAborted(filePath: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const name = displayName(filePath);
    throw new FileReadError('aborted', name, `Reading "${name}" was cancelled.`);
  }
}
