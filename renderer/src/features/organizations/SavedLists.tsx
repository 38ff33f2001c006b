/**
 * Named lists of organization IDs: save the current selection under a name, reload one later (it
 * replaces the selection), or remove one. A list is the IDs themselves, not a filter to run again.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatCount, formatDateTime } from '../jobs/format.ts';
import { useDeleteSelection, useLoadSelection, useSaveSelection } from './mutations.ts';
import { savedSelectionsQuery } from './queries.ts';

/** Props of {@link SavedLists}. */
export interface SavedListsProps {
  /** The IDs "Save" stores (empty: nothing to save). */
  readonly ids: () => ReadonlyArray<number>;
  readonly count: number;
  readonly source: string | null;
  /** A list was loaded. */
  readonly onLoad: (ids: ReadonlyArray<number>, name: string) => void;
}

/** Save and load controls. */
export function SavedLists({ ids, count, source, onLoad }: SavedListsProps): React.JSX.Element {
  const id = useId();
  const lists = useQuery(savedSelectionsQuery());
  const save = useSaveSelection();
  const load = useLoadSelection();
  const remove = useDeleteSelection();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const picked = lists.data?.find((list) => list.name === chosen) ?? null;

  return (
    <div className="orgs-lists">
      <form
        className="orgs-lists__row"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(null);
          save.mutate(
            { name, ids: ids(), ...(source ? { source } : {}) },
            {
              onSuccess: (list) => {
                setSaved(`Saved “${list.name}” (${formatCount(list.count)} organizations).`);
                setName('');
              },
            },
          );
        }}
      >
        <label htmlFor={`${id}-name`} className="orgs-field__label">
          Save selection as
        </label>
        <input
          id={`${id}-name`}
          className="orgs-input"
          placeholder="List name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="submit"
          className="button button--small"
          disabled={count === 0 || name.trim() === '' || save.isPending}
        >
          Save list
        </button>
      </form>
      <div className="orgs-lists__row">
        <label htmlFor={`${id}-load`} className="orgs-field__label">
          Saved lists
        </label>
        <select
          id={`${id}-load`}
          className="orgs-input"
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
          disabled={!lists.data || lists.data.length === 0}
        >
          <option value="">{lists.data?.length === 0 ? 'No saved lists yet' : 'Choose a list…'}</option>
          {(lists.data ?? []).map((list) => (
            <option key={list.name} value={list.name}>
              {list.name} ({formatCount(list.count)})
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small"
          disabled={!picked || load.isPending}
          onClick={() =>
            picked &&
            load.mutate(picked.name, {
              onSuccess: (list) => {
                onLoad(list.ids, list.name);
                setSaved(`Loaded “${list.name}”: ${formatCount(list.ids.length)} organizations selected.`);
              },
            })
          }
        >
          Load
        </button>
        <button
          type="button"
          className="button button--small button--danger-quiet"
          disabled={!picked || remove.isPending}
          onClick={() => picked && remove.mutate(picked.name, { onSuccess: () => setChosen('') })}
        >
          Remove list
        </button>
      </div>
      {picked ? (
        <p className="help">
          Saved {formatDateTime(picked.updatedAt)}
          {picked.source ? ` · ${picked.source}` : ''}
        </p>
      ) : null}
      {saved ? (
        <p className="help" role="status">
          {saved}
        </p>
      ) : null}
      <ErrorMessage error={save.error} title="The list was not saved." />
      <ErrorMessage error={load.error} title="The list could not be loaded." />
    </div>
  );
}
