import type { MigrationEvent } from '@agno-migrate/core';
import pc from 'picocolors';

/** Step-by-step progress on stderr, only for a person at a terminal; pipelines get the result alone. */
export function progressReporter(stream: NodeJS.WriteStream): ((event: MigrationEvent) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (event) => {
    if (event.type === 'lock-waiting') stream.write(pc.dim(`waiting for the migration lock…\r`));
    if (event.type === 'step-start') {
      stream.write(pc.dim(`  ${event.tableName}: ${event.direction} ${event.from} → ${event.to}\n`));
    }
  };
}
