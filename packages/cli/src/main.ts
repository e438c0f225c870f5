import { Command, CommanderError, Option } from 'commander';
import { addCommonOptions } from './common-options.js';
import { downCommand, initCommand, statusCommand, upCommand } from './commands/run-commands.js';
import { reportError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { knownSecrets } from './secrets.js';

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('agno-migrate')
    .description("Version and migrate Agno's database tables (PostgreSQL, SQLite, MySQL/MariaDB, SingleStore)")
    .version('0.1.0')
    .showHelpAfterError('(run agno-migrate --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: () => {} });

  const tableType = new Option('--table-type <type>', 'only this table type (memories, sessions, metrics, evals, knowledge, culture, approvals)');

  addCommonOptions(program.command('status').description('each table: exists, recorded version, latest, pending steps'))
    .option('--target <version>', 'report pending steps up to this version')
    .addOption(tableType)
    .action(async (options) => setExit(await statusCommand(options)));

  addCommonOptions(program.command('up').description('migrate tables up to the latest version (or --target)'))
    .option('--target <version>', 'stop at this version (default: latest)')
    .addOption(tableType)
    .option('--force', 're-apply every step up to the target even if the versions table says it is done')
    .option('--dry-run', 'print the SQL that would run; change nothing')
    .option('--create-missing', 'create missing tables at the latest schema instead of reporting them')
    .action(async (options) => setExit(await upCommand(options)));

  addCommonOptions(program.command('down').description('revert tables down to --target'))
    .option('--target <version>', 'the version to revert to (required)')
    .addOption(tableType)
    .option('--force', 'revert every step above the target whatever the versions table says')
    .option('--dry-run', 'print the SQL that would run; change nothing')
    .action(async (options) => setExit(await downCommand(options)));

  addCommonOptions(program.command('init').description('create missing tables at the latest schema and stamp them'))
    .addOption(tableType)
    .option('--dry-run', 'print the SQL that would run; change nothing')
    .action(async (options) => setExit(await initCommand(options)));

  return program;
}

/** Runs the CLI and resolves to its exit code; never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (error.code === 'commander.help') return EXIT.ok;
    }
    return reportError(error, json, knownSecrets(argv));
  }
}
