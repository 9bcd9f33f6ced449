/** The card's history as sentences: who did what, and when, newest first. */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CardDetail } from '../../trpc';
import { COLUMN_NAMES, isColumnKey } from '../../../shared/workflow/boards';
import { catalogIndex, useCatalog, type CatalogNames } from '../../lib/catalog';
import { formatDay, formatInstant, relativeTime, useLocale, type UiLocale } from '../../lib/format';
import { useId } from 'react';

type Event = CardDetail['history'][number];

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** One history event as a sentence, in the viewer's language. */
export function describeEvent(
  event: Event,
  card: Pick<CardDetail, 'kind'>,
  t: TFunction,
  locale: UiLocale,
  names: CatalogNames,
): string {
  const d = (event.data ?? {}) as Record<string, unknown>;
  const actor = names.personName(event.actorId) ?? t('card:history.system');
  const column = (key: unknown) => (typeof key === 'string' && isColumnKey(key) ? COLUMN_NAMES[card.kind][key][locale] : String(key ?? ''));
  const fields = (list: unknown) =>
    Array.isArray(list) ? list.map((f) => t(`common:fields.${String(f)}`, { defaultValue: String(f) })).join(', ') : '';
  const date = (v: unknown) => {
    const s = str(v);
    if (!s) return '';
    return s.length > 10 ? formatInstant(s, locale, 'medium') : formatDay(s, locale, 'medium');
  };
  switch (event.type) {
    case 'created': {
      const attempt = num(d.attempt);
      if (num(d.retakeOf) && attempt) return t('card:history.createdRetake', { actor, attempt, date: date(d.date) });
      return t('card:history.created', { actor, column: column(d.to ?? 'drafts') });
    }
    case 'moved': {
      const missing = fields(d.missingFields);
      const base = t('card:history.moved', { actor, from: column(d.from), to: column(d.to) });
      return missing ? `${base} ${t('card:history.movedMissing', { fields: missing })}` : base;
    }
    case 'edited': {
      const field = str(d.field);
      if (field === 'projectId') {
        return t('card:history.editedProject', {
          actor,
          from: names.project(num(d.from))?.code ?? '—',
          to: names.project(num(d.to))?.code ?? '—',
        });
      }
      if (field === 'reason') return t('card:history.editedReason', { actor, to: str(d.to) ?? '—' });
      return t('card:history.editedDescription', { actor });
    }
    case 'assigned': {
      const who = names.personName(num(d.to)) ?? '—';
      return d.role === 'new_mentor' ? t('card:history.assignedMentor', { actor, who }) : t('card:history.assignedEvaluator', { actor, who });
    }
    case 'outcome':
      return d.outcome === 'failed' ? t('card:history.outcomeFailed', { actor }) : t('card:history.outcomePassed', { actor });
    case 'commented':
      return t('card:history.commented', { actor });
    case 'comment_edited':
      return t('card:history.commentEdited', { actor });
    case 'comment_deleted':
      return t('card:history.commentDeleted', { actor });
    case 'profile_checked': {
      const missing = fields(d.missingFields);
      return missing ? t('card:history.profileChecked', { fields: missing }) : t('card:history.profileCheckedNone');
    }
    case 'override':
      return str(d.reason)
        ? t('card:history.overrideReason', { actor, reason: str(d.reason) })
        : t('card:history.override', { actor });
    case 'volunteered':
      return t('card:history.volunteered', { actor: names.personName(num(d.mentorId)) ?? actor });
    case 'volunteer_withdrawn':
      return t('card:history.volunteerWithdrawn', { actor: names.personName(num(d.mentorId)) ?? actor });
    case 'handover':
      return t('card:history.handover', { from: names.personName(num(d.fromMentorId)) ?? '—', to: names.personName(num(d.toMentorId)) ?? '—' });
    case 'mentor_changed':
      return t('card:history.mentorChanged', { from: names.personName(num(d.from)) ?? '—', to: names.personName(num(d.to)) ?? '—' });
    case 'at_risk':
      return t('card:history.atRisk', { date: date(d.handoverDate) });
    case 'profile_updated':
      return t('card:history.profileUpdated', { actor, fields: fields(d.fields) });
    default:
      return t('card:history.other', { actor, type: event.type });
  }
}

export function History({ card }: { card: CardDetail }) {
  const { t } = useTranslation('card');
  const locale = useLocale();
  const names = catalogIndex(useCatalog());
  const titleId = useId();
  const events = [...card.history].reverse();
  return (
    <section className="card-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('history.title')}</h3>
      {events.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="timeline">
          {events.map((event) => (
            <li key={event.id} className={`timeline-item timeline-${event.type}`}>
              <span className="timeline-dot" aria-hidden="true" />
              <span className="timeline-text">{describeEvent(event, card, t, locale, names)}</span>
              <span className="timeline-time">
                {' · '}
                <time dateTime={event.at} title={formatInstant(event.at, locale, 'medium')}>{relativeTime(event.at, locale)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
