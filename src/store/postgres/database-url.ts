/** VENDORWATCH_DB names PostgreSQL when it is a postgres:// or postgresql:// URL; anything else is a SQLite file path. */
export function isPostgresUrl(setting: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(setting.trim());
}

const MASK = '***';
const SECRET_PARAMETERS = /(^|&)((?:ssl)?password)=[^&#]*/gi;

/**
 * The connection string fit for a log line or an error message: the password after `user:` and any `password=` or
 * `sslpassword=` parameter become ***. Plain string work rather than URL parsing, so that a password the URL parser
 * would misread (an unencoded '/', '?' or '@' in it) is hidden all the same: everything from the first ':' of the user
 * part to the last '@' before the parameters goes (to the last '@' at all when there is none before them: a '?' in the
 * password). When in doubt it hides too much rather than too little. A file path (SQLite) comes back unchanged.
 */
export function maskDatabaseUrl(setting: string): string {
  if (!isPostgresUrl(setting)) return setting;
  const text = setting.trim();
  const start = text.indexOf('://') + 3;
  const firstQuery = text.indexOf('?', start);
  const atBeforeQuery = firstQuery === -1 ? text.lastIndexOf('@') : text.lastIndexOf('@', firstQuery);
  const at = atBeforeQuery >= start ? atBeforeQuery : text.lastIndexOf('@');
  let masked = text;
  let rest = start;
  if (at >= start) {
    const colon = text.indexOf(':', start);
    if (colon !== -1 && colon < at) masked = `${text.slice(0, colon + 1)}${MASK}${text.slice(at)}`;
    rest = masked.indexOf('@', start);
  }
  const queryAt = masked.indexOf('?', rest);
  if (queryAt === -1) return masked;
  return `${masked.slice(0, queryAt + 1)}${masked.slice(queryAt + 1).replace(SECRET_PARAMETERS, `$1$2=${MASK}`)}`;
}

/**
 * The passwords a PostgreSQL URL holds (after `user:`, and any `password=` parameter), decoded, for the log's
 * secret masking: a driver error that quotes one is masked too. None for a file path or a URL without one.
 */
export function databasePasswords(setting: string): string[] {
  if (!isPostgresUrl(setting)) return [];
  const found: string[] = [];
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  try {
    const url = new URL(setting.trim());
    if (url.password) found.push(url.password, decode(url.password));
    for (const [name, value] of url.searchParams) if (/^(ssl)?password$/i.test(name) && value) found.push(value);
  } catch {
    // Not a URL the parser reads: maskDatabaseUrl still hides it wherever the setting is shown.
  }
  return [...new Set(found)];
}
