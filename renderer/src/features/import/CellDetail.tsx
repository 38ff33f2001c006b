/**
 * The line under the grid that explains the focused cell: what is wrong with it and what would be
 * accepted, with the suggested fix one click away; that it was edited, with a way back to the file's
 * value; or, on the Plan column, why the row is planned as it is.
 */
import type { ImportRowView } from '../../../../shared/ipc-import.ts';
import { OUTCOME_LABELS } from './choices.ts';

/** Props of {@link CellDetail}. */
export interface CellDetailProps {
  readonly row: ImportRowView | undefined;
  /** 0 is the Plan column; 1.. the file's columns. */
  readonly col: number;
  readonly headers: ReadonlyArray<string>;
  readonly onEdit: (rowNumber: number, column: string, text: string | null) => Promise<void>;
  readonly onStartEdit: () => void;
}

/** The detail line (a polite live region). */
export function CellDetail({ row, col, headers, onEdit, onStartEdit }: CellDetailProps): React.JSX.Element {
  return (
    <div className="cell-detail" aria-live="polite" data-testid="cell-detail">
      {row ? (
        <Detail row={row} col={col} headers={headers} onEdit={onEdit} onStartEdit={onStartEdit} />
      ) : (
        <p className="help">
          Click a cell to see what is wrong with it; double-click (or Enter) to change it.
        </p>
      )}
    </div>
  );
}

function Detail({ row, col, headers, onEdit, onStartEdit }: CellDetailProps & { row: ImportRowView }) {
  if (col === 0) {
    return (
      <p>
        <strong>Row {row.rowNumber}:</strong> {OUTCOME_LABELS[row.outcome]}
        {row.orgId !== null ? ` (organization ${row.orgId})` : ''}
        {row.reason ? ` — ${row.reason}` : ''}
        {row.notes.length > 0 ? <span className="help"> {row.notes.join(' · ')}</span> : null}
      </p>
    );
  }
  const header = headers[col - 1] ?? '';
  const error = row.errors.find((e) => e.column === header);
  const edited = row.edited.includes(header);
  const value = row.cells[col - 1] ?? '';
  return (
    <p>
      <strong>
        Row {row.rowNumber}, {header}:
      </strong>
      {error ? (
        <>
          <span className="cell-detail__error">{error.message}</span>
          {error.suggestion ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => void onEdit(row.rowNumber, header, error.suggestion ?? '')}
            >
              Use “{error.suggestion}”
            </button>
          ) : null}
        </>
      ) : (
        <span>{value === '' ? <span className="muted">empty</span> : `“${value}”`}</span>
      )}
      <button type="button" className="button button--small button--quiet" onClick={onStartEdit}>
        Edit
      </button>
      {edited ? (
        <>
          <span className="help">You changed this cell.</span>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void onEdit(row.rowNumber, header, null)}
          >
            Restore the file’s value
          </button>
        </>
      ) : null}
      {!error ? <span className="help"> Double-click a cell, or press Enter, to change it.</span> : null}
    </p>
  );
}
