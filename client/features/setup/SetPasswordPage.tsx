/**
 * A set-password link (/set-password#<token>, from an invitation or a new link a manager
 * made): the person chooses their password and is signed in (auth.setPassword). The token
 * is read from the fragment, which the browser never sends to the server.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { LanguageSwitch } from '../shell';
import { PasswordFields, type NewPassword } from './PasswordFields';
import './setup.css';

export function SetPasswordPage() {
  const trpc = useTRPC();
  const { t } = useTranslation('accounts');
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const [password, setPassword] = useState<NewPassword>({ password: '', confirm: '' });
  const set = useMutation(
    trpc.auth.setPassword.mutationOptions({
      // Signed in now, and maybe as someone else than before in this browser: a full load
      // of the start page drops whatever was cached for the one before.
      onSuccess: () => {
        window.location.assign('/');
      },
    }),
  );
  const mismatch = password.password !== password.confirm;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch || !token) return;
    set.mutate({ token, password: password.password });
  };
  return (
    <main className="entry">
      <div className="entry-lang"><LanguageSwitch /></div>
      <form className="entry-card" onSubmit={submit} aria-labelledby="set-password-title">
        <div className="entry-brand" aria-hidden="true">R</div>
        <h1 id="set-password-title">{t('setPassword.title')}</h1>
        <p className="entry-intro">{t('setPassword.intro')}</p>
        {!token && <p className="callout callout-error" role="alert">{t('setPassword.noToken')}</p>}
        {set.isError && <p className="callout callout-error" role="alert">{set.error.message}</p>}
        <PasswordFields value={password} onChange={setPassword} labels={{ password: t('setPassword.password'), confirm: t('setPassword.confirm') }} />
        <button className="btn btn-primary entry-submit" type="submit" disabled={!token || set.isPending || (password.confirm !== '' && mismatch)}>
          {set.isPending ? t('setPassword.submitting') : t('setPassword.submit')}
        </button>
        <p className="entry-foot">
          <a href="/">{t('setPassword.signIn')}</a>
        </p>
      </form>
    </main>
  );
}
