/**
 * Electron main: app lifecycle and wiring only (style rule 8). The API is implemented by the engine's
 * app core; this file gives it a window, native dialogs, the OS shell, encrypted token storage, and
 * taskbar progress and notifications for jobs.
 */
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { dataDir } from '../engine/data-dir.ts';
import { createAppCore, type AppCore } from '../engine/app/index.ts';
import { desktopResourcesDir } from '../engine/app/sample-file.ts';
import { registerAppProtocol } from './app-protocol.ts';
import { desktopFileHandlers } from './file-handlers.ts';
import { registerInvokeHandlers, sendEvent } from './ipc.ts';
import { JobFeedback } from './job-feedback.ts';
import { describeFile, fileFromArgv, OpenFileQueue } from './launch-file.ts';
import { guardQuit } from './quit-guard.ts';
import { createDesktopSecretStore } from './secret-store.ts';
import { APP_ENTRY_URL, APP_SCHEME, isTrustedSender, senderFactsOf } from './security.ts';
import { denyAllPermissions, hardenContents, mainWindowOptions, windowStateOf } from './window.ts';
import { parseWindowState, restoreBounds } from './window-state.ts';

const DEV_SERVER_URL = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const DATA_DIR = dataDir();

// The CLI and the app must share one data folder (data-dir.ts explains why this is set explicitly).
app.setPath('userData', DATA_DIR);
protocol.registerSchemesAsPrivileged([
  // Module scripts are fetched in CORS mode; a standard, secure scheme gives the page a real origin for 'self'.
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;

// "Open with Orgport": a spreadsheet given at launch, to a second instance, or by macOS 'open-file'
// is held until the page listens, then opened on the Import screen.
const launchOptions = (cwd: string) => ({ defaultApp: process.defaultApp === true, cwd });
const openFiles = new OpenFileQueue((file) => {
  void describeFile(file).then((picked) => core?.events.emit('file/opened', picked));
});
const launchFile = fileFromArgv(process.argv, process.platform, launchOptions(process.cwd()));
if (launchFile) openFiles.offer(launchFile);
// Registered at the top level: macOS can send it before the app is ready.
app.on('open-file', (event, file) => {
  event.preventDefault();
  openFiles.offer(file);
});

app.on('web-contents-created', (_event, contents) => hardenContents(contents, shell, DEV_SERVER_URL));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
    const file = fileFromArgv(argv, process.platform, launchOptions(workingDirectory));
    if (file) openFiles.offer(file);
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  registerAppProtocol(protocol, net, RENDERER_DIR);
  const appCore = await createAppCore({
    dataDir: DATA_DIR,
    secrets: createDesktopSecretStore(safeStorage, DATA_DIR),
    version: app.getVersion(),
    // The bundled sample file: next to app.asar once packaged (extraResources), in the repo otherwise.
    resourcesDir: desktopResourcesDir(app.isPackaged, process.resourcesPath, app.getAppPath()),
  });
  core = appCore;

  const handlers = appCore.handlers(
    desktopFileHandlers({
      window: () => mainWindow,
      dialog,
      shell,
      openable: appCore.openable,
      takeOpened: () => openFiles.take(),
    }),
    { saveMode: 'dialog', saveFolder: null, canShowInFolder: true },
  );
  registerInvokeHandlers(ipcMain, handlers, trustedSender);

  const feedback = new JobFeedback();
  appCore.events.subscribe((channel, payload) => {
    if (mainWindow) sendEvent(mainWindow.webContents, channel, payload);
  });
  appCore.events.on('job/progress', (event) => {
    const bar = feedback.progress(event);
    mainWindow?.setProgressBar(bar.value, { mode: bar.mode });
  });
  appCore.events.on('job/state', (summary) => {
    const { taskbar, notify } = feedback.state(summary);
    mainWindow?.setProgressBar(taskbar.value, { mode: taskbar.mode });
    if (notify && Notification.isSupported() && !mainWindow?.isFocused()) new Notification(notify).show();
  });

  await openWindow(appCore);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow(appCore);
  });
}

function trustedSender(event: IpcMainInvokeEvent): boolean {
  return isTrustedSender(senderFactsOf(event, mainWindow?.webContents.id ?? null), DEV_SERVER_URL);
}

async function openWindow(appCore: AppCore): Promise<void> {
  const saved = parseWindowState(await appCore.settings.read('window'));
  const bounds = restoreBounds(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const win = new BrowserWindow(mainWindowOptions(PRELOAD, bounds));
  mainWindow = win;
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    void appCore.settings.update('window', () => windowStateOf(win));
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
    openFiles.pause();
  });
  // A reloading page is not listening until it asks for the held file again.
  win.webContents.on('did-start-loading', () => openFiles.pause());
  await win.loadURL(DEV_SERVER_URL ?? APP_ENTRY_URL);
}

// Running jobs are stopped resumably (journal flushed, state saved) before the process goes away.
guardQuit(app, () => core?.close() ?? null);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
