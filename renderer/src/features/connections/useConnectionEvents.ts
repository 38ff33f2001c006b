/** Keeps the active-connection query in step with `connection/changed` pushes from the engine. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { orgport } from '../../api.ts';
import { connectionKeys } from './queries.ts';

/** Subscribes once for the app's lifetime; the effect returns the unsubscribe. */
export function useConnectionEvents(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      orgport().onConnectionChanged((active) => {
        client.setQueryData(connectionKeys.active(), active);
        void client.invalidateQueries({ queryKey: connectionKeys.list() });
      }),
    [client],
  );
}
