/**
 * Connect to a real Pipedrive company: a name, the company domain (or any API URL) and the API token.
 * "Test connection" tries it without saving; "Save and connect" stores it and makes it active. When
 * editing, an empty token field keeps the saved token, which is never shown again.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ConnectionDraft, ConnectionProfile } from '../../../../shared/ipc.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { HelpTip } from '../../components/HelpTip.tsx';
import { useActivateConnection, useSaveConnection, useTestConnection } from './mutations.ts';
import { appInfoQuery } from './queries.ts';
import { TestResult } from './TestResult.tsx';

/** Props of {@link PipedriveForm}. */
export interface PipedriveFormProps {
  /** The profile being edited, or null for a new one. */
  readonly editing: ConnectionProfile | null;
  onDone(): void;
}

/** The form. */
export function PipedriveForm({ editing, onDone }: PipedriveFormProps): React.JSX.Element {
  const id = useId();
  const info = useQuery(appInfoQuery()).data;
  const [name, setName] = useState(editing?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(editing?.baseUrl ?? '');
  const [token, setToken] = useState('');
  const test = useTestConnection();
  const save = useSaveConnection();
  const activate = useActivateConnection();

  const draft = (): ConnectionDraft => ({
    ...(editing ? { id: editing.id } : {}),
    name: name.trim() || companyGuess(baseUrl),
    kind: 'pipedrive',
    baseUrl: baseUrl.trim(),
    ...(token.trim() ? { token: token.trim() } : {}),
  });

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const saved = await save.mutateAsync(draft()).catch(() => null);
    if (!saved) return;
    setToken('');
    // The test result described the draft; after saving, the header bar is the truth.
    test.reset();
    const active = await activate.mutateAsync(saved.id).catch(() => null);
    if (!active) return;
    if (!editing) {
      setName('');
      setBaseUrl('');
    }
    onDone();
  };

  const needsToken = !editing?.hasToken;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{editing ? `Edit “${editing.name}”` : 'Pipedrive'}</h2>
      <p className="muted">
        Connect to your company with the API token of the Pipedrive user Orgport should act as.
      </p>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. Acme production"
          autoComplete="off"
        />
        <span className="help-tip-label">
          <label htmlFor={`${id}-url`}>Company domain or API address</label>
          <HelpTip topic="the company domain" testId="help-domain">
            <span className="help-tip__p">
              The first part of the address you open Pipedrive at: for <code>yourcompany.pipedrive.com</code>{' '}
              type <code>yourcompany</code>. Pasting the whole address works too.
            </span>
            <span className="help-tip__p">
              Left empty, Orgport uses <code>api.pipedrive.com</code>, which also works: the token tells
              Pipedrive which company it belongs to.
            </span>
          </HelpTip>
        </span>
        <input
          id={`${id}-url`}
          value={baseUrl}
          onChange={(event) => setBaseUrl(event.target.value)}
          placeholder="acme or acme.pipedrive.com"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-url-help`}
        />
        <p id={`${id}-url-help`} className="help">
          Leave empty to use api.pipedrive.com. Any http(s) address works too, e.g. a sandbox’s.
        </p>
        <span className="help-tip-label">
          <label htmlFor={`${id}-token`}>API token</label>
          <HelpTip topic="where to find the token and how it is kept" testId="help-token">
            <span className="help-tip__p">
              <strong>Where to find it:</strong> in Pipedrive, open your profile menu (your name or picture,
              top right) → <strong>Personal preferences</strong> → the <strong>API</strong> tab, and copy the
              token shown there.
            </span>
            <span className="help-tip__p">
              Orgport then acts as that user, with that user’s permissions. Generating a new token in
              Pipedrive makes the old one stop working.
            </span>
            <span className="help-tip__p">
              {info?.tokenStorage === 'memory'
                ? 'Here it is kept in memory only, never written to disk: enter it again after Orgport restarts.'
                : 'It is saved on this computer only, in the file tokens.json in Orgport’s data folder, encrypted with your operating system’s key store (Keychain on macOS, your Windows account’s data protection, the keyring on Linux).'}{' '}
              It is never shown again and is sent only to the company address above.
            </span>
          </HelpTip>
        </span>
        <input
          id={`${id}-token`}
          type="password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          placeholder={editing?.hasToken ? 'Saved — leave empty to keep it' : 'Paste the API token'}
          autoComplete="off"
          spellCheck={false}
          required={needsToken}
          aria-describedby={`${id}-token-help`}
        />
        <p id={`${id}-token-help`} className="help">
          In Pipedrive: your name (top right) → Personal preferences → API.{' '}
          {info?.tokenStorage === 'memory' ? (
            <strong data-testid="memory-note">
              The token is kept in memory only: enter it again after restarting Orgport.
            </strong>
          ) : (
            'It is stored encrypted by your operating system and never shown again.'
          )}
        </p>
        <div className="form__actions">
          <button
            type="button"
            className="button"
            disabled={test.isPending || (needsToken && !token.trim())}
            onClick={() => test.mutate({ draft: draft() })}
          >
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={save.isPending || activate.isPending || (needsToken && !token.trim())}
          >
            {save.isPending || activate.isPending
              ? 'Connecting…'
              : editing
                ? 'Save and reconnect'
                : 'Save and connect'}
          </button>
          {editing ? (
            <button type="button" className="button button--quiet" onClick={onDone}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
      {test.data ? <TestResult result={test.data} /> : null}
      <ErrorMessage error={test.error} />
      <ErrorMessage error={save.error} title="Not saved." />
      <ErrorMessage error={activate.error} title="Saved, but the connection did not work." />
    </section>
  );
}

/** A default profile name from the domain the user typed ("acme" → "acme"). */
function companyGuess(baseUrl: string): string {
  const host = baseUrl
    .trim()
    .replace(/^https?:\/\//, '')
    .split(/[/.:]/)[0];
  return host || 'Pipedrive';
}
