import { decodeJson } from './json-value.js';
import { isPlainObject } from './sanitize.js';

const present = (value: unknown) => value !== undefined && value !== null;

/**
 * The runs of a v1 agent or team session, from its `memory` blob, with Agno's fix-ups (spec 5.6)
 * applied. `memory.runs` that is no list counts as no runs (Agno's script crashes on it).
 */
export function runsFromMemory(memory: unknown): unknown[] | null {
  const blob = decodeJson(memory);
  if (!isPlainObject(blob)) return null;
  const runs = decodeJson(blob['runs']);
  if (!Array.isArray(runs)) return null;
  return runs.map(fixRun);
}

function fixRun(run: unknown): unknown {
  if (!isPlainObject(run)) return run;
  const agent = present(run['agent_id']);
  const team = present(run['team_id']);
  const members = run['member_responses'];
  // Most runs need no fix-up: they are kept as decoded rather than copied.
  if (!(agent && (team || present(run['team_session_id']))) && !(team && Array.isArray(members) && members.length > 0)) return run;
  const out: Record<string, unknown> = { ...run };
  if (present(out['agent_id'])) {
    if (present(out['team_id'])) delete out['team_id'];
    if (present(out['team_session_id'])) {
      out['session_id'] = out['team_session_id'];
      delete out['team_session_id'];
      if (out['event']) {
        out['events'] = [out['event']];
        delete out['event'];
      }
    }
  }
  if (present(out['team_id'])) {
    if (present(out['agent_id'])) delete out['agent_id'];
    const members = out['member_responses'];
    if (Array.isArray(members) && members.length > 0) out['member_responses'] = members.map(fixMemberResponse);
  }
  return out;
}

function fixMemberResponse(response: unknown): unknown {
  if (!isPlainObject(response)) return response;
  const out: Record<string, unknown> = { ...response };
  if (present(out['agent_id']) && present(out['team_id'])) delete out['team_id'];
  if (present(out['agent_id']) && present(out['team_session_id'])) {
    out['session_id'] = out['team_session_id'];
    delete out['team_session_id'];
  }
  return out;
}

/**
 * The runs a v2 agent or team session keeps: those v2 can load, i.e. objects with an `agent_id`
 * or a `team_id` key. Agno looks only at the first element to decide whether to load any run at
 * all, and fails the whole session on an empty list; here each run is judged on its own.
 */
export function keepSessionRuns(runs: readonly unknown[]): { kept: unknown[]; dropped: number } {
  const kept = runs.filter((run) => isPlainObject(run) && ('agent_id' in run || 'team_id' in run));
  return { kept, dropped: runs.length - kept.length };
}

/** Workflow runs (the `runs` column of workflow_v2 tables): every object is a run. */
export function keepWorkflowRuns(runs: readonly unknown[]): { kept: unknown[]; dropped: number } {
  const kept = runs.filter(isPlainObject);
  return { kept, dropped: runs.length - kept.length };
}
