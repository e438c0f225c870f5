import type { ConnectionOptions } from 'mysql2';

/** mysql2 options from a `mysql://` URL (type-only import: loading this costs no driver). */
export function mysqlOptions(url: string): ConnectionOptions {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: u.port === '' ? 3306 : Number(u.port),
    ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(database ? { database } : {}),
    charset: 'utf8mb4',
    supportBigNumbers: true,
    multipleStatements: false,
  };
}
