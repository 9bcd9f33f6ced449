/** The typed API client. The client imports only the router's type from the server. */
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../server/routers/_app';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createApiClient(baseUrl = '') {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${baseUrl}/trpc`,
        // API.md: every POST carries X-Relais-Client (the server's CSRF guard).
        headers: () => ({ 'X-Relais-Client': 'relais-web' }),
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
