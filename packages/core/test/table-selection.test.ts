import { describe, expect, it } from 'vitest';
import { resolveTableType, TABLE_TYPES } from '../src/index.js';
import { checkCreatable, creationOrder, selectMigratedTables } from '../src/manager/table-selection.js';

const names = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, t.defaultName]));
const ref = (type: string) => ({ info: resolveTableType(type), name: names[type]! });

describe('which tables a command visits', () => {
  it('init of one type brings what its foreign keys reference, referenced tables first', () => {
    expect(creationOrder([ref('component_links')], names, 'postgres').map((t) => t.info.type)).toEqual([
      'components',
      'component_configs',
      'component_links',
    ]);
    // SQLite's component tables have no foreign keys: nothing else comes along.
    expect(creationOrder([ref('component_links')], names, 'sqlite').map((t) => t.info.type)).toEqual(['component_links']);
    expect(creationOrder([ref('schedule_runs'), ref('schedules')], names, 'sqlite').map((t) => t.info.type)).toEqual([
      'schedules',
      'schedule_runs',
    ]);
  });

  it('up and down visit the migrated types only, and refuse one that has no migrations', () => {
    expect(selectMigratedTables(names).map((t) => t.info.type)).toEqual([
      'memories',
      'sessions',
      'metrics',
      'evals',
      'knowledge',
      'approvals',
      'components',
      'schedules',
      'schedule_runs',
      'learnings',
      'culture',
    ]);
    expect(() => selectMigratedTables(names, 'span')).toThrow(
      /spans tables have no migrations .*use init to create one and verify to check it/,
    );
  });

  it('init refuses, before any work, a type Agno does not create on the dialect', () => {
    expect(() => checkCreatable('learnings', 'mysql', 'mysql')).toThrow(
      'Agno does not create learnings tables on mysql, only on PostgreSQL and SQLite',
    );
    expect(() => checkCreatable('traces', 'singlestore', 'singlestore')).not.toThrow();
    expect(() => checkCreatable(undefined, 'mysql', 'mysql')).not.toThrow();
  });
});
