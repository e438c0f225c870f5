import { createAgno22Database, sqliteTarget } from '@agno-migrate/test-infra';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
  await createAgno22Database(db, { memories: 'mem', sessions: 'sess', metrics: 'met', evals: 'ev', knowledge: 'kn', culture: 'cu' });
});
afterEach(() => db.close());

const args = () => [...db.cliArgs(), '--table', 'memories=mem', '--table-type', 'memories'];

describe('a revert that would drop memories.feedback holding text', () => {
  it('is blocked (exit 3) naming the column and the rows, also in a dry run; --force drops it', async () => {
    expect(runCli(['up', ...args()]).code).toBe(0);
    await db.exec("UPDATE mem SET feedback = 'too vague' WHERE memory_id = 'm1'");

    for (const extra of [['--dry-run'], []]) {
      const refused = runCli(['down', '--target', '2.0.0', ...extra, ...args()]);
      expect(refused.code, refused.stderr).toBe(3);
      expect(refused.stdout).toContain('1 row(s) of mem hold data in feedback, which the revert drops');
      expect(refused.stdout).toContain('--force');
    }
    const json = JSON.parse(runCli(['down', '--target', '2.0.0', '--json', ...args()]).stdout);
    expect(json.tables[0]).toMatchObject({ outcome: 'blocked', blocked: { check: 'no-data', column: 'feedback', count: 1 } });
    expect((await db.rows("SELECT name FROM pragma_table_info('mem')")).map((c) => c['name'])).toContain('feedback');

    const forced = runCli(['down', '--target', '2.0.0', '--force', ...args()]);
    expect(forced.code, forced.stderr).toBe(0);
    expect((await db.rows("SELECT name FROM pragma_table_info('mem')")).map((c) => c['name'])).not.toContain('feedback');
  });

  it('a NULL feedback carries nothing: the revert goes through', () => {
    expect(runCli(['up', ...args()]).code).toBe(0);
    expect(runCli(['down', '--target', '2.0.0', ...args()]).code).toBe(0);
  });
});
