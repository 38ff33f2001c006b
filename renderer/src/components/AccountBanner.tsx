/**
 * The header bar's account banner: which company and user every action goes to, always visible, in
 * amber for the sandbox and blue for a real company, so nobody writes to the wrong account.
 */
import { useQuery } from '@tanstack/react-query';
import { activeConnectionQuery } from '../features/connections/queries.ts';
import { routeHref } from '../routing.ts';

/** The banner. */
export function AccountBanner(): React.JSX.Element {
  const active = useQuery(activeConnectionQuery());
  const connection = active.data ?? null;
  if (!connection) {
    return (
      <a
        className="account account--none"
        href={routeHref({ screen: 'connections' })}
        data-testid="account-banner"
      >
        <span className="account__badge">Not connected</span>
        <span className="account__text">Choose a connection</span>
      </a>
    );
  }
  const sandbox = connection.profile.kind === 'sandbox';
  const { company, user } = connection.account;
  return (
    <a
      className={`account ${sandbox ? 'account--sandbox' : 'account--live'}`}
      href={routeHref({ screen: 'connections' })}
      data-testid="account-banner"
      aria-label={`${sandbox ? 'Sandbox' : 'Pipedrive'}: ${company.name}, signed in as ${user.name}. Change connection.`}
    >
      <span className="account__badge">{sandbox ? 'Sandbox' : 'Pipedrive'}</span>
      <span className="account__text">
        <strong className="account__company">{company.name}</strong>
        <span className="account__user">
          {user.name} · {sandbox ? 'demo data' : company.domain}
        </span>
      </span>
    </a>
  );
}
