/**
 * The end of a tour: what the job did, the files it wrote (open / show in folder), and what to do next
 * — another tour, the welcome panel, or connecting a real company.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { JobSummary } from '../../../../shared/jobs.ts';
import { errorMessage } from '../../api.ts';
import { navigate } from '../../routing.ts';
import { countParts, formatCount, STATE_LABELS } from '../jobs/format.ts';
import { ReportLinks } from '../jobs/ReportLinks.tsx';
import { welcomeStateQuery } from './queries.ts';
import { startTour } from './start-tour.ts';
import { leaveTour } from './tour-state.ts';
import type { TourId } from '../../../../shared/welcome-tours.ts';

const NEXT: { readonly [T in TourId]: { readonly tour: TourId | null; readonly label: string } } = {
  import: { tour: 'export', label: 'Next tour: export everything to Excel' },
  export: { tour: 'delete', label: 'Next tour: delete a selected handful' },
  delete: { tour: null, label: 'Connect your Pipedrive company' },
};

const WHAT_NEXT: { readonly [T in TourId]: string } = {
  import:
    'The failed-rows report lists every row that was not sent, with the reason. Fix them on the Import ' +
    'screen (“Fix the failed rows here”) and send them again — or import your own file: drop it anywhere ' +
    'on this window.',
  export:
    'The first column is the Pipedrive ID: edit the file in Excel and import it back, and those ' +
    'organizations are updated with no mapping to do.',
  delete:
    'The backup is an ordinary spreadsheet of exactly what was deleted: import it to bring them back (as ' +
    'new organizations). Ready for the real thing? Connect your Pipedrive company.',
};

/** The file each tour ends on (the job card below lists every file the job wrote). */
const MAIN_FILE: { readonly [T in TourId]: RegExp } = {
  import: /(^|[\\/])failed-rows\.[a-z]+$/i,
  export: /./,
  delete: /(^|[\\/])backup[^\\/]*$/i,
};

function headline(tour: TourId, job: JobSummary): string {
  const parts = countParts(job).filter((p) => p.value > 0);
  const counts =
    parts.length === 0
      ? 'nothing to do'
      : parts.map((p) => `${formatCount(p.value)} ${p.label.toLowerCase()}`).join(', ');
  if (job.state !== 'done') return `The job ended — ${STATE_LABELS[job.state].toLowerCase()}: ${counts}.`;
  switch (tour) {
    case 'import':
      return `The sample is imported: ${counts}.`;
    case 'export':
      return `Your Excel file is ready: ${counts}.`;
    case 'delete':
      return `Done, backup first: ${counts}.`;
  }
}

/** The finish message of a tour whose job ended. */
export function FinishMessage({
  tour,
  job,
}: {
  readonly tour: TourId;
  readonly job: JobSummary | null;
}): React.JSX.Element {
  const client = useQueryClient();
  const sample = useQuery(welcomeStateQuery()).data?.sample ?? null;
  const [error, setError] = useState<string | null>(null);
  const next = NEXT[tour];
  const goNext = (): void => {
    if (next.tour === null) {
      leaveTour();
      navigate({ screen: 'connections' });
      return;
    }
    startTour(next.tour, client, sample).catch((failure: unknown) => setError(errorMessage(failure)));
  };
  return (
    <div className="tour-bar__body" aria-live="polite" data-testid="tour-finish">
      <h2 className="tour-bar__title">
        <span className="tour-bar__number tour-bar__number--done" aria-hidden="true">
          ✓
        </span>
        {job ? headline(tour, job) : 'Tour complete.'}
      </h2>
      {job?.error ? <p className="alert alert--error">{job.error.message}</p> : null}
      <p className="tour-bar__text">
        <strong>What next? </strong>
        {WHAT_NEXT[tour]}
      </p>
      {job ? <ReportLinks reports={job.reports.filter((r) => MAIN_FILE[tour].test(r.path))} /> : null}
      <div className="tour-bar__actions">
        <button type="button" className="button button--primary button--small" onClick={goNext}>
          {next.label}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            leaveTour();
            navigate({ screen: 'welcome' });
          }}
        >
          Back to Welcome
        </button>
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
