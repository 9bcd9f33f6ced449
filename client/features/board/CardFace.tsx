/**
 * What a card shows on the board: the learner, the project label, the date, the badges,
 * the evaluator or new mentor, what is missing. Memoised: a board re-renders often while
 * a card is dragged, and a card's props only change when the card does.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Locale } from '../../../shared/workflow/boards';
import type { CardFlag } from '../../../shared/workflow/rules';
import { Avatar } from '../../components/Avatar';
import type { CardData } from '../../trpc';
import { learnerName, type BoardLearner } from '../../lib/boardData';
import type { Person, Project } from '../../lib/catalog';
import { formatDay, formatInstant, textOn } from './format';

export interface CardFaceProps {
  card: CardData;
  learner: BoardLearner | undefined;
  project: Project | undefined;
  /** The evaluator (defense) or the new mentor (transfer), once chosen. */
  assignee: Person | undefined;
  locale: Locale;
}

/** The card's date as its face shows it: date and hour of a defense, day of a handover. */
export function cardDate(card: CardData, locale: Locale): string | null {
  if (card.kind === 'defense') return card.defenseDate ? formatInstant(card.defenseDate, locale) : null;
  return card.handoverDate ? formatDay(card.handoverDate, locale) : null;
}

/**
 * The card's accessible name: "Léa Martin — DW-P2 — 11 Dec 2026, 14:00", then every other
 * word the face shows, in the face's order (badges, what is missing, volunteers, the
 * evaluator or new mentor): the name contains the visible text (WCAG 2.5.3 Label in Name),
 * so a person who says or reads what they see finds the card.
 */
export function cardLabel(card: CardData, learner: BoardLearner | undefined, project: Project | undefined, locale: Locale, t: TFunction, assignee?: Person): string {
  const base = t('board:card.label', {
    name: learnerName(learner) ?? t('board:card.unknownLearner'),
    project: project?.code ?? t('board:card.noProject'),
    date: cardDate(card, locale) ?? t('board:card.noDate'),
  });
  const shown: string[] = card.flags.map((flag) => t(`board:card.flags.${flag}`));
  if (card.outcome) shown.push(t(`board:card.outcome.${card.outcome}`));
  if (card.kind === 'defense' && card.attempt > 1) shown.push(t('board:card.retake', { attempt: card.attempt }));
  if (card.missingFields.length > 0) shown.push(t('board:card.missing', { count: card.missingFields.length }));
  if (card.kind === 'transfer' && card.volunteerIds.length > 0) shown.push(t('board:card.volunteers', { count: card.volunteerIds.length }));
  if (assignee) shown.push(t(card.kind === 'defense' ? 'board:card.evaluator' : 'board:card.newMentor', { name: assignee.name }));
  return [base, ...shown].join(' — ');
}

/** Everything else the face says, as one sentence for screen readers (the card's description). */
export function cardDetails(card: CardData, assignee: Person | undefined, t: TFunction): string {
  const parts: string[] = card.flags.map((flag) => t(`board:card.flags.${flag}`));
  if (card.outcome) parts.push(t(`board:card.outcome.${card.outcome}`));
  if (card.kind === 'defense' && card.attempt > 1) parts.push(t('board:card.retakeLong', { attempt: card.attempt }));
  if (assignee) parts.push(t(card.kind === 'defense' ? 'board:card.evaluator' : 'board:card.newMentor', { name: assignee.name }));
  else if (card.columnKey !== 'drafts') parts.push(t(card.kind === 'defense' ? 'board:card.noEvaluator' : 'board:card.noNewMentor'));
  if (card.kind === 'transfer' && card.volunteerIds.length > 0) parts.push(t('board:card.volunteers', { count: card.volunteerIds.length }));
  if (card.missingFields.length > 0) parts.push(missingText(card.missingFields, t));
  return parts.join('. ');
}

function missingText(fields: readonly string[], t: TFunction): string {
  return t('board:card.missingList', { fields: fields.map((f) => t(`common:fields.${f}`, { defaultValue: f })).join(', ') });
}

/**
 * The height a card's face will take on the board, before it is drawn (a long column places
 * cards it has not measured yet by this): as the face below lays out, in one line of name.
 */
