/**
 * The coach of a tour in progress: a bar above the screen with the step to do (advancing as the user
 * does it on the real screen), a ring around the element the step is about, and at the end a "what
 * next" message built from the job's outcome. "Leave tour" ends it at any time; the screens stay.
 */
import { useEffect } from 'react';
import { routeHref, useRoute } from '../../routing.ts';
import { FinishMessage } from './FinishMessage.tsx';
import { leaveTour, reachStep, useActiveTour, type ActiveTour } from './tour-state.ts';
import { advance, isFinished, TOURS, type TourScreen } from '../../../../shared/welcome-tours.ts';
import { useTourObservation, type TargetBox } from './useTourObservation.ts';
import './tour.css';

const SCREEN_NAMES: { readonly [S in TourScreen]: string } = {
  import: 'Import',
  export: 'Export',
  organizations: 'Organizations',
  delete: 'Bulk delete',
};

/** Renders the coach while a tour is in progress (nothing otherwise). */
export function TourCoach(): React.JSX.Element | null {
  const tour = useActiveTour();
  return tour ? <Coach key={tour.id + [...tour.knownJobs].join()} tour={tour} /> : null;
}

function Coach({ tour }: { readonly tour: ActiveTour }): React.JSX.Element {
  const definition = TOURS[tour.id];
  const route = useRoute();
  const step = definition.steps[tour.reached] ?? null;
  const { seen, box, job } = useTourObservation(tour, step?.target ?? null);
  const next = advance(definition, tour.reached, seen);
  useEffect(() => reachStep(next), [next]);
  const finished = isFinished(definition, tour.reached);
  const away = step !== null && route.screen !== step.screen;

  return (
    <>
      <aside
        className={`tour-bar${finished ? ' tour-bar--done' : ''}`}
        aria-label={`Tour: ${definition.title}`}
        data-testid="tour-bar"
        data-step={finished ? 'finished' : (step?.id ?? '')}
      >
        <div className="tour-bar__head">
          <span className="tour-bar__kicker">Tour · {definition.title}</span>
          <ol className="tour-bar__dots" aria-label="Steps">
            {definition.steps.map((s, i) => (
              <li
                key={s.id}
                className={`tour-dot${i < tour.reached ? ' tour-dot--done' : ''}${i === tour.reached ? ' tour-dot--current' : ''}`}
                aria-current={i === tour.reached ? 'step' : undefined}
              >
                <span className="visually-hidden">
                  Step {i + 1}: {s.title}
                </span>
              </li>
            ))}
          </ol>
          <button type="button" className="button button--small button--quiet" onClick={leaveTour}>
            {finished ? 'Close' : 'Leave tour'}
          </button>
        </div>
        {finished ? (
          <FinishMessage tour={tour.id} job={job} />
        ) : step ? (
          <div className="tour-bar__body" aria-live="polite">
            <h2 className="tour-bar__title">
              <span className="tour-bar__number">{tour.reached + 1}</span>
              {step.title}
            </h2>
            <p className="tour-bar__text">{step.body}</p>
            <StepActions box={box} away={away ? step.screen : null} />
          </div>
        ) : null}
      </aside>
      {!finished && !away && box && step ? <Ring box={box} number={tour.reached + 1} /> : null}
    </>
  );
}

function StepActions({
  box,
  away,
}: {
  readonly box: TargetBox | null;
  readonly away: TourScreen | null;
}): React.JSX.Element | null {
  if (away) {
    return (
      <p className="tour-bar__away">
        This step is on the {SCREEN_NAMES[away]} screen.{' '}
        <a href={routeHref({ screen: away })}>Back to {SCREEN_NAMES[away]}</a>
      </p>
    );
  }
  const offscreen = box !== null && (box.top > window.innerHeight - 40 || box.top + box.height < 80);
  if (!offscreen) return null;
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() =>
        document.querySelector('.tour-ring')?.scrollIntoView({ behavior: 'smooth', block: 'center' })
      }
    >
      Show me where
    </button>
  );
}

/** The ring around the step's element, with the step's number. It never takes a click. */
function Ring({ box, number }: { readonly box: TargetBox; readonly number: number }): React.JSX.Element {
  const pad = 6;
  return (
    <div
      className="tour-ring"
      aria-hidden="true"
      style={{
        top: box.top - pad + window.scrollY,
        left: box.left - pad + window.scrollX,
        width: box.width + pad * 2,
        height: box.height + pad * 2,
      }}
    >
      <span className="tour-ring__badge">{number}</span>
    </div>
  );
}
