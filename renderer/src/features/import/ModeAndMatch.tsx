/**
 * What the import does with each row: create, update or upsert; for the last two, what a row is
 * matched by, what an empty cell means, and whether unchanged organizations are written anyway. Short
 * help sits where people hesitate.
 */
import { useId } from 'react';
import type { ImportChoicesView, ImportTargetOption } from '../../../../shared/ipc-import.ts';
import type { ImportMode } from '../../../../shared/mapping-profile.ts';
import { HelpTip } from '../../components/HelpTip.tsx';
import { matchOptions } from './choices.ts';

const MODES: ReadonlyArray<{ readonly value: ImportMode; readonly label: string; readonly help: string }> = [
  { value: 'create', label: 'Create', help: 'Every row becomes a new organization.' },
  {
    value: 'update',
    label: 'Update',
    help: 'Rows change the organizations they match; a row that matches none fails.',
  },
  {
    value: 'upsert',
    label: 'Update or create',
    help: 'Rows that match an organization update it; the others are created.',
  },
];

/** Props of {@link ModeAndMatch}. */
export interface ModeAndMatchProps {
  readonly choices: ImportChoicesView;
  readonly targets: ReadonlyArray<ImportTargetOption>;
  readonly onChange: (change: Partial<ImportChoicesView>) => void;
}

/** The mode and match card. */
export function ModeAndMatch({ choices, targets, onChange }: ModeAndMatchProps): React.JSX.Element {
  const id = useId();
  const mapped = new Set(Object.values(choices.mapping).filter((t): t is string => t !== null));
  const matching = choices.mode !== 'create';
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        What to do with each row
        <HelpTip topic="create, update or upsert" testId="help-mode">
          <span className="help-tip__p">
            <strong>Create</strong> adds every row as a new organization, even if one with the same name
            exists.
          </span>
          <span className="help-tip__p">
            <strong>Update</strong> finds the organization each row belongs to and changes it; a row that
            finds none is reported as not found and nothing is created.
          </span>
          <span className="help-tip__p">
            <strong>Update or create</strong> (often called upsert) updates the rows that find their
            organization and creates the others.
          </span>
        </HelpTip>
      </h2>
      <fieldset className="choices choices--row">
        <legend className="visually-hidden">Mode</legend>
        {MODES.map((mode) => (
          <label key={mode.value} className="choice">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode.value}
              checked={choices.mode === mode.value}
              onChange={() => onChange({ mode: mode.value })}
            />
            <span>
              <span className="choice__label">{mode.label}</span>
              <span className="help">{mode.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {matching ? (
        <div className="match-grid">
          <div>
            <label className="field__label" htmlFor={`${id}-match`}>
              Match rows by
            </label>
            <HelpTip topic="match keys" testId="help-match">
              <span className="help-tip__p">
                The column Orgport uses to find the organization a row belongs to.
              </span>
              <span className="help-tip__p">
                <strong>Pipedrive ID</strong>: exact and safest; an export puts it in the first column.
              </span>
              <span className="help-tip__p">
                <strong>Name</strong>: capitals and extra spaces are ignored: “acme ltd” finds “Acme Ltd”.
              </span>
              <span className="help-tip__p">
                <strong>A custom field</strong> (e.g. a VAT or customer number): compared the same way.
              </span>
              <span className="help-tip__p">
                <strong>Ambiguous</strong> means several organizations have that value. Orgport never guesses:
                the row is not imported and the report lists the candidates’ IDs. Two rows of the file with
                the same value are both left out as duplicates.
              </span>
            </HelpTip>
            <select
              id={`${id}-match`}
              value={choices.match ?? ''}
              onChange={(e) => onChange({ match: e.target.value === '' ? null : e.target.value })}
            >
              <option value="">Choose…</option>
              {matchOptions(targets).map((option) => (
                <option key={option.target} value={option.target} disabled={!mapped.has(option.target)}>
                  {option.label}
                  {option.custom ? ' (custom field)' : ''}
                  {mapped.has(option.target) ? '' : ' — no column is mapped to it'}
                </option>
              ))}
            </select>
            <p className="help">
              How a row finds its organization. The Pipedrive ID is exact. Names are compared ignoring case
              and extra spaces; a name several organizations share is never guessed — the row is reported as
              ambiguous, with the candidates.
            </p>
          </div>
          <fieldset className="choices">
            <legend>
              Empty cells
              <HelpTip topic="empty cells" testId="help-empty">
                <span className="help-tip__p">
                  What an empty cell does to an organization that already exists.
                </span>
                <span className="help-tip__p">
                  <strong>Leave the field as it is</strong>: the empty cell is ignored and Pipedrive keeps its
                  value. A row whose mapped cells are all empty is skipped.
                </span>
                <span className="help-tip__p">
                  <strong>Clear the field</strong>: the value in Pipedrive is erased. Use it only when the
                  file is meant to be the complete truth.
                </span>
                <span className="help-tip__p">Columns you did not map are never touched.</span>
              </HelpTip>
            </legend>
            <label className="choice choice--compact">
              <input
                type="radio"
                name={`${id}-empty`}
                checked={choices.emptyCells === 'skip'}
                onChange={() => onChange({ emptyCells: 'skip' })}
              />
              <span>
                <span className="choice__label">Leave the field as it is</span>
                <span className="help">An empty cell changes nothing. The safe choice.</span>
              </span>
            </label>
            <label className="choice choice--compact">
              <input
                type="radio"
                name={`${id}-empty`}
                checked={choices.emptyCells === 'clear'}
                onChange={() => onChange({ emptyCells: 'clear' })}
              />
              <span>
                <span className="choice__label">Clear the field</span>
                <span className="help">An empty cell erases what Pipedrive holds in that field.</span>
              </span>
            </label>
          </fieldset>
          <div className="help-tip-row">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={choices.updateUnchanged}
                onChange={(e) => onChange({ updateUnchanged: e.target.checked })}
              />
              <span>
                Update even if nothing changed
                <span className="help">
                  Off: rows whose values Pipedrive already holds are skipped and counted as unchanged, saving
                  5 API tokens each.
                </span>
              </span>
            </label>
            <HelpTip topic="skipping unchanged rows" testId="help-unchanged">
              <span className="help-tip__p">
                Before writing, Orgport compares each row with what Pipedrive holds now.
              </span>
              <span className="help-tip__p">
                <strong>Off (recommended)</strong>: a row that would change nothing is not sent and costs no
                tokens; a row that changes something sends only the changed fields.
              </span>
              <span className="help-tip__p">
                <strong>On</strong>: every matched row is written with all its mapped cells, even when the
                values are the same. Its “last updated” time changes.
              </span>
            </HelpTip>
          </div>
        </div>
      ) : null}
    </section>
  );
}
