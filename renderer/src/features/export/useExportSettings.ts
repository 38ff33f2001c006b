/**
 * The Export screen's choices: local state, started from what was remembered and remembered again on
 * every change. Connection-specific choices (fields, owner, filter) are read and written for the
 * connection in use.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  loadSettings,
  NO_CONNECTION_CHOICES,
  storeSettings,
  type ConnectionChoices,
  type ExportSettings,
} from './export-settings.ts';

/** What {@link useExportSettings} hands back. */
export interface ExportSettingsState {
  readonly settings: ExportSettings;
  /** This connection's choices. */
  readonly choices: ConnectionChoices;
  /** Changes the connection-independent settings. */
  update(change: Partial<Omit<ExportSettings, 'connections'>>): void;
  /** Changes this connection's choices. */
  updateChoices(change: Partial<ConnectionChoices>): void;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The settings for the connection with this profile id. */
export function useExportSettings(profileId: string): ExportSettingsState {
  const [settings, setSettings] = useState<ExportSettings>(() => loadSettings(storage()));
  useEffect(() => storeSettings(storage(), settings), [settings]);

  const update = useCallback((change: Partial<Omit<ExportSettings, 'connections'>>) => {
    setSettings((current) => ({ ...current, ...change }));
  }, []);
  const updateChoices = useCallback(
    (change: Partial<ConnectionChoices>) => {
      setSettings((current) => {
        const before = current.connections[profileId] ?? NO_CONNECTION_CHOICES;
        return { ...current, connections: { ...current.connections, [profileId]: { ...before, ...change } } };
      });
    },
    [profileId],
  );
  return {
    settings,
    choices: settings.connections[profileId] ?? NO_CONNECTION_CHOICES,
    update,
    updateChoices,
  };
}
