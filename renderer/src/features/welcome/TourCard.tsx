/** One tour on the welcome panel: what it shows, the steps it walks through, and its start button. */
import type { TourId } from '../../../../shared/welcome-tours.ts';
import { LineIcon } from '../../components/LineIcon.tsx';

/** What a tour card says. */
export interface TourCardContent {
  readonly id: TourId;
  readonly title: string;
  readonly text: string;
  readonly steps: ReadonlyArray<string>;
  readonly action: string;
  readonly icon: string;
}

/** The three cards, in the order users usually need them. */
export const TOUR_CARDS: ReadonlyArray<TourCardContent> = [
  {
    id: 'import',
    title: 'Import a spreadsheet',
    text: 'A real trade-fair list of 50 companies, a little messy — as files usually are.',
    steps: ['Columns mapped for you', 'Fix a cell in place', 'Import, with a report of what failed'],
    action: 'Import the sample file',
    icon: 'M12 15V3m0 12 4-4m-4 4-4-4M5 15v4h14v-4',
  },
  {
    id: 'export',
    title: 'Export to Excel',
    text: 'Every organization and every field, readable: names instead of IDs.',
    steps: ['All fields and Excel, preset', 'Choose where it goes', 'Open the file'],
    action: 'Export everything to Excel',
    icon: 'M12 3v12m0-12 4 4m-4-4-4 4M5 15v4h14v-4',
  },
  {
    id: 'delete',
    title: 'Delete in bulk, safely',
    text: 'Five demo organizations are ticked for you; nothing goes without a preview.',
    steps: ['Preview what exists', 'Type the number to confirm', 'Backup first, then a report'],
    action: 'Delete a selected handful',
    icon: 'M4 7h16M10 11v6m4-6v6M6 7l1 13h10l1-13M9 7V4h6v3',
  },
];

/** Props of {@link TourCard}. */
export interface TourCardProps {
  readonly card: TourCardContent;
  readonly busy: boolean;
  readonly disabled: boolean;
  /** The tour cannot run in this installation (the sample file is missing). */
  readonly unavailable: boolean;
  readonly onStart: () => void;
}

/** A tour card. */
export function TourCard({ card, busy, disabled, unavailable, onStart }: TourCardProps): React.JSX.Element {
  const titleId = `tour-${card.id}-title`;
  return (
    <article className="tour-card" aria-labelledby={titleId} data-testid={`tour-card-${card.id}`}>
      <LineIcon className="tour-card__icon" path={card.icon} />
      <h3 id={titleId} className="tour-card__title">
        {card.title}
      </h3>
      <p className="tour-card__text">{card.text}</p>
      <ol className="tour-card__steps">
        {card.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--primary tour-card__go"
        disabled={disabled}
        onClick={onStart}
      >
        {busy ? 'Starting…' : card.action}
      </button>
      {unavailable ? (
        <p className="help">The sample file is missing from this installation; drop your own file instead.</p>
      ) : null}
    </article>
  );
}
