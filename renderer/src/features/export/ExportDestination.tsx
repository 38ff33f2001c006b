/**
 * Where the file goes and the Start button, with a one-line summary of what will be exported. The
 * desktop app asks with the native save dialog; the browser version saves into its folder and offers
 * the file as a download when the export is done.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { orgport, unwrap } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { appInfoQuery } from '../connections/queries.ts';
import type { ExportFormat } from './export-settings.ts';

/** Props of {@link ExportDestination}. */
export interface ExportDestinationProps {
  readonly format: ExportFormat;
  readonly target: string | null;
  readonly onTarget: (target: string) => void;
  /** What will be exported, in one sentence. */
  readonly summary: string;
  /** Why the export cannot start yet (besides a missing destination); null when it can. */
  readonly blocker: string | null;
  readonly starting: boolean;
  readonly startError: unknown;
  /** Set once a job was started from here: the start button then says where to watch it. */
  readonly startedTitle: string | null;
}

/** The destination card; the surrounding form submits on its Start button. */
export function ExportDestination(props: ExportDestinationProps): React.JSX.Element {
  const { format, target, summary, blocker, starting, startError, startedTitle } = props;
  const id = useId();
  const info = useQuery(appInfoQuery()).data;
  const [pickError, setPickError] = useState<unknown>(null);
  const folderMode = info?.saveMode === 'folder';

  const choose = async (): Promise<void> => {
    setPickError(null);
    try {
      const picked = await unwrap(
        orgport().saveFileDialog({
          title: 'Export organizations to…',
          defaultName: `organizations.${format}`,
          filters: [{ name: format === 'xlsx' ? 'Excel workbook' : 'CSV file', extensions: [format] }],
        }),
      );
      if (picked) props.onTarget(picked.path);
    } catch (error) {
      setPickError(error);
    }
  };

  const reason = !target ? 'Choose where to save the file first.' : blocker;
  return (
    <section className="card export-card export-destination" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Destination</h2>
      <div className="destination">
        <code data-testid="export-target" className={target ? undefined : 'muted'}>
          {target ?? 'not chosen yet'}
        </code>
        <button type="button" className="button" onClick={() => void choose()}>
          {folderMode ? 'Choose file name' : target ? 'Change…' : 'Choose where to save…'}
        </button>
      </div>
      {folderMode && info.saveFolder ? (
        <p className="help">
          This version saves into <code>{info.saveFolder}</code>; when the export is done, “Open file”
          downloads it.
        </p>
      ) : null}
      <ErrorMessage error={pickError} />
      <ErrorMessage error={startError} title="The export did not start." />
      <div className="export-destination__go">
        <p className="export-summary" data-testid="export-summary">
          {summary}
        </p>
        <div className="export-destination__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={reason !== null || starting}
            aria-describedby={reason ? `${id}-reason` : undefined}
          >
            {starting ? 'Starting…' : 'Start export'}
          </button>
          {reason ? (
            <span className="help" id={`${id}-reason`}>
              {reason}
            </span>
          ) : null}
        </div>
      </div>
      {startedTitle ? (
        <p className="alert alert--success" role="status">
          Started: {startedTitle}. Its progress is shown below; when it is done, “Open file” opens the result.
        </p>
      ) : null}
    </section>
  );
}
