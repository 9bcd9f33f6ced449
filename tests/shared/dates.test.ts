import { describe, expect, it } from 'vitest';
import { isTimeZone } from '../../shared/dates';
import { learnerUpdateInput } from '../../shared/schemas/learner';

describe('time zones', () => {
  it('accepts IANA names, refuses anything else', () => {
    for (const zone of ['Europe/Paris', 'America/Martinique', 'Indian/Reunion', 'Pacific/Noumea', 'UTC']) expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus', '+01:00', 'Paris', 'Europe/', '../etc/passwd', 'Europe/Paris; DROP']) expect(isTimeZone(zone), zone).toBe(false);
  });

  it('are checked on a learner’s profile, with a message naming an example', () => {
    const refused = learnerUpdateInput.safeParse({ learnerId: 1, timezone: 'Mars/Olympus' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/Europe\/Paris/);
    expect(learnerUpdateInput.safeParse({ learnerId: 1, timezone: 'Europe/Paris' }).success).toBe(true);
    expect(learnerUpdateInput.safeParse({ learnerId: 1, timezone: null }).success).toBe(true);
  });
});
