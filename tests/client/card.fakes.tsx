/**
 * A fake API for component tests of the card and people screens: a real tRPC client whose
 * link answers from handlers, so components use the same hooks and types as in the app.
 */
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Route, Router, useLocation } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { Providers } from '../../client/Providers';
import type { AppRouter } from '../../server/routers/_app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handlers = Record<string, (input: any) => unknown>;

const HTTP: Record<string, [number, number]> = {
  BAD_REQUEST: [-32600, 400],
  UNAUTHORIZED: [-32001, 401],
  FORBIDDEN: [-32003, 403],
  NOT_FOUND: [-32004, 404],
  CONFLICT: [-32009, 409],
  PRECONDITION_FAILED: [-32012, 412],
};

/** What a handler throws to answer with a server refusal, shaped as the server's errorFormatter does. */
export class Refusal extends Error {
  constructor(
    readonly code: keyof typeof HTTP,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Where the app navigated to, for assertions. */
function LocationProbe() {
  const [path] = useLocation();
  return <output data-testid="location">{path}</output>;
}

/** Renders `ui` with the fake API; with `path`, as the element of that route (for useParams). */
export function renderWithApi(ui: ReactElement, { handlers, route = '/', path }: { handlers: Handlers; route?: string; path?: string }) {
  const calls: { path: string; input: unknown }[] = [];
  const link: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((observer) => {
      calls.push({ path: op.path, input: op.input });
      const handler = handlers[op.path];
      Promise.resolve()
        .then(() => {
          if (!handler) throw new Refusal('NOT_FOUND', `No fake for ${op.path}`);
          return handler(op.input);
        })
        .then(
          (data) => {
            observer.next({ result: { type: 'data', data } });
            observer.complete();
          },
          (error: unknown) => {
            const refusal = error instanceof Refusal ? error : new Refusal('BAD_REQUEST', String(error));
            const [jsonCode, httpStatus] = HTTP[refusal.code]!;
            observer.error(
              TRPCClientError.from({
                error: { code: jsonCode, message: refusal.message, data: { code: refusal.code, httpStatus, path: op.path, ...refusal.extra } },
              }),
            );
          },
        );
    });
  const client = createTRPCClient<AppRouter>({ links: [link] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  const result = render(
    <Providers apiClient={client} queryClient={queryClient}>
      <Router hook={memoryLocation({ path: route }).hook}>
        {path ? <Route path={path}>{ui}</Route> : ui}
        <LocationProbe />
      </Router>
    </Providers>,
  );
  return { ...result, calls, queryClient };
}

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
