import type { RunsSql } from '@agno-migrate/core';
import { RUN_COLUMNS } from '@agno-migrate/core';
import { SAMPLE_RUN_ROW } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { singlestoreDialect } from '../../src/index.js';

// The runs copy's SQL exactly as it is sent: a change here is a change to what runs on SingleStore.
const sql: RunsSql = singlestoreDialect({ url: 'singlestore://u@localhost/db' }).emitter.runsSql();
const t = { sessions: 'agno_sessions', runs: 'agno_runs' };
const first = { after: null, upTo: 's9' };
const next = { after: 's9', upTo: 's99' };

describe('SingleStore: runs copy SQL', () => {
  it('the next batch ends at the 500th session holding a blob, after the last one', () => {
    expect(sql.batchEnd(t, null, 500)).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "SELECT MAX(b.\`session_id\`) AS \`up_to\` FROM (SELECT \`session_id\` FROM \`db\`.\`agno_sessions\` WHERE \`runs\` IS NOT NULL ORDER BY \`session_id\` LIMIT 500) b",
      }
    `);
    expect(sql.batchEnd(t, 's9', 500)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
        ],
        "sql": "SELECT MAX(b.\`session_id\`) AS \`up_to\` FROM (SELECT \`session_id\` FROM \`db\`.\`agno_sessions\` WHERE \`runs\` IS NOT NULL AND \`session_id\` > ? ORDER BY \`session_id\` LIMIT 500) b",
      }
    `);
  });

  it('counts a batch by reason inside the database, with the runs already there when asked', () => {
    expect(sql.countBatch(t, next, true)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
          "s99",
          "s9",
          "s99",
          "s9",
          "s99",
          "s9",
          "s99",
        ],
        "sql": "SELECT (SELECT COUNT(*) FROM \`db\`.\`agno_sessions\` s WHERE s.\`session_id\` > ? AND s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL) AS \`sessions\`, (SELECT COUNT(*) FROM \`db\`.\`agno_sessions\` s WHERE s.\`session_id\` > ? AND s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL AND NOT (JSON_GET_TYPE(s.\`runs\`) = 'string') AND JSON_GET_TYPE(s.\`runs\`) NOT IN ('array', 'null')) AS \`not_list\`, (SELECT COUNT(*) FROM \`db\`.\`agno_sessions\` s WHERE s.\`session_id\` > ? AND s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL AND (JSON_GET_TYPE(s.\`runs\`) = 'string')) AS \`fallback\`, COALESCE(SUM(CASE WHEN (CASE WHEN NOT JSON_GET_TYPE(e.table_col) IN ('object') THEN 'not_object' WHEN JSON_EXTRACT_JSON(e.table_col, 'run_id') IS NULL OR JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'run_id')) IN ('null') THEN 'no_run_id' ELSE 'run' END) = 'run' THEN 1 ELSE 0 END), 0) AS \`runs\`, COALESCE(SUM(CASE WHEN (CASE WHEN NOT JSON_GET_TYPE(e.table_col) IN ('object') THEN 'not_object' WHEN JSON_EXTRACT_JSON(e.table_col, 'run_id') IS NULL OR JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'run_id')) IN ('null') THEN 'no_run_id' ELSE 'run' END) = 'run' AND EXISTS (SELECT 1 FROM \`db\`.\`agno_runs\` r WHERE r.\`run_id\` = JSON_EXTRACT_STRING(e.table_col, 'run_id')) THEN 1 ELSE 0 END), 0) AS \`existing\`, COALESCE(SUM(CASE WHEN (CASE WHEN NOT JSON_GET_TYPE(e.table_col) IN ('object') THEN 'not_object' WHEN JSON_EXTRACT_JSON(e.table_col, 'run_id') IS NULL OR JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'run_id')) IN ('null') THEN 'no_run_id' ELSE 'run' END) = 'not_object' THEN 1 ELSE 0 END), 0) AS \`not_object\`, COALESCE(SUM(CASE WHEN (CASE WHEN NOT JSON_GET_TYPE(e.table_col) IN ('object') THEN 'not_object' WHEN JSON_EXTRACT_JSON(e.table_col, 'run_id') IS NULL OR JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'run_id')) IN ('null') THEN 'no_run_id' ELSE 'run' END) = 'no_run_id' THEN 1 ELSE 0 END), 0) AS \`no_run_id\` FROM \`db\`.\`agno_sessions\` s JOIN TABLE(JSON_TO_ARRAY(CASE WHEN JSON_GET_TYPE(s.\`runs\`) = 'array' THEN s.\`runs\` ELSE '[]' END)) WITH ORDINALITY e WHERE s.\`session_id\` > ? AND s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL",
      }
    `);
  });

  it('copies a batch with INSERT … SELECT, the existing row winning', () => {
    expect(sql.copyReports).toMatchInlineSnapshot(`"none"`);
    expect(sql.copyBatch(t, first, 1767323045)).toMatchInlineSnapshot(`
      {
        "params": [
          1767323045,
          1767323045,
          "s9",
        ],
        "sql": "INSERT INTO \`db\`.\`agno_runs\` (\`run_id\`, \`session_id\`, \`run_type\`, \`agent_id\`, \`team_id\`, \`workflow_id\`, \`user_id\`, \`parent_run_id\`, \`status\`, \`run_index\`, \`run_data\`, \`created_at\`, \`updated_at\`) SELECT JSON_EXTRACT_STRING(e.table_col, 'run_id'), s.\`session_id\`, CASE WHEN (CASE WHEN JSON_EXTRACT_JSON(e.table_col, 'agent_id') IS NULL THEN FALSE WHEN JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'agent_id')) IN ('string') THEN JSON_UNQUOTE(JSON_EXTRACT_JSON(e.table_col, 'agent_id')) <> '' WHEN JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'agent_id')) IN ('integer', 'double', 'decimal') THEN JSON_EXTRACT_DOUBLE(e.table_col, 'agent_id') <> 0 WHEN JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'agent_id')) IN ('boolean') THEN JSON_UNQUOTE(JSON_EXTRACT_JSON(e.table_col, 'agent_id')) = 'true' WHEN JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'agent_id')) IN ('array', 'object') THEN JSON_LENGTH(JSON_EXTRACT_JSON(e.table_col, 'agent_id')) > 0 ELSE FALSE END) THEN 'agent' WHEN (CASE WHEN JSON_EXTRACT_JSON(e.table_col, 'team_id') IS NULL THEN FALSE WHEN JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'team_id')) IN ('string') THEN JSON_UNQUOTE(JSON_EXTRACT_JSON(e.table_col, 'team_id')) <> '' WHEN JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'team_id')) IN ('integer', 'double', 'decimal') THEN JSON_EXTRACT_DOUBLE(e.table_col, 'team_id') <> 0 WHEN JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'team_id')) IN ('boolean') THEN JSON_UNQUOTE(JSON_EXTRACT_JSON(e.table_col, 'team_id')) = 'true' WHEN JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'team_id')) IN ('array', 'object') THEN JSON_LENGTH(JSON_EXTRACT_JSON(e.table_col, 'team_id')) > 0 ELSE FALSE END) THEN 'team' ELSE 'workflow' END, JSON_EXTRACT_STRING(e.table_col, 'agent_id'), JSON_EXTRACT_STRING(e.table_col, 'team_id'), JSON_EXTRACT_STRING(e.table_col, 'workflow_id'), s.\`user_id\`, JSON_EXTRACT_STRING(e.table_col, 'parent_run_id'), JSON_EXTRACT_STRING(e.table_col, 'status'), e.table_ord, e.table_col, CASE WHEN JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'created_at')) IN ('integer', 'double', 'decimal') AND JSON_EXTRACT_DOUBLE(e.table_col, 'created_at') <> 0 THEN CAST(ROUND(JSON_EXTRACT_DOUBLE(e.table_col, 'created_at')) AS SIGNED) ELSE ? END, ? FROM \`db\`.\`agno_sessions\` s JOIN TABLE(JSON_TO_ARRAY(CASE WHEN JSON_GET_TYPE(s.\`runs\`) = 'array' THEN s.\`runs\` ELSE '[]' END)) WITH ORDINALITY e WHERE s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL AND (CASE WHEN NOT JSON_GET_TYPE(e.table_col) IN ('object') THEN 'not_object' WHEN JSON_EXTRACT_JSON(e.table_col, 'run_id') IS NULL OR JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'run_id')) IN ('null') THEN 'no_run_id' ELSE 'run' END) = 'run' ON DUPLICATE KEY UPDATE \`run_id\` = VALUES(\`run_id\`)",
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
        "sql": "SELECT s.\`session_id\` AS \`session_id\`, s.\`user_id\` AS \`user_id\`, CAST(s.\`runs\` AS CHAR) AS \`runs\` FROM \`db\`.\`agno_sessions\` s WHERE s.\`session_id\` > ? AND s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL AND (JSON_GET_TYPE(s.\`runs\`) = 'string') ORDER BY s.\`session_id\`",
      }
    `);
    const insert = sql.insertRuns(t, [SAMPLE_RUN_ROW]);
    expect(insert.params).toEqual(RUN_COLUMNS.map((c) => SAMPLE_RUN_ROW[c]));
    expect(insert.sql).toMatchInlineSnapshot(
      `"INSERT INTO \`db\`.\`agno_runs\` (\`run_id\`, \`session_id\`, \`run_type\`, \`agent_id\`, \`team_id\`, \`workflow_id\`, \`user_id\`, \`parent_run_id\`, \`status\`, \`run_index\`, \`run_data\`, \`created_at\`, \`updated_at\`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE \`run_id\` = VALUES(\`run_id\`)"`,
    );
    expect(sql.presentRunIds(t, 's', ['r', 'q'])).toMatchInlineSnapshot(`
      {
        "params": [
          "r",
          "q",
          "s",
        ],
        "sql": "SELECT \`run_id\` AS \`run_id\` FROM \`db\`.\`agno_runs\` WHERE \`run_id\` IN (?, ?) AND \`session_id\` = ?",
      }
    `);
  });

  it('down rebuilds the blobs of a batch of sessions ordered by run_index, created_at', () => {
    expect(sql.restorePrelude?.() ?? null).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "SET SESSION group_concat_max_len = 4294967295",
      }
    `);
    expect(sql.restoreBatchEnd(t, 's9', 5000)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
        ],
        "sql": "SELECT MAX(b.\`session_id\`) AS \`up_to\` FROM (SELECT \`session_id\` FROM \`db\`.\`agno_runs\` WHERE \`session_id\` > ? ORDER BY \`session_id\` LIMIT 5000) b",
      }
    `);
    expect(sql.restoreBatch(t, next)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
          "s99",
        ],
        "sql": "UPDATE \`db\`.\`agno_sessions\` s JOIN (SELECT r.\`session_id\` AS \`session_id\`, CONCAT('[', GROUP_CONCAT(r.\`run_data\` ORDER BY r.\`run_index\`, r.\`created_at\` SEPARATOR ','), ']') AS \`runs\` FROM \`db\`.\`agno_runs\` r WHERE r.\`session_id\` > ? AND r.\`session_id\` <= ? GROUP BY r.\`session_id\`) agg ON s.\`session_id\` = agg.\`session_id\` SET s.\`runs\` = agg.\`runs\`",
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
        "sql": "SELECT s.\`session_id\` AS \`session_id\`, COUNT(*) AS \`missing\` FROM \`db\`.\`agno_sessions\` s JOIN TABLE(JSON_TO_ARRAY(CASE WHEN JSON_GET_TYPE(s.\`runs\`) = 'array' THEN s.\`runs\` ELSE '[]' END)) WITH ORDINALITY e WHERE s.\`session_id\` > ? AND s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL AND (CASE WHEN NOT JSON_GET_TYPE(e.table_col) IN ('object') THEN 'not_object' WHEN JSON_EXTRACT_JSON(e.table_col, 'run_id') IS NULL OR JSON_GET_TYPE(JSON_EXTRACT_JSON(e.table_col, 'run_id')) IN ('null') THEN 'no_run_id' ELSE 'run' END) = 'run' AND NOT EXISTS (SELECT 1 FROM \`db\`.\`agno_runs\` r WHERE r.\`run_id\` = JSON_EXTRACT_STRING(e.table_col, 'run_id') AND r.\`session_id\` = s.\`session_id\`) GROUP BY s.\`session_id\` ORDER BY s.\`session_id\`",
      }
    `);
    expect(sql.legacySize(t)).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "SELECT COUNT(*) AS \`sessions\`, COALESCE(SUM(LENGTH(\`runs\`)), 0) AS \`bytes\` FROM \`db\`.\`agno_sessions\` WHERE \`runs\` IS NOT NULL",
      }
    `);
    expect(sql.clearLegacy?.(t) ?? null).toMatchInlineSnapshot(`null`);
  });
});
