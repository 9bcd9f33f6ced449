/**
 * Leaving the app once the session is gone: a full load of the start page drops every
 * cached answer and store with it, and shows the login page (auth.session answers null).
 * A module of its own so component tests can watch it instead of navigating jsdom.
 */
export function reloadSignedOut(): void {
  window.location.assign('/');
}
