import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../client/i18n';
import {
  activeFilterCount,
  applyFilters,
  foldText,
  matchesFilters,
  NO_FILTERS,
  parseFilters,
  writeFilters,
  type FilterContext,
} from '../../client/features/board/filters';
import { dayIn, defenseBoard, instantIn, julien, learners, makeCard, nadia, renderBoard, today } from './boardFixtures';

vi.mock('../../client/features/card/CardDetailDrawer', () => ({ CardDetailDrawer: () => null }));
vi.mock('../../client/features/card/CardDialogs', () => ({ CardDialogs: () => null }));

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

const ctx: FilterContext = { learners: new Map(learners.map((l) => [l.id, l])), meId: julien.id, today };
const cards = defenseBoard().cards;
const names = (list: typeof cards) => list.map((c) => learners.find((l) => l.id === c.learnerId)!.firstName);

describe('filters in the URL', () => {
  it('reads every filter, and ignores what is not one', () => {
    const filters = parseFilters(new URLSearchParams('q=lea&mentor=3&evaluator=4&path=1&project=2&due=7&mine=1&mentor=x'), 'defense');
    expect(filters).toEqual({ q: 'lea', mentor: 3, assignee: 4, path: 1, project: 2, due: 7, mine: true });
    expect(parseFilters(new URLSearchParams('mentor=abc&due=-3&mine=yes'), 'defense')).toEqual(NO_FILTERS);
  });

  it('reads the assignee under the key of its board', () => {
    expect(parseFilters(new URLSearchParams('evaluator=4'), 'transfer').assignee).toBeNull();
    expect(parseFilters(new URLSearchParams('newMentor=4'), 'transfer').assignee).toBe(4);
  });

  it('writes only the filters that are set, keeping other params', () => {
    const params = writeFilters(new URLSearchParams('tab=history&q=old'), { ...NO_FILTERS, mentor: 2, mine: true }, 'transfer');
    expect(params.toString()).toBe('tab=history&mentor=2&mine=1');
    expect(writeFilters(params, { ...NO_FILTERS, assignee: 5 }, 'transfer').toString()).toBe('tab=history&newMentor=5');
  });

  it('counts active filters', () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...NO_FILTERS, q: '  ', due: 7, mine: true })).toBe(2);
  });
});

describe('which cards pass', () => {
  it('finds a learner without caring for accents, case or word order', () => {
    expect(foldText('  Chloé   LEFEBVRE ')).toBe('chloe lefebvre');
    expect(names(applyFilters(cards, { ...NO_FILTERS, q: 'lea' }, ctx))).toEqual(['Léa']);
    expect(names(applyFilters(cards, { ...NO_FILTERS, q: 'martin LÉA' }, ctx))).toEqual(['Léa']);
    expect(names(applyFilters(cards, { ...NO_FILTERS, q: 'chloe' }, ctx))).toEqual(['Chloé']);
    expect(applyFilters(cards, { ...NO_FILTERS, q: 'zoé' }, ctx)).toEqual([]);
  });

  it('filters by filing mentor, evaluator, path and project', () => {
    expect(names(applyFilters(cards, { ...NO_FILTERS, mentor: 3 }, ctx))).toEqual(['Hugo', 'Chloé']);
    expect(names(applyFilters(cards, { ...NO_FILTERS, assignee: nadia.id }, ctx))).toEqual(['Manon']);
    expect(names(applyFilters(cards, { ...NO_FILTERS, path: 2 }, ctx))).toEqual(['Chloé']);
    expect(names(applyFilters(cards, { ...NO_FILTERS, project: 3 }, ctx))).toEqual(['Hugo', 'Lucas']);
  });

  it('keeps cards due within N days, overdue ones included, closed ones not', () => {
    const soon = makeCard({ id: 1, columnKey: 'assigned', learnerId: 10, defenseDate: instantIn(6) });
    const late = makeCard({ id: 2, columnKey: 'assigned', learnerId: 10, defenseDate: instantIn(-2) });
    const far = makeCard({ id: 3, columnKey: 'assigned', learnerId: 10, defenseDate: instantIn(8) });
    const closed = makeCard({ id: 4, columnKey: 'done', learnerId: 10, defenseDate: instantIn(-2) });
    const handover = makeCard({ id: 5, kind: 'transfer', columnKey: 'proposals', learnerId: 10, defenseDate: null, handoverDate: dayIn(7) });
    const due = { ...NO_FILTERS, due: 7 };
    expect([soon, late, far, closed, handover].filter((c) => matchesFilters(c, due, ctx)).map((c) => c.id)).toEqual([1, 2, 5]);
  });

  it('keeps "mine": cards I filed, evaluate or take over', () => {
    const filed = makeCard({ id: 1, columnKey: 'drafts', learnerId: 10, mentorId: julien.id });
    const evaluating = makeCard({ id: 2, columnKey: 'assigned', learnerId: 11, mentorId: 3, evaluatorId: julien.id });
    const takingOver = makeCard({ id: 3, kind: 'transfer', columnKey: 'assigned', learnerId: 12, mentorId: 3, newMentorId: julien.id });
    const other = makeCard({ id: 4, columnKey: 'drafts', learnerId: 12, mentorId: 3 });
    expect(applyFilters([filed, evaluating, takingOver, other], { ...NO_FILTERS, mine: true }, ctx).map((c) => c.id)).toEqual([1, 2, 3]);
  });
});

