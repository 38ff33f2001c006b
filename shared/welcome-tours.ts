/**
 * The first run (issue 9): where the bare address opens, and the three tours as data — each step says
 * what to do, where (the screen and the element to point at), and when it is done, judged from what
 * the app shows, never from a tour-only state, so a tour follows the real screens. Pure, and here in
 * `shared/` rather than in the renderer so the unit tests (a Node project) can check it: the
 * renderer's coach gathers a {@link TourObservation} and {@link advance} decides the step.
 */
import type { ActiveConnection, ConnectionProfile } from './ipc.ts';
import type { JobState } from './jobs.ts';

/** A tour. */
export type TourId = 'import' | 'export' | 'delete';

/** The screens a tour step happens on. */
export type TourScreen = 'import' | 'export' | 'organizations' | 'delete';

/** Things in the page a step waits for, each found by a CSS selector (see {@link PROBES}). */
export type ProbeId = 'cell-detail' | 'export-target-chosen' | 'delete-preview';

/** How each probe is found in the page. */
export const PROBES: { readonly [P in ProbeId]: string } = {
  // The detail line has buttons only once a cell is chosen.
  'cell-detail': '[data-testid="cell-detail"] button',
  'export-target-chosen': '[data-testid="export-target"]:not(.muted)',
  'delete-preview': 'section[aria-labelledby="del-step-2"]',
};

/** What the coach sees of the app at a moment. */
export interface TourObservation {
  readonly screen: string;
  /** The Import screen's step, `none` when no file is open there. */
  readonly importStep: 'none' | 'columns' | 'check' | 'run';
  readonly present: ReadonlySet<ProbeId>;
  /** The job this tour started (the newest of its kind that was not there when the tour began). */
  readonly job: { readonly state: JobState } | null;
}

/** One step of a tour. */
export interface TourStep {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly screen: TourScreen;
  /** The element the callout points at; null for none. */
  readonly target: string | null;
  readonly done: (seen: TourObservation) => boolean;
}

/** A tour: its steps, then its "what next" message (written by the coach from the job's outcome). */
export interface TourDefinition {
  readonly id: TourId;
  readonly title: string;
  readonly steps: ReadonlyArray<TourStep>;
}

const FINAL_STATES: ReadonlySet<JobState> = new Set(['done', 'failed', 'cancelled']);

const jobStarted = (seen: TourObservation): boolean => seen.job !== null;
const jobEnded = (seen: TourObservation): boolean => seen.job !== null && FINAL_STATES.has(seen.job.state);

const IMPORT_TOUR: TourDefinition = {
  id: 'import',
  title: 'Import the sample file',
  steps: [
    {
      id: 'mapped',
      title: 'The columns were mapped automatically',
      body:
        'Orgport matched each column of the trade-fair list to a Pipedrive field by its name: the owner by ' +
        'email, the address parts, even the custom fields. “Met at booth” has no field, so it is left out. ' +
        'The import is preset to create new organizations and update those Pipedrive already has (by name). ' +
        'Press the Check button below to see every row.',
      screen: 'import',
      target: '.mapping-table',
      done: (seen) => seen.importStep === 'check' || seen.importStep === 'run',
    },
    {
      id: 'problems',
      title: 'Some rows need a fix — click a red cell',
      body:
        'Every row was checked before anything is sent. Rows with a problem are marked: a misspelt ' +
        'industry, a card with no company name, a company listed twice. Click a red cell to see why; a ' +
        'suggested fix is one click.',
      screen: 'import',
      target: '[data-testid="preview-grid"]',
      done: (seen) => seen.present.has('cell-detail') || seen.importStep === 'run',
    },
    {
      id: 'go',
      title: 'Press Import',
      body:
        'Rows that still have a problem are not sent: they go to a failed-rows report that you can fix and ' +
        'import again. Nothing here touches a real company — this is the sandbox.',
      screen: 'import',
      target: '.step-actions .button--primary',
      done: (seen) => seen.importStep === 'run',
    },
    {
      id: 'running',
      title: 'Importing into the sandbox',
      body: 'Progress, pause and cancel are in the job panel. The import keeps going if you leave the screen.',
      screen: 'import',
      target: '.job-panel',
      done: jobEnded,
    },
  ],
};

