/**
 * My account (/account, everyone): change one's password (the current one required), see
 * and end one's sessions, and for a mentor their own profile: capacity, projects, RQTH
 * acceptance (mentor.updateSelf; evaluator status stays a manager's decision).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, type Me, type Outputs } from '../../trpc';
import { useUi } from '../../stores/ui';
import { useCatalog } from '../../lib/catalog';
import { shortUserAgent } from '../audit';
import { PasswordFields, type NewPassword } from '../setup';
import { ProjectPicker } from '../accounts';
import '../learner/people.css';
import '../../components/dialogs.css';
import './account.css';

export function AccountPage({ user }: { user: Me }) {
  const { t } = useTranslation('accounts');
  return (
    <div className="page people-page account-page">
      <header className="people-header">
        <div>
          <p className="people-kicker">{user.email}</p>
          <h1>{t('account.title')}</h1>
          <p className="people-sub">{t('account.subtitle')}</p>
        </div>
      </header>
      {user.role === 'mentor' && <MentoringPanel user={user} />}
      <PasswordPanel />
      <SessionsPanel />
    </div>
  );
}

function MentoringPanel({ user }: { user: Me }) {
  const trpc = useTRPC();
  const { t } = useTranslation('accounts');
  const mentors = useQuery(trpc.mentor.list.queryOptions());
  const catalog = useCatalog();
  const me = mentors.data?.find((m) => m.id === user.id);
  return (
    <section className="panel" aria-labelledby="account-profile">
      <div className="panel-head">
        <h2 id="account-profile">{t('account.profile')}</h2>
        <p>{t('account.profileHint')}</p>
      </div>
      {me && catalog ? <MentoringForm key={`${me.capacity}-${me.acceptsRqth}-${me.projectIds.join()}`} mentor={me} catalog={catalog} /> : <p className="empty" role="status">{t('common:state.loading')}</p>}
    </section>
  );
}

type Mentor = Outputs['mentor']['list'][number];

function MentoringForm({ mentor, catalog }: { mentor: Mentor; catalog: NonNullable<ReturnType<typeof useCatalog>> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation('accounts');
  const toast = useUi((s) => s.toastShown);
  const [capacity, setCapacity] = useState(String(mentor.capacity));
  const [acceptsRqth, setAcceptsRqth] = useState(mentor.acceptsRqth);
  const [projectIds, setProjectIds] = useState<number[]>(mentor.projectIds);
  const save = useMutation(
    trpc.mentor.updateSelf.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.mentor.list.pathFilter());
        toast('success', t('person.saved'));
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ capacity: Number(capacity), acceptsRqth, projectIds });
  };
  return (
    <form onSubmit={submit}>
      {save.isError && <p className="callout callout-error" role="alert">{save.error.message}</p>}
      <div className="field">
        <label htmlFor="account-capacity">{t('person.capacity')}</label>
        <input id="account-capacity" className="input-narrow" type="number" min={0} max={200} required value={capacity} onChange={(e) => setCapacity(e.target.value)} />
      </div>
      <div className="check-stack">
        <label className="checkbox">
          <input type="checkbox" checked={acceptsRqth} onChange={(e) => setAcceptsRqth(e.target.checked)} />
          <span>{t('person.acceptsRqth')}</span>
        </label>
      </div>
      <div className="account-projects">
        <ProjectPicker catalog={catalog} value={projectIds} onChange={setProjectIds} legend={t('account.projects')} empty={t('person.noProjects')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>{save.isPending ? t('person.saving') : t('person.save')}</button>
      </div>
    </form>
  );
}

function PasswordPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation('accounts');
  const toast = useUi((s) => s.toastShown);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', confirm: '' });
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: (result) => {
        setCurrent('');
        setNext({ password: '', confirm: '' });
        void queryClient.invalidateQueries(trpc.auth.sessions.pathFilter());
        toast('success', t('account.changed', { count: result.endedSessions }));
      },
    }),
  );
  const mismatch = next.password !== next.confirm;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!mismatch) change.mutate({ currentPassword: current, newPassword: next.password });
  };
  return (
    <section className="panel" aria-labelledby="account-password">
      <div className="panel-head">
        <h2 id="account-password">{t('account.password')}</h2>
      </div>
      <form className="account-form" onSubmit={submit}>
        {change.isError && <p className="callout callout-error" role="alert">{change.error.message}</p>}
        <div className="field">
          <label htmlFor="account-current">{t('account.current')}</label>
          <input id="account-current" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <PasswordFields value={next} onChange={setNext} labels={{ password: t('account.new'), confirm: t('account.confirm') }} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={change.isPending || (next.confirm !== '' && mismatch)}>
            {change.isPending ? t('account.changing') : t('account.change')}
          </button>
        </div>
      </form>
    </section>
  );
}

function SessionsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('accounts');
  const { t: tAudit } = useTranslation('audit');
  const toast = useUi((s) => s.toastShown);
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const end = useMutation(
    trpc.auth.endSession.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.auth.sessions.pathFilter());
        toast('success', t('account.ended'));
      },
    }),
  );
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section className="panel" aria-labelledby="account-sessions">
      <div className="panel-head">
        <h2 id="account-sessions">{t('account.sessions')}</h2>
        <p>{t('account.sessionsHint')}</p>
      </div>
      {end.isError && <p className="callout callout-error" role="alert">{end.error.message}</p>}
      {sessions.isPending ? (
        <p className="empty" role="status">{t('common:state.loading')}</p>
      ) : sessions.isError ? (
        <p className="callout callout-error" role="alert">{sessions.error.message}</p>
      ) : (
        <ul className="session-list">
          {sessions.data.map((s) => {
            const device = shortUserAgent(s.userAgent, tAudit) ?? t('account.unknownDevice');
            return (
              <li key={s.id} className="session">
                <span className="session-what">
                  <span className="session-device">
                    {device}
                    {s.current && <span className="session-current">{t('account.thisOne')}</span>}
                  </span>
                  <span className="session-meta">
                    {s.ip ?? t('account.unknownAddress')} · {t('account.signedInAt', { date: when(s.createdAt) })}, {t('account.lastSeenAt', { date: when(s.lastSeenAt) })}
                  </span>
                </span>
                {!s.current && (
                  <button type="button" className="btn" aria-label={t('account.endLabel', { device })} disabled={end.isPending} onClick={() => end.mutate({ sessionId: s.id })}>
                    {t('account.end')}
                  </button>
                )}
              </li>
            );
          })}
          {sessions.data.length === 1 && <li className="session session-meta">{t('account.none')}</li>}
        </ul>
      )}
    </section>
  );
}
