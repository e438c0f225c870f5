import { mysqlDialect } from '@agno-migrate/dialect-mysql';
import { mysqlTarget } from '@agno-migrate/test-infra';
import { runV1ToV2Suite } from './support/suite.js';

await runV1ToV2Suite(mysqlTarget({ dialect: (options) => mysqlDialect(options) }), {
  refuseInsert: (db, table, sessionId) => ({
    create: [
      `CREATE TRIGGER ${db.quoteIdent(db.namespace!)}.refuse_insert BEFORE INSERT ON ${db.qualify(table)} FOR EACH ROW BEGIN ` +
        `IF NEW.session_id = '${sessionId}' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by trigger'; END IF; END`,
    ],
    drop: [`DROP TRIGGER ${db.quoteIdent(db.namespace!)}.refuse_insert`],
  }),
  otherNamespace: {
    create: (db, name) => `CREATE DATABASE ${db.quoteIdent(name)} CHARACTER SET utf8mb4`,
    drop: (db, name) => `DROP DATABASE ${db.quoteIdent(name)}`,
  },
});
