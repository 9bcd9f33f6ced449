/**
 * The board as the client holds it (board.get's answer in the query cache), and the pure
 * changes an optimistic move or a live event makes to it. The board and the live feed both
 * write it; the card screens read its learners.
 */
import { comparePositions, positionAt, positionAtEnd, sortByPosition } from '../../shared/ordering';
import type { ColumnKey } from '../../shared/workflow/boards';
import type { BoardData, CardData } from '../trpc';

/** A learner as board.get lists them: the server's type (services/boards.ts BoardLearner), through the router's output. */
export type BoardLearner = BoardData['learners'][number];

/** The board with `cardId` put at `toIndex` of `toColumnKey` (the end by default), as the server will. */
export function withCardMoved(data: BoardData, cardId: number, toColumnKey: ColumnKey, toIndex?: number): BoardData {
  const card = data.cards.find((c) => c.id === cardId);
  if (!card) return data;
  const column = data.cards.filter((c) => c.columnKey === toColumnKey && c.id !== cardId);
  const position = toIndex === undefined ? positionAtEnd(column) : positionAt(column, toIndex);
  // The server bumps the version by one on a move; doing the same lets a second move follow before the refetch.
  const moved: CardData = { ...card, columnKey: toColumnKey, position, version: card.version + 1 };
  return { ...data, cards: sortByPosition(data.cards.map((c) => (c.id === cardId ? moved : c))) };
}

/** A card as board.get lists it, from any fuller copy (card.move's answer, a live event, a conflict's current card). */
export function cardFace(card: CardData): CardData {
  return {
    id: card.id,
    boardId: card.boardId,
    kind: card.kind,
    columnKey: card.columnKey,
    position: card.position,
    learnerId: card.learnerId,
    projectId: card.projectId,
    mentorId: card.mentorId,
    version: card.version,
    defenseDate: card.defenseDate,
    attempt: card.attempt,
    evaluatorId: card.evaluatorId,
    outcome: card.outcome,
    previousCardId: card.previousCardId,
    retakeCardId: card.retakeCardId,
    handoverDate: card.handoverDate,
    newMentorId: card.newMentorId,
    volunteerIds: card.volunteerIds,
    missingFields: card.missingFields,
    hasDescription: card.hasDescription,
    flags: card.flags,
  };
}

/** Whether two faces show the same thing, so a change that shows nothing new re-renders nothing. */
export function sameFace(a: CardData, b: CardData): boolean {
  for (const key of Object.keys(b) as (keyof CardData)[]) {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
    } else if (x !== y) return false;
  }
  return true;
}

/** The board without `cardId`; the very same board when it did not hold it. */
export function withoutCard(data: BoardData, cardId: number): BoardData {
  const at = data.cards.findIndex((c) => c.id === cardId);
  if (at < 0) return data;
  return { ...data, cards: [...data.cards.slice(0, at), ...data.cards.slice(at + 1)] };
}

/**
 * The board with `card` (its face) in its place, added or moved, unless the board already
 * holds a newer version of it: an answer or an echo never undoes a later change. Other
 * cards keep their identity, so memoised faces do not re-render, and each column stays in
 * order (position, then id). The very same board when nothing shows differently.
 */
export function withCardPlaced(data: BoardData, card: CardData): BoardData {
  const face = cardFace(card);
  const at = data.cards.findIndex((c) => c.id === face.id);
  const cached = at >= 0 ? data.cards[at]! : null;
  if (cached && (face.version < cached.version || sameFace(cached, face))) return data;
  const rest = at >= 0 ? [...data.cards.slice(0, at), ...data.cards.slice(at + 1)] : [...data.cards];
  // Before the first card of its column that sorts after it, else after the column's last card.
  let insertAt = -1;
  let lastOfColumn = -1;
  for (let i = 0; i < rest.length; i++) {
    const other = rest[i]!;
    if (other.columnKey !== face.columnKey) continue;
    if (comparePositions(face, other) < 0) {
      insertAt = i;
      break;
    }
    lastOfColumn = i;
  }
  if (insertAt < 0) insertAt = lastOfColumn >= 0 ? lastOfColumn + 1 : rest.length;
  rest.splice(insertAt, 0, face);
  return { ...data, cards: rest };
}

/** The board with `card` put back as it was, whatever version the board holds now (a refused move undone). */
export function withCardRestored(data: BoardData, card: CardData): BoardData {
  return withCardPlaced(withoutCard(data, card.id), card);
}

export function learnerName(learner: BoardLearner | undefined): string | null {
  return learner ? `${learner.firstName} ${learner.lastName}` : null;
}

/** The learner's name, or their id when the board does not list them. */
export function learnerLabel(learner: { firstName: string; lastName: string } | undefined, fallbackId: number): string {
  return learner ? `${learner.firstName} ${learner.lastName}` : `#${fallbackId}`;
}
