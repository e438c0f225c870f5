import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/database-url.js';

describe('the database as it is shown', () => {
  it.each([
    ['postgres://app:s3cret@db:5432/agno', 'postgres://app:***@db:5432/agno'],
    ['mysql://root@127.0.0.1:3306/test', 'mysql://root@127.0.0.1:3306/test'],
    ['postgresql://app:p%40ss@db/agno?sslmode=require', 'postgresql://app:***@db/agno?sslmode=require'],
    ['postgres://app@db/agno?sslmode=require&password=hunter22', 'postgres://app@db/agno?sslmode=require&password=***'],
    ['mariadb://u:x@h/d?sslpassword=abc', 'mariadb://u:***@h/d?sslpassword=***'],
  ])('%s → %s', (url, shown) => {
    const target = parseDatabaseUrl(url);
    expect(target.display).toBe(shown);
    expect(target.location).toBe(url);
  });
});
