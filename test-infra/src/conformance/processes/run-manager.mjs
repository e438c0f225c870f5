// One migration run in a process of its own, as a deploy runs one: the dialect built from the
// target's description, the manager's result printed as one JSON line on stdout. Given a kill point
// it SIGKILLs itself right after the database completed that statement: a crash at an exact point,
// with no hook in the tool itself.
// Usage: node run-manager.mjs '<json: { dialect: { module, factory, options }, manager, command, options, killAfter }>'
import { MigrationManager } from '@agno-migrate/core';

const spec = JSON.parse(process.argv[2] ?? '{}');
const make = (await import(spec.dialect.module))[spec.dialect.factory];
if (typeof make !== 'function') throw new Error(`${spec.dialect.module} exports no function ${spec.dialect.factory}`);

let statements = 0;
const { now, ...managerOptions } = spec.manager ?? {};
const manager = new MigrationManager(make(spec.dialect.options), {
  ...managerOptions,
  // The clock crosses the process boundary as ISO text.
  ...(now ? { now: () => new Date(now) } : {}),
  onEvent(event) {
    if (event.type !== 'statement-done') return;
    statements += 1;
    if (statements === spec.killAfter) process.kill(process.pid, 'SIGKILL');
  },
});
try {
  const result = await manager[spec.command ?? 'up'](spec.options ?? {});
  const json = JSON.stringify({ statements, result }, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  process.stdout.write(`${json}\n`);
} finally {
  await manager.close();
}
