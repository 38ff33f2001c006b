/**
 * The welcome panel: what Orgport is for, three one-click tours on the sandbox (each the real screen,
 * preset, with a coach), how to connect a real Pipedrive company, and "Don't show this again".
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActiveConnection } from '../../../../shared/ipc.ts';
import { errorMessage } from '../../api.ts';
import { navigate } from '../../routing.ts';
import { activeConnectionQuery } from '../connections/queries.ts';
import { ConnectCard } from './ConnectCard.tsx';
import { useSetShowOnStart } from './mutations.ts';
import { welcomeStateQuery } from './queries.ts';
import { startTour } from './start-tour.ts';
import { TourCard, TOUR_CARDS } from './TourCard.tsx';
import type { TourId } from '../../../../shared/welcome-tours.ts';
import './welcome.css';

/** The Welcome screen. */
export function WelcomeScreen(): React.JSX.Element {
  const client = useQueryClient();
  const welcome = useQuery(welcomeStateQuery());
  const active = useQuery(activeConnectionQuery()).data ?? null;
  const showOnStart = useSetShowOnStart();
  const [starting, setStarting] = useState<TourId | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sample = welcome.data?.sample ?? null;

  const start = (id: TourId): void => {
    setStarting(id);
    setError(null);
    startTour(id, client, sample).then(
      () => setStarting(null),
      (failure: unknown) => {
        setStarting(null);
        setError(errorMessage(failure));
      },
    );
  };

  return (
    <div className="screen welcome">
      <header className="welcome__hero">
        <p className="welcome__kicker">Welcome to Orgport</p>
        <h1>Move Pipedrive organizations in and out of spreadsheets, in bulk</h1>
        <p className="welcome__lead">
          Import a CSV or Excel file, export everything to Excel, or delete a list of organizations — each
          with a preview before anything is sent. Try it first on the sandbox: pick a tour below.
        </p>
        <ConnectionNote active={active} />
      </header>

      <section aria-labelledby="tours-title">
        <h2 id="tours-title" className="welcome__section-title">
          Take a tour — one click, the real screens, on demo data
        </h2>
        <div className="welcome__tours">
          {TOUR_CARDS.map((card) => (
            <TourCard
              key={card.id}
              card={card}
              busy={starting === card.id}
              disabled={starting !== null || (card.id === 'import' && !welcome.isPending && !sample)}
              unavailable={card.id === 'import' && !welcome.isPending && !sample}
              onStart={() => start(card.id)}
            />
          ))}
        </div>
        {error ? (
          <p className="alert alert--error" role="alert">
            The tour did not start: {error}
          </p>
        ) : null}
      </section>

      <ConnectCard />

      <footer className="welcome__footer">
        {welcome.data?.showOnStart === false ? (
          <p className="muted">
            This page no longer opens when Orgport starts; it stays under “Get started” in the sidebar.{' '}
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => showOnStart.mutate(true)}
            >
              Show it at start again
            </button>
          </p>
        ) : (
          <>
            <button
              type="button"
              className="button button--quiet"
              disabled={showOnStart.isPending || welcome.isPending}
              onClick={() =>
                showOnStart.mutate(false, {
                  onSuccess: () => navigate({ screen: active ? 'export' : 'connections' }),
                })
              }
            >
              Don’t show this again
            </button>
            <span className="help">You can always come back from “Get started” in the sidebar.</span>
          </>
        )}
      </footer>
    </div>
  );
}

function ConnectionNote({ active }: { readonly active: ActiveConnection | null }): React.JSX.Element {
  if (active?.profile.kind === 'sandbox') {
    return (
      <p className="welcome__status welcome__status--sandbox" data-testid="welcome-connection">
        <span className="welcome__dot" aria-hidden="true" />
        You are on the sandbox — <strong>{active.account.company.name}</strong>, a pretend company with demo
        data that runs inside Orgport. Nothing you do here touches a real company.
      </p>
    );
  }
  if (active) {
    return (
      <p className="welcome__status" data-testid="welcome-connection">
        <span className="welcome__dot welcome__dot--live" aria-hidden="true" />
        You are connected to <strong>{active.account.company.name}</strong>. The tours switch to the sandbox
        first, so they never touch your real data.
      </p>
    );
  }
  return (
    <p className="welcome__status" data-testid="welcome-connection">
      <span className="welcome__dot welcome__dot--off" aria-hidden="true" />
      Not connected. A tour starts the sandbox by itself.
    </p>
  );
}
