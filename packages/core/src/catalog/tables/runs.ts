import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

const SESSION_PARENT = {
  columns: ['session_id'],
  references: { tableType: 'sessions', columns: ['session_id'] },
  onDelete: 'CASCADE',
} as const;

/**
 * Agno 3.0's runs table, one row per run (before, runs were a JSON list in sessions.runs): created
 * fresh, never migrated. run_type is agent, team or workflow; times are epoch seconds.
 *
 * The (session_id, run_index) index serves "the latest N runs of a session". Agno's PostgreSQL and
 * SQLite schemas name it from its columns, its MySQL and SingleStore ones from the declared name.
 * SingleStore keys the table by (run_id, session_id) and shards it by session_id, so a run id is
 * unique only within its session there; the foreign key is declared (Agno creates sessions first)
 * but SingleStore has none to create.
 */
export function runsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  const singlestore = flavor === 'singlestore';
  const declaredName = flavor === 'mysql' || singlestore;
  return defineTable(
    'runs',
    singlestore ? ['run_id', 'session_id'] : ['run_id'],
    [
      c.str('run_id', 128, NOT_NULL),
      c.str('session_id', 128, NOT_NULL_INDEXED),
      c.str('run_type', 20, NOT_NULL_INDEXED),
      c.str('agent_id', 128, INDEXED),
      c.str('team_id', 128, INDEXED),
      c.str('workflow_id', 128, INDEXED),
      c.str('user_id', 128, INDEXED),
      c.str('parent_run_id', 128),
      c.str('status', 50, INDEXED),
      c.bigint('run_index'),
      c.json('run_data', NOT_NULL),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
    ],
    {
      ...(declaredName
        ? { namedIndexes: [{ suffix: 'runs_session_id_run_index', columns: ['session_id', 'run_index'] }] }
        : { compositeIndexes: [['session_id', 'run_index']] }),
      foreignKeys: [SESSION_PARENT],
      ...(singlestore ? { shardKey: ['session_id'] } : {}),
    },
  );
}
