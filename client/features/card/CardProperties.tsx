/** The card's fields, as a list of labels and values: learner, project, people, attempt, outcome or reason and volunteers. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CardDetail } from '../../trpc';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { ProjectLabel } from './ProjectLabel';

export function CardProperties({ card, learnerName, mayOpenLearner }: { card: CardDetail; learnerName: string; mayOpenLearner: boolean }) {
  const { t } = useTranslation('card');
  const catalog = useCatalog();
  const names = catalogIndex(catalog);
  const project = names.project(card.projectId);
  const isDefense = card.kind === 'defense';
  const none = <span className="muted">{t('detail.none')}</span>;
  // A deactivated person's cards stay theirs, and say so.
  const person = (id: number | null | undefined) =>
    id == null ? null : names.personActive(id) ? names.personName(id) : (
      <>
        {names.personName(id)} <span className="muted">({t('detail.deactivated')})</span>
      </>
    );
  const rows: [string, ReactNode][] = [
    [t('detail.learner'), mayOpenLearner ? <Link to={`/learners/${card.learnerId}`}>{learnerName}</Link> : learnerName],
    [t('detail.project'), project ? <ProjectLabel project={project} withTitle /> : none],
    [t('detail.member'), person(card.mentorId) ?? none],
  ];
  if (isDefense) {
    rows.push([t('detail.evaluator'), person(card.evaluatorId) ?? <span className="muted">{t('detail.notAssigned')}</span>]);
    rows.push([
      t('detail.attempt'),
      <span className="attempt-links">
        {t('detail.attemptN', { n: card.attempt })}
        {card.previousCardId && (
          <Link to={`/boards/${card.boardId}/cards/${card.previousCardId}`}>{t('detail.previousAttempt')}</Link>
        )}
        {card.retakeCardId && <Link to={`/boards/${card.boardId}/cards/${card.retakeCardId}`}>{t('detail.retakeCard')}</Link>}
      </span>,
    ]);
    rows.push([
      t('detail.outcome'),
      card.outcome ? <span className={`badge badge-${card.outcome}`}>{t(`outcome.${card.outcome}`)}</span> : <span className="muted">{t('outcome.none')}</span>,
    ]);
  } else {
    rows.push([t('detail.newMentor'), person(card.newMentorId) ?? <span className="muted">{t('detail.notAssigned')}</span>]);
    rows.push([t('detail.reason'), card.reason ? card.reason : none]);
    rows.push([
      t('detail.volunteers'),
      card.volunteerIds.length > 0 ? (
        <ul className="chip-list">
          {card.volunteerIds.map((id) => (
            <li key={id} className="chip">{names.personName(id)}</li>
          ))}
        </ul>
      ) : (
        <span className="muted">{t('detail.noVolunteers')}</span>
      ),
    ]);
  }
  return (
    <section aria-labelledby="card-properties-title" className="card-section">
      <h3 id="card-properties-title" className="sr-only">{t('detail.properties')}</h3>
      <dl className="props">
        {rows.map(([label, value]) => (
          <div key={label} className="props-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
