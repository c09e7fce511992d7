// The `ferry` executable: runs the command line given to the process and exits with its code.
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
