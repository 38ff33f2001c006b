import { startSandbox, type SandboxOptions } from '../../engine/sandbox/index.ts';
import { intFlag, numberFlag, parseFlags, stringFlag } from '../args.ts';
import { EXIT } from '../exit-codes.ts';
import type { Command } from './types.ts';

/** `orgport sandbox`: runs the embedded imitation of the Pipedrive API until interrupted. */
export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'run a local imitation of the Pipedrive API with demo data',
  usage: `Usage: orgport sandbox [options]

Serves a faithful local imitation of the Pipedrive API on 127.0.0.1, seeded with demo
organizations, until you press Ctrl-C. Any non-empty token is accepted.

  --port N             port to listen on (default: a free one)
  --seed N             how many demo organizations to create (default 500)
  --rng-seed N         seed of the demo-data generator (default 1; same seed, same data)
  --burst N            requests allowed per rolling 2 seconds per token (default 40)
  --daily-budget N     daily API token budget (default 300000)
  --latency MS         added latency per request in milliseconds (default 0)
  --fault-rate P       probability 0..1 that a request fails with a 5xx, a dropped connection or a
                       response lost after the change was applied (a third each)
  --no-bulk-delete     answer the deprecated v1 bulk delete with 404, as Pipedrive may
  --retry-after        send Retry-After on 429 responses
  --persist FILE       keep the sandbox's data in FILE across restarts

Example: orgport sandbox --seed 500, then in another terminal:
  orgport fields --base-url http://127.0.0.1:PORT --token anything`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, {
      port: { type: 'string' },
      seed: { type: 'string' },
      'rng-seed': { type: 'string' },
      burst: { type: 'string' },
      'daily-budget': { type: 'string' },
      latency: { type: 'string' },
      'fault-rate': { type: 'string' },
      'no-bulk-delete': { type: 'boolean' },
      'retry-after': { type: 'boolean' },
      persist: { type: 'string' },
    });
    const faultRate = numberFlag(flags, 'fault-rate', 0, 1) ?? 0;
    const options: SandboxOptions = {
      port: intFlag(flags, 'port', 0, 65535) ?? 0,
      organizations: intFlag(flags, 'seed', 0, 1_000_000) ?? 500,
      seed: intFlag(flags, 'rng-seed', 0) ?? 1,
      burst: intFlag(flags, 'burst', 1, 100_000),
      dailyBudget: intFlag(flags, 'daily-budget', 0),
      latencyMs: intFlag(flags, 'latency', 0, 120_000),
      serverErrorRate: faultRate / 3,
      dropRate: faultRate / 3,
      lostResponseRate: faultRate / 3,
      bulkDeleteEnabled: flags['no-bulk-delete'] !== true,
      retryAfter: flags['retry-after'] === true,
      persistPath: stringFlag(flags, 'persist'),
    };
    const sandbox = await startSandbox(stripUndefined(options));
    io.out(`Sandbox listening on ${sandbox.url}\n`);
    io.err(
      `Any token works. Try: npx orgport fields --base-url ${sandbox.url} --token anything\nPress Ctrl-C to stop.\n`,
    );
    await io.interrupted;
    await sandbox.close();
    return EXIT.ok;
  },
};

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
