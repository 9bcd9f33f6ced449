/**
 * Every string of the UI, in English and French, one namespace per area: common (shell,
 * login), board (columns, card faces, filters, drag and drop), card (detail, dialogs,
 * forms), people (learners, mentors, settings), audit (the audit trail). French files
 * are typed by the English ones, so a missing translation fails the type check.
 *
 * `bundled` is what the board needs at once; `loadNamespace` fetches the others, each a
 * chunk of its own in the client build.
 */
import { common as enCommon } from './en/common';
import { board as enBoard } from './en/board';
import type { card as enCard } from './en/card';
import type { people as enPeople } from './en/people';
import type { audit as enAudit } from './en/audit';
import type { accounts as enAccounts } from './en/accounts';
import type { lifecycle as enLifecycle } from './en/lifecycle';
import { common as frCommon } from './fr/common';
import { board as frBoard } from './fr/board';
import type { Locale } from '../workflow/boards';

/** The namespaces loaded with the pages and dialogs that use them. */
export type LazyNamespace = 'card' | 'people' | 'audit' | 'accounts' | 'lifecycle';

export const bundled = {
  en: { common: enCommon, board: enBoard },
  fr: { common: frCommon, board: frBoard },
} as const;

type Strings = typeof enCommon | typeof enBoard | typeof enCard | typeof enPeople | typeof enAudit | typeof enAccounts | typeof enLifecycle;

const lazy: Record<Locale, Record<LazyNamespace, () => Promise<Strings>>> = {
  en: {
    card: () => import('./en/card').then((m) => m.card),
    people: () => import('./en/people').then((m) => m.people),
    audit: () => import('./en/audit').then((m) => m.audit),
    accounts: () => import('./en/accounts').then((m) => m.accounts),
    lifecycle: () => import('./en/lifecycle').then((m) => m.lifecycle),
  },
  fr: {
    card: () => import('./fr/card').then((m) => m.card),
    people: () => import('./fr/people').then((m) => m.people),
    audit: () => import('./fr/audit').then((m) => m.audit),
    accounts: () => import('./fr/accounts').then((m) => m.accounts),
    lifecycle: () => import('./fr/lifecycle').then((m) => m.lifecycle),
  },
};

/** One namespace in one language; English for a language Relais does not have. */
export async function loadNamespace(language: string, namespace: string): Promise<Strings> {
  const lang: Locale = language.startsWith('fr') ? 'fr' : 'en';
  if (namespace === 'common' || namespace === 'board') return bundled[lang][namespace];
  if (namespace === 'card' || namespace === 'people' || namespace === 'audit' || namespace === 'accounts' || namespace === 'lifecycle') return lazy[lang][namespace]();
  throw new Error(`No such namespace: ${namespace}`);
}
