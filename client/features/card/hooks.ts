/** What the card screens read besides the card: who is signed in, names, boards. */
import { useQuery } from '@tanstack/react-query';
import { useTRPC, type BoardData, type Catalog } from '../../trpc';

/** The signed-in user, from the query App.tsx already holds. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { retry: false, staleTime: 60_000 })).data ?? null;
}

export function useCatalog() {
  const trpc = useTRPC();
  return useQuery(trpc.catalog.get.queryOptions(undefined, { staleTime: 5 * 60_000 })).data ?? null;
}

export type Project = Catalog['projects'][number];

/** Lookups by id over the catalog: people's names, projects, paths. */
export function catalogIndex(catalog: Catalog | null) {
  const people = new Map((catalog?.people ?? []).map((p) => [p.id, p]));
  const projects = new Map((catalog?.projects ?? []).map((p) => [p.id, p]));
  const paths = new Map((catalog?.paths ?? []).map((p) => [p.id, p]));
  return {
    personName: (id: number | null | undefined) => (id == null ? null : people.get(id)?.name ?? `#${id}`),
    project: (id: number | null | undefined) => (id == null ? undefined : projects.get(id)),
    path: (id: number | null | undefined) => (id == null ? undefined : paths.get(id)),
  };
}

/**
 * Learner names as the board shows them. card.get carries only the learner's id, and a
 * mentor may not open another mentor's learner, so the name comes from the board query
 * (the same cache entry the board page fills).
 */
export function useBoardLearners(boardId: number | null | undefined) {
  const trpc = useTRPC();
  const board = useQuery({ ...trpc.board.get.queryOptions({ boardId: boardId ?? 0 }), enabled: !!boardId, staleTime: 10_000 });
  return board.data?.learners ?? [];
}

/** A learner as board.get lists them: the server's type, through the router's output. */
export type BoardLearner = BoardData['learners'][number];

export function learnerLabel(learner: { firstName: string; lastName: string } | undefined, fallbackId: number): string {
  return learner ? `${learner.firstName} ${learner.lastName}` : `#${fallbackId}`;
}
