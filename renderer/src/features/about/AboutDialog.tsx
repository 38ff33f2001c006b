/**
 * The About box: the version and what runs Orgport, the connection in use, how API tokens are kept,
 * and the folders and files Orgport keeps on this machine — each with "Copy" and, where the OS can
 * show a folder from here, "Show in folder".
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AboutInfo, AboutPlace } from '../../../../shared/ipc-about.ts';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useModalDialog } from '../../components/useModalDialog.ts';
import { appInfoQuery } from '../connections/queries.ts';
import { copyText } from './copy-text.ts';
import { aboutQuery } from './queries.ts';

/** Props of {@link AboutDialog}. */
export interface AboutDialogProps {
  readonly open: boolean;
  onClose(): void;
}

/** "Desktop app · Electron 41.7.1 · Chromium 140.0 · Node 22.1.0", or the browser version's line. */
export function runtimeText(info: AboutInfo): string {
  const { electron, chrome, node } = info.versions;
  const parts = [info.runtime === 'desktop' ? 'Desktop app' : 'Browser version (orgport web)'];
  if (electron) parts.push(`Electron ${electron}`);
  if (chrome) parts.push(`Chromium ${chrome}`);
  parts.push(`Node ${node}`);
  return parts.join(' · ');
}

function connectionText(info: AboutInfo): string {
  if (!info.connection) return 'Not connected';
  return info.connection.kind === 'sandbox'
    ? 'Sandbox — practice data on this machine, not your Pipedrive'
    : `Pipedrive — ${info.connection.name}`;
}

function tokenText(info: AboutInfo): string {
  return info.tokenStorage === 'encrypted'
    ? 'Stored on this computer, encrypted with your operating system’s key store.'
    : 'Kept in memory only: enter them again after Orgport restarts.';
}

/** The modal About box; its content is read each time it opens. */
export function AboutDialog({ open, onClose }: AboutDialogProps): React.JSX.Element {
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      className="dialog about"
      aria-labelledby="about-title"
      data-testid="about-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {open ? <AboutContent dialog={ref} onClose={onClose} /> : null}
    </dialog>
  );
}

function AboutContent({
  dialog,
  onClose,
}: {
  readonly dialog: React.RefObject<HTMLDialogElement | null>;
  onClose(): void;
}): React.JSX.Element {
  const about = useQuery(aboutQuery());
  const canShow = useQuery(appInfoQuery()).data?.canShowInFolder === true;
  const info = about.data;
  return (
    <div className="about__body">
      <div className="about__head">
        <svg viewBox="0 0 24 24" className="about__mark" aria-hidden="true" focusable="false">
          <rect x="3" y="3" width="8" height="8" rx="2" />
          <rect x="13" y="13" width="8" height="8" rx="2" />
          <path d="M11 7h4a2 2 0 0 1 2 2v4" fill="none" strokeWidth="2" />
        </svg>
        <div>
          <h2 id="about-title" className="dialog__title">
            About Orgport
          </h2>
          <p className="muted about__tagline">
            Move Pipedrive organizations in and out of spreadsheets in bulk.
          </p>
        </div>
      </div>
      {info ? (
        <>
          <dl className="about__facts">
            <dt>Version</dt>
            <dd data-testid="about-version">{info.version}</dd>
            <dt>Running as</dt>
            <dd>{runtimeText(info)}</dd>
            <dt>Connection</dt>
            <dd data-testid="about-connection">{connectionText(info)}</dd>
            <dt>API tokens</dt>
            <dd>{tokenText(info)}</dd>
          </dl>
          <h3 className="about__subtitle">Where Orgport keeps its files</h3>
          <ul className="about__places">
            {info.places.map((place) => (
              <PlaceRow key={place.id} place={place} canShow={canShow} dialog={dialog} />
            ))}
          </ul>
        </>
      ) : about.error ? (
        <ErrorMessage error={about.error} title="The details could not be read." />
      ) : (
        <p className="muted">Loading…</p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}

function PlaceRow({
  place,
  canShow,
  dialog,
}: {
  readonly place: AboutPlace;
  readonly canShow: boolean;
  readonly dialog: React.RefObject<HTMLDialogElement | null>;
}): React.JSX.Element {
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (status === null) return;
    const timer = window.setTimeout(() => setStatus(null), 2500);
    return () => window.clearTimeout(timer);
  }, [status]);
  const copy = async (): Promise<void> => {
    setFailure(null);
    const copied = await copyText(place.path, dialog.current ?? undefined);
    if (copied) setStatus('Copied');
    else setFailure('Could not copy: select the path and copy it by hand.');
  };
  const show = (): void => {
    setFailure(null);
    unwrap(orgport().showInFolder({ path: place.path })).catch((error: unknown) =>
      setFailure(errorMessage(error)),
    );
  };
  return (
    <li className="about__place" data-place={place.id}>
      <div className="about__place-head">
        <span className="about__place-label">{place.label}</span>
        <span className="about__place-actions">
          <button
            type="button"
            className="button button--small"
            aria-label={`Copy the path of the ${place.label.toLowerCase()}`}
            onClick={() => void copy()}
          >
            {status ?? 'Copy'}
          </button>
          {canShow ? (
            <button
              type="button"
              className="button button--small"
              aria-label={`Show the ${place.label.toLowerCase()} in its folder`}
              onClick={show}
            >
              Show in folder
            </button>
          ) : null}
        </span>
      </div>
      <code className="about__path" data-testid={`about-path-${place.id}`}>
        {place.path}
      </code>
      <p className="help">{place.note}</p>
      <span className="visually-hidden" role="status">
        {status ? `${place.label} path copied` : ''}
      </span>
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure}
        </p>
      ) : null}
    </li>
  );
}
