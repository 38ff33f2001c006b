/**
 * What the coach sees: the screen, the Import screen's step, the tour's job, which probes are in the
 * page, and where the current step's target is. The page is watched with a MutationObserver (plus
 * scroll and resize for the target's position), batched to one look per animation frame.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { JobSummary } from '../../../../shared/jobs.ts';
import { useRoute } from '../../routing.ts';
import { useImportDraft } from '../import/import-draft.ts';
import { jobsQuery } from '../jobs/queries.ts';
import type { ActiveTour } from './tour-state.ts';
import { PROBES, type ProbeId, type TourObservation } from '../../../../shared/welcome-tours.ts';

/** A target's box on screen. */
export interface TargetBox {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

interface PageLook {
  readonly present: ReadonlySet<ProbeId>;
  readonly box: TargetBox | null;
}

const PROBE_IDS = Object.keys(PROBES) as ProbeId[];

function look(target: string | null): PageLook {
  const present = new Set(PROBE_IDS.filter((id) => document.querySelector(PROBES[id]) !== null));
  const element = target ? document.querySelector(target) : null;
  const rect = element?.getBoundingClientRect();
  const box =
    rect && rect.width > 0 && rect.height > 0
      ? { top: rect.top, left: rect.left, width: rect.width, height: rect.height }
      : null;
  return { present, box };
}

function samePage(a: PageLook, b: PageLook): boolean {
  if (a.present.size !== b.present.size || [...a.present].some((p) => !b.present.has(p))) return false;
  if (a.box === null || b.box === null) return a.box === b.box;
  return (
    Math.round(a.box.top) === Math.round(b.box.top) &&
    Math.round(a.box.left) === Math.round(b.box.left) &&
    Math.round(a.box.width) === Math.round(b.box.width) &&
    Math.round(a.box.height) === Math.round(b.box.height)
  );
}

/** The newest job of the tour's kind that was not there when the tour began. */
export function tourJob(tour: ActiveTour, jobs: ReadonlyArray<JobSummary>): JobSummary | null {
  const mine = jobs.filter((job) => job.kind === tour.id && !tour.knownJobs.has(job.id));
  return mine.reduce<JobSummary | null>((a, b) => (a === null || b.createdAt > a.createdAt ? b : a), null);
}

/** Watches the app for the tour; `target` is the current step's element. */
export function useTourObservation(
  tour: ActiveTour,
  target: string | null,
): { readonly seen: TourObservation; readonly box: TargetBox | null; readonly job: JobSummary | null } {
  const route = useRoute();
  const draft = useImportDraft();
  const jobs = useQuery(jobsQuery()).data;
  const [page, setPage] = useState<PageLook>(() => look(target));

  useEffect(() => {
    let frame = 0;
    const update = (): void => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const next = look(target);
        setPage((old) => (samePage(old, next) ? old : next));
      });
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    window.addEventListener('scroll', update, true);
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('scroll', update, true);
      window.removeEventListener('resize', update);
    };
  }, [target]);

  const job = useMemo(() => tourJob(tour, jobs ?? []), [tour, jobs]);
  const importStep = draft.opened ? draft.step : 'none';
  const seen = useMemo<TourObservation>(
    () => ({
      screen: route.screen,
      importStep,
      present: page.present,
      job: job ? { state: job.state } : null,
    }),
    [route.screen, importStep, page.present, job],
  );
  return { seen, box: page.box, job };
}