describe('the board, filtered', () => {
  const column = (name: string) => screen.getByRole('region', { name });

  it('shows only the cards of the filters in the URL, and counts follow', async () => {
    renderBoard({ url: '/boards/1?mentor=3' });
    await screen.findByRole('heading', { level: 1, name: 'Defenses' });
    expect(screen.getByText('Showing 2 of 5 cards')).toBeInTheDocument();
    expect(within(column('Drafts')).getByText('1 of 2 cards shown')).toBeInTheDocument();
    expect(within(column('Drafts')).getByText('1/2')).toBeInTheDocument();
    expect(within(column('Drafts')).getByRole('button', { name: /^Hugo Durand/ })).toBeInTheDocument();
    expect(within(column('Drafts')).queryByRole('button', { name: /^Léa Martin/ })).not.toBeInTheDocument();
    expect(within(column('Assigned')).getByText('No match here (1 card hidden by the filters).')).toBeInTheDocument();
    expect(screen.getByLabelText('Mentor')).toHaveValue('3');
  });

  it('writes the search into the URL as the learner name is typed', async () => {
    renderBoard();
    await userEvent.type(await screen.findByRole('searchbox', { name: 'Search by learner' }), 'lea');
    expect(screen.getByTestId('location')).toHaveTextContent('/boards/1?q=lea');
    expect(screen.getByRole('button', { name: /^Léa Martin/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Hugo Durand/ })).not.toBeInTheDocument();
  });

  it('filters by path and project from the selects, and "mine" from its checkbox', async () => {
    renderBoard({ user: julien });
    await userEvent.selectOptions(await screen.findByLabelText('Path'), 'Développeur web');
    expect(screen.getByTestId('location')).toHaveTextContent('/boards/1?path=1');
    // Only the projects of that path are offered.
    expect(within(screen.getByLabelText('Project')).queryByRole('option', { name: /CPD-P1/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Mine' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/boards/1?path=1&mine=1');
    expect(screen.getByText('Showing 3 of 5 cards')).toBeInTheDocument();
  });

  it('says how to get out of a filter that matches nothing', async () => {
    renderBoard({ url: '/boards/1?q=nobody&due=7' });
    expect(await screen.findByText('No card matches these filters.')).toBeInTheDocument();
    // One way to clear them, in the filter bar (not a second button in the message).
    const clear = screen.getByRole('button', { name: 'Clear filters' });
    expect(clear.closest('form')).toHaveAttribute('role', 'search');
    await userEvent.click(clear);
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/boards\/1$/);
    expect(screen.getByText('5 cards')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });
});
