/** The CLI contract: what a deploy pipeline reads from the exit code. */
export const EXIT = {
  ok: 0,
  /** A statement failed, or verify found drift. */
  failed: 1,
  /** Bad usage or input. */
  usage: 2,
  /** Data blocked a step (e.g. duplicate session_id before the 2.5.0 primary key). */
  blocked: 3,
  /** The migration lock was not acquired in time. */
  lock: 4,
} as const;
