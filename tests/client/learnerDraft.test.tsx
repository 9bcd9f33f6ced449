import { describe, expect, it } from 'vitest';
import { learnerPatch, toDraft, withDraftValue, type Learner } from '../../client/features/learner/learnerDraft';
import { DEFAULT_MANDATORY_FIELDS } from '../../shared/learnerFields';
import { catalog } from './cardFixtures';

const learner = {
  id: 7,
  firstName: 'Léa',
  lastName: 'Martin',
  email: 'lea.martin@exemple.fr',
  pathId: 1,
  currentProjectId: 10,
  mentorId: 2,
  funding: null,
  professionalGoal: null,
  availability: 'Soirs en semaine',
  timezone: 'Europe/Paris',
  rqth: false,
  notes: 'Visio avec sous-titres',
  active: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
  missingFields: ['funding', 'professionalGoal'],
  mandatoryFields: DEFAULT_MANDATORY_FIELDS,
  history: [],
} as unknown as Learner;

describe('the learner’s draft and the patch it makes', () => {
  it('holds every field as text, blanks for what is not set', () => {
    expect(toDraft(learner)).toEqual({
      firstName: 'Léa',
      lastName: 'Martin',
      email: 'lea.martin@exemple.fr',
      pathId: '1',
      currentProjectId: '10',
      funding: '',
      professionalGoal: '',
      availability: 'Soirs en semaine',
      timezone: 'Europe/Paris',
      rqth: 'no',
      notes: 'Visio avec sous-titres',
    });
  });

  it('is empty when nothing changed, blanks around text included', () => {
    expect(learnerPatch(learner, toDraft(learner))).toEqual({});
    expect(learnerPatch(learner, { ...toDraft(learner), availability: '  Soirs en semaine ', firstName: ' Léa' })).toEqual({});
  });

  it('sends only what changed, typed as the API takes it, and null for a cleared field', () => {
    const draft = { ...toDraft(learner), funding: 'employer', notes: '', pathId: '', currentProjectId: '11', rqth: '' as const, professionalGoal: '  Développeuse front  ' };
    expect(learnerPatch(learner, draft)).toEqual({ pathId: null, currentProjectId: 11, funding: 'employer', rqth: null, professionalGoal: 'Développeuse front', notes: null });
    expect(learnerPatch(learner, { ...toDraft(learner), rqth: 'yes' })).toEqual({ rqth: true });
  });

  it('never clears a name or the email: a blank one is left as it was', () => {
    expect(learnerPatch(learner, { ...toDraft(learner), firstName: '  ', email: '' })).toEqual({});
    expect(learnerPatch(learner, { ...toDraft(learner), lastName: ' Martin-Dupont ' })).toEqual({ lastName: 'Martin-Dupont' });
  });

  it('drops the current project when the new path does not hold it', () => {
    const draft = toDraft(learner);
    expect(withDraftValue(draft, 'pathId', '2', catalog)).toMatchObject({ pathId: '2', currentProjectId: '' });
    expect(withDraftValue(draft, 'pathId', '1', catalog)).toMatchObject({ pathId: '1', currentProjectId: '10' });
    expect(withDraftValue(draft, 'notes', 'Autre', catalog)).toEqual({ ...draft, notes: 'Autre' });
  });
});
