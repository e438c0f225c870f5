import type { Command as CommandType } from 'commander';
import { Command, Option } from 'commander';
import { addCommonOptions, parsePort, parseSeconds } from './common-options.js';
import { commandHelp, PROGRAM_HELP } from './help-text.js';
import { commandsToBuild } from './invoked-command.js';

import { VERSION } from './version.js';
import { writeStdout } from './output/standard-streams.js';

// A command's module runs only when that command does, and the packages only some commands need
// load inside them (`serve` loads @agno-migrate/http, `v1-to-v2` @agno-migrate/v1-to-v2): `up` must
// not pay for the HTTP server or the v1 importer. The build bundles all of the CLI into one file
// (see package.json), so this is about running code, not about opening files. New commands follow
// the same pattern.
const runCommands = () => import('./commands/run-commands.js');

/**
 * The command's own options over the ones given before the command name (`agno-migrate --db x up`):
 * a value given in both places comes from after the command, and --table renames add up.
 */
function optionsOf<T>(command: CommandType): T {
  const globals = command.parent?.opts() ?? {};
  const own = command.opts();
  const merged: Record<string, unknown> = { ...globals };
  for (const [key, value] of Object.entries(own)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    merged[key] = value;
  }
  const tables = [...((globals['table'] as string[] | undefined) ?? []), ...((own['table'] as string[] | undefined) ?? [])];
  if ('table' in own || 'table' in globals) merged['table'] = tables;
  return merged as T;
}

type SetExit = (code: number) => void;
type Define = (program: CommandType, setExit: SetExit) => void;

const tableType = () =>
  new Option('--table-type <type>', 'only this table type (memories, sessions, metrics, evals, knowledge, culture, approvals)');

/** A database command: the database options, `--no-color` and its help's examples. */
const databaseCommand = (program: CommandType, name: string, description: string) =>
  addCommonOptions(program.command(name).description(description))
    .option('--no-color', 'no colour in the output (as NO_COLOR)')
    .addHelpText('after', commandHelp(name));

