import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { insertV1Rows, sqliteTarget, v1AgentSession, v1Memory, v1TableSql } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { migrateV1ToV2 } from '../src/index.js';
import { runV1ToV2Suite } from './support/suite.js';

await runV1ToV2Suite(
  sqliteTarget((path) => sqliteDialect({ path })),
  {
    refuseInsert: (db, table, sessionId) => ({
      create: [
        `CREATE TRIGGER refuse_insert BEFORE INSERT ON ${db.quoteIdent(table)} WHEN NEW.session_id = '${sessionId}' ` +
          `BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END`,
      ],
      drop: ['DROP TRIGGER refuse_insert'],
    }),
  },
);

describe('v1 → v2 on SQLite: characters PostgreSQL refuses', () => {
  it('removes NUL and other control characters from every JSON and text value it writes', async () => {
    const db = await sqliteTarget((path) => sqliteDialect({ path })).create();
    try {
      for (const statement of v1TableSql('sqlite', undefined, { agentSessions: 'agent_sessions', memories: 'memories' }))
        await db.exec(statement);
      await insertV1Rows(db, 'agent_sessions', [
        v1AgentSession('nul', { session_data: { text: 'a\u0000b\u0002c' }, agent_data: { 'k\u0000': 'v\u0000' } }),
      ]);
      await insertV1Rows(db, 'memories', [v1Memory('m', { memory: { memory: 'x\u0000y' } })]);
      const report = await migrateV1ToV2(db.dialect(), { agentSessions: 'agent_sessions', memories: 'memories' });
      expect(report.totals).toEqual({ read: 2, written: 2, skipped: 0, kept: 0 });
      const [session] = await db.rows('SELECT session_data, agent_data FROM agno_sessions');
      expect(JSON.parse(String(session!['session_data']))).toEqual({ text: 'abc' });
      expect(JSON.parse(String(session!['agent_data']))).toEqual({ k: 'v' });
      const [memory] = await db.rows('SELECT memory FROM agno_memories');
      expect(JSON.parse(String(memory!['memory']))).toBe('xy');
    } finally {
      await db.close();
    }
  });
});
