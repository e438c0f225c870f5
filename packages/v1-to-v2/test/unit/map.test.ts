import { v1AgentSession, v1Memory, v1TeamSession, v1WorkflowSession, v1WorkflowV2Session } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { mapMemory } from '../../src/map/memories.js';
import { mapSession } from '../../src/map/sessions.js';
import type { Mapped } from '../../src/map/types.js';
import { stableUuid } from '../../src/transform/stable-id.js';

const ctx = { scope: 'agno_sessions', nowSeconds: 1_800_000_000 };
const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
const JSON_COLUMNS = ['session_data', 'agent_data', 'team_data', 'workflow_data', 'metadata', 'runs', 'summary', 'memory', 'topics'];

/** The mapped row with its JSON columns parsed back, to compare as values. */
function row(mapped: Mapped): Record<string, unknown> {
  if ('skip' in mapped) throw new Error(`skipped: ${mapped.skip}`);
  return Object.fromEntries(Object.entries(mapped.row).map(([k, v]) => [k, JSON_COLUMNS.includes(k) ? parse(v) : v]));
}

/** The session mapping of spec 5.4, one rule per case. */
const SESSION_RULES: readonly {
  rule: string;
  kind: 'agent' | 'team' | 'workflow';
  v1: Record<string, unknown>;
  expect: Record<string, unknown>;
}[] = [
  { rule: 'session_type is the table kind', kind: 'team', v1: { session_id: 's' }, expect: { session_type: 'team' } },
  {
    rule: 'agent_id and agent_data for agent sessions',
    kind: 'agent',
    v1: { session_id: 's', agent_id: 'a', agent_data: { n: 1 }, team_id: 'ignored' },
    expect: { agent_id: 'a', agent_data: { n: 1 }, team_id: null },
  },
  {
    rule: 'team_id and team_data for team sessions',
    kind: 'team',
    v1: { session_id: 's', team_id: 't', team_data: { n: 1 }, agent_id: 'ignored' },
    expect: { team_id: 't', team_data: { n: 1 }, agent_id: null },
  },
  {
    rule: 'workflow_id and workflow_data for workflow sessions',
    kind: 'workflow',
    v1: { session_id: 's', workflow_id: 'w', workflow_data: { n: 1 } },
    expect: { workflow_id: 'w', workflow_data: { n: 1 } },
  },
  {
    rule: 'component data is sanitised, not converted',
    kind: 'agent',
    v1: { session_id: 's', agent_data: { thinking: 'x\u0001' } },
    expect: { agent_data: { thinking: 'x' } },
  },
  { rule: 'user_id is copied', kind: 'agent', v1: { session_id: 's', user_id: 'u' }, expect: { user_id: 'u' } },
  {
    rule: 'session_data is deep-converted',
    kind: 'agent',
    v1: { session_id: 's', session_data: { metrics: { time: 1 } } },
    expect: { session_data: { metrics: { duration: 1 } } },
  },
  {
    rule: 'extra_data becomes metadata, deep-converted',
    kind: 'agent',
    v1: { session_id: 's', extra_data: { thinking: 't' } },
    expect: { metadata: { reasoning_content: 't' } },
  },
  {
    rule: 'agent runs come from memory.runs',
    kind: 'agent',
    v1: { session_id: 's', memory: { runs: [{ agent_id: 'a', thinking: 't' }] } },
    expect: { runs: [{ agent_id: 'a', reasoning_content: 't' }] },
  },
  {
    rule: 'the rest of the memory blob is dropped',
    kind: 'agent',
    v1: { session_id: 's', memory: { summary: { s: 1 }, memories: [1] } },
    expect: { runs: null, summary: null },
  },
  {
    rule: 'workflow runs come from the runs column (workflow_v2)',
    kind: 'workflow',
    v1: { session_id: 's', runs: [{ run_id: 'r', event: 'e' }] },
    expect: { runs: [{ run_id: 'r' }] },
  },
  {
    rule: 'v1 workflow memory runs are not migrated',
    kind: 'workflow',
    v1: { session_id: 's', memory: { runs: [{ run_id: 'r' }] } },
    expect: { runs: null },
  },
  {
    rule: 'workflow_name goes into workflow_data.name',
    kind: 'workflow',
    v1: { session_id: 's', workflow_name: 'W', workflow_data: { a: 1 } },
    expect: { workflow_data: { a: 1, name: 'W' } },
  },
  {
    rule: 'workflow_data.name wins over workflow_name',
    kind: 'workflow',
    v1: { session_id: 's', workflow_name: 'W', workflow_data: { name: 'own' } },
    expect: { workflow_data: { name: 'own' } },
  },
  {
    rule: 'created_at and updated_at are copied',
    kind: 'agent',
    v1: { session_id: 's', created_at: '10', updated_at: 20 },
    expect: { created_at: 10, updated_at: 20 },
  },
  {
    rule: 'a missing created_at falls back to updated_at',
    kind: 'agent',
    v1: { session_id: 's', created_at: null, updated_at: 20 },
    expect: { created_at: 20 },
  },
  {
    rule: 'with neither, created_at is the run start',
    kind: 'agent',
    v1: { session_id: 's' },
    expect: { created_at: 1_800_000_000, updated_at: null },
  },
  {
    rule: 'the team_session_id column is dropped',
    kind: 'agent',
    v1: { session_id: 's', team_session_id: 'ts' },
    expect: { session_id: 's' },
  },
];