/** Every command, in the order the overview lists them. */
const COMMANDS: Readonly<Record<string, Define>> = {
  status: (program, setExit) =>
    databaseCommand(program, 'status', 'each table: exists, recorded version, latest, pending steps')
      .option('--target <version>', 'report pending steps up to this version')
      .addOption(tableType())
      .option('--check', 'exit 1 when a table has pending steps or differs from the expected shape')
      .action(async (_o, cmd: CommandType) => setExit(await (await runCommands()).statusCommand(optionsOf(cmd)))),

  up: (program, setExit) =>
    databaseCommand(program, 'up', 'migrate tables up to the latest version (or --target)')
      .option('--target <version>', 'stop at this version (default: latest)')
      .addOption(tableType())
      .option('--force', 're-apply every step up to the target even if the versions table says it is done')
      .option('--dry-run', 'print the SQL that would run, ready to paste into psql, mysql or sqlite3; change nothing')
      .option('--create-missing', 'create missing tables at the latest schema (and a missing SQLite file) instead of reporting them')
      .option('--purge-unrecoverable', 'learnings re-key: delete contaminated and unowned entity memories instead of reporting them')
      .action(async (_o, cmd: CommandType) => setExit(await (await runCommands()).upCommand(optionsOf(cmd)))),

  down: (program, setExit) =>
    databaseCommand(program, 'down', 'revert tables down to --target')
      .option('--target <version>', 'the version to revert to (required)')
      .addOption(tableType())
      .option('--force', 'revert every step above the target whatever the versions table says')
      .option('--dry-run', 'print the SQL that would run; change nothing')
      .action(async (_o, cmd: CommandType) => setExit(await (await runCommands()).downCommand(optionsOf(cmd)))),

  verify: (program, setExit) =>
    databaseCommand(program, 'verify', 'compare each table with the shape expected at its recorded version; exit 1 on any difference')
      .addOption(new Option('--table-type <type>', 'only this table type (any Agno table type, e.g. memories, traces, service_accounts)'))
      .action(async (_o, cmd: CommandType) => setExit(await (await import('./commands/verify.js')).verifyCommand(optionsOf(cmd)))),

  init: (program, setExit) =>
    databaseCommand(program, 'init', 'create missing tables (and a missing SQLite file) at the latest schema and stamp them')
      .addOption(
        new Option('--table-type <type>', 'only this table type and the tables it references (any Agno table type, e.g. spans, schedules)'),
      )
      .option('--target <version>', 'create them as Agno did at this known version (default: the latest)')
      .option('--dry-run', 'print the SQL that would run; change nothing')
      .action(async (_o, cmd: CommandType) => setExit(await (await runCommands()).initCommand(optionsOf(cmd)))),

  'v1-to-v2': (program, setExit) =>
    databaseCommand(
      program,
      'v1-to-v2',
      'move Agno 1.x session and memory tables into v2 tables (only the tables named; needs @agno-migrate/v1-to-v2)',
    )
      .option('--v1-schema <name>', 'PostgreSQL schema / MySQL database of the v1 tables (default: --schema); none on SQLite')
      .option('--agent-sessions <table>', 'v1 agent sessions table')
      .option('--team-sessions <table>', 'v1 team sessions table')
      .option('--workflow-sessions <table>', 'v1 workflow (or workflow_v2) sessions table')
      .option('--memories <table>', 'v1 memories table')
      .option('--batch-size <rows>', 'rows read per batch (default 1000)')
      .option('--dry-run', 'read and transform everything, report what would be written; write nothing')
      .option('--restart', 'ignore the saved resume point and start every table from its first row')
      .action(async (_o, cmd: CommandType) => setExit(await (await import('./commands/v1-to-v2.js')).v1ToV2Command(optionsOf(cmd)))),

  'cleanup-runs': (program, setExit) =>
    databaseCommand(
      program,
      'cleanup-runs',
      "drop sessions.runs once every run in it is proven to be in the runs table (Agno 3.0's legacy column)",
    )
      .option('--force', "drop it even when runs in it are missing from the runs table (Agno's force)")
      .option('--dry-run', 'check and measure; drop nothing')
      .action(async (_o, cmd: CommandType) =>
        setExit(await (await import('./commands/cleanup-runs.js')).cleanupRunsCommand(optionsOf(cmd))),
      ),

  serve: (program, setExit) =>
    program
      .command('serve')
      .description("AgentOS's migration endpoints over HTTP for the databases of a --config file (needs @agno-migrate/http)")
      .option('--config <file>', 'JSON file of named databases (url, schema, table names) and an optional securityKey')
      .option('--host <address>', 'address to listen on; beyond loopback only with a security key', '127.0.0.1')
      .option('--port <number>', 'port to listen on (0 picks a free one)', parsePort, 7777)
      .option('--lock-timeout <seconds>', 'how long a request waits for another run to finish (default 300)', parseSeconds)
      .addHelpText('after', commandHelp('serve'))
      .action(async (_o, cmd: CommandType) => setExit(await (await import('./commands/serve.js')).serveCommand(optionsOf(cmd)))),

  completion: (program, setExit) =>
    program
      .command('completion')
      .description('print a shell completion script: bash, zsh or fish')
      .argument('<shell>', 'bash, zsh or fish')
      .addHelpText('after', commandHelp('completion'))
      .action(async (shell: string) => setExit(await (await import('./commands/completion.js')).completionCommand(shell, program))),
};

/** The program with the commands `argv` needs (see commandsToBuild). */
export function buildProgram(argv: readonly string[], setExit: SetExit): CommandType {
  const program = new Command('agno-migrate')
    .description("Version and migrate Agno's database tables (PostgreSQL, SQLite, MySQL/MariaDB, SingleStore)")
    .version(VERSION)
    .showHelpAfterError('(run agno-migrate help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: writeStdout, writeErr: () => {} })
    .addHelpText('after', PROGRAM_HELP);
  // The database options work before the command name too, as in `agno-migrate --db x status`.
  addCommonOptions(program).option('--no-color', 'no colour in the output (as NO_COLOR)');

  const takesValue = (flag: string) => program.options.some((o) => (o.long === flag || o.short === flag) && (o.required || o.optional));
  const wanted = commandsToBuild(argv, Object.keys(COMMANDS), takesValue);
  for (const [name, define] of Object.entries(COMMANDS)) if (wanted === 'all' || wanted.includes(name)) define(program, setExit);
  return program;
}
