import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';

/**
 * Learner names as the board shows them. card.get carries only the learner's id, and a
 * mentor may not open another mentor's learner, so the name comes from the board query
 * (the same cache entry the board page fills).
 */
export function useBoardLearners(boardId: number | null | undefined) {
  const trpc = useTRPC();
  const board = useQuery({ ...trpc.board.get.queryOptions({ boardId: boardId ?? 0 }), enabled: !!boardId, staleTime: 10_000 });
  // A withdrawn or archived card's learner may be on the board's Archived view only: read from that cache entry, never fetched here.
  const archived = useQuery({ ...trpc.board.get.queryOptions({ boardId: boardId ?? 0, archived: true }), enabled: false });
  const learners = board.data?.learners ?? [];
  const more = (archived.data?.learners ?? []).filter((l) => !learners.some((x) => x.id === l.id));
  return more.length > 0 ? [...learners, ...more] : learners;
}
