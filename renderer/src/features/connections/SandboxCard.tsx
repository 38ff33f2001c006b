/** The first choice on the Connections screen: try Orgport on demo data, no account needed. */
import type { ActiveConnection } from '../../../../shared/ipc.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { routeHref } from '../../routing.ts';
import { SANDBOX_PROFILE_ID } from '../../../../shared/ipc.ts';
import { useActivateConnection } from './mutations.ts';

/** The sandbox card. */
export function SandboxCard({ active }: { readonly active: ActiveConnection | null }): React.JSX.Element {
  const activate = useActivateConnection();
  const isActive = active?.profile.kind === 'sandbox';
  return (
    <section className="card card--sandbox" aria-labelledby="sandbox-title">
      <h2 id="sandbox-title">Sandbox — try with demo data</h2>
      <p>
        A pretend Pipedrive company with a few hundred organizations, running inside Orgport. Nothing you do
        there touches a real company, and its data is kept between runs.
      </p>
      {isActive ? (
        <p className="status status--ok">
          Connected to the sandbox. <a href={routeHref({ screen: 'export' })}>Export its organizations →</a>
        </p>
      ) : (
        <button
          type="button"
          className="button button--primary"
          disabled={activate.isPending}
          onClick={() => activate.mutate(SANDBOX_PROFILE_ID)}
        >
          {activate.isPending ? 'Starting the sandbox…' : 'Use the sandbox'}
        </button>
      )}
      <ErrorMessage error={activate.error} title="The sandbox did not start." />
    </section>
  );
}
