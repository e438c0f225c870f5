import { resolveTableType, TABLE_TYPES } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../src/index.js';

const dialect = postgresDialect({ url: 'postgres://agno@localhost/app', schema: 'ai' });
const names = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, t.defaultName]));
const create = (type: string, table = names[type]!) =>
  dialect.emitter.createTable(resolveTableType(type).define('postgres'), table, names).map((s) => s.sql);

describe('PostgreSQL CREATE TABLE of the feature tables, as Agno creates them', () => {
  it('spans: a foreign key to traces in the same schema', () => {
    const [table] = create('spans');
    expect(table).toContain('\t"attributes" JSONB,');
    expect(table).toContain('FOREIGN KEY("trace_id") REFERENCES "ai"."agno_traces" ("trace_id")');
  });

  it('component_links: composite primary key, the named composite foreign key and one to components', () => {
    const [table, ...indexes] = create('component_links');
    expect(table).toBe(
      [
        'CREATE TABLE "ai"."agno_component_links" (',
        '\t"parent_component_id" VARCHAR NOT NULL,',
        '\t"parent_version" INTEGER NOT NULL,',
        '\t"link_kind" VARCHAR NOT NULL,',
        '\t"link_key" VARCHAR NOT NULL,',
        '\t"child_component_id" VARCHAR NOT NULL,',
        '\t"child_version" INTEGER,',
        '\t"position" INTEGER NOT NULL,',
        '\t"meta" JSONB,',
        '\t"created_at" BIGINT,',
        '\t"updated_at" BIGINT,',
        '\tPRIMARY KEY ("parent_component_id", "parent_version", "link_kind", "link_key"),',
        '\tFOREIGN KEY("child_component_id") REFERENCES "ai"."agno_components" ("component_id"),',
        '\tCONSTRAINT "agno_component_links_parent_component_id_parent_version_fkey" FOREIGN KEY("parent_component_id", "parent_version") REFERENCES "ai"."agno_component_configs" ("component_id", "version")',
        ')',
      ].join('\n'),
    );
    expect(indexes).toEqual([
      'CREATE INDEX "idx_agno_component_links_link_kind" ON "ai"."agno_component_links" ("link_kind")',
      'CREATE INDEX "idx_agno_component_links_created_at" ON "ai"."agno_component_links" ("created_at")',
    ]);
  });

  it('schedule_runs cascades deletes from renamed schedules; service_accounts has its partial unique index', () => {
    const renamed = dialect.emitter.createTable(resolveTableType('schedule_runs').define('postgres'), 'runs', {
      ...names,
      schedules: 'my_schedules',
    });
    expect(renamed[0]?.sql).toContain('FOREIGN KEY("schedule_id") REFERENCES "ai"."my_schedules" ("id") ON DELETE CASCADE');
    const accounts = create('service_accounts');
    expect(accounts[0]).toContain('\tUNIQUE ("token_hash")');
    expect(accounts).toContain(
      'CREATE UNIQUE INDEX "agno_service_accounts_uq_active_name" ON "ai"."agno_service_accounts" ("name") WHERE revoked_at IS NULL',
    );
    expect(create('auth_tokens')[0]).toContain(
      'CONSTRAINT "agno_auth_tokens_uq_auth_token_provider_user_service" UNIQUE ("provider", "user_id", "service")',
    );
    expect(create('schedules')).toContain(
      'CREATE INDEX "idx_agno_schedules_enabled_next_run_at" ON "ai"."agno_schedules" ("enabled", "next_run_at")',
    );
  });
});
