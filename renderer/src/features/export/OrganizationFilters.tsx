/**
 * Which organizations to export: an owner or a saved Pipedrive filter (never both: Pipedrive ignores
 * the owner when a filter is used, so the screen offers one at a time and says why), the update-time
 * range, and the row order.
 */
import { useId } from 'react';
import type { SavedFilter } from '../../../../shared/ipc-export.ts';
import type { PipedriveUser } from '../../../../shared/model.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { SORTS, dateRangeProblem, type SortChoice } from './export-settings.ts';

/** A list that may still be loading or may have failed. */
export interface Loadable<T> {
  readonly data: ReadonlyArray<T> | undefined;
  readonly error: unknown;
  readonly isPending: boolean;
}

/** Props of {@link OrganizationFilters}. */
export interface OrganizationFiltersProps {
  readonly users: Loadable<PipedriveUser>;
  readonly filters: Loadable<SavedFilter>;
  readonly ownerId: number | null;
  readonly filterId: number | null;
  readonly updatedFrom: string;
  readonly updatedTo: string;
  readonly sort: SortChoice;
  readonly onOwner: (ownerId: number | null) => void;
  readonly onFilter: (filterId: number | null) => void;
  readonly onDates: (dates: { readonly updatedFrom: string; readonly updatedTo: string }) => void;
  readonly onSort: (sort: SortChoice) => void;
}

const byName = (a: PipedriveUser, b: PipedriveUser): number => a.name.localeCompare(b.name);

/** The filters card. */
export function OrganizationFilters(props: OrganizationFiltersProps): React.JSX.Element {
  const { users, filters, ownerId, filterId, updatedFrom, updatedTo, sort } = props;
  const id = useId();
  const active = (users.data ?? []).filter((u) => u.active_flag && !u.is_deleted).sort(byName);
  const inactive = (users.data ?? []).filter((u) => !u.active_flag || u.is_deleted).sort(byName);
  const rangeProblem = dateRangeProblem(updatedFrom, updatedTo);
  const noFilters = filters.data !== undefined && filters.data.length === 0;

  return (
    <section className="card export-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Which organizations</h2>
      <p className="help">All of them unless you narrow it down here.</p>
      <div className="export-filters">
        <div className="field">
          <label htmlFor={`${id}-owner`} className="field__label">
            Owned by
          </label>
          <select
            id={`${id}-owner`}
            className="export-select"
            value={ownerId ?? ''}
            disabled={filterId !== null || users.isPending}
            aria-describedby={filterId !== null ? `${id}-exclusive` : undefined}
            onChange={(event) => props.onOwner(event.target.value ? Number(event.target.value) : null)}
          >
            <option value="">{users.isPending ? 'Loading users…' : 'Any owner'}</option>
            {active.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
            {inactive.length > 0 ? (
              <optgroup label="No longer active">
                {inactive.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name} ({user.is_deleted ? 'deleted' : 'deactivated'})
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          <ErrorMessage error={users.error} title="The users could not be loaded." />
        </div>
        <div className="field">
          <label htmlFor={`${id}-filter`} className="field__label">
            Saved Pipedrive filter
          </label>
          <select
            id={`${id}-filter`}
            className="export-select"
            value={filterId ?? ''}
            disabled={ownerId !== null || filters.isPending || noFilters}
            aria-describedby={ownerId !== null ? `${id}-exclusive` : undefined}
            onChange={(event) => props.onFilter(event.target.value ? Number(event.target.value) : null)}
          >
            <option value="">
              {filters.isPending ? 'Loading filters…' : noFilters ? 'No saved filters' : 'No filter'}
            </option>
            {(filters.data ?? []).map((filter) => (
              <option key={filter.id} value={filter.id}>
                {filter.name}
              </option>
            ))}
          </select>
          <ErrorMessage error={filters.error} title="The saved filters could not be loaded." />
        </div>
      </div>
      {ownerId !== null || filterId !== null ? (
        <p className="help export-filters__note" id={`${id}-exclusive`} role="note">
          {filterId !== null
            ? 'An owner cannot be combined with a saved filter: Pipedrive ignores the owner when a filter is used. Add the owner to the filter in Pipedrive, or set the filter back to “No filter”.'
            : 'A saved filter cannot be combined with an owner: Pipedrive ignores the owner when a filter is used. Set the owner back to “Any owner” to use a filter.'}
        </p>
      ) : null}
      <fieldset className="export-dates">
        <legend>Last updated</legend>
        <div className="export-dates__inputs">
          <label className="field">
            <span className="field__label">On or after</span>
            <input
              type="date"
              className="export-input"
              value={updatedFrom}
              max={updatedTo || undefined}
              onChange={(event) => props.onDates({ updatedFrom: event.target.value, updatedTo })}
            />
          </label>
          <label className="field">
            <span className="field__label">On or before</span>
            <input
              type="date"
              className="export-input"
              value={updatedTo}
              min={updatedFrom || undefined}
              onChange={(event) => props.onDates({ updatedFrom, updatedTo: event.target.value })}
            />
          </label>
          {updatedFrom || updatedTo ? (
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => props.onDates({ updatedFrom: '', updatedTo: '' })}
            >
              Clear dates
            </button>
          ) : null}
        </div>
        <p className="help">Days in your time zone; both days are included.</p>
        <ErrorMessage error={rangeProblem} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-sort`} className="field__label">
          Row order
        </label>
        <select
          id={`${id}-sort`}
          className="export-select"
          value={sort}
          onChange={(event) => {
            const next = SORTS.find((s) => s.value === event.target.value);
            if (next) props.onSort(next.value);
          }}
        >
          {SORTS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
