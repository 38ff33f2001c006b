/** The window: header bar with the account banner, sidebar, the current screen, and the job panel. */
import { useQuery } from '@tanstack/react-query';
import { AccountBanner } from './components/AccountBanner.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { ConnectionsScreen } from './features/connections/ConnectionsScreen.tsx';
import { activeConnectionQuery } from './features/connections/queries.ts';
import { useConnectionEvents } from './features/connections/useConnectionEvents.ts';
import { DeleteScreen } from './features/delete/DeleteScreen.tsx';
import { ExportScreen } from './features/export/ExportScreen.tsx';
import { HistoryScreen } from './features/history/HistoryScreen.tsx';
import { ImportScreen } from './features/import/ImportScreen.tsx';
import { useOpenedFiles } from './features/import/useOpenedFiles.ts';
import { WindowFileDrop } from './features/import/WindowFileDrop.tsx';
import { JobPanel } from './features/jobs/JobPanel.tsx';
import { useJobEvents } from './features/jobs/useJobEvents.ts';
import { OrganizationsScreen } from './features/organizations/OrganizationsScreen.tsx';
import { TourCoach } from './features/welcome/TourCoach.tsx';
import { useHomeRedirect } from './features/welcome/useHomeRedirect.ts';
import { WelcomeScreen } from './features/welcome/WelcomeScreen.tsx';
import type { Route } from './routing.ts';
import { useRoute } from './routing.ts';

/** The whole app. */
export function App(): React.JSX.Element {
  useConnectionEvents();
  useOpenedFiles();
  useJobEvents();
  const route = useRoute();
  const active = useQuery(activeConnectionQuery());
  // The bare address opens the welcome panel (on the sandbox) for a new user, else the first tool.
  useHomeRedirect(route.screen === 'home');
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand" aria-label="Orgport">
          <svg viewBox="0 0 24 24" className="brand__mark" aria-hidden="true" focusable="false">
            <rect x="3" y="3" width="8" height="8" rx="2" />
            <rect x="13" y="13" width="8" height="8" rx="2" />
            <path d="M11 7h4a2 2 0 0 1 2 2v4" fill="none" strokeWidth="2" />
          </svg>
          Orgport
        </div>
        <AccountBanner />
      </header>
      <Sidebar route={route} />
      <main id="main" className="main" tabIndex={-1}>
        <TourCoach />
        {active.isPending || route.screen === 'home' ? (
          <p className="muted">Loading…</p>
        ) : (
          <Screen route={route} />
        )}
        <JobPanel />
      </main>
      <WindowFileDrop />
    </div>
  );
}

function Screen({ route }: { readonly route: Exclude<Route, { screen: 'home' }> }): React.JSX.Element {
  switch (route.screen) {
    case 'connections':
      return <ConnectionsScreen />;
    case 'import':
      return <ImportScreen />;
    case 'export':
      return <ExportScreen />;
    case 'organizations':
      return <OrganizationsScreen />;
    case 'delete':
      return <DeleteScreen />;
    case 'history':
      return <HistoryScreen jobId={route.jobId} />;
    case 'welcome':
      return <WelcomeScreen />;
  }
}
