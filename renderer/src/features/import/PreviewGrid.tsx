/**
 * The preview grid: every row of the file (or only those with problems) in a virtualised grid that
 * stays smooth at 100,000 rows — only the rows on screen are drawn, and their pages fetched. Arrow
 * keys move between cells; Enter, F2 or a double click edits one; the detail line under the grid says
 * what is wrong with the focused cell and offers the suggested fix.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { ImportColumnSummaryView } from '../../../../shared/ipc-import.ts';
import { formatCount } from '../jobs/format.ts';
import { typeLabel } from './choices.ts';
import { CellDetail } from './CellDetail.tsx';
import { GridRow, type CellEditing } from './GridRow.tsx';
import { usePreviewPages } from './usePreviewPages.ts';
import './preview.css';

const ROW_HEIGHT = 34;
const ROWNUM_WIDTH = 72;
const PLAN_WIDTH = 150;
const CELL_WIDTH = 170;
// The header's height, plus room for the horizontal scroll bar.
const HEAD_HEIGHT = 90;
const MAX_HEIGHT = 520;

/** Props of {@link PreviewGrid}. */
export interface PreviewGridProps {
  readonly sessionId: string;
  readonly stamp: number | null;
  readonly problemsOnly: boolean;
  /** Rows in the list as the preview counts them (until a page says otherwise). */
  readonly count: number;
  readonly headers: ReadonlyArray<string>;
  readonly summaries: ReadonlyArray<ImportColumnSummaryView>;
  /** Fixes a cell (`text` null restores the file's value). */
  readonly onEdit: (rowNumber: number, column: string, text: string | null) => Promise<void>;
}

/** The grid with its detail line. */
export function PreviewGrid(props: PreviewGridProps): React.JSX.Element {
  const { sessionId, stamp, problemsOnly, count, headers, summaries, onEdit } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<{ row: number; col: number }>({ row: 0, col: 1 });
  const [editing, setEditing] = useState<CellEditing | null>(null);
  const editingRef = useRef<CellEditing | null>(null);
  editingRef.current = editing;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const pages = usePreviewPages(
    sessionId,
    stamp,
    problemsOnly,
    items[0]?.index ?? 0,
    items.at(-1)?.index ?? 0,
  );
  const total = pages.total ?? count;
  const template = `${ROWNUM_WIDTH}px ${PLAN_WIDTH}px repeat(${headers.length}, ${CELL_WIDTH}px)`;
  const width = ROWNUM_WIDTH + PLAN_WIDTH + headers.length * CELL_WIDTH;
  const mapped = new Set(summaries.filter((s) => s.target !== null).map((s) => s.column));
  const activeRow = pages.rowAt(active.row);

  // Keep the active cell inside the list when it shrinks (a fixed row leaves the problems list).
  useEffect(() => {
    if (active.row >= total && total > 0) setActive((a) => ({ ...a, row: total - 1 }));
  }, [active.row, total]);

  const focusActive = (row: number, col: number): void => {
    virtualizer.scrollToIndex(row, { align: 'auto' });
    requestAnimationFrame(() => {
      const el = scroller.current?.querySelector<HTMLElement>(
        `[aria-rowindex="${row + 2}"] [data-col="${col}"]`,
      );
      el?.focus({ preventScroll: false });
    });
  };
  const move = (row: number, col: number): void => {
    const next = {
      row: Math.min(Math.max(0, total - 1), Math.max(0, row)),
      col: Math.min(headers.length, Math.max(0, col)),
    };
    setActive(next);
    focusActive(next.row, next.col);
  };
  const startEdit = (row: number, col: number, text?: string): void => {
    const data = pages.rowAt(row);
    if (!data || col < 1) return;
    setActive({ row, col });
    setEditing({ row, col, text: text ?? data.cells[col - 1] ?? '' });
  };
  const commit = (): void => {
    const current = editingRef.current;
    if (!current) return;
    editingRef.current = null;
    setEditing(null);
    const data = pages.rowAt(current.row);
    const header = headers[current.col - 1];
    if (data && header !== undefined && current.text !== (data.cells[current.col - 1] ?? '')) {
      void onEdit(data.rowNumber, header, current.text);
    }
    focusActive(current.row, current.col);
  };

  return (
    <div className="grid-wrap">
      <div
        ref={scroller}
        className="grid"
        role="grid"
        aria-label={problemsOnly ? 'Rows with problems' : 'All rows'}
        aria-rowcount={total + 1}
        aria-colcount={headers.length + 2}
        data-testid="preview-grid"
        // As tall as the rows need, up to a screenful; then it scrolls.
        style={{ height: Math.min(MAX_HEIGHT, HEAD_HEIGHT + Math.max(total, 3) * ROW_HEIGHT + 2) }}
        onKeyDown={(e) => {
          const { row, col } = active;
          const keys: Record<string, () => void> = {
            ArrowDown: () => move(row + 1, col),
            ArrowUp: () => move(row - 1, col),
            ArrowRight: () => move(row, col + 1),
            ArrowLeft: () => move(row, col - 1),
            PageDown: () => move(row + 10, col),
            PageUp: () => move(row - 10, col),
            Home: () => move(row, 0),
            End: () => move(row, headers.length),
            Enter: () => startEdit(row, col),
            F2: () => startEdit(row, col),
          };
          const action = keys[e.key];
          if (action) {
            e.preventDefault();
            action();
          }
        }}
      >
        <div
          className="grid__head"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: template, width }}
        >
          <div role="columnheader" className="grid__rownum">
            Row
          </div>
          <div role="columnheader" className="grid__hcell">
            Plan
          </div>
          {headers.map((header) => {
            const s = summaries.find((x) => x.column === header);
            return (
              <div key={header} role="columnheader" className="grid__hcell" title={header}>
                <span className="grid__hname">{header}</span>
                {s?.targetLabel ? (
                  <span className="grid__hmeta">
                    → {s.targetLabel}
                    {s.type ? ` · ${typeLabel(s.type)}` : ''}
                  </span>
                ) : (
                  <span className="grid__hmeta muted">not imported</span>
                )}
                {s?.target ? (
                  <span className="grid__hmeta">
                    {formatCount(s.converted)} ok
                    {s.failed > 0 ? (
                      <span className="count--bad"> · {formatCount(s.failed)} failed</span>
                    ) : null}
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
        <div className="grid__body" style={{ height: virtualizer.getTotalSize(), width }}>
          {items.map((item) => (
            <GridRow
              key={item.key}
              position={item.index}
              row={pages.rowAt(item.index)}
              headers={headers}
              mapped={mapped}
              activeCol={active.row === item.index ? active.col : null}
              editing={editing && editing.row === item.index ? editing : null}
              top={item.start}
              height={ROW_HEIGHT}
              template={template}
              onActivate={(row, col) => setActive({ row, col })}
              onStartEdit={startEdit}
              onEditText={(text) => setEditing((e) => (e ? { ...e, text } : e))}
              onCommit={commit}
              onCancel={() => {
                setEditing(null);
                focusActive(active.row, active.col);
              }}
            />
          ))}
        </div>
        {total === 0 ? (
          <p className="grid__empty">{problemsOnly ? 'No row has a problem.' : 'The file has no rows.'}</p>
        ) : null}
      </div>
      <CellDetail
        row={activeRow}
        col={active.col}
        headers={headers}
        onEdit={onEdit}
        onStartEdit={() => startEdit(active.row, active.col)}
      />
    </div>
  );
}
