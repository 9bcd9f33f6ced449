/** Process settings, read once. */
export const env = {
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '0.0.0.0',
  databaseUrl: process.env.DATABASE_URL || undefined,
  sqliteFile: process.env.RELAIS_DB ?? 'data/relais.sqlite',
  production: process.env.NODE_ENV === 'production',
  /** Sessions last two weeks of inactivity. */
  sessionDays: Number(process.env.RELAIS_SESSION_DAYS ?? 14),
  secureCookies: process.env.RELAIS_SECURE_COOKIES === '1',
  seedDemo: process.env.RELAIS_SEED !== 'none',
};
