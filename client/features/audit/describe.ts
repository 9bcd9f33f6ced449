/**
 * An audit line as a person reads it: a sentence for what happened (learner fields by
 * their labels, projects by their codes, never raw keys), who did it, and from where.
 * Pure functions of the line and a `t` bound to the audit namespace.
 */
import type { TFunction } from 'i18next';
import type { Outputs } from '../../trpc';
import { isLearnerField } from '../../../shared/learnerFields';

export type AuditItem = Outputs['audit']['list']['items'][number];

/** Names the sentences need that the line does not carry: people and projects from the catalog. */
export interface AuditLookups {
  personName: (id: number | null | undefined) => string | null;
  projectCode: (id: number) => string;
}

type Change = { from?: unknown; to?: unknown };

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** "15 s", "2 min", "1 h": how long sign-ins were paused. */
export function formatDuration(seconds: number, t: TFunction): string {
  if (seconds < 60) return t('duration.seconds', { count: seconds });
  if (seconds < 3600) return t('duration.minutes', { count: Math.round(seconds / 60) });
  return t('duration.hours', { count: Math.round(seconds / 3600) });
}

/** What was added to and removed from a list, in the order of `to` and `from`. */
function listDiff(from: unknown, to: unknown): { added: unknown[]; removed: unknown[] } {
  const before = asList(from);
  const after = asList(to);
  return { added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) };
}

function yesNo(value: unknown, t: TFunction): string {
  return value ? t('changes.yes') : t('changes.no');
}

/** "capacity 3 → 9; projects added: DW-P2": what a mentor_updated line changed. */
function mentorChanges(changes: Record<string, unknown>, t: TFunction, lookups: AuditLookups): string[] {
  const parts: string[] = [];
  for (const [field, raw] of Object.entries(changes)) {
    const change = asRecord(raw) as Change;
    switch (field) {
      case 'capacity':
        parts.push(t('changes.capacity', { from: change.from ?? '–', to: change.to ?? '–' }));
        break;
      case 'isEvaluator':
      case 'acceptsRqth':
        parts.push(t(`changes.${field}`, { from: yesNo(change.from, t), to: yesNo(change.to, t) }));
        break;
      case 'name':
        parts.push(t('changes.name', { from: String(change.from ?? '–'), to: String(change.to ?? '–') }));
        break;
      case 'role':
        parts.push(t('changes.role', { from: String(change.from ?? '–'), to: String(change.to ?? '–') }));
        break;
      case 'projectIds': {
        const { added, removed } = listDiff(change.from, change.to);
        const codes = (ids: unknown[]) => ids.map((id) => (typeof id === 'number' ? lookups.projectCode(id) : String(id))).join(', ');
        if (added.length) parts.push(t('changes.projectsAdded', { list: codes(added) }));
        if (removed.length) parts.push(t('changes.projectsRemoved', { list: codes(removed) }));
        break;
      }
      default:
        parts.push(t('changes.other'));
    }
  }
  return parts;
}

/** "added time zone, notes; removed funding": a change of the mandatory learner fields. */
function fieldChanges(change: Change, t: TFunction): string[] {
  const { added, removed } = listDiff(change.from, change.to);
  const labels = (fields: unknown[]) =>
    fields
      .filter((f): f is string => typeof f === 'string')
      .map((f) => (isLearnerField(f) ? t(`common:fields.${f}`) : t('changes.other')))
      .join(', ');
  const parts: string[] = [];
  if (added.length) parts.push(t('changes.fieldsAdded', { list: labels(added) }));
  if (removed.length) parts.push(t('changes.fieldsRemoved', { list: labels(removed) }));
  return parts;
}

