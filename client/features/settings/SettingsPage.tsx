/**
 * Settings (/settings, managers): which learner fields must be filled before a card may
 * be assigned. The server checks this list on every assignment and on the way back from
 * Profile to update.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, type Me } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { DEFAULT_MANDATORY_FIELDS, LEARNER_FIELDS, type LearnerField } from '../../../shared/learnerFields';
import '../card/card.css';
import '../../components/dialogs.css';
import '../learner/people.css';

export function SettingsPage({ user }: { user: Me }) {
  const { t } = useTranslation('people');
  if (user.role !== 'manager') {
    return (
      <div className="page people-page">
        <h1>{t('settings.title')}</h1>
        <p className="callout callout-info">{t('settings.managersOnly')}</p>
      </div>
    );
  }
  return <MandatoryFields />;
}

function MandatoryFields() {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('people');
  const settings = useQuery(trpc.settings.mandatoryFields.queryOptions());
  return (
    <div className="page people-page">
      <header className="people-header">
        <div>
          <h1>{t('settings.title')}</h1>
          <p className="people-sub">{t('settings.subtitle')}</p>
        </div>
      </header>
      {settings.isPending ? (
        <p className="empty" role="status">{t('common:state.loading')}</p>
      ) : settings.isError ? (
        <p className="callout callout-error" role="alert">{serverErrorMessage(settings.error, t, i18n.language)}</p>
      ) : (
        <MandatoryForm key={settings.data.fields.join()} saved={settings.data.fields} />
      )}
    </div>
  );
}

function MandatoryForm({ saved }: { saved: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('people');
  const toast = useUi((s) => s.toastShown);
  const [fields, setFields] = useState<string[]>(saved);
  const save = useMutation(
    trpc.settings.setMandatoryFields.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueryData(trpc.settings.mandatoryFields.queryKey(), result);
        void queryClient.invalidateQueries(trpc.learner.pathFilter());
        void queryClient.invalidateQueries(trpc.card.get.pathFilter());
        toast('success', t('settings.saved'));
      },
    }),
  );
  const dirty = [...fields].sort().join() !== [...saved].sort().join();
  const isDefault = [...fields].sort().join() === [...DEFAULT_MANDATORY_FIELDS].sort().join();
  const toggle = (field: string) => setFields((f) => (f.includes(field) ? f.filter((x) => x !== field) : [...f, field]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ fields: LEARNER_FIELDS.filter((f) => fields.includes(f)) });
  };
  return (
    <form onSubmit={submit} className="panel settings-panel">
      {save.isError && <p className="callout callout-error" role="alert">{serverErrorMessage(save.error, t, i18n.language)}</p>}
      <fieldset className="settings-fields" aria-describedby="settings-explain">
        <legend>{t('settings.legend')}</legend>
        <p className="hint" id="settings-explain">{t('settings.explain')}</p>
        <ul className="settings-list">
          {LEARNER_FIELDS.map((field: LearnerField) => (
            <li key={field}>
              <label className="checkbox">
                <input type="checkbox" checked={fields.includes(field)} onChange={() => toggle(field)} />
                <span>{t(`learner.labels.${field}`)}</span>
              </label>
              {field === 'mentorId' && <span className="hint">{t('settings.mentorAlways')}</span>}
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="settings-foot">
        <span className="hint" aria-live="polite">
          {t('settings.count', { count: fields.length, total: LEARNER_FIELDS.length })}
          {isDefault ? ` · ${t('settings.isDefault')}` : ''}
        </span>
        <div className="form-actions">
          {!isDefault && (
            <button type="button" className="btn" onClick={() => setFields([...DEFAULT_MANDATORY_FIELDS])}>{t('settings.restoreDefault')}</button>
          )}
          <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
            {save.isPending ? t('common:actions.saving') : t('common:actions.save')}
          </button>
        </div>
      </div>
    </form>
  );
}
