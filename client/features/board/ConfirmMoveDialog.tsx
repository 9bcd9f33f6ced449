/**
 * Asks before a move that changes more than the card (see isHandover): a transfer into Done
 * hands the learner over to the new mentor, with their open cards, and changes two mentors'
 * places. The dialog says what will change; Cancel leaves the card where it was.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import type { Lookups } from './lookups';
import type { MoveRequest } from './useBoardMoves';

interface Props {
  request: MoveRequest;
  lookups: Lookups;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmMoveDialog({ request, lookups, onConfirm, onCancel }: Props) {
  const { t } = useTranslation('board');
  const titleId = useId();
  const bodyId = useId();
  const { card, name } = request;
  const learner = lookups.learners.get(card.learnerId);
  // The learner's mentor now (the card's filer is the one who asked for the transfer).
  const fromId = learner?.mentorId ?? card.mentorId;
  const from = lookups.people.get(fromId)?.name ?? t('confirm.someone');
  const to = (card.newMentorId !== null ? lookups.people.get(card.newMentorId)?.name : undefined) ?? t('confirm.newMentor');
  return (
    <Modal labelledBy={titleId} describedBy={bodyId} onClose={onCancel} size="sm">
      <div className="modal-head">
        <h2 id={titleId}>{t('confirm.handoverTitle', { name })}</h2>
      </div>
      <div className="modal-body" id={bodyId}>
        <p>{t('confirm.handoverBody', { name, from, to })}</p>
        <ul>
          <li>{t('confirm.placeBack', { from })}</li>
          <li>{t('confirm.placeTaken', { to })}</li>
        </ul>
        <p className="hint">{t('confirm.closes')}</p>
      </div>
      <div className="modal-foot">
        <button type="button" className="btn" onClick={onCancel}>
          {t('confirm.cancel')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onConfirm}>
          {t('confirm.handover')}
        </button>
      </div>
    </Modal>
  );
}
