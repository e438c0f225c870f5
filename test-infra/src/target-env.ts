import { afterEach, beforeAll } from 'vitest';
import { gate } from './gate.js';
import type { TestDatabase, TestTarget } from './target.js';

/** What a dialect's integration tests need from one gated target. */
export interface TargetEnv {
  /** For describe.skipIf: only when the server is missing and nobody required it. */
  readonly skip: boolean;
  /** Fails the suite at once when the server is required but missing, instead of letting each test time out. */
  readonly requireServer: () => void;
  /** A fresh database per test, dropped afterwards. */
  readonly freshDatabases: () => () => Promise<TestDatabase>;
}

/**
 * Gates the target (skips loudly when its server is missing; AGNO_TEST_REQUIRE naming it makes the
 * absence fail instead). `serverName` is the server as failure messages call it.
 */
export async function targetEnv(target: TestTarget, serverName: string): Promise<TargetEnv> {
  const availability = await gate(target);
  return {
    skip: availability.skip,
    requireServer: () => {
      beforeAll(() => {
        if (availability.reason !== null) {
          throw new Error(`${serverName} is required (AGNO_TEST_REQUIRE=${target.name}) but unavailable: ${availability.reason}`);
        }
      });
    },
    freshDatabases: () => {
      const open: TestDatabase[] = [];
      afterEach(async () => {
        await Promise.all(open.splice(0).map((db) => db.close()));
      });
      return async () => {
        const db = await target.create();
        open.push(db);
        return db;
      };
    },
  };
}
