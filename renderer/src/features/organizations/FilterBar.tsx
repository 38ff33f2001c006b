/**
 * The list's filters: name search, owner, label, updated since, a saved Pipedrive filter and any
 * field's value. Each change replaces the list at once (the search after a pause in typing).
 */
import { useEffect, useId, useState } from 'react';
import type { BrowseCriteria } from '../../../../shared/ipc-delete.ts';
import type { SavedFilter } from '../../../../shared/ipc-export.ts';
import type { OrgField, PipedriveUser } from '../../../../shared/model.ts';

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  readonly criteria: BrowseCriteria;
  readonly fields: ReadonlyArray<OrgField>;
  readonly users: ReadonlyArray<PipedriveUser>;
  readonly filters: ReadonlyArray<SavedFilter>;
  readonly onChange: (criteria: BrowseCriteria) => void;
}

const SEARCH_PAUSE_MS = 350;

/** Drops a key from the criteria (an emptied filter). */
function without<K extends keyof BrowseCriteria>(criteria: BrowseCriteria, key: K): BrowseCriteria {
  const { [key]: _dropped, ...rest } = criteria;
  return rest;
}

/** The filter bar. */
export function FilterBar({ criteria, fields, users, filters, onChange }: FilterBarProps): React.JSX.Element {
  const id = useId();
  const [search, setSearch] = useState(criteria.nameContains ?? '');
  const [fieldKey, setFieldKey] = useState(criteria.field?.key ?? '');
  const [fieldValue, setFieldValue] = useState(
    criteria.field?.value === null ? '' : String(criteria.field?.value ?? ''),
  );

  useEffect(() => {
    const typed = search.trim();
    if (typed === (criteria.nameContains ?? '')) return;
    const timer = setTimeout(
      () => onChange(typed === '' ? without(criteria, 'nameContains') : { ...criteria, nameContains: typed }),
      SEARCH_PAUSE_MS,
    );
    return () => clearTimeout(timer);
  }, [search, criteria, onChange]);

  const labelField = fields.find((f) => !f.custom && (f.key === 'label_ids' || f.key === 'label'));
  const filterable = fields
    .filter((f) => f.key !== 'id' && f.key !== 'name')
    .sort((a, b) => a.name.localeCompare(b.name));
  const owners = [...users].sort(
    (a, b) => Number(b.active_flag) - Number(a.active_flag) || a.name.localeCompare(b.name),
  );
  const number = (value: string): number | undefined => (value === '' ? undefined : Number(value));
  const set = <K extends keyof BrowseCriteria>(key: K, value: BrowseCriteria[K] | undefined): void =>
    onChange(value === undefined ? without(criteria, key) : { ...criteria, [key]: value });
  const applyField = (key: string, value: string): void => {
    if (key === '') set('field', undefined);
    else set('field', { key, value: value.trim() === '' ? null : value.trim() });
  };
  const active = Object.keys(criteria).length > 0;

  return (
    <section className="orgs-filters" aria-label="Filters">
      <label className="orgs-filters__search">
        <span className="visually-hidden">Search by name</span>
        <input
          type="search"
          className="orgs-input"
          placeholder="Search by name…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </label>
      <div className="orgs-field">
        <label htmlFor={`${id}-owner`} className="orgs-field__label">
          Owner
        </label>
        <select
          id={`${id}-owner`}
          className="orgs-input"
          value={criteria.ownerId ?? ''}
          onChange={(event) => set('ownerId', number(event.target.value))}
        >
          <option value="">Any owner</option>
          {owners.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
              {user.active_flag ? '' : ' (inactive)'}
            </option>
          ))}
        </select>
      </div>
      {labelField ? (
        <div className="orgs-field">
          <label htmlFor={`${id}-label`} className="orgs-field__label">
            Label
          </label>
          <select
            id={`${id}-label`}
            className="orgs-input"
            value={criteria.labelId ?? ''}
            onChange={(event) => set('labelId', number(event.target.value))}
          >
            <option value="">Any label</option>
            {(labelField.options ?? []).map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="orgs-field">
        <label htmlFor={`${id}-since`} className="orgs-field__label">
          Updated since
        </label>
        <input
          id={`${id}-since`}
          type="date"
          className="orgs-input"
          value={criteria.updatedSince?.slice(0, 10) ?? ''}
          onChange={(event) =>
            set('updatedSince', event.target.value ? `${event.target.value}T00:00:00Z` : undefined)
          }
        />
      </div>
      <div className="orgs-field">
        <label htmlFor={`${id}-filter`} className="orgs-field__label">
          Saved filter
        </label>
        <select
          id={`${id}-filter`}
          className="orgs-input"
          value={criteria.filterId ?? ''}
          onChange={(event) => set('filterId', number(event.target.value))}
        >
          <option value="">None</option>
          {filters.map((filter) => (
            <option key={filter.id} value={filter.id}>
              {filter.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="orgs-field orgs-field--pair">
        <legend className="orgs-field__label">Field value</legend>
        <select
          className="orgs-input"
          aria-label="Field"
          value={fieldKey}
          onChange={(event) => {
            setFieldKey(event.target.value);
            applyField(event.target.value, fieldValue);
          }}
        >
          <option value="">Any field</option>
          {filterable.map((field) => (
            <option key={field.key} value={field.key}>
              {field.name}
            </option>
          ))}
        </select>
        <input
          className="orgs-input"
          aria-label="Value"
          placeholder={fieldKey ? 'empty = no value' : 'value'}
          disabled={fieldKey === ''}
          list={`${id}-options`}
          value={fieldValue}
          onChange={(event) => setFieldValue(event.target.value)}
          onBlur={() => applyField(fieldKey, fieldValue)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') applyField(fieldKey, fieldValue);
          }}
        />
        <datalist id={`${id}-options`}>
          {(fields.find((f) => f.key === fieldKey)?.options ?? []).map((option) => (
            <option key={option.id} value={option.label} />
          ))}
        </datalist>
      </fieldset>
      {active ? (
        <button
          type="button"
          className="button button--small button--quiet orgs-filters__clear"
          onClick={() => {
            setSearch('');
            setFieldKey('');
            setFieldValue('');
            onChange({});
          }}
        >
          Clear filters
        </button>
      ) : null}
    </section>
  );
}
