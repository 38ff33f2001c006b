/**
 * Mapping profiles on the mapping step: the remembered-mapping notice, "Load a saved mapping", "Save
 * mapping as…", and the list to rename or delete them. A profile is the same JSON file the command
 * line's `--mapping` reads.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ImportChoicesView, ImportOpened } from '../../../../shared/ipc-import.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useApplyProfile, useSaveProfile } from './mutations.ts';
import { currentDraft, updateDraft } from './import-draft.ts';
import { readDraftFile } from './open-file.ts';
import { ProfileManager } from './ProfileManager.tsx';
import { profilesQuery } from './queries.ts';

/** Props of {@link ProfileBar}. */
export interface ProfileBarProps {
  readonly opened: ImportOpened;
  readonly choices: ImportChoicesView;
}

/** The profile tools above the mapping table. */
export function ProfileBar({ opened, choices }: ProfileBarProps): React.JSX.Element {
  const id = useId();
  const profiles = useQuery(profilesQuery()).data?.profiles ?? [];
  const apply = useApplyProfile();
  const save = useSaveProfile();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [confirmReplace, setConfirmReplace] = useState(false);
  const [problems, setProblems] = useState<ReadonlyArray<string>>([]);

  const load = async (profileId: string): Promise<void> => {
    setProblems([]);
    let result = await apply.mutateAsync({ sessionId: opened.sessionId, id: profileId, current: choices });
    if (result.reread) {
      // The profile reads another sheet or header row: read the file that way, then apply it again.
      await readDraftFile({ ...currentDraft().read, ...result.reread });
      const now = currentDraft();
      if (!now.opened || !now.choices) return;
      result = await apply.mutateAsync({
        sessionId: now.opened.sessionId,
        id: profileId,
        current: now.choices,
      });
    }
    const applied = result.choices;
    updateDraft((d) => ({
      ...d,
      choices: applied,
      touched: Object.fromEntries(Object.keys(applied.mapping).map((header) => [header, 'profile' as const])),
    }));
    setProblems([...result.errors, ...result.warnings]);
  };

  const doSave = (replace: boolean): void => {
    save.mutate(
      { name: name.trim(), replace, sessionId: opened.sessionId, choices },
      {
        onSuccess: () => {
          setSaving(false);
          setName('');
        },
      },
    );
  };
  const taken = profiles.some((p) => p.name.toLowerCase() === name.trim().toLowerCase());

  return (
    <div className="profile-bar">
      {opened.remembered ? (
        <p className="alert alert--success" role="status">
          Mapping remembered from your last import of a file with these columns.
        </p>
      ) : null}
      <div className="profile-bar__tools">
        <label htmlFor={`${id}-load`} className="visually-hidden">
          Load a saved mapping
        </label>
        <select
          id={`${id}-load`}
          value=""
          disabled={profiles.length === 0 || apply.isPending}
          onChange={(e) => {
            if (e.target.value) void load(e.target.value).catch(() => undefined);
          }}
        >
          <option value="">
            {profiles.length === 0 ? 'No saved mappings yet' : 'Load a saved mapping…'}
          </option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.columns} columns)
            </option>
          ))}
        </select>
        {saving ? (
          <form
            className="profile-bar__save"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim() === '') return;
              if (taken) setConfirmReplace(true);
              else doSave(false);
            }}
          >
            <label htmlFor={`${id}-name`} className="visually-hidden">
              Name of the mapping
            </label>
            <input
              id={`${id}-name`}
              className="input"
              placeholder="e.g. Trade fair leads"
              value={name}
              maxLength={200}
              autoFocus
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="button button--primary button--small" disabled={save.isPending}>
              Save
            </button>
            <button type="button" className="button button--small" onClick={() => setSaving(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" className="button button--small" onClick={() => setSaving(true)}>
            Save mapping as…
          </button>
        )}
        {profiles.length > 0 ? <ProfileManager profiles={profiles} /> : null}
      </div>
      {problems.length > 0 ? (
        <ul className="alert alert--warn profile-bar__problems" aria-label="Notes about the loaded mapping">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={confirmReplace}
        title="Replace the saved mapping?"
        message={`A mapping named "${name.trim()}" exists already. Saving replaces it.`}
        confirmLabel="Replace it"
        cancelLabel="Keep the old one"
        onCancel={() => setConfirmReplace(false)}
        onConfirm={() => {
          setConfirmReplace(false);
          doSave(true);
        }}
      />
    </div>
  );
}
