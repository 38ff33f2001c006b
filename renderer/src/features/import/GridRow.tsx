/**
 * One row of the preview grid: its row number, its planned outcome, and its cells — a bad cell marked
 * with its reason (on hover, and in the detail line when focused), an edited one marked as such, and
 * the cell being edited as a text box (Enter keeps, Escape cancels).
 */
import { useEffect, useRef } from 'react';
import type { ImportRowView } from '../../../../shared/ipc-import.ts';
import { OUTCOME_LABELS, outcomeTone } from './choices.ts';

/** The cell being edited. */
export interface CellEditing {
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

/** Props of {@link GridRow}. */
export interface GridRowProps {
  /** Position in the list. */
  readonly position: number;
  readonly row: ImportRowView | undefined;
  readonly headers: ReadonlyArray<string>;
  /** Headers of columns that are imported (others are dimmed). */
  readonly mapped: ReadonlySet<string>;
  /** The active cell's column in this row, or null when the active cell is elsewhere. */
  readonly activeCol: number | null;
  readonly editing: CellEditing | null;
  readonly top: number;
  readonly height: number;
  readonly template: string;
  readonly onActivate: (position: number, col: number) => void;
  readonly onStartEdit: (position: number, col: number) => void;
  readonly onEditText: (text: string) => void;
  readonly onCommit: () => void;
  readonly onCancel: () => void;
}

/** A grid row (absolutely placed by the virtualiser). */
export function GridRow(props: GridRowProps): React.JSX.Element {
  const { position, row, headers, mapped, activeCol, editing, top, height, template } = props;
  const style = { transform: `translateY(${top}px)`, height, gridTemplateColumns: template };
  if (!row) {
    return (
      <div role="row" aria-rowindex={position + 2} className="grid__row grid__row--loading" style={style}>
        <div role="rowheader" className="grid__rownum">
          …
        </div>
      </div>
    );
  }
  const tone = outcomeTone(row.outcome);
  return (
    <div
      role="row"
      aria-rowindex={position + 2}
      className={`grid__row grid__row--${tone}`}
      style={style}
      data-row-number={row.rowNumber}
    >
      <div role="rowheader" className="grid__rownum">
        {row.rowNumber}
      </div>
      <div
        role="gridcell"
        tabIndex={activeCol === 0 ? 0 : -1}
        data-col={0}
        className={`grid__cell grid__plan${activeCol === 0 ? ' grid__cell--active' : ''}`}
        title={row.reason ?? undefined}
        onClick={() => props.onActivate(position, 0)}
      >
        <span className={`outcome outcome--${tone}`}>{OUTCOME_LABELS[row.outcome]}</span>
      </div>
      {headers.map((header, c) => {
        const col = c + 1;
        const error = row.errors.find((e) => e.column === header);
        const edited = row.edited.includes(header);
        const isEditing = editing !== null && editing.col === col && activeCol === col;
        const classes = ['grid__cell'];
        if (!mapped.has(header)) classes.push('grid__cell--ignored');
        if (error) classes.push('grid__cell--bad');
        if (edited) classes.push('grid__cell--edited');
        if (activeCol === col) classes.push('grid__cell--active');
        return (
          <div
            key={header}
            role="gridcell"
            tabIndex={activeCol === col ? 0 : -1}
            data-col={col}
            aria-invalid={error ? true : undefined}
            title={error ? error.message : undefined}
            className={classes.join(' ')}
            onClick={() => props.onActivate(position, col)}
            onDoubleClick={() => props.onStartEdit(position, col)}
          >
            {isEditing ? (
              <CellInput
                label={`Row ${row.rowNumber}, ${header}`}
                text={editing.text}
                onText={props.onEditText}
                onCommit={props.onCommit}
                onCancel={props.onCancel}
              />
            ) : (
              <span className="grid__text">{row.cells[c] ?? ''}</span>
            )}
          </div>
        );
      })}
    </div>
  );
}

function CellInput(props: {
  readonly label: string;
  readonly text: string;
  readonly onText: (text: string) => void;
  readonly onCommit: () => void;
  readonly onCancel: () => void;
}): React.JSX.Element {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  return (
    <input
      ref={ref}
      className="grid__input"
      aria-label={props.label}
      value={props.text}
      onChange={(e) => props.onText(e.target.value)}
      onBlur={props.onCommit}
      onKeyDown={(e) => {
        // The grid's own keys (arrows, Enter) must not act while typing.
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          props.onCommit();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        }
      }}
    />
  );
}
