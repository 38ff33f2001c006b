/**
 * One job: title, state, progress bar, figures, and its controls (pause, resume, cancel with a
 * confirmation). When the job has ended: the outcome picture and its files.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isFinalState } from '../../../../shared/jobs.ts';
import type { JobSummary } from '../../../../shared/jobs.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { JobFigures } from './JobFigures.tsx';
import { JobOutcomeChart } from './JobOutcomeChart.tsx';
import { ReportLinks } from './ReportLinks.tsx';
import { STATE_LABELS, kindPrefix } from './format.ts';
import { useCancelJob, usePauseJob, useResumeJob } from './mutations.ts';
import { jobQuery } from './queries.ts';
import { useJobProgress } from './useJobProgress.ts';

/** Props of {@link JobCard}. */
export interface JobCardProps {
  readonly summary: JobSummary;
  /** Offered once the job has ended (the panel's "Dismiss"). */
  readonly onDismiss?: () => void;
  /** Heading level of the title within the page. */
  readonly headingLevel?: 2 | 3;
}

/** A job with its live progress and controls. */
export function JobCard({ summary, onDismiss, headingLevel = 3 }: JobCardProps): React.JSX.Element {
  const live = useJobProgress(summary.id);
  const pause = usePauseJob();
  const resume = useResumeJob();
  const cancel = useCancelJob();
  const [confirming, setConfirming] = useState(false);
  const ended = isFinalState(summary.state);
  const detail = useQuery({ ...jobQuery(summary.id), enabled: ended });
  // Progress events stop once a job leaves `running`; from then on the summary is the truth.
  const progress = summary.state === 'running' ? (live?.progress ?? null) : null;
  const current = progress?.current ?? summary.current;
  const total = progress?.total ?? summary.total;
  const busy = pause.isPending || resume.isPending || cancel.isPending;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const canCancel =
    summary.state === 'running' ||
    summary.state === 'paused' ||
    summary.state === 'stopped' ||
    summary.state === 'queued';

  return (
    <article
      className={`job job--${summary.state}`}
      aria-labelledby={`job-${summary.id}-title`}
      data-job-id={summary.id}
    >
      <header className="job__header">
        <Heading id={`job-${summary.id}-title`} className="job__title">
          {kindPrefix(summary) ? <span className="job__kind">{kindPrefix(summary)} </span> : null}
          {summary.title}
        </Heading>
        <span className={`badge badge--${summary.state}`} data-testid="job-state">
          {STATE_LABELS[summary.state]}
        </span>
      </header>
      <ProgressBar
        current={current}
        total={total}
        label={`${summary.title}: progress`}
        tone={
          summary.state === 'done'
            ? 'done'
            : summary.state === 'failed' || summary.state === 'cancelled'
              ? 'failed'
              : summary.state === 'running' || summary.state === 'queued'
                ? 'running'
                : 'paused'
        }
      />
      <JobFigures summary={summary} progress={progress} budgetLeft={live?.budgetLeft ?? null} />
      {summary.error ? (
        <div className={`alert ${summary.state === 'stopped' ? 'alert--warn' : 'alert--error'}`} role="alert">
          {summary.error.message}
        </div>
      ) : null}
      <div className="job__actions">
        {summary.state === 'running' ? (
          <button type="button" className="button" disabled={busy} onClick={() => pause.mutate(summary.id)}>
            Pause
          </button>
        ) : null}
        {summary.state === 'paused' || summary.state === 'stopped' ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => resume.mutate(summary.id)}
          >
            Resume
          </button>
        ) : null}
        {canCancel ? (
          <button
            type="button"
            className="button button--danger-quiet"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            Cancel…
          </button>
        ) : null}
        {ended && onDismiss ? (
          <>
            <a className="button" href={`#/history/${encodeURIComponent(summary.id)}`}>
              Details
            </a>
            <button type="button" className="button" onClick={onDismiss}>
              Dismiss
            </button>
          </>
        ) : null}
      </div>
      {ended && detail.data ? (
        <>
          <JobOutcomeChart detail={detail.data} />
          <ReportLinks reports={summary.reports} />
        </>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Cancel this job?"
        message={
          summary.kind === 'export'
            ? 'The export stops and no file is written. This cannot be undone.'
            : 'The job stops for good and cannot be resumed. What is already done in Pipedrive stays done.'
        }
        confirmLabel="Cancel the job"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          cancel.mutate(summary.id);
        }}
      />
    </article>
  );
}