describe('v1 session rows → v2 sessions rows (spec 5.4)', () => {
  it.each(SESSION_RULES)('$rule', ({ kind, v1, expect: expected }) => {
    const mapped = row(mapSession(v1, kind, ctx));
    expect(mapped).toMatchObject(expected);
    expect(mapped).not.toHaveProperty('team_session_id');
  });

  it('skips a row without session_id, naming the reason', () => {
    expect(mapSession({ session_id: null }, 'agent', ctx)).toEqual({ skip: 'no session_id', key: null });
  });

  it('maps a realistic agent session whole', () => {
    const mapped = mapSession(v1AgentSession('s1'), 'agent', ctx);
    expect(row(mapped)).toEqual({
      session_id: 's1',
      session_type: 'agent',
      agent_id: 'agent-1',
      team_id: null,
      workflow_id: null,
      user_id: 'user-1',
      session_data: {
        session_name: 'answers',
        session_state: { step: 1 },
        session_metrics: { input_tokens: 12, output_tokens: 6, duration: 0.8 },
      },
      agent_data: { name: 'Researcher', agent_id: 'agent-1', model: { id: 'gpt-4o', provider: 'OpenAI' } },
      team_data: null,
      workflow_data: null,
      metadata: { customer: 'acme' },
      runs: [
        {
          run_id: 's1-run-1',
          agent_id: 'agent-1',
          session_id: 's1',
          content: 'The answer is 42.',
          reasoning_content: 'Let me think.',
          messages: [
            { role: 'user', content: 'What is the answer?' },
            { role: 'assistant', content: 'The answer is 42.', metrics: { input_tokens: 12, output_tokens: 6, duration: 0.8 } },
          ],
          metrics: { input_tokens: [12], output_tokens: [6], total_tokens: [18], duration: [0.8] },
          references: [{ query: 'answer', references: [] }],
          created_at: 1_700_000_010,
        },
      ],
      summary: null,
      created_at: 1_700_000_000,
      updated_at: 1_700_000_100,
    });
    expect(mapped).toMatchObject({ key: 's1', owner: 'user-1', runsDropped: 0 });
  });

  it('maps realistic team, workflow and workflow_v2 sessions', () => {
    expect(row(mapSession(v1TeamSession('t1'), 'team', ctx))['runs']).toEqual([
      {
        run_id: 't1-run-1',
        team_id: 'team-1',
        content: 'done',
        member_responses: [{ run_id: 'member-run', agent_id: 'agent-1', session_id: 't1', content: 'part' }],
      },
    ]);
    expect(row(mapSession(v1WorkflowSession('w1'), 'workflow', ctx))).toMatchObject({
      session_type: 'workflow',
      workflow_id: 'wf-1',
      runs: null,
    });
    expect(row(mapSession(v1WorkflowV2Session('w2'), 'workflow', ctx))).toMatchObject({
      workflow_data: { workflow_id: 'wf-2', name: 'Pipeline' },
      runs: [{ run_id: 'w2-run-1', workflow_id: 'wf-2', content: 'ok', metrics: { input_tokens: 4, duration: 2.5 } }],
    });
  });

  it('numbers media per session, so the same row always gets the same ids', () => {
    const v1 = { session_id: 's', memory: { runs: [{ agent_id: 'a', images: [{ url: 'u' }] }] } };
    const first = row(mapSession(v1, 'agent', ctx))['runs'] as { images: { id: string }[] }[];
    expect(first[0]!.images[0]!.id).toBe(stableUuid('agno_sessions\u0000s\u00000'));
    expect(row(mapSession(v1, 'agent', ctx))['runs']).toEqual(first);
  });
});

