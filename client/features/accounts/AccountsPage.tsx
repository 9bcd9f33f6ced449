/**
 * Accounts (/accounts, managers): everyone who signs in, their role and status, when they
 * were last seen; invite someone (the one-time link to copy); each name opens their page.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useTRPC, type Me, type Outputs } from '../../trpc';
import '../learner/people.css';
import '../../components/dialogs.css';
import './accounts.css';

const InviteDialog = lazy(() => import('./InviteDialog').then((m) => ({ default: m.InviteDialog })));

export type Account = Outputs['user']['list'][number];

export function StatusPill({ status }: { status: Account['status'] }) {
  const { t } = useTranslation('accounts');
  return <span className={`account-status account-status-${status}`}>{t(`status.${status}`)}</span>;
}

export function AccountsPage({ user }: { user: Me }) {
  const { t } = useTranslation('accounts');
  if (user.role !== 'manager') {
    return (
      <div className="page people-page">
        <h1>{t('list.title')}</h1>
        <p className="callout callout-info">{t('list.managersOnly')}</p>
      </div>
    );
  }
  return <AccountsList user={user} />;
}

function AccountsList({ user }: { user: Me }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('accounts');
  const users = useQuery(trpc.user.list.queryOptions());
  const [inviting, setInviting] = useState(false);
  const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : t('list.never'));
  return (
    <div className="page people-page people-wide">
      <header className="people-header">
        <div>
          <h1>{t('list.title')}</h1>
          <p className="people-sub">{t('list.subtitle')}</p>
        </div>
        <div className="people-header-side">
          {users.data && <span className="accounts-count">{t('list.count', { count: users.data.length })}</span>}
          <button type="button" className="btn btn-primary" onClick={() => setInviting(true)}>{t('list.invite')}</button>
        </div>
      </header>
      {users.isPending ? (
        <p className="empty" role="status">{t('common:state.loading')}</p>
      ) : users.isError ? (
        <p className="callout callout-error" role="alert">{t('list.error', { message: users.error.message })}</p>
      ) : (
        <div className="table-wrap">
          <table className="people-table accounts-table">
            <caption className="sr-only">{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.person')}</th>
                <th scope="col">{t('list.role')}</th>
                <th scope="col">{t('list.status')}</th>
                <th scope="col">{t('list.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <Link to={`/accounts/${u.id}`} className="person-link">{u.name}</Link>
                    {u.id === user.id && <span className="accounts-you">{t('list.you')}</span>}
                    <span className="mentor-email">{u.email}</span>
                  </th>
                  <td>
                    {t(`roles.${u.role}`)}
                    {u.role === 'mentor' && u.isEvaluator && <span className="role-tag">{t('roles.evaluator')}</span>}
                  </td>
                  <td><StatusPill status={u.status} /></td>
                  <td className="muted">{when(u.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {inviting && (
        <Suspense fallback={null}>
          <InviteDialog onClose={() => setInviting(false)} />
        </Suspense>
      )}
    </div>
  );
}
