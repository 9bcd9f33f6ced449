/** The description, and its editor for whoever canEditCard allows; a stale save shows the fresh card (see descriptionEdit). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useReducer, type Dispatch, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, type CardDetail, type Catalog, type Me } from '../../trpc';
import { useUi } from '../../stores/ui';
import { errorData, serverErrorMessage } from '../../components/serverError';
import { EditIcon } from '../../components/icons';
import { useCatalog } from '../../lib/catalog';
import { cardFacts } from '../../../shared/workflow/drop';
import { canEditCard } from '../../../shared/workflow/rules';
import { Markdown } from './Markdown';
import { useUnsaved, useUnsavedGuard } from './unsaved';
import { descriptionEdit, descriptionSave, initialDescriptionEdit, type DescriptionAction, type DescriptionEdit } from './descriptionEdit';

export function CardDescription({ card, me }: { card: CardDetail; me: Me | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('card');
  const toast = useUi((s) => s.toastShown);
  const fieldId = useId();
  const [state, dispatch] = useReducer(descriptionEdit, card, initialDescriptionEdit);
  const allowed = !!me && canEditCard(me, cardFacts(card, card.kind)).ok;
  const isTransfer = card.kind === 'transfer';
  const dirty = state.editing && descriptionSave(state, isTransfer) !== null;
  useUnsaved(dirty);
  const { guard, confirm } = useUnsavedGuard(() => {}, dirty);

  const update = useMutation(
    trpc.card.update.mutationOptions({
      onSuccess: (fresh) => {
        queryClient.setQueryData(trpc.card.get.queryKey({ cardId: card.id }), (old) => (old ? { ...old, ...fresh } : old));
        void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId: card.id }));
        void queryClient.invalidateQueries(trpc.board.get.pathFilter());
        dispatch({ type: 'closed' });
        toast('success', t('edit.saved'));
      },
      onError: (error) => {
        const data = errorData(error);
        if (data.code === 'CONFLICT' && data.current && typeof data.current === 'object') {
          dispatch({ type: 'conflicted', current: data.current as Extract<DescriptionAction, { type: 'conflicted' }>['current'] });
          void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId: card.id }));
        }
      },
    }),
  );

  /** A transition that leaves the last save's answer behind. */
  const restart = (action: DescriptionAction) => {
    dispatch(action);
    update.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const save = descriptionSave(state, isTransfer);
    if (!save) dispatch({ type: 'closed' });
    else update.mutate({ cardId: card.id, version: save.version, ...save.changes });
  };

  const refusal = update.isError && errorData(update.error).code !== 'CONFLICT' ? serverErrorMessage(update.error, t, i18n.language) : null;

  return (
    <section className="card-section" aria-labelledby={`${fieldId}-title`}>
      <div className="section-head">
        <h3 id={`${fieldId}-title`}>{t('detail.description')}</h3>
        {allowed && !state.editing && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => restart({ type: 'started', card })}>
            <EditIcon size={14} /> {t('edit.edit')}
          </button>
        )}
      </div>
      {!state.editing ? (
        card.description?.trim() ? <Markdown text={card.description} /> : <p className="muted">{t('detail.noDescription')}</p>
      ) : (
        <DescriptionForm
          state={state}
          dispatch={dispatch}
          restart={restart}
          cancel={() => guard(() => restart({ type: 'closed' }))}
          onSubmit={submit}
          isTransfer={isTransfer}
          fieldId={fieldId}
          conflictText={state.conflict ? serverErrorMessage(update.error, t, i18n.language) : ''}
          refusal={refusal}
          saving={update.isPending}
        />
      )}
      {confirm}
    </section>
  );
}

interface FormProps {
  state: DescriptionEdit;
  dispatch: Dispatch<DescriptionAction>;
  restart: (action: DescriptionAction) => void;
  /** Cancel, asking first when something was changed. */
  cancel: () => void;
  onSubmit: (e: FormEvent) => void;
  isTransfer: boolean;
  fieldId: string;
  /** The server's words about the conflict, shown with it. */
  conflictText: string;
  refusal: string | null;
  saving: boolean;
}

function DescriptionForm({ state, dispatch, restart, cancel, onSubmit, isTransfer, fieldId, conflictText, refusal, saving }: FormProps) {
  const { t } = useTranslation('card');
  const catalog = useCatalog();
  const { draft, conflict } = state;
  const change = (values: Partial<DescriptionEdit['draft']>) => dispatch({ type: 'changed', values });
  return (
    <form onSubmit={onSubmit} className="card-edit" aria-label={t('edit.formLabel')}>
      {conflict && (
        <div className="callout callout-warning" role="alert">
          <p className="strong">{t('edit.conflictTitle')}</p>
          <p>{conflictText}</p>
          <p className="label-sm">{t('edit.theirVersion')}</p>
          <div className="conflict-theirs">
            {conflict.description.trim() ? <Markdown text={conflict.description} /> : <p className="muted">{t('detail.noDescription')}</p>}
          </div>
          <div className="conflict-actions">
            <button type="button" className="btn btn-sm" onClick={() => restart({ type: 'theirsTaken' })}>
              {t('edit.useTheirs')}
            </button>
            <span className="hint">{t('edit.orReapply')}</span>
          </div>
        </div>
      )}
      {refusal && <p className="callout callout-error" role="alert">{refusal}</p>}
      <div className="field">
        <label htmlFor={`${fieldId}-project`}>{t('detail.project')}</label>
        <select id={`${fieldId}-project`} value={draft.projectId ?? ''} onChange={(e) => change({ projectId: e.target.value ? Number(e.target.value) : null })}>
          {!draft.projectId && <option value="">{t('form.chooseProject')}</option>}
          <ProjectOptions catalog={catalog} />
        </select>
      </div>
      {isTransfer && (
        <div className="field">
          <label htmlFor={`${fieldId}-reason`}>{t('detail.reason')}</label>
          <input id={`${fieldId}-reason`} value={draft.reason} onChange={(e) => change({ reason: e.target.value })} maxLength={2000} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${fieldId}-description`}>{t('detail.description')}</label>
        <textarea
          id={`${fieldId}-description`}
          data-autofocus
          value={draft.description}
          rows={8}
          maxLength={20000}
          aria-describedby={`${fieldId}-md`}
          onChange={(e) => change({ description: e.target.value })}
        />
        <span className="hint" id={`${fieldId}-md`}>{t('form.markdownHint')}</span>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={cancel}>{t('common:actions.cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? t('common:actions.saving') : conflict ? t('edit.saveMine') : t('common:actions.save')}
        </button>
      </div>
    </form>
  );
}

/** The catalog's projects, grouped by path. */
function ProjectOptions({ catalog }: { catalog: Catalog | null }) {
  return (
    <>
      {(catalog?.paths ?? []).map((path) => (
        <optgroup key={path.id} label={path.name}>
          {(catalog?.projects ?? []).filter((p) => p.pathId === path.id).map((p) => (
            <option key={p.id} value={p.id}>{p.code} — {p.title}</option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
