import { ConfigurationError } from '@agno-migrate/core/dialect';
import type { MysqlUrl } from '@agno-migrate/dialect-mysql';
import { parseMysqlUrl } from '@agno-migrate/dialect-mysql';

/**
 * `singlestore://user:password@host:port/database`: SingleStore speaks the MySQL protocol, so the
 * URL is a MySQL one under another scheme (`mysql://` is accepted too).
 */
export function parseSinglestoreUrl(url: string): MysqlUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL may hold a password, so it is never repeated back.
    throw new ConfigurationError('the SingleStore URL is malformed: expected singlestore://user:password@host:port/database');
  }
  if (parsed.protocol !== 'singlestore:' && parsed.protocol !== 'mysql:') {
    throw new ConfigurationError(`the SingleStore URL must start with singlestore://, not ${parsed.protocol}//`, {
      scheme: parsed.protocol,
    });
  }
  const asMysql = `mysql:${url.trim().slice(url.trim().indexOf(':') + 1)}`;
  return { ...parseMysqlUrl(asMysql), scheme: 'singlestore' };
}
