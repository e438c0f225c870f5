import type { DatabaseKind } from '../support/config.js';
import type { BenchDatabase } from '../support/databases.js';

/** An Agno 1.8 agent-sessions table (spec 5.2), as its Storage class created it. */
export const V1_TABLE = 'agent_sessions_v1';
/** The plain copy's target: the v1 shape again, no transformation. */
export const COPY_TABLE = 'agent_sessions_copy';

const TYPES: Readonly<Record<DatabaseKind, { str: string; json: string }>> = {
  sqlite: { str: 'VARCHAR', json: 'JSON' },
  postgres: { str: 'VARCHAR', json: 'JSONB' },
  mysql: { str: 'VARCHAR(255)', json: 'JSON' },
};

export const V1_COLUMNS = [
  'session_id',
  'user_id',
  'memory',
  'session_data',
  'extra_data',
  'created_at',
  'updated_at',
  'agent_id',
  'team_session_id',
  'agent_data',
] as const;

export function createV1Table(db: BenchDatabase, table: string): string[] {
  const t = TYPES[db.kind];
  const q = (n: string) => db.quoteIdent(n);
  return [
    `DROP TABLE IF EXISTS ${db.qualify(table)}`,
    `CREATE TABLE ${db.qualify(table)} (session_id ${t.str} NOT NULL, user_id ${t.str}, memory ${t.json}, session_data ${t.json}, ` +
      `extra_data ${t.json}, created_at BIGINT, updated_at BIGINT, agent_id ${t.str}, team_session_id ${t.str}, agent_data ${t.json}, ` +
      `PRIMARY KEY (session_id))`,
    `CREATE INDEX ${q(`ix_${table}_user_id`)} ON ${db.qualify(table)} (user_id)`,
  ];
}

const run = (i: number) => ({
  run_id: `run-#N#-${i}`,
  agent_id: 'agent-1',
  team_session_id: null,
  session_id: 'sess-#N#',
  content:
    'Here is the summary of the three reports you asked for. Revenue grew 12% quarter over quarter, mostly from the new enterprise plan; churn fell to 2.1%.',
  thinking: 'The user wants a short summary; compare the quarters first.',
  messages: [
    { role: 'system', content: 'You are a careful research assistant. Cite your sources and keep answers short.' },
    { role: 'user', content: 'Summarise the quarterly reports for Q1, Q2 and Q3 and tell me what changed.' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: `call-#N#-${i}`, type: 'function', function: { name: 'search_reports', arguments: '{"quarter": "Q3", "limit": 3}' } },
      ],
      metrics: { time: 1.42, prompt_tokens: 812, completion_tokens: 64, input_tokens: 812, output_tokens: 64, total_tokens: 876 },
    },
    { role: 'tool', tool_call_id: `call-#N#-${i}`, content: 'Q1 revenue 4.1M, Q2 4.5M, Q3 5.0M; churn 2.9%, 2.5%, 2.1%; NPS 41, 44, 47.' },
    {
      role: 'assistant',
      content: 'Revenue grew each quarter and churn fell.',
      metrics: { time: 0.93, input_tokens: 960, output_tokens: 120, total_tokens: 1080, cached_tokens: 512 },
    },
  ],
  metrics: { input_tokens: [812, 960], output_tokens: [64, 120], total_tokens: [876, 1080], time: [1.42, 0.93] },
  extra_data: { references: [{ query: 'quarterly reports', references: [{ title: 'Q3 report', page: 4 }] }] },
  images: [{ url: 'https://example.com/chart-#N#.png', format: 'png' }],
  created_at: 1700000000,
});

/** A realistic v1 row: nested runs with messages, tool calls and metrics; about 4 KB of JSON. */
const TEMPLATE = {
  memory: JSON.stringify({
    runs: [run(1), run(2), run(3)],
    summary: { summary: 'Quarterly reports compared.', topics: ['finance'] },
    memories: [],
  }),
  session_data: JSON.stringify({
    session_name: 'Quarterly review #N#',
    session_state: { step: 3, reports: ['Q1', 'Q2', 'Q3'] },
    images: [],
  }),
  extra_data: JSON.stringify({ source: 'bench', tags: ['finance', 'reports'] }),
  agent_data: JSON.stringify({ name: 'Researcher', agent_id: 'agent-1', model: { id: 'gpt-4o', name: 'OpenAIChat', provider: 'OpenAI' } }),
};

export function templateBytes(): number {
  return Object.values(TEMPLATE).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
}

/** One INSERT … SELECT filling `rows` rows server-side from the template (parameters: rows, then the four JSON templates). */
export function fillV1(db: BenchDatabase, table: string): { sql: string; params: (rows: number) => unknown[] } {
  const columns = 'session_id, user_id, memory, session_data, extra_data, created_at, updated_at, agent_id, team_session_id, agent_data';
  const templates = [TEMPLATE.memory, TEMPLATE.session_data, TEMPLATE.extra_data, TEMPLATE.agent_data];
  switch (db.kind) {
    case 'postgres': {
      const fill = (p: number) => `replace($${p}, '#N#', lpad(n::text, 8, '0'))::jsonb`;
      return {
        sql:
          `INSERT INTO ${db.qualify(table)} (${columns}) SELECT 'sess-' || lpad(n::text, 8, '0'), 'user-' || (n % 1000), ${fill(2)}, ${fill(3)}, ${fill(4)}, ` +
          `1700000000 + n, 1700000100 + n, 'agent-1', NULL, ${fill(5)} FROM generate_series(1, $1::int) AS seq(n)`,
        params: (rows) => [rows, ...templates],
      };
    }
    case 'sqlite':
    case 'mysql': {
      const pad = db.kind === 'sqlite' ? "printf('%08d', n)" : "LPAD(n, 8, '0')";
      const cat = (...parts: string[]) => (db.kind === 'sqlite' ? parts.join(' || ') : `CONCAT(${parts.join(', ')})`);
      const fill = `REPLACE(?, '#N#', ${pad})`;
      return {
        sql:
          `INSERT INTO ${db.qualify(table)} (${columns}) WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) ` +
          `SELECT ${cat("'sess-'", pad)}, ${cat("'user-'", '(n % 1000)')}, ${fill}, ${fill}, ${fill}, 1700000000 + n, 1700000100 + n, 'agent-1', NULL, ${fill} FROM seq`,
        params: (rows) => [rows, ...templates],
      };
    }
  }
}
