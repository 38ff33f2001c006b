import type { OrgportApi } from '../../shared/ipc.ts';

declare global {
  interface Window {
    /** Provided by the Electron preload or the web bridge's client; the only way out of the page. */
    readonly orgport: OrgportApi;
  }
}
