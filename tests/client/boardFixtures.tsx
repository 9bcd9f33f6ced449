/**
 * A small defense board for the board's component tests, and the board page rendered over
 * the fake API (fakeApi.tsx) with it.
 */
import { addDays, toDay } from '../../shared/dates';
import { BOARD_ROUTE, BoardPage } from '../../client/features/board/BoardPage';
import type { BoardData, CardData, Catalog, Me } from '../../client/trpc';
import { renderWithApi, type Handlers } from './fakeApi';

export const today = toDay(new Date());
export const dayIn = (days: number) => addDays(today, days);
export const instantIn = (days: number, hour = 14) => `${dayIn(days)}T${String(hour).padStart(2, '0')}:00:00.000Z`;

export const manager: Me = { id: 1, email: 'manager@relais.test', name: 'Camille Laurent', role: 'manager', isEvaluator: false };
export const julien: Me = { id: 2, email: 'mentor@relais.test', name: 'Julien Moreau', role: 'mentor', isEvaluator: false };
export const sophie: Me = { id: 3, email: 'mentor2@relais.test', name: 'Sophie Bernard', role: 'mentor', isEvaluator: false };
export const nadia: Me = { id: 4, email: 'evaluator@relais.test', name: 'Nadia Haddad', role: 'mentor', isEvaluator: true };

export const catalog: Catalog = {
  paths: [
    { id: 1, code: 'DW', name: 'Développeur web' },
    { id: 2, code: 'CPD', name: 'Chef de projet digital' },
  ],
  projects: [
    { id: 2, pathId: 1, position: 2, code: 'DW-P2', title: 'Transformez une maquette en site web', color: '#2563eb' },
    { id: 3, pathId: 1, position: 3, code: 'DW-P3', title: 'Dynamisez une page web', color: '#7c3aed' },
    { id: 6, pathId: 2, position: 1, code: 'CPD-P1', title: 'Cadrez un projet digital', color: '#d97706' },
  ],
  people: [manager, julien, sophie, nadia].map((p) => ({ id: p.id, name: p.name, role: p.role, isEvaluator: p.isEvaluator })),
};

export const learners = [
  { id: 10, firstName: 'Léa', lastName: 'Martin', pathId: 1, currentProjectId: 2, mentorId: 2, rqth: false },
  { id: 11, firstName: 'Hugo', lastName: 'Durand', pathId: 1, currentProjectId: 3, mentorId: 3, rqth: false },
  { id: 12, firstName: 'Chloé', lastName: 'Lefebvre', pathId: 2, currentProjectId: 6, mentorId: 3, rqth: false },
  { id: 13, firstName: 'Lucas', lastName: 'Roux', pathId: 1, currentProjectId: 3, mentorId: 2, rqth: false },
  { id: 14, firstName: 'Manon', lastName: 'Fournier', pathId: 1, currentProjectId: 2, mentorId: 2, rqth: false },
];

export function makeCard(overrides: Partial<CardData> & Pick<CardData, 'id' | 'columnKey' | 'learnerId'>): CardData {
  return {
    boardId: 1,
    kind: 'defense',
    position: `a${overrides.id}`,
    projectId: 2,
    mentorId: 2,
    hasDescription: true,
    version: 3,
    defenseDate: instantIn(18),
    attempt: 1,
    evaluatorId: null,
    outcome: null,
    previousCardId: null,
    retakeCardId: null,
    handoverDate: null,
    volunteerIds: [],
    newMentorId: null,
    missingFields: [],
    flags: [],
    ...overrides,
  };
}

export function defenseBoard(): BoardData {
  return {
    board: { id: 1, kind: 'defense', name: 'Defenses' },
    columns: [
      { id: 1, key: 'drafts', name: 'Drafts' },
      { id: 2, key: 'proposals', name: 'Proposals' },
      { id: 3, key: 'profile_to_update', name: 'Profile to update' },
      { id: 4, key: 'assigned', name: 'Assigned' },
      { id: 5, key: 'done', name: 'Done' },
    ],
    cards: [
      makeCard({ id: 101, columnKey: 'drafts', learnerId: 10, position: 'a0' }),
      makeCard({ id: 102, columnKey: 'drafts', learnerId: 11, mentorId: 3, projectId: 3, hasDescription: false, position: 'a1' }),
      makeCard({ id: 103, columnKey: 'proposals', learnerId: 12, mentorId: 3, projectId: 6, defenseDate: instantIn(5), flags: ['due_soon'], position: 'a0' }),
      makeCard({ id: 104, columnKey: 'profile_to_update', learnerId: 13, projectId: 3, missingFields: ['funding', 'professionalGoal'], position: 'a0' }),
      makeCard({ id: 105, columnKey: 'assigned', learnerId: 14, evaluatorId: 4, attempt: 2, defenseDate: instantIn(30), flags: ['early'], position: 'a0' }),
    ],
    learners,
  };
}

/** The board page at `url` as `user` sees it, over the small board and catalog unless `handlers` say otherwise. */
export function renderBoard({ user = manager, url = '/boards/1', handlers = {} as Handlers } = {}) {
  return renderWithApi(<BoardPage user={user} />, {
    handlers: { 'board.get': () => defenseBoard(), 'catalog.get': () => catalog, ...handlers },
    route: url,
    path: BOARD_ROUTE,
  });
}
