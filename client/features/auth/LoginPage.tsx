import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import './login.css';

export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => queryClient.setQueryData(trpc.auth.me.queryKey(), user),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password });
  };
  return (
    <main className="login">
      <div className="login-lang"><LanguageSwitch /></div>
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-brand" aria-hidden="true">R</div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="login-tagline">{t('tagline')}</p>
        {login.isError && (
          <p className="callout callout-error" role="alert">
            {login.error.data?.code === 'UNAUTHORIZED' ? t('login.failed') : login.error.message}
          </p>
        )}
        <div className="field">
          <label htmlFor="login-email">{t('login.email')}</label>
          <input id="login-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input id="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <button className="btn btn-primary login-submit" type="submit" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="login-hint">{t('login.demoHint', { password: 'relais-demo' })}<br /><code>manager@relais.test</code> · <code>mentor@relais.test</code> · <code>evaluator@relais.test</code></p>
      </form>
    </main>
  );
}
