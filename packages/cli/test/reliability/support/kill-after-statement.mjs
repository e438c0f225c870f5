// Runs `up` through the public MigrationManager API and SIGKILLs its own process right after the
// database has completed statement N: a crash at an exact point, with no hook in the tool itself.
// Usage: node kill-after-statement.mjs <sqlite|postgres|mysql> <url-or-path> <schema|-> <N>
// Exits 0 and prints the number of statements when the run finishes before statement N.
import { MigrationManager } from '@agno-migrate/core';

const [kind, location, schema, limitText] = process.argv.slice(2);
const limit = Number(limitText);

async function dialectFor() {
  const withSchema = schema && schema !== '-' ? { schema } : {};
  if (kind === 'sqlite') return (await import('@agno-migrate/dialect-sqlite')).sqliteDialect({ path: location });
  if (kind === 'postgres') return (await import('@agno-migrate/dialect-postgres')).postgresDialect({ url: location, ...withSchema });
  if (kind === 'mysql') return (await import('@agno-migrate/dialect-mysql')).mysqlDialect({ url: location, ...withSchema });
  throw new Error(`unknown dialect kind ${kind}`);
}

let done = 0;
const manager = new MigrationManager(await dialectFor(), {
  onEvent(event) {
    if (event.type !== 'statement-done') return;
    done += 1;
    if (done === limit) process.kill(process.pid, 'SIGKILL');
  },
});
try {
  const result = await manager.up();
  process.stdout.write(`${JSON.stringify({ statements: done, status: result.status })}\n`);
} finally {
  await manager.close();
}
