/**
 * The board's filters, as they live in the URL (so a link shares the view) and as they
 * select cards. Pure: no React, no router.
 *
 *   ?q=lea&mentor=3&evaluator=5&path=1&project=4&due=7&mine=1
 *
 * `evaluator` filters the defense board, `newMentor` the transfer board (the person the
 * card is assigned to); each board ignores the other's key.
 */
import { daysBetween, toDay } from '../../../shared/dates';
import type { BoardKind } from '../../../shared/workflow/boards';
import type { BoardLearner } from '../../lib/boardData';
import type { CardData } from '../../trpc';

export interface BoardFilters {
  q: string;
  mentor: number | null;
  /** The evaluator (defense board) or the new mentor (transfer board). */
  assignee: number | null;
  path: number | null;
  project: number | null;
  /** Due within this many days (overdue cards included, Done excluded). */
  due: number | null;
  mine: boolean;
}

export const DUE_CHOICES = [7, 14, 21, 30] as const;

export const NO_FILTERS: BoardFilters = { q: '', mentor: null, assignee: null, path: null, project: null, due: null, mine: false };

/** The URL key of the assignee filter on this board. */
export function assigneeParam(kind: BoardKind): 'evaluator' | 'newMentor' {
  return kind === 'defense' ? 'evaluator' : 'newMentor';
}

const FILTER_KEYS = ['q', 'mentor', 'evaluator', 'newMentor', 'path', 'project', 'due', 'mine'] as const;

function positiveInt(value: string | null): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

export function parseFilters(params: URLSearchParams, kind: BoardKind): BoardFilters {
  return {
    q: (params.get('q') ?? '').trim(),
    mentor: positiveInt(params.get('mentor')),
    assignee: positiveInt(params.get(assigneeParam(kind))),
    path: positiveInt(params.get('path')),
    project: positiveInt(params.get('project')),
    due: positiveInt(params.get('due')),
    mine: params.get('mine') === '1',
  };
}

/**
 * The search params with `filters` written in; params that are not filters are kept, and
 * filters at their default are left out, so a clean board has a clean URL.
 */
export function writeFilters(params: URLSearchParams, filters: BoardFilters, kind: BoardKind): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FILTER_KEYS) next.delete(key);
  if (filters.q.trim()) next.set('q', filters.q);
  if (filters.mentor) next.set('mentor', String(filters.mentor));
  if (filters.assignee) next.set(assigneeParam(kind), String(filters.assignee));
  if (filters.path) next.set('path', String(filters.path));
  if (filters.project) next.set('project', String(filters.project));
  if (filters.due) next.set('due', String(filters.due));
  if (filters.mine) next.set('mine', '1');
  return next;
}

export function activeFilterCount(filters: BoardFilters): number {
  return (
    Number(filters.q.trim() !== '') +
    Number(filters.mentor !== null) +
    Number(filters.assignee !== null) +
    Number(filters.path !== null) +
    Number(filters.project !== null) +
    Number(filters.due !== null) +
    Number(filters.mine)
  );
}

/** Lower case, accents and extra spaces gone: "  Léa  " and "lea" compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** What the filters read of a card: its face, as board.get lists it. */
export type FilterableCard = Pick<CardData, 'kind' | 'columnKey' | 'learnerId' | 'projectId' | 'mentorId' | 'evaluatorId' | 'newMentorId' | 'defenseDate' | 'handoverDate'>;

/** What the filters read of a learner, as board.get lists them. */
export type FilterableLearner = Pick<BoardLearner, 'id' | 'firstName' | 'lastName' | 'pathId'>;

export interface FilterContext {
  learners: ReadonlyMap<number, FilterableLearner>;
  /** The signed-in user, for "mine". */
  meId: number;
  /** ISO day, for "due within". */
  today: string;
}

/** Whether a card passes every filter. Every word of the search must appear in the learner's name. */
export function matchesFilters(card: FilterableCard, filters: BoardFilters, ctx: FilterContext): boolean {
  const learner = ctx.learners.get(card.learnerId);
  const assignee = card.kind === 'defense' ? card.evaluatorId : card.newMentorId;
  if (filters.mentor !== null && card.mentorId !== filters.mentor) return false;
  if (filters.assignee !== null && assignee !== filters.assignee) return false;
  if (filters.project !== null && card.projectId !== filters.project) return false;
  if (filters.path !== null && learner?.pathId !== filters.path) return false;
  if (filters.mine && card.mentorId !== ctx.meId && assignee !== ctx.meId) return false;
  if (filters.due !== null) {
    const date = card.kind === 'defense' ? card.defenseDate : card.handoverDate;
    if (!date || card.columnKey === 'done') return false;
    if (daysBetween(ctx.today, toDay(date)) > filters.due) return false;
  }
  const q = foldText(filters.q);
  if (q) {
    if (!learner) return false;
    const name = foldText(`${learner.firstName} ${learner.lastName}`);
    if (!q.split(' ').every((word) => name.includes(word))) return false;
  }
  return true;
}

export function applyFilters<C extends FilterableCard>(cards: readonly C[], filters: BoardFilters, ctx: FilterContext): C[] {
  if (activeFilterCount(filters) === 0) return [...cards];
  return cards.filter((card) => matchesFilters(card, filters, ctx));
}
