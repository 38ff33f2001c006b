/**
 * "Connect your Pipedrive company": the two things the Connections form asks for, what they are and
 * where to find them, and that the sandbox is only an imitation.
 */
import { routeHref } from '../../routing.ts';

/** The connect card of the welcome panel. */
export function ConnectCard(): React.JSX.Element {
  return (
    <section className="card welcome-connect" aria-labelledby="connect-title">
      <div className="welcome-connect__intro">
        <h2 id="connect-title">Connect your Pipedrive company</h2>
        <p className="muted">
          When the tours have shown you around, connect the real thing. Orgport needs two things from
          Pipedrive.
        </p>
        <a className="button button--primary" href={routeHref({ screen: 'connections' })}>
          Go to Connections
        </a>
      </div>
      <dl className="welcome-connect__facts">
        <div>
          <dt>Your API token</dt>
          <dd>
            A long key that lets Orgport act as you. In Pipedrive, open the profile menu (your picture, top
            right) → <strong>Personal preferences</strong> → <strong>API</strong>, and copy “Your personal API
            token”. Orgport keeps it on this computer and sends it only to Pipedrive.
          </dd>
        </div>
        <div>
          <dt>Your company domain</dt>
          <dd>
            The first part of the address you open Pipedrive at: for <code>yourcompany.pipedrive.com</code> it
            is <code>yourcompany</code>.
          </dd>
        </div>
        <div>
          <dt>The sandbox</dt>
          <dd>
            A local imitation of Pipedrive with demo data, inside Orgport. It behaves like the real service —
            limits, errors and all — but nothing in it reaches Pipedrive, and it needs no account.
          </dd>
        </div>
      </dl>
    </section>
  );
}
