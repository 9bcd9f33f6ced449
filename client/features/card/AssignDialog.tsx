/**
 * A manager chooses the evaluator of a defense or the new mentor of a transfer. The
 * server ranks the candidates and explains each refusal; this dialog shows that ranking
 * as it is, eligible ones to choose from, the others greyed with their reasons.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useTRPC, type CardDetail } from '../../trpc';
import { useUi } from '../../stores/ui';
import { errorData, serverErrorMessage } from '../../components/serverError';
import { Modal } from '../../components/Modal';
import { CloseIcon } from '../../components/icons';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { learnerLabel } from '../../lib/boardData';
import { useBoardLearners } from './useBoardLearners';
import { formatDay, formatInstant, useLocale } from '../../lib/format';
import '../../components/dialogs.css';

interface CandidateRow {
  mentorId: number;
  name: string;
  eligible: boolean;
  reasons: string[];
  reasonCodes: string[];
  volunteered?: boolean;
  remainingCapacity?: number;
}

export function AssignDialog({ cardId, onClose }: { cardId: number; onClose: () => void }) {
  const trpc = useTRPC();
  const { t } = useTranslation('card');
  const titleId = useId();
  const card = useQuery(trpc.card.get.queryOptions({ cardId }));
  return (
    <Modal labelledBy={titleId} onClose={onClose} size="md">
      {card.data ? (
        <AssignForm card={card.data} titleId={titleId} onClose={onClose} />
      ) : (
        <>
          <div className="modal-head">
            <h2 id={titleId}>{t('assign.titleLoading')}</h2>
            <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common:actions.close')}><CloseIcon size={18} /></button>
          </div>
          <div className="modal-body">
            {card.isError ? <p className="callout callout-error" role="alert">{card.error.message}</p> : <p className="empty" role="status">{t('common:state.loading')}</p>}
          </div>
        </>
      )}
    </Modal>
  );
}

function AssignForm({ card, titleId, onClose }: { card: CardDetail; titleId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('card');
  const locale = useLocale();
  const toast = useUi((s) => s.toastShown);
  const names = catalogIndex(useCatalog());
  const isDefense = card.kind === 'defense';
  const learners = useBoardLearners(card.boardId);
  const learnerName = learnerLabel(learners.find((l) => l.id === card.learnerId), card.learnerId);
  const project = names.project(card.projectId);
  const id = useId();

  const evaluators = useQuery({ ...trpc.card.eligibleEvaluators.queryOptions({ cardId: card.id }), enabled: isDefense, staleTime: 0 });
  const mentors = useQuery({ ...trpc.transfer.eligibleMentors.queryOptions({ cardId: card.id }), enabled: !isDefense, staleTime: 0 });
  const mentorList = useQuery({ ...trpc.mentor.list.queryOptions(), enabled: !isDefense });
  const board = useQuery({ ...trpc.board.get.queryOptions({ boardId: card.boardId }), enabled: isDefense });
  const ranking = isDefense ? evaluators : mentors;
  const rows: CandidateRow[] = ranking.data ?? [];
  const eligible = rows.filter((r) => r.eligible);
  const ineligible = rows.filter((r) => !r.eligible);
  const current = isDefense ? card.evaluatorId : card.newMentorId;

  const [chosen, setChosen] = useState<number | null>(null);
  const selected = chosen ?? eligible.find((r) => r.mentorId !== current)?.mentorId ?? eligible[0]?.mentorId ?? null;
  const [refusal, setRefusal] = useState<{ message: string; missing: string[]; moved: boolean } | null>(null);

  // Once the ranking arrives, focus goes to the proposed candidate, ready for arrow keys and Enter.
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (focusedOnce.current || !ranking.data || selected === null) return;
    focusedOnce.current = true;
    document.getElementById(`${id}-c-${selected}`)?.focus();
  }, [ranking.data, selected, id]);

  // The load each evaluator carries, as the ranking weighs it: upcoming defenses not yet held.
  const upcoming = (mentorId: number) => {
    const now = Date.now();
    return (board.data?.cards ?? []).filter(
      (c) => c.evaluatorId === mentorId && !c.outcome && c.id !== card.id && c.defenseDate && new Date(c.defenseDate).getTime() >= now,
    ).length;
  };
  const capacityOf = (mentorId: number) => mentorList.data?.find((m) => m.id === mentorId)?.capacity;

  const refresh = () => {
    void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId: card.id }));
    void queryClient.invalidateQueries(trpc.board.get.pathFilter());
    void queryClient.invalidateQueries(trpc.card.eligibleEvaluators.pathFilter());
    void queryClient.invalidateQueries(trpc.transfer.eligibleMentors.pathFilter());
    void queryClient.invalidateQueries(trpc.mentor.list.pathFilter());
  };
  const onError = (error: unknown) => {
    const data = errorData(error);
    const message = serverErrorMessage(error, t, i18n.language);
    const missing = data.rule === 'profile_incomplete' ? data.missingFields ?? [] : [];
    // Said once, in the dialog (no toast behind it); "moved" only when the card was not already in Profile to update.
    setRefusal({ message, missing, moved: missing.length > 0 && card.columnKey !== 'profile_to_update' });
    // A refused assignment may still have moved the card (to Profile to update) or met a stale ranking.
    refresh();
  };
  const onSuccess = () => {
    const who = rows.find((r) => r.mentorId === selected)?.name ?? '';
    toast('success', isDefense ? t('assign.doneEvaluator', { who, learner: learnerName }) : t('assign.doneMentor', { who, learner: learnerName }));
    refresh();
    onClose();
  };
  const assignEvaluator = useMutation(trpc.card.assignEvaluator.mutationOptions({ onSuccess, onError }));
  const assignMentor = useMutation(trpc.transfer.assignMentor.mutationOptions({ onSuccess, onError }));
  const pending = assignEvaluator.isPending || assignMentor.isPending;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (selected === null) return;
    setRefusal(null);
    if (isDefense) assignEvaluator.mutate({ cardId: card.id, evaluatorId: selected });
    else assignMentor.mutate({ cardId: card.id, mentorId: selected });
  };

  const date = isDefense ? (card.defenseDate ? formatInstant(card.defenseDate, locale, 'medium') : null) : card.handoverDate ? formatDay(card.handoverDate, locale, 'medium') : null;
  const selectedName = rows.find((r) => r.mentorId === selected)?.name;
  const fields = (list: string[]) => list.map((f) => t(`common:fields.${f}`, { defaultValue: f })).join(', ');

  return (
    <form onSubmit={submit} className="dialog-form" noValidate>
      <div className="modal-head">
        <div>
          <h2 id={titleId}>{isDefense ? t('assign.titleEvaluator') : t('assign.titleMentor')}</h2>
          <p className="modal-sub">
            {learnerName}
            {project ? ` · ${project.code}` : ''}
            {date ? ` · ${date}` : ''}
          </p>
        </div>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common:actions.close')}><CloseIcon size={18} /></button>
      </div>
      <div className="modal-body">
        <p className="hint dialog-intro">{isDefense ? t('assign.rankingEvaluator') : t('assign.rankingMentor')}</p>
        {card.learnerMissingFields.length > 0 && !refusal && (
          <p className="callout callout-warning">{t('assign.profileWarning', { fields: fields(card.learnerMissingFields) })}</p>
        )}
        {refusal && (
          <div className="callout callout-error" role="alert">
            <p className="strong">{t('assign.refused')}</p>
            <p>{refusal.message}</p>
            {refusal.missing.length > 0 && (
              <>
                {refusal.moved && <p>{t('assign.movedToProfileNow')}</p>}
                <Link to={`/learners/${card.learnerId}`} onClick={onClose}>{t('detail.updateProfile', { name: learnerName })}</Link>
              </>
            )}
          </div>
        )}
        {ranking.isPending ? (
          <p className="empty" role="status">{t('common:state.loading')}</p>
        ) : ranking.isError ? (
          <p className="callout callout-error" role="alert">{serverErrorMessage(ranking.error, t, i18n.language)}</p>
        ) : (
          <>
            <fieldset className="candidates">
              <legend>{isDefense ? t('assign.eligibleEvaluators', { count: eligible.length }) : t('assign.eligibleMentors', { count: eligible.length })}</legend>
              {eligible.length === 0 ? (
                <p className="callout callout-info">{isDefense ? t('assign.noneEligibleEvaluator') : t('assign.noneEligibleMentor')}</p>
              ) : (
                <ul className="candidate-list">
                  {eligible.map((row, index) => {
                    const inputId = `${id}-c-${row.mentorId}`;
                    const capacity = capacityOf(row.mentorId);
                    return (
                      <li key={row.mentorId} className={`candidate${selected === row.mentorId ? ' selected' : ''}`}>
                        <input type="radio" id={inputId} name={`${id}-candidate`} value={row.mentorId} checked={selected === row.mentorId} onChange={() => setChosen(row.mentorId)} />
                        <label htmlFor={inputId}>
                          <span className="candidate-name">{row.name}</span>
                          <span className="candidate-meta">
                            {isDefense
                              ? t('assign.upcoming', { count: upcoming(row.mentorId) })
                              : capacity !== undefined
                                ? t('assign.placesOf', { count: row.remainingCapacity ?? 0, capacity })
                                : t('assign.places', { count: row.remainingCapacity ?? 0 })}
                          </span>
                          <span className="candidate-tags">
                            {index === 0 && <span className="badge badge-info">{t('assign.best')}</span>}
                            {row.volunteered && <span className="badge badge-success">{t('assign.volunteered')}</span>}
                            {current === row.mentorId && <span className="badge">{t('assign.current')}</span>}
                          </span>
                        </label>
                        {!isDefense && capacity !== undefined && capacity > 0 && (
                          <span className="capacity-mini" aria-hidden="true">
                            <span style={{ width: `${Math.min(100, ((capacity - (row.remainingCapacity ?? 0)) / capacity) * 100)}%` }} />
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </fieldset>
            {ineligible.length > 0 && (
              <section className="ineligible" aria-labelledby={`${id}-ineligible`}>
                <h3 id={`${id}-ineligible`}>{t('assign.notEligible', { count: ineligible.length })}</h3>
                <ul className="candidate-list">
                  {ineligible.map((row) => (
                    <li key={row.mentorId} className="candidate candidate-off">
                      <span className="candidate-name">{row.name}</span>
                      <span className="candidate-reasons">
                        {(row.reasonCodes.length ? row.reasonCodes : row.reasons)
                          .map((code, i) => t(`common:reasons.${code}`, { defaultValue: row.reasons[i] ?? code }))
                          .join(' · ')}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </div>
      <div className="modal-foot">
        <button type="button" className="btn" onClick={onClose}>{t('common:actions.cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={selected === null || selected === current || pending || ranking.isPending}>
          {pending ? t('assign.assigning') : selectedName ? t('assign.assignWho', { who: selectedName }) : t('assign.assign')}
        </button>
      </div>
    </form>
  );
}
