import { createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import type { Subject } from './databases.js';

export interface Slow {
  /** The session running the backfill's UPDATE on agno_memories, other than `except`. */
  backfill(except?: number): Promise<number | undefined>;
  /** Whether session `id` still runs a statement. */
  busy(id: number): Promise<boolean>;
}

async function withMemories(subject: Subject, rows: number): Promise<void> {
  const db = subject.db;
  await createAgno22Database(db, DEFAULT_NAMES);
  const q = (n: string) => db.quoteIdent(n);
  for (let i = 0; i < rows; i++) {
    await db.exec(
      `INSERT INTO ${db.qualify('agno_memories')} (${q('memory_id')}, ${q('memory')}, ${q('user_id')}, ${q('updated_at')}) VALUES (?, ?, ?, ?)`,
      [`slow-${i}`, '{"memory": "x"}', 'u', 1_700_000_000 + i],
    );
  }
  await db.exec(`CREATE TABLE ${db.qualify('slow_flag')} (${q('on')} INTEGER)`);
  await db.exec(`INSERT INTO ${db.qualify('slow_flag')} VALUES (1)`);
}

/**
 * A 2.2 database whose 2.3.0 memories backfill is slow: `rows` extra memories, and a trigger that
 * makes each updated row sleep half a second while slow_flag holds a row (PostgreSQL).
 */
export async function slowBackfill(subject: Subject, rows: number): Promise<Slow> {
  const db = subject.db;
  await withMemories(subject, rows);
  const fn = `${db.quoteIdent(subject.schema!)}.${db.quoteIdent('slow_row')}`;
  await db.exec(
    `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
      `IF EXISTS (SELECT 1 FROM ${db.qualify('slow_flag')}) THEN PERFORM pg_sleep(0.5); END IF; RETURN NEW; END $$`,
  );
  await db.exec(`CREATE TRIGGER slow_row BEFORE UPDATE ON ${db.qualify('agno_memories')} FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
  return {
    async backfill(except) {
      const rows = await db.rows(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'agno-migrate' AND state = 'active' AND query LIKE 'UPDATE %' AND query LIKE ? AND pid <> ?",
        [`%"${subject.schema}"."agno_memories"%`, except ?? 0],
      );
      return rows[0] ? Number(rows[0]['pid']) : undefined;
    },
    async busy(pid) {
      const rows = await db.rows("SELECT 1 AS found FROM pg_stat_activity WHERE pid = ? AND state = 'active'", [pid]);
      return rows.length > 0;
    },
  };
}
