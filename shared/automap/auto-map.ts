/**
 * Auto-mapping: every column of a sheet gets a target (or none) with a confidence and the way it was
 * found, so the UI can show it and the user only fixes what is left. No two columns end up on one
 * target: the better one keeps it and the other is left unmapped with a note that says why.
 */
import type { MappingTarget } from '../mapping.ts';
import { formatTarget } from '../mapping.ts';
import type { OrgField } from '../model.ts';
import type { Candidate, FieldIndex, MatchMethod } from './candidates.ts';
import { buildFieldIndex, findCandidates } from './candidates.ts';
import { cleanHeader, compact, headerWords } from './normalize.ts';
import type { SampleProfile } from './samples.ts';
import { mostly, profileSamples } from './samples.ts';
import { describeTarget, resolveTargetText } from './targets.ts';

/** One column of the sheet: its header and a few of its values (they help break ties). */
export interface AutoMapColumn {
  readonly header: string;
  readonly samples?: ReadonlyArray<unknown>;
}

/** The import mode (`id` is no target when creating) and a mapping used before for the same headers. */
export interface AutoMapOptions {
  readonly mode?: 'create' | 'update' | 'upsert';
  /** Header → target text (`id`, key, `key.part`) or null, e.g. from `MappingMemory.recall`. */
  readonly previous?: Readonly<Record<string, string | null>>;
}

/** The proposed mapping of one column. */
export interface ColumnMapping {
  readonly column: string;
  readonly target: MappingTarget | null;
  /** 1 for an exact key or name or an earlier mapping, lower for aliases and fuzzy matches, 0 for none. */
  readonly confidence: number;
  readonly method: MatchMethod;
  /** Why the column is unmapped, or what else it could be. */
  readonly note?: string;
  /** Other targets the column could mean, best first. */
  readonly alternatives?: ReadonlyArray<MappingTarget>;
}

interface Proposal {
  target: MappingTarget | null;
  confidence: number;
  method: MatchMethod;
  note?: string;
  alternatives: MappingTarget[];
  /** Rank when two columns want the same target (confidence plus sample evidence). */
  score: number;
  why?: string;
  /** An equally good other target; worth a note unless another column took it. */
  tie?: { target: MappingTarget; text: string };
}

/** Proposes a target for every column; see `ColumnMapping`. Results are in column order. */
export function autoMap(
  columns: ReadonlyArray<AutoMapColumn>,
  fields: ReadonlyArray<OrgField>,
  options: AutoMapOptions = {},
): ReadonlyArray<ColumnMapping> {
  const index = buildFieldIndex(fields);
  const proposals = columns.map((column) => propose(column, index, options));
  const winners = new Map<string, number>();
  const order = proposals.map((_, i) => i).sort((a, b) => score(proposals, b) - score(proposals, a) || a - b);
  for (const i of order) {
    const proposal = proposals[i];
    if (!proposal?.target) continue;
    const key = formatTarget(proposal.target);
    const winner = winners.get(key);
    if (winner === undefined) {
      winners.set(key, i);
      continue;
    }
    const kept = proposals[winner];
    const why =
      kept?.why ?? (kept && kept.confidence > proposal.confidence ? 'a closer match' : 'it comes first');
    proposals[i] = {
      target: null,
      confidence: 0,
      method: 'none',
      note:
        `Not mapped: ${describeTarget(proposal.target, fields)} is already mapped from column ` +
        `"${columns[winner]?.header ?? ''}" (${why}). Choose it here instead if this column is the right one.`,
      alternatives: [proposal.target, ...proposal.alternatives],
      score: 0,
    };
  }
  return proposals.map((proposal, i) => {
    const tie =
      proposal.tie && !winners.has(formatTarget(proposal.tie.target)) ? proposal.tie.text : undefined;
    const note = [proposal.note, tie].filter((text) => text !== undefined).join(' ');
    return {
      column: columns[i]?.header ?? '',
      target: proposal.target,
      confidence: Math.round(proposal.confidence * 100) / 100,
      method: proposal.method,
      ...(note === '' ? {} : { note }),
      ...(proposal.alternatives.length === 0 ? {} : { alternatives: proposal.alternatives }),
    };
  });
}

function score(proposals: ReadonlyArray<Proposal>, i: number): number {
  return proposals[i]?.score ?? 0;
}

