/**
 * Import: drop or pick a file, map its columns (1), check every row and fix what is wrong (2), and
 * import (3). The draft lives outside the screen (import-draft.ts), so a file dropped on any screen
 * lands here and leaving mid-way loses nothing.
 */
import { useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { routeHref } from '../../routing.ts';
import { activeConnectionQuery } from '../connections/queries.ts';
import { CheckStep } from './CheckStep.tsx';
import { ColumnsStep } from './ColumnsStep.tsx';
import { DropStart } from './DropStart.tsx';
import { useImportDraft, type ImportStep } from './import-draft.ts';
import { discardImport, readDraftFile } from './open-file.ts';
import { RunStep } from './RunStep.tsx';
import { usePreview } from './usePreview.ts';
import './import.css';

const STEPS: ReadonlyArray<{ readonly step: ImportStep; readonly label: string }> = [
  { step: 'columns', label: 'Columns' },
  { step: 'check', label: 'Check' },
  { step: 'run', label: 'Import' },
];

/** The Import screen. */
export function ImportScreen(): React.JSX.Element {
  const connected = useQuery(activeConnectionQuery()).data != null;
  const draft = useImportDraft();
  const { opened, choices, step } = draft;
  // Previews stop once the job runs; the Check step plans rows against the organizations.
  const preview = usePreview(opened?.sessionId ?? null, step === 'run' ? null : choices, step === 'check');

  if (!draft.file) return <DropStart connected={connected} error={draft.openError} />;
  if (!opened || !choices) {
    return (
      <div className="screen">
        <h1>Import organizations</h1>
        {draft.opening ? (
          <p className="muted" role="status">
            Reading {draft.file.name}…
          </p>
        ) : null}
        {draft.openError ? (
          <>
            <ErrorMessage error={draft.openError} title={`${draft.file.name} could not be opened.`} />
            {connected ? null : (
              <p>
                <a href={routeHref({ screen: 'connections' })}>Connect first</a>, then try again.
              </p>
            )}
            <div className="step-actions">
              <button type="button" className="button" onClick={() => void readDraftFile(draft.read)}>
                Try again
              </button>
              <button type="button" className="button button--quiet" onClick={discardImport}>
                Choose another file
              </button>
            </div>
          </>
        ) : null}
      </div>
    );
  }

  const current = STEPS.findIndex((s) => s.step === step);
  return (
    <div className="screen screen--wide">
      <header className="import-header">
        <div>
          <h1>Import organizations</h1>
          <p className="muted">
            From <strong>{opened.file.name}</strong>
          </p>
        </div>
        <ol className="steps" aria-label="Steps">
          {STEPS.map((s, i) => (
            <li
              key={s.step}
              className={`steps__item${i === current ? ' steps__item--current' : ''}${i < current ? ' steps__item--done' : ''}`}
              aria-current={i === current ? 'step' : undefined}
            >
              <span className="steps__number">{i + 1}</span> {s.label}
            </li>
          ))}
        </ol>
        {step !== 'run' ? (
          <button type="button" className="button button--quiet" onClick={discardImport}>
            Start over
          </button>
        ) : null}
      </header>
      {step === 'columns' ? (
        <ColumnsStep
          draft={draft}
          opened={opened}
          choices={choices}
          preview={preview}
          onReread={(read) => void readDraftFile(read)}
        />
      ) : null}
      {step === 'check' ? <CheckStep opened={opened} choices={choices} preview={preview} /> : null}
      {step === 'run' && draft.jobId ? <RunStep jobId={draft.jobId} choices={choices} /> : null}
    </div>
  );
}
