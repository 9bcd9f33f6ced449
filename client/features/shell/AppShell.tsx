import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useTRPC, type Me } from '../../trpc';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from '../notifications/NotificationBell';
import { MenuButton } from '../../components/MenuButton';
import { reloadSignedOut } from './session';
import { BOARD_NAMES } from '../../../shared/workflow/boards';
import { currentLocale } from '../../i18n';
import './shell.css';

// Asked for rarely: the confirmation loads when first opened.
const SignOutEverywhereDialog = lazy(() => import('./SignOutEverywhereDialog').then((m) => ({ default: m.SignOutEverywhereDialog })));

/** The header every page shares: boards, people pages, notifications, language, account. */
export function AppShell({ user, children }: { user: Me; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const boards = useQuery(trpc.board.list.queryOptions());
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        queryClient.clear();
        reloadSignedOut();
      },
    }),
  );
  const [confirmingEverywhere, setConfirmingEverywhere] = useState(false);
  const [, navigate] = useLocation();
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
            <NavTab key={b.id} to={`/boards/${b.id}`}>
              {BOARD_NAMES[b.kind][locale]}
            </NavTab>
          ))}
          <NavTab to="/learners">{t('nav.learners')}</NavTab>
          {user.role === 'manager' && (
            <>
              <NavTab to="/mentors">{t('nav.mentors')}</NavTab>
              <NavTab to="/catalog">{t('nav.catalog')}</NavTab>
              <NavTab to="/settings">{t('nav.settings')}</NavTab>
              <NavTab to="/audit">{t('nav.audit')}</NavTab>
              <NavTab to="/accounts">{t('nav.accounts')}</NavTab>
            </>
          )}
        </nav>
        <div className="shell-tools">
          <NotificationBell />
          <LanguageSwitch />
          <MenuButton
            className="shell-user"
            label={t('nav.account', { name: user.name, role })}
            title={user.name}
            items={[
              { key: 'account', label: t('nav.myAccount'), description: t('nav.myAccountHint'), onSelect: () => navigate('/account') },
              { key: 'logout', label: t('nav.logout'), onSelect: () => logout.mutate() },
              { key: 'logout-everywhere', label: t('nav.logoutEverywhere'), description: t('nav.logoutEverywhereHint'), onSelect: () => setConfirmingEverywhere(true) },
            ]}
          >
            {/* The initials drawn by CSS (shell.css), not text: the button's name holds all the text it shows (WCAG 2.5.3). */}
            <span className="shell-avatar" aria-hidden="true" data-initials={user.name.split(' ').map((p) => p[0]).join('').slice(0, 2)} />
            <span className="shell-user-text">
              <span className="shell-user-name">{user.name}</span>{' '}
              <span className="shell-user-role">{role}</span>
            </span>
            <svg className="shell-user-chevron" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </MenuButton>
        </div>
      </header>
      <main className="shell-main">
        {children}
      </main>
      {confirmingEverywhere && (
        <Suspense fallback={null}>
          <SignOutEverywhereDialog onClose={() => setConfirmingEverywhere(false)} />
        </Suspense>
      )}
    </div>
  );
}

/** A header tab: marked current on its page and on every page under it (a board's cards). */
function NavTab({ to, children }: { to: string; children: ReactNode }) {
  const [location] = useLocation();
  const current = location === to || location.startsWith(`${to}/`);
  return (
    <Link to={to} className={`shell-tab${current ? ' active' : ''}`} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}
