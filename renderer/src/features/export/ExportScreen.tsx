/**
 * Export: format (and CSV delimiter), a searchable field checklist, which organizations (owner or
 * saved filter, update-time range, order), where the file goes, and Start. The job panel below shows
 * the progress and, at the end, "Open file" and "Show in folder". Choices are remembered.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ActiveConnection } from '../../../../shared/ipc.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { routeHref } from '../../routing.ts';
import { activeConnectionQuery } from '../connections/queries.ts';
import { useStartJob } from '../jobs/mutations.ts';
import { ExportDestination } from './ExportDestination.tsx';
import { FieldChecklist } from './FieldChecklist.tsx';
import { FormatOptions } from './FormatOptions.tsx';
import { OrganizationFilters } from './OrganizationFilters.tsx';
import { dateRangeProblem, exportRequest } from './export-settings.ts';
import { describeExport } from './export-summary.ts';
import { columnTotal, fieldItems, orderedChoice, resolveChoice } from './field-choice.ts';
import { fieldsQuery, savedFiltersQuery, usersQuery } from './queries.ts';
import { useExportSettings } from './useExportSettings.ts';
import './export.css';

/** The Export screen. */
export function ExportScreen(): React.JSX.Element {
  const active = useQuery(activeConnectionQuery()).data ?? null;
  if (!active) {
    return (
      <div className="screen">
        <h1>Export organizations</h1>
        <p className="empty">
          Connect first:{' '}
          <a href={routeHref({ screen: 'connections' })}>choose the sandbox or your Pipedrive company</a>.
        </p>
      </div>
    );
  }
  // A new connection starts from its own remembered choices.
  return <ExportForm key={active.profile.id} active={active} />;
}

function ExportForm({ active }: { readonly active: ActiveConnection }): React.JSX.Element {
  const profileId = active.profile.id;
  const fields = useQuery(fieldsQuery(profileId));
  const users = useQuery(usersQuery(profileId));
  const filters = useQuery(savedFiltersQuery(profileId));
  const { settings, choices, update, updateChoices } = useExportSettings(profileId);
  const [target, setTarget] = useState<string | null>(null);
  const [startedTitle, setStartedTitle] = useState<string | null>(null);
  const start = useStartJob();

  const items = useMemo(() => fieldItems(fields.data ?? []), [fields.data]);
  const chosen = useMemo(() => resolveChoice(items, choices.fields), [items, choices.fields]);
  // Only an owner or filter that is listed now is used: a remembered one that is gone, or one that
  // cannot be checked because its list failed to load, is dropped rather than sent unseen.
  const owner = users.data?.find((u) => u.id === choices.ownerId) ?? null;
  const filter = filters.data?.find((f) => f.id === choices.filterId) ?? null;
  const ownerId = owner?.id ?? null;
  const filterId = filter?.id ?? null;

  const blocker = !fields.data
    ? fields.error
      ? 'The fields could not be loaded.'
      : 'The fields are still loading.'
    : (dateRangeProblem(settings.updatedFrom, settings.updatedTo) ??
      (users.isPending || filters.isPending ? 'The owners and filters are still loading.' : null));
  const summary = describeExport({
    fields: chosen.size,
    columns: columnTotal(items, chosen),
    owner: filterId === null ? owner : null,
    filter,
    updatedFrom: settings.updatedFrom,
    updatedTo: settings.updatedTo,
    format: settings.format,
    delimiter: settings.delimiter,
  });

  const submit = (): void => {
    if (!target || blocker) return;
    const spec = exportRequest({
      out: target,
      settings,
      fields: orderedChoice(items, chosen),
      ownerId,
      filterId,
    });
    setStartedTitle(null);
    start.mutate(
      { kind: 'export', spec: { ...spec } },
      {
        onSuccess: (summary) => {
          // The file now belongs to this job; another export must not be aimed at it by accident.
          setTarget(null);
          setStartedTitle(summary.title);
          // The job panel sits below the form; bring the new card into view.
          requestAnimationFrame(() =>
            document
              .querySelector(`[data-job-id="${CSS.escape(summary.id)}"]`)
              ?.scrollIntoView({ behavior: 'smooth', block: 'nearest' }),
          );
        },
      },
    );
  };

  return (
    <div className="screen export-screen">
      <header className="screen__header">
        <h1>Export organizations</h1>
        <p className="muted">
          Organizations of <strong>{active.account.company.name}</strong>, readable: field names as headers,
          names instead of ids. The first column is the Pipedrive ID, so the file can be imported back as an
          update.
        </p>
      </header>
      <form
        className="export-layout"
        aria-label="Export settings"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="export-layout__side">
          <FormatOptions
            format={settings.format}
            delimiter={settings.delimiter}
            onFormat={(format) => {
              update({ format });
              // The chosen file carries the other format's extension.
              if (format !== settings.format) setTarget(null);
            }}
            onDelimiter={(delimiter) => update({ delimiter })}
          />
          <OrganizationFilters
            users={users}
            filters={filters}
            ownerId={ownerId}
            filterId={filterId}
            updatedFrom={settings.updatedFrom}
            updatedTo={settings.updatedTo}
            sort={settings.sort}
            onOwner={(id) => updateChoices({ ownerId: id, ...(id !== null ? { filterId: null } : {}) })}
            onFilter={(id) => updateChoices({ filterId: id, ...(id !== null ? { ownerId: null } : {}) })}
            onDates={(dates) => update(dates)}
            onSort={(sort) => update({ sort })}
          />
        </div>
        <div className="export-layout__main">
          {fields.data ? (
            <FieldChecklist
              items={items}
              chosen={chosen}
              onChange={(next) =>
                updateChoices({
                  fields: { chosen: orderedChoice(items, next), known: items.map((i) => i.field.key) },
                })
              }
            />
          ) : (
            <section className="card export-card" aria-label="Fields">
              <h2>Fields</h2>
              {fields.error ? (
                <>
                  <ErrorMessage error={fields.error} title="The fields could not be loaded." />
                  <button type="button" className="button" onClick={() => void fields.refetch()}>
                    Try again
                  </button>
                </>
              ) : (
                <p className="muted">Loading the fields…</p>
              )}
            </section>
          )}
        </div>
        <div className="export-layout__wide">
          <ExportDestination
            format={settings.format}
            target={target}
            onTarget={(path) => {
              setTarget(path);
              setStartedTitle(null);
            }}
            summary={summary}
            blocker={blocker}
            starting={start.isPending}
            startError={start.error}
            startedTitle={startedTitle}
          />
        </div>
      </form>
    </div>
  );
}
