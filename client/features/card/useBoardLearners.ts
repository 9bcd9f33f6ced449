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
  return board.data?.learners ?? [];
}
