import type { VersionGraph } from '@agno-migrate/core';
import { AgnoMigrateError } from '@agno-migrate/core';
import { json, validationError } from './responses.js';

export type TargetVersion =
  | { readonly ok: true; readonly version: string | undefined }
  | { readonly ok: false; readonly response: Response };

/**
 * `?target_version=` as AgentOS reads it (an empty value means the latest). Agno's own client sends
 * it in a JSON body instead, which AgentOS ignores; here the body counts when the query has none.
 * A body that is there but is not a JSON object (truncated, form-encoded, an array) is refused
 * with 422 before anything runs: it may carry a target this server cannot read, and guessing
 * "latest" would migrate further than the caller asked.
 */
export async function readTargetVersion(request: Request, url: URL, graph: VersionGraph): Promise<TargetVersion> {
  const read = await readJsonObject(request);
  if (!read.ok) return read;
  const fromQuery = url.searchParams.getAll('target_version').at(-1);
  if (fromQuery !== undefined) return check(fromQuery, 'query', graph);
  const body = read.body;
  if (!body || !('target_version' in body)) return { ok: true, version: undefined };
  const value = body['target_version'];
  if (value === null || value === undefined) return { ok: true, version: undefined };
  if (typeof value !== 'string') {
    return { ok: false, response: validationError('body', 'target_version', 'Input should be a valid string', value) };
  }
  return check(value, 'body', graph);
}

function check(value: string, where: 'query' | 'body', graph: VersionGraph): TargetVersion {
  if (value === '') return { ok: true, version: undefined };
  try {
    graph.resolveTarget(value);
  } catch (error) {
    if (error instanceof AgnoMigrateError) return { ok: false, response: validationError(where, 'target_version', error.message, value) };
    throw error;
  }
  return { ok: true, version: value };
}

type Body = { readonly ok: true; readonly body: Record<string, unknown> | null } | { readonly ok: false; readonly response: Response };

/** FastAPI's answer to a body that does not parse: 422, `json_invalid`, where it stopped. */
function invalidJson(text: string, error: unknown): Response {
  const reason = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(reason);
  return json(422, {
    detail: [
      {
        type: 'json_invalid',
        loc: ['body', at ? Number(at[1]) : text.length],
        msg: 'JSON decode error',
        input: {},
        ctx: { error: reason },
      },
    ],
  });
}

async function readJsonObject(request: Request): Promise<Body> {
  let text: string;
  try {
    text = await request.text();
  } catch {
    return { ok: true, body: null };
  }
  if (text.trim() === '') return { ok: true, body: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, response: invalidJson(text, error) };
  }
  if (parsed === null) return { ok: true, body: null };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      ok: false,
      response: validationError('body', 'target_version', 'Input should be a JSON object such as {"target_version": "2.5.0"}', parsed),
    };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}
