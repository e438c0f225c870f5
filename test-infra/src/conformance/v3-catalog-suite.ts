import { MigrationManager, SCHEDULE_PROVENANCE_COLUMNS, TABLE_TYPES } from '@agno-migrate/core';
import type { ManagerOptions, VerifyResult } from '@agno-migrate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestDatabase, TestTarget } from '../target.js';
import { readTable } from './shape.js';

const NOW = new Date('2026-01-02T03:04:05Z');
const allFindings = (result: VerifyResult) => result.tables.flatMap((t) => t.findings.map((f) => `${t.tableName}: ${f.message}`));

/** Agno 3.0's fresh database on a real database (spec 1.5, 2): what init creates, how, and what verify accepts. */
export function runV3CatalogSuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: the catalog at Agno 3.0`, () => {
    let db: TestDatabase;
    const managers: MigrationManager[] = [];
    const manager = (opts: ManagerOptions = {}) => {
      const m = new MigrationManager(db.dialect(), { now: () => NOW, ...opts });
      managers.push(m);
      return m;
    };
    const q = (name: string) => db.quoteIdent(name);
    const { traits } = target;
    const versions = async () =>
      Object.fromEntries(
        (await db.rows(`SELECT table_name, version FROM ${db.qualify('agno_schema_versions')}`)).map((r) => [
          String(r['table_name']),
          String(r['version']),
        ]),
      );
    /** Drops a table and creates it again from the tool's own CREATE, edited by `edit`. */
    const recreate = async (tableType: string, table: string, edit: (sql: string) => string) => {
      const dialect = db.dialect();
      const info = TABLE_TYPES.find((t) => t.type === tableType)!;
      const names = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, t.defaultName]));
      await db.exec(`DROP TABLE ${db.qualify(table)}`);
      for (const [i, statement] of dialect.emitter.createTable(info.define(dialect.flavor), table, names).entries()) {
        await db.exec(i === 0 ? edit(statement.sql) : statement.sql);
      }
    };

    beforeEach(async () => {
      db = await target.create();
    });
    afterEach(async () => {
      for (const m of managers.splice(0)) await m.close();
      await db.close();
    });

    it('init creates the Agno 3.0 tables Agno creates here (runs everywhere, tool_results on PostgreSQL and SQLite, jobs on PostgreSQL); parents first; all stamped 3.0.0', async () => {
      const created = await manager().create();
      expect(created.status).toBe('ok');
      const made = created.tables.filter((t) => t.outcome === 'created').map((t) => t.tableType);
      expect(made).toContain('runs');
      for (const type of ['runs', 'tool_results', 'jobs']) expect(made.includes(type), type).toBe(traits.agno3Tables.includes(type));
      expect(made).not.toContain('culture');
      expect(made.indexOf('sessions')).toBeLessThan(made.indexOf('runs'));
      if (made.includes('schedule_runs')) expect(made.indexOf('schedules')).toBeLessThan(made.indexOf('schedule_runs'));
      const stamped = await versions();
      for (const t of created.tables.filter((r) => r.outcome === 'created')) expect(stamped[t.tableName], t.tableName).toBe('3.0.0');

      const verified = await manager().verify();
      expect(allFindings(verified)).toEqual([]);
      expect(verified.tables.filter((t) => t.exists).every((t) => t.health === 'ok' && t.pending.length === 0)).toBe(true);
    });

    it('the runs table as Agno 3.0 creates it: no runs column in sessions, its key, the composite index under its dialect name', async () => {
      await manager().create();
      const sessions = await readTable(db, 'agno_sessions');
      expect(sessions?.columns.map((c) => c.name)).not.toContain('runs');
      const runs = await readTable(db, 'agno_runs');
      expect(runs?.columns.map((c) => c.name)).toEqual([
        'run_id',
        'session_id',
        'run_type',
        'agent_id',
        'team_id',
        'workflow_id',
        'user_id',
        'parent_run_id',
        'status',
        'run_index',
        'run_data',
        'created_at',
        'updated_at',
      ]);
      expect(runs?.primaryKey?.columns).toEqual(traits.runsPrimaryKey);
      const composite = runs?.indexes.find((i) => i.columns.join(',') === 'session_id,run_index');
      expect(composite?.name).toBe(traits.runsSessionIndexName('agno_runs'));
      expect(
        runs?.indexes
          .filter((i) => i.columns.length === 1 && i.name.startsWith('idx_agno_runs_'))
          .map((i) => i.columns[0])
          .sort(),
      ).toEqual(['agent_id', 'created_at', 'run_type', 'session_id', 'status', 'team_id', 'user_id', 'workflow_id']);
      if (runs?.foreignKeys !== undefined) {
        expect(runs.foreignKeys.map((f) => [f.columns.join(','), f.referencedTable, f.onDelete])).toEqual([
          ['session_id', 'agno_sessions', 'CASCADE'],
        ]);
      }
    });

    it.skipIf(!traits.enforcesForeignKeys)('deleting a session deletes its runs (ON DELETE CASCADE)', async () => {
      await manager().create();
      // As Agno's SQLite adapter does on every connection: SQLite enforces foreign keys only when asked.
      if (traits.foreignKeysOnSql !== null) await db.exec(traits.foreignKeysOnSql);
      await db.exec(
        `INSERT INTO ${db.qualify('agno_sessions')} (${q('session_id')}, ${q('session_type')}, ${q('created_at')}) VALUES (?, ?, ?)`,
        ['s1', 'agent', 1],
      );
      await db.exec(
        `INSERT INTO ${db.qualify('agno_runs')} (${q('run_id')}, ${q('session_id')}, ${q('run_type')}, ${q('run_data')}, ${q('created_at')}) VALUES (?, ?, ?, ?, ?)`,
        ['r1', 's1', 'agent', '{"run_id": "r1"}', 1],
      );
      await db.exec(`DELETE FROM ${db.qualify('agno_sessions')} WHERE ${q('session_id')} = ?`, ['s1']);
      expect(await db.rows(`SELECT ${q('run_id')} FROM ${db.qualify('agno_runs')}`)).toEqual([]);
    });

    it('a renamed sessions table gets <sessions>_runs, referencing it', async () => {
      const result = await manager({ tables: { sessions: 'chat' } }).create({ tableType: 'runs' });
      expect(result.tables.map((t) => [t.tableType, t.tableName, t.outcome])).toEqual([
        ['sessions', 'chat', 'created'],
        ['runs', 'chat_runs', 'created'],
      ]);
      const runs = await readTable(db, 'chat_runs');
      if (runs?.foreignKeys !== undefined) expect(runs.foreignKeys.map((f) => f.referencedTable)).toEqual(['chat']);
      expect(runs?.indexes.map((i) => i.name)).toContain(traits.runsSessionIndexName('chat_runs'));
      expect(allFindings(await manager({ tables: { sessions: 'chat' } }).verify())).toEqual([]);
    });

    it('metrics keyed per user (none on SingleStore), owners on evals and knowledge', async () => {
      await manager().create();
      const metrics = await readTable(db, 'agno_metrics');
      const userId = metrics?.columns.find((c) => c.name === 'user_id');
      expect(userId?.nullable).toBe(false);
      const uniques = [
        ...(metrics?.uniqueConstraints ?? []).map((u) => u.columns.join(',')),
        ...(metrics?.indexes ?? []).filter((i) => i.unique).map((i) => i.columns.join(',')),
      ];
      if (!traits.uniqueKeys) expect(uniques.filter((u) => u !== 'id')).toEqual([]);
      else expect(uniques).toContain('user_id,date,aggregation_period');
      expect(uniques).not.toContain('date,aggregation_period');
      for (const table of ['agno_eval_runs', 'agno_knowledge']) {
        const state = await readTable(db, table);
        expect(state?.columns.find((c) => c.name === 'user_id')?.nullable, table).toBe(true);
        expect(
          state?.indexes.map((i) => i.name),
          table,
        ).toContain(`idx_${table}_user_id`);
      }
    });

    it('a migrated sessions table that keeps its legacy runs column verifies clean', async () => {
      await manager().create();
      await db.exec(`ALTER TABLE ${db.qualify('agno_sessions')} ADD COLUMN ${q('runs')} ${traits.jsonType}`);
      const result = await manager().verify({ tableType: 'sessions' });
      expect(allFindings(result)).toEqual([]);
      expect(result.tables[0]?.health).toBe('ok');
    });

    it.skipIf(!traits.textProvenanceColumns)(
      "schedules whose provenance columns Agno's migration added as TEXT (SQLite) verify clean",
      async () => {
        await manager().create();
        await recreate('schedules', 'agno_schedules', (sql) =>
          SCHEDULE_PROVENANCE_COLUMNS.reduce((s, name) => s.replace(`${q(name)} VARCHAR`, `${q(name)} TEXT`), sql),
        );
        const state = await readTable(db, 'agno_schedules');
        expect(state?.columns.filter((c) => c.dataType === 'text').map((c) => c.name)).toEqual([...SCHEDULE_PROVENANCE_COLUMNS]);
        expect(allFindings(await manager().verify({ tableType: 'schedules' }))).toEqual([]);
      },
    );

    it.skipIf(!traits.partialIndexes)(
      'schedule names are unique per owner and among unowned schedules; verify reads both partial indexes',
      async () => {
        await manager().create();
        const insert = (id: string, name: string, userId: string | null) =>
          db.exec(
            `INSERT INTO ${db.qualify('agno_schedules')} (${['id', 'name', 'method', 'endpoint', 'cron_expr', 'timezone', 'timeout_seconds', 'max_retries', 'retry_delay_seconds', 'enabled', 'user_id', 'created_at'].map(q).join(', ')}) ` +
              'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [id, name, 'POST', '/x', '* * * * *', 'UTC', 60, 0, 0, true, userId, 1],
          );
        await insert('a', 'nightly', null);
        await insert('b', 'nightly', 'u1');
        await insert('c', 'nightly', 'u2');
        await expect(insert('d', 'nightly', null)).rejects.toThrow();
        await expect(insert('e', 'nightly', 'u1')).rejects.toThrow();
        await db.exec(db.dropIndexSql('agno_schedules', 'agno_schedules_uq_unowned_name'));
        const result = await manager().verify({ tableType: 'schedules' });
        expect(result.tables[0]?.findings.map((f) => `${f.kind} ${(f.columns ?? []).join(',')}`)).toEqual(['missing-index name']);
        expect(result.tables[0]?.findings[0]?.message).toContain('WHERE user_id IS NULL');
      },
    );
  });
}
