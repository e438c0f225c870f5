import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { postgresTarget } from '@agno-migrate/test-infra';
import { runV1ToV2Suite } from './support/suite.js';

await runV1ToV2Suite(
  postgresTarget((options) => postgresDialect(options)),
  {
    refuseInsert: (db, table, sessionId) => {
      const fn = `${db.quoteIdent(db.namespace!)}.${db.quoteIdent('refuse_insert')}`;
      return {
        create: [
          `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
            `IF NEW.session_id = '${sessionId}' THEN RAISE EXCEPTION 'refused by trigger'; END IF; RETURN NEW; END $$`,
          `CREATE TRIGGER refuse_insert BEFORE INSERT ON ${db.qualify(table)} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
        ],
        drop: [`DROP TRIGGER refuse_insert ON ${db.qualify(table)}`],
      };
    },
    otherNamespace: {
      create: (db, name) => `CREATE SCHEMA ${db.quoteIdent(name)}`,
      drop: (db, name) => `DROP SCHEMA ${db.quoteIdent(name)} CASCADE`,
    },
  },
);
