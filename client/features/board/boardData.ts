/** The board as the client holds it, and the pure changes an optimistic move makes to it. */
import { positionAt, positionAtEnd, sortByPosition } from '../../../shared/ordering';
import type { ColumnKey } from '../../../shared/workflow/boards';
import type { BoardData, CardData, Catalog } from '../../trpc';

/**
 * A learner as board.get lists them. Declared here because the server reads them with
 * `raw: true`, which types them as plain `object`; see boardLearners.
 */
export interface BoardLearner {
  id: number;
  firstName: string;
  lastName: string;
  pathId: number | null;
  currentProjectId: number | null;
  mentorId: number;
  rqth: boolean | null;
}

export function boardLearners(data: BoardData): BoardLearner[] {
  return data.learners as BoardLearner[];
}
export type Project = Catalog['projects'][number];
export type Person = Catalog['people'][number];

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

/** The board with the server's copy of a card in place of ours. */
export function withCard(data: BoardData, card: CardData): BoardData {
  if (!data.cards.some((c) => c.id === card.id)) return data;
  return { ...data, cards: sortByPosition(data.cards.map((c) => (c.id === card.id ? card : c))) };
}

export function learnerName(learner: BoardLearner | undefined): string | null {
  return learner ? `${learner.firstName} ${learner.lastName}` : null;
}
