/** What one v1 row becomes: a v2 row for the target table, or a reason it is skipped. */
export type Mapped =
  | { readonly row: Readonly<Record<string, unknown>>; readonly key: string; readonly owner?: unknown; readonly runsDropped: number }
  | { readonly skip: string; readonly key: string | null };

/** Fixed for one table of one run. */
export interface MapContext {
  /** Scope of the stable media ids: the target table, so two targets never share ids. */
  readonly scope: string;
  /** Epoch seconds of the run's start: the fallback creation time, the same for every row of the run. */
  readonly nowSeconds: number;
}

export const SKIP = {
  noSessionId: 'no session_id',
  noMemoryId: 'no memory id',
  emptyMemory: 'memory is empty (v2 requires it)',
  otherOwner: 'session_id belongs to another user in the target',
  unconvertible: 'could not be converted',
} as const;

export function idText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}
