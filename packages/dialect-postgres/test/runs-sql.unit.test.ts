import type { RunsSql } from '@agno-migrate/core';
import { RUN_COLUMNS } from '@agno-migrate/core';
import { SAMPLE_RUN_ROW } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../src/index.js';

// The runs copy's SQL exactly as it is sent: a change here is a change to what runs on PostgreSQL.
const sql: RunsSql = postgresDialect({ url: 'postgres://u@localhost/db' }).emitter.runsSql();
const t = { sessions: 'agno_sessions', runs: 'agno_runs' };
const first = { after: null, upTo: 's9' };
const next = { after: 's9', upTo: 's99' };

describe('PostgreSQL: runs copy SQL', () => {
  it('the next batch ends at the 500th session holding a blob, after the last one', () => {
    expect(sql.batchEnd(t, null, 500)).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "SELECT MAX(b."session_id") AS "up_to" FROM (SELECT "session_id" FROM "ai"."agno_sessions" WHERE "runs" IS NOT NULL ORDER BY "session_id" LIMIT 500) b",
      }
    `);
    expect(sql.batchEnd(t, 's9', 500)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
        ],
        "sql": "SELECT MAX(b."session_id") AS "up_to" FROM (SELECT "session_id" FROM "ai"."agno_sessions" WHERE "runs" IS NOT NULL AND "session_id" > $1 ORDER BY "session_id" LIMIT 500) b",
      }
    `);
  });

  it('counts a batch by reason inside the database, with the runs already there when asked', () => {
    expect(sql.countBatch(t, next, true)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
          "s99",
        ],
        "sql": "WITH src AS MATERIALIZED (SELECT s."session_id" AS session_id, s."user_id" AS user_id, b.blob_type, e.run, e.pos, e.run ->> 'run_id' AS run_id, CASE WHEN e.run IS NULL THEN NULL WHEN jsonb_typeof(e.run) <> 'object' THEN 'not_object' WHEN e.run -> 'run_id' IS NULL OR jsonb_typeof(e.run -> 'run_id') = 'null' THEN 'no_run_id' ELSE 'run' END AS kind FROM "ai"."agno_sessions" s CROSS JOIN LATERAL (SELECT jsonb_typeof(s."runs"::jsonb) AS blob_type OFFSET 0) b LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN b.blob_type = 'array' THEN s."runs"::jsonb ELSE '[]'::jsonb END) WITH ORDINALITY AS e(run, pos) ON TRUE WHERE s."session_id" > $1 AND s."session_id" <= $2 AND s."runs" IS NOT NULL) SELECT COUNT(*) FILTER (WHERE (src.pos IS NULL OR src.pos = 1)) AS "sessions", COUNT(*) FILTER (WHERE src.kind = 'run') AS "runs", (SELECT COUNT(*) FROM src JOIN "ai"."agno_runs" r ON r."run_id" = src.run_id WHERE src.kind = 'run') AS "existing", COUNT(*) FILTER (WHERE src.kind = 'not_object') AS "not_object", COUNT(*) FILTER (WHERE src.kind = 'no_run_id') AS "no_run_id", COUNT(*) FILTER (WHERE (src.pos IS NULL OR src.pos = 1) AND src.blob_type NOT IN ('array', 'string', 'null')) AS "not_list", COUNT(*) FILTER (WHERE (src.pos IS NULL OR src.pos = 1) AND src.blob_type = 'string') AS "fallback" FROM src",
      }
    `);
  });

  it('copies a batch with INSERT … SELECT, the existing row winning', () => {
    expect(sql.copyReports).toMatchInlineSnapshot(`"counts"`);
    expect(sql.copyBatch(t, first, 1767323045)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
          1767323045,
        ],
        "sql": "WITH src AS MATERIALIZED (SELECT s."session_id" AS session_id, s."user_id" AS user_id, b.blob_type, e.run, e.pos, e.run ->> 'run_id' AS run_id, CASE WHEN e.run IS NULL THEN NULL WHEN jsonb_typeof(e.run) <> 'object' THEN 'not_object' WHEN e.run -> 'run_id' IS NULL OR jsonb_typeof(e.run -> 'run_id') = 'null' THEN 'no_run_id' ELSE 'run' END AS kind FROM "ai"."agno_sessions" s CROSS JOIN LATERAL (SELECT jsonb_typeof(s."runs"::jsonb) AS blob_type OFFSET 0) b LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN b.blob_type = 'array' THEN s."runs"::jsonb ELSE '[]'::jsonb END) WITH ORDINALITY AS e(run, pos) ON TRUE WHERE s."session_id" <= $1 AND s."runs" IS NOT NULL), ins AS (INSERT INTO "ai"."agno_runs" ("run_id", "session_id", "run_type", "agent_id", "team_id", "workflow_id", "user_id", "parent_run_id", "status", "run_index", "run_data", "created_at", "updated_at") SELECT src.run_id, src.session_id, CASE WHEN (CASE jsonb_typeof(src.run -> 'agent_id') WHEN 'string' THEN (src.run -> 'agent_id' #>> '{}') <> '' WHEN 'number' THEN (src.run -> 'agent_id' #>> '{}')::numeric <> 0 WHEN 'boolean' THEN src.run -> 'agent_id' = 'true'::jsonb WHEN 'array' THEN jsonb_array_length(src.run -> 'agent_id') > 0 WHEN 'object' THEN src.run -> 'agent_id' <> '{}'::jsonb ELSE FALSE END) THEN 'agent' WHEN (CASE jsonb_typeof(src.run -> 'team_id') WHEN 'string' THEN (src.run -> 'team_id' #>> '{}') <> '' WHEN 'number' THEN (src.run -> 'team_id' #>> '{}')::numeric <> 0 WHEN 'boolean' THEN src.run -> 'team_id' = 'true'::jsonb WHEN 'array' THEN jsonb_array_length(src.run -> 'team_id') > 0 WHEN 'object' THEN src.run -> 'team_id' <> '{}'::jsonb ELSE FALSE END) THEN 'team' ELSE 'workflow' END, src.run ->> 'agent_id', src.run ->> 'team_id', src.run ->> 'workflow_id', src.user_id, src.run ->> 'parent_run_id', src.run ->> 'status', src.pos - 1, src.run, CASE WHEN jsonb_typeof(src.run -> 'created_at') = 'number' AND (src.run ->> 'created_at')::numeric <> 0 THEN (src.run ->> 'created_at')::numeric::bigint ELSE $2::bigint END, $2::bigint FROM src WHERE src.kind = 'run' ON CONFLICT ("run_id") DO NOTHING RETURNING 1) SELECT COUNT(*) FILTER (WHERE (src.pos IS NULL OR src.pos = 1)) AS "sessions", COUNT(*) FILTER (WHERE src.kind = 'run') AS "runs", 0 AS "existing", COUNT(*) FILTER (WHERE src.kind = 'not_object') AS "not_object", COUNT(*) FILTER (WHERE src.kind = 'no_run_id') AS "no_run_id", COUNT(*) FILTER (WHERE (src.pos IS NULL OR src.pos = 1) AND src.blob_type NOT IN ('array', 'string', 'null')) AS "not_list", COUNT(*) FILTER (WHERE (src.pos IS NULL OR src.pos = 1) AND src.blob_type = 'string') AS "fallback", (SELECT COUNT(*) FROM ins) AS copied FROM src",
      }
    `);
  });

  it('leaves to the client the blobs only it can decode, and inserts its rows the existing row winning', () => {
    expect(sql.fallbackSessions(t, next)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
          "s99",
        ],
        "sql": "SELECT s."session_id" AS "session_id", s."user_id" AS "user_id", s."runs"::text AS "runs" FROM "ai"."agno_sessions" s WHERE s."session_id" > $1 AND s."session_id" <= $2 AND s."runs" IS NOT NULL AND jsonb_typeof(s."runs"::jsonb) = 'string' ORDER BY s."session_id"",
      }
    `);
    const insert = sql.insertRuns(t, [SAMPLE_RUN_ROW]);
    expect(insert.params).toEqual(RUN_COLUMNS.map((c) => SAMPLE_RUN_ROW[c]));
    expect(insert.sql).toMatchInlineSnapshot(
      `"INSERT INTO "ai"."agno_runs" ("run_id", "session_id", "run_type", "agent_id", "team_id", "workflow_id", "user_id", "parent_run_id", "status", "run_index", "run_data", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13) ON CONFLICT ("run_id") DO NOTHING"`,
    );
    expect(sql.presentRunIds(t, 's', ['r', 'q'])).toMatchInlineSnapshot(`
      {
        "params": [
          "r",
          "q",
        ],
        "sql": "SELECT "run_id" AS "run_id" FROM "ai"."agno_runs" WHERE "run_id" IN ($1, $2)",
      }
    `);
  });

  it('down rebuilds the blobs of a batch of sessions ordered by run_index, created_at', () => {
    expect(sql.restorePrelude?.() ?? null).toMatchInlineSnapshot(`null`);
    expect(sql.restoreBatchEnd(t, 's9', 5000)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
        ],
        "sql": "SELECT MAX(b."session_id") AS "up_to" FROM (SELECT "session_id" FROM "ai"."agno_runs" WHERE "session_id" > $1 ORDER BY "session_id" LIMIT 5000) b",
      }
    `);
    expect(sql.restoreBatch(t, next)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
          "s99",
        ],
        "sql": "UPDATE "ai"."agno_sessions" s SET "runs" = agg.runs FROM (SELECT r."session_id" AS session_id, jsonb_agg(r."run_data" ORDER BY r."run_index", r."created_at") AS runs FROM "ai"."agno_runs" r WHERE r."session_id" > $1 AND r."session_id" <= $2 GROUP BY r."session_id") agg WHERE s."session_id" = agg.session_id",
      }
    `);
  });

  it('cleanup checks every blob against the runs table and measures the column', () => {
    expect(sql.unmigratedSessions(t, next)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
          "s99",
        ],
        "sql": "WITH src AS MATERIALIZED (SELECT s."session_id" AS session_id, s."user_id" AS user_id, b.blob_type, e.run, e.pos, e.run ->> 'run_id' AS run_id, CASE WHEN e.run IS NULL THEN NULL WHEN jsonb_typeof(e.run) <> 'object' THEN 'not_object' WHEN e.run -> 'run_id' IS NULL OR jsonb_typeof(e.run -> 'run_id') = 'null' THEN 'no_run_id' ELSE 'run' END AS kind FROM "ai"."agno_sessions" s CROSS JOIN LATERAL (SELECT jsonb_typeof(s."runs"::jsonb) AS blob_type OFFSET 0) b LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN b.blob_type = 'array' THEN s."runs"::jsonb ELSE '[]'::jsonb END) WITH ORDINALITY AS e(run, pos) ON TRUE WHERE s."session_id" > $1 AND s."session_id" <= $2 AND s."runs" IS NOT NULL) SELECT src.session_id AS "session_id", COUNT(*) AS "missing" FROM src WHERE src.kind = 'run' AND NOT EXISTS (SELECT 1 FROM "ai"."agno_runs" r WHERE r."run_id" = src.run_id) GROUP BY src.session_id ORDER BY src.session_id",
      }
    `);
    expect(sql.legacySize(t)).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "SELECT COUNT(*) AS "sessions", COALESCE(SUM(pg_column_size("runs")), 0) AS "bytes" FROM "ai"."agno_sessions" WHERE "runs" IS NOT NULL",
      }
    `);
    expect(sql.clearLegacy?.(t) ?? null).toMatchInlineSnapshot(`null`);
  });
});
