/** Process settings, read once. */
function trustProxy(value: string | undefined): string | boolean | number {
  if (value === undefined || value === '') return 'loopback';
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

export const env = {
  port: Number(process.env.PORT ?? 3000),
  /** This machine only, as behind a reverse proxy; HOST=0.0.0.0 to serve a network directly. */
  host: process.env.HOST ?? '127.0.0.1',
  /** Express's `trust proxy`: whose X-Forwarded-For gives a client's address (default: a proxy on this machine). */
  trustProxy: trustProxy(process.env.RELAIS_TRUST_PROXY),
  databaseUrl: process.env.DATABASE_URL || undefined,
  sqliteFile: process.env.RELAIS_DB ?? 'data/relais.sqlite',
  production: process.env.NODE_ENV === 'production',
  /** Sessions last two weeks of inactivity. */
  sessionDays: Number(process.env.RELAIS_SESSION_DAYS ?? 14),
  secureCookies: process.env.RELAIS_SECURE_COOKIES === '1',
  seedDemo: process.env.RELAIS_SEED !== 'none',
  /** The address people open Relais at, for the links it hands out (set-password links); by default, the address a request was sent to. */
  publicUrl: process.env.RELAIS_PUBLIC_URL || undefined,
};
