/**
 * The live feed's events in two steps: `buildEvents` reads a run of a board's activity log
 * and builds what every viewer's copy shares, with a fixed number of queries whatever the
 * run's length; `forViewer` then shapes one event for one viewer, with no database work,
 * so a board watched by 200 people costs one read per event, not 200.
 */
import { Op } from 'sequelize';
import type { Database } from '../db/sequelize';
import { boardKind, cardDto, volunteersOf, type CardDto } from './cardCore';
import { boardLearner, LEARNER_ON_BOARD, type BoardLearner } from './boards';
import { COLUMN_KEYS, type ColumnKey } from '../../shared/workflow/boards';
import { canReadLearner, canSeeCard, isInvolvedIn, type Actor } from '../../shared/workflow/rules';
import type { Learner } from '../db/models';

/** What decides who may see a card (canSeeCard): its column and its mentor, and whether it is on the board at all (not withdrawn or archived). */
export interface Sight {
  columnKey: ColumnKey;
  mentorId: number | null;
  onBoard: boolean;
}

/** A card leaves the board with these events, and comes back with `restored`. */
const LEAVES_BOARD = new Set(['withdrawn', 'archived']);

/** Whether `viewer` sees a card that stands as `sight` says. */
function sees(viewer: Actor, sight: Sight | null): boolean {
  return sight !== null && sight.onBoard && canSeeCard(viewer, sight);
}

type LearnerRow = Pick<Learner, (typeof LEARNER_ON_BOARD)[number]>;

/** What every event says of itself: its log entry. */
interface EventHead {
  id: number;
  boardId: number;
  cardId: number | null;
  at: string;
  type: string;
  actorId: number | null;
  data: Record<string, unknown>;
}

/** One event as read from the log, the same for every viewer. */
export interface BuiltEvent extends EventHead {
  /** The card as it was when the event was read (as toDto gives it); null when archived or gone. */
  card: CardDto | null;
  /** The card just before the event (null: it did not exist yet) and just after it. */
  before: Sight | null;
  after: Sight | null;
  learner: LearnerRow | null;
}

/** An event as one viewer receives it. */
export interface VisibleEvent extends EventHead {
  card: CardDto;
  learner: BoardLearner | null;
}

/** A card this viewer saw has left their view: that is all they learn of the event. */
export interface HiddenEvent {
  id: number;
  boardId: number;
  cardId: number;
  type: 'hidden';
  // Never sent; typed so that code reading any event may ask for them (and finds nothing).
  at?: null;
  actorId?: null;
  data?: null;
  card?: null;
  learner?: null;
}

export type FeedEvent = VisibleEvent | HiddenEvent;

const isColumn = (value: unknown): value is ColumnKey => COLUMN_KEYS.includes(value as ColumnKey);
const isId = (value: unknown): value is number => typeof value === 'number';

/**
 * The card around one event, given the card just after it: a move names the columns it
 * went from and to, a change of mentor the mentors; a withdrawal or an archiving takes it
 * off the board and a restoring puts it back; anything else leaves the card where it was;
 * before its creation, no one saw it.
 */
function around(type: string, data: Record<string, unknown>, later: Sight): { before: Sight | null; after: Sight } {
  const after: Sight = {
    columnKey: type === 'moved' && isColumn(data.to) ? data.to : later.columnKey,
    mentorId: type === 'mentor_changed' && isId(data.to) ? data.to : later.mentorId,
    onBoard: LEAVES_BOARD.has(type) ? false : type === 'restored' ? true : later.onBoard,
  };
  if (type === 'created') return { before: null, after };
  return {
    before: {
      columnKey: type === 'moved' && isColumn(data.from) ? data.from : after.columnKey,
      mentorId: type === 'mentor_changed' && isId(data.from) ? data.from : after.mentorId,
      onBoard: LEAVES_BOARD.has(type) ? true : type === 'restored' ? false : after.onBoard,
    },
    after,
  };
}

/**
 * A board's events after `after`, oldest first, at most `limit`, built: four queries (the
 * log, its cards, their learners, a transfer board's volunteers) for the whole run.
 *
 * Where a card stood at each event is walked back from where it stands now, through the
 * run's later events. Cards are read after the log, so a card may already be past a move
 * not read yet; that only ever makes an event look invisible, never visible, because
 * what shows a card (forViewer) is checked on the card as read too.
 */
