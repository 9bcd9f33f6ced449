import type { TFunction } from 'i18next';
import { LEARNER_LEAVING_REASONS } from '../../../shared/learnerFields';

/** An archive reason as people read it: a learner's leaving reason (a code) in words, anything else as written. */
export function reasonLabel(reason: string, t: TFunction): string {
  return (LEARNER_LEAVING_REASONS as readonly string[]).includes(reason) ? t(`lifecycle:reasons.${reason}`) : reason;
}
