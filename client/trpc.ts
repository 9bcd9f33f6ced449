/** The typed API client. The client imports only the router's type from the server. */
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import i18next from 'i18next';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../server/routers/_app';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createApiClient(baseUrl = '') {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Server-sent events: an EventSource (a GET, same-origin cookies included) that
        // reconnects by itself and resumes from the last tracked event id.
        true: httpSubscriptionLink({ url: `${baseUrl}/trpc` }),
        false: httpBatchLink({
          url: `${baseUrl}/trpc`,
          // API.md: the server refuses a batch of more than 25 calls (413); bigger ones are split.
          maxItems: 25,
          // API.md: every POST carries X-Relais-Client (the server's CSRF guard); the
          // server words its messages in the language the reader chose (X-Relais-Locale).
          headers: () => ({ 'X-Relais-Client': 'relais-web', 'X-Relais-Locale': i18next.resolvedLanguage ?? i18next.language ?? 'en' }),
        }),
      }),
    ],
  });
}

export type Outputs = inferRouterOutputs<AppRouter>;
export type BoardData = Outputs['board']['get'];
export type CardData = BoardData['cards'][number];
export type CardDetail = Outputs['card']['get'];
export type Catalog = Outputs['catalog']['get'];
export type Me = Outputs['auth']['me'];
/** One event of a board's live feed (board.events), as the subscription yields it: the tracked id and the event. */
export type BoardFeedItem = Outputs['board']['events'] extends AsyncIterable<infer T> ? T : never;
export type BoardEvent = BoardFeedItem extends { data: infer E } ? E : never;
