import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useTRPC, type Me } from '../../trpc';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from '../notifications/NotificationBell';
import { BOARD_NAMES } from '../../../shared/workflow/boards';
import { currentLocale } from '../../i18n';
import './shell.css';

/** The header every page shares: boards, people pages, notifications, language, account. */
export function AppShell({ user }: { user: Me }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const boards = useQuery(trpc.board.list.queryOptions());
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        queryClient.clear();
        window.location.assign('/');
      },
    }),
  );
  const locale = currentLocale();
  const role = user.role === 'manager' ? t('roles.manager') : user.isEvaluator ? t('roles.evaluator') : t('roles.mentor');
  return (
    <div className="shell">
      <header className="shell-header">
        <a className="shell-brand" href="/boards/1">
          <span className="shell-logo" aria-hidden="true">R</span>
          <span>{t('appName')}</span>
        </a>
        <nav aria-label={t('nav.mainNav')} className="shell-nav">
          {boards.data?.map((b) => (
            <NavLink key={b.id} to={`/boards/${b.id}`} className={({ isActive }) => `shell-tab${isActive ? ' active' : ''}`}>
              {BOARD_NAMES[b.kind][locale]}
            </NavLink>
          ))}
          {user.role === 'manager' && (
            <>
              <NavLink to="/mentors" className={({ isActive }) => `shell-tab${isActive ? ' active' : ''}`}>{t('nav.mentors')}</NavLink>
              <NavLink to="/settings" className={({ isActive }) => `shell-tab${isActive ? ' active' : ''}`}>{t('nav.settings')}</NavLink>
            </>
          )}
        </nav>
        <div className="shell-tools">
          <NotificationBell />
          <LanguageSwitch />
          <span className="shell-user">
            <span className="shell-avatar" aria-hidden="true">{user.name.split(' ').map((p) => p[0]).join('').slice(0, 2)}</span>
            <span className="shell-user-text">
              <span className="shell-user-name">{user.name}</span>
              <span className="shell-user-role">{role}</span>
            </span>
          </span>
          <button className="btn btn-ghost" onClick={() => logout.mutate()}>{t('nav.logout')}</button>
        </div>
      </header>
      <main className="shell-main">
        <Outlet />
      </main>
    </div>
  );
}
