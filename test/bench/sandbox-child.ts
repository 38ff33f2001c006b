// A sandbox in its own process, so its memory does not count against the process being measured.
import { startSandbox } from '../../electron/engine/sandbox/index.ts';

const organizations = Number(process.argv[2] ?? '1000');
const sandbox = await startSandbox({
  port: 0,
  organizations,
  seed: 3,
  burst: 1_000_000,
  dailyBudget: 1_000_000_000,
});
console.log(JSON.stringify({ url: sandbox.url }));
process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
