/**
 * The fake API of the client tests: a real tRPC client whose one link answers from
 * handlers by procedure path and records every call, so components run the same queries,
 * mutations and types as in the browser. A subscription without a handler is held open
 * (`feeds`) for the test to drive. Fixtures live beside it: cardFixtures (the card and
 * people screens), boardFixtures (the board).
 */
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable, type Observer } from '@trpc/server/observable';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Route, Router, useLocation, useSearch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { Providers } from '../../client/Providers';
import type { AppRouter } from '../../server/routers/_app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (input: any) => unknown;
export type Handlers = Record<string, Handler>;

export interface Call {
  path: string;
  input: unknown;
}

/** An open subscription: the test sends it results (`next`) as the server would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Feed = Observer<any, TRPCClientError<AppRouter>>;

const HTTP: Record<string, [number, number]> = {
  BAD_REQUEST: [-32600, 400],
  UNAUTHORIZED: [-32001, 401],
  FORBIDDEN: [-32003, 403],
  NOT_FOUND: [-32004, 404],
  CONFLICT: [-32009, 409],
  PRECONDITION_FAILED: [-32012, 412],
  TOO_MANY_REQUESTS: [-32029, 429],
};

/** What a handler throws to answer with a server refusal, shaped as the server's errorFormatter does. */
export class Refusal extends Error {
  constructor(
    readonly code: keyof typeof HTTP,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A refusal as the server sends it (code, rule, fields), for a handler to throw as it is. */
export function serverRefusal(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data: { httpStatus: 412, ...data } } });
}

function clientError(error: unknown, path: string): TRPCClientError<AppRouter> {
  if (error instanceof TRPCClientError) return error;
  const refusal = error instanceof Refusal ? error : new Refusal('BAD_REQUEST', String(error));
  const [jsonCode, httpStatus] = HTTP[refusal.code]!;
  return TRPCClientError.from({ error: { code: jsonCode, message: refusal.message, data: { code: refusal.code, httpStatus, path, ...refusal.extra } } });
}

/** A tRPC client answering from `handlers` by procedure path; every call lands in `calls`. */
export function fakeApi(handlers: Handlers, calls: Call[] = []) {
  const feeds: Feed[] = [];
  const link: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((observer) => {
      calls.push({ path: op.path, input: op.input });
      const handler = handlers[op.path];
      if (op.type === 'subscription' && !handler) {
        feeds.push(observer);
        return () => {};
      }
      Promise.resolve()
        .then(() => {
          if (!handler) throw new Refusal('NOT_FOUND', `No fake for ${op.path}`);
          return handler(op.input);
        })
        .then(
          (data) => {
            observer.next({ result: { type: 'data', data } });
            observer.complete();
          },
          (error: unknown) => observer.error(clientError(error, op.path)),
        );
      return () => {};
    });
  return { client: createTRPCClient<AppRouter>({ links: [link] }), calls, feeds };
}

/** Where the app navigated to (path and search), for assertions. */
function LocationProbe() {
  const [path] = useLocation();
  const search = useSearch();
  return <div data-testid="location">{`${path}${search ? `?${search}` : ''}`}</div>;
}

/** Renders `ui` with the fake API at `route`; with `path`, as the element of that route (for useParams). */
export function renderWithApi(ui: ReactElement, { handlers, route = '/', path }: { handlers: Handlers; route?: string; path?: string | RegExp }) {
  const api = fakeApi(handlers);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  const result = render(
    <Providers apiClient={api.client} queryClient={queryClient}>
      <Router hook={memoryLocation({ path: route }).hook}>
        {path ? <Route path={path}>{ui}</Route> : ui}
        <LocationProbe />
      </Router>
    </Providers>,
  );
  return { ...result, calls: api.calls, feeds: api.feeds, queryClient };
}
