import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { AppShell } from './features/shell/AppShell';
import { BOARD_ROUTE, BoardPage } from './features/board/BoardPage';
import { Toasts } from './components/Toasts';
import { useTRPC } from './trpc';
import { lazyWithStrings } from './i18n';

// The board is what people open all day; the other pages load when first visited, the
// login page included (a signed-in reader never needs it).
const LoginPage = lazy(() => import('./features/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const LearnerPage = lazyWithStrings('people', () => import('./features/learner/LearnerPage').then((m) => m.LearnerPage));
const MentorsPage = lazyWithStrings('people', () => import('./features/mentor/MentorsPage').then((m) => m.MentorsPage));
const SettingsPage = lazyWithStrings('people', () => import('./features/settings/SettingsPage').then((m) => m.SettingsPage));
const LearnersPage = lazyWithStrings('lifecycle', () => import('./features/learners/LearnersPage').then((m) => m.LearnersPage));
const CatalogPage = lazyWithStrings('lifecycle', () => import('./features/catalog/CatalogPage').then((m) => m.CatalogPage));
const AuditPage = lazyWithStrings('audit', () => import('./features/audit/AuditPage').then((m) => m.AuditPage));
const SetupPage = lazyWithStrings('accounts', () => import('./features/setup/SetupPage').then((m) => m.SetupPage));
const SetPasswordPage = lazyWithStrings('accounts', () => import('./features/setup/SetPasswordPage').then((m) => m.SetPasswordPage));
const AccountsPage = lazyWithStrings('accounts', () => import('./features/accounts/AccountsPage').then((m) => m.AccountsPage));
const PersonPage = lazyWithStrings('accounts', () => import('./features/accounts/PersonPage').then((m) => m.PersonPage));
const AccountPage = lazyWithStrings('accounts', () => import('./features/account/AccountPage').then((m) => m.AccountPage));

/** Signed out: the login page. Signed in: the shell and its pages. */
export function App() {
  const trpc = useTRPC();
  const { t } = useTranslation();
  // Who is signed in, or null: a signed-out visit asks without a 401 (auth.session). The
  // answer also fills auth.me, which the pages read (signing in fills it too).
  const queryClient = useQueryClient();
  const session = useQuery(trpc.auth.session.queryOptions(undefined, { retry: false, staleTime: 60_000 }));
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false, staleTime: 60_000, enabled: false }));
  useEffect(() => {
    if (session.data) queryClient.setQueryData(trpc.auth.me.queryKey(), session.data);
  }, [session.data, queryClient, trpc]);
  // The session's answer rules (refetched on focus: an ended session shows the login page).
  const signedOut = session.data === null;
  const user = signedOut ? null : (me.data ?? session.data ?? null);

  if (session.isPending && !user) return <p className="empty" role="status">{t('state.loading')}</p>;
  if (session.isError && !user) {
    return (
      <div className="page" role="alert">
        <p>{t('state.error', { message: session.error.message })}</p>
        <button className="btn" onClick={() => session.refetch()}>{t('state.retry')}</button>
      </div>
    );
  }
  if (signedOut || !user) {
    return (
      <>
        <Lazy>
          <SignedOut />
        </Lazy>
        <Toasts />
      </>
    );
  }
  return (
    <>
      <AppShell user={user}>
        <Switch>
          <Route path="/">
            <Redirect to="/boards/1" replace />
          </Route>
          <Route path="/login">
            <Redirect to="/boards/1" replace />
          </Route>
          <Route path={BOARD_ROUTE}>
            <BoardPage user={user} />
          </Route>
          <Route path="/learners">
            <Lazy><LearnersPage user={user} /></Lazy>
          </Route>
          <Route path="/catalog">
            <Lazy><CatalogPage user={user} /></Lazy>
          </Route>
          <Route path="/learners/:learnerId">
            <Lazy><LearnerPage user={user} /></Lazy>
          </Route>
          <Route path="/mentors">
            <Lazy><MentorsPage user={user} /></Lazy>
          </Route>
          <Route path="/settings">
            <Lazy><SettingsPage user={user} /></Lazy>
          </Route>
          <Route path="/accounts">
            <Lazy><AccountsPage user={user} /></Lazy>
          </Route>
          <Route path="/accounts/:userId">
            <Lazy><PersonPage user={user} /></Lazy>
          </Route>
          <Route path="/account">
            <Lazy><AccountPage user={user} /></Lazy>
          </Route>
          <Route path="/set-password">
            <Lazy><SetPasswordPage /></Lazy>
          </Route>
          <Route path="/audit">
            <Lazy><AuditPage user={user} /></Lazy>
          </Route>
          <Route>
            <p className="page">{t('state.notFound')}</p>
          </Route>
        </Switch>
      </AppShell>
      <Toasts />
    </>
  );
}

/**
 * Signed out: a set-password link's page; else, while no one has an account (the first
 * run), the setup page; else the login page.
 */
function SignedOut() {
  const trpc = useTRPC();
  const { t } = useTranslation();
  const [location] = useLocation();
  const onSetPassword = location === '/set-password';
  const status = useQuery(trpc.setup.status.queryOptions(undefined, { enabled: !onSetPassword, retry: false, staleTime: Infinity }));
  if (onSetPassword) return <SetPasswordPage />;
  if (status.isPending) return <p className="empty" role="status">{t('state.loading')}</p>;
  return status.data?.needsSetup ? <SetupPage /> : <LoginPage />;
}

function Lazy({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<p className="empty" role="status">{t('state.loading')}</p>}>{children}</Suspense>;
}
