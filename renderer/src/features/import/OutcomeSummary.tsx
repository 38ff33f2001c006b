/**
 * What the import will do, before it does it: how many rows will be created, updated, left unchanged
 * or fail, and what the whole job costs in API tokens against what is left of today's budget.
 */
import type { ImportOutcomeName, ImportPreviewView } from '../../../../shared/ipc-import.ts';
import { TokenBudgetTip } from '../about/TokenBudgetTip.tsx';
import { formatCount } from '../jobs/format.ts';
import { OUTCOME_LABELS, outcomeTone } from './choices.ts';

const SHOWN: ReadonlyArray<ImportOutcomeName> = [
  'create',
  'update',
  'unchanged',
  'skip',
  'pending',
  'error',
  'ambiguous',
  'duplicate',
  'not-found',
];

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Props of {@link OutcomeSummary}. */
export interface OutcomeSummaryProps {
  readonly preview: ImportPreviewView;
  readonly matching: boolean;
}

/** The planned outcomes and the token cost. */
export function OutcomeSummary({ preview, matching }: OutcomeSummaryProps): React.JSX.Element {
  const { outcomes, cost } = preview;
  const parts = SHOWN.filter(
    (o) => outcomes[o] > 0 || o === 'create' || (o === 'update' && preview.mode !== 'create'),
  );
  return (
    <div className="outcome-summary">
      <div>
        <h3 className="outcome-summary__title">Planned</h3>
        <ul className="outcome-list" aria-label="Planned outcome of the rows">
          {parts.map((o) => (
            <li key={o} className={`outcome-list__item outcome--${outcomeTone(o)}`} data-outcome={o}>
              <span className="outcome-list__count">{formatCount(outcomes[o])}</span> {OUTCOME_LABELS[o]}
            </li>
          ))}
        </ul>
        <p className={preview.problemRows > 0 ? 'problem-line problem-line--bad' : 'problem-line'}>
          <strong data-testid="problem-count">
            {preview.problemRows === 0
              ? 'No row has a problem'
              : `${formatCount(preview.problemRows)} ${preview.problemRows === 1 ? 'row has' : 'rows have'} problems`}
          </strong>
          {preview.cellErrors > 0 ? ` (${plural(preview.cellErrors, 'bad cell')})` : ''}
          {preview.edits > 0 ? ` · ${plural(preview.edits, 'cell')} fixed here` : ''}
        </p>
        {preview.mode !== 'create' ? (
          <p className="help">
            {matching
              ? 'Matching the rows against the organizations in Pipedrive…'
              : preview.matched
                ? `Matched against ${formatCount(preview.organizations ?? 0)} organizations in Pipedrive.`
                : 'Rows are matched against Pipedrive on the next step.'}
          </p>
        ) : null}
      </div>
      <div>
        <h3 className="outcome-summary__title">
          API tokens
          <TokenBudgetTip testId="help-cost" />
        </h3>
        <p className="cost" data-testid="token-cost">
          {cost.total === null ? (
            'Known once the rows are matched'
          ) : (
            <>
              About <strong>{formatCount(cost.total)}</strong> tokens
              {cost.budgetLeft !== null ? ` of ${formatCount(cost.budgetLeft)} left today` : ''}
            </>
          )}
        </p>
        <p className="help">
          Fields {cost.fields}
          {cost.users > 0 ? ` · users ${cost.users}` : ''}
          {cost.index !== null && cost.index > 0 ? ` · matching ${formatCount(cost.index)}` : ''} · writes{' '}
          {formatCount(cost.writes)} (5 per organization created or updated). The daily budget is shared by
          everyone in your company; unchanged rows cost nothing.
        </p>
        {cost.total !== null && cost.budgetLeft !== null && cost.total > cost.budgetLeft ? (
          <p className="alert alert--warn">
            This import needs more tokens than are left today. It will stop when the budget runs out and can
            be resumed once it refills; nothing is lost or sent twice.
          </p>
        ) : null}
      </div>
    </div>
  );
}
