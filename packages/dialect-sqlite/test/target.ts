import { sqliteTarget } from '@agno-migrate/test-infra';
import { sqliteDialect } from '../src/index.js';

export const target = sqliteTarget((path) => sqliteDialect({ path }));
