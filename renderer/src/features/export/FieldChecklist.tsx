/**
 * The field checklist: a search box, "select all / none / default", and the fields in groups
 * (standard, custom, counts) with a tick box per group. The ID column is always included and says so.
 */
import { useEffect, useId, useRef, useState } from 'react';
import {
  FIELD_GROUPS,
  columnTotal,
  defaultChoice,
  matchesSearch,
  type FieldGroupId,
  type FieldItem,
} from './field-choice.ts';

/** Props of {@link FieldChecklist}. */
export interface FieldChecklistProps {
  readonly items: ReadonlyArray<FieldItem>;
  readonly chosen: ReadonlySet<string>;
  readonly onChange: (chosen: ReadonlySet<string>) => void;
}

const number = new Intl.NumberFormat();

/** The checklist. */
export function FieldChecklist({ items, chosen, onChange }: FieldChecklistProps): React.JSX.Element {
  const id = useId();
  const [query, setQuery] = useState('');
  const shown = items.filter((item) => matchesSearch(item, query));
  const searching = query.trim() !== '';
  const setMany = (keys: ReadonlyArray<string>, on: boolean): void => {
    const next = new Set(chosen);
    for (const key of keys) {
      if (on) next.add(key);
      else next.delete(key);
    }
    onChange(next);
  };
  const toggle = (key: string, on: boolean): void => setMany([key], on);
  const shownKeys = shown.map((item) => item.field.key);

  return (
    <section className="card export-card export-fields" aria-labelledby={`${id}-title`}>
      <div className="export-card__head">
        <h2 id={`${id}-title`}>Fields</h2>
        <p className="export-fields__count" aria-live="polite" data-testid="field-count">
          {number.format(chosen.size)} of {number.format(items.length)} fields ·{' '}
          {number.format(columnTotal(items, chosen))} columns
        </p>
      </div>
      <p className="help">
        The <strong>ID</strong> column is always included, first, so the file can be imported back as an
        update.
      </p>
      <div className="export-fields__tools">
        <label className="export-fields__search">
          <span className="visually-hidden">Search fields</span>
          <input
            type="search"
            value={query}
            placeholder="Search fields…"
            aria-controls={`${id}-list`}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              // Enter in the search box must not start the export.
              if (event.key === 'Enter') event.preventDefault();
              if (event.key === 'Escape' && query) {
                event.preventDefault();
                setQuery('');
              }
            }}
          />
        </label>
        <button
          type="button"
          className="button button--small"
          disabled={shownKeys.length === 0}
          onClick={() => setMany(shownKeys, true)}
        >
          {searching ? 'Select shown' : 'Select all'}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={shownKeys.length === 0}
          onClick={() => setMany(shownKeys, false)}
        >
          {searching ? 'Clear shown' : 'Select none'}
        </button>
        <button type="button" className="button button--small" onClick={() => onChange(defaultChoice(items))}>
          Default
        </button>
      </div>
      <div className="export-fields__list" id={`${id}-list`}>
        {searching ? (
          <p className="help" aria-live="polite">
            {shown.length === 0
              ? `No field matches “${query.trim()}”.`
              : `Showing ${shown.length} of ${items.length} fields.`}
          </p>
        ) : null}
        {FIELD_GROUPS.map((group) => {
          const members = shown.filter((item) => item.group === group.id);
          if (members.length === 0) return null;
          return (
            <FieldGroup
              key={group.id}
              group={group.id}
              title={group.title}
              help={group.help}
              members={members}
              totalInGroup={items.filter((item) => item.group === group.id).length}
              chosen={chosen}
              onToggle={toggle}
              onToggleGroup={(on) =>
                setMany(
                  members.map((m) => m.field.key),
                  on,
                )
              }
            />
          );
        })}
      </div>
    </section>
  );
}

function FieldGroup(props: {
  readonly group: FieldGroupId;
  readonly title: string;
  readonly help: string;
  readonly members: ReadonlyArray<FieldItem>;
  readonly totalInGroup: number;
  readonly chosen: ReadonlySet<string>;
  readonly onToggle: (key: string, on: boolean) => void;
  readonly onToggleGroup: (on: boolean) => void;
}): React.JSX.Element {
  const { group, title, help, members, totalInGroup, chosen, onToggle, onToggleGroup } = props;
  const id = useId();
  const box = useRef<HTMLInputElement>(null);
  const ticked = members.filter((m) => chosen.has(m.field.key)).length;
  const all = ticked === members.length;
  useEffect(() => {
    // "Some but not all" has no HTML attribute; it is a property of the element.
    if (box.current) box.current.indeterminate = ticked > 0 && !all;
  }, [ticked, all]);
  return (
    <fieldset className={`export-group export-group--${group}`} aria-describedby={`${id}-help`}>
      <legend className="export-group__legend">
        <label className="export-group__toggle">
          <input
            ref={box}
            type="checkbox"
            checked={all}
            onChange={() => onToggleGroup(!all)}
            aria-label={`${title}: select all`}
          />
          <span>{title}</span>
        </label>
        <span className="export-group__count muted">
          {members.length < totalInGroup
            ? `${ticked} of ${members.length} shown`
            : `${ticked} of ${members.length}`}
        </span>
      </legend>
      <p className="help export-group__help" id={`${id}-help`}>
        {help}
      </p>
      <ul className="export-field-grid">
        {group === 'standard' ? (
          <li>
            <label className="export-field export-field--fixed">
              <input type="checkbox" checked disabled aria-describedby={`${id}-id-note`} />
              <span className="export-field__name">ID</span>
              <span className="export-field__hint" id={`${id}-id-note`}>
                always included
              </span>
            </label>
          </li>
        ) : null}
        {members.map((item) => (
          <li key={item.field.key}>
            <label className="export-field">
              <input
                type="checkbox"
                checked={chosen.has(item.field.key)}
                onChange={(event) => onToggle(item.field.key, event.target.checked)}
              />
              <span className="export-field__name">{item.field.name}</span>
              {item.field.custom ? <span className="export-tag export-tag--custom">custom</span> : null}
              <FieldHint item={item} />
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function FieldHint({ item }: { readonly item: FieldItem }): React.JSX.Element | null {
  const parts: string[] = [];
  if (item.header !== item.field.name) parts.push(`column “${item.header}”`);
  if (item.columns > 1) parts.push(`${item.columns} columns`);
  if (parts.length === 0) return null;
  return <span className="export-field__hint">{parts.join(' · ')}</span>;
}
