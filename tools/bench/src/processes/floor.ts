// The floor for a whole process: load the driver, connect, one SELECT, disconnect, exit.
import { peerTargetFromArgv } from '../noop/peer-target.js';

const target = peerTargetFromArgv(process.argv);
switch (target.kind) {
  case 'sqlite': {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(target.location, { fileMustExist: true });
    db.prepare('SELECT 1').get();
    db.close();
    break;
  }
  case 'postgres': {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: target.location });
    await client.connect();
    await client.query('SELECT 1');
    await client.end();
    break;
  }
  case 'mysql': {
    const { default: mysql } = await import('mysql2/promise');
    const { mysqlOptions } = await import('../support/mysql-options.js');
    const connection = await mysql.createConnection(mysqlOptions(target.location));
    await connection.query('SELECT 1');
    await connection.end();
    break;
  }
}
