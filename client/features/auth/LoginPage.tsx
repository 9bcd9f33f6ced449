import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useTRPC } from '../../trpc';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import './login.css';

/**
 * Why a sign-in was refused, in the reader's language: a wrong email or password, or a
 * pause after too many attempts with how long to wait (`data.retryAfter`, in seconds).
 */
export function loginErrorMessage(error: { message: string; data?: { code?: string; retryAfter?: unknown } | null }, t: TFunction): string {
  const code = error.data?.code;
  if (code === 'UNAUTHORIZED') return t('login.failed');
  if (code === 'TOO_MANY_REQUESTS') {
    const seconds = Number(error.data?.retryAfter);
    if (!Number.isFinite(seconds) || seconds <= 0) return t('login.tooManySoon');
    // As the server words it: seconds under a minute, whole minutes (rounded up) past it.
    const wait = seconds < 60 ? t('login.waitSeconds', { count: Math.ceil(seconds) }) : t('login.waitMinutes', { count: Math.ceil(seconds / 60) });
    return t('login.tooMany', { wait });
  }
  return error.message;
}

export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => {
        queryClient.setQueryData(trpc.auth.session.queryKey(), user);
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
      },
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
            {loginErrorMessage(login.error, t)}
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
        <p className="login-hint">{t('login.demoHint', { password: 'relais-demo' })}<br /><code>manager@relais.test</code> · <code>mentor@relais.test</code> · <code>mentor2@relais.test</code> · <code>evaluator@relais.test</code></p>
      </form>
    </main>
  );
}
