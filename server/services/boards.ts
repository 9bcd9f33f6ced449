/**
 * Reading a whole board, fast at the size of a school (5,000 cards): the cards' faces
 * (what the board shows; card.get has the rest) are read with one narrow query and kept
 * per board, and reused while the board's activity log has not moved. Every change to a
 * card writes an event on its board, so a new log head means new rows; the check is one
 * indexed MAX per request, and it holds across several server processes too.
 */
import { sqlInstant } from '../db/rows';
import type { Database } from '../db/sequelize';
import { boardLogHead, cardFaceRows } from '../db/queries';
import { notFound } from '../errors';
import { archiveDto, boardKind, cardDto, volunteersOf, type ArchiveDto, type AuthedContext } from './cardCore';
import { toDay } from '../../shared/dates';
import { sortByPosition } from '../../shared/ordering';
import { COLUMN_KEYS, columnName, type BoardKind, type ColumnKey } from '../../shared/workflow/boards';
import { canReadLearner, canSeeCard, cardFlags, isInvolvedIn } from '../../shared/workflow/rules';
import type { Learner } from '../db/models';

/** A card as its face shows it. */
export interface CardFace {
  id: number;
  boardId: number;
  kind: BoardKind;
  columnKey: ColumnKey;
  position: string;
  learnerId: number;
  projectId: number | null;
  mentorId: number;
  version: number;
  defenseDate: string | null;
  attempt: number;
  evaluatorId: number | null;
  outcome: 'passed' | 'failed' | null;
  previousCardId: number | null;
  retakeCardId: number | null;
  handoverDate: string | null;
  newMentorId: number | null;
  volunteerIds: number[];
  missingFields: string[];
  hasDescription: boolean;
}

const FACE_COLUMNS = ['id', 'columnKey', 'position', 'learnerId', 'projectId', 'mentorId', 'version', 'defenseDate', 'attempt', 'evaluatorId', 'outcome', 'previousCardId', 'retakeCardId', 'handoverDate', 'newMentorId', 'missingFields'];

type Row = Omit<CardFace, 'boardId' | 'kind' | 'volunteerIds' | 'defenseDate' | 'missingFields' | 'handoverDate' | 'hasDescription'> & {
  hasDescription: number | boolean;
  defenseDate: string | Date | null;
  handoverDate: string | Date | null;
  missingFields: string | string[] | null;
};

/** SQLite hands back "2026-12-08 14:00:00.000 +00:00" and JSON text; PostgreSQL, Dates and parsed JSON. */
function instant(value: string | Date | null): string | null {
  return value === null ? null : sqlInstant(value).toISOString();
}
function day(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? toDay(value) : value.slice(0, 10);
}
function list(value: string | string[] | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  return value === '[]' ? [] : (JSON.parse(value) as string[]);
}

type FlaggedFace = CardFace & { flags: ReturnType<typeof cardFlags> };

/** Per board: the faces as of log head `head`, and those faces with their badges as of `today`. */
interface CachedBoard {
  head: number;
  faces: CardFace[];
  flagged?: { today: string; cards: FlaggedFace[] };
}
const cache = new WeakMap<Database, Map<number, CachedBoard>>();

async function readFaces(db: Database, boardId: number, kind: BoardKind): Promise<CardFace[]> {
  const rows = await cardFaceRows<Row>(db, boardId, FACE_COLUMNS);
  const volunteers = kind === 'transfer' ? await volunteersOf(db, rows.map((r) => r.id)) : new Map<number, number[]>();
  return sortByPosition(
    rows.map((r) => ({
      ...r,
      boardId,
      kind,
      defenseDate: instant(r.defenseDate),
      handoverDate: day(r.handoverDate),
      missingFields: list(r.missingFields),
      hasDescription: Boolean(Number(r.hasDescription)),
      volunteerIds: volunteers.get(r.id) ?? [],
    })),
  );
}

/** The board's faces, in order; from the cache while the board's log has not moved. */
async function cachedBoard(db: Database, boardId: number, kind: BoardKind): Promise<CachedBoard> {
  let boards = cache.get(db);
  if (!boards) cache.set(db, (boards = new Map()));
  // Read the head first: rows read after it are at least that fresh.
  const head = await boardLogHead(db, boardId);
  const hit = boards.get(boardId);
  if (hit && hit.head === head) return hit;
  const entry: CachedBoard = { head, faces: await readFaces(db, boardId, kind) };
  boards.set(boardId, entry);
  return entry;
}

