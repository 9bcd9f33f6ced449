/**
 * The card detail, shown at /boards/:boardId/cards/:cardId: every field, the locked date,
 * the history and comments, and the actions the viewer's role allows. What is offered
 * comes from the same shared rules the server enforces (canEditCard, moveVerdict).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useTRPC, type CardDetail, type Me } from '../../trpc';
import { useUi } from '../../stores/ui';
import { errorData, serverErrorMessage } from '../../components/serverError';
import { COLUMN_NAMES } from '../../../shared/workflow/boards';
import { cardFacts } from '../../../shared/workflow/drop';
import { canEditCard, canOpenLearnerFrom, canPrepareTransfer, canRecordOutcome, canVolunteer, moveVerdict } from '../../../shared/workflow/rules';
import { Modal } from '../../components/Modal';
import { Markdown } from './Markdown';
import { AlertIcon, CalendarIcon, CloseIcon, EditIcon, LockIcon } from '../../components/icons';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { learnerLabel } from '../../lib/boardData';
import { useBoardLearners } from './useBoardLearners';
import { useMe } from '../../lib/me';
import { formatDay, formatInstant, relativeTime, useLocale, viewerTimeZone } from '../../lib/format';
import { History } from './History';
import { Comments } from './Comments';
import { ProjectLabel } from './ProjectLabel';
import './card.css';

export function CardDetailDrawer({ cardId, boardId, onClose }: { cardId: number; boardId: number; onClose: () => void }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('card');
  const titleId = useId();
  const card = useQuery(trpc.card.get.queryOptions({ cardId }));

  return (
    <Modal variant="drawer" initialFocus="panel" labelledBy={titleId} onClose={onClose} className="card-drawer">
      {card.isPending ? (
        <DrawerShell titleId={titleId} title={t('detail.loading')} onClose={onClose}>
          <p className="empty" role="status">{t('common:state.loading')}</p>
        </DrawerShell>
      ) : card.isError ? (
        <DrawerShell titleId={titleId} title={t('detail.unavailable')} onClose={onClose}>
          <p className="callout callout-error" role="alert">{serverErrorMessage(card.error, t, i18n.language)}</p>
        </DrawerShell>
      ) : (
        <CardDetailBody card={card.data} boardId={boardId} titleId={titleId} onClose={onClose} />
      )}
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
        <LockedDate card={card} />
        {me && <CardActions card={card} me={me} learnerName={learnerName} />}
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
        <Properties card={card} learnerName={learnerName} mayOpenLearner={mayOpenLearner} />
        <Description card={card} me={me} />
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

/** The date the card is about, locked: nobody may change it once filed. */
function LockedDate({ card }: { card: CardDetail }) {
  const { t } = useTranslation('card');
  const locale = useLocale();
  const explainId = useId();
  const isDefense = card.kind === 'defense';
  const date = isDefense ? card.defenseDate : card.handoverDate;
  const flags = card.flags ?? [];
  return (
    <section className="locked-date" aria-labelledby={`${explainId}-label`} aria-describedby={explainId}>
      <span className="locked-date-icon" aria-hidden="true"><CalendarIcon size={18} /></span>
      <div className="locked-date-main">
        <p className="locked-date-label" id={`${explainId}-label`}>
          {isDefense ? t('detail.defenseDate') : t('detail.handoverDate')}
        </p>
        <p className="locked-date-value">
          {date ? (isDefense ? formatInstant(date, locale) : formatDay(date, locale, 'full')) : t('detail.noDate')}
          {date && isDefense && <span className="locked-date-tz"> ({viewerTimeZone()})</span>}
        </p>
        <p className="locked-date-explain" id={explainId}>
          <LockIcon size={13} />
          <span>{isDefense ? t('detail.defenseLocked') : t('detail.handoverLocked')}</span>
        </p>
      </div>
      {flags.length > 0 && (
        <ul className="chip-list locked-date-flags" aria-label={t('detail.flags')}>
          {flags.map((f) => (
            <li key={f} className={`badge badge-${f}`}>{t(`flags.${f}`)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Properties({ card, learnerName, mayOpenLearner }: { card: CardDetail; learnerName: string; mayOpenLearner: boolean }) {
  const { t } = useTranslation('card');
  const catalog = useCatalog();
  const names = catalogIndex(catalog);
  const project = names.project(card.projectId);
  const isDefense = card.kind === 'defense';
  const none = <span className="muted">{t('detail.none')}</span>;
  const rows: [string, ReactNode][] = [
    [t('detail.learner'), mayOpenLearner ? <Link to={`/learners/${card.learnerId}`}>{learnerName}</Link> : learnerName],
    [t('detail.project'), project ? <ProjectLabel project={project} withTitle /> : none],
    [t('detail.member'), names.personName(card.mentorId) ?? none],
  ];
  if (isDefense) {
    rows.push([t('detail.evaluator'), names.personName(card.evaluatorId) ?? <span className="muted">{t('detail.notAssigned')}</span>]);
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
    rows.push([t('detail.newMentor'), names.personName(card.newMentorId) ?? <span className="muted">{t('detail.notAssigned')}</span>]);
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

/** The buttons this viewer may use on this card, decided by the shared rules. */
function CardActions({ card, me, learnerName }: { card: CardDetail; me: Me; learnerName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('card');
  const openDialog = useUi((s) => s.dialogOpened);
  const toast = useUi((s) => s.toastShown);
  const boards = useQuery(trpc.board.list.queryOptions());
  const facts = cardFacts(card, card.kind);
  const isDefense = card.kind === 'defense';
  const isManager = me.role === 'manager';

  // May a manager assign here? Ask the rule as if the choice were already made.
  const assignVerdict = moveVerdict(me, { ...facts, evaluatorId: facts.evaluatorId ?? -1, newMentorId: facts.newMentorId ?? -1 }, 'assigned');
  const canAssign = isManager && card.columnKey !== 'done' && (assignVerdict.ok || card.columnKey === 'assigned');
  const notReady = isManager && !assignVerdict.ok && assignVerdict.rule === 'card_not_ready' ? assignVerdict.missing ?? [] : [];
  const mayRecordOutcome = canRecordOutcome(me, facts).ok;
  // The rule says who may volunteer; whether this mentor already has is the card's state.
  const volunteered = !isDefense && card.volunteerIds.includes(me.id);
  const mayVolunteer = canVolunteer(me, facts).ok && !volunteered;
  const transferBoard = boards.data?.find((b) => b.kind === 'transfer');
  const mayPrepareTransfer = canPrepareTransfer(me, facts) && !!transferBoard;

  const refresh = () => {
    void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId: card.id }));
    void queryClient.invalidateQueries(trpc.board.get.pathFilter());
  };
  const volunteer = useMutation(
    trpc.transfer.volunteer.mutationOptions({
      onSuccess: () => {
        toast('success', t('actions.volunteeredToast', { name: learnerName }));
        refresh();
      },
      onError: (error) => toast('error', serverErrorMessage(error, t, i18n.language)),
    }),
  );
  const withdraw = useMutation(
    trpc.transfer.withdraw.mutationOptions({
      onSuccess: () => {
        toast('info', t('actions.withdrawnToast'));
        refresh();
      },
      onError: (error) => toast('error', serverErrorMessage(error, t, i18n.language)),
    }),
  );

  const buttons: ReactNode[] = [];
  if (canAssign) {
    const assigned = isDefense ? card.evaluatorId : card.newMentorId;
    buttons.push(
      <button key="assign" type="button" className="btn btn-primary" onClick={() => openDialog({ kind: 'assign', cardId: card.id, boardId: card.boardId })}>
        {isDefense ? (assigned ? t('actions.changeEvaluator') : t('actions.assignEvaluator')) : assigned ? t('actions.changeMentor') : t('actions.assignMentor')}
      </button>,
    );
  }
  if (mayRecordOutcome) {
    buttons.push(
      <button key="outcome" type="button" className={`btn ${canAssign ? '' : 'btn-primary'}`} onClick={() => openDialog({ kind: 'outcome', cardId: card.id, boardId: card.boardId })}>
        {t('actions.recordOutcome')}
      </button>,
    );
  }
  if (mayVolunteer) {
    buttons.push(
      <button key="volunteer" type="button" className="btn btn-primary" disabled={volunteer.isPending} onClick={() => volunteer.mutate({ cardId: card.id })}>
        {t('actions.volunteer')}
      </button>,
    );
  }
  if (volunteered) {
    buttons.push(
      <button key="withdraw" type="button" className="btn" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ cardId: card.id })}>
        {t('actions.withdraw')}
      </button>,
    );
  }
  if (mayPrepareTransfer && transferBoard) {
    buttons.push(
      <button key="transfer" type="button" className="btn" onClick={() => openDialog({ kind: 'newCard', boardId: transferBoard.id, learnerId: card.learnerId })}>
        {t('actions.prepareTransfer')}
      </button>,
    );
  }
  if (buttons.length === 0 && notReady.length === 0) return null;
  return (
    <div className="card-actions" role="group" aria-label={t('actions.label')}>
      {buttons}
      {volunteered && <span className="badge badge-success">{t('actions.youVolunteered')}</span>}
      {notReady.length > 0 && (
        <p className="hint card-not-ready">
          {t('actions.notReady', { fields: notReady.map((f) => t(`common:fields.${f}`, { defaultValue: f })).join(', ') })}
        </p>
      )}
    </div>
  );
}

/** The description, and its editor for whoever canEditCard allows; a stale save shows the fresh card. */
function Description({ card, me }: { card: CardDetail; me: Me | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('card');
  const toast = useUi((s) => s.toastShown);
  const catalog = useCatalog();
  const fieldId = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ description: card.description ?? '', projectId: card.projectId, reason: card.reason ?? '' });
  // What the form started from: only fields changed from it are sent, so re-applying after a conflict keeps the other person's other changes.
  const [base, setBase] = useState({ version: card.version, description: card.description ?? '', projectId: card.projectId, reason: card.reason ?? '' });
  const [conflict, setConflict] = useState<null | { description: string; version: number; reason: string | null; projectId: number | null }>(null);
  const allowed = !!me && canEditCard(me, cardFacts(card, card.kind)).ok;
  const isTransfer = card.kind === 'transfer';

  const update = useMutation(
    trpc.card.update.mutationOptions({
      onSuccess: (fresh) => {
        queryClient.setQueryData(trpc.card.get.queryKey({ cardId: card.id }), (old) => (old ? { ...old, ...fresh } : old));
        void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId: card.id }));
        void queryClient.invalidateQueries(trpc.board.get.pathFilter());
        setEditing(false);
        setConflict(null);
        toast('success', t('edit.saved'));
      },
      onError: (error) => {
        const data = errorData(error);
        if (data.code === 'CONFLICT' && data.current && typeof data.current === 'object') {
          const current = data.current as { description?: string; version: number; reason?: string | null; projectId?: number | null };
          setConflict({ description: current.description ?? '', version: current.version, reason: current.reason ?? null, projectId: current.projectId ?? null });
          void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId: card.id }));
        }
      },
    }),
  );

  const start = () => {
    const values = { description: card.description ?? '', projectId: card.projectId, reason: card.reason ?? '' };
    setDraft(values);
    setBase({ version: card.version, ...values });
    setConflict(null);
    update.reset();
    setEditing(true);
  };
  const save = (version: number) => {
    update.mutate({
      cardId: card.id,
      version,
      ...(draft.description !== base.description ? { description: draft.description } : {}),
      ...(draft.projectId && draft.projectId !== base.projectId ? { projectId: draft.projectId } : {}),
      ...(isTransfer && draft.reason !== base.reason ? { reason: draft.reason } : {}),
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.description === base.description && draft.projectId === base.projectId && draft.reason === base.reason) {
      setEditing(false);
      setConflict(null);
      return;
    }
    save(conflict ? conflict.version : base.version);
  };

  const refusal = update.isError && errorData(update.error).code !== 'CONFLICT' ? serverErrorMessage(update.error, t, i18n.language) : null;

  return (
    <section className="card-section" aria-labelledby={`${fieldId}-title`}>
      <div className="section-head">
        <h3 id={`${fieldId}-title`}>{t('detail.description')}</h3>
        {allowed && !editing && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={start}>
            <EditIcon size={14} /> {t('edit.edit')}
          </button>
        )}
      </div>
      {!editing ? (
        card.description?.trim() ? <Markdown text={card.description} /> : <p className="muted">{t('detail.noDescription')}</p>
      ) : (
        <form onSubmit={submit} className="card-edit" aria-label={t('edit.formLabel')}>
          {conflict && (
            <div className="callout callout-warning" role="alert">
              <p className="strong">{t('edit.conflictTitle')}</p>
              <p>{serverErrorMessage(update.error, t, i18n.language)}</p>
              <p className="label-sm">{t('edit.theirVersion')}</p>
              <div className="conflict-theirs">
                {conflict.description.trim() ? <Markdown text={conflict.description} /> : <p className="muted">{t('detail.noDescription')}</p>}
              </div>
              <div className="conflict-actions">
                <button type="button" className="btn btn-sm" onClick={() => { const fresh = { description: conflict.description, projectId: conflict.projectId, reason: conflict.reason ?? '' }; setDraft(fresh); setBase({ version: conflict.version, ...fresh }); setConflict(null); update.reset(); }}>
                  {t('edit.useTheirs')}
                </button>
                <span className="hint">{t('edit.orReapply')}</span>
              </div>
            </div>
          )}
          {refusal && <p className="callout callout-error" role="alert">{refusal}</p>}
          <div className="field">
            <label htmlFor={`${fieldId}-project`}>{t('detail.project')}</label>
            <select id={`${fieldId}-project`} value={draft.projectId ?? ''} onChange={(e) => setDraft({ ...draft, projectId: e.target.value ? Number(e.target.value) : null })}>
              {!draft.projectId && <option value="">{t('form.chooseProject')}</option>}
              {(catalog?.paths ?? []).map((path) => (
                <optgroup key={path.id} label={path.name}>
                  {(catalog?.projects ?? []).filter((p) => p.pathId === path.id).map((p) => (
                    <option key={p.id} value={p.id}>{p.code} — {p.title}</option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          {isTransfer && (
            <div className="field">
              <label htmlFor={`${fieldId}-reason`}>{t('detail.reason')}</label>
              <input id={`${fieldId}-reason`} value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} maxLength={2000} />
            </div>
          )}
          <div className="field">
            <label htmlFor={`${fieldId}-description`}>{t('detail.description')}</label>
            <textarea id={`${fieldId}-description`} data-autofocus value={draft.description} rows={8} maxLength={20000} aria-describedby={`${fieldId}-md`} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
            <span className="hint" id={`${fieldId}-md`}>{t('form.markdownHint')}</span>
          </div>
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => { setEditing(false); setConflict(null); update.reset(); }}>{t('common:actions.cancel')}</button>
            <button type="submit" className="btn btn-primary" disabled={update.isPending}>
              {update.isPending ? t('common:actions.saving') : conflict ? t('edit.saveMine') : t('common:actions.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
