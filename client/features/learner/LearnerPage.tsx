/**
 * A learner's profile (/learners/:learnerId): every field of the record, the mandatory ones
 * marked and the missing ones highlighted, an edit form for their mentor or a manager,
 * and the history of changes. The mentor is read-only: it changes only by a transfer.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { useTRPC, type Me } from '../../trpc';
import { serverErrorMessage } from '../../components/serverError';
import { AlertIcon, CheckIcon, EditIcon } from '../../components/icons';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { canEditLearner } from '../../../shared/workflow/rules';
import type { Learner } from './learnerDraft';
import { LearnerForm } from './LearnerForm';
import { LearnerHistory } from './LearnerHistory';
import { ProfileList } from './ProfileList';
import '../card/card.css';
import './people.css';

export function LearnerPage({ user }: { user: Me }) {
  const { learnerId } = useParams();
  const id = Number(learnerId);
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('people');
  const learner = useQuery({ ...trpc.learner.get.queryOptions({ learnerId: id }), enabled: Number.isInteger(id) && id > 0 });

  if (!Number.isInteger(id) || id <= 0) return <p className="page">{t('common:state.notFound')}</p>;
  if (learner.isPending) return <p className="empty" role="status">{t('common:state.loading')}</p>;
  if (learner.isError) {
    return (
      <div className="page">
        <p className="callout callout-error" role="alert">{serverErrorMessage(learner.error, t, i18n.language)}</p>
        <p><Link to="/">{t('common:state.backToBoards')}</Link></p>
      </div>
    );
  }
  return <LearnerProfile learner={learner.data} user={user} />;
}

function LearnerProfile({ learner, user }: { learner: Learner; user: Me }) {
  const { t } = useTranslation('people');
  const names = catalogIndex(useCatalog());
  const [editing, setEditing] = useState(false);
  const canEdit = canEditLearner(user, learner).ok;
  const missing = new Set<string>(learner.missingFields);
  const mandatory = new Set<string>(learner.mandatoryFields);
  const fullName = `${learner.firstName} ${learner.lastName}`;

  return (
    <div className="page people-page">
      <header className="people-header">
        <div>
          <p className="people-kicker">{t('learner.kicker')}</p>
          <h1>{fullName}</h1>
          <p className="people-sub">
            {learner.email && (
              <>
                <a href={`mailto:${learner.email}`}>{learner.email}</a>
                <span aria-hidden="true"> · </span>
              </>
            )}
            {t('learner.mentoredBy', { name: names.personName(learner.mentorId) ?? '—' })}
          </p>
        </div>
        <div className="people-header-side">
          {learner.missingFields.length === 0 ? (
            <span className="status-pill status-ok"><CheckIcon size={14} /> {t('learner.complete')}</span>
          ) : (
            <span className="status-pill status-warn"><AlertIcon size={14} /> {t('learner.missingCount', { count: learner.missingFields.length })}</span>
          )}
          {canEdit && !editing && (
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              <EditIcon size={14} /> {t('learner.edit')}
            </button>
          )}
        </div>
      </header>

      {learner.missingFields.length > 0 && (
        <div className="callout callout-warning people-callout" role="note">
          <p className="strong">{t('learner.missingTitle')}</p>
          <p>
            {t('learner.missingBody', {
              fields: learner.missingFields.map((f) => t(`common:fields.${f}`)).join(', '),
            })}
          </p>
        </div>
      )}

      <div className="people-grid">
        <section className="panel" aria-labelledby="learner-profile-title">
          <div className="panel-head">
            <h2 id="learner-profile-title">{t('learner.profile')}</h2>
            <span className="hint"><span className="mandatory-mark" aria-hidden="true">*</span> {t('learner.mandatoryLegend')}</span>
          </div>
          {editing ? (
            <LearnerForm learner={learner} mandatory={mandatory} onDone={() => setEditing(false)} />
          ) : (
            <ProfileList learner={learner} names={names} mandatory={mandatory} missing={missing} />
          )}
        </section>
        <LearnerHistory learner={learner} names={names} />
      </div>
    </div>
  );
}