/** The sentence that says what happened, in the language of `t` (bound to the audit namespace). */
export function describeAuditEvent(item: Pick<AuditItem, 'type' | 'data'>, t: TFunction, lookups: AuditLookups): string {
  const data = asRecord(item.data);
  const separator = t('changes.separator');
  switch (item.type) {
    case 'sign_in':
      return t('what.sign_in');
    case 'sign_in_failed':
      return data.reason === 'wrong_password' || data.reason === 'unknown_email' || data.reason === 'deactivated' || data.reason === 'no_password'
        ? t(`what.sign_in_failed_${data.reason}`)
        : t('what.sign_in_failed');
    case 'sign_out':
      return t('what.sign_out');
    case 'sign_out_everywhere':
      return typeof data.sessions === 'number' ? t('what.sign_out_everywhere', { count: data.sessions }) : t('what.sign_out_everywhere_unknown');
    case 'rate_limited': {
      const duration = formatDuration(typeof data.seconds === 'number' ? data.seconds : 0, t);
      return data.scope === 'account' || data.scope === 'address' ? t(`what.rate_limited_${data.scope}`, { duration }) : t('what.rate_limited', { duration });
    }
    case 'mentor_updated': {
      const mentorId = typeof data.mentorId === 'number' ? data.mentorId : null;
      const name = (typeof data.mentorName === 'string' && data.mentorName) || lookups.personName(mentorId) || t('what.aMentor');
      const changes = mentorChanges(asRecord(data.changes), t, lookups);
      return changes.length ? t('what.mentor_updated', { name, changes: changes.join(separator) }) : t('what.mentor_updated_nochanges', { name });
    }
    case 'settings_changed': {
      if (!('mandatoryFields' in data)) return t('what.settings_other');
      const changes = fieldChanges(asRecord(data.mandatoryFields) as Change, t);
      return changes.length ? t('what.settings_changed', { changes: changes.join(separator) }) : t('what.settings_changed_nochanges');
    }
    case 'setup_done':
    case 'password_set':
    case 'password_changed':
    case 'session_ended':
      return t(`what.${item.type}`);
    case 'manager_created':
    case 'user_invited':
    case 'invitation_revoked':
    case 'user_deactivated':
    case 'user_reactivated': {
      const name = (typeof data.name === 'string' && data.name) || t('what.aPerson');
      return t(item.type === 'user_invited' && data.resent ? 'what.user_invited_resent' : `what.${item.type}`, { name });
    }
    case 'user_updated': {
      const name = (typeof data.name === 'string' && data.name) || t('what.aPerson');
      const changes = mentorChanges(asRecord(data.changes), t, lookups);
      return changes.length ? t('what.user_updated', { name, changes: changes.join(separator) }) : t('what.user_updated_nochanges', { name });
    }
    default:
      return t('what.other', { type: item.type });
  }
}

/** Who did it: the account's name, else the email typed at sign-in, else "Unknown" (an account since removed) or "System". */
export function auditActor(item: Pick<AuditItem, 'actorId' | 'actorName' | 'email'>, t: TFunction): { name: string; email: string | null } {
  if (item.actorName) return { name: item.actorName, email: item.email };
  if (item.email) return { name: item.email, email: null };
  return { name: item.actorId !== null ? t('who.unknown') : t('who.system'), email: null };
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bHeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/\bCriOS\/(\d+)/, 'Chrome'],
  [/\bChrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * A user agent in a few words: "Firefox 128 on Windows", "Safari 17 on iPhone"; a script's
 * own name ("curl/8.5.0"); else its first 40 characters. Null when there is none.
 */
export function shortUserAgent(userAgent: string | null, t: TFunction): string | null {
  const ua = userAgent?.trim();
  if (!ua) return null;
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  if (browser && os) return t('where.browserOn', { browser, os });
  if (browser) return browser;
  if (!ua.startsWith('Mozilla/')) {
    const first = ua.split(/\s+/)[0]!;
    return first.length <= 40 ? first : `${first.slice(0, 39)}…`;
  }
  return ua.length <= 40 ? ua : `${ua.slice(0, 39)}…`;
}
