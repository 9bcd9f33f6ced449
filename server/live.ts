/**
 * `GET /trpc/board.events`, the live feed, written to the socket directly.
 *
 * The procedure itself is tRPC's (server/routers/board.ts): this route calls it through the
 * router, so the session, the input's schema, the subscription cap and every error are the
 * procedure's own. Only the encoding is this file's: tRPC's SSE producer runs each event
 * through a chain of web streams that costs ~300 µs of CPU per event and per viewer, which
 * with 200 people watching a board took the server's moves to a tenth. Here an event is one
 * `res.write`, and the events a viewer is due in one turn of the event loop go out in one
 * packet. The wire format is tRPC's (`connected`, data with its `id`, `ping`,
 * `serialized-error`, `return`), so `httpSubscriptionLink` and any EventSource read it as before.
 */
import type { Request, Response } from 'express';
import { TRPCError } from '@trpc/server';
import { getErrorShape, getTRPCErrorFromUnknown, isAbortError } from '@trpc/server/unstable-core-do-not-import';
import type { createContextFactory } from './context';
import { appRouter, createCaller } from './routers/_app';

/** As tRPC's `sse` settings in server/trpc.ts: a ping every 10 s, the client reconnects after 25 s of silence. */
const PING_MS = 10_000;
const CLIENT_OPTIONS = JSON.stringify({ reconnectAfterInactivityMs: 25_000 });

type CreateContext = ReturnType<typeof createContextFactory>;

/** Events are shared among the viewers who see them alike (feedEvents.ts): each is serialised once. */
const texts = new WeakMap<object, string>();
function serialised(data: unknown): string {
  if (data === null || typeof data !== 'object') return JSON.stringify(data);
  let text = texts.get(data);
  if (text === undefined) texts.set(data, (text = JSON.stringify(data)));
  return text;
}

/** The subscription's input as tRPC reads it: `?input=` JSON, with the SSE `Last-Event-Id` (header or query) as `lastEventId`. */
function inputOf(req: Request): unknown {
  const raw = typeof req.query.input === 'string' ? req.query.input : undefined;
  let input: unknown;
  try {
    input = raw === undefined ? undefined : JSON.parse(raw);
  } catch (cause) {
    throw new TRPCError({ code: 'PARSE_ERROR', message: 'The input is not JSON.', cause });
  }
  const lastEventId = req.get('last-event-id') ?? (req.query.lastEventId as string | undefined) ?? (req.query['Last-Event-Id'] as string | undefined);
  if (lastEventId && input !== null && typeof input === 'object') input = { ...input, lastEventId };
  return input;
}

export function boardEventsRoute(createContext: CreateContext) {
  return async (req: Request, res: Response) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    // Writes of one turn of the event loop leave in one packet.
    let corked = false;
    const send = (text: string) => {
      if (res.writableEnded) return;
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(() => {
          corked = false;
          res.uncork();
        });
      }
      res.write(text);
    };
    send(`event: connected\ndata: ${CLIENT_OPTIONS}\n\n`);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const ping = setInterval(() => send('event: ping\ndata: \n\n'), PING_MS);
    let ctx: Awaited<ReturnType<CreateContext>> | undefined;
    let input: unknown;
    try {
      ctx = await createContext({ req, res });
      input = inputOf(req);
      const events = (await createCaller(ctx, { signal: abort.signal }).board.events(input as never)) as AsyncIterable<[string, unknown]>;
      for await (const [id, data] of events) send(`data: ${serialised(data)}\nid: ${id}\n\n`);
      send('event: return\ndata: \n\n');
    } catch (cause) {
      if (!abort.signal.aborted && !isAbortError(cause)) {
        const error = getTRPCErrorFromUnknown(cause);
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error('[trpc] board.events:', error.cause ?? error);
        const shape = getErrorShape({ config: appRouter._def._config, ctx, error, input, path: 'board.events', type: 'subscription' });
        send(`event: serialized-error\ndata: ${JSON.stringify(shape)}\n\n`);
      }
    } finally {
      clearInterval(ping);
      res.end();
    }
  };
}
