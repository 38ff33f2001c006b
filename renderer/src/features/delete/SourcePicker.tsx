/**
 * Where the IDs to delete come from: the selection made on the Organizations screen, a file, pasted
 * text, or a saved list. Each source reports its candidates; none of them deletes or even looks
 * anything up in Pipedrive — the preview does the looking up.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { orgport, unwrap } from '../../api.ts';
import { routeHref } from '../../routing.ts';
import { formatCount } from '../jobs/format.ts';
import { savedSelectionsQuery } from '../organizations/queries.ts';
import type { DeleteCandidates } from './delete-draft.ts';
import { FileSource } from './FileSource.tsx';
import { PasteSource } from './PasteSource.tsx';

/** The kinds of source. */
export type SourceKind = 'selection' | 'file' | 'paste' | 'saved';

const TABS: ReadonlyArray<{ readonly kind: SourceKind; readonly label: string }> = [
  { kind: 'selection', label: 'Selected in Organizations' },
  { kind: 'file', label: 'From a file' },
  { kind: 'paste', label: 'Paste IDs' },
  { kind: 'saved', label: 'Saved list' },
];

/** Props of {@link SourcePicker}. */
export interface SourcePickerProps {
  readonly kind: SourceKind;
  readonly handedOver: DeleteCandidates | null;
  readonly onKind: (kind: SourceKind) => void;
  readonly onCandidates: (candidates: DeleteCandidates | null) => void;
}

/** The source tabs and the chosen source. */
export function SourcePicker({
  kind,
  handedOver,
  onKind,
  onCandidates,
}: SourcePickerProps): React.JSX.Element {
  const id = useId();
  return (
    <div className="del-sources">
      <div className="del-tabs" role="tablist" aria-label="Where the IDs come from">
        {TABS.map((tab) => (
          <button
            key={tab.kind}
            type="button"
            role="tab"
            id={`${id}-${tab.kind}`}
            aria-selected={kind === tab.kind}
            aria-controls={`${id}-panel`}
            className={`del-tab${kind === tab.kind ? ' del-tab--current' : ''}`}
            onClick={() => {
              onCandidates(null);
              onKind(tab.kind);
            }}
          >
            {tab.label}
            {tab.kind === 'selection' && handedOver ? ` (${formatCount(handedOver.ids.length)})` : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${kind}`} className="del-panel">
        {kind === 'selection' ? (
          <SelectionSource handedOver={handedOver} onCandidates={onCandidates} />
        ) : null}
        {kind === 'file' ? <FileSource onCandidates={onCandidates} /> : null}
        {kind === 'paste' ? <PasteSource onCandidates={onCandidates} /> : null}
        {kind === 'saved' ? <SavedListSource onCandidates={onCandidates} /> : null}
      </div>
    </div>
  );
}

function SelectionSource({
  handedOver,
  onCandidates,
}: {
  readonly handedOver: DeleteCandidates | null;
  readonly onCandidates: (candidates: DeleteCandidates | null) => void;
}): React.JSX.Element {
  useEffect(() => onCandidates(handedOver), [handedOver, onCandidates]);
  if (!handedOver) {
    return (
      <p className="help">
        Nothing is selected yet. Tick organizations on the{' '}
        <a href={routeHref({ screen: 'organizations' })}>Organizations</a> screen (or select every match of a
        filter), then choose “Delete selected…”.
      </p>
    );
  }
  return (
    <p>
      <strong>{formatCount(handedOver.ids.length)}</strong> organizations {handedOver.source}.{' '}
      <a href={routeHref({ screen: 'organizations' })}>Change the selection</a>
    </p>
  );
}

function SavedListSource({
  onCandidates,
}: {
  readonly onCandidates: (candidates: DeleteCandidates | null) => void;
}): React.JSX.Element {
  const id = useId();
  const lists = useQuery(savedSelectionsQuery());
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState<number | null>(null);

  const load = async (chosen: string): Promise<void> => {
    setName(chosen);
    setLoaded(null);
    setError(null);
    onCandidates(null);
    if (chosen === '') return;
    try {
      const list = await unwrap(orgport().loadSelection({ name: chosen }));
      setLoaded(list.ids.length);
      onCandidates({ ids: list.ids, source: `saved list "${list.name}"` });
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="del-source">
      <label htmlFor={`${id}-list`} className="del-label">
        Saved list
      </label>
      <select
        id={`${id}-list`}
        className="del-input"
        value={name}
        onChange={(event) => void load(event.target.value)}
        disabled={!lists.data || lists.data.length === 0}
      >
        <option value="">
          {lists.data?.length === 0 ? 'No saved lists yet (save one on the Organizations screen)' : 'Choose…'}
        </option>
        {(lists.data ?? []).map((list) => (
          <option key={list.name} value={list.name}>
            {list.name} ({formatCount(list.count)})
          </option>
        ))}
      </select>
      {loaded !== null ? (
        <p role="status">
          <strong>{formatCount(loaded)}</strong> organizations in this list.
        </p>
      ) : null}
      <ErrorMessage error={error ?? lists.error} title="The list could not be loaded." />
    </div>
  );
}
