import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../../electron/cli/main.ts';
import { parseFlags, intFlag } from '../../../electron/cli/args.ts';
import { UsageError } from '../../../electron/cli/exit-codes.ts';

function fakeIo(env: NodeJS.ProcessEnv = {}): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
    stderrIsTty: false,
    env,
    interrupted: new Promise<void>(() => {}),
  };
  return io;
}

describe('orgport main', () => {
  it('prints the commands for --help and exits 0', async () => {
    const io = fakeIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/Commands:/);
    expect(io.stdout).toMatch(/fields/);
    expect(io.stdout).toMatch(/sandbox/);
  });

  it('rejects an unknown command with exit code 2', async () => {
    const io = fakeIo();
    expect(await main(['exprot'], io)).toBe(2);
    expect(io.stderr).toMatch(/unknown command "exprot"/);
  });

  it('suggests the nearest option for a typo and exits 2 without contacting anything', async () => {
    const io = fakeIo();
    expect(await main(['fields', '--jsno'], io)).toBe(2);
    expect(io.stderr).toMatch(/unknown option --jsno \(did you mean --json\?\)/);
  });

  it('asks for a token when none is given', async () => {
    const io = fakeIo();
    expect(await main(['fields'], io)).toBe(2);
    expect(io.stderr).toMatch(/no API token: pass --token or set PIPEDRIVE_API_TOKEN/);
  });

  it('prints per-command usage for --help', async () => {
    const io = fakeIo();
    expect(await main(['sandbox', '--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/--daily-budget N/);
  });
});

describe('flag parsing', () => {
  it('checks whole numbers and their bounds', () => {
    const { flags } = parseFlags(['--port', '70000'], { port: { type: 'string' } });
    expect(() => intFlag(flags, 'port', 0, 65535)).toThrow(UsageError);
    expect(() => intFlag(flags, 'port', 0, 65535)).toThrow(
      /--port takes a whole number from 0 to 65535, not "70000"/,
    );
  });
});
