// Kysely's Migrator.migrateToLatest() with nothing to do, as a whole process.
import { createKyselyNoop, kyselyLatest } from '../noop/kysely-noop.js';
import { peerTargetFromArgv } from '../noop/peer-target.js';

const noop = await createKyselyNoop(peerTargetFromArgv(process.argv));
try {
  await kyselyLatest(noop);
} finally {
  await noop.db.destroy();
}
