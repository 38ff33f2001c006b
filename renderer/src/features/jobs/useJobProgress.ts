/** The latest progress event of one job, live from `job/progress` (style rule 11). */
import { useEffect, useState } from 'react';
import type { JobProgressEvent } from '../../../../shared/ipc.ts';
import { orgport } from '../../api.ts';

/** Progress of `jobId` as it arrives; null until the first event. The effect returns the unsubscribe. */
export function useJobProgress(jobId: string): JobProgressEvent | null {
  const [latest, setLatest] = useState<JobProgressEvent | null>(null);
  useEffect(() => {
    setLatest(null);
    return orgport().onJobProgress((event) => {
      if (event.jobId === jobId) setLatest(event);
    });
  }, [jobId]);
  return latest;
}
