import { stableUuid } from '../../src/transform/stable-id.js';

/** The media id the migration gives the n-th id-less media object of a session. */
export const mediaId = (target: string, sessionId: string, n: number) => stableUuid(`${target}\u0000${sessionId}\u0000${n}`);

const session = (values: Record<string, unknown>) => ({
  agent_id: null,
  team_id: null,
  workflow_id: null,
  user_id: null,
  session_data: null,
  agent_data: null,
  team_data: null,
  workflow_data: null,
  metadata: null,
  runs: null,
  summary: null,
  updated_at: null,
  ...values,
});

const RESEARCHER = { name: 'Researcher', agent_id: 'agent-1', model: { id: 'gpt-4o', provider: 'OpenAI' } };

/** What the fixture's sessions (test-infra v1FixtureRows) become, written out by hand from spec 5.4–5.6. */
export function expectedSessions(target = 'agno_sessions'): Record<string, Record<string, unknown>> {
  return {
    'a-full': session({
      session_id: 'a-full',
      session_type: 'agent',
      agent_id: 'agent-1',
      user_id: 'user-1',
      agent_data: { name: 'AgentX' },
      session_data: { session_name: 'name', nested: { metrics: { duration: 3, audio_total_tokens: 1 } }, text: 'tab\tandctl' },
      metadata: { tag: 'v1', references: ['ref'], reasoning_content: 'deep' },
      runs: [
        {
          run_id: 'r1',
          agent_id: 'agent-1',
          session_id: 'ts-1',
          reasoning_content: 'hmm\nbecause',
          additional_input: [{ role: 'user', content: 'ctx' }],
          reasoning_steps: [{ title: 's1' }],
          metrics: { input_tokens: 10, duration: 1.5, cache_read_tokens: 1 },
          images: [
            { id: mediaId(target, 'a-full', 0), url: 'https://img/1.png', format: 'png', mime_type: 'image/png' },
            { id: 'img-keep', url: 'https://img/2.jpg' },
          ],
          videos: [
            { id: mediaId(target, 'a-full', 1), url: 'https://v/1', eta: 'soon', duration: 12.5, format: 'MP4', mime_type: 'video/mp4' },
          ],
          audio: [{ id: mediaId(target, 'a-full', 2), format: 'wav', length: 'n/a', eta: null, content: 'QUJD', mime_type: 'audio/wav' }],
          response_audio: { id: mediaId(target, 'a-full', 3), transcript: 'hi', content: 'aGk=', format: 'mp3', mime_type: 'audio/mpeg' },
        },
      ],
      created_at: 1_700_000_000,
      updated_at: 1_700_000_100,
    }),
    'a-nulls': session({ session_id: 'a-nulls', session_type: 'agent', created_at: 1_700_000_900, updated_at: 1_700_000_900 }),
    'a-strings': session({
      session_id: 'a-strings',
      session_type: 'agent',
      agent_id: 'agent-1',
      user_id: 'user-1',
      agent_data: RESEARCHER,
      session_data: { session_name: 'double encoded' },
      metadata: 'plain text',
      created_at: 1_700_000_000,
      updated_at: 1_700_000_100,
    }),
    'a-huge': session({
      session_id: 'a-huge',
      session_type: 'agent',
      agent_id: 'agent-1',
      user_id: 'user-1',
      agent_data: RESEARCHER,
      session_data: { blob: 'x'.repeat(3 * 1024 * 1024) },
      metadata: { customer: 'acme' },
      created_at: 1_700_000_000,
      updated_at: 1_700_000_100,
    }),
    't-full': session({
      session_id: 't-full',
      session_type: 'team',
      team_id: 'team-1',
      user_id: 'user-1',
      team_data: { name: 'Research team', team_id: 'team-1' },
      session_data: { session_name: 'team work' },
      runs: [
        {
          run_id: 't-full-run-1',
          team_id: 'team-1',
          content: 'done',
          member_responses: [{ run_id: 'member-run', agent_id: 'agent-1', session_id: 't-full', content: 'part' }],
        },
      ],
      created_at: 1_700_000_200,
      updated_at: 1_700_000_300,
    }),
    't-empty': session({
      session_id: 't-empty',
      session_type: 'team',
      team_id: 'team-1',
      session_data: { session_name: 'team work' },
      created_at: 1_700_000_200,
      updated_at: 1_700_000_300,
    }),
    'w-1': session({
      session_id: 'w-1',
      session_type: 'workflow',
      workflow_id: 'wf-1',
      user_id: 'user-2',
      workflow_data: { workflow_id: 'wf-1', name: 'Blog writer' },
      session_data: { session_state: { drafts: 2 } },
      created_at: 1_700_000_400,
      updated_at: 1_700_000_450,
    }),
    'wv-1': session({
      session_id: 'wv-1',
      session_type: 'workflow',
      workflow_id: 'wf-2',
      user_id: 'user-2',
      workflow_data: { workflow_id: 'wf-2', name: 'Pipeline' },
      runs: [{ run_id: 'wr1', content: 'ok', metrics: { input_tokens: 4, duration: 2.5 } }],
      created_at: 1_700_000_500,
    }),
    'wv-named': session({
      session_id: 'wv-named',
      session_type: 'workflow',
      workflow_id: 'wf-2',
      user_id: 'user-2',
      workflow_data: { name: 'Pipeline' },
      runs: [{ run_id: 'wv-named-run-1', workflow_id: 'wf-2', content: 'ok', metrics: { input_tokens: 4, duration: 2.5 } }],
      created_at: 1_700_000_500,
    }),
  };
}

const memory = (values: Record<string, unknown>) => ({
  feedback: null,
  input: null,
  agent_id: null,
  team_id: null,
  user_id: 'user-1',
  topics: null,
  ...values,
});

export function expectedMemories(): Record<string, Record<string, unknown>> {
  return {
    m1: memory({
      memory_id: 'm1',
      memory: 'memory m1',
      topics: ['general'],
      input: 'input m1',
      created_at: 1_704_164_645,
      updated_at: 1_704_240_000,
    }),
    m2: memory({ memory_id: 'm2', memory: { memory: 'kept whole', extra: 1 }, created_at: 1_704_164_645, updated_at: null }),
    m4: memory({ memory_id: 'm4', memory: 'double', topics: ['t'], created_at: 1_704_240_000, updated_at: 1_704_240_000 }),
  };
}

/** The row already in the target, owned by someone else: the v1 row of the same id must not replace it. */
export const OWNED_ROW = {
  session_id: 'a-owned',
  session_type: 'agent',
  user_id: 'owner',
  created_at: 1_600_000_000,
  updated_at: 1_600_000_001,
};
