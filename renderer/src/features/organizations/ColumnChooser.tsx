/**
 * The column chooser: every organization field, ticked when shown. The ID column is always there.
 * Counters (people, open deals…) cost nothing extra: Pipedrive adds them to the same pages.
 */
import { useState } from 'react';
import type { OrgField } from '../../../../shared/model.ts';

/** Props of {@link ColumnChooser}. */
export interface ColumnChooserProps {
  readonly fields: ReadonlyArray<OrgField>;
  readonly columns: ReadonlyArray<string>;
  readonly onChange: (columns: ReadonlyArray<string>) => void;
}

/** A drop-down list of tick boxes. */
export function ColumnChooser({ fields, columns, onChange }: ColumnChooserProps): React.JSX.Element {
  const [filter, setFilter] = useState('');
  const shown = new Set(columns);
  const choosable = fields.filter((f) => f.key !== 'id');
  const wanted = filter.trim().toLowerCase();
  const listed = choosable.filter((f) => wanted === '' || f.name.toLowerCase().includes(wanted));
  return (
    <details className="orgs-columns">
      <summary className="button button--small">Columns ({columns.length + 1})</summary>
      <div className="orgs-columns__panel">
        <input
          type="search"
          className="orgs-input"
          placeholder="Find a field…"
          aria-label="Find a field"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <ul className="orgs-columns__list">
          {listed.map((field) => (
            <li key={field.key}>
              <label>
                <input
                  type="checkbox"
                  checked={shown.has(field.key)}
                  onChange={(event) =>
                    onChange(
                      event.target.checked
                        ? [...columns, field.key]
                        : columns.filter((key) => key !== field.key),
                    )
                  }
                />
                {field.name}
                {field.custom ? <span className="orgs-columns__tag">custom</span> : null}
              </label>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
