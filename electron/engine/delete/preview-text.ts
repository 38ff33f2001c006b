/**
 * The delete preview as plain text (the CLI prints it; logs can too): a table of every ID with its
 * name, owner, linked people, open deals and what will happen to it, then the totals, the cost and
 * where the backup will be written.
 */
import type { DeletePreview, PreviewRow, PreviewStatus } from './preview.ts';

const STATUS_TEXT: { readonly [S in PreviewStatus]: string } = {
  'will-delete': 'will be deleted',
  'not-found': 'not found / already deleted',
  'skip-open-deals': 'skipped (open deals)',
};

const MAX_NAME = 40;

/** Options of {@link formatPreviewText}. */
export interface PreviewTextOptions {
  /** The account banner line ("Acme Ltd (acme.pipedrive.com) — jane@acme.com"). */
  readonly account: string;
  /** Where the backup will be written. */
  readonly backup: string;
}

const n = (value: number): string => value.toLocaleString('en-US');

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function cells(row: PreviewRow): string[] {
  return [
    String(row.id),
    cut(row.name ?? '—', MAX_NAME),
    cut(row.owner ?? (row.ownerId !== null ? `user ${row.ownerId}` : '—'), 24),
    row.peopleCount === null ? '—' : n(row.peopleCount),
    row.openDealsCount === null ? '—' : n(row.openDealsCount),
    STATUS_TEXT[row.status],
  ];
}

/** The preview table, totals, cost and backup location. */
export function formatPreviewText(preview: DeletePreview, options: PreviewTextOptions): string {
  const header = ['ID', 'NAME', 'OWNER', 'PEOPLE', 'OPEN DEALS', 'STATUS'];
  const body = preview.rows.map(cells);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const numeric = new Set([0, 3, 4]);
  const line = (r: ReadonlyArray<string>): string =>
    r
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const { totals, cost } = preview;
  const orphans =
    totals.peopleCount === null
      ? []
      : [
          `Linked to the organizations that will be deleted: ${n(totals.peopleCount)} people, ` +
            `${n(totals.openDealsCount ?? 0)} open deals (they stay, without an organization).`,
        ];
  return [
    `Account: ${options.account}`,
    '',
    line(header),
    ...body.map(line),
    '',
    `${n(totals.requested)} ID${totals.requested === 1 ? '' : 's'}: ${n(totals.willDelete)} will be deleted, ` +
      `${n(totals.notFound)} not found or already deleted, ${n(totals.skippedOpenDeals)} skipped for open deals.`,
    ...orphans,
    `Cost: about ${n(cost.totalV1)} API tokens with Pipedrive's v1 bulk delete, or ${n(cost.totalV2)} if it ` +
      `no longer answers and each organization is deleted through v2 (${n(cost.reads)} of that for the ` +
      `checks and the backup). This preview cost ${n(preview.previewTokens)}.`,
    `Backup: ${options.backup} (all fields of the organizations that will be deleted, written before the first delete).`,
    'Deleted organizations can be restored in Pipedrive for 30 days.',
    '',
  ].join('\n');
}
