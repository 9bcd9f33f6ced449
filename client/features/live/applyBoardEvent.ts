/**
 * What one event of the live feed does to the board the client holds. Pure, so the
 * subscription, the updates held back during a drag and the tests all agree. The event
 * carries the card as it is now; the board takes its face, places it by column and
 * position as the server orders them, and never goes back to an older version than the
 * one it holds (an optimistic move is a version ahead of its echo until the echo arrives).
 */
import type { BoardData, BoardEvent } from '../../trpc';
import { withCardPlaced, withoutCard, type BoardLearner } from '../../lib/boardData';

function sameLearner(a: BoardLearner, b: BoardLearner): boolean {
  return (
    a.firstName === b.firstName &&
    a.lastName === b.lastName &&
    a.pathId === b.pathId &&
    a.currentProjectId === b.currentProjectId &&
    a.mentorId === b.mentorId &&
    a.rqth === b.rqth
  );
}

/** The board's learners with `learner` added, or refreshed when it changed. */
function withLearner(data: BoardData, learner: BoardLearner): BoardData {
  const learners = data.learners;
  const at = learners.findIndex((l) => l.id === learner.id);
  if (at >= 0 && sameLearner(learners[at]!, learner)) return data;
  const next = at >= 0 ? learners.map((l, i) => (i === at ? learner : l)) : [...learners, learner];
  return { ...data, learners: next };
}

/**
 * The board after `event`. A card that left this user's view ('hidden', which carries
 * nothing but the card's id), was archived or is on another board is taken off; any other
 * card is put in place, with its learner. Returns the very same object when nothing
 * visible changed.
 */
export function applyBoardEvent(data: BoardData, event: BoardEvent): BoardData {
  const card = event.card;
  if (!card) return event.type === 'hidden' && event.cardId !== null ? withoutCard(data, event.cardId) : data;
  if (card.archived || card.boardId !== data.board.id) return withoutCard(data, card.id);
  const placed = withCardPlaced(data, card);
  // The learner comes as they are now, whatever the card's version: a profile edit may change only them.
  return event.learner ? withLearner(placed, event.learner) : placed;
}

/** `cardId` when the board now shows that card differently (added, moved or changed), else null. */
export function changedCardId(before: BoardData, after: BoardData, cardId: number | null): number | null {
  if (cardId === null || before.cards === after.cards) return null;
  const now = after.cards.find((c) => c.id === cardId);
  if (!now) return null;
  return before.cards.find((c) => c.id === cardId) === now ? null : cardId;
}
