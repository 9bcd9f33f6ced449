/**
 * The card detail, shown at /boards/:boardId/cards/:cardId: every field, the locked date,
 * the history and comments, and the actions the viewer's role allows. What is offered
 * comes from the same shared rules the server enforces (see CardActions and
 * CardDescription; canOpenLearnerFrom for the link to the learner's profile).
 */
import { useQuery } from '@tanstack/react-query';
import { Suspense, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useTRPC, type CardDetail } from '../../trpc';
import { serverErrorMessage } from '../../components/serverError';
import { Modal } from '../../components/Modal';
import { AlertIcon, CloseIcon } from '../../components/icons';
import { learnerLabel } from '../../lib/boardData';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { formatInstant, relativeTime, useLocale } from '../../lib/format';
import { useMe } from '../../lib/me';
import { COLUMN_NAMES } from '../../../shared/workflow/boards';
import { cardFacts } from '../../../shared/workflow/drop';
import { canOpenLearnerFrom } from '../../../shared/workflow/rules';
import { CardActions } from './CardActions';
import { CardLifecycle } from '../archive';
import { CardDescription } from './CardDescription';
import { CardLockedDate } from './CardLockedDate';
import { CardProperties } from './CardProperties';
import { Comments } from './Comments';
import { History } from './History';
import { ProjectLabel } from './ProjectLabel';
import { useBoardLearners } from './useBoardLearners';
import { useDrawerGuard, useUnsavedGuard } from './unsaved';
import './card.css';

export function CardDetailDrawer({ cardId, boardId, onClose }: { cardId: number; boardId: number; onClose: () => void }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('card');
  const titleId = useId();
  const card = useQuery(trpc.card.get.queryOptions({ cardId }));
  // Escape, a click outside or the close button ask first when an edit or a comment is unsaved.
  const unsaved = useUnsavedGuard(onClose);
  const close = unsaved.close;
  useDrawerGuard(unsaved.guard);

  return (
    <Modal variant="drawer" initialFocus="panel" labelledBy={titleId} onClose={close} className="card-drawer">
      {unsaved.provide(card.isPending ? (
        <DrawerShell titleId={titleId} title={t('detail.loading')} onClose={close}>
          <p className="empty" role="status">{t('common:state.loading')}</p>
        </DrawerShell>
      ) : card.isError ? (
        <DrawerShell titleId={titleId} title={t('detail.unavailable')} onClose={close}>
          <p className="callout callout-error" role="alert">{serverErrorMessage(card.error, t, i18n.language)}</p>
        </DrawerShell>
      ) : (
        <CardDetailBody card={card.data} boardId={boardId} titleId={titleId} onClose={close} />
      ))}
      {unsaved.confirm}
    </Modal>
  );
}

function DrawerShell({ titleId, title, onClose, children }: { titleId: string; title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation('card');
  return (
    <>
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common:actions.close')}>
          <CloseIcon size={18} />
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </>
  );
}

function CardDetailBody({ card, boardId, titleId, onClose }: { card: CardDetail; boardId: number; titleId: string; onClose: () => void }) {
  const { t } = useTranslation('card');
  const locale = useLocale();
  const me = useMe();
  const catalog = useCatalog();
  const names = catalogIndex(catalog);
  const learners = useBoardLearners(card.boardId || boardId);
  const learner = learners.find((l) => l.id === card.learnerId);
  const learnerName = learnerLabel(learner, card.learnerId);
  const project = names.project(card.projectId);
  const column = COLUMN_NAMES[card.kind][card.columnKey][locale];
  const isDefense = card.kind === 'defense';
  const mayOpenLearner = !!me && canOpenLearnerFrom(me, cardFacts(card, card.kind), learner);
  // card.get does not carry the learner's time zone: read it from their profile, when this viewer may.
  const trpc = useTRPC();
  const profile = useQuery({ ...trpc.learner.get.queryOptions({ learnerId: card.learnerId }), enabled: mayOpenLearner && card.kind === 'defense' && !!card.defenseDate, retry: false });

  return (
    <>
      <div className="modal-head card-head">
        <div className="card-head-main">
          <p className="card-crumbs">
            <span>{isDefense ? t('kind.defense') : t('kind.transfer')}</span>
            <span aria-hidden="true">·</span>
            <span className="card-column-pill">{column}</span>
            {isDefense && card.attempt > 1 && <span className="badge badge-warning">{t('detail.attemptN', { n: card.attempt })}</span>}
          </p>
          <h2 id={titleId}>{learnerName}</h2>
          {project && <ProjectLabel project={project} withTitle className="card-head-project" />}
        </div>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common:actions.close')}>
          <CloseIcon size={18} />
        </button>
      </div>
      <div className="modal-body card-body">
        <CardLockedDate card={card} learnerTimeZone={profile.data?.timezone} />
        {me && !card.archive && <CardActions card={card} me={me} learnerName={learnerName} />}
        {me && (
          <Suspense fallback={null}>
            <CardLifecycle card={card} me={me} learnerName={learnerName} />
          </Suspense>
        )}
        {card.learnerMissingFields.length > 0 && (
          <div className="callout callout-warning card-missing" role="note">
            <AlertIcon />
            <div>
              <p className="card-missing-title">{t('detail.missingTitle', { count: card.learnerMissingFields.length })}</p>
              <ul className="chip-list" aria-label={t('detail.missingTitle', { count: card.learnerMissingFields.length })}>
                {card.learnerMissingFields.map((f) => (
                  <li key={f} className="chip chip-warning">{t(`common:fields.${f}`, { defaultValue: f })}</li>
                ))}
              </ul>
              {mayOpenLearner && (
                <Link to={`/learners/${card.learnerId}`} className="card-missing-link">
                  {t('detail.updateProfile', { name: learnerName })}
                </Link>
              )}
            </div>
          </div>
        )}
        <CardProperties card={card} learnerName={learnerName} mayOpenLearner={mayOpenLearner} />
        <CardDescription card={card} me={card.archive ? null : me} />
        <Comments card={card} />
        <History card={card} />
        <p className="card-meta">
          {t('detail.createdUpdated', {
            created: formatInstant(card.createdAt, locale, 'medium'),
            updated: relativeTime(card.updatedAt, locale),
          })}
        </p>
      </div>
    </>
  );
}
