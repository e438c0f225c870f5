import { spawnSync } from 'node:child_process';
import type { Contender } from './stats.js';

/**
 * A contender that is a whole process: timed from spawn to exit. A process that fails stops the
 * bench with its stderr, so a broken contender can never pass for a fast one.
 */
export function processContender(name: string, command: string, args: readonly string[]): Contender {
  return {
    name,
    run: async () => {
      const child = spawnSync(command, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      if (child.error) throw child.error;
      if (child.status !== 0) {
        throw new Error(`${name} exited with ${child.status ?? child.signal}: ${(child.stderr || child.stdout).trim().slice(0, 500)}`);
      }
    },
  };
}
