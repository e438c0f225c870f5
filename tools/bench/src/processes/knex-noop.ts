// Knex's migrate.latest() with nothing to do, as a whole process.
import knex from 'knex';
import { knexConfig, knexLatest } from '../noop/knex-noop.js';
import { peerTargetFromArgv } from '../noop/peer-target.js';

const db = knex(knexConfig(peerTargetFromArgv(process.argv)));
try {
  await knexLatest(db);
} finally {
  await db.destroy();
}
