/** Sends the bare address to the right screen (see first-run.ts), connecting the sandbox when due. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { parseRoute, routeHref } from '../../routing.ts';
import { activeConnectionQuery, connectionsQuery } from '../connections/queries.ts';
import { homeDecision } from '../../../../shared/welcome-tours.ts';
import { welcomeStateQuery } from './queries.ts';
import { ensureSandbox } from './start-tour.ts';

/** Call from the app shell; `atHome` is true while the bare address is shown. */
export function useHomeRedirect(atHome: boolean): void {
  const client = useQueryClient();
  const welcome = useQuery(welcomeStateQuery());
  const active = useQuery(activeConnectionQuery());
  const profiles = useQuery(connectionsQuery());
  // A failed query must not leave the user on "Loading…": it counts as "nothing known".
  const ready = !welcome.isPending && !active.isPending && !profiles.isPending;
  const decision = ready
    ? homeDecision({
        showWelcome: welcome.data?.showOnStart ?? false,
        active: active.data ?? null,
        profiles: profiles.data ?? [],
      })
    : null;
  const screen = decision?.screen ?? null;
  const connect = decision?.connectSandbox ?? false;

  useEffect(() => {
    if (!atHome || screen === null) return;
    let gone = false;
    const go = (): void => {
      // Something else may have chosen a screen meanwhile (a file the OS opened goes to Import): it wins,
      // even when React has not re-rendered since the address changed.
      if (!gone && parseRoute(window.location.hash).screen === 'home') {
        window.location.replace(routeHref({ screen }));
      }
    };
    if (connect) {
      // The welcome panel says so if the sandbox does not start; the redirect happens either way.
      ensureSandbox(client).then(go, go);
    } else go();
    return () => {
      gone = true;
    };
  }, [atHome, screen, connect, client]);
}
