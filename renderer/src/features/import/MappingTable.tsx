/**
 * The mapping table: one line per column of the file with a few of its values, the field it goes to
 * (searchable), how sure the automatic match is, the type it is read as, how its cells convert, and
 * its reading settings. Two columns on one field are shown as a conflict on both lines; Name is marked
 * required whenever organizations may be created.
 */
import type {
  ImportChoicesView,
  ImportColumnSummaryView,
  ImportOpened,
} from '../../../../shared/ipc-import.ts';
import type { ColumnSettings } from '../../../../shared/values/index.ts';
import { formatCount } from '../jobs/format.ts';
import { METHOD_LABELS, mappingConflicts, percent, typeLabel, type Touched } from './choices.ts';
import { ColumnSettingsEditor } from './ColumnSettingsEditor.tsx';
import { TargetPicker } from './TargetPicker.tsx';
import './mapping.css';

/** Props of {@link MappingTable}. */
export interface MappingTableProps {
  readonly opened: ImportOpened;
  readonly choices: ImportChoicesView;
  readonly touched: Touched;
  /** The column summaries of the latest preview (counts, detected settings), when there is one. */
  readonly summaries: ReadonlyArray<ImportColumnSummaryView> | null;
  readonly onTarget: (column: string, target: string | null) => void;
  readonly onSettings: (column: string, settings: Partial<ColumnSettings>) => void;
}

/** The table. */
export function MappingTable(props: MappingTableProps): React.JSX.Element {
  const { opened, choices, touched, summaries, onTarget, onSettings } = props;
  const conflicts = mappingConflicts(choices.mapping);
  const labelOf = (target: string | null): string =>
    opened.targets.find((t) => t.target === target)?.label ?? target ?? '';
  const needsName = choices.mode !== 'update';
  const nameColumn = Object.entries(choices.mapping).find(([, target]) => target === 'name')?.[0];
  const report = new Set(opened.file.reportColumns);

  return (
    <section className="card" aria-labelledby="mapping-title">
      <h2 id="mapping-title">Columns and fields</h2>
      {needsName ? (
        <p className={`required-line ${nameColumn ? 'required-line--ok' : 'required-line--missing'}`}>
          <span className="tag tag--required">required</span> <strong>Name</strong>
          {nameColumn
            ? ` comes from the column "${nameColumn}".`
            : choices.mode === 'create'
              ? ' — map a column to Name: every organization needs one to be created.'
              : ' — no column is mapped to Name, so rows that match nothing cannot be created.'}
        </p>
      ) : null}
      <table className="table mapping-table">
        <caption className="visually-hidden">Where each column of the file goes</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Values</th>
            <th scope="col">Field in Pipedrive</th>
            <th scope="col">Match</th>
            <th scope="col">Cells</th>
          </tr>
        </thead>
        <tbody>
          {opened.columns.map((column) => {
            const header = column.column;
            const target = choices.mapping[header] ?? null;
            const others = conflicts.get(header);
            const summary = summaries?.find((s) => s.column === header);
            const option = opened.targets.find((t) => t.target === target);
            const conflictId = `conflict-${opened.sessionId}-${opened.columns.indexOf(column)}`;
            return (
              <tr
                key={header}
                data-column={header}
                className={others ? 'mapping-table__row--conflict' : undefined}
              >
                <th scope="row" className="mapping-table__column">
                  {header}
                  {report.has(header) ? (
                    <span className="help">Orgport report column, not imported</span>
                  ) : null}
                </th>
                <td className="mapping-table__samples">
                  {column.samples.length === 0 ? (
                    <span className="muted">empty</span>
                  ) : (
                    column.samples.map((sample) => (
                      <span key={sample} className="sample">
                        {sample}
                      </span>
                    ))
                  )}
                </td>
                <td className="mapping-table__target">
                  <TargetPicker
                    value={target}
                    options={opened.targets}
                    label={`Field for column "${header}"`}
                    invalid={others !== undefined}
                    {...(others ? { describedBy: conflictId } : {})}
                    onChange={(next) => onTarget(header, next)}
                  />
                  {target === 'name' && needsName ? (
                    <span className="tag tag--required">required</span>
                  ) : null}
                  {others ? (
                    <p className="field-error" id={conflictId} role="alert">
                      {labelOf(target)} is also mapped from {others.map((o) => `"${o}"`).join(', ')}: a field
                      takes one column.
                    </p>
                  ) : null}
                  {target !== null && option ? (
                    <span className="help">read as {typeLabel(option.type)}</span>
                  ) : null}
                  <ColumnSettingsEditor
                    column={header}
                    summary={summary}
                    onChange={(s) => onSettings(header, s)}
                  />
                </td>
                <td className="mapping-table__confidence">
                  <Confidence
                    mapped={target !== null}
                    chosen={touched[header] ?? null}
                    method={column.method}
                    confidence={column.confidence}
                    note={column.note}
                  />
                </td>
                <td className="mapping-table__cells">
                  {target === null || !summary ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      <span className="count count--good">{formatCount(summary.converted)} ok</span>
                      {summary.failed > 0 ? (
                        <span className="count count--bad">{formatCount(summary.failed)} failed</span>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Confidence(props: {
  readonly mapped: boolean;
  readonly chosen: 'you' | 'profile' | null;
  readonly method: keyof typeof METHOD_LABELS;
  readonly confidence: number;
  readonly note: string | undefined;
}): React.JSX.Element {
  const { mapped, chosen, method, confidence, note } = props;
  if (chosen) {
    return (
      <span className="confidence confidence--chosen">
        {chosen === 'you' ? 'Chosen by you' : 'From the saved mapping'}
      </span>
    );
  }
  if (!mapped) {
    return (
      <span className="confidence confidence--none">
        {method === 'none' ? 'No match' : 'Not imported'}
        {note ? <span className="help">{note}</span> : null}
      </span>
    );
  }
  const sure = confidence >= 0.99;
  return (
    <span className={`confidence ${sure ? 'confidence--sure' : 'confidence--unsure'}`}>
      {METHOD_LABELS[method]}
      {sure ? '' : ` · ${percent(confidence)}`}
      {note ? <span className="help">{note}</span> : null}
    </span>
  );
}
