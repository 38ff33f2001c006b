/** The file format, and for CSV the delimiter. */
import { useId } from 'react';
import type { CsvDelimiter } from '../../../../shared/ipc-export.ts';
import { DELIMITERS, type ExportFormat } from './export-settings.ts';

const FORMATS: ReadonlyArray<{
  readonly value: ExportFormat;
  readonly label: string;
  readonly help: string;
}> = [
  {
    value: 'xlsx',
    label: 'Excel workbook (.xlsx)',
    help: 'Dates and numbers as real cells, a frozen header row with filters, and a sheet that describes the export.',
  },
  {
    value: 'csv',
    label: 'CSV (.csv)',
    help: 'UTF-8 with BOM, so Excel shows accents and other scripts correctly; for other tools and scripts.',
  },
];

/** Props of {@link FormatOptions}. */
export interface FormatOptionsProps {
  readonly format: ExportFormat;
  readonly delimiter: CsvDelimiter;
  readonly onFormat: (format: ExportFormat) => void;
  readonly onDelimiter: (delimiter: CsvDelimiter) => void;
}

/** Format radios; the delimiter radios appear when CSV is chosen. */
export function FormatOptions({
  format,
  delimiter,
  onFormat,
  onDelimiter,
}: FormatOptionsProps): React.JSX.Element {
  const id = useId();
  return (
    <section className="card export-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>File format</h2>
      <fieldset className="choices">
        <legend className="visually-hidden">File format</legend>
        {FORMATS.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name={`${id}-format`}
              value={option.value}
              checked={format === option.value}
              onChange={() => onFormat(option.value)}
            />
            <span>
              <span className="choice__label">{option.label}</span>
              <span className="help">{option.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {format === 'csv' ? (
        <fieldset className="export-delimiter">
          <legend>Delimiter</legend>
          <div className="export-segmented">
            {DELIMITERS.map((option) => (
              <label key={option.label} className="export-segmented__option">
                <input
                  type="radio"
                  name={`${id}-delimiter`}
                  value={option.value}
                  checked={delimiter === option.value}
                  onChange={() => onDelimiter(option.value)}
                />
                <span>{option.label}</span>
              </label>
            ))}
          </div>
          <p className="help" data-testid="delimiter-help">
            {DELIMITERS.find((d) => d.value === delimiter)?.help}{' '}
            {delimiter === ';' ? null : 'Semicolon suits Excel in many European locales.'}
          </p>
        </fieldset>
      ) : null}
    </section>
  );
}
