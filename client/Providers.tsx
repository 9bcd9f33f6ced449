import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import { createApiClient, TRPCProvider } from './trpc';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A refusal (401, 403, 404, 412…) will not change by asking again.
        retry: (count, error) => !(error instanceof TRPCClientError && error.data?.httpStatus < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Query cache and API client; tests pass their own. */
export function Providers({ children, queryClient, apiClient }: { children: ReactNode; queryClient?: QueryClient; apiClient?: ReturnType<typeof createApiClient> }) {
  const [qc] = useState(() => queryClient ?? makeQueryClient());
  const [api] = useState(() => apiClient ?? createApiClient());
  return (
    <QueryClientProvider client={qc}>
      <TRPCProvider trpcClient={api} queryClient={qc}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
