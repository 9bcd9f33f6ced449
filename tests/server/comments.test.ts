import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { boardId, makeCard, makeLearner, makeManager, makeUser } from '../helpers/factories';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe('comments', () => {
  it('are edited and deleted by their author only, each change in the card’s history', async () => {
    const db = t.db;
    const mentor = await makeUser(db);
    const manager = await makeManager(db);
    const learner = await makeLearner(db, { mentorId: mentor.id });
    const card = await makeCard(db, { boardId: await boardId(db, 'defense'), learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(25)) });
    const mine = await callerFor(db, mentor);
    const theirs = await callerFor(db, manager);
    const comment = await mine.card.comment({ cardId: card.id, body: 'Le lien du dépôt est cassé.' });
    expect(comment.editedAt).toBeNull();

    await expectTRPCError(theirs.card.editComment({ commentId: comment.id, body: 'Réécrit par un autre' }), 'FORBIDDEN', 'not_owner');
    await expectTRPCError(theirs.card.deleteComment({ commentId: comment.id }), 'FORBIDDEN', 'not_owner');

    const edited = await mine.card.editComment({ commentId: comment.id, body: 'Le lien du dépôt est réparé.' });
    expect(edited).toMatchObject({ body: 'Le lien du dépôt est réparé.', editedAt: expect.any(String) });
    expect((await theirs.card.get({ cardId: card.id })).comments).toEqual([expect.objectContaining({ id: comment.id, body: 'Le lien du dépôt est réparé.' })]);

    await mine.card.deleteComment({ commentId: comment.id });
    const after = await theirs.card.get({ cardId: card.id });
    expect(after.comments).toEqual([]);
    expect(after.history.map((h) => h.type)).toEqual(expect.arrayContaining(['commented', 'comment_edited', 'comment_deleted']));
    // Deleted is gone: neither edited nor deleted again.
    await expectTRPCError(mine.card.editComment({ commentId: comment.id, body: 'Encore' }), 'NOT_FOUND');
  });
});
