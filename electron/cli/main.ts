import { EXIT, UsageError } from './exit-codes.ts';
import { describeError, exitCodeFor } from './errors.ts';
import { COMMANDS } from './commands/index.ts';

/** Top-level help: the commands there are, and where to read more. */
export function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `orgport: move Pipedrive organizations in and out of spreadsheets

Usage: orgport <command> [options]     (orgport <command> --help for its options)

Commands:
${lines.join('\n')}

Exit codes: 0 all rows succeeded, 1 some rows failed (reports written), 2 usage or input error
(nothing sent), 3 stopped (auth, budget, interrupted; resumable with "orgport resume").
Jobs, reports and settings live in the data folder (ORGPORT_HOME overrides it).`;
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(argv: ReadonlyArray<string>, io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(topLevelHelp() + '\n');
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${await readVersion()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`orgport: unknown command "${name}"\n\n${topLevelHelp()}\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage + '\n');
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`orgport ${name}: ${error.message}\n\n${command.usage}\n`);
      return EXIT.usage;
    }
    io.err(`orgport ${name}: ${describeError(error)}\n`);
    return exitCodeFor(error);
  }
}

/** Where a command writes: stdout for results, stderr for progress and messages. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly stderrIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the user asks the command to stop (Ctrl-C / SIGTERM). */
  readonly interrupted: Promise<void>;
}

function defaultIo(): CliIo {
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    interrupted,
  };
}

async function readVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
