/**
 * The preload: exposes `window.orgport` — one function per call, one `on…` per event, nothing else
 * (style rule 3). `ipcRenderer` itself never reaches the page. Runs sandboxed, so it is bundled as
 * CommonJS with everything it needs except `electron`.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { createOrgportApi } from '../../shared/ipc.ts';
import type { InvokeResult, OrgportApi, OrgportTransport, PickedFile } from '../../shared/ipc.ts';

/** A dropped file's real path, via `webUtils` (File.path is gone in current Electron). */
export function pickedFromDrop(file: File, pathOf: (file: File) => string): InvokeResult<PickedFile> {
  const path = pathOf(file);
  if (!path) {
    return {
      ok: false,
      error: { kind: 'invalid_request', message: `${file.name} is not a file on this computer.` },
    };
  }
  return { ok: true, value: { path, name: file.name, size: file.size } };
}

const transport: OrgportTransport = {
  invoke: (channel, args) => ipcRenderer.invoke(channel, args) as Promise<InvokeResult<unknown>>,
  subscribe: (channel, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
  fileFromDrop: async (file) => pickedFromDrop(file, (f) => webUtils.getPathForFile(f)),
};

const api = createOrgportApi(transport) satisfies OrgportApi;

contextBridge.exposeInMainWorld('orgport', api);
