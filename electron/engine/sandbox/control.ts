/**
 * The control API: what a test, the CLI or the app can do to a running sandbox besides HTTP —
 * change knobs, inject faults, move the clock, read the request log and counters, inspect and seed data.
 */
import type {
  CurrentUser,
  Organization,
  OrganizationWrite,
  OrgField,
  PipedriveUser,
} from '../../../shared/model.ts';
import type { FaultSpec } from './faults.ts';
import { toOrgField } from './fields.ts';
import { createRecord } from './handlers-orgs.ts';
import {
  checkOptions,
  START_ONLY_OPTIONS,
  type ResolvedSandboxOptions,
  type RuntimeSandboxOptions,
} from './options.ts';
import type { SandboxRuntime } from './pipeline.ts';
import { renderOrgFull } from './render.ts';
import type { RequestLogEntry, SandboxStats } from './request-log.ts';
import type { OrgRecord } from './types.ts';

/** An organization to add through the control API: a create body, optionally with fixed id and times. */
export type SandboxOrganizationInput = OrganizationWrite & {
  id?: number;
  add_time?: string;
  update_time?: string;
  is_deleted?: boolean;
};

/** Controls a running sandbox in-process. All times are on the sandbox clock. */
export interface SandboxControl {
  /** The current options (defaults filled in). */
  readonly options: Readonly<ResolvedSandboxOptions>;
  /** Changes knobs while running (burst, budget, faults, retryAfter, tokens…); start-only ones throw. */
  setOptions(partial: RuntimeSandboxOptions): void;
  /** Queues a deterministic fault for the next matching request(s). */
  injectFault(spec: FaultSpec): void;
  /** Drops queued faults and restarts the random fault sequence from the seed. */
  clearFaults(): void;
  /** Moves the sandbox clock forward: burst windows slide, the budget refills at midnight. */
  advanceClock(ms: number): void;
  /** Sandbox time, epoch ms. */
  now(): number;
  /** Refills the daily token budget immediately. */
  resetDailyBudget(): void;
  /** The recent requests, oldest first (bounded by requestLogLimit). */
  readonly requestLog: ReadonlyArray<RequestLogEntry>;
  /** Empties the request log (counters keep counting). */
  clearRequestLog(): void;
  /** Counters, budget figures and organization counts. */
  stats(): SandboxStats;
  /** Zeroes the counters and the total of tokens spent (not today's budget use). */
  resetStats(): void;
  /** All organizations in id order, 2026 system fields included; deleted ones only when asked. */
  organizations(options?: { includeDeleted?: boolean }): Organization[];
  /** One organization, deleted or not (check `is_deleted`); null when it never existed or was purged. */
  getOrganization(id: number): Organization | null;
  /** The field definitions in the shared model shape. */
  fields(): OrgField[];
  /** All users, including the deactivated and the deleted one. */
  users(): PipedriveUser[];
  /** The user every token acts as, with the company. */
  currentUser(): CurrentUser;
  /** The saved filters usable as filter_id. */
  filters(): Array<{ id: number; name: string }>;
  /** Adds `count` generated demo organizations after the last id. */
  seedOrganizations(count: number): Organization[];
  /** Adds organizations from create bodies (validated like a POST; throws with the API's message). */
  addOrganizations(list: ReadonlyArray<SandboxOrganizationInput>): Organization[];
  /** Back to the freshly seeded state: data, log, counters, budget, windows and faults. */
  reset(): void;
  /** Writes the persistence file now (when persistPath is set). */
  flush(): Promise<void>;
}

/** Builds the control object over a runtime. */
export function createControl(rt: SandboxRuntime): SandboxControl {
  const render = (org: OrgRecord): Organization =>
    renderOrgFull(org, rt.state.renderContext()) as Organization;
  const changed = (): void => rt.saver?.changed();
  return {
    get options() {
      return rt.options;
    },
    setOptions(partial) {
      for (const key of START_ONLY_OPTIONS) {
        if (key in partial)
          throw new RangeError(`sandbox option ${key} can only be set when the sandbox starts`);
      }
      const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
      const next = { ...rt.options, ...defined } as ResolvedSandboxOptions;
      checkOptions(next);
      rt.options = next;
    },
    injectFault: (spec) => rt.faults.inject(spec),
    clearFaults: () => rt.faults.reset(),
    advanceClock(ms) {
      rt.clock.advance(ms);
      if (rt.state.store.purge(rt.clock.now()) > 0) changed();
    },
    now: () => rt.clock.now(),
    resetDailyBudget: () => rt.limiter.resetDailyBudget(),
    get requestLog() {
      return rt.log.entries;
    },
    clearRequestLog: () => rt.log.clear(),
    stats() {
      const total = rt.state.store.count(true);
      const live = rt.state.store.count(false);
      return {
        ...rt.log.counts,
        tokensSpent: rt.limiter.totalSpent,
        tokensSpentToday: rt.limiter.spent(),
        budgetLeft: rt.limiter.budgetLeft(),
        dailyBudget: rt.options.dailyBudget,
        organizations: live,
        deletedOrganizations: total - live,
      };
    },
    resetStats() {
      rt.log.resetCounts();
      rt.limiter.totalSpent = 0;
    },
    organizations: (opts = {}) => rt.state.store.all(opts.includeDeleted === true).map(render),
    getOrganization(id) {
      const org = rt.state.store.get(id);
      return org ? render(org) : null;
    },
    fields: () => rt.state.account.fields.map(toOrgField),
    users: () =>
      rt.state.account.users.map((u) => ({
        ...structuredClone(u),
        is_you: u.id === rt.state.account.currentUserId,
      })),
    currentUser() {
      const me = rt.state.currentUser();
      const company = rt.state.account.company;
      return {
        ...structuredClone(me),
        is_you: true,
        company_id: company.id,
        company_name: company.name,
        company_domain: company.domain,
      };
    },
    filters: () => rt.state.account.filters.map((f) => ({ id: f.id, name: f.name })),
    seedOrganizations(count) {
      if (!Number.isInteger(count) || count < 0)
        throw new RangeError('seedOrganizations needs a non-negative integer');
      const added = rt.state.addDemo(count);
      changed();
      return added.map(render);
    },
    addOrganizations(list) {
      const added = list.map(({ id, is_deleted, ...body }) => {
        if (id !== undefined && (!Number.isSafeInteger(id) || id < 1 || rt.state.store.get(id))) {
          throw new RangeError(`addOrganizations: id ${id} is not a free positive id`);
        }
        const org = createRecord({ state: rt.state, now: rt.clock.now() }, body, id);
        if (is_deleted === true) rt.state.store.softDelete(org, org.update_time);
        return org;
      });
      changed();
      return added.map(render);
    },
    reset() {
      rt.state.seedFresh(rt.options.organizations);
      rt.limiter.clear();
      rt.faults.reset();
      rt.log.clear();
      rt.log.resetCounts();
      changed();
    },
    flush: () => rt.saver?.flush() ?? Promise.resolve(),
  };
}
