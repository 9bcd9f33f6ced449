/**
 * The card and people screens' fixtures: two people, the catalog, one learner and their
 * defense card as card.get answers, and the handlers every screen reads besides its own.
 * The fake API itself is fakeApi.tsx.
 */
import type { Handlers } from './fakeApi';

export const manager = { id: 1, email: 'manager@relais.test', name: 'Camille Laurent', role: 'manager' as const, isEvaluator: false };
export const mentor = { id: 2, email: 'mentor@relais.test', name: 'Julien Moreau', role: 'mentor' as const, isEvaluator: false };

export const catalog = {
  paths: [{ id: 1, code: 'DW', name: 'Développeur web' }],
  projects: [
    { id: 10, pathId: 1, position: 1, code: 'DW-P2', title: 'Transformez une maquette en site web', color: '#2563eb' },
    { id: 11, pathId: 1, position: 2, code: 'DW-P3', title: 'Dynamisez une page web', color: '#7c3aed' },
  ],
  people: [
    { id: 1, name: 'Camille Laurent', role: 'manager', isEvaluator: false },
    { id: 2, name: 'Julien Moreau', role: 'mentor', isEvaluator: false },
    { id: 3, name: 'Nadia Haddad', role: 'mentor', isEvaluator: true },
    { id: 4, name: 'Thomas Petit', role: 'mentor', isEvaluator: true },
    { id: 5, name: 'Sophie Bernard', role: 'mentor', isEvaluator: false },
  ],
};

export const boards = [
  { id: 1, kind: 'defense', name: 'Defenses' },
  { id: 2, kind: 'transfer', name: 'Transfers' },
];

export const learner = { id: 7, firstName: 'Léa', lastName: 'Martin', pathId: 1, currentProjectId: 10, mentorId: 2, rqth: false };

/** A card as card.get answers; `hasDescription` follows the description, as the server's does. */
export function defenseCard(overrides: Record<string, unknown> = {}) {
  const card = {
    id: 42,
    boardId: 1,
    kind: 'defense',
    columnKey: 'proposals',
    position: 'a0',
    learnerId: 7,
    projectId: 10,
    mentorId: 2,
    description: '- Livrables : https://github.com/exemple/soutenance',
    version: 3,
    archived: false,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-06T09:00:00.000Z',
    defenseDate: '2026-02-10T14:00:00.000Z',
    attempt: 1,
    evaluatorId: null,
    outcome: null,
    previousCardId: null,
    retakeCardId: null,
    handoverDate: null,
    reason: null,
    volunteerIds: [],
    newMentorId: null,
    missingFields: [],
    flags: [],
    learnerMissingFields: [],
    history: [
      { id: 1, type: 'created', actorId: 2, at: '2026-01-05T09:00:00.000Z', to: 'drafts', data: { to: 'drafts' } },
      { id: 2, type: 'moved', actorId: 1, at: '2026-01-06T09:00:00.000Z', from: 'drafts', to: 'proposals', data: { from: 'drafts', to: 'proposals' } },
    ],
    comments: [],
    ...overrides,
  };
  return { hasDescription: typeof card.description === 'string' && card.description.trim() !== '', ...card };
}

export function boardData(cards: unknown[] = [defenseCard()]) {
  return {
    board: { id: 1, kind: 'defense', name: 'Defenses' },
    columns: [],
    cards,
    learners: [learner],
  };
}

/** The handlers every screen reads besides its own. */
export function baseHandlers(me: typeof manager | typeof mentor = manager): Handlers {
  return {
    'auth.me': () => me,
    'catalog.get': () => catalog,
    'board.list': () => boards,
    'board.get': () => boardData(),
    'notification.list': () => ({ items: [], unread: 0 }),
  };
}
