import type { Dialect, Row, UpsertSpec } from '@agno-migrate/core';
import { MEMORY_COLUMNS, mapMemory } from '../map/memories.js';
import { mapSession, SESSION_COLUMNS } from '../map/sessions.js';
import type { MapContext, Mapped } from '../map/types.js';
import type { SourceKind } from '../report.js';
import type { SourceTable } from '../sql/source-table.js';

/** One v1 table and the v2 table it goes to. */
export interface TableJob {
  readonly kind: SourceKind;
  readonly source: SourceTable;
  readonly targetType: 'sessions' | 'memories';
  readonly target: string;
  readonly targetExists: boolean;
  readonly spec: UpsertSpec;
  readonly map: (row: Row, ctx: MapContext) => Mapped;
}

const SESSION_KIND = { agentSessions: 'agent', teamSessions: 'team', workflowSessions: 'workflow' } as const;

/** The row mapping of one kind of v1 table; a function of the kind alone, so a worker thread can rebuild it. */
export function mapperFor(kind: SourceKind): (row: Row, ctx: MapContext) => Mapped {
  if (kind === 'memories') return mapMemory;
  const sessionKind = SESSION_KIND[kind];
  return (row, ctx) => mapSession(row, sessionKind, ctx);
}

export function tableJob(dialect: Dialect, kind: SourceKind, source: SourceTable, target: string, targetExists: boolean): TableJob {
  const table = dialect.emitter.qualify(target);
  if (kind === 'memories') {
    return {
      kind,
      source,
      targetType: 'memories',
      target,
      targetExists,
      // A memory the application changed after the migration (a later updated_at) is kept.
      spec: {
        table,
        columns: MEMORY_COLUMNS,
        conflict: ['memory_id'],
        update: MEMORY_COLUMNS.filter((c) => c !== 'memory_id' && c !== 'created_at'),
        newer: 'updated_at',
      },
      map: mapperFor(kind),
    };
  }
  return {
    kind,
    source,
    targetType: 'sessions',
    target,
    targetExists,
    // Agno's session upsert: every column but the key and created_at, only for the row's owner;
    // and never over a session the application changed after the migration (a later updated_at).
    spec: {
      table,
      columns: SESSION_COLUMNS,
      conflict: ['session_id'],
      update: SESSION_COLUMNS.filter((c) => c !== 'session_id' && c !== 'created_at'),
      owner: 'user_id',
      newer: 'updated_at',
    },
    map: mapperFor(kind),
  };
}
