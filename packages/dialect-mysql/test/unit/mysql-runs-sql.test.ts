import type { RunsSql } from '@agno-migrate/core';
import { RUN_COLUMNS } from '@agno-migrate/core';
import { SAMPLE_RUN_ROW } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

// The runs copy's SQL exactly as it is sent: a change here is a change to what runs on MySQL and MariaDB.
const sql: RunsSql = mysqlDialect({ url: 'mysql://u@localhost/db' }).emitter.runsSql();
const t = { sessions: 'agno_sessions', runs: 'agno_runs' };
const first = { after: null, upTo: 's9' };
const next = { after: 's9', upTo: 's99' };

describe('MySQL and MariaDB: runs copy SQL', () => {
  it('the next batch ends at the 500th session holding a blob, after the last one', () => {
    expect(sql.batchEnd(t, null, 500)).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "SELECT MAX(b.\`session_id\`) AS \`up_to\` FROM (SELECT \`session_id\` FROM \`ai\`.\`agno_sessions\` WHERE \`runs\` IS NOT NULL ORDER BY \`session_id\` LIMIT 500) b",
      }
    `);
    expect(sql.batchEnd(t, 's9', 500)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
        ],
        "sql": "SELECT MAX(b.\`session_id\`) AS \`up_to\` FROM (SELECT \`session_id\` FROM \`ai\`.\`agno_sessions\` WHERE \`runs\` IS NOT NULL AND \`session_id\` > ? ORDER BY \`session_id\` LIMIT 500) b",
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
        "sql": "SELECT COALESCE(SUM(CASE WHEN e.pos IS NULL OR e.pos = 1 THEN 1 ELSE 0 END), 0) AS \`sessions\`, COALESCE(SUM(CASE WHEN (e.\`j_run_id\` IS NOT NULL AND NOT LEFT(e.\`j_run_id\`, 1) IN ('n')) THEN 1 ELSE 0 END), 0) AS \`runs\`, COALESCE(SUM(CASE WHEN (e.\`j_run_id\` IS NOT NULL AND NOT LEFT(e.\`j_run_id\`, 1) IN ('n')) AND EXISTS (SELECT 1 FROM \`ai\`.\`agno_runs\` r WHERE r.\`run_id\` = (CASE WHEN e.\`j_run_id\` IS NULL OR LEFT(e.\`j_run_id\`, 1) IN ('n') THEN NULL ELSE JSON_UNQUOTE(e.\`j_run_id\`) END)) THEN 1 ELSE 0 END), 0) AS \`existing\`, COALESCE(SUM(CASE WHEN e.pos IS NOT NULL AND NOT (e.\`j_run_id\` IS NOT NULL AND NOT LEFT(e.\`j_run_id\`, 1) IN ('n')) AND NOT LEFT(JSON_EXTRACT(s.\`runs\`, CONCAT('$[', e.pos - 1, ']')), 1) IN ('{') THEN 1 ELSE 0 END), 0) AS \`not_object\`, COALESCE(SUM(CASE WHEN e.pos IS NOT NULL AND NOT (e.\`j_run_id\` IS NOT NULL AND NOT LEFT(e.\`j_run_id\`, 1) IN ('n')) AND LEFT(JSON_EXTRACT(s.\`runs\`, CONCAT('$[', e.pos - 1, ']')), 1) IN ('{') THEN 1 ELSE 0 END), 0) AS \`no_run_id\`, COALESCE(SUM(CASE WHEN e.pos IS NULL AND s.\`runs\` IS NOT NULL AND NOT (CASE WHEN JSON_VALID(s.\`runs\`) THEN JSON_TYPE(s.\`runs\`) = 'STRING' ELSE TRUE END) AND JSON_TYPE(s.\`runs\`) NOT IN ('ARRAY', 'NULL') THEN 1 ELSE 0 END), 0) AS \`not_list\`, COALESCE(SUM(CASE WHEN e.pos IS NULL AND s.\`runs\` IS NOT NULL AND (CASE WHEN JSON_VALID(s.\`runs\`) THEN JSON_TYPE(s.\`runs\`) = 'STRING' ELSE TRUE END) THEN 1 ELSE 0 END), 0) AS \`fallback\` FROM \`ai\`.\`agno_sessions\` s LEFT JOIN JSON_TABLE(CASE WHEN s.\`runs\` LIKE '[%' AND JSON_VALID(s.\`runs\`) THEN s.\`runs\` WHEN JSON_VALID(s.\`runs\`) AND JSON_TYPE(s.\`runs\`) = 'ARRAY' THEN s.\`runs\` ELSE '[]' END, '$[*]' COLUMNS (pos FOR ORDINALITY, \`j_run_id\` JSON PATH '$.run_id')) e ON TRUE WHERE s.\`session_id\` > ? AND s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL",
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
        "sql": "INSERT INTO \`ai\`.\`agno_runs\` (\`run_id\`, \`session_id\`, \`run_type\`, \`agent_id\`, \`team_id\`, \`workflow_id\`, \`user_id\`, \`parent_run_id\`, \`status\`, \`run_index\`, \`run_data\`, \`created_at\`, \`updated_at\`) SELECT (CASE WHEN e.\`j_run_id\` IS NULL OR LEFT(e.\`j_run_id\`, 1) IN ('n') THEN NULL ELSE JSON_UNQUOTE(e.\`j_run_id\`) END), s.\`session_id\`, CASE WHEN (CASE WHEN e.\`j_agent_id\` IS NULL THEN FALSE WHEN LEFT(e.\`j_agent_id\`, 1) IN ('"') THEN JSON_UNQUOTE(e.\`j_agent_id\`) <> '' WHEN LEFT(e.\`j_agent_id\`, 1) IN ('-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN CAST(e.\`j_agent_id\` AS DECIMAL(30, 6)) <> 0 WHEN LEFT(e.\`j_agent_id\`, 1) IN ('t', 'f') THEN JSON_UNQUOTE(e.\`j_agent_id\`) = 'true' WHEN LEFT(e.\`j_agent_id\`, 1) IN ('[', '{') THEN JSON_LENGTH(e.\`j_agent_id\`) > 0 ELSE FALSE END) THEN 'agent' WHEN (CASE WHEN e.\`j_team_id\` IS NULL THEN FALSE WHEN LEFT(e.\`j_team_id\`, 1) IN ('"') THEN JSON_UNQUOTE(e.\`j_team_id\`) <> '' WHEN LEFT(e.\`j_team_id\`, 1) IN ('-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN CAST(e.\`j_team_id\` AS DECIMAL(30, 6)) <> 0 WHEN LEFT(e.\`j_team_id\`, 1) IN ('t', 'f') THEN JSON_UNQUOTE(e.\`j_team_id\`) = 'true' WHEN LEFT(e.\`j_team_id\`, 1) IN ('[', '{') THEN JSON_LENGTH(e.\`j_team_id\`) > 0 ELSE FALSE END) THEN 'team' ELSE 'workflow' END, (CASE WHEN e.\`j_agent_id\` IS NULL OR LEFT(e.\`j_agent_id\`, 1) IN ('n') THEN NULL ELSE JSON_UNQUOTE(e.\`j_agent_id\`) END), (CASE WHEN e.\`j_team_id\` IS NULL OR LEFT(e.\`j_team_id\`, 1) IN ('n') THEN NULL ELSE JSON_UNQUOTE(e.\`j_team_id\`) END), (CASE WHEN e.\`j_workflow_id\` IS NULL OR LEFT(e.\`j_workflow_id\`, 1) IN ('n') THEN NULL ELSE JSON_UNQUOTE(e.\`j_workflow_id\`) END), s.\`user_id\`, (CASE WHEN e.\`j_parent_run_id\` IS NULL OR LEFT(e.\`j_parent_run_id\`, 1) IN ('n') THEN NULL ELSE JSON_UNQUOTE(e.\`j_parent_run_id\`) END), (CASE WHEN e.\`j_status\` IS NULL OR LEFT(e.\`j_status\`, 1) IN ('n') THEN NULL ELSE JSON_UNQUOTE(e.\`j_status\`) END), e.pos - 1, e.run, CASE WHEN LEFT(e.\`j_created_at\`, 1) IN ('-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9') AND CAST(e.\`j_created_at\` AS DECIMAL(30, 6)) <> 0 THEN CAST(ROUND(CAST(e.\`j_created_at\` AS DECIMAL(30, 6))) AS SIGNED) ELSE ? END, ? FROM \`ai\`.\`agno_sessions\` s, JSON_TABLE(CASE WHEN s.\`runs\` LIKE '[%' AND JSON_VALID(s.\`runs\`) THEN s.\`runs\` WHEN JSON_VALID(s.\`runs\`) AND JSON_TYPE(s.\`runs\`) = 'ARRAY' THEN s.\`runs\` ELSE '[]' END, '$[*]' COLUMNS (pos FOR ORDINALITY, run JSON PATH '$', \`j_run_id\` JSON PATH '$.run_id', \`j_agent_id\` JSON PATH '$.agent_id', \`j_team_id\` JSON PATH '$.team_id', \`j_workflow_id\` JSON PATH '$.workflow_id', \`j_parent_run_id\` JSON PATH '$.parent_run_id', \`j_status\` JSON PATH '$.status', \`j_created_at\` JSON PATH '$.created_at')) e WHERE s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL AND (e.\`j_run_id\` IS NOT NULL AND NOT LEFT(e.\`j_run_id\`, 1) IN ('n')) ON DUPLICATE KEY UPDATE \`run_id\` = VALUES(\`run_id\`)",
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
        "sql": "SELECT s.\`session_id\` AS \`session_id\`, s.\`user_id\` AS \`user_id\`, CAST(s.\`runs\` AS CHAR) AS \`runs\` FROM \`ai\`.\`agno_sessions\` s WHERE s.\`session_id\` > ? AND s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL AND (CASE WHEN JSON_VALID(s.\`runs\`) THEN JSON_TYPE(s.\`runs\`) = 'STRING' ELSE TRUE END) ORDER BY s.\`session_id\`",
      }
    `);
    const insert = sql.insertRuns(t, [SAMPLE_RUN_ROW]);
    expect(insert.params).toEqual(RUN_COLUMNS.map((c) => SAMPLE_RUN_ROW[c]));
    expect(insert.sql).toMatchInlineSnapshot(
      `"INSERT INTO \`ai\`.\`agno_runs\` (\`run_id\`, \`session_id\`, \`run_type\`, \`agent_id\`, \`team_id\`, \`workflow_id\`, \`user_id\`, \`parent_run_id\`, \`status\`, \`run_index\`, \`run_data\`, \`created_at\`, \`updated_at\`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE \`run_id\` = VALUES(\`run_id\`)"`,
    );
    expect(sql.presentRunIds(t, 's', ['r', 'q'])).toMatchInlineSnapshot(`
      {
        "params": [
          "r",
          "q",
        ],
        "sql": "SELECT \`run_id\` AS \`run_id\` FROM \`ai\`.\`agno_runs\` WHERE \`run_id\` IN (?, ?)",
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
        "sql": "SELECT MAX(b.\`session_id\`) AS \`up_to\` FROM (SELECT \`session_id\` FROM \`ai\`.\`agno_runs\` WHERE \`session_id\` > ? ORDER BY \`session_id\` LIMIT 5000) b",
      }
    `);
    expect(sql.restoreBatch(t, next)).toMatchInlineSnapshot(`
      {
        "params": [
          "s9",
          "s99",
        ],
        "sql": "UPDATE \`ai\`.\`agno_sessions\` s JOIN (SELECT r.\`session_id\` AS \`session_id\`, CONCAT('[', GROUP_CONCAT(r.\`run_data\` ORDER BY r.\`run_index\`, r.\`created_at\` SEPARATOR ','), ']') AS \`runs\` FROM \`ai\`.\`agno_runs\` r WHERE r.\`session_id\` > ? AND r.\`session_id\` <= ? GROUP BY r.\`session_id\`) agg ON s.\`session_id\` = agg.\`session_id\` SET s.\`runs\` = agg.\`runs\`",
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
        "sql": "SELECT s.\`session_id\` AS \`session_id\`, COUNT(*) AS \`missing\` FROM \`ai\`.\`agno_sessions\` s, JSON_TABLE(CASE WHEN s.\`runs\` LIKE '[%' AND JSON_VALID(s.\`runs\`) THEN s.\`runs\` WHEN JSON_VALID(s.\`runs\`) AND JSON_TYPE(s.\`runs\`) = 'ARRAY' THEN s.\`runs\` ELSE '[]' END, '$[*]' COLUMNS (pos FOR ORDINALITY, run JSON PATH '$', \`j_run_id\` JSON PATH '$.run_id', \`j_agent_id\` JSON PATH '$.agent_id', \`j_team_id\` JSON PATH '$.team_id', \`j_workflow_id\` JSON PATH '$.workflow_id', \`j_parent_run_id\` JSON PATH '$.parent_run_id', \`j_status\` JSON PATH '$.status', \`j_created_at\` JSON PATH '$.created_at')) e WHERE s.\`session_id\` > ? AND s.\`session_id\` <= ? AND s.\`runs\` IS NOT NULL AND (CASE WHEN NOT LEFT(e.run, 1) IN ('{') THEN 'not_object' WHEN e.\`j_run_id\` IS NULL OR LEFT(e.\`j_run_id\`, 1) IN ('n') THEN 'no_run_id' ELSE 'run' END) = 'run' AND NOT EXISTS (SELECT 1 FROM \`ai\`.\`agno_runs\` r WHERE r.\`run_id\` = (CASE WHEN e.\`j_run_id\` IS NULL OR LEFT(e.\`j_run_id\`, 1) IN ('n') THEN NULL ELSE JSON_UNQUOTE(e.\`j_run_id\`) END)) GROUP BY s.\`session_id\` ORDER BY s.\`session_id\`",
      }
    `);
    expect(sql.legacySize(t)).toMatchInlineSnapshot(`
      {
        "params": [],
        "sql": "SELECT COUNT(*) AS \`sessions\`, COALESCE(SUM(LENGTH(\`runs\`)), 0) AS \`bytes\` FROM \`ai\`.\`agno_sessions\` WHERE \`runs\` IS NOT NULL",
      }
    `);
    expect(sql.clearLegacy?.(t) ?? null).toMatchInlineSnapshot(`null`);
  });
});
