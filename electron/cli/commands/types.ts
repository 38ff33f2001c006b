import type { CliIo } from '../main.ts';

/** One `orgport` subcommand. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: ReadonlyArray<string>, io: CliIo): Promise<number>;
}
