/** The database the server would open: DATABASE_URL (PostgreSQL), else RELAIS_DB (SQLite, relative to the repository), migrated. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../db/sequelize';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function openConfiguredDatabase(env: NodeJS.ProcessEnv): Promise<{ db: Database; where: string }> {
  const url = env.DATABASE_URL || undefined;
  const storage = path.resolve(root, env.RELAIS_DB ?? 'data/relais.sqlite');
  const db = openDatabase(url ? { url } : { storage });
  await db.migrate();
  return { db, where: url ? 'PostgreSQL (DATABASE_URL)' : storage };
}
