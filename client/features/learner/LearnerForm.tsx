/** The learner's edit form, for their mentor or a manager: sends only what changed, and null for a field that was cleared (learnerPatch). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { timeZones } from '../../lib/format';
import { learnerPatch, toDraft, withDraftValue, type Learner, type LearnerDraft } from './learnerDraft';
import { LEARNER_FORM } from './learnerFormFields';
import { LearnerFieldInput } from './LearnerFieldInput';


export function LearnerForm({ learner, mandatory, onDone }: { learner: Learner; mandatory: Set<string>; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('people');
  const toast = useUi((s) => s.toastShown);
  const catalog = useCatalog();
  const id = useId();
  const [draft, setDraft] = useState<LearnerDraft>(() => toDraft(learner));
  const zones = useMemo(timeZones, []);
  const update = useMutation(
    trpc.learner.update.mutationOptions({
      onSuccess: (fresh) => {
        queryClient.setQueryData(trpc.learner.get.queryKey({ learnerId: learner.id }), fresh);
        void queryClient.invalidateQueries(trpc.learner.list.pathFilter());
        void queryClient.invalidateQueries(trpc.board.get.pathFilter());
        void queryClient.invalidateQueries(trpc.card.get.pathFilter());
        toast('success', fresh.missingFields.length === 0 ? t('learner.savedComplete') : t('learner.saved'));
        onDone();
      },
    }),
  );
  const onChange = <K extends keyof LearnerDraft>(key: K, value: LearnerDraft[K]) => setDraft((d) => withDraftValue(d, key, value, catalog));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes = learnerPatch(learner, draft);
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    update.mutate({ learnerId: learner.id, ...changes });
  };

  const context = { catalog, draft, t, zones };
  return (
    <form onSubmit={submit} className="learner-form" aria-label={t('learner.editForm')}>
      {update.isError && <p className="callout callout-error" role="alert">{serverErrorMessage(update.error, t, i18n.language)}</p>}
      <div className="form-grid">
        {LEARNER_FORM.map((spec) =>
          'readOnly' in spec ? (
            <div key={spec.field} className="field">
              <span className="label">{t('learner.labels.mentorId')}</span>
              <p className="readonly-value">
                {catalogIndex(catalog).personName(learner.mentorId)}
                <span className="hint profile-note">{t('learner.mentorReadOnly')}</span>
              </p>
            </div>
          ) : (
            <LearnerFieldInput key={spec.field} spec={spec} formId={id} mandatory={mandatory.has(spec.field)} context={context} onChange={onChange} />
          ),
        )}
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>{t('common:actions.cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>{update.isPending ? t('common:actions.saving') : t('common:actions.save')}</button>
      </div>
    </form>
  );
}