const MEMORY_RULES: readonly { rule: string; v1: Record<string, unknown>; expect: Record<string, unknown> }[] = [
  { rule: 'memory_id is the v1 id (a re-run duplicates nothing)', v1: { id: 'm', memory: { memory: 'x' } }, expect: { memory_id: 'm' } },
  {
    rule: "Agno 1.x's blob is unwrapped: memory text, topics, input",
    v1: { id: 'm', memory: { memory_id: 'm', memory: 'x', topics: ['t'], input: 'i', last_updated: 'd' } },
    expect: { memory: 'x', topics: ['t'], input: 'i' },
  },
  {
    rule: 'a blob with other keys is stored whole, as Agno does',
    v1: { id: 'm', memory: { memory: 'x', other: 1 } },
    expect: { memory: { memory: 'x', other: 1 }, topics: null, input: null },
  },
  {
    rule: 'a blob without text memory is stored whole',
    v1: { id: 'm', memory: { memory: { nested: true } } },
    expect: { memory: { memory: { nested: true } } },
  },
  { rule: 'the memory is sanitised', v1: { id: 'm', memory: { memory: 'a\u0000b' } }, expect: { memory: 'ab' } },
  {
    rule: 'user, agent and team ids are copied',
    v1: { id: 'm', memory: { memory: 'x' }, user_id: 'u', agent_id: 'a', team_id: 't' },
    expect: { user_id: 'u', agent_id: 'a', team_id: 't' },
  },
  {
    rule: 'datetimes become epoch seconds (naive = UTC)',
    v1: { id: 'm', memory: { memory: 'x' }, created_at: '2024-01-02 03:04:05', updated_at: new Date('2024-01-03T00:00:00Z') },
    expect: { created_at: 1_704_164_645, updated_at: 1_704_240_000 },
  },
  {
    rule: 'no created_at: the update time, else the run start (Agno: now)',
    v1: { id: 'm', memory: { memory: 'x' } },
    expect: { created_at: 1_800_000_000, updated_at: null },
  },
  {
    rule: 'input, topics and feedback columns win when present',
    v1: { id: 'm', memory: { memory: 'x', topics: ['blob'] }, topics: '["col"]', feedback: 'f' },
    expect: { topics: ['col'], feedback: 'f' },
  },
];

describe('v1 memory rows → v2 memories rows (spec 5.4)', () => {
  it.each(MEMORY_RULES)('$rule', ({ v1, expect: expected }) => {
    expect(row(mapMemory(v1, ctx))).toMatchObject(expected);
  });

  it.each([
    ['no id', { id: null, memory: { memory: 'x' } }, { skip: 'no memory id' }],
    ['a NULL memory (v2 requires one)', { id: 'm', memory: null }, { skip: 'memory is empty (v2 requires it)' }],
  ])('skips a row with %s', (_case, v1, skip) => {
    const mapped = mapMemory(v1, ctx);
    expect('skip' in mapped && mapped.skip).toContain(skip.skip);
  });

  it('maps a realistic Agno 1.x memory whole', () => {
    expect(row(mapMemory({ ...v1Memory('m1'), created_at: '2024-01-02 03:04:05', updated_at: '2024-01-03 00:00:00' }, ctx))).toEqual({
      memory_id: 'm1',
      memory: 'memory m1',
      feedback: null,
      input: 'input m1',
      agent_id: null,
      team_id: null,
      user_id: 'user-1',
      topics: ['general'],
      created_at: 1_704_164_645,
      updated_at: 1_704_240_000,
    });
  });
});
