// `npm start`: builds the client if needed, then serves app + API on PORT (default 3000).
// The server runs in this very process (TypeScript loaded through tsx's loader), so Ctrl-C
// or killing this process, by any signal, stops the server with it: there is no child left
// listening behind.
import { register } from 'tsx/esm/api';
import { ensureClientBuilt } from './client-build.mjs';

try {
  if (process.env.RELAIS_SKIP_BUILD !== '1') ensureClientBuilt();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

process.env.NODE_ENV ??= 'production';
register();
await import('../server/index.ts');
