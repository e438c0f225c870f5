import { describe, expect, it } from 'vitest';
import type { Flavor, TableDef } from '../src/index.js';
import { availableOn, FLAVORS, indexesFor, migratedTableTypeNames, resolveTableType, TABLE_TYPES } from '../src/index.js';

const def = (type: string, flavor: Flavor): TableDef => resolveTableType(type).define(flavor);
const column = (type: string, flavor: Flavor, name: string) => def(type, flavor).columns.find((c) => c.name === name);

describe('the full catalog (spec 4.3, 4.4)', () => {
  it('migrates the types of Agno 3.0 registry in its order, then the retired culture', () => {
    expect(migratedTableTypeNames()).toEqual([
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
  });

  it('has every table Agno 3.0 creates, and the retired culture, each on the dialects Agno creates it on', () => {
    const where = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, FLAVORS.filter((f) => availableOn(t, f)).join(',')]));
    const everywhere = 'postgres,sqlite,mysql,singlestore';
    expect(where).toEqual({
      memories: everywhere,
      sessions: everywhere,
      metrics: everywhere,
      evals: everywhere,
      knowledge: everywhere,
      culture: everywhere,
      approvals: 'postgres,sqlite',
      traces: everywhere,
      spans: everywhere,
      components: 'postgres,sqlite',
      component_configs: 'postgres,sqlite',
      component_links: 'postgres,sqlite',
      learnings: 'postgres,sqlite',
      schedules: 'postgres,sqlite',
      schedule_runs: 'postgres,sqlite',
      auth_tokens: 'postgres,sqlite',
      service_accounts: 'postgres,sqlite',
      mcp_oauth_clients: 'postgres,sqlite',
      mcp_oauth_transactions: 'postgres,sqlite',
      mcp_oauth_codes: 'postgres,sqlite',
      mcp_oauth_refresh_tokens: 'postgres,sqlite',
      mcp_oauth_keys: 'postgres,sqlite',
      runs: everywhere,
      tool_results: 'postgres,sqlite',
      jobs: 'postgres',
    });
  });

  it('lists every table after the tables its foreign keys reference', () => {
    const order = TABLE_TYPES.map((t) => t.type);
    for (const info of TABLE_TYPES) {
      for (const flavor of FLAVORS.filter((f) => availableOn(info, f))) {
        for (const fk of info.define(flavor).foreignKeys) {
          expect(order.indexOf(fk.references.tableType), `${info.type} → ${fk.references.tableType}`).toBeLessThan(
            order.indexOf(info.type),
          );
        }
      }
    }
  });

  it('gives SingleStore its own lengths for traces and spans', () => {
    expect(column('traces', 'singlestore', 'name')?.type).toEqual({ kind: 'string', length: 512 });
    expect(column('traces', 'mysql', 'name')?.type).toEqual({ kind: 'string', length: 255 });
    expect(column('traces', 'singlestore', 'status')?.type).toEqual({ kind: 'string', length: 20 });
    expect(column('spans', 'singlestore', 'start_time')?.type).toEqual({ kind: 'string', length: 64 });
    expect(column('spans', 'mysql', 'status_message')?.type).toEqual({ kind: 'text' });
    expect(column('spans', 'sqlite', 'status_message')?.type).toEqual({ kind: 'string' });
    expect(def('spans', 'singlestore').foreignKeys).toEqual([
      { columns: ['trace_id'], references: { tableType: 'traces', columns: ['trace_id'] } },
    ]);
  });

  it('declares the PostgreSQL and SQLite differences of the component tables', () => {
    expect(column('components', 'postgres', 'name')?.nullable).toBe(true);
    expect(column('components', 'sqlite', 'name')?.nullable).toBe(false);
    expect(column('components', 'postgres', 'current_version')?.type.kind).toBe('integer');
    expect(column('components', 'sqlite', 'current_version')?.type.kind).toBe('bigint');
    expect(column('component_configs', 'postgres', 'deleted_at')).toBeDefined();
    expect(column('component_configs', 'sqlite', 'deleted_at')).toBeUndefined();
    expect(def('component_configs', 'sqlite').foreignKeys).toEqual([]);
    expect(def('component_links', 'postgres').primaryKey).toEqual(['parent_component_id', 'parent_version', 'link_kind', 'link_key']);
    expect(def('component_links', 'postgres').foreignKeys.map((f) => f.suffix ?? null)).toEqual([
      null,
      'parent_component_id_parent_version_fkey',
    ]);
    expect(def('component_links', 'sqlite').foreignKeys).toEqual([]);
  });

  it('names indexes, partial unique indexes and constraints as Agno does', () => {
    expect(indexesFor(def('schedules', 'postgres'), 'agno_schedules').map((i) => i.name)).toEqual([
      'idx_agno_schedules_name',
      'idx_agno_schedules_next_run_at',
      'idx_agno_schedules_user_id',
      'idx_agno_schedules_managed_by',
      'idx_agno_schedules_target_id',
      'idx_agno_schedules_created_at',
      'idx_agno_schedules_enabled_next_run_at',
      'idx_agno_schedules_user_id_enabled_next_run_at',
      'agno_schedules_uq_user_name',
      'agno_schedules_uq_unowned_name',
    ]);
    expect(indexesFor(resolveTableType('schedules').define('postgres', '2.5.6'), 'agno_schedules').map((i) => i.name)).toEqual([
      'idx_agno_schedules_name',
      'idx_agno_schedules_next_run_at',
      'idx_agno_schedules_created_at',
      'idx_agno_schedules_enabled_next_run_at',
    ]);
    expect(indexesFor(def('service_accounts', 'sqlite'), 'sa').find((i) => i.unique)).toEqual({
      name: 'sa_uq_active_name',
      columns: ['name'],
      unique: true,
      where: 'revoked_at IS NULL',
    });
    expect(def('auth_tokens', 'postgres').uniqueConstraints).toEqual([
      { suffix: 'uq_auth_token_provider_user_service', columns: ['provider', 'user_id', 'service'] },
    ]);
    expect(def('schedule_runs', 'sqlite').foreignKeys[0]).toMatchObject({
      references: { tableType: 'schedules', columns: ['id'] },
      onDelete: 'CASCADE',
    });
    expect(column('mcp_oauth_clients', 'sqlite', 'client_metadata')?.type.kind).toBe('text');
  });

  it('accepts the singular aliases of the new types', () => {
    expect(resolveTableType('span').type).toBe('spans');
    expect(resolveTableType('service_account').type).toBe('service_accounts');
  });
});
