/**
 * The first screen: the sandbox (the default, for trying Orgport out) or a real Pipedrive company,
 * and the saved connections below.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectionProfile } from '../../../../shared/ipc.ts';
import { PipedriveForm } from './PipedriveForm.tsx';
import { activeConnectionQuery } from './queries.ts';
import { SandboxCard } from './SandboxCard.tsx';
import { SavedConnections } from './SavedConnections.tsx';

/** The Connections screen. */
export function ConnectionsScreen(): React.JSX.Element {
  const active = useQuery(activeConnectionQuery()).data ?? null;
  const [editing, setEditing] = useState<ConnectionProfile | null>(null);
  return (
    <div className="screen">
      <header className="screen__header">
        <h1>Connections</h1>
        <p className="muted">
          {active
            ? 'Orgport works with the connection shown at the top of the window. Switch or add one here.'
            : 'Choose where Orgport works. Start with the sandbox to try it with demo data, or connect your Pipedrive company.'}
        </p>
      </header>
      <div className="grid-2">
        <div className="stack">
          <SandboxCard active={active} />
          <SavedConnections active={active} onEdit={setEditing} />
        </div>
        <PipedriveForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
      </div>
    </div>
  );
}
