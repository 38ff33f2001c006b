/**
 * The organizations table: virtualised (only the rows in view exist in the page, so 100,000 rows
 * scroll as smoothly as 100), rows fetched in blocks as they come into view, the next API page read
 * when the end comes into view. Click a header to sort; click a row (or its box) to tick it, and
 * shift-click another to tick everything between.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { BrowseColumn, BrowseProgress, BrowseSort } from '../../../../shared/ipc-delete.ts';
import { SERVER_SORT_KEYS } from '../../../../shared/ipc-delete.ts';
import { formatCount } from '../jobs/format.ts';
import { selectedIds } from './browse-state.ts';
import { CHECK_WIDTH, columnWidth, formatCell } from './format-cell.ts';
import type { RowBlocks } from './useRowBlocks.ts';

const ROW_HEIGHT = 38;

/** Props of {@link OrgTable}. */
export interface OrgTableProps {
  readonly columns: ReadonlyArray<BrowseColumn>;
  readonly progress: BrowseProgress;
  readonly sortNeedsAll: boolean;
  /** The list is being replaced (a new filter): shown dimmed until the new one arrives. */
  readonly stale: boolean;
  readonly sort: BrowseSort;
  readonly blocks: RowBlocks;
  /** Changes with the selection, so ticks redraw. */
  readonly selectionVersion: number;
  readonly onSort: (key: string) => void;
  /** A row was clicked (`range`: with Shift, from the last row ticked by hand). */
  readonly onTick: (id: number, index: number, on: boolean, range: boolean) => void;
}

/** The table. */
export function OrgTable(props: OrgTableProps): React.JSX.Element {
  const { columns, progress, sortNeedsAll, sort, blocks } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const waitingForAll = sortNeedsAll && !progress.complete;
  // One extra row stands for "more to load" until every page is read.
  const count = waitingForAll ? 0 : progress.loaded + (progress.complete ? 0 : 1);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure, version } = blocks;
  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [ensure, first, last, count, version]);

  const widths = [CHECK_WIDTH, ...columns.map(columnWidth)];
  const template = widths.map((w) => `${w}px`).join(' ');
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const selected = selectedIds();

  return (
    <div
      className={`orgs-table${props.stale ? ' orgs-table--stale' : ''}`}
      aria-busy={props.stale}
      role="grid"
      aria-label="Organizations"
      aria-rowcount={progress.complete ? progress.loaded + 1 : -1}
      aria-multiselectable="true"
      ref={scroller}
      tabIndex={0}
    >
      <div
        className="orgs-table__head"
        role="row"
        style={{ gridTemplateColumns: template, width: totalWidth }}
      >
        <div role="columnheader" className="orgs-table__check">
          <span className="visually-hidden">Selected</span>
        </div>
        {columns.map((column) => {
          const active = sort.key === column.key;
          const arrow = active ? (sort.direction === 'asc' ? '▲' : '▼') : '';
          return (
            <div
              key={column.key}
              role="columnheader"
              aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button
                type="button"
                className={`orgs-table__sort${column.kind === 'number' ? ' orgs-table__sort--num' : ''}`}
                onClick={() => props.onSort(column.key)}
                title={
                  SERVER_SORT_KEYS.includes(column.key)
                    ? `Sort by ${column.header}`
                    : `Sort by ${column.header} (reads every matching organization first)`
                }
              >
                <span className="orgs-table__header-text">{column.header}</span>
                <span aria-hidden="true" className="orgs-table__arrow">
                  {arrow}
                </span>
              </button>
            </div>
          );
        })}
      </div>
      {waitingForAll ? (
        <p className="orgs-table__status" role="status">
          Reading every matching organization to sort by{' '}
          {columns.find((c) => c.key === sort.key)?.header ?? sort.key}… {formatCount(progress.loaded)} found,{' '}
          {formatCount(progress.scanned)} looked at.
        </p>
      ) : count === 0 ? (
        <p className="orgs-table__status" role="status">
          No organization matches these filters.
        </p>
      ) : null}
      <div className="orgs-table__body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
        {items.map((item) => {
          const row = blocks.row(item.index);
          const style = {
            transform: `translateY(${item.start}px)`,
            gridTemplateColumns: template,
            height: ROW_HEIGHT,
          };
          if (!row) {
            return (
              <div
                key={item.key}
                className="orgs-table__row orgs-table__row--loading"
                role="row"
                style={style}
              >
                <div role="gridcell" className="orgs-table__loading">
                  {item.index >= progress.loaded ? 'Loading more organizations…' : 'Loading…'}
                </div>
              </div>
            );
          }
          const on = selected.has(row.id);
          const tick = (range: boolean): void => props.onTick(row.id, item.index, !on, range);
          return (
            <div
              key={item.key}
              className={`orgs-table__row${on ? ' orgs-table__row--selected' : ''}`}
              role="row"
              aria-selected={on}
              data-org-id={row.id}
              style={style}
              onClick={(event) => {
                if ((event.target as HTMLElement).closest('input')) return;
                tick(event.shiftKey);
              }}
            >
              <div role="gridcell" className="orgs-table__check">
                <input
                  type="checkbox"
                  checked={on}
                  aria-label={`Select ${String(row.cells[1] ?? row.id)}`}
                  onChange={() => undefined}
                  onClick={(event) => tick(event.shiftKey)}
                />
              </div>
              {columns.map((column, i) => {
                const text = formatCell(row.cells[i] ?? null, column);
                return (
                  <div
                    key={column.key}
                    role="gridcell"
                    className={column.kind === 'number' ? 'orgs-table__num' : undefined}
                    title={text.length > 24 ? text : undefined}
                  >
                    {text}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
