import { describe, expect, it } from 'vitest';
import { formatDay, relativeTime } from '../../client/lib/format';

const now = Date.parse('2026-12-01T12:00:00.000Z');

describe('dates as people read them', () => {
  it('says how long ago or how soon, in English and in French', () => {
    expect(relativeTime('2026-12-01T10:00:00.000Z', 'en', now)).toBe('2 hours ago');
    expect(relativeTime('2026-12-01T10:00:00.000Z', 'fr', now)).toBe('il y a 2 heures');
    expect(relativeTime('2026-11-30T12:00:00.000Z', 'en', now)).toBe('yesterday');
    expect(relativeTime('2026-12-04T12:00:00.000Z', 'fr', now)).toBe('dans 3 jours');
    expect(relativeTime('2026-12-01T11:59:40.000Z', 'en', now)).toBe('now');
  });

  it('writes a calendar day in the reader’s language, the same day in every time zone', () => {
    expect(formatDay('2026-12-15', 'fr')).toMatch(/15 décembre 2026/);
    expect(formatDay('2026-12-15', 'en')).toMatch(/December 15, 2026|15 December 2026/);
  });
});
