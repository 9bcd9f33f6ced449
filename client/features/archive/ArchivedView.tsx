/**
 * The board's Archived view (`?archived=1`): its withdrawn and archived cards, newest
 * first, each with who took it off the board, when and why, and the column it left. Each
 * opens in the card's drawer (read only, with Restore where the rules allow it).
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { serverErrorMessage } from '../../components/serverError';
import { learnerLabel } from '../../lib/boardData';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { formatInstant, useLocale } from '../../lib/format';
import { COLUMN_NAMES, type BoardKind } from '../../../shared/workflow/boards';
import { reasonLabel } from './reasonLabel';
import './archive.css';

export function ArchivedView({ boardId, kind, onOpen }: { boardId: number; kind: BoardKind; onOpen: (cardId: number) => void }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('lifecycle');
  const locale = useLocale();
  const names = catalogIndex(useCatalog());
  const titleId = useId();
  const list = useQuery(trpc.board.get.queryOptions({ boardId, archived: true }));

  return (
    <section className="archived-view" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('archived.title')}</h2>
      {list.isPending ? (
        <p className="empty" role="status">{t('common:state.loading')}</p>
      ) : list.isError ? (
        <p className="callout callout-error" role="alert">{serverErrorMessage(list.error, t, i18n.language)}</p>
      ) : list.data.cards.length === 0 ? (
        <p className="empty">{t('archived.empty')}</p>
      ) : (
        <>
          <p className="hint" role="status">{t('archived.count', { count: list.data.cards.length })}</p>
          <ul className="archived-list">
            {list.data.cards.map((card) => {
              const learner = list.data.learners.find((l) => l.id === card.learnerId);
              const name = learnerLabel(learner, card.learnerId);
              const archive = card.archive;
              const project = names.project(card.projectId);
              const kindWord = archive ? t(`card.offBoard_${archive.kind}`) : '';
              return (
                <li key={card.id} className="archived-item">
                  <button type="button" className="archived-open" aria-label={t('archived.open', { name })} onClick={() => onOpen(card.id)}>
                    <span className="archived-name">{name}</span>
                    {project && <span className="archived-project">{project.code}</span>}
                    {archive && (
                      <>
                        <span className="archived-meta">
                          {t('card.offBoardBy', {
                            kind: kindWord,
                            name: names.personName(archive.byId) ?? t('card.someone'),
                            when: archive.at ? formatInstant(archive.at, locale, 'medium') : '—',
                          })}
                          {' · '}
                          {t('archived.column', { column: COLUMN_NAMES[kind][card.columnKey][locale] })}
                        </span>
                        <span className="archived-meta">{archive.reason ? t('card.offBoardReason', { reason: reasonLabel(archive.reason, t) }) : t('card.noReason')}</span>
                      </>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
