/** The saved mappings in a disclosure: rename one in place, or delete it after a confirmation. */
import { useState } from 'react';
import type { MappingProfileView } from '../../../../shared/ipc-import.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDateTime } from '../jobs/format.ts';
import { useDeleteProfile, useRenameProfile } from './mutations.ts';

/** Lists the profiles with Rename and Delete. */
export function ProfileManager({
  profiles,
}: {
  readonly profiles: ReadonlyArray<MappingProfileView>;
}): React.JSX.Element {
  const rename = useRenameProfile();
  const remove = useDeleteProfile();
  const [editing, setEditing] = useState<string | null>(null);
  const [draftName, setDraftName] = useState('');
  const [deleting, setDeleting] = useState<MappingProfileView | null>(null);

  return (
    <details className="profile-manager">
      <summary>Manage saved mappings</summary>
      <ul className="profile-manager__list">
        {profiles.map((profile) => (
          <li key={profile.id} className="profile-manager__item">
            {editing === profile.id ? (
              <form
                className="profile-manager__rename"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (draftName.trim() === '') return;
                  rename.mutate(
                    { id: profile.id, name: draftName.trim() },
                    { onSuccess: () => setEditing(null) },
                  );
                }}
              >
                <input
                  className="input"
                  aria-label={`New name for "${profile.name}"`}
                  value={draftName}
                  autoFocus
                  maxLength={200}
                  onChange={(e) => setDraftName(e.target.value)}
                />
                <button
                  type="submit"
                  className="button button--small button--primary"
                  disabled={rename.isPending}
                >
                  Rename
                </button>
                <button type="button" className="button button--small" onClick={() => setEditing(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <span>
                  <strong>{profile.name}</strong>
                  <span className="help">
                    {profile.columns} columns{profile.mode ? ` · ${profile.mode}` : ''} · saved{' '}
                    {formatDateTime(profile.updatedAt)}
                  </span>
                </span>
                <span className="profile-manager__actions">
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    onClick={() => {
                      setEditing(profile.id);
                      setDraftName(profile.name);
                    }}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="button button--small button--danger-quiet"
                    onClick={() => setDeleting(profile)}
                  >
                    Delete
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this saved mapping?"
        message={`"${deleting?.name ?? ''}" is deleted from this computer; files imported with it are not affected.`}
        confirmLabel="Delete it"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate({ id: deleting.id });
          setDeleting(null);
        }}
      />
    </details>
  );
}
