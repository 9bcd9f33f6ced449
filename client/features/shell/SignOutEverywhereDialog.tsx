/**
 * "Sign out everywhere", confirmed: ends every session of the signed-in user, this one
 * included (auth.logoutEverywhere), then back to the login page. Loaded when first opened.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { serverErrorMessage } from '../../components/serverError';
import { Modal } from '../../components/Modal';
import { reloadSignedOut } from './session';

export function SignOutEverywhereDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const signOut = useMutation(
    trpc.auth.logoutEverywhere.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        reloadSignedOut();
      },
    }),
  );
  return (
    <Modal labelledBy={titleId} describedBy={bodyId} onClose={() => !signOut.isPending && onClose()} size="sm">
      <div className="modal-head">
        <h2 id={titleId}>{t('nav.logoutEverywhereTitle')}</h2>
      </div>
      <div className="modal-body">
        <p id={bodyId} className="confirm-body">{t('nav.logoutEverywhereBody')}</p>
        {signOut.isError && (
          <p className="callout callout-error" role="alert">{serverErrorMessage(signOut.error, t, i18n.language)}</p>
        )}
      </div>
      <div className="modal-foot">
        <button type="button" className="btn" onClick={onClose} disabled={signOut.isPending}>{t('actions.cancel')}</button>
        <button type="button" className="btn btn-danger" onClick={() => signOut.mutate()} disabled={signOut.isPending || signOut.isSuccess}>
          {signOut.isPending || signOut.isSuccess ? t('nav.loggingOut') : t('nav.logoutEverywhere')}
        </button>
      </div>
    </Modal>
  );
}
