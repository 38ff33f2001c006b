/**
 * The exact list the delete would touch, one row per ID given: ID, name, owner, linked people, open
 * deals, and what happens to it. Virtualised, so a preview of 100,000 IDs scrolls as easily as 10;
 * "Show" narrows it to the IDs that will be deleted, were not found, or are skipped.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { DeletePreviewResult, DeletePreviewStatus } from '../../../../shared/ipc-delete.ts';
import { formatCount } from '../jobs/format.ts';

const ROW_HEIGHT = 36;
const MAX_HEIGHT = 432;

/** How each status reads. */
export const STATUS_LABELS: { readonly [S in DeletePreviewStatus]: string } = {
  'will-delete': 'Will be deleted',
  'not-found': 'Not found or already deleted',
  'skip-open-deals': 'Skipped: has open deals',
};

type Show = 'all' | DeletePreviewStatus;

/** The preview list. */
export function PreviewTable({ preview }: { readonly preview: DeletePreviewResult }): React.JSX.Element {
  const [show, setShow] = useState<Show>('all');
  const rows = useMemo(
    () => (show === 'all' ? preview.rows : preview.rows.filter((row) => row.status === show)),
    [preview.rows, show],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const counts: { readonly [S in Show]: number } = {
    all: preview.totals.requested,
    'will-delete': preview.totals.willDelete,
    'not-found': preview.totals.notFound,
    'skip-open-deals': preview.totals.skippedOpenDeals,
  };
  const choices: ReadonlyArray<{ readonly value: Show; readonly label: string }> = [
    { value: 'all', label: 'All' },
    { value: 'will-delete', label: 'To be deleted' },
    { value: 'not-found', label: 'Not found' },
    { value: 'skip-open-deals', label: 'Skipped' },
  ];

  return (
    <div className="del-preview-list">
      <div className="del-show" role="group" aria-label="Show">
        {choices
          .filter((choice) => choice.value === 'all' || counts[choice.value] > 0)
          .map((choice) => (
            <button
              key={choice.value}
              type="button"
              className={`button button--small${show === choice.value ? ' del-show--current' : ''}`}
              aria-pressed={show === choice.value}
              onClick={() => setShow(choice.value)}
            >
              {choice.label} ({formatCount(counts[choice.value])})
            </button>
          ))}
      </div>
      <div
        className="del-table"
        ref={scroller}
        // As tall as its rows, up to a scrolling window.
        style={{ height: Math.min(MAX_HEIGHT, (rows.length + 1) * ROW_HEIGHT + 2) }}
        role="table"
        aria-label="Organizations in the preview"
        aria-rowcount={rows.length + 1}
      >
        <div className="del-table__row del-table__head" role="row">
          <span role="columnheader">ID</span>
          <span role="columnheader">Name</span>
          <span role="columnheader">Owner</span>
          <span role="columnheader" className="del-num">
            People
          </span>
          <span role="columnheader" className="del-num">
            Open deals
          </span>
          <span role="columnheader">Result</span>
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={row.id}
                role="row"
                data-status={row.status}
                className={`del-table__row del-table__row--${row.status}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <span role="cell">{row.id}</span>
                <span role="cell" title={row.name ?? undefined}>
                  {row.name ?? '—'}
                </span>
                <span role="cell">{row.owner ?? (row.ownerId === null ? '' : `#${row.ownerId}`)}</span>
                <span role="cell" className="del-num">
                  {row.peopleCount ?? ''}
                </span>
                <span role="cell" className="del-num">
                  {row.openDealsCount ?? ''}
                </span>
                <span role="cell" className={`del-status del-status--${row.status}`}>
                  {STATUS_LABELS[row.status]}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
