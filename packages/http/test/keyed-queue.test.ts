import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../src/keyed-queue.js';

/** A task that records when it runs and finishes only when released. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

describe('KeyedQueue', () => {
  it('runs tasks for one key one at a time, in order, and other keys alongside', async () => {
    const queue = new KeyedQueue();
    const events: string[] = [];
    const first = gate();
    const a1 = queue.run('a', async () => {
      events.push('a1 start');
      await first.done;
      events.push('a1 end');
    });
    const a2 = queue.run('a', async () => {
      events.push('a2 start');
    });
    const b1 = queue.run('b', async () => {
      events.push('b1 start');
    });
    await b1;
    expect(events).toEqual(['a1 start', 'b1 start']);
    first.release();
    await Promise.all([a1, a2]);
    expect(events).toEqual(['a1 start', 'b1 start', 'a1 end', 'a2 start']);
  });

  it('a failed task does not stop the next one for its key', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
    await queue.drain();
  });
});
