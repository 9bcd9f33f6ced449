/** Starts Relais: opens and migrates the database, seeds the demo into an empty one, listens. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { openDatabase } from './db/sequelize';
import { seedDemoIfEmpty } from './db/seed';
import { env } from './env';
import { createEventBus, createPgEventBus } from './events';
import { UNKNOWN_CLIENT } from './services/context';
import { sweepAtRisk } from './services/notifications';

// Source-mapped stack traces cost: Sequelize reads an Error's stack on every query, and
// mapping it back to TypeScript took a tenth of a move's time under load. Production maps
// them only when asked (RELAIS_SOURCE_MAPS=1); development keeps them.
if (process.env.NODE_ENV === 'production' && process.env.RELAIS_SOURCE_MAPS !== '1') process.setSourceMapsEnabled(false);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const db = openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { storage: path.resolve(root, env.sqliteFile) });
  await db.migrate();
  if (env.seedDemo && (await seedDemoIfEmpty(db))) console.log('Relais: demo data seeded (password relais-demo).');
  const events = env.databaseUrl ? await createPgEventBus(env.databaseUrl) : createEventBus();
  const app = createApp({
    db,
    events,
    clientDir: path.join(root, 'dist/client'),
    secureCookies: env.secureCookies,
    sessionDays: env.sessionDays,
    trustProxy: env.trustProxy,
  });
  const server = app.listen(env.port, env.host, () => {
    console.log(`Relais is listening on http://${env.host === '0.0.0.0' ? 'localhost' : env.host}:${env.port} (${db.dialect})`);
  });
  // System work, on the clock rather than on someone's read: at start, then every 15 minutes.
  const system = { db, events, user: null, now: () => new Date(), client: UNKNOWN_CLIENT };
  const runSweep = () => void sweepAtRisk(system).catch((err) => console.error('at-risk sweep failed', err));
  runSweep();
  const sweep = setInterval(runSweep, 15 * 60_000);
  const stop = () => {
    clearInterval(sweep);
    server.close(() => void Promise.allSettled([events.close(), db.close()]).then(() => process.exit(0)));
    // Open SSE streams would hold close() forever.
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
