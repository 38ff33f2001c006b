/**
 * The navigation. Only screens that work in this version are listed: Import and Delete join when they
 * are built, rather than showing screens that do nothing.
 */
import type { Route } from '../routing.ts';
import { routeHref } from '../routing.ts';
import { LineIcon } from './LineIcon.tsx';
import { AboutButton } from '../features/about/AboutButton.tsx';

const ITEMS: ReadonlyArray<{
  readonly screen: 'import' | 'export' | 'organizations' | 'delete' | 'history' | 'connections' | 'welcome';
  readonly label: string;
}> = [
  { screen: 'import', label: 'Import' },
  { screen: 'export', label: 'Export' },
  { screen: 'organizations', label: 'Organizations' },
  { screen: 'delete', label: 'Bulk delete' },
  { screen: 'history', label: 'History' },
  { screen: 'connections', label: 'Connections' },
  { screen: 'welcome', label: 'Get started' },
];

/** The sidebar with the current screen marked. */
export function Sidebar({ route }: { readonly route: Route }): React.JSX.Element {
  return (
    <nav className="sidebar" aria-label="Main">
      <ul>
        {ITEMS.map((item) => {
          const current = route.screen === item.screen;
          return (
            <li key={item.screen}>
              <a
                className={`sidebar__link${current ? ' sidebar__link--current' : ''}`}
                href={routeHref(
                  item.screen === 'history' ? { screen: 'history', jobId: null } : { screen: item.screen },
                )}
                aria-current={current ? 'page' : undefined}
              >
                <Icon screen={item.screen} />
                {item.label}
              </a>
            </li>
          );
        })}
      </ul>
      <AboutButton />
    </nav>
  );
}

function Icon({ screen }: { readonly screen: (typeof ITEMS)[number]['screen'] }): React.JSX.Element {
  const paths = {
    import: 'M12 15V3m0 12 4-4m-4 4-4-4M5 15v4h14v-4',
    export: 'M12 3v12m0-12 4 4m-4-4-4 4M5 15v4h14v-4',
    organizations: 'M4 20V6l6-3v17M10 20V9l10 3v8M3 20h18M13 14h4M13 17h4',
    delete: 'M4 7h16M10 11v6m4-6v6M6 7l1 13h10l1-13M9 7V4h6v3',
    history: 'M12 7v5l3 2M4 12a8 8 0 1 0 2.3-5.6M4 4v3h3',
    connections: 'M9 15l6-6M10 6l1-1a4 4 0 0 1 6 6l-1 1M14 18l-1 1a4 4 0 0 1-6-6l1-1',
    welcome: 'M12 3l2.4 5.2 5.6.6-4.2 3.8 1.2 5.6L12 15.4l-5 2.8 1.2-5.6L4 8.8l5.6-.6z',
  } as const;
  return <LineIcon className="sidebar__icon" path={paths[screen]} />;
}
