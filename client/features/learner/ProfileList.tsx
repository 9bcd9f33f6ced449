/** The learner's profile, read-only: every field in order, the mandatory ones marked, the missing ones flagged. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../../components/icons';
import type { CatalogNames } from '../../lib/catalog';
import { LEARNER_FIELDS, type LearnerField } from '../../../shared/learnerFields';
import { displayValue } from './displayValue';
import { FieldLabel } from './FieldLabel';
import type { Learner } from './learnerDraft';

/** Fields whose text keeps its line breaks. */
const MULTILINE = new Set<LearnerField>(['notes', 'professionalGoal', 'availability']);

interface Props {
  learner: Learner;
  names: CatalogNames;
  mandatory: ReadonlySet<string>;
  missing: ReadonlySet<string>;
}

export function ProfileList({ learner, names, mandatory, missing }: Props) {
  const { t } = useTranslation('people');
  return (
    <dl className="profile-list">
      {LEARNER_FIELDS.map((field) => (
        <ProfileRow key={field} field={field} mandatory={mandatory.has(field)} missing={missing.has(field)}>
          {field === 'mentorId' ? (
            <>
              {displayValue(field, learner.mentorId, t, names)}
              <span className="hint profile-note">{t('learner.mentorReadOnly')}</span>
            </>
          ) : MULTILINE.has(field) ? (
            <span className="preserve">{displayValue(field, learner[field], t, names)}</span>
          ) : (
            displayValue(field, learner[field], t, names)
          )}
        </ProfileRow>
      ))}
    </dl>
  );
}

function ProfileRow({ field, mandatory, missing, children }: { field: LearnerField; mandatory: boolean; missing: boolean; children: ReactNode }) {
  const { t } = useTranslation('people');
  return (
    <div className={`profile-row${missing ? ' is-missing' : ''}`}>
      <dt>
        <FieldLabel field={field} mandatory={mandatory} />
      </dt>
      <dd>{missing ? <span className="missing-value"><AlertIcon size={13} /> {t('learner.missing')}</span> : children}</dd>
    </div>
  );
}
