/**
 * The target field of one column: a searchable dropdown (an ARIA combobox) over every field and part
 * of the company — the Pipedrive ID, system fields, custom fields (marked), address parts — plus "Not
 * imported". Typing filters by name, key or type, ignoring case and accents.
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { ImportTargetOption } from '../../../../shared/ipc-import.ts';
import { typeLabel } from './choices.ts';

/** Props of {@link TargetPicker}. */
export interface TargetPickerProps {
  readonly value: string | null;
  readonly options: ReadonlyArray<ImportTargetOption>;
  /** The accessible name, e.g. `Field for column "Company"`. */
  readonly label: string;
  readonly invalid?: boolean;
  readonly describedBy?: string;
  readonly onChange: (target: string | null) => void;
}

interface Choice {
  readonly target: string | null;
  readonly label: string;
  readonly option: ImportTargetOption | null;
}

const NONE: Choice = { target: null, label: 'Not imported', option: null };

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The combobox. */
export function TargetPicker(props: TargetPickerProps): React.JSX.Element {
  const { value, options, label, invalid, describedBy, onChange } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const selected = options.find((o) => o.target === value) ?? null;

  const choices = useMemo<Choice[]>(() => {
    const q = fold(query.trim());
    const matching = options.filter(
      (o) => q === '' || fold(`${o.label} ${o.fieldKey} ${typeLabel(o.type)}`).includes(q),
    );
    const items = matching.map((o) => ({ target: o.target, label: o.label, option: o }));
    return q === '' || fold(NONE.label).includes(q) ? [NONE, ...items] : items;
  }, [options, query]);

  const show = (): void => {
    setOpen(true);
    setQuery('');
    setActive(
      Math.max(
        0,
        choices.findIndex((c) => c.target === value),
      ),
    );
  };
  const pick = (choice: Choice | undefined): void => {
    if (!choice) return;
    setOpen(false);
    setQuery('');
    if (choice.target !== value) onChange(choice.target);
  };
  const move = (to: number): void => {
    const next = Math.min(choices.length - 1, Math.max(0, to));
    setActive(next);
    list.current?.querySelector(`[data-index="${next}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className={`picker${invalid ? ' picker--invalid' : ''}`}>
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && choices[active] ? `${id}-opt-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="picker__input"
        value={open ? query : (selected?.label ?? 'Not imported')}
        placeholder={open ? (selected?.label ?? 'Search fields…') : undefined}
        onFocus={show}
        onClick={() => (open ? undefined : show())}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            if (open) move(active + 1);
            else show();
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            move(active - 1);
          } else if (e.key === 'Enter' && open) {
            e.preventDefault();
            pick(choices[active]);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            setOpen(false);
            setQuery('');
          }
        }}
      />
      {selected?.custom ? <span className="tag tag--custom picker__tag">custom</span> : null}
      {open ? (
        <ul id={`${id}-list`} role="listbox" aria-label={label} className="picker__list" ref={list}>
          {choices.length === 0 ? <li className="picker__empty">No field matches “{query}”</li> : null}
          {choices.map((choice, i) => (
            <li
              key={choice.target ?? '∅'}
              id={`${id}-opt-${i}`}
              data-index={i}
              role="option"
              aria-selected={choice.target === value}
              className={`picker__option${i === active ? ' picker__option--active' : ''}${
                choice.option?.part ? ' picker__option--part' : ''
              }`}
              // mousedown, not click: the input must not lose focus (and close the list) first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(choice);
              }}
              onMouseMove={() => setActive(i)}
            >
              <span>{choice.label}</span>
              {choice.option?.custom ? <span className="tag tag--custom">custom</span> : null}
              {choice.option ? <span className="picker__type">{typeLabel(choice.option.type)}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
