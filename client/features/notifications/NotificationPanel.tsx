/**
 * The bell's panel, loaded when first opened: what happened to the viewer's cards, each
 * as a sentence, opening its card and marking itself read; Escape or a click outside
 * closes it.
 */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { TFunction } from 'i18next';
import { useTRPC, type Outputs } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { catalogIndex, useCatalog, type CatalogNames } from '../../lib/catalog';
import type { BoardLearner } from '../../lib/boardData';
import { formatDay, formatInstant, relativeTime, useLocale, type UiLocale } from '../../lib/format';
import { useNotificationList } from './notificationList';

type Item = Outputs['notification']['list']['items'][number];

/** One notification as a sentence. */
export function describeNotification(
  item: Item,
  t: TFunction,
  locale: UiLocale,
  names: CatalogNames,
  learnerName: (cardId: number | null, learnerId: unknown) => string,
): string {
  const d = (item.data ?? {}) as Record<string, unknown>;
  const learner = learnerName(item.cardId, d.learnerId);
  const person = (v: unknown) => (typeof v === 'number' ? names.personName(v) ?? '' : '');
  const fields = Array.isArray(d.missingFields) ? d.missingFields.map((f) => t(`common:fields.${String(f)}`, { defaultValue: String(f) })).join(', ') : '';
  const when = (v: unknown) => (typeof v === 'string' ? (v.length > 10 ? formatInstant(v, locale, 'medium') : formatDay(v, locale, 'medium')) : '');
  switch (item.type) {
    case 'profile_to_update':
      return fields ? t('notifications.profile_to_update', { learner, fields }) : t('notifications.profile_to_update_nofields', { learner });
    case 'evaluator_assigned':
      return t('notifications.evaluator_assigned', { learner, date: when(d.defenseDate) });
    case 'mentor_assigned':
      return t('notifications.mentor_assigned', { learner, date: when(d.handoverDate) });
    case 'card_assigned':
      return d.newMentorId ? t('notifications.card_assigned_mentor', { learner, who: person(d.newMentorId) }) : t('notifications.card_assigned_evaluator', { learner, who: person(d.evaluatorId) });
    case 'outcome_recorded':
      return d.outcome === 'failed' ? t('notifications.outcome_failed', { learner }) : t('notifications.outcome_passed', { learner });
    case 'at_risk':
      return t('notifications.at_risk', { learner, date: when(d.handoverDate) });
    case 'volunteered':
      return t('notifications.volunteered', { learner, who: person(d.mentorId) });
    case 'handover_done':
      return t('notifications.handover_done', { learner, who: person(d.toMentorId) });
    case 'commented':
      return t('notifications.commented', { learner });
    default:
      return t('notifications.other', { learner });
  }
}

export function NotificationPanel({ id, button, onClose }: { id: string; button: RefObject<HTMLButtonElement | null>; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const toast = useUi((s) => s.toastShown);
  const names = catalogIndex(useCatalog());
  const panel = useRef<HTMLDivElement>(null);

  const list = useNotificationList();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  // Names of learners come from the boards (a notification carries only ids).
  const boards = useQuery(trpc.board.list.queryOptions());
  const boardData = useQueries({
    queries: (boards.data ?? []).map((b) => ({ ...trpc.board.get.queryOptions({ boardId: b.id }), staleTime: 30_000 })),
  });
  const byCard = new Map<number, { boardId: number; learnerId: number }>();
  const learners = new Map<number, BoardLearner>();
  for (const q of boardData) {
    for (const c of q.data?.cards ?? []) byCard.set(c.id, { boardId: c.boardId, learnerId: c.learnerId });
    for (const l of q.data?.learners ?? []) learners.set(l.id, l);
  }
  const learnerName = (cardId: number | null, learnerId: unknown) => {
    const id = typeof learnerId === 'number' ? learnerId : cardId ? byCard.get(cardId)?.learnerId : undefined;
    const l = id ? learners.get(id) : undefined;
    return l ? `${l.firstName} ${l.lastName}` : t('notifications.aLearner');
  };

  const markRead = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSuccess: (fresh) => queryClient.setQueryData(trpc.notification.list.queryKey(), fresh),
      onError: (error) => toast('error', serverErrorMessage(error, t, i18n.language)),
    }),
  );

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        onClose();
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [button, onClose]);

  const openItem = async (item: Item) => {
    if (!item.read) markRead.mutate({ ids: [item.id] });
    onClose();
    if (!item.cardId) return;
    const known = byCard.get(item.cardId);
    try {
      const boardId = known?.boardId ?? (await queryClient.fetchQuery(trpc.card.get.queryOptions({ cardId: item.cardId }))).boardId;
      navigate(`/boards/${boardId}/cards/${item.cardId}`);
    } catch (error) {
      toast('error', serverErrorMessage(error, t, i18n.language));
    }
  };

  return (
    <div ref={panel} id={id} className="bell-panel" role="region" aria-labelledby={`${id}-title`}>
      <div className="bell-head">
        <h2 id={`${id}-title`}>{t('notifications.title')}</h2>
        {unread > 0 && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => markRead.mutate({ ids: items.filter((i) => !i.read).map((i) => i.id) })}>
            {t('notifications.markAll')}
          </button>
        )}
      </div>
      {list.isError ? (
        <p className="callout callout-error bell-empty" role="alert">{serverErrorMessage(list.error, t, i18n.language)}</p>
      ) : items.length === 0 ? (
        <p className="bell-empty">{t('notifications.empty')}</p>
      ) : (
        <ul className="bell-list">
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" className={`bell-item${item.read ? '' : ' unread'}`} onClick={() => void openItem(item)}>
                <span className={`bell-dot bell-${item.type}`} aria-hidden="true" />
                <span className="bell-text">
                  {!item.read && <span className="sr-only">{t('notifications.unreadMark')} </span>}
                  {describeNotification(item, t, locale, names, learnerName)}
                  <time className="bell-time" dateTime={item.createdAt} title={formatInstant(item.createdAt, locale, 'medium')}>
                    {relativeTime(item.createdAt, locale)}
                  </time>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
