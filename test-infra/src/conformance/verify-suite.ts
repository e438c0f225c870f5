import { MigrationManager, resolveTableType, TABLE_TYPES, availableOn } from '@agno-migrate/core';
import type { Finding, ManagerOptions, VerifyResult } from '@agno-migrate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgno22Database } from '../fixtures/index.js';
import { DEFAULT_NAMES } from '../fixtures/table-names.js';
import type { TestDatabase, TestTarget } from '../target.js';

const NOW = new Date('2026-01-02T03:04:05Z');

/** kind and what it is about, in a form a failure message shows whole. */
const brief = (f: Finding) => `${f.kind} ${f.column ?? (f.columns ?? []).join(',')}`;
const findingsOf = (result: VerifyResult, table: string) => result.tables.find((t) => t.tableName === table)?.findings ?? [];
const allFindings = (result: VerifyResult) => result.tables.flatMap((t) => t.findings.map((f) => `${t.tableName}: ${f.message}`));

/**
 * verify on a real database: clean after init and after an upgrade from 2.2, each kind of drift a
 * user can cause reported precisely with what to do, and a versions row that claims a step the
 * table does not have caught and repaired by `up --force`.
 */
export function runVerifySuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: verify`, () => {
    let db: TestDatabase;
    const managers: MigrationManager[] = [];
    const manager = (opts: ManagerOptions = {}) => {
      const m = new MigrationManager(db.dialect(), { now: () => NOW, ...opts });
      managers.push(m);
      return m;
    };
    const q = (name: string) => db.quoteIdent(name);
    const { traits } = target;
    const stringType = (length: number) => traits.stringType(length);
    const dropIndex = (table: string, index: string) => db.exec(db.dropIndexSql(table, index));
    /** Drops a table and creates it again from the tool's own CREATE, edited by `edit`. */
    const recreate = async (tableType: string, table: string, edit: (sql: string) => string) => {
      const dialect = db.dialect();
      const info = TABLE_TYPES.find((t) => t.type === tableType)!;
      const names = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, t.defaultName]));
      const statements = dialect.emitter.createTable(info.define(dialect.flavor), table, names);
      await db.exec(`DROP TABLE ${db.qualify(table)}`);
      for (const [i, statement] of statements.entries()) await db.exec(i === 0 ? edit(statement.sql) : statement.sql);
    };

    beforeEach(async () => {
      db = await target.create();
    });
    afterEach(async () => {
      for (const m of managers.splice(0)) await m.close();
      await db.close();
    });

    it('init then verify: every table the dialect has is created, in foreign-key order, and verifies clean', async () => {
      const created = await manager().create();
      expect(created.status).toBe('ok');
      const expected = TABLE_TYPES.filter((t) => availableOn(t, db.flavor) && t.retired === undefined).map((t) => t.type);
      expect(created.tables.filter((t) => t.outcome === 'created').map((t) => t.tableType)).toEqual(expected);
      const order = created.tables.map((t) => t.tableType);
      if (expected.includes('spans')) expect(order.indexOf('traces')).toBeLessThan(order.indexOf('spans'));

      const verified = await manager().verify();
      expect(allFindings(verified)).toEqual([]);
      expect(verified.status).toBe('ok');
      expect(verified.tables.filter((t) => t.exists).map((t) => t.tableType)).toEqual(expected);
      const status = await manager().status();
      expect(status.tables.filter((t) => t.exists).every((t) => t.health === 'ok')).toBe(true);
    });

    it('init of one table type brings the tables its foreign keys reference', async () => {
      const result = await manager().create({ tableType: 'spans' });
      expect(result.tables.map((t) => [t.tableType, t.outcome])).toEqual([
        ['traces', 'created'],
        ['spans', 'created'],
      ]);
      const verified = await manager().verify({ tableType: 'spans' });
      expect(verified.tables.map((t) => [t.tableType, t.health])).toEqual([['spans', 'ok']]);
    });

    it('a 2.2 database verifies clean before (as its steps will leave it) and after the upgrade', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      const before = await manager().verify();
      expect(allFindings(before)).toEqual([]);
      expect(before.tables.find((t) => t.tableType === 'memories')?.pending).toEqual(['2.3.0', '2.5.0', '2.5.6', '3.0.0']);
      expect(before.tables.find((t) => t.tableType === 'approvals')?.health).toBe('absent');
      expect((await manager().up()).status).toBe('ok');
      const after = await manager().verify();
      expect(allFindings(after)).toEqual([]);
      expect(after.tables.filter((t) => t.exists).every((t) => t.health === 'ok' && t.pending.length === 0)).toBe(true);
    });

    it('reports a missing column, an extra column, a wrong type and a wrong nullability, each with its fix', async () => {
      await manager().create();
      const sessions = db.qualify('agno_sessions');
      await db.exec(`ALTER TABLE ${sessions} DROP COLUMN ${q('summary')}`);
      await db.exec(`ALTER TABLE ${sessions} ADD COLUMN ${q('note')} ${stringType(10)}`);
      const memories = db.qualify('agno_memories');
      await db.exec(`ALTER TABLE ${memories} DROP COLUMN ${q('topics')}`);
      await db.exec(`ALTER TABLE ${memories} ADD COLUMN ${q('topics')} TEXT`);
      const evals = db.qualify('agno_eval_runs');
      await db.exec(`ALTER TABLE ${evals} DROP COLUMN ${q('eval_type')}`);
      await db.exec(`ALTER TABLE ${evals} ADD COLUMN ${q('eval_type')} ${stringType(50)}`);

      const result = await manager().verify();
      expect(result.status).toBe('drift');
      expect(findingsOf(result, 'agno_sessions').map(brief)).toEqual(['missing-column summary', 'extra-column note']);
      expect(findingsOf(result, 'agno_memories').map(brief)).toEqual(['wrong-type topics']);
      expect(findingsOf(result, 'agno_eval_runs').map(brief)).toEqual(['wrong-nullability eval_type']);
      const [missing] = findingsOf(result, 'agno_sessions');
      expect(missing?.fix.kind).toBe('sql');
      expect(missing?.message).toMatch(/summary .* is missing: run this: ALTER TABLE .* ADD COLUMN .*summary/);
      expect(findingsOf(result, 'agno_memories')[0]?.message).toMatch(/topics is TEXT, Agno declares (JSONB|JSON)/);
      expect(findingsOf(result, 'agno_eval_runs')[0]?.message).toMatch(
        /eval_type allows NULL, Agno declares it NOT NULL: run (this|these): /,
      );
      for (const t of result.tables) expect(t.health).toBe(!t.exists ? 'absent' : t.findings.length > 0 ? 'drift' : 'ok');
      expect((await manager().status()).tables.find((t) => t.tableName === 'agno_sessions')?.health).toBe('drift');
    });

    it('reports a missing index, a missing unique constraint, a missing and a different primary key', async () => {
      await manager().create();
      await dropIndex('agno_traces', 'idx_agno_traces_status');
      await recreate('metrics', 'agno_metrics', (sql) => sql.replace(/,\s*CONSTRAINT \S+ UNIQUE \([^)]*\)/, ''));
      await recreate('evals', 'agno_eval_runs', (sql) => sql.replace(/,\s*PRIMARY KEY \([^)]*\)/, ''));
      await recreate('knowledge', 'agno_knowledge', (sql) => sql.replace(/PRIMARY KEY \(([^)]*)\)/, `PRIMARY KEY ($1, ${q('name')})`));

      const result = await manager().verify();
      expect(findingsOf(result, 'agno_traces').map(brief)).toEqual(['missing-index status']);
      expect(findingsOf(result, 'agno_traces')[0]?.message).toContain('CREATE INDEX');
      // SingleStore's metrics table has no unique constraint to lose.
      const [metricsUnique] = TABLE_TYPES.find((t) => t.type === 'metrics')!.define(db.flavor).uniqueConstraints;
      expect(findingsOf(result, 'agno_metrics').map(brief)).toEqual(
        metricsUnique ? [`missing-unique ${metricsUnique.columns.join(',')}`] : [],
      );
      expect(findingsOf(result, 'agno_eval_runs').map(brief)).toEqual(['missing-primary-key run_id']);
      expect(findingsOf(result, 'agno_knowledge').map(brief)).toEqual(['different-primary-key id']);
      expect(findingsOf(result, 'agno_knowledge')[0]?.message).toContain('the primary key is (id, name)');
      for (const f of result.tables.flatMap((t) => t.findings))
        expect(f.message).toMatch(/[:;] (run|sqlite|mysql|postgres|singlestore|add|create|change|allow|fill|Agno)/);
    });

    it.skipIf(!traits.readsForeignKeys)('reports a foreign key that lost its ON DELETE CASCADE, or is gone', async () => {
      await manager().create();
      // The runs table is on every database; spans only where Agno creates it.
      const spans = availableOn(resolveTableType('spans'), db.flavor);
      await recreate('runs', 'agno_runs', (sql) => sql.replace(' ON DELETE CASCADE', ''));
      if (spans) await recreate('spans', 'agno_spans', (sql) => sql.replace(/,\s*FOREIGN KEY\([^)]*\) REFERENCES [^)]*\)/, ''));
      const result = await manager().verify();
      expect(findingsOf(result, 'agno_runs').map(brief)).toEqual(['missing-foreign-key session_id']);
      // A key declared without a rule: MySQL 8 and PostgreSQL report NO ACTION, MariaDB RESTRICT.
      expect(findingsOf(result, 'agno_runs')[0]?.message).toMatch(/has ON DELETE (NO ACTION|RESTRICT), Agno's has ON DELETE CASCADE/);
      // The fix, where the database can apply one, replaces the key in place.
      const fix = findingsOf(result, 'agno_runs')[0]?.fix;
      if (fix?.kind === 'sql') {
        for (const statement of fix.statements) await db.exec(statement);
        expect(findingsOf(await manager().verify({ tableType: 'runs' }), 'agno_runs')).toEqual([]);
      }
      if (!spans) return;
      expect(findingsOf(result, 'agno_spans').map(brief)).toEqual(['missing-foreign-key trace_id']);
      expect(findingsOf(result, 'agno_spans')[0]?.message).toMatch(
        /the foreign key \(trace_id\) → agno_traces \(trace_id\) is missing: (run this: ALTER TABLE|sqlite cannot add a foreign key)/,
      );
    });

    it.skipIf(!traits.partialIndexes)('reports a partial unique index that became a full one', async (ctx) => {
      if (!availableOn(resolveTableType('service_accounts'), db.flavor)) return ctx.skip();
      await manager().create();
      await dropIndex('agno_service_accounts', 'agno_service_accounts_uq_active_name');
      await db.exec(
        `CREATE UNIQUE INDEX ${q('agno_service_accounts_uq_active_name')} ON ${db.qualify('agno_service_accounts')} (${q('name')})`,
      );
      const result = await manager().verify({ tableType: 'service_accounts' });
      expect(findingsOf(result, 'agno_service_accounts').map(brief)).toEqual(['missing-index name']);
      expect(findingsOf(result, 'agno_service_accounts')[0]?.message).toContain('WHERE revoked_at IS NULL is missing');
    });

    it('catches a versions row that claims a step the table lacks, and up --force repairs it', async () => {
      await manager().create();
      await db.exec(`ALTER TABLE ${db.qualify('agno_memories')} DROP COLUMN ${q('feedback')}`);
      const lying = await manager().verify();
      const memories = lying.tables.find((t) => t.tableType === 'memories')!;
      expect(memories.health).toBe('drift');
      expect(memories.missingSteps).toEqual(['2.3.0']);
      expect(memories.findings.map(brief)).toEqual(['missing-column feedback']);
      expect(memories.findings[0]?.fix).toMatchObject({ kind: 'force-up', step: '2.3.0', tableType: 'memories' });
      expect(memories.findings[0]?.message).toContain(`the versions row says ${manager().graph.latest}`);
      // Core names the step, not a command line: each front end spells its own.
      expect(memories.findings[0]?.message).toContain('step 2.3.0 is not applied here');
      expect(memories.findings[0]?.fix).not.toHaveProperty('command');

      expect((await manager().up({ tableType: 'memories' })).tables[0]?.outcome).toBe('up-to-date');
      expect((await manager().up({ tableType: 'memories', force: true })).tables[0]?.outcome).toBe('migrated');
      const repaired = await manager().verify();
      expect(allFindings(repaired)).toEqual([]);
    });

    it('names a table type Agno does not create on this dialect as a usage error before any work', async () => {
      await expect(manager().up({ tableType: 'traces' })).rejects.toMatchObject({ exitCode: 2 });
      const elsewhere = TABLE_TYPES.find((t) => !availableOn(t, db.flavor));
      if (elsewhere) await expect(manager().create({ tableType: elsewhere.type })).rejects.toMatchObject({ exitCode: 2 });
    });
  });
}
