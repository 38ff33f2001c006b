/** The files a job wrote, each with "Open" and (where the OS allows) "Show in folder". */
import { useQuery } from '@tanstack/react-query';
import type { JobReport } from '../../../../shared/jobs.ts';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { useNotify } from '../../notifications/useNotify.ts';
import { appInfoQuery } from '../connections/queries.ts';

/** Lists the reports; nothing when there are none. */
export function ReportLinks({
  reports,
}: {
  readonly reports: ReadonlyArray<JobReport>;
}): React.JSX.Element | null {
  const notify = useNotify();
  const info = useQuery(appInfoQuery()).data;
  if (reports.length === 0) return null;
  const run = (action: Promise<unknown>): void => {
    action.catch((error: unknown) => notify({ tone: 'error', message: errorMessage(error) }));
  };
  return (
    <ul className="reports" aria-label="Files written by this job">
      {reports.map((report) => (
        <li key={report.path} className="reports__item">
          <span className="reports__label">{report.label}</span>
          <code className="reports__path" title={report.path}>
            {report.path}
          </code>
          <span className="reports__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => run(unwrap(orgport().openPath({ path: report.path })))}
            >
              Open file
            </button>
            {info?.canShowInFolder ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => run(unwrap(orgport().showInFolder({ path: report.path })))}
              >
                Show in folder
              </button>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