const EXPORT_TOUR: TourDefinition = {
  id: 'export',
  title: 'Export everything to Excel',
  steps: [
    {
      id: 'preset',
      title: 'Every field, as an Excel file',
      body:
        'All fields are ticked and the format is Excel (.xlsx), for all organizations. Change anything you ' +
        'like, then choose where the file goes.',
      screen: 'export',
      target: '.export-destination .destination',
      done: (seen) => seen.present.has('export-target-chosen') || jobStarted(seen),
    },
    {
      id: 'start',
      title: 'Press Start export',
      body: 'The organizations are read page by page and written as they come, so any size works.',
      screen: 'export',
      target: '.export-destination__actions',
      done: jobStarted,
    },
    {
      id: 'running',
      title: 'Exporting',
      body: 'Follow it in the job panel; you can cancel it there.',
      screen: 'export',
      target: '.job-panel',
      done: jobEnded,
    },
  ],
};

const DELETE_TOUR: TourDefinition = {
  id: 'delete',
  title: 'Delete a selected handful',
  steps: [
    {
      id: 'selected',
      title: 'Five demo organizations are ticked',
      body:
        'They are the first five of the sandbox’s list. Tick or untick others if you like, then press ' +
        '“Delete selected…”. Nothing is deleted yet.',
      screen: 'organizations',
      target: '.orgs-selection',
      done: (seen) => seen.screen === 'delete' || seen.present.has('delete-preview') || jobStarted(seen),
    },
    {
      id: 'preview',
      title: 'Preview first',
      body: 'Press Preview: each ID is looked up, so you see exactly what exists and what would be deleted.',
      screen: 'delete',
      target: 'section[aria-labelledby="del-step-1"] .form__actions',
      done: (seen) => seen.present.has('delete-preview') || jobStarted(seen),
    },
    {
      id: 'confirm',
      title: 'Type the number to confirm',
      body:
        'Check the list, type how many organizations will go, and press Delete. A backup of exactly these ' +
        'organizations is written before the first one is deleted.',
      screen: 'delete',
      target: '.del-confirm',
      done: jobStarted,
    },
    {
      id: 'running',
      title: 'Backup first, then the delete',
      body: 'The job panel shows both phases; the report and the backup file are linked there at the end.',
      screen: 'delete',
      target: '.job-panel',
      done: jobEnded,
    },
  ],
};

/** Every tour by id. */
export const TOURS: { readonly [T in TourId]: TourDefinition } = {
  import: IMPORT_TOUR,
  export: EXPORT_TOUR,
  delete: DELETE_TOUR,
};

/**
 * The step to show: the first one not done yet, but never an earlier one than already reached (a step
 * is not undone because the user clicked elsewhere or looked at another screen). Equal to the number of
 * steps when the tour is finished.
 */
export function advance(tour: TourDefinition, reached: number, seen: TourObservation): number {
  const open = tour.steps.findIndex((step) => !step.done(seen));
  const next = open === -1 ? tour.steps.length : open;
  return Math.max(reached, next);
}

/** True when every step is done and the "what next" message is due. */
export function isFinished(tour: TourDefinition, reached: number): boolean {
  return reached >= tour.steps.length;
}

// ---------------------------------------------------------------------------------------------------
// Where the bare address opens. While the welcome panel is on (a first run, until "Don't show this
// again") it opens the panel — on the sandbox when no connection is saved, so a new user has demo data
// in front of them before they have found their API token. Otherwise a connected user lands on the
// first working tool and an unconnected one on Connections.

/** What the bare address does. */
export interface HomeDecision {
  readonly screen: 'welcome' | 'export' | 'connections';
  /** Connect to the sandbox first. */
  readonly connectSandbox: boolean;
}

/** What is known of the connections when the app decides for the user. */
export interface ConnectionFacts {
  readonly active: ActiveConnection | null;
  readonly profiles: ReadonlyArray<ConnectionProfile>;
}

/**
 * True when the app may connect the sandbox on the user's behalf: nothing is connected and no
 * Pipedrive company is saved — a new user, for whom the sandbox is the default connection. A saved
 * company that is not connected right now (unreachable, token gone) is never replaced by the sandbox
 * behind the user's back. Used by the bare address (on a first run) and by "Open with Orgport".
 */
export function sandboxIsDue(facts: ConnectionFacts): boolean {
  return facts.active === null && !facts.profiles.some((p) => p.kind === 'pipedrive');
}

/** Decides where the bare address goes. */
export function homeDecision(args: ConnectionFacts & { readonly showWelcome: boolean }): HomeDecision {
  const { showWelcome, active } = args;
  if (!showWelcome) return { screen: active ? 'export' : 'connections', connectSandbox: false };
  // With a saved company the panel opens unconnected and the tours switch to the sandbox when asked.
  return { screen: 'welcome', connectSandbox: sandboxIsDue(args) };
}
