import { asObject, decodeColumn, UNDECODABLE } from './json.js';
import type { JsonObject } from './json.js';
import { legacyEntityId, sameUser } from './keys.js';

/** One row of the learnings table, as the walk reads it. */
export interface LearningRow {
  readonly learning_id: string;
  readonly user_id: string | null;
  readonly agent_id: string | null;
  readonly team_id: string | null;
  readonly workflow_id: string | null;
  readonly session_id: string | null;
  readonly entity_id: string | null;
  readonly entity_type: string | null;
  readonly content: unknown;
  readonly metadata: unknown;
}

export type Bucket = 'keyed' | 'contaminated_keyed' | 'malformed' | 'unowned' | 'contaminated' | 'legacy';

export interface Classified {
  readonly bucket: Bucket;
  /** The parsed content, for the one bucket that is moved ("legacy"). */
  readonly content?: JsonObject;
}

/**
 * Sorts a namespace="user" entity row the way Agno's `_classify_row` does:
 * - malformed: no entity id or type (no key can be derived), or content that is not an object;
 * - keyed / contaminated_keyed: already on a per-user key, the latter recording another user;
 * - unowned: legacy key, no owner (empty or NULL user_id);
 * - contaminated: legacy key, the content's recorded user is not the owner (two users wrote it);
 * - legacy: legacy key, owned, consistent — the row to re-key.
 * Metadata that is not JSON at all cannot be carried across, so such a row is malformed too.
 */
export function classifyRow(row: LearningRow): Classified {
  const entityId = row.entity_id;
  const entityType = row.entity_type;
  if (!entityId || !entityType) return { bucket: 'malformed' };
  const content = asObject(row.content);
  if (!content) return { bucket: 'malformed' };
  if (decodeColumn(row.metadata) === UNDECODABLE) return { bucket: 'malformed' };
  const owner = row.user_id;
  const recorded = content['user_id'];
  const contaminated = Boolean(owner) && recorded !== null && recorded !== undefined && !sameUser(recorded, owner);
  if (row.learning_id !== legacyEntityId(entityId, entityType)) return { bucket: contaminated ? 'contaminated_keyed' : 'keyed' };
  if (!owner) return { bucket: 'unowned' };
  if (contaminated) return { bucket: 'contaminated' };
  return { bucket: 'legacy', content };
}
