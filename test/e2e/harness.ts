/**
 * What every browser test needs: Debian's Chromium driven by playwright-core, a sandbox of its own on
 * 127.0.0.1, and a web bridge over a temporary data folder. A missing browser fails the test with a
 * clear message; it is never a reason to skip.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { prepareRenderer, startWebBridge, type WebBridge } from '../../electron/bridge/index.ts';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../electron/engine/sandbox/index.ts';

/** Where the browser is expected (Debian's `chromium` package); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Screenshots of each screen go here (gitignored). */
export const SCREENSHOT_DIR = path.resolve('test-results', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Throws a clear error when the browser is not installed. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser tests need it and are never skipped: ` +
        'install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).',
    );
  }
}

/**
 * Builds the renderer if needed: call in `beforeAll` (it may take a while). The browser check is left
 * to each test, so a missing browser fails every test by name instead of marking them skipped.
 */
export async function prepareBrowserTests(): Promise<void> {
  await prepareRenderer();
}

/** A running app in a browser. */
export interface AppUnderTest {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly bridge: WebBridge;
  readonly sandbox: RunningSandbox;
  readonly dataDir: string;
  /** Problems the page reported (console errors, uncaught exceptions). */
  readonly pageErrors: string[];
  /** Saves a screenshot of the page as `<name>.png`. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts a sandbox, a bridge that uses it for the "Sandbox" profile, and Chromium on the app. */
export async function startApp(
  options: {
    readonly sandbox?: SandboxOptions;
    readonly colorScheme?: 'light' | 'dark';
    /**
     * Start as a brand-new user: the welcome panel opens on the sandbox. Otherwise the data folder starts
     * as a returning user's who turned the panel off, so the bare address opens Connections, unconnected.
     */
    readonly firstRun?: boolean;
    /** A spreadsheet the page is handed once at start, as if the OS had opened the app with it. */
    readonly openFile?: string;
    /** More sections of the data folder's settings.json (saved connections, for one). */
    readonly settings?: Readonly<Record<string, unknown>>;
  } = {},
): Promise<AppUnderTest> {
  requireChromium();
  const root = await mkdtemp(path.join(os.tmpdir(), 'orgport-e2e-'));
  const dataDir = path.join(root, 'data');
  if (!options.firstRun || options.settings) {
    await mkdir(dataDir, { recursive: true });
    const welcome = options.firstRun ? {} : { welcome: { showOnStart: false } };
    await writeFile(
      path.join(dataDir, 'settings.json'),
      `${JSON.stringify({ ...welcome, ...options.settings })}\n`,
    );
  }
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, ...options.sandbox });
  const bridge = await startWebBridge({
    dataDir,
    ...(options.openFile ? { openFile: options.openFile } : {}),
    startSandbox: async () => ({
      url: sandbox.url,
      dailyBudget: sandbox.control.stats().dailyBudget,
      budgetLeft: () => sandbox.control.stats().budgetLeft,
      // The test owns the sandbox and closes it itself.
      close: async () => undefined,
    }),
  });
  const context = await chromium.launchPersistentContext(path.join(root, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    page,
    context,
    bridge,
    sandbox,
    dataDir,
    pageErrors,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close().catch(() => undefined);
      await bridge.close();
      await sandbox.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The user the sandbox answers `/users/me` with (to compare with what the banner shows). */
export async function sandboxAccount(
  sandbox: RunningSandbox,
): Promise<{ userName: string; companyName: string }> {
  const response = await fetch(`${sandbox.url}/api/v1/users/me`, { headers: { 'x-api-token': 'e2e' } });
  const body = (await response.json()) as { data: { name: string; company_name: string } };
  return { userName: body.data.name, companyName: body.data.company_name };
}
