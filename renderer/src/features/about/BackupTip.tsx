/** The explanation of a bulk delete's backup: what it holds, where it goes, what it is good for. */
import { useQuery } from '@tanstack/react-query';
import { HelpTip } from '../../components/HelpTip.tsx';
import { appInfoQuery } from '../connections/queries.ts';

/** A "?" about the backup a bulk delete writes before it deletes anything. */
export function BackupTip(): React.JSX.Element {
  const dataDir = useQuery(appInfoQuery()).data?.dataDir ?? null;
  const sep = dataDir?.includes('\\') ? '\\' : '/';
  const where = dataDir
    ? [dataDir, 'jobs', '<job>', 'reports', 'backup-<job>.xlsx'].join(sep)
    : 'the job’s folder, under reports';
  return (
    <HelpTip topic="the backup" testId="help-backup">
      <span className="help-tip__p">
        An Excel file with every field of exactly the organizations about to be deleted, IDs included — the
        same as an export of them. It is written before the first delete; if it cannot be written, nothing is
        deleted.
      </span>
      <span className="help-tip__p">
        It is saved on this computer as <code>{where}</code>. When the job ends, the job panel links it.
      </span>
      <span className="help-tip__p">
        Pipedrive can restore deleted organizations for 30 days. After that, import the backup in
        <strong> Create</strong> mode to recreate them — as new organizations with new IDs; people and deals
        are not linked back.
      </span>
    </HelpTip>
  );
}
