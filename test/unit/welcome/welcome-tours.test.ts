import { describe, expect, it } from 'vitest';
import type { ActiveConnection, ConnectionProfile } from '../../../shared/ipc.ts';
import {
  advance,
  homeDecision,
  isFinished,
  TOURS,
  type ProbeId,
  type TourObservation,
} from '../../../shared/welcome-tours.ts';

function seen(change: Partial<TourObservation> = {}, probes: ProbeId[] = []): TourObservation {
  return { screen: 'import', importStep: 'columns', present: new Set(probes), job: null, ...change };
}

/** Walks a tour through observations in order, as the coach does, and lists the step ids shown. */
function walk(tour: keyof typeof TOURS, observations: ReadonlyArray<TourObservation>): string[] {
  const definition = TOURS[tour];
  let reached = 0;
  return observations.map((o) => {
    reached = advance(definition, reached, o);
    return definition.steps[reached]?.id ?? 'finished';
  });
}

describe('tour step advancement', () => {
  it('follows the import tour through the real screen’s states', () => {
    expect(
      walk('import', [
        seen({ importStep: 'columns' }),
        seen({ importStep: 'check' }),
        seen({ importStep: 'check' }, ['cell-detail']),
        // The user clicked elsewhere: the detail went away, the tour does not go back.
        seen({ importStep: 'check' }),
        seen({ importStep: 'run', job: { state: 'running' } }),
        seen({ importStep: 'run', job: { state: 'done' } }),
      ]),
    ).toEqual(['mapped', 'problems', 'go', 'go', 'running', 'finished']);
  });

  it('skips steps the user did without being asked (Import pressed before clicking a cell)', () => {
    expect(walk('import', [seen({ importStep: 'check' }), seen({ importStep: 'run' })])).toEqual([
      'problems',
      'running',
    ]);
  });

  it('follows the export tour: destination, start, the job to its end', () => {
    const on = (change: Partial<TourObservation>, probes: ProbeId[] = []) =>
      seen({ screen: 'export', importStep: 'none', ...change }, probes);
    expect(
      walk('export', [
        on({}),
        on({}, ['export-target-chosen']),
        on({ job: { state: 'queued' } }),
        on({ job: { state: 'failed' } }),
      ]),
    ).toEqual(['preset', 'start', 'running', 'finished']);
  });

  it('follows the delete tour across the Organizations and Bulk delete screens', () => {
    const at = (screen: string, change: Partial<TourObservation> = {}, probes: ProbeId[] = []) =>
      seen({ screen, importStep: 'none', ...change }, probes);
    expect(
      walk('delete', [
        at('organizations'),
        at('delete'),
        at('delete', {}, ['delete-preview']),
        // Looking at History meanwhile does not undo the preview step.
        at('history'),
        at('delete', { job: { state: 'running' } }),
        at('delete', { job: { state: 'cancelled' } }),
      ]),
    ).toEqual(['selected', 'preview', 'confirm', 'confirm', 'running', 'finished']);
  });

  it('is finished only past the last step', () => {
    const tour = TOURS.export;
    expect(isFinished(tour, tour.steps.length - 1)).toBe(false);
    expect(isFinished(tour, tour.steps.length)).toBe(true);
  });

  it('gives every step of every tour a screen, a title and words', () => {
    for (const tour of Object.values(TOURS)) {
      expect(tour.steps.length).toBeGreaterThan(2);
      for (const step of tour.steps) {
        expect(step.title.length).toBeGreaterThan(5);
        expect(step.body.length).toBeGreaterThan(20);
      }
      // The first step is never done on an empty screen.
      expect(advance(tour, 0, seen({ screen: 'welcome', importStep: 'none' }))).toBe(0);
    }
  });
});

const profile = (kind: 'sandbox' | 'pipedrive', id: string = kind): ConnectionProfile => ({
  id,
  name: id,
  kind,
  baseUrl: kind === 'sandbox' ? null : 'https://acme.pipedrive.com',
  hasToken: kind === 'pipedrive',
  createdAt: '2026-11-28T00:00:00Z',
  lastUsedAt: null,
});

const activeOn = (kind: 'sandbox' | 'pipedrive'): ActiveConnection => ({
  profile: profile(kind),
  baseUrl: 'http://127.0.0.1:1',
  account: {
    user: { id: 1, name: 'A', email: 'a@example.com' },
    company: { id: 1, name: 'Acme', domain: 'acme' },
    rateLimit: null,
    dailyBudget: null,
  },
});

describe('where the bare address opens', () => {
  it('opens the welcome panel on the sandbox for a new user (no saved connection)', () => {
    expect(homeDecision({ showWelcome: true, active: null, profiles: [profile('sandbox')] })).toEqual({
      screen: 'welcome',
      connectSandbox: true,
    });
  });

  it('does not swap a saved Pipedrive company for the sandbox behind the user’s back', () => {
    const profiles = [profile('sandbox'), profile('pipedrive', 'acme')];
    expect(homeDecision({ showWelcome: true, active: null, profiles })).toEqual({
      screen: 'welcome',
      connectSandbox: false,
    });
    expect(homeDecision({ showWelcome: true, active: activeOn('pipedrive'), profiles }).connectSandbox).toBe(
      false,
    );
  });

  it('goes to the tools once the panel is turned off', () => {
    expect(homeDecision({ showWelcome: false, active: activeOn('sandbox'), profiles: [] })).toEqual({
      screen: 'export',
      connectSandbox: false,
    });
    expect(homeDecision({ showWelcome: false, active: null, profiles: [] })).toEqual({
      screen: 'connections',
      connectSandbox: false,
    });
  });
});
