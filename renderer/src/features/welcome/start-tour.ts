/**
 * Starting a tour: make sure the sandbox is the connection (a tour never touches a real company),
 * preset the real screen, remember which jobs exist already, and go there.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ActiveConnection, PickedFile } from '../../../../shared/ipc.ts';
import { SANDBOX_PROFILE_ID } from '../../../../shared/ipc.ts';
import { orgport, unwrap } from '../../api.ts';
import { navigate } from '../../routing.ts';
import { connectionKeys } from '../connections/queries.ts';
import { loadSettings, storeSettings } from '../export/export-settings.ts';
import { fieldsQuery } from '../export/queries.ts';
import { importFile } from '../import/open-file.ts';
import { jobsQuery } from '../jobs/queries.ts';
import { clearSelection, replaceSelection, setQuery } from '../organizations/browse-state.ts';
import { handOver } from '../delete/delete-draft.ts';
import { DELETE_TOUR_COUNT, exportEverything, SAMPLE_IMPORT_CHOICES } from './presets.ts';
import { beginTour } from './tour-state.ts';
import type { TourId } from '../../../../shared/welcome-tours.ts';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let connecting: Promise<ActiveConnection> | null = null;

/**
 * The sandbox connection, connecting to it first when another (or none) is active. Callers at the same
 * time (the bare address and a file the OS opened, at startup) share one connect.
 */
export function ensureSandbox(client: QueryClient): Promise<ActiveConnection> {
  connecting ??= connectSandbox(client).finally(() => {
    connecting = null;
  });
  return connecting;
}

async function connectSandbox(client: QueryClient): Promise<ActiveConnection> {
  const current = await unwrap(orgport().activeConnection());
  if (current?.profile.kind === 'sandbox') return current;
  const active = await unwrap(orgport().activateConnection({ profileId: SANDBOX_PROFILE_ID }));
  client.setQueryData(connectionKeys.active(), active);
  await client.invalidateQueries({ queryKey: connectionKeys.list() });
  return active;
}

async function knownJobs(client: QueryClient): Promise<string[]> {
  const jobs = await client.fetchQuery({ ...jobsQuery(), staleTime: 0 });
  return jobs.map((job) => job.id);
}

/** The first few organizations of the list, by ID (what the Organizations screen shows first). */
async function firstOrganizations(count: number): Promise<ReadonlyArray<number>> {
  const session = await unwrap(
    orgport().openBrowse({ criteria: {}, sort: { key: 'id', direction: 'asc' }, columns: ['name'] }),
  );
  try {
    // A window may come back short while pages are still being read: ask until it is full or complete.
    for (;;) {
      const window = await unwrap(
        orgport().browseRows({ sessionId: session.sessionId, offset: 0, limit: count }),
      );
      if (window.rows.length >= count || window.complete) return window.rows.map((row) => row.id);
    }
  } finally {
    void orgport().closeBrowse({ sessionId: session.sessionId });
  }
}

/** Starts a tour; throws (with a message for the user) when the sandbox or the preset fails. */
export async function startTour(id: TourId, client: QueryClient, sample: PickedFile | null): Promise<void> {
  const active = await ensureSandbox(client);
  const jobs = await knownJobs(client);
  switch (id) {
    case 'import': {
      if (!sample) throw new Error('The sample file is missing from this installation.');
      beginTour('import', jobs);
      navigate({ screen: 'import' });
      window.scrollTo({ top: 0 });
      await importFile(sample, SAMPLE_IMPORT_CHOICES);
      return;
    }
    case 'export': {
      const fields = await client.fetchQuery(fieldsQuery(active.profile.id));
      storeSettings(storage(), exportEverything(loadSettings(storage()), active.profile.id, fields));
      beginTour('export', jobs);
      navigate({ screen: 'export' });
      window.scrollTo({ top: 0 });
      return;
    }
    case 'delete': {
      const ids = await firstOrganizations(DELETE_TOUR_COUNT);
      if (ids.length === 0) throw new Error('The sandbox has no organizations left to delete.');
      // The whole list, by ID, so the ticked rows are the ones at the top.
      setQuery((q) => ({ ...q, criteria: {}, sort: { key: 'id', direction: 'asc' } }));
      clearSelection();
      replaceSelection(ids, 'the welcome tour');
      handOver(null);
      beginTour('delete', jobs);
      navigate({ screen: 'organizations' });
      window.scrollTo({ top: 0 });
      return;
    }
  }
}
