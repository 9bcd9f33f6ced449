/** Who is signed in, for screens below the shell. */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

/** The signed-in user, from the query App.tsx already holds. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { retry: false, staleTime: 60_000 })).data ?? null;
}
