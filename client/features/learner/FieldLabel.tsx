import { useTranslation } from 'react-i18next';
import type { LearnerField } from '../../../shared/learnerFields';

/** A learner field's name, marked when it is mandatory (the mark for the eye, the word for screen readers). */
export function FieldLabel({ field, mandatory }: { field: LearnerField; mandatory: boolean }) {
  const { t } = useTranslation('people');
  return (
    <>
      {t(`learner.labels.${field}`)}
      {mandatory && (
        <>
          <span className="mandatory-mark" aria-hidden="true">*</span>
          <span className="sr-only"> ({t('learner.mandatory')})</span>
        </>
      )}
    </>
  );
}
