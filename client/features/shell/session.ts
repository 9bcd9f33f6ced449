/**
 * Leaving the app once the session is gone: a full load of the start page drops every
 * cached answer and store with it, and shows the login page (auth.me answers UNAUTHORIZED).
 * A module of its own so component tests can watch it instead of navigating jsdom.
 */
export function reloadSignedOut(): void {
  forgetSignedIn();
  window.location.assign('/');
}

/**
 * Whether this browser was signed in when last seen. The session cookie is HttpOnly, so the
 * page cannot see it: without this mark a signed-out visit would ask `auth.me` only to be
 * refused (a 401 the browser logs as an error on every visit to the login page). Signed out,
 * the login page shows at once; signed in, `auth.me` is asked and its answer is the truth
 * (a refusal removes the mark).
 */
const SIGNED_IN = 'relais.signedIn';

export function wasSignedIn(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN) === '1';
  } catch {
    return true; // no storage: ask the server, as before
  }
}

export function rememberSignedIn(): void {
  try {
    window.localStorage.setItem(SIGNED_IN, '1');
  } catch {
    // no storage: nothing to remember
  }
}

export function forgetSignedIn(): void {
  try {
    window.localStorage.removeItem(SIGNED_IN);
  } catch {
    // no storage: nothing to forget
  }
}
