/** What every command's --help ends with: examples, the environment it reads, its exit codes. */

const DATABASE_ENV = [
  '  AGNO_DB_URL        the database when --db is not given',
  '  DATABASE_URL       the database when neither --db nor AGNO_DB_URL is given',
  '  PGPASSWORD, MYSQL_PWD  passwords the drivers read (never printed)',
  '  NO_COLOR           no colour (as --no-color); FORCE_COLOR=1 colours even without a terminal',
];

const EXIT_CODES = [
  '  0  done, or nothing to do',
  '  1  a statement failed, or verify / status --check found something to do',
  '  2  bad usage or input (unknown option, table type or version, no such database file, missing package)',
  '  3  blocked by data: fix the rows shown and run again',
  '  4  the migration lock was not acquired within --lock-timeout',
];

const EXAMPLES: Record<string, readonly string[]> = {
  status: [
    'agno-migrate status --db sqlite:./agno.db',
    'agno-migrate status --db "$DATABASE_URL" --schema ai --check   # exit 1 when up has work to do',
    'agno-migrate status --config agno-migrate.json --db-id main --json',
  ],
  up: [
    'agno-migrate up --db sqlite:./agno.db --dry-run            # print the SQL, change nothing',
    'agno-migrate up --db postgres://app@db/agno --schema ai --json',
    'agno-migrate up --target 2.3.0 --table-type memories',
    'agno-migrate up --create-missing                          # also create missing tables',
  ],
  down: ['agno-migrate down --target 2.0.0 --table-type sessions', 'agno-migrate down --target 2.3.0 --dry-run'],
  init: ['agno-migrate init --db sqlite:./agno.db', 'agno-migrate init --db mysql://app@db/app --schema ai --dry-run'],
  verify: ['agno-migrate verify --db "$DATABASE_URL"', 'agno-migrate verify --table-type traces --json'],
  'cleanup-runs': [
    'agno-migrate cleanup-runs --db "$DATABASE_URL" --dry-run   # which sessions still hold runs the runs table lacks, and the space it frees',
    'agno-migrate cleanup-runs --db "$DATABASE_URL"             # drops sessions.runs only when every run in it is copied',
  ],
  'v1-to-v2': [
    'agno-migrate v1-to-v2 --db postgres://app@db/agno --v1-schema ai --agent-sessions agent_sessions --memories agent_memories --dry-run',
    'agno-migrate v1-to-v2 --db ./agno.db --team-sessions team_sessions    # run again after Ctrl-C to resume',
  ],
  serve: [
    'agno-migrate serve --config agno-migrate.json',
    'OS_SECURITY_KEY=… agno-migrate serve --config agno-migrate.json --host 0.0.0.0 --port 8080',
  ],
  completion: [
    'agno-migrate completion bash >> ~/.bashrc',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh expansion, printed as is
    'agno-migrate completion zsh > "${fpath[1]}/_agno-migrate"',
    'agno-migrate completion fish > ~/.config/fish/completions/agno-migrate.fish',
  ],
};

const EXTRA_ENV: Record<string, readonly string[]> = {
  serve: ['  OS_SECURITY_KEY    the key callers must send (Authorization: Bearer …) unless the config file has one'],
  completion: [],
};

export function commandHelp(name: string): string {
  const examples = (EXAMPLES[name] ?? []).map((line) => `  ${line}`);
  const env = name === 'completion' ? [] : [...(name === 'serve' ? [] : DATABASE_ENV), ...(EXTRA_ENV[name] ?? [])];
  return ['', 'Examples:', ...examples, ...(env.length > 0 ? ['', 'Environment:', ...env] : []), '', 'Exit codes:', ...EXIT_CODES].join(
    '\n',
  );
}

export const PROGRAM_HELP = [
  '',
  'Options go before or after the command: agno-migrate --db ./agno.db status',
  'Run agno-migrate help <command> for its options, examples, environment and exit codes.',
  '',
  'Environment:',
  ...DATABASE_ENV,
  '',
  'Exit codes:',
  ...EXIT_CODES,
].join('\n');
