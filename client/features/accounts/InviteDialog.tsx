/** Inviting a mentor or a manager (user.invite): then the one-time link, to copy and send. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, type Outputs } from '../../trpc';
import { Modal } from '../../components/Modal';
import { LinkBox } from './LinkBox';

type Invited = Outputs['user']['invite'];

export function InviteDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation('accounts');
  const titleId = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'mentor' | 'manager'>('mentor');
  const [isEvaluator, setIsEvaluator] = useState(false);
  const [invited, setInvited] = useState<Invited | null>(null);
  const invite = useMutation(
    trpc.user.invite.mutationOptions({
      onSuccess: (result) => {
        setInvited(result);
        void queryClient.invalidateQueries(trpc.user.list.pathFilter());
        void queryClient.invalidateQueries(trpc.catalog.get.pathFilter());
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ name, email, role, isEvaluator: role === 'mentor' && isEvaluator });
  };
  if (invited) {
    return (
      <Modal labelledBy={titleId} onClose={onClose} size="md">
        <div className="modal-head">
          <h2 id={titleId}>{t('invite.linkTitle', { name: invited.user.name })}</h2>
        </div>
        <div className="modal-body">
          <LinkBox url={invited.setPasswordUrl} name={invited.user.name} expiresAt={invited.expiresAt} />
        </div>
        <div className="modal-foot">
          <button type="button" className="btn" onClick={onClose}>{t('invite.close')}</button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal labelledBy={titleId} onClose={() => !invite.isPending && onClose()} size="md">
      <form className="invite-form" onSubmit={submit}>
        <div className="modal-head">
          <h2 id={titleId}>{t('invite.title')}</h2>
        </div>
        <div className="modal-body">
          {invite.isError && <p className="callout callout-error" role="alert">{invite.error.message}</p>}
          <div className="field">
            <label htmlFor="invite-name">{t('invite.name')}</label>
            <input id="invite-name" required maxLength={100} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="invite-email">{t('invite.email')}</label>
            <input id="invite-email" type="email" required maxLength={254} autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <fieldset className="invite-roles">
            <legend>{t('invite.role')}</legend>
            {(['mentor', 'manager'] as const).map((r) => (
              <label key={r} className="checkbox">
                <input type="radio" name="invite-role" value={r} checked={role === r} onChange={() => setRole(r)} />
                <span>{t(`roles.${r}`)}</span>
              </label>
            ))}
          </fieldset>
          {role === 'mentor' && (
            <label className="checkbox">
              <input type="checkbox" checked={isEvaluator} onChange={(e) => setIsEvaluator(e.target.checked)} />
              <span>{t('invite.isEvaluator')}</span>
            </label>
          )}
        </div>
        <div className="modal-foot">
          <button type="button" className="btn" onClick={onClose} disabled={invite.isPending}>{t('invite.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={invite.isPending}>{invite.isPending ? t('invite.submitting') : t('invite.submit')}</button>
        </div>
      </form>
    </Modal>
  );
}
