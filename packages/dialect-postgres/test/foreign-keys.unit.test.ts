import { describe, expect, it } from 'vitest';
import { INTROSPECT_SQL, toTableState } from '../src/postgres-introspector.js';

describe('PostgreSQL introspection of foreign keys', () => {
  it('reads them in the same single query, with the ON DELETE action spelled out', () => {
    expect(INTROSPECT_SQL).toContain("fk.contype = 'f'");
    const state = toTableState('runs', {
      columns: [{ name: 'schedule_id', type: 'character varying', udt: 'varchar', length: null, nullable: 'NO', default: null }],
      indexes: null,
      constraints: null,
      foreign_keys: [
        { name: 'runs_schedule_id_fkey', columns: ['schedule_id'], refTable: 'agno_schedules', refColumns: ['id'], onDelete: 'c' },
        { name: 'runs_x_fkey', columns: ['x'], refTable: 'other', refColumns: ['id'], onDelete: 'a' },
      ],
    });
    expect(state.foreignKeys).toEqual([
      {
        name: 'runs_schedule_id_fkey',
        columns: ['schedule_id'],
        referencedTable: 'agno_schedules',
        referencedColumns: ['id'],
        onDelete: 'CASCADE',
      },
      { name: 'runs_x_fkey', columns: ['x'], referencedTable: 'other', referencedColumns: ['id'], onDelete: 'NO ACTION' },
    ]);
    expect(toTableState('t', { columns: null, indexes: null, constraints: null, foreign_keys: null }).foreignKeys).toEqual([]);
  });
});
