import type { RunsSql } from '@agno-migrate/core';
import { RUN_COLUMNS } from '@agno-migrate/core';
import { SAMPLE_RUN_ROW } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { sqliteDialect } from '../src/index.js';

// The runs copy's SQL exactly as it is sent: a change here is a change to what runs on SQLite.
const sql: RunsSql = sqliteDialect(':memory:').emitter.runsSql();
const t = { sessions: 'agno_sessions', runs: 'agno_runs' };
const first = { after: null, upTo: 's9' };
const next = { after: 's9', upTo: 's99' };

describe('SQLite: runs copy SQL', () => {
  it('the next batch ends at the 500th session holding a blob, after the last one', () => {
    expect(sql.batchEnd(t, null, 500)).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "SELECT MAX(b."session_id") AS "up_to" FROM (SELECT "session_id" FROM "agno_sessions" WHERE "runs" IS NOT NULL ORDER BY "session_id" LIMIT 500) b",
      }
    `);
    expect(sql.batchEnd(t, 's9', 500)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
        ],
        "sql": "SELECT MAX(b."session_id") AS "up_to" FROM (SELECT "session_id" FROM "agno_sessions" WHERE "runs" IS NOT NULL AND "session_id" > ? ORDER BY "session_id" LIMIT 500) b",
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
        "sql": "SELECT COUNT(DISTINCT s."session_id") AS "sessions", COALESCE(SUM(CASE WHEN (CASE WHEN e.key IS NULL THEN NULL WHEN e.type <> 'object' THEN 'not_object' WHEN json_type(e.value, '$.run_id') IS NULL OR json_type(e.value, '$.run_id') = 'null' THEN 'no_run_id' ELSE 'run' END) = 'run' THEN 1 ELSE 0 END), 0) AS "runs", COALESCE(SUM(CASE WHEN (CASE WHEN e.key IS NULL THEN NULL WHEN e.type <> 'object' THEN 'not_object' WHEN json_type(e.value, '$.run_id') IS NULL OR json_type(e.value, '$.run_id') = 'null' THEN 'no_run_id' ELSE 'run' END) = 'run' AND EXISTS (SELECT 1 FROM "agno_runs" r WHERE r."run_id" = json_extract(e.value, '$.run_id')) THEN 1 ELSE 0 END), 0) AS "existing", COALESCE(SUM(CASE WHEN (CASE WHEN e.key IS NULL THEN NULL WHEN e.type <> 'object' THEN 'not_object' WHEN json_type(e.value, '$.run_id') IS NULL OR json_type(e.value, '$.run_id') = 'null' THEN 'no_run_id' ELSE 'run' END) = 'not_object' THEN 1 ELSE 0 END), 0) AS "not_object", COALESCE(SUM(CASE WHEN (CASE WHEN e.key IS NULL THEN NULL WHEN e.type <> 'object' THEN 'not_object' WHEN json_type(e.value, '$.run_id') IS NULL OR json_type(e.value, '$.run_id') = 'null' THEN 'no_run_id' ELSE 'run' END) = 'no_run_id' THEN 1 ELSE 0 END), 0) AS "no_run_id", COALESCE(SUM(CASE WHEN (e.key IS NULL OR e.key = 0) AND NOT (typeof(s."runs") <> 'text' OR NOT json_valid(s."runs") OR json_type(s."runs") = 'text') AND json_type(s."runs") NOT IN ('array', 'null') THEN 1 ELSE 0 END), 0) AS "not_list", COALESCE(SUM(CASE WHEN (e.key IS NULL OR e.key = 0) AND (typeof(s."runs") <> 'text' OR NOT json_valid(s."runs") OR json_type(s."runs") = 'text') THEN 1 ELSE 0 END), 0) AS "fallback" FROM "agno_sessions" s LEFT JOIN json_each(CASE WHEN typeof(s."runs") = 'text' AND json_valid(s."runs") AND json_type(s."runs") = 'array' THEN s."runs" ELSE '[]' END) e WHERE s."session_id" > ? AND s."session_id" <= ? AND s."runs" IS NOT NULL",
      }
    `);
  });

  it('copies a batch with INSERT … SELECT, the existing row winning', () => {
    expect(sql.copyReports).toMatchInlineSnapshot(`"inserted"`);
    expect(sql.copyBatch(t, first, 1767323045)).toMatchInlineSnapshot(`
      {
        "params": [
          1767323045,
          1767323045,
          "s9",
        ],
        "sql": "INSERT INTO "agno_runs" ("run_id", "session_id", "run_type", "agent_id", "team_id", "workflow_id", "user_id", "parent_run_id", "status", "run_index", "run_data", "created_at", "updated_at") SELECT json_extract(e.value, '$.run_id'), s."session_id", CASE WHEN (CASE json_type(e.value, '$.agent_id') WHEN 'text' THEN json_extract(e.value, '$.agent_id') <> '' WHEN 'integer' THEN json_extract(e.value, '$.agent_id') <> 0 WHEN 'real' THEN json_extract(e.value, '$.agent_id') <> 0 WHEN 'true' THEN 1 WHEN 'array' THEN json_array_length(e.value, '$.agent_id') > 0 WHEN 'object' THEN json_extract(e.value, '$.agent_id') <> '{}' ELSE 0 END) THEN 'agent' WHEN (CASE json_type(e.value, '$.team_id') WHEN 'text' THEN json_extract(e.value, '$.team_id') <> '' WHEN 'integer' THEN json_extract(e.value, '$.team_id') <> 0 WHEN 'real' THEN json_extract(e.value, '$.team_id') <> 0 WHEN 'true' THEN 1 WHEN 'array' THEN json_array_length(e.value, '$.team_id') > 0 WHEN 'object' THEN json_extract(e.value, '$.team_id') <> '{}' ELSE 0 END) THEN 'team' ELSE 'workflow' END, json_extract(e.value, '$.agent_id'), json_extract(e.value, '$.team_id'), json_extract(e.value, '$.workflow_id'), s."user_id", json_extract(e.value, '$.parent_run_id'), json_extract(e.value, '$.status'), e.key, e.value, CASE WHEN json_type(e.value, '$.created_at') IN ('integer', 'real') AND json_extract(e.value, '$.created_at') <> 0 THEN CAST(ROUND(json_extract(e.value, '$.created_at')) AS INTEGER) ELSE ? END, ? FROM "agno_sessions" s, json_each(CASE WHEN typeof(s."runs") = 'text' AND json_valid(s."runs") AND json_type(s."runs") = 'array' THEN s."runs" ELSE '[]' END) e WHERE s."session_id" <= ? AND s."runs" IS NOT NULL AND (CASE WHEN e.key IS NULL THEN NULL WHEN e.type <> 'object' THEN 'not_object' WHEN json_type(e.value, '$.run_id') IS NULL OR json_type(e.value, '$.run_id') = 'null' THEN 'no_run_id' ELSE 'run' END) = 'run' ORDER BY s."session_id", e.key ON CONFLICT ("run_id") DO NOTHING",
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
        "sql": "SELECT s."session_id" AS "session_id", s."user_id" AS "user_id", s."runs" AS "runs" FROM "agno_sessions" s WHERE s."session_id" > ? AND s."session_id" <= ? AND s."runs" IS NOT NULL AND (typeof(s."runs") <> 'text' OR NOT json_valid(s."runs") OR json_type(s."runs") = 'text') ORDER BY s."session_id"",
      }
    `);
    const insert = sql.insertRuns(t, [SAMPLE_RUN_ROW]);
    expect(insert.params).toEqual(RUN_COLUMNS.map((c) => SAMPLE_RUN_ROW[c]));
    expect(insert.sql).toMatchInlineSnapshot(
      `"INSERT INTO "agno_runs" ("run_id", "session_id", "run_type", "agent_id", "team_id", "workflow_id", "user_id", "parent_run_id", "status", "run_index", "run_data", "created_at", "updated_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("run_id") DO NOTHING"`,
    );
    expect(sql.presentRunIds(t, 's', ['r', 'q'])).toMatchInlineSnapshot(`
      {
        "params": [
          "r",
          "q",
        ],
        "sql": "SELECT "run_id" AS "run_id" FROM "agno_runs" WHERE "run_id" IN (?, ?)",
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
        "sql": "SELECT MAX(b."session_id") AS "up_to" FROM (SELECT "session_id" FROM "agno_runs" WHERE "session_id" > ? ORDER BY "session_id" LIMIT 5000) b",
      }
    `);
    expect(sql.restoreBatch(t, next)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
          "s99",
        ],
        "sql": "UPDATE "agno_sessions" SET "runs" = (SELECT json_group_array(json(r2."run_data") ORDER BY r2."run_index", r2."created_at") FROM "agno_runs" r2 WHERE r2."session_id" = "agno_sessions"."session_id") WHERE "session_id" IN (SELECT DISTINCT r."session_id" FROM "agno_runs" r WHERE r."session_id" > ? AND r."session_id" <= ?)",
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
        "sql": "SELECT s."session_id" AS "session_id", COUNT(*) AS "missing" FROM "agno_sessions" s, json_each(CASE WHEN typeof(s."runs") = 'text' AND json_valid(s."runs") AND json_type(s."runs") = 'array' THEN s."runs" ELSE '[]' END) e WHERE s."session_id" > ? AND s."session_id" <= ? AND s."runs" IS NOT NULL AND (CASE WHEN e.key IS NULL THEN NULL WHEN e.type <> 'object' THEN 'not_object' WHEN json_type(e.value, '$.run_id') IS NULL OR json_type(e.value, '$.run_id') = 'null' THEN 'no_run_id' ELSE 'run' END) = 'run' AND NOT EXISTS (SELECT 1 FROM "agno_runs" r WHERE r."run_id" = json_extract(e.value, '$.run_id')) GROUP BY s."session_id" ORDER BY s."session_id"",
      }
    `);
    expect(sql.legacySize(t)).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "SELECT COUNT(*) AS "sessions", COALESCE(SUM(length(CAST("runs" AS BLOB))), 0) AS "bytes" FROM "agno_sessions" WHERE "runs" IS NOT NULL",
      }
    `);
    expect(sql.clearLegacy?.(t) ?? null).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "UPDATE "agno_sessions" SET "runs" = NULL WHERE "runs" IS NOT NULL",
      }
    `);
  });
});
