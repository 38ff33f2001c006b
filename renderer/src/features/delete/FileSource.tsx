/**
 * A column of IDs from a CSV or XLSX file: drop it here or pick it, choose the sheet and the column
 * (the one headed like an ID is chosen for you), and see what the column holds — IDs, repeats, blank
 * cells and every cell that is not an ID — before anything is looked up.
 */
import { useId, useState } from 'react';
import type { IdFileInfo, IdFileResult } from '../../../../shared/ipc-delete.ts';
import type { InvokeResult, PickedFile } from '../../../../shared/ipc.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { orgport, unwrap } from '../../api.ts';
import { formatCount } from '../jobs/format.ts';
import type { DeleteCandidates } from './delete-draft.ts';

const FILTERS = [{ name: 'Spreadsheets', extensions: ['csv', 'tsv', 'txt', 'xlsx'] }];
const PROBLEMS_SHOWN = 8;

/** Props of {@link FileSource}. */
export interface FileSourceProps {
  readonly onCandidates: (candidates: DeleteCandidates | null) => void;
}

/** The file chooser, column choice and what the column holds. */
export function FileSource({ onCandidates }: FileSourceProps): React.JSX.Element {
  const id = useId();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [info, setInfo] = useState<IdFileInfo | null>(null);
  const [column, setColumn] = useState('');
  const [read, setRead] = useState<IdFileResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  const run = async <T,>(task: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await task();
    } catch (failure) {
      setError(failure);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const readColumn = async (picked: PickedFile, sheet: string | null, letter: string): Promise<void> => {
    setColumn(letter);
    setRead(null);
    onCandidates(null);
    const result = await run(() =>
      unwrap(orgport().readIdFile({ path: picked.path, column: letter, ...(sheet ? { sheet } : {}) })),
    );
    if (!result) return;
    setRead(result);
    const where = `${result.fileName}${result.sheet ? `, sheet ${result.sheet}` : ''}, column ${result.column}`;
    onCandidates(result.ids.length > 0 ? { ids: result.ids, source: where } : null);
  };

  const open = async (picked: PickedFile, sheet?: string): Promise<void> => {
    setFile(picked);
    setInfo(null);
    setRead(null);
    setColumn('');
    onCandidates(null);
    const inspected = await run(() =>
      unwrap(orgport().inspectIdFile({ path: picked.path, ...(sheet ? { sheet } : {}) })),
    );
    if (!inspected) return;
    setInfo(inspected);
    const only = inspected.columns.length === 1 ? inspected.columns[0] : undefined;
    const suggested = inspected.columns.find((c) => c.header === inspected.suggested) ?? only;
    if (suggested) await readColumn(picked, inspected.sheet, suggested.letter);
  };

  const accept = async (result: Promise<InvokeResult<PickedFile | null>>): Promise<void> => {
    const picked = await run(() => unwrap(result));
    if (picked) await open(picked);
  };

  return (
    <div className="del-source">
      <div
        className={`del-drop${over ? ' del-drop--over' : ''}`}
        data-testid="delete-drop-zone"
        // The window-wide drop starts an import; a file dropped here is the delete's.
        onDragEnter={(event) => {
          event.preventDefault();
          event.stopPropagation();
          setOver(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.stopPropagation();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(event) => {
          event.stopPropagation();
          setOver(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          event.stopPropagation();
          setOver(false);
          const dropped = event.dataTransfer.files[0];
          if (dropped) void accept(orgport().fileFromDrop(dropped));
        }}
      >
        <p className="del-drop__title">Drop a CSV or Excel file with a column of organization IDs here</p>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void accept(orgport().openFileDialog({ title: 'IDs to delete', filters: FILTERS }))}
        >
          Choose file…
        </button>
        {file ? (
          <p className="help">
            <code>{file.name}</code>
          </p>
        ) : null}
      </div>
      <ErrorMessage error={error} title="The file could not be read." />
      {file && info ? (
        <div className="del-file-choice">
          {info.sheets.length > 1 ? (
            <label className="del-field">
              <span className="del-label">Sheet</span>
              <select
                className="del-input"
                value={info.sheet ?? ''}
                disabled={busy}
                onChange={(event) => void open(file, event.target.value)}
              >
                {info.sheets.map((sheet) => (
                  <option key={sheet} value={sheet}>
                    {sheet}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="del-field">
            <span className="del-label">Column with the IDs</span>
            <select
              id={`${id}-column`}
              className="del-input"
              value={column}
              disabled={busy}
              onChange={(event) => void readColumn(file, info.sheet, event.target.value)}
            >
              <option value="" disabled>
                Choose the column…
              </option>
              {info.columns.map((c) => (
                <option key={c.letter} value={c.letter}>
                  {c.letter}: {c.header}
                  {c.samples.length > 0 ? ` (${c.samples.join(', ')}…)` : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {read ? <ColumnSummary read={read} /> : null}
    </div>
  );
}

function ColumnSummary({ read }: { readonly read: IdFileResult }): React.JSX.Element {
  return (
    <div className="del-read" role="status">
      <p>
        Column “{read.column}”: <strong>{formatCount(read.ids.length)}</strong> distinct IDs in{' '}
        {formatCount(read.rows)} rows
        {read.duplicates > 0 ? `, ${formatCount(read.duplicates)} repeats left out` : ''}
        {read.blankCells > 0 ? `, ${formatCount(read.blankCells)} blank cells skipped` : ''}.
      </p>
      {read.problems.length > 0 ? (
        <div className="alert alert--warn">
          <strong>
            {formatCount(read.problems.length)} {read.problems.length === 1 ? 'cell is' : 'cells are'} not an
            organization ID and will not be used:
          </strong>
          <ul className="del-problems">
            {read.problems.slice(0, PROBLEMS_SHOWN).map((problem) => (
              <li key={problem.row}>{problem.message}</li>
            ))}
            {read.problems.length > PROBLEMS_SHOWN ? (
              <li>…and {read.problems.length - PROBLEMS_SHOWN} more</li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
