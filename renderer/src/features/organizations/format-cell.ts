/** How the table shows a cell, and how wide each kind of column is. */
import type { BrowseCell, BrowseColumn } from '../../../../shared/ipc-delete.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const number = new Intl.NumberFormat();

/** A cell as text; empty cells are ''. */
export function formatCell(cell: BrowseCell, column: BrowseColumn): string {
  if (cell === null || cell === '') return '';
  switch (column.kind) {
    case 'boolean':
      return cell === true ? 'Yes' : cell === false ? 'No' : String(cell);
    case 'number':
      // IDs are names, not quantities: no thousands separator.
      return typeof cell === 'number' && column.key !== 'id' ? number.format(cell) : String(cell);
    case 'date':
    case 'datetime': {
      const date = new Date(
        typeof cell === 'string' && cell.length === 10 ? `${cell}T00:00:00Z` : String(cell),
      );
      if (Number.isNaN(date.getTime())) return String(cell);
      return column.kind === 'date' ? dateOnly.format(date) : dateTime.format(date);
    }
    case 'text':
      return String(cell);
  }
}

/** A column's width in pixels. */
export function columnWidth(column: BrowseColumn): number {
  if (column.key === 'id') return 96;
  if (column.key === 'name') return 280;
  if (column.key === 'address') return 300;
  switch (column.kind) {
    case 'number':
      return 130;
    case 'date':
      return 130;
    case 'datetime':
      return 180;
    case 'boolean':
      return 90;
    case 'text':
      return 200;
  }
}

/** The width of the tick-box column. */
export const CHECK_WIDTH = 44;
