/**
 * A fresh, migrated database per test file: a temporary SQLite file by default, or, with
 * RELAIS_TEST_PG=1, a PostgreSQL database created for the run and dropped after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/sequelize';

export const onPostgres = process.env.RELAIS_TEST_PG === '1';
export const PG_ADMIN_URL = process.env.RELAIS_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Database;
  url?: string;
  drop(): Promise<void>;
}

export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `relais_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function testDatabase(): Promise<TestDatabase> {
  if (onPostgres) {
    const pgdb = await createPgDatabase();
    const db = openDatabase({ url: pgdb.url });
    await db.migrate();
    return {
      db,
      url: pgdb.url,
      async drop() {
        await db.close();
        await pgdb.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-test-'));
  const db = openDatabase({ storage: path.join(dir, 'relais.sqlite') });
  await db.migrate();
  return {
    db,
    async drop() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
