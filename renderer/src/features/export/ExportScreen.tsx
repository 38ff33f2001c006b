/**
 * Export: choose a format and where the file goes, start, and watch the job panel. The field choice
 * and filters of issue 3 are added here by the export work; this screen already runs a complete export
 * of every organization and field.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { orgport, unwrap } from '../../api.ts';
import { routeHref } from '../../routing.ts';
import { activeConnectionQuery, appInfoQuery } from '../connections/queries.ts';
import { useStartJob } from '../jobs/mutations.ts';

type Format = 'xlsx' | 'csv';

const FORMATS: ReadonlyArray<{ readonly value: Format; readonly label: string; readonly help: string }> = [
  {
    value: 'xlsx',
    label: 'Excel workbook (.xlsx)',
    help: 'Dates and numbers as real cells; a second sheet describes the export.',
  },
  {
    value: 'csv',
    label: 'CSV (.csv)',
    help: 'UTF-8 with BOM, opens correctly in Excel; for other tools and scripts.',
  },
];

/** The Export screen. */
export function ExportScreen(): React.JSX.Element {
  const id = useId();
  const active = useQuery(activeConnectionQuery()).data ?? null;
  const info = useQuery(appInfoQuery()).data;
  const [format, setFormat] = useState<Format>('xlsx');
  const [target, setTarget] = useState<string | null>(null);
  const [pickError, setPickError] = useState<unknown>(null);
  const start = useStartJob();

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
      if (picked) setTarget(picked.path);
    } catch (error) {
      setPickError(error);
    }
  };

  if (!active) {
    return (
      <div className="screen">
        <h1>Export organizations</h1>
        <p className="empty">
          Connect first:{' '}
          <a href={routeHref({ screen: 'connections' })}>choose the sandbox or your Pipedrive company</a>.
        </p>
      </div>
    );
  }

  return (
    <div className="screen">
      <header className="screen__header">
        <h1>Export organizations</h1>
        <p className="muted">
          Every organization of <strong>{active.account.company.name}</strong> with every field, readable:
          field names as headers, labels instead of ids. The first column is the Pipedrive ID, so the file can
          be imported back as an update.
        </p>
      </header>
      <form
        className="card form"
        onSubmit={(event) => {
          event.preventDefault();
          if (target) start.mutate({ kind: 'export', spec: { out: target, format } });
        }}
      >
        <fieldset className="choices">
          <legend>Format</legend>
          {FORMATS.map((option) => (
            <label key={option.value} className="choice">
              <input
                type="radio"
                name={`${id}-format`}
                value={option.value}
                checked={format === option.value}
                onChange={() => {
                  setFormat(option.value);
                  setTarget(null);
                }}
              />
              <span>
                <span className="choice__label">{option.label}</span>
                <span className="help">{option.help}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <span className="field__label" id={`${id}-dest`}>
            Destination
          </span>
          <div className="destination" aria-labelledby={`${id}-dest`}>
            <code data-testid="export-target">{target ?? 'not chosen yet'}</code>
            <button type="button" className="button" onClick={() => void choose()}>
              {info?.saveMode === 'folder' ? 'Choose file name' : 'Choose where to save…'}
            </button>
          </div>
          {info?.saveMode === 'folder' && info.saveFolder ? (
            <p className="help">
              This version saves into <code>{info.saveFolder}</code>; when the export is done, “Open file”
              downloads it.
            </p>
          ) : null}
        </div>
        <ErrorMessage error={pickError} />
        <ErrorMessage error={start.error} title="The export did not start." />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={!target || start.isPending}>
            {start.isPending ? 'Starting…' : 'Start export'}
          </button>
        </div>
      </form>
    </div>
  );
}
