/**
 * What the preview found, in figures and words: how many will be deleted, not found, skipped; the
 * people and open deals that would lose their organization; the backup, the 30-day restore and the
 * token cost.
 */
import type { DeletePreviewResult } from '../../../../shared/ipc-delete.ts';
import { BackupTip } from '../about/BackupTip.tsx';
import { formatCount } from '../jobs/format.ts';

/** The preview's figures and notes. */
export function PreviewSummary({ preview }: { readonly preview: DeletePreviewResult }): React.JSX.Element {
  const { totals, cost } = preview;
  return (
    <div className="del-summary">
      <dl className="del-figures">
        <div className="del-figure del-figure--delete">
          <dt>Will be deleted</dt>
          <dd data-testid="preview-will-delete">{formatCount(totals.willDelete)}</dd>
        </div>
        <div className="del-figure">
          <dt>Not found or already deleted</dt>
          <dd data-testid="preview-not-found">{formatCount(totals.notFound)}</dd>
        </div>
        <div className="del-figure">
          <dt>Skipped (open deals)</dt>
          <dd>{formatCount(totals.skippedOpenDeals)}</dd>
        </div>
        {totals.peopleCount !== null ? (
          <div className="del-figure">
            <dt>Linked people</dt>
            <dd>{formatCount(totals.peopleCount)}</dd>
          </div>
        ) : null}
        {totals.openDealsCount !== null ? (
          <div className="del-figure">
            <dt>Open deals</dt>
            <dd>{formatCount(totals.openDealsCount)}</dd>
          </div>
        ) : null}
      </dl>
      <ul className="del-notes">
        <li>
          Organizations of <strong>{preview.account.companyName}</strong> only; the job checks the company
          again before it deletes anything.
        </li>
        {(totals.peopleCount ?? 0) > 0 || (totals.openDealsCount ?? 0) > 0 ? (
          <li>Linked people and deals are not deleted: they stay in Pipedrive without their organization.</li>
        ) : null}
        <li>
          <strong>Backup first:</strong> before the first delete, every field of these organizations is
          written to an Excel file in the job’s folder; if that fails, nothing is deleted. The file can be
          imported again to recreate them.
          <BackupTip />
        </li>
        <li>
          <strong>Deleted organizations can be restored in Pipedrive for 30 days</strong>; after that
          Pipedrive removes them for good.
        </li>
        <li>
          Cost: about <strong>{formatCount(cost.totalV1)}</strong> API tokens with Pipedrive’s bulk delete, or{' '}
          <strong>{formatCount(cost.totalV2)}</strong> where it has to delete them one at a time (backup
          included). This preview used {formatCount(preview.previewTokens)}.
        </li>
      </ul>
    </div>
  );
}
