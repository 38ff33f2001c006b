/**
 * The Import screen before a file is chosen: a drop zone (the whole window accepts the file too), the
 * picker, and the imports that stopped before the end, each with Resume — a stopped import (budget,
 * network, a restart) continues exactly where it stopped.
 */
import { useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { routeHref } from '../../routing.ts';
import { STATE_LABELS, formatCount, formatDateTime } from '../jobs/format.ts';
import { useResumeJob } from '../jobs/mutations.ts';
import { jobsQuery } from '../jobs/queries.ts';
import { pickAndImport } from './open-file.ts';

/** Props of {@link DropStart}. */
export interface DropStartProps {
  readonly connected: boolean;
  readonly error: string | null;
}

/** The first view of the Import screen. */
export function DropStart({ connected, error }: DropStartProps): React.JSX.Element {
  return (
    <div className="screen">
      <header className="screen__header">
        <h1>Import organizations</h1>
        <p className="muted">
          Create or update organizations from a spreadsheet. Every cell is checked and every problem shown
          before anything is sent to Pipedrive.
        </p>
      </header>
      {connected ? null : (
        <p className="alert alert--warn">
          You are not connected yet:{' '}
          <a href={routeHref({ screen: 'connections' })}>choose the sandbox or your Pipedrive company</a>{' '}
          first, so the columns can be matched to its fields.
        </p>
      )}
      <div className="drop-zone" data-testid="import-drop-zone">
        <svg viewBox="0 0 24 24" className="drop-zone__icon" aria-hidden="true" focusable="false">
          <path
            d="M12 15V3m0 12 4-4m-4 4-4-4M5 15v4h14v-4"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <p className="drop-zone__title">Drop a spreadsheet anywhere in this window</p>
        <p className="help">CSV, TSV or TXT (any encoding and delimiter) or Excel .xlsx</p>
        <button type="button" className="button button--primary" onClick={() => void pickAndImport()}>
          Choose file…
        </button>
      </div>
      <ErrorMessage error={error} title="The file could not be opened." />
      <UnfinishedImports connected={connected} />
    </div>
  );
}

/** Import jobs that stopped or are paused, with Resume. */
function UnfinishedImports({ connected }: { readonly connected: boolean }): React.JSX.Element | null {
  const jobs = useQuery(jobsQuery()).data ?? [];
  const resume = useResumeJob();
  const unfinished = jobs.filter(
    (job) => job.kind === 'import' && (job.state === 'stopped' || job.state === 'paused'),
  );
  if (unfinished.length === 0) return null;
  return (
    <section className="card" aria-labelledby="unfinished-imports">
      <h2 id="unfinished-imports">Unfinished imports</h2>
      <p className="help">
        These imports stopped before the end. Resuming continues with the rows not done yet; nothing is sent
        twice.{connected ? '' : ' Connect to the company they were running against to resume them.'}
      </p>
      <ul className="unfinished">
        {unfinished.map((job) => (
          <li key={job.id} className="unfinished__item">
            <span>
              <a href={routeHref({ screen: 'history', jobId: job.id })}>{job.title}</a>
              <span className="help">
                {STATE_LABELS[job.state]} · {formatCount(job.current)}
                {job.total === null ? '' : ` of ${formatCount(job.total)}`} rows · started{' '}
                {formatDateTime(job.createdAt)}
                {job.error ? ` · ${job.error.message}` : ''}
              </span>
            </span>
            <button
              type="button"
              className="button button--primary button--small"
              disabled={!connected || resume.isPending}
              onClick={() => resume.mutate(job.id)}
            >
              Resume
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
