/**
 * The first run (no account exists yet): creates the first mentorship manager and signs
 * them in (setup.createManager), then opens Accounts to invite the others. Shown instead of
 * the login page while setup.status says so; the server refuses it once anyone has an account.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useTRPC } from '../../trpc';
import { LanguageSwitch } from '../shell';
import { PasswordFields, type NewPassword } from './PasswordFields';
import './setup.css';

export function SetupPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation('accounts');
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState<NewPassword>({ password: '', confirm: '' });
  const create = useMutation(
    trpc.setup.createManager.mutationOptions({
      onSuccess: (user) => {
        queryClient.setQueryData(trpc.setup.status.queryKey(), { needsSetup: false });
        queryClient.setQueryData(trpc.auth.session.queryKey(), user);
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        navigate('/accounts', { replace: true });
      },
    }),
  );
  const mismatch = password.password !== password.confirm;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    create.mutate({ name, email, password: password.password });
  };
  return (
    <main className="entry">
      <div className="entry-lang"><LanguageSwitch /></div>
      <form className="entry-card" onSubmit={submit} aria-labelledby="setup-title" noValidate={false}>
        <div className="entry-brand" aria-hidden="true">R</div>
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p className="entry-intro">{t('setup.intro')}</p>
        {create.isError && <p className="callout callout-error" role="alert">{create.error.message}</p>}
        <div className="field">
          <label htmlFor="setup-name">{t('setup.name')}</label>
          <input id="setup-name" autoComplete="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="setup-email">{t('setup.email')}</label>
          <input id="setup-email" type="email" autoComplete="username" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <PasswordFields value={password} onChange={setPassword} labels={{ password: t('setup.password'), confirm: t('setup.confirm') }} />
        <button className="btn btn-primary entry-submit" type="submit" disabled={create.isPending || (password.confirm !== '' && mismatch)}>
          {create.isPending ? t('setup.submitting') : t('setup.submit')}
        </button>
        <p className="entry-foot">{t('setup.oneTime')}</p>
      </form>
    </main>
  );
}
