/**
 * The handler groups both transports share, one per feature (style rule 4). Each transport adds its
 * own file/shell group and combines them with `combineHandlers`, which refuses a channel twice.
 */
import type {
  AccountChannels,
  AppChannels,
  AppInfo,
  ConnectionChannels,
  FileChannels,
  InvokeHandlers,
  JobChannels,
} from '../../../shared/ipc.ts';
import type { AccountClient } from './account.ts';
import type { ConnectionService } from './connections.ts';
import type { JobService } from './jobs.ts';

/** Handlers of one group of channels. */
export type HandlersOf<G> = Pick<InvokeHandlers, keyof G & keyof InvokeHandlers>;

/** The file and shell calls a transport implements. */
export type FileHandlers = HandlersOf<FileChannels>;

/** `connection/*`. */
export function connectionHandlers<C extends AccountClient>(
  connections: ConnectionService<C>,
): HandlersOf<ConnectionChannels> {
  return {
    'connection/list': () => connections.list(),
    'connection/save': (draft) => connections.save(draft),
    'connection/delete': ({ profileId }) => connections.delete(profileId),
    'connection/test': (request) => connections.test(request),
    'connection/activate': ({ profileId }) => connections.activate(profileId),
    'connection/disconnect': () => connections.disconnect(),
    'connection/active': async () => connections.active(),
  };
}

/** `fields/list`, `users/list`: reference data of the active company. */
export function accountHandlers<C extends AccountClient>(
  connections: ConnectionService<C>,
): HandlersOf<AccountChannels> {
  return {
    'fields/list': () => connections.requireLive().client.listOrganizationFields(),
    'users/list': () => connections.requireLive().client.listUsers(),
  };
}

/** `job/*`. */
export function jobHandlers<E, C extends AccountClient>(jobs: JobService<E, C>): HandlersOf<JobChannels> {
  return {
    'job/start': (request) => jobs.start(request),
    'job/pause': ({ jobId }) => jobs.pause(jobId),
    'job/resume': ({ jobId }) => jobs.resume(jobId),
    'job/cancel': ({ jobId }) => jobs.cancel(jobId),
    'job/list': () => jobs.list(),
    'job/get': ({ jobId }) => jobs.get(jobId),
  };
}

/** `app/info`. */
export function appHandlers(info: () => AppInfo): HandlersOf<AppChannels> {
  return { 'app/info': async () => info() };
}
