/** The saved profiles, each with Connect, Test, Edit and Delete (the built-in sandbox cannot be deleted). */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActiveConnection, ConnectionProfile } from '../../../../shared/ipc.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatDateTime } from '../jobs/format.ts';
import { useActivateConnection, useDeleteConnection, useDisconnect, useTestConnection } from './mutations.ts';
import { connectionsQuery } from './queries.ts';
import { TestResult } from './TestResult.tsx';

/** Props of {@link SavedConnections}. */
export interface SavedConnectionsProps {
  readonly active: ActiveConnection | null;
  onEdit(profile: ConnectionProfile): void;
}

/** The list. */
export function SavedConnections({ active, onEdit }: SavedConnectionsProps): React.JSX.Element {
  const profiles = useQuery(connectionsQuery());
  const activate = useActivateConnection();
  const disconnect = useDisconnect();
  const remove = useDeleteConnection();
  const test = useTestConnection();
  const [deleting, setDeleting] = useState<ConnectionProfile | null>(null);
  const [tested, setTested] = useState<string | null>(null);

  return (
    <section className="card" aria-labelledby="saved-title">
      <h2 id="saved-title">Saved connections</h2>
      <ErrorMessage error={profiles.error} />
      <ErrorMessage error={activate.error} title="Could not connect." />
      <ul className="profiles">
        {(profiles.data ?? []).map((profile) => {
          const isActive = active?.profile.id === profile.id;
          return (
            <li
              key={profile.id}
              className={`profile${isActive ? ' profile--active' : ''}`}
              data-profile-id={profile.id}
            >
              <div className="profile__main">
                <span className={`kind-dot kind-dot--${profile.kind}`} aria-hidden="true" />
                <div>
                  <div className="profile__name">
                    {profile.name} {isActive ? <span className="badge badge--running">Active</span> : null}
                  </div>
                  <div className="muted profile__meta">
                    {profile.kind === 'sandbox' ? 'Demo data, runs inside Orgport' : profile.baseUrl}
                    {profile.kind === 'pipedrive'
                      ? profile.hasToken
                        ? ' · token saved'
                        : ' · no token saved'
                      : ''}
                    {profile.lastUsedAt ? ` · last used ${formatDateTime(profile.lastUsedAt)}` : ''}
                  </div>
                </div>
              </div>
              <div className="profile__actions">
                {isActive ? (
                  <button type="button" className="button button--small" onClick={() => disconnect.mutate()}>
                    Disconnect
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button--small button--primary"
                    disabled={activate.isPending}
                    onClick={() => activate.mutate(profile.id)}
                    aria-label={`Connect to ${profile.name}`}
                  >
                    Connect
                  </button>
                )}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    setTested(profile.id);
                    test.mutate({ profileId: profile.id });
                  }}
                  aria-label={`Test ${profile.name}`}
                >
                  Test
                </button>
                {profile.kind === 'pipedrive' ? (
                  <>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => onEdit(profile)}
                      aria-label={`Edit ${profile.name}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger-quiet"
                      onClick={() => setDeleting(profile)}
                      aria-label={`Delete ${profile.name}`}
                    >
                      Delete
                    </button>
                  </>
                ) : null}
              </div>
              {tested === profile.id && test.data ? <TestResult result={test.data} /> : null}
              {tested === profile.id ? <ErrorMessage error={test.error} /> : null}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        message="The saved connection and its token are removed from this computer. Nothing changes in Pipedrive."
        confirmLabel="Delete connection"
        cancelLabel="Keep it"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
          setDeleting(null);
        }}
      />
    </section>
  );
}
