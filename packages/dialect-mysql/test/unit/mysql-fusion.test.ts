import type { Operation, OperationContext, TableState } from '@agno-migrate/core';
import { addColumn, backfill, createIndex, dropIndex, setNotNull, specOf } from '@agno-migrate/core';
import { planStatements } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

const dialect = mysqlDialect({ url: 'mysql://agno:secret@db.example:3306/app' });
const col = (name: string, dataType = 'varchar', nullable = true, length: number | null = 128) => ({ name, dataType, nullable, length });
const M = '`ai`.`agno_memories`';
const S = '`ai`.`agno_sessions`';

/** agno_memories as Agno 2.0.0's MySQLDb created it. */
const memories20: TableState = {
  name: 'agno_memories',
  columns: [
    col('memory_id', 'varchar', false),
    col('memory', 'json', false, null),
    col('topics', 'json', true, null),
    col('updated_at', 'bigint', true, null),
  ],
  indexes: [{ name: 'idx_agno_memories_updated_at', columns: ['updated_at'], unique: false, valid: true }],
  primaryKey: { name: 'PRIMARY', columns: ['memory_id'] },
  uniqueConstraints: [],
};

/** agno_sessions as Agno 2.0.0's MySQLDb created it: a unique NOT NULL session_id, no primary key. */
const sessions20: TableState = {
  name: 'agno_sessions',
  columns: [col('session_id', 'varchar', false), col('runs', 'json', true, null), col('created_at', 'bigint', false, null)],
  indexes: [{ name: 'agno_sessions_uq_session_id', columns: ['session_id'], unique: true, valid: true }],
  primaryKey: null,
  uniqueConstraints: [{ name: 'agno_sessions_uq_session_id', columns: ['session_id'] }],
};

function plan(ops: readonly Operation[], state: TableState) {
  const ctx: OperationContext = { table: state.name, capabilities: dialect.capabilities };
  const planned = [];
  let current = state;
  for (const op of ops) {
    if (!specOf(op).isNeeded(op, current, ctx)) continue;
    planned.push({ op, state: current });
    current = specOf(op).apply(op, current);
  }
  return dialect.emitter
    .renderPlan(planned, ctx)
    .map((p) => ('carriedBy' in p ? { carriedBy: p.carriedBy } : p.statements.map((s) => s.sql)));
}

describe('MySQL plans a table in the fewest ALTERs', () => {
  it('memories 2.0.0 → 2.3.0: the column, the backfill, then NOT NULL, the index and feedback in one ALTER', () =>
    expect(planStatements(dialect, 'memories', memories20, { version: '2.3.0' })).toEqual([
      `ALTER TABLE ${M} ADD COLUMN \`created_at\` BIGINT`,
      `UPDATE ${M} SET \`created_at\` = COALESCE(\`updated_at\`, ?) WHERE \`created_at\` IS NULL -- [0]`,
      `ALTER TABLE ${M} MODIFY COLUMN \`created_at\` BIGINT NOT NULL, ADD INDEX \`idx_agno_memories_created_at\` (\`created_at\`), ADD COLUMN \`feedback\` TEXT`,
    ]));

  it('sessions 2.3.0 → 2.5.0: no check the unique NOT NULL key proves, and the key swap in one ALTER', () =>
    expect(planStatements(dialect, 'sessions', sessions20, { version: '2.5.0' })).toEqual([
      `ALTER TABLE ${S} ADD PRIMARY KEY (\`session_id\`), DROP INDEX \`agno_sessions_uq_session_id\``,
    ]));

  it('sessions 2.5.0 → 2.3.0: the unique key back and the primary key dropped in one ALTER', () => {
    const v25 = { ...sessions20, indexes: [], uniqueConstraints: [], primaryKey: { name: 'PRIMARY', columns: ['session_id'] } };
    expect(planStatements(dialect, 'sessions', v25, { version: '2.5.0', direction: 'down' })).toEqual([
      `ALTER TABLE ${S} ADD UNIQUE INDEX \`agno_sessions_uq_session_id\` (\`session_id\`), DROP PRIMARY KEY`,
    ]);
  });

  it('each operation keeps its entry; the carried ones name the first of their statement', () =>
    expect(
      plan(
        [
          addColumn({ name: 'created_at', type: { kind: 'bigint' }, nullable: true }),
          backfill('created_at', { value: 5 }),
          setNotNull('created_at'),
          createIndex('idx_agno_memories_created_at', ['created_at']),
          addColumn({ name: 'feedback', type: { kind: 'text' }, nullable: true }),
        ],
        memories20,
      ),
    ).toEqual([
      [`ALTER TABLE ${M} ADD COLUMN \`created_at\` BIGINT`],
      [`UPDATE ${M} SET \`created_at\` = ? WHERE \`created_at\` IS NULL`],
      [
        `ALTER TABLE ${M} MODIFY COLUMN \`created_at\` BIGINT NOT NULL, ADD INDEX \`idx_agno_memories_created_at\` (\`created_at\`), ADD COLUMN \`feedback\` TEXT`,
      ],
      { carriedBy: 2 },
      { carriedBy: 2 },
    ]));

  it('a column added by a statement is not changed again by it: MySQL would not know it yet', () =>
    expect(
      plan([addColumn({ name: 'x', type: { kind: 'text' }, nullable: true }), setNotNull('x'), createIndex('idx_x', ['x'])], memories20),
    ).toEqual([
      [`ALTER TABLE ${M} ADD COLUMN \`x\` TEXT`],
      [`ALTER TABLE ${M} MODIFY COLUMN \`x\` TEXT NOT NULL, ADD INDEX \`idx_x\` (\`x\`(255))`],
      { carriedBy: 1 },
    ]));

  it('an index is not both dropped and added by one statement; alone, an operation keeps its own statement', () =>
    expect(
      plan([dropIndex('idx_c'), createIndex('idx_c', ['created_at', 'session_id'])], {
        ...sessions20,
        indexes: [...sessions20.indexes, { name: 'idx_c', columns: ['created_at'], unique: false, valid: true }],
      }),
    ).toEqual([[`DROP INDEX \`idx_c\` ON ${S}`], [`CREATE INDEX \`idx_c\` ON ${S} (\`created_at\`, \`session_id\`)`]]));
});
