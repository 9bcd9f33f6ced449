/**
 * The server speaks the reader's language: refusals name fields and reasons in the
 * reader's words, in English and in French (X-Relais-Locale, else Accept-Language).
 */
import { describe, expect, it } from 'vitest';
import { serverOnTestDatabase, signIn } from '../helpers/http';
import { boardId, makeCard, makeLearner, makeManager, makeProject, makeUser } from '../helpers/factories';
import { dayIn, inDays } from '../helpers/dates';

const env = serverOnTestDatabase();

async function post(procedure: string, input: unknown, cookie: string | undefined, headers: Record<string, string>) {
  const res = await fetch(`${env.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-relais-client': 'tests', ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify(input),
  });
  return ((await res.json()) as { error: { message: string; data: { rule?: string } } }).error;
}

describe('messages in the reader’s language', () => {
  it('names missing profile fields in words, never keys, in English and in French', async () => {
    const project = await makeProject(env.db);
    const manager = await makeManager(env.db);
    const mentor = await makeUser(env.db, { projectIds: [project.id] });
    const evaluator = await makeUser(env.db, { isEvaluator: true, projectIds: [project.id] });
    const learner = await makeLearner(env.db, { mentorId: mentor.id, currentProjectId: project.id, pathId: project.pathId, funding: null, professionalGoal: null });
    const card = await makeCard(env.db, { boardId: await boardId(env.db, 'defense'), learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(20)) });
    const cookie = await signIn(env.url, manager.email);
    const input = { cardId: card.id, evaluatorId: evaluator.id };

    const english = await post('card.assignEvaluator', input, cookie, {});
    expect(english.data.rule).toBe('profile_incomplete');
    expect(english.message).toContain('professional goal');
    expect(english.message).not.toContain('professionalGoal');

    const french = await post('card.assignEvaluator', input, cookie, { 'x-relais-locale': 'fr' });
    expect(french.message).toBe('Le profil de l’apprenant est incomplet : financement, objectif professionnel.');
    const browser = await post('card.assignEvaluator', input, cookie, { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    expect(browser.message).toBe(french.message);
  });

  it('gives the earliest date with a lead-time refusal, and a wrong password, in French', async () => {
    const mentor = await makeUser(env.db);
    const learner = await makeLearner(env.db, { mentorId: mentor.id });
    const cookie = await signIn(env.url, mentor.email);
    const early = await post('card.create', { boardId: await boardId(env.db, 'defense'), learnerId: learner.id, description: 'Livrables', defenseDate: inDays(5) }, cookie, { 'x-relais-locale': 'fr' });
    expect(early.message).toContain(dayIn(14));
    expect(early.message).toMatch(/^Cette date est trop proche/);
    const wrong = await post('auth.login', { email: mentor.email, password: 'pas le bon' }, undefined, { 'x-relais-locale': 'fr' });
    expect(wrong.message).toBe('E-mail ou mot de passe incorrect.');
  });
});