function propose(column: AutoMapColumn, index: FieldIndex, options: AutoMapOptions): Proposal {
  const profile = profileSamples(column.samples);
  const notes: string[] = [];
  const earlier = lookupPrevious(column.header, options.previous);
  if (earlier === null) {
    return {
      target: null,
      confidence: 1,
      method: 'previous',
      note: 'Left unmapped last time.',
      alternatives: [],
      score: 0,
    };
  }
  if (earlier !== undefined) {
    const resolved = resolveTargetText(earlier, index.fields, { names: true });
    if (resolved.ok && !(resolved.target.kind === 'id' && options.mode === 'create')) {
      const why = 'as in the earlier mapping';
      return { target: resolved.target, confidence: 1, method: 'previous', alternatives: [], score: 3, why };
    }
    notes.push(
      `The earlier mapping "${earlier}" no longer fits${resolved.ok ? '' : `: ${resolved.message}`}.`,
    );
  }

  const candidates = adjustForSamples(findCandidates(column.header, index), profile, index, notes);
  const best = candidates[0];
  if (best === undefined) {
    const empty = cleanHeader(column.header) === '';
    if (empty) notes.push('The column has no header.');
    return { target: null, confidence: 0, method: 'none', ...noteOf(notes), alternatives: [], score: 0 };
  }
  if (best.field !== null && !best.field.writable) {
    notes.push(`"${best.field.name}" is read-only in Pipedrive, so this column is not imported.`);
    return {
      target: null,
      confidence: best.confidence,
      method: best.method,
      ...noteOf(notes),
      alternatives: [],
      score: 0,
    };
  }
  const usable = candidates.filter(
    (c) => (c.field === null || c.field.writable) && !(c.target.kind === 'id' && options.mode === 'create'),
  );
  if (best.target.kind === 'id' && options.mode === 'create') {
    notes.push('Pipedrive IDs are not used when creating organizations, so this column is ignored.');
    return {
      target: null,
      confidence: best.confidence,
      method: best.method,
      ...noteOf(notes),
      alternatives: [],
      score: 0,
    };
  }
  const second = usable[1];
  if (best.note !== undefined) notes.push(capitalise(best.note) + '.');
  const tie = second !== undefined && second.confidence >= best.confidence ? second : undefined;
  const bonus = evidence(best, column.header, profile);
  return {
    target: best.target,
    confidence: best.confidence,
    method: best.method,
    ...noteOf(notes),
    alternatives: usable.slice(1, 4).map((c) => c.target),
    score: best.confidence + bonus.value,
    ...(tie === undefined
      ? {}
      : {
          tie: {
            target: tie.target,
            text: `Also fits ${label(tie, index)}; check which one this column holds.`,
          },
        }),
    ...(bonus.why === undefined ? {} : { why: bonus.why }),
  };
}

function noteOf(notes: ReadonlyArray<string>): { note?: string } {
  return notes.length === 0 ? {} : { note: notes.join(' ') };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function label(candidate: Candidate, index: FieldIndex): string {
  const what = describeTarget(candidate.target, index.fields);
  const field = candidate.field;
  if (field === null) return what;
  return `${field.custom ? 'the custom field' : 'the field'} "${what}" (key ${field.key})`;
}

/** Earlier mapping for a header: by the exact header, else by its normalised form. */
function lookupPrevious(
  header: string,
  previous: Readonly<Record<string, string | null>> | undefined,
): string | null | undefined {
  if (previous === undefined) return undefined;
  if (Object.hasOwn(previous, header)) return previous[header];
  const wanted = compact(header);
  if (wanted === '') return undefined;
  for (const [key, value] of Object.entries(previous)) if (compact(key) === wanted) return value;
  return undefined;
}

/** Sample values veto impossible targets and turn a "street" column of whole addresses into the address. */
function adjustForSamples(
  candidates: ReadonlyArray<Candidate>,
  profile: SampleProfile,
  index: FieldIndex,
  notes: string[],
): Candidate[] {
  const out: Candidate[] = [];
  for (const candidate of candidates) {
    if (candidate.target.kind === 'id' && profile.count > 0 && profile.ids < 0.8) {
      notes.push('The values do not look like Pipedrive IDs (whole numbers).');
      continue;
    }
    const address = index.byKey.get('address');
    const t = candidate.target;
    if (t.kind === 'part' && t.key === 'address' && t.part === 'route' && candidate.method !== 'name') {
      if (address?.writable === true && mostly(profile.addresses, profile)) {
        notes.push('The values look like whole addresses, so they go to the address itself.');
        out.push({ ...candidate, target: { kind: 'field', key: 'address' }, field: address });
        continue;
      }
    }
    out.push(candidate);
  }
  return out;
}

/**
 * How much the samples and header support a target when another column wants it too: emails identify
 * an owner exactly (names may repeat), numbers suit number fields, links suit link fields.
 */
function evidence(
  candidate: Candidate,
  header: string,
  profile: SampleProfile,
): { value: number; why?: string } {
  const field = candidate.field;
  const whole = candidate.target.kind === 'field';
  if (field === null) return { value: mostly(profile.ids, profile) ? 0.05 : 0 };
  if (whole && field.type === 'user') {
    const words = headerWords(header);
    if (mostly(profile.emails, profile) || words.some((w) => w === 'email' || w === 'mail')) {
      return { value: 0.2, why: 'emails identify an owner exactly' };
    }
    if (mostly(profile.ids, profile)) return { value: 0.1, why: 'user IDs identify an owner exactly' };
    return { value: 0 };
  }
  const numeric =
    whole &&
    (['double', 'int', 'monetary'].includes(field.type) ||
      field.key === 'annual_revenue' ||
      field.key === 'employee_count');
  if (numeric && profile.count > 0) {
    if (mostly(profile.numbers, profile)) return { value: 0.05, why: 'its values are numbers' };
    if (profile.numbers < 0.2) return { value: -0.1 };
  }
  if (whole && (field.key === 'website' || field.key === 'linkedin') && mostly(profile.urls, profile)) {
    return { value: 0.05, why: 'its values are links' };
  }
  if (whole && field.type === 'address' && mostly(profile.addresses, profile)) {
    return { value: 0.05, why: 'its values are whole addresses' };
  }
  return { value: 0 };
}
