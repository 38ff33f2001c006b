/**
 * What Orgport found in the file — rows, columns, sheet, encoding, delimiter, header row — each
 * detected value with a control to change it (the file is then read again), and the notes worth
 * knowing (renamed headers, ragged rows).
 */
import { useId, useState } from 'react';
import type { ImportFileView, ImportReadChoice } from '../../../../shared/ipc-import.ts';
import { formatCount } from '../jobs/format.ts';

const ENCODINGS: ReadonlyArray<readonly [string, string]> = [
  ['utf-8', 'UTF-8'],
  ['utf-16le', 'UTF-16 LE'],
  ['utf-16be', 'UTF-16 BE'],
  ['windows-1252', 'Windows-1252 (Western Europe)'],
  ['iso-8859-15', 'ISO-8859-15 (Latin-9)'],
  ['windows-1250', 'Windows-1250 (Central Europe)'],
  ['windows-1251', 'Windows-1251 (Cyrillic)'],
  ['macintosh', 'Mac OS Roman'],
];

const DELIMITERS: ReadonlyArray<readonly [string, string]> = [
  [',', 'Comma ,'],
  [';', 'Semicolon ;'],
  ['\t', 'Tab'],
  ['|', 'Pipe |'],
];

/** Props of {@link FileSummary}. */
export interface FileSummaryProps {
  readonly file: ImportFileView;
  readonly read: ImportReadChoice;
  readonly busy: boolean;
  /** Reads the file again with these settings. */
  readonly onReread: (read: ImportReadChoice) => void;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file summary card. */
export function FileSummary({ file, read, busy, onReread }: FileSummaryProps): React.JSX.Element {
  const id = useId();
  const [headerRow, setHeaderRow] = useState(String(file.headerRow));
  const encodings =
    file.encoding && !ENCODINGS.some(([value]) => value === file.encoding)
      ? [...ENCODINGS, [file.encoding, file.encoding] as const]
      : ENCODINGS;
  const applyHeaderRow = (): void => {
    const row = Number(headerRow);
    if (Number.isInteger(row) && row >= 1 && row !== file.headerRow) onReread({ ...read, headerRow: row });
    else setHeaderRow(String(file.headerRow));
  };
  const visibleSheets = file.sheets?.filter((s) => !s.hidden || s.name === file.sheet) ?? [];

  return (
    <section className="card file-summary" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {file.name} <span className="muted file-summary__size">{sizeText(file.size)}</span>
      </h2>
      <dl className="file-summary__facts" data-testid="file-facts">
        <div>
          <dt>Rows</dt>
          <dd data-testid="file-rows">{formatCount(file.rows)}</dd>
        </div>
        <div>
          <dt>Columns</dt>
          <dd>{formatCount(file.headers.length)}</dd>
        </div>
        {file.format === 'xlsx' && visibleSheets.length > 1 ? (
          <div>
            <dt>
              <label htmlFor={`${id}-sheet`}>Sheet</label>
            </dt>
            <dd>
              <select
                id={`${id}-sheet`}
                value={file.sheet ?? ''}
                disabled={busy}
                onChange={(e) => onReread({ sheet: e.target.value })}
              >
                {visibleSheets.map((sheet) => (
                  <option key={sheet.name} value={sheet.name} disabled={sheet.empty}>
                    {sheet.name}
                    {sheet.empty ? ' (empty)' : ` (about ${formatCount(sheet.rows)} rows)`}
                  </option>
                ))}
              </select>
            </dd>
          </div>
        ) : file.sheet ? (
          <div>
            <dt>Sheet</dt>
            <dd>{file.sheet}</dd>
          </div>
        ) : null}
        {file.format === 'csv' ? (
          <>
            <div>
              <dt>
                <label htmlFor={`${id}-encoding`}>Encoding</label>
              </dt>
              <dd>
                <select
                  id={`${id}-encoding`}
                  value={file.encoding ?? 'utf-8'}
                  disabled={busy}
                  onChange={(e) => onReread({ ...read, encoding: e.target.value })}
                >
                  {encodings.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                <span className="help"> {file.encodingSource === 'option' ? 'chosen' : 'detected'}</span>
              </dd>
            </div>
            <div>
              <dt>
                <label htmlFor={`${id}-delimiter`}>Delimiter</label>
              </dt>
              <dd>
                <select
                  id={`${id}-delimiter`}
                  value={file.delimiter ?? ','}
                  disabled={busy}
                  onChange={(e) => onReread({ ...read, delimiter: e.target.value })}
                >
                  {DELIMITERS.map(([value, label]) => (
                    <option key={label} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </dd>
            </div>
          </>
        ) : null}
        <div>
          <dt>
            <label htmlFor={`${id}-header`}>Header row</label>
          </dt>
          <dd>
            <input
              id={`${id}-header`}
              className="file-summary__row-input"
              type="number"
              min={1}
              value={headerRow}
              disabled={busy}
              onChange={(e) => setHeaderRow(e.target.value)}
              onBlur={applyHeaderRow}
              onKeyDown={(e) => {
                if (e.key === 'Enter') applyHeaderRow();
              }}
            />
            <span className="help"> {file.headerRowDetected ? 'detected' : 'chosen'}</span>
          </dd>
        </div>
      </dl>
      {file.notes.length > 0 ? (
        <ul className="file-summary__notes" aria-label="Notes about the file">
          {file.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
