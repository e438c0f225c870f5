import type { BenchDatabase } from '../support/databases.js';
import { SESSIONS } from './fixture.js';

/**
 * The floor: the same run rows moved by one INSERT … SELECT, expanded by the database, into an empty
 * runs table without its secondary indexes (built after the load). No skip rules, no batches.
 */
export function floorInsert(db: BenchDatabase, target: string): string {
  const s = db.qualify(SESSIONS);
  const t = db.qualify(target);
  const cols =
    'run_id, session_id, run_type, agent_id, team_id, workflow_id, user_id, parent_run_id, status, run_index, run_data, created_at, updated_at';
  switch (db.kind) {
    case 'postgres':
      return (
        `INSERT INTO ${t} (${cols}) SELECT e.r->>'run_id', s.session_id, CASE WHEN e.r->>'agent_id' <> '' THEN 'agent' WHEN e.r->>'team_id' <> '' THEN 'team' ELSE 'workflow' END, ` +
        `e.r->>'agent_id', e.r->>'team_id', e.r->>'workflow_id', s.user_id, e.r->>'parent_run_id', e.r->>'status', e.n - 1, e.r, (e.r->>'created_at')::bigint, 0 ` +
        `FROM ${s} s CROSS JOIN LATERAL jsonb_array_elements(s.runs) WITH ORDINALITY AS e(r, n)`
      );
    case 'sqlite':
      return (
        `INSERT INTO ${t} (${cols}) SELECT json_extract(e.value, '$.run_id'), s.session_id, CASE WHEN json_extract(e.value, '$.agent_id') <> '' THEN 'agent' WHEN json_extract(e.value, '$.team_id') <> '' THEN 'team' ELSE 'workflow' END, ` +
        `json_extract(e.value, '$.agent_id'), json_extract(e.value, '$.team_id'), json_extract(e.value, '$.workflow_id'), s.user_id, json_extract(e.value, '$.parent_run_id'), json_extract(e.value, '$.status'), e.key, e.value, json_extract(e.value, '$.created_at'), 0 ` +
        `FROM ${s} s, json_each(s.runs) e`
      );
    case 'mysql':
      return (
        `INSERT INTO ${t} (${cols}) SELECT e.run_id, s.session_id, CASE WHEN e.agent_id <> '' THEN 'agent' WHEN e.team_id <> '' THEN 'team' ELSE 'workflow' END, ` +
        `e.agent_id, e.team_id, e.workflow_id, s.user_id, e.parent_run_id, e.status, e.n - 1, e.r, e.created_at, 0 FROM ${s} s, ` +
        `JSON_TABLE(s.runs, '$[*]' COLUMNS (n FOR ORDINALITY, r JSON PATH '$', run_id VARCHAR(128) PATH '$.run_id', agent_id VARCHAR(128) PATH '$.agent_id', ` +
        `team_id VARCHAR(128) PATH '$.team_id', workflow_id VARCHAR(128) PATH '$.workflow_id', parent_run_id VARCHAR(128) PATH '$.parent_run_id', ` +
        `status VARCHAR(50) PATH '$.status', created_at BIGINT PATH '$.created_at')) e`
      );
  }
}
