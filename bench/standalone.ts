// Runs one of the import/export benchmark suites by itself and prints its markdown (with the
// machine it ran on) on stdout; progress goes to stderr. Bounded: the whole run stops after
// FACTMARK_BENCH_TIMEOUT_S seconds (default 2400), and Ctrl-C or a time-out still runs the
// clean-ups (server stopped by its pid, browser closed, temp folders removed).
//   node_modules/.bin/tsx bench/standalone.ts import|export
import { envInt, log, machineMarkdown, runAllCleanups } from './import-suite';

const SUITES: Record<string, () => Promise<string>> = {
  import: async () => (await import('./import-suite')).runImportBench(),
  export: async () => (await import('./export-suite')).runExportBench(),
};

async function main(): Promise<number> {
  const name = process.argv[2];
  const suite = name ? SUITES[name] : undefined;
  if (!suite) {
    process.stderr.write(`usage: tsx bench/standalone.ts ${Object.keys(SUITES).join('|')}\n`);
    return 2;
  }
  const limitS = envInt('FACTMARK_BENCH_TIMEOUT_S', 2400, 60, 4 * 3600);
  const stopAll = async (why: string, code: number) => {
    log(`${why}: cleaning up`);
    await runAllCleanups();
    process.exit(code);
  };
  setTimeout(() => void stopAll(`time limit of ${limitS} s reached`, 124), limitS * 1000).unref();
  process.once('SIGINT', () => void stopAll('interrupted', 130));
  process.once('SIGTERM', () => void stopAll('terminated', 143));

  const machine = machineMarkdown();
  try {
    const section = await suite();
    process.stdout.write(`${machine}\n\n${section}\n`);
    return 0;
  } catch (error) {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    await runAllCleanups();
  }
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    log(String(error));
    await runAllCleanups();
    process.exit(1);
  },
);
