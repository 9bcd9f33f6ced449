/** What the board finds by id while it renders and drags: cards, learners, projects, people. */
import type { BoardLearner } from '../../lib/boardData';
import type { Person, Project } from '../../lib/catalog';
import type { CardData } from '../../trpc';

export interface Lookups {
  cards: ReadonlyMap<number, CardData>;
  learners: ReadonlyMap<number, BoardLearner>;
  projects: ReadonlyMap<number, Project>;
  people: ReadonlyMap<number, Person>;
}

/** The evaluator (defense) or the new mentor (transfer), once chosen. */
export function assigneeOf(card: CardData, people: ReadonlyMap<number, Person>): Person | undefined {
  const id = card.kind === 'defense' ? card.evaluatorId : card.newMentorId;
  return id !== null ? people.get(id) : undefined;
}