export function estimateCardHeight(card: CardData, assignee: Person | undefined): number {
  const retake = card.kind === 'defense' && card.attempt > 1;
  const volunteers = card.kind === 'transfer' ? card.volunteerIds.length : 0;
  const bottom = card.flags.length > 0 || !!card.outcome || retake || card.missingFields.length > 0 || volunteers > 0 || !!assignee;
  if (!bottom) return 88;
  return assignee ? 122 : 118;
}

const FLAG_TONE: Record<CardFlag, string> = { early: 'info', due_soon: 'warning', overdue: 'danger', at_risk: 'danger' };

export const CardFace = memo(function CardFace({ card, learner, project, assignee, locale }: CardFaceProps) {
  const { t } = useTranslation('board');
  const date = cardDate(card, locale);
  const name = learnerName(learner) ?? t('card.unknownLearner');
  const retake = card.kind === 'defense' && card.attempt > 1;
  const volunteers = card.kind === 'transfer' ? card.volunteerIds.length : 0;
  const hasBadges = card.flags.length > 0 || !!card.outcome || retake;
  const hasMeta = card.missingFields.length > 0 || volunteers > 0;
  return (
    <div className="board-card-face">
      {/* First in reading order, as in the card's name (cardLabel); the project label is drawn above it (board.css). */}
      <p className="board-card-name">{name}</p>
      <div className="board-card-top">
        {project ? (
          <span className="board-card-label" style={{ background: project.color, color: textOn(project.color) }} title={project.title}>
            {project.code}
          </span>
        ) : (
          <span className="board-card-label board-card-label-none">{t('card.noProject')}</span>
        )}
      </div>
      <p className="board-card-date">
        <CalendarIcon />
        {date ? (
          <time dateTime={(card.kind === 'defense' ? card.defenseDate : card.handoverDate) ?? undefined}>{date}</time>
        ) : (
          <span>{t('card.noDate')}</span>
        )}
      </p>
      {(hasBadges || hasMeta || assignee) && (
        <div className="board-card-bottom">
          <div className="board-card-bottom-info">
            {hasBadges && (
              <ul className="board-card-badges">
                {card.flags.map((flag) => (
                  <li key={flag} className={`board-badge board-badge-${FLAG_TONE[flag]}`}>
                    <FlagIcon flag={flag} />
                    {t(`card.flags.${flag}`)}
                  </li>
                ))}
                {card.outcome && (
                  <li className={`board-badge board-badge-${card.outcome === 'passed' ? 'success' : 'danger'}`}>{t(`card.outcome.${card.outcome}`)}</li>
                )}
                {retake && (
                  <li className="board-badge board-badge-neutral" title={t('card.retakeLong', { attempt: card.attempt })}>
                    {t('card.retake', { attempt: card.attempt })}
                  </li>
                )}
              </ul>
            )}
            {card.missingFields.length > 0 && (
              <span className="board-card-meta board-card-missing" title={missingText(card.missingFields, t)}>
                <WarningIcon />
                {t('card.missing', { count: card.missingFields.length })}
              </span>
            )}
            {volunteers > 0 && (
              <span className="board-card-meta">
                <HandIcon />
                {t('card.volunteers', { count: volunteers })}
              </span>
            )}
          </div>
          {assignee && (
            <Avatar
              name={assignee.name}
              label={t(card.kind === 'defense' ? 'card.evaluator' : 'card.newMentor', { name: assignee.name })}
            />
          )}
        </div>
      )}
    </div>
  );
});

function CalendarIcon() {
  return (
    <svg className="board-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <rect x="2" y="3" width="12" height="11" rx="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <path d="M2 6.5h12M5.5 1.8v2.6M10.5 1.8v2.6" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}

function WarningIcon() {
  return (
    <svg className="board-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M8 2.2 14.5 13.5h-13z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
      <path d="M8 6.5v3.2" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="8" cy="11.6" r="0.9" fill="currentColor" />
    </svg>
  );
}

function HandIcon() {
  return (
    <svg className="board-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <circle cx="8" cy="5" r="2.6" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <path d="M3 14c.6-2.8 2.6-4.2 5-4.2s4.4 1.4 5 4.2" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}

function FlagIcon({ flag }: { flag: CardFlag }) {
  if (flag === 'early') {
    return (
      <svg className="board-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path d="M3 8h9M9 4.5 12.5 8 9 11.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  if (flag === 'due_soon') {
    return (
      <svg className="board-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="5.8" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 4.8V8l2.2 1.6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
    );
  }
  return (
    <svg className="board-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="5.8" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.6v4M8 10.9v.2" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
    </svg>
  );
}
