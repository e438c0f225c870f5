import { describe, expect, it } from 'vitest';
import { SinglestoreIntrospector } from '../../src/index.js';
import { drive } from '../support/drive.js';

const column = (name: string, type: string, nullable = 'YES') => ({
  column_name: name,
  data_type: type,
  column_type: type,
  is_nullable: nullable,
  column_default: null,
  max_length: type === 'varchar' ? 128 : null,
});
const key = (name: string, columnName: string | null, type: string, nonUnique = 0) => ({
  index_name: name,
  non_unique: nonUnique,
  column_name: columnName,
  index_type: type,
});

describe('SingleStore introspection', () => {
  it('reads the shard and sort keys apart from the secondary indexes, and `primary` in any case', () => {
    const run = drive(new SinglestoreIntrospector('app').introspect('agno_sessions'), [
      [column('session_id', 'varchar', 'NO'), column('session_type', 'varchar', 'NO')],
      [
        key('primary', 'session_id', 'COLUMNSTORE HASH'),
        key('__SHARDKEY', 'session_id', 'SHARD', 1),
        key('__UNORDERED', null, 'CLUSTERED COLUMNSTORE', 1),
        key('idx_agno_sessions_session_type', 'session_type', 'COLUMNSTORE HASH', 1),
        key('uq_session_type', 'session_id', 'COLUMNSTORE HASH'),
        key('uq_session_type', 'session_type', 'COLUMNSTORE HASH'),
      ],
      [{ TABLE_NAME: 'agno_sessions', STORAGE_TYPE: 'COLUMNSTORE' }],
    ]);
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({
      primaryKey: { name: 'primary', columns: ['session_id'] },
      shardKey: ['session_id'],
      sortKey: [],
      storage: 'columnstore',
      indexes: [
        { name: 'idx_agno_sessions_session_type', columns: ['session_type'], unique: false },
        { name: 'uq_session_type', columns: ['session_id', 'session_type'], unique: true },
      ],
      uniqueConstraints: [{ name: 'uq_session_type', columns: ['session_id', 'session_type'] }],
    });
    expect(run.requests.map((r) => r.params)).toEqual([
      ['app', 'agno_sessions'],
      ['app', 'agno_sessions'],
      ['app', 'agno_sessions'],
    ]);
    expect(run.requests[1]!.sql).toContain('INDEX_TYPE AS index_type');
  });

  it('knows a rowstore, and reports nothing for a missing table', () => {
    const rowstore = drive(new SinglestoreIntrospector('app').introspect('locks'), [
      [column('lock_name', 'varchar', 'NO')],
      [key('PRIMARY', 'lock_name', 'BTREE')],
      [{ STORAGE_TYPE: 'INMEMORY_ROWSTORE' }],
    ]);
    expect(rowstore.result).toMatchObject({ storage: 'rowstore', shardKey: null, primaryKey: { columns: ['lock_name'] } });
    const missing = drive(new SinglestoreIntrospector('app').introspect('nope'), [[]]);
    expect(missing.result).toBeNull();
    expect(missing.requests).toHaveLength(1);
  });
});
