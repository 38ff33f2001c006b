/**
 * Organizations: the connected company's organizations in a virtualised table with search, filters,
 * sortable columns and a column chooser; tick rows (shift-click for a range) or select every match;
 * save the selection as a named list; "Delete selected…" leads to the delete preview, where nothing
 * happens without a typed confirmation.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { BrowseCriteria } from '../../../../shared/ipc-delete.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { useNotify } from '../../notifications/useNotify.ts';
import { navigate, routeHref } from '../../routing.ts';
import { activeConnectionQuery } from '../connections/queries.ts';
import { handOver } from '../delete/delete-draft.ts';
import { formatCount } from '../jobs/format.ts';
import {
  DEFAULT_COLUMNS,
  clearSelection,
  currentQuery,
  currentSelectionSource,
  replaceSelection,
  selectedIds,
  selectionAnchor,
  setMany,
  setQuery,
  toggleOne,
  useBrowseState,
} from './browse-state.ts';
import { ColumnChooser } from './ColumnChooser.tsx';
import { describeCriteria } from './describe-criteria.ts';
import { FilterBar } from './FilterBar.tsx';
import { OrgTable } from './OrgTable.tsx';
import { fieldsQuery, savedFiltersQuery, usersQuery } from './queries.ts';
import { SavedLists } from './SavedLists.tsx';
import { SelectionBar } from './SelectionBar.tsx';
import { useBrowseSession } from './useBrowseSession.ts';
import { useRowBlocks } from './useRowBlocks.ts';
import './organizations.css';

/** The Organizations screen. */
export function OrganizationsScreen(): React.JSX.Element {
  const active = useQuery(activeConnectionQuery()).data ?? null;
  if (!active) {
    return (
      <div className="screen">
        <h1>Organizations</h1>
        <p className="empty">
          Connect first:{' '}
          <a href={routeHref({ screen: 'connections' })}>choose the sandbox or your Pipedrive company</a>.
        </p>
      </div>
    );
  }
  return <Browser profileId={active.profile.id} companyId={active.account.company.id} />;
}

function Browser({
  profileId,
  companyId,
}: {
  readonly profileId: string;
  readonly companyId: number;
}): React.JSX.Element {
  const version = useBrowseState();
  const notify = useNotify();
  const fields = useQuery(fieldsQuery(profileId));
  const users = useQuery(usersQuery(profileId));
  const filters = useQuery(savedFiltersQuery(profileId));
  const query = currentQuery();
  const fieldKeys = useMemo(() => new Set((fields.data ?? []).map((f) => f.key)), [fields.data]);
  const columns = useMemo(
    () => (fields.data ? (query.columns ?? DEFAULT_COLUMNS).filter((key) => fieldKeys.has(key)) : null),
    [fields.data, fieldKeys, query.columns],
  );
  const { session, progress, error, opening, report } = useBrowseSession(
    `${profileId}:${companyId}`,
    query,
    columns,
  );
  const blocks = useRowBlocks(session?.sessionId ?? null, report);
  const names = { fields: fields.data ?? [], users: users.data ?? [], filters: filters.data ?? [] };

  const onCriteria = useCallback((criteria: BrowseCriteria) => setQuery((q) => ({ ...q, criteria })), []);
  const onSort = (key: string): void =>
    setQuery((q) => ({
      ...q,
      sort: { key, direction: q.sort.key === key && q.sort.direction === 'asc' ? 'desc' : 'asc' },
    }));
  const onTick = (id: number, index: number, on: boolean, range: boolean): void => {
    const anchor = selectionAnchor();
    if (!range || anchor === null || !session) {
      toggleOne(id, index, on);
      return;
    }
    const [from, to] = anchor < index ? [anchor, index + 1] : [index, anchor + 1];
    unwrap(orgport().browseIds({ sessionId: session.sessionId, from, to })).then(
      (ids) => setMany(ids, on),
      (failure: unknown) => notify({ tone: 'error', message: errorMessage(failure) }),
    );
  };
  const count = selectedIds().size;

  return (
    <div className="screen screen--wide">
      <header className="screen__header orgs-header">
        <div>
          <h1>Organizations</h1>
          <p className="muted">
            {progress
              ? progress.complete
                ? `${formatCount(progress.loaded)} organizations match.`
                : `${formatCount(progress.loaded)} loaded so far; more are read as you scroll.`
              : 'Loading…'}{' '}
            Tick organizations to save them as a list or to delete them (with a preview first).
          </p>
        </div>
        {fields.data && columns ? (
          <ColumnChooser
            fields={fields.data}
            columns={columns}
            onChange={(next) => setQuery((q) => ({ ...q, columns: next }))}
          />
        ) : null}
      </header>
      <FilterBar
        criteria={query.criteria}
        fields={names.fields}
        users={names.users}
        filters={names.filters}
        onChange={onCriteria}
      />
      <SelectionBar
        sessionId={opening ? null : (session?.sessionId ?? null)}
        progress={progress}
        count={count}
        report={report}
        onSelectAll={(ids) => setMany(ids, true, describeCriteria(query.criteria, names))}
        onClear={clearSelection}
        onDelete={() => {
          const source = currentSelectionSource();
          handOver({
            ids: [...selectedIds()],
            source: `selected in Organizations${source ? ` (${source})` : ''}`,
          });
          navigate({ screen: 'delete' });
        }}
      />
      <ErrorMessage error={fields.error} title="The fields could not be loaded." />
      <ErrorMessage error={error ?? blocks.error} title="The organizations could not be loaded." />
      {session && progress ? (
        <OrgTable
          columns={session.columns}
          progress={progress}
          sortNeedsAll={session.sortNeedsAll}
          stale={opening}
          sort={query.sort}
          blocks={blocks}
          selectionVersion={version}
          onSort={onSort}
          onTick={onTick}
        />
      ) : null}
      <details className="card orgs-saved">
        <summary>Saved lists</summary>
        <SavedLists
          ids={() => [...selectedIds()]}
          count={count}
          source={currentSelectionSource()}
          onLoad={(ids, name) => replaceSelection(ids, `saved list "${name}"`)}
        />
      </details>
    </div>
  );
}
