import { describe, expect, it } from 'vitest';
import { keepSessionRuns, keepWorkflowRuns, runsFromMemory } from '../../src/transform/runs.js';

/** One case per run fix-up of spec 5.6. */
const FIXUPS: readonly { rule: string; run: unknown; fixed: unknown }[] = [
  { rule: 'an agent run drops a team_id', run: { agent_id: 'a', team_id: 't' }, fixed: { agent_id: 'a' } },
  {
    rule: "an agent run's team_session_id becomes session_id",
    run: { agent_id: 'a', team_session_id: 'ts' },
    fixed: { agent_id: 'a', session_id: 'ts' },
  },
  {
    rule: 'with team_session_id, event becomes events: [event]',
    run: { agent_id: 'a', team_session_id: 'ts', event: 'E' },
    fixed: { agent_id: 'a', session_id: 'ts', events: ['E'] },
  },
  { rule: 'without team_session_id, event stays', run: { agent_id: 'a', event: 'E' }, fixed: { agent_id: 'a', event: 'E' } },
  {
    rule: 'a team run keeps a null agent_id (the agent rule needs a set one)',
    run: { team_id: 't', agent_id: null },
    fixed: { team_id: 't', agent_id: null },
  },
  {
    rule: 'member responses with agent_id and team_id drop team_id',
    run: { team_id: 't', member_responses: [{ agent_id: 'a', team_id: 't' }] },
    fixed: { team_id: 't', member_responses: [{ agent_id: 'a' }] },
  },
  {
    rule: "a member response's team_session_id becomes session_id",
    run: { team_id: 't', member_responses: [{ agent_id: 'a', team_session_id: 's' }] },
    fixed: { team_id: 't', member_responses: [{ agent_id: 'a', session_id: 's' }] },
  },
  {
    rule: 'a member response without agent_id is left alone',
    run: { team_id: 't', member_responses: [{ team_id: 't', team_session_id: 's' }] },
    fixed: { team_id: 't', member_responses: [{ team_id: 't', team_session_id: 's' }] },
  },
  {
    rule: 'a run with agent_id and team_id is an agent run (Agno checks agent_id first)',
    run: { agent_id: 'a', team_id: 't', member_responses: [{ agent_id: 'b', team_id: 't' }] },
    fixed: { agent_id: 'a', member_responses: [{ agent_id: 'b', team_id: 't' }] },
  },
  { rule: 'a non-object run is kept for the selection to drop', run: 'text', fixed: 'text' },
];

describe('runs from a v1 memory blob (spec 5.6)', () => {
  it.each(FIXUPS)('$rule', ({ run, fixed }) => {
    expect(runsFromMemory({ runs: [run] })).toEqual([fixed]);
  });

  it.each([
    ['no memory', null, null],
    ['a memory without runs', { summary: {} }, null],
    ['runs that are no list (Agno crashes)', { runs: { a: 1 } }, null],
    ['memory as JSON text', '{"runs": [{"agent_id": "a"}]}', [{ agent_id: 'a' }]],
    ['memory as unparsable text', 'not json', null],
    ['runs as JSON text', { runs: '[{"team_id": "t"}]' }, [{ team_id: 't' }]],
  ])('%s', (_case, memory, runs) => {
    expect(runsFromMemory(memory)).toEqual(runs);
  });

  it('does not change the blob it reads', () => {
    const memory = { runs: [{ agent_id: 'a', team_id: 't' }] };
    runsFromMemory(memory);
    expect(memory.runs[0]).toEqual({ agent_id: 'a', team_id: 't' });
  });

  it('keeps the runs v2 can load: objects with an agent_id or team_id key, each judged on its own', () => {
    expect(keepSessionRuns(['x', { agent_id: null }, { team_id: 't' }, { run_id: 'r' }, 3])).toEqual({
      kept: [{ agent_id: null }, { team_id: 't' }],
      dropped: 3,
    });
    expect(keepWorkflowRuns([{ run_id: 'w' }, 'x', null])).toEqual({ kept: [{ run_id: 'w' }], dropped: 2 });
  });
});
