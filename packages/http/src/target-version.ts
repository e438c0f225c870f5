import type { VersionGraph } from '@agno-migrate/core';
import { AgnoMigrateError } from '@agno-migrate/core';
import { validationError } from './responses.js';

export type TargetVersion = { readonly ok: true; readonly version: string | undefined } | { readonly ok: false; readonly response: Response };

/**
 * `?target_version=` as AgentOS reads it (an empty value means the latest). Agno's own client sends
 * it in a JSON body instead, which AgentOS ignores; here the body counts when the query has none.
 * A body that is not a JSON object is ignored, as AgentOS ignores every body.
 */
export async function readTargetVersion(request: Request, url: URL, graph: VersionGraph): Promise<TargetVersion> {
  const fromQuery = url.searchParams.getAll('target_version').at(-1);
  if (fromQuery !== undefined) return check(fromQuery, 'query', graph);
  const body = await readJsonObject(request);
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

async function readJsonObject(request: Request): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await request.text();
  } catch {
    return null;
  }
  if (text.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