export async function buildEvents(db: Database, boardId: number, after: number, limit: number, today: string): Promise<BuiltEvent[]> {
  const { Activity, Card, Learner } = db.models;
  const rows = await Activity.findAll({ where: { boardId, id: { [Op.gt]: after } }, order: [['id', 'ASC']], limit });
  if (rows.length === 0) return [];
  const kind = await boardKind(db, boardId);
  const cardIds = [...new Set(rows.map((r) => r.cardId).filter(isId))];
  const cards = cardIds.length > 0 ? await Card.findAll({ where: { id: cardIds } }) : [];
  const learnerIds = [...new Set(cards.map((c) => c.learnerId))];
  const [volunteers, learners] = await Promise.all([
    kind === 'transfer' ? volunteersOf(db, cardIds) : new Map<number, number[]>(),
    learnerIds.length > 0 ? Learner.findAll({ attributes: [...LEARNER_ON_BOARD], where: { id: learnerIds }, raw: true }) : [],
  ]);
  const learnerById = new Map(learners.map((l) => [l.id, l as LearnerRow]));
  const dtos = new Map(cards.filter((c) => !c.archived).map((c) => [c.id, cardDto(c, kind, volunteers.get(c.id) ?? [], today)]));
  const sight = new Map<number, Sight | null>(cards.map((c) => [c.id, { columnKey: c.columnKey, mentorId: c.mentorId, onBoard: !c.archived }]));

  const built: BuiltEvent[] = new Array(rows.length);
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const card = row.cardId === null ? null : dtos.get(row.cardId) ?? null;
    const later = row.cardId === null ? null : sight.get(row.cardId) ?? null;
    const { before, after: afterward } = later ? around(row.type, row.data, later) : { before: null, after: null };
    if (row.cardId !== null) sight.set(row.cardId, before);
    built[i] = {
      id: row.id,
      boardId,
      cardId: row.cardId,
      at: row.createdAt.toISOString(),
      type: row.type,
      actorId: row.actorId,
      data: row.data,
      card,
      before,
      after: afterward,
      learner: card ? learnerById.get(card.learnerId) ?? null : null,
    };
  }
  return built;
}

/**
 * The event as `viewer` may receive it: whole when they see the card after the event (and
 * as it was read), a bare `hidden` when they saw it before but no longer do, nothing when
 * they saw it neither before nor after. The learner's RQTH only for a viewer who may read
 * their profile.
 */
export function forViewer(viewer: Actor, event: BuiltEvent): FeedEvent | null {
  const sawBefore = sees(viewer, event.before);
  const seesAfter = sees(viewer, event.after);
  const { card } = event;
  if (seesAfter && card && canSeeCard(viewer, card)) {
    const { learner } = event;
    const readable = learner !== null && canReadLearner(viewer, learner, isInvolvedIn(viewer, card));
    // Viewers of an event see one of three things (the card with or without RQTH, or that
    // it left their view): each is built once and shared, so a crowd costs no more objects
    // (and the transport serialises each once).
    return shared(event, readable ? 'full' : 'plain', () => ({
      id: event.id,
      boardId: event.boardId,
      cardId: event.cardId,
      at: event.at,
      type: event.type,
      actorId: event.actorId,
      data: event.data,
      card,
      learner: learner && boardLearner(learner, readable),
    }));
  }
  if ((sawBefore || seesAfter) && event.cardId !== null) {
    const cardId = event.cardId;
    return shared(event, 'hidden', () => ({ id: event.id, boardId: event.boardId, cardId, type: 'hidden' as const }));
  }
  return null;
}

const views = new WeakMap<BuiltEvent, Map<string, FeedEvent>>();

function shared(event: BuiltEvent, view: 'full' | 'plain' | 'hidden', build: () => FeedEvent): FeedEvent {
  let byView = views.get(event);
  if (!byView) views.set(event, (byView = new Map()));
  let shaped = byView.get(view);
  if (!shaped) byView.set(view, (shaped = build()));
  return shaped;
}
