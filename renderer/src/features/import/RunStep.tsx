/**
 * Step 3, Import: the job started from the preview. Its live progress, pause and cancel are in the
 * job panel; this step says where it stands, offers Resume when it stopped (budget, network, a
 * restart), and at the end links the reports — and lets the failed rows be fixed in the grid and
 * imported again on their own, with the same mapping.
 */
import { useQuery } from '@tanstack/react-query';
import type { ImportChoicesView } from '../../../../shared/ipc-import.ts';
import { failedCount, isFinalState } from '../../../../shared/jobs.ts';
import type { JobReport } from '../../../../shared/jobs.ts';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { useNotify } from '../../notifications/useNotify.ts';
import { TokenBudgetTip } from '../about/TokenBudgetTip.tsx';
import { STATE_LABELS, countParts, formatCount } from '../jobs/format.ts';
import { useResumeJob } from '../jobs/mutations.ts';
import { jobsQuery } from '../jobs/queries.ts';
import { useJobProgress } from '../jobs/useJobProgress.ts';
import { currentDraft, updateDraft } from './import-draft.ts';
import { discardImport, importFile } from './open-file.ts';

/** Props of {@link RunStep}. */
export interface RunStepProps {
  readonly jobId: string;
  readonly choices: ImportChoicesView;
}

function isFailedReport(report: JobReport): boolean {
  return /(^|[\\/])failed-rows\.[a-z]+$/i.test(report.path);
}

function fileName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}

/** The Import step. */
export function RunStep({ jobId, choices }: RunStepProps): React.JSX.Element {
  const notify = useNotify();
  const job = useQuery(jobsQuery()).data?.find((j) => j.id === jobId);
  const live = useJobProgress(jobId);
  const resume = useResumeJob();
  if (!job) return <p className="muted">Starting the import…</p>;

  const progress = job.state === 'running' && live?.progress.kind === 'import' ? live.progress : null;
  const parts = countParts(progress ?? job).filter((p) => p.value > 0);
  const ended = isFinalState(job.state);
  const failed = job.reports.find(isFailedReport);
  const others = job.reports.filter((r) => r !== failed);
  const open = (report: JobReport): void => {
    unwrap(orgport().openPath({ path: report.path })).catch((error: unknown) =>
      notify({ tone: 'error', message: errorMessage(error) }),
    );
  };
  const fixFailed = async (report: JobReport): Promise<void> => {
    await importFile({ path: report.path, name: fileName(report.path), size: 0 }, choices);
    // Straight to the grid: the mapping is the one just used.
    if (currentDraft().opened) updateDraft((d) => ({ ...d, step: 'check' }));
  };

  return (
    <section className="card run-step" aria-labelledby="run-title" data-job-id={job.id}>
      <h2 id="run-title">
        {job.title} <span className={`badge badge--${job.state}`}>{STATE_LABELS[job.state]}</span>
      </h2>
      {ended ? (
        <p data-testid="import-result">
          {job.state === 'done' ? 'Finished' : STATE_LABELS[job.state]}:{' '}
          {parts.length === 0
            ? 'nothing to do.'
            : parts.map((p) => `${formatCount(p.value)} ${p.label.toLowerCase()}`).join(', ')}
          .
        </p>
      ) : job.state === 'stopped' ? null : (
        <p className="help">
          {progress
            ? `${formatCount(progress.current)}${progress.total === null ? '' : ` of ${formatCount(progress.total)}`} rows so far. `
            : ''}
          Live progress, Pause and Cancel are in the job panel below; the import keeps running if you leave
          this screen.
        </p>
      )}
      {job.error ? (
        <p className={`alert ${job.state === 'stopped' ? 'alert--warn' : 'alert--error'}`}>
          {job.error.message}
          {job.stopReason === 'budget' ? <TokenBudgetTip testId="help-budget-stop" /> : null}
        </p>
      ) : null}
      <div className="step-actions">
        {job.state === 'stopped' || job.state === 'paused' ? (
          <button
            type="button"
            className="button button--primary"
            disabled={resume.isPending}
            onClick={() => resume.mutate(job.id)}
          >
            Resume
          </button>
        ) : null}
        {failed ? (
          <>
            <button type="button" className="button" onClick={() => open(failed)}>
              Open failed rows report
            </button>
            <button type="button" className="button button--primary" onClick={() => void fixFailed(failed)}>
              {failedCount(job) === 1
                ? 'Fix the failed row here'
                : `Fix the ${formatCount(failedCount(job))} failed rows here`}
            </button>
          </>
        ) : null}
        {others.map((report) => (
          <button key={report.path} type="button" className="button" onClick={() => open(report)}>
            Open {report.label.toLowerCase()} report
          </button>
        ))}
        {ended ? (
          <button type="button" className="button button--quiet" onClick={discardImport}>
            Import another file
          </button>
        ) : null}
      </div>
    </section>
  );
}
