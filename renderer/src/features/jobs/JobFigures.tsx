/** The numbers under a job's progress bar: done of total, rate, time left, tokens, budget. */
import type { JobProgress } from '../../../../shared/jobs.ts';
import type { JobSummary } from '../../../../shared/jobs.ts';
import { TokenBudgetTip } from '../about/TokenBudgetTip.tsx';
import { countParts, formatCount, formatDuration, formatRate, unitOf } from './format.ts';

/** Props of {@link JobFigures}. */
export interface JobFiguresProps {
  readonly summary: JobSummary;
  readonly progress: JobProgress | null;
  readonly budgetLeft: number | null;
}

/** A definition list of the job's figures; live ones while it runs, the summary's otherwise. */
export function JobFigures({ summary, progress, budgetLeft }: JobFiguresProps): React.JSX.Element {
  const current = progress?.current ?? summary.current;
  const total = progress?.total ?? summary.total;
  const tokens = progress?.tokensSpent ?? summary.tokensSpent;
  const running = summary.state === 'running' && progress !== null && progress.current > 0;
  const parts = countParts(progress ?? summary).filter((part) => part.value > 0 || part.tone === 'good');
  return (
    <dl className="figures">
      <div className="figures__item">
        <dt>Progress</dt>
        <dd data-testid="job-progress-count">{progressText(summary, progress, current, total)}</dd>
      </div>
      {running ? (
        <div className="figures__item">
          <dt>Rate</dt>
          <dd>{formatRate(progress.rate)} / s</dd>
        </div>
      ) : null}
      {running && progress.etaSeconds !== null ? (
        <div className="figures__item">
          <dt>Time left</dt>
          <dd>about {formatDuration(progress.etaSeconds)}</dd>
        </div>
      ) : null}
      <div className="figures__item">
        <dt>
          API tokens spent
          <TokenBudgetTip />
        </dt>
        <dd>{formatCount(tokens)}</dd>
      </div>
      {budgetLeft !== null ? (
        <div className="figures__item">
          <dt>Daily budget left</dt>
          <dd>{formatCount(budgetLeft)}</dd>
        </div>
      ) : null}
      {summary.kind === 'export'
        ? null
        : parts.map((part) => (
            <div key={part.key} className={`figures__item figures__item--${part.tone}`}>
              <dt>{part.label}</dt>
              <dd>{formatCount(part.value)}</dd>
            </div>
          ))}
    </dl>
  );
}

const PHASE_WORDS: Readonly<Record<string, string>> = {
  indexing: 'organizations indexed',
  running: 'rows',
  fetching: 'organizations fetched',
  writing: 'rows written',
  finishing: 'organizations, finishing the file',
  backup: 'organizations backed up',
  deleting: 'organizations deleted',
};

/** "500 of 1,200 organizations fetched"; a phase without items says what it does instead. */
function progressText(
  summary: JobSummary,
  progress: JobProgress | null,
  current: number,
  total: number | null,
): string {
  if (progress?.phase === 'fields') return 'Reading the field definitions…';
  const of = total === null ? '' : ` of ${formatCount(total)}`;
  const word = progress ? (PHASE_WORDS[progress.phase] ?? unitOf(progress.kind)) : unitOf(summary.kind);
  return `${formatCount(current)}${of} ${word}`;
}
