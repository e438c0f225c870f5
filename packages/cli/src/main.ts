import { createRequire } from 'node:module';
import type { Command as CommandType } from 'commander';
import { addCommonOptions, parsePort, parseSeconds } from './common-options.js';
import { EXIT } from './exit-codes.js';
import { knownSecrets } from './secrets.js';

// commander is CommonJS: requiring it skips the ESM loader's scan of its exports, which costs a
// whole-process no-op about 30 ms.
const { Command, CommanderError, Option } = createRequire(import.meta.url)('commander') as typeof import('commander');

// A command's module (and the packages it needs) loads only when that command runs: `up` must not pay
// for the HTTP server or the v1 importer. New commands follow the same pattern.
const runCommands = () => import('./commands/run-commands.js');
const serve = () => import('./commands/serve.js');

function buildProgram(setExit: (code: number) => void): CommandType {
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
    .action(async (options) => setExit(await (await runCommands()).statusCommand(options)));

  addCommonOptions(program.command('up').description('migrate tables up to the latest version (or --target)'))
    .option('--target <version>', 'stop at this version (default: latest)')
    .addOption(tableType)
    .option('--force', 're-apply every step up to the target even if the versions table says it is done')
    .option('--dry-run', 'print the SQL that would run; change nothing')
    .option('--create-missing', 'create missing tables at the latest schema instead of reporting them')
    .option('--purge-unrecoverable', 'learnings re-key: delete contaminated and unowned entity memories instead of reporting them')
    .action(async (options) => setExit(await (await runCommands()).upCommand(options)));

  addCommonOptions(program.command('down').description('revert tables down to --target'))
    .option('--target <version>', 'the version to revert to (required)')
    .addOption(tableType)
    .option('--force', 'revert every step above the target whatever the versions table says')
    .option('--dry-run', 'print the SQL that would run; change nothing')
    .action(async (options) => setExit(await (await runCommands()).downCommand(options)));

  addCommonOptions(program.command('verify').description('compare each table with the shape expected at its recorded version; exit 1 on any difference'))
    .addOption(new Option('--table-type <type>', 'only this table type (any Agno table type, e.g. memories, traces, service_accounts)'))
    .action(async (options) => setExit(await (await import('./commands/verify.js')).verifyCommand(options)));

  addCommonOptions(program.command('init').description('create missing tables at the latest schema and stamp them'))
    .addOption(new Option('--table-type <type>', 'only this table type and the tables it references (any Agno table type, e.g. spans, schedules)'))
    .option('--target <version>', 'create them as Agno did at this known version (default: the latest)')
    .option('--dry-run', 'print the SQL that would run; change nothing')
    .action(async (options) => setExit(await (await runCommands()).initCommand(options)));

  addCommonOptions(program.command('v1-to-v2').description('move Agno 1.x session and memory tables into v2 tables (only the tables named)'))
    .option('--v1-schema <name>', 'PostgreSQL schema / MySQL database of the v1 tables (default: --schema); none on SQLite')
    .option('--agent-sessions <table>', 'v1 agent sessions table')
    .option('--team-sessions <table>', 'v1 team sessions table')
    .option('--workflow-sessions <table>', 'v1 workflow (or workflow_v2) sessions table')
    .option('--memories <table>', 'v1 memories table')
    .option('--batch-size <rows>', 'rows read per batch (default 1000)')
    .option('--dry-run', 'read and transform everything, report what would be written; write nothing')
    .option('--restart', 'ignore the saved resume point and start every table from its first row')
    .action(async (options) => setExit(await (await import('./commands/v1-to-v2.js')).v1ToV2Command(options)));

  program
    .command('serve')
    .description("AgentOS's migration endpoints over HTTP for the databases of a --config file")
    .option('--config <file>', 'JSON file of named databases (url, schema, table names) and an optional securityKey')
    .option('--host <address>', 'address to listen on; beyond loopback only with a security key', '127.0.0.1')
    .option('--port <number>', 'port to listen on (0 picks a free one)', parsePort, 7777)
    .option('--lock-timeout <seconds>', 'how long a request waits for another run to finish (default 300)', parseSeconds)
    .action(async (options) => setExit(await (await serve()).serveCommand(options)));

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
    const { reportError } = await import('./errors.js');
    return reportError(error, json, knownSecrets(argv));
  }
}