/** The faces with their badges as of `today`: badges change with the day, not only with the log. */
async function flaggedFaces(db: Database, boardId: number, kind: BoardKind, today: string): Promise<FlaggedFace[]> {
  const entry = await cachedBoard(db, boardId, kind);
  if (entry.flagged?.today !== today) entry.flagged = { today, cards: entry.faces.map((c) => ({ ...c, flags: cardFlags(c, today) })) };
  return entry.flagged.cards;
}

/** A learner's columns that a board shows. */
export const LEARNER_ON_BOARD = ['id', 'firstName', 'lastName', 'pathId', 'currentProjectId', 'mentorId', 'rqth'] as const;

/** A learner as a board shows them. */
export interface BoardLearner {
  id: number;
  firstName: string;
  lastName: string;
  pathId: number | null;
  currentProjectId: number | null;
  mentorId: number;
  /** Null when unknown, and for a viewer who may not read the learner's profile (canReadLearner). */
  rqth: boolean | null;
}

/**
 * A learner as a board shows them to one viewer: every viewer of a card sees the learner's
 * name, path and mentor; only a viewer who may read the profile (`readable`) gets RQTH.
 */
export function boardLearner(row: Pick<Learner, (typeof LEARNER_ON_BOARD)[number]>, readable: boolean): BoardLearner {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    pathId: row.pathId,
    currentProjectId: row.currentProjectId,
    mentorId: row.mentorId,
    rqth: readable && row.rqth !== null ? Boolean(row.rqth) : null,
  };
}

/** Every board, in order. */
export async function listBoards(db: Database) {
  const boards = await db.models.Board.findAll({ order: [['id', 'ASC']] });
  return boards.map((b) => ({ id: b.id, kind: b.kind, name: b.name }));
}

/**
 * A board's withdrawn and archived cards this user may see (as they would on the board),
 * newest off the board first: each card's face, with `archive` (who took it off, when,
 * which way and why). Not cached: the listing is read now and then, not at every move.
 */
async function archivedFaces(ctx: AuthedContext, boardId: number, kind: BoardKind) {
  const rows = await ctx.db.models.Card.findAll({ where: { boardId, archived: true }, order: [['archivedAt', 'DESC'], ['id', 'DESC']] });
  const seen = rows.filter((c) => canSeeCard(ctx.user, c));
  const volunteers = kind === 'transfer' ? await volunteersOf(ctx.db, seen.map((c) => c.id)) : new Map<number, number[]>();
  const today = toDay(ctx.now());
  return seen.map((c) => {
    const { description: _description, reason: _reason, createdAt: _createdAt, updatedAt: _updatedAt, ...face } = cardDto(c, kind, volunteers.get(c.id) ?? [], today);
    return { ...face, flags: [], archive: archiveDto(c)! };
  });
}

/**
 * The board with its columns and the cards this user may see, in order, with their badges
 * and the learners' names; with `archived`, its withdrawn and archived cards instead.
 */
export async function getBoard(ctx: AuthedContext, boardId: number, options: { archived?: boolean } = {}) {
  const { db } = ctx;
  const board = await db.models.Board.findByPk(boardId);
  if (!board) throw notFound('Board');
  await boardKind(db, boardId);
  const [columns, faces] = await Promise.all([
    db.models.Column.findAll({ where: { boardId } }),
    options.archived ? archivedFaces(ctx, boardId, board.kind) : flaggedFaces(db, boardId, board.kind, toDay(ctx.now())),
  ]);
  const cards: (FlaggedFace & { archive?: ArchiveDto })[] = faces.filter((c) => canSeeCard(ctx.user, c));
  const learnerIds = new Set(cards.map((c) => c.learnerId));
  // Learners whose profile this viewer may read through a card of theirs on this board.
  const involved = new Set(cards.filter((c) => isInvolvedIn(ctx.user, c)).map((c) => c.learnerId));
  // Plain rows, not model instances: a school's board names thousands of learners.
  const learners = (await db.models.Learner.findAll({ attributes: [...LEARNER_ON_BOARD], raw: true }))
    .filter((l) => learnerIds.has(l.id))
    .map((l) => boardLearner(l, canReadLearner(ctx.user, l, involved.has(l.id))));
  const order = new Map<ColumnKey, number>(COLUMN_KEYS.map((k, i) => [k, i]));
  return {
    board: { id: board.id, kind: board.kind, name: board.name },
    columns: columns
      .sort((a, b) => order.get(a.key)! - order.get(b.key)!)
      .map((c) => ({ id: c.id, key: c.key, name: columnName(board.kind, c.key) })),
    cards,
    learners,
  };
}
