// Builds the `ferry` program, runs one command line and turns every outcome into an exit code.
import { Command, CommanderError } from 'commander';
import { errorMessage, FerryError } from '../core/errors.js';
import { registerCommands } from './commands/index.js';
import { type ExitCode, exitCodes } from './exit-codes.js';
import { type OutputWriter, processOutput } from './output.js';
import { UsageError } from './usage-error.js';
import { createCliContext, type Environment, type GlobalOptions } from './workspace.js';

export interface CliRun {
  env?: Environment;
  cwd?: string;
  output?: OutputWriter;
}

// PostgreSQL's "relation does not exist": the usual sign that `ferry migrate` has not run yet.
const UNDEFINED_TABLE = '42P01';

export function buildProgram(output: OutputWriter): Command {
  return new Command('ferry')
    .description('Loads files landing in S3 into Amazon Redshift, driven by config rows in PostgreSQL.')
    .option('--workspace <dir>', 'workspace directory (default: $FERRY_WORKSPACE or ./.ferry)')
    .option('--json', 'print machine-readable JSON instead of tables')
    .option(
      '--verbose',
      "also print the pipeline's log lines (JSON, as the functions write them; LOG_LEVEL too)",
    )
    .addHelpText('after', `\nRunning on Node.js ${process.version}.`)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => output.out(text), writeErr: (text) => output.err(text) })
    .exitOverride();
}

/** Runs `ferry <argv…>` (argv without the node and script paths) and resolves to its exit code. */
export async function runCli(argv: readonly string[], run: CliRun = {}): Promise<ExitCode> {
  const output = run.output ?? processOutput;
  const program = buildProgram(output);
  const context = createCliContext({
    env: run.env ?? process.env,
    cwd: run.cwd ?? process.cwd(),
    output,
    globalOptions: () => program.opts<GlobalOptions>(),
  });
  registerCommands(program, context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return reportFailure(error, output);
  }
}

function reportFailure(error: unknown, output: OutputWriter): ExitCode {
  if (error instanceof CommanderError) {
    // Commander has already printed the usage problem; help and version requests are successes.
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  if (error instanceof UsageError) {
    output.err(`ferry: ${error.message}\n(run with --help for usage)`);
    return exitCodes.usage;
  }
  if (error instanceof FerryError) {
    output.err(`ferry: ${error.message}`);
    return exitCodes.failure;
  }
  if (isUndefinedTable(error)) {
    output.err(
      `ferry: ${errorMessage(error)} — the config database has no Ferry schema yet; run \`ferry migrate\``,
    );
    return exitCodes.failure;
  }
  output.err(`ferry: ${errorMessage(error)}`);
  return exitCodes.failure;
}

function isUndefinedTable(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNDEFINED_TABLE
  );
}
