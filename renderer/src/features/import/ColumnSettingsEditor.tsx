/**
 * How one column's values are read, where that is a choice: the date order of a date column, the
 * decimal separator of a number column, the currency of an amount column. Each starts as detected
 * (with the reason shown) and can be changed; an ambiguous date order must be chosen.
 */
import type { ImportColumnSummaryView } from '../../../../shared/ipc-import.ts';
import type { ColumnSettings } from '../../../../shared/values/index.ts';

const DATE_TYPES = new Set(['date', 'daterange']);
const NUMBER_TYPES = new Set(['double', 'int', 'monetary']);

/** Props of {@link ColumnSettingsEditor}. */
export interface ColumnSettingsEditorProps {
  readonly column: string;
  readonly summary: ImportColumnSummaryView | undefined;
  readonly onChange: (settings: Partial<ColumnSettings>) => void;
}

/** True when the column's type has settings worth showing. */
export function hasSettings(summary: ImportColumnSummaryView | undefined): boolean {
  return summary?.type != null && (DATE_TYPES.has(summary.type) || NUMBER_TYPES.has(summary.type));
}

/** The settings controls of one mapped column (nothing for text, options and the like). */
export function ColumnSettingsEditor({
  column,
  summary,
  onChange,
}: ColumnSettingsEditorProps): React.JSX.Element | null {
  const settings = summary?.settings;
  if (!summary || !settings || !hasSettings(summary)) return null;
  const notes = summary.detected?.notes ?? [];
  const type = summary.type ?? '';
  return (
    <div className="col-settings">
      {DATE_TYPES.has(type) ? (
        <label className="col-settings__item">
          <span>Dates</span>
          <select
            aria-label={`Date order of "${column}"`}
            value={settings.dateOrder}
            aria-invalid={settings.dateOrder === 'ambiguous' || undefined}
            onChange={(e) => onChange({ dateOrder: e.target.value as ColumnSettings['dateOrder'] })}
          >
            {settings.dateOrder === 'ambiguous' ? <option value="ambiguous">Choose the order…</option> : null}
            <option value="dmy">Day first (31/12/2024)</option>
            <option value="mdy">Month first (12/31/2024)</option>
            <option value="iso">ISO (2024-12-31)</option>
            <option value="serial">Excel day numbers</option>
          </select>
        </label>
      ) : null}
      {NUMBER_TYPES.has(type) ? (
        <label className="col-settings__item">
          <span>Decimals</span>
          <select
            aria-label={`Decimal separator of "${column}"`}
            value={settings.decimalSeparator}
            onChange={(e) => {
              const decimal = e.target.value === ',' ? ',' : '.';
              // The other mark is then the thousands separator (1.234,56 or 1,234.56); spaces always are.
              onChange({ decimalSeparator: decimal, thousandsSeparator: decimal === ',' ? '.' : ',' });
            }}
          >
            <option value=".">Point: 1,234.56</option>
            <option value=",">Comma: 1.234,56</option>
          </select>
        </label>
      ) : null}
      {type === 'monetary' ? (
        <label className="col-settings__item">
          <span>Currency</span>
          <input
            aria-label={`Currency of "${column}"`}
            className="col-settings__currency"
            maxLength={3}
            placeholder="EUR"
            defaultValue={settings.currency ?? ''}
            onBlur={(e) => {
              const code = e.target.value.trim().toUpperCase();
              if (code === '' || /^[A-Z]{3}$/.test(code)) onChange({ currency: code === '' ? null : code });
            }}
          />
        </label>
      ) : null}
      {notes.length > 0 ? <p className="help col-settings__notes">{notes.join(' · ')}</p> : null}
    </div>
  );
}
