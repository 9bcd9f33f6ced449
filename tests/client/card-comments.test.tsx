/** Issue 14, item 11: a comment's author edits it (it then says "edited") or deletes it after confirming; the history names those events. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CardDetailDrawer } from '../../client/features/card/CardDetailDrawer';
import { baseHandlers, defenseCard, mentor } from './cardFixtures';
import { renderWithApi } from './fakeApi';

const mine = { id: 1, cardId: 42, authorId: 2, body: 'Premier jet', createdAt: '2026-01-06T10:00:00.000Z', editedAt: null };
const theirs = { id: 2, cardId: 42, authorId: 3, body: 'Avis de Nadia', createdAt: '2026-01-06T11:00:00.000Z', editedAt: null };

function open(comments: unknown[], extra: Record<string, (input: any) => unknown> = {}, history?: unknown[]) {
  const state = { comments };
  return renderWithApi(<CardDetailDrawer cardId={42} boardId={1} onClose={() => {}} />, {
    handlers: {
      ...baseHandlers(mentor),
      'card.get': () => defenseCard({ comments: state.comments, ...(history ? { history } : {}) }),
      'card.deleteComment': (input: { commentId: number }) => {
        state.comments = state.comments.filter((c) => (c as { id: number }).id !== input.commentId);
        return { ok: true, commentId: input.commentId };
      },
      ...extra,
    },
    route: '/boards/1/cards/42',
  });
}

describe('comments', () => {
  it('its author edits a comment, which then says "edited"; others’ comments offer nothing', async () => {
    const edited = { ...mine, body: 'Second jet', editedAt: '2026-01-07T10:00:00.000Z' };
    let saved = false;
    const { calls } = open([], {
      'card.get': () => defenseCard({ comments: saved ? [edited, theirs] : [mine, theirs] }),
      'card.editComment': () => {
        saved = true;
        return edited;
      },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    await within(dialog).findByText('Premier jet');
    expect(within(dialog).getAllByRole('button', { name: 'Edit your comment' })).toHaveLength(1);
    expect(within(dialog).getAllByRole('button', { name: 'Delete your comment' })).toHaveLength(1);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Edit your comment' }));
    const box = within(dialog).getByRole('textbox', { name: 'Edit your comment' });
    await userEvent.clear(box);
    await userEvent.type(box, 'Second jet');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByText('Second jet');
    expect(calls.find((c) => c.path === 'card.editComment')?.input).toEqual({ commentId: 1, body: 'Second jet' });
    expect(within(dialog).getByText('edited')).toBeInTheDocument();
  });

  it('its author deletes a comment only after confirming', async () => {
    const { calls } = open([mine]);
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    await within(dialog).findByText('Premier jet');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete your comment' }));
    expect(calls.some((c) => c.path === 'card.deleteComment')).toBe(false);
    const confirm = within(dialog).getByRole('group', { name: /Delete this comment\?/ });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).getByText('Premier jet')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete your comment' }));
    await userEvent.click(within(within(dialog).getByRole('group', { name: /Delete this comment\?/ })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(dialog).queryByText('Premier jet')).toBeNull());
    expect(calls.find((c) => c.path === 'card.deleteComment')?.input).toEqual({ commentId: 1 });
  });

  it('the history tells comment edits and deletions, profile re-checks and mentor changes as sentences', async () => {
    open([], {}, [
      { id: 1, type: 'created', actorId: 2, at: '2026-01-05T09:00:00.000Z', data: { to: 'drafts' } },
      { id: 2, type: 'comment_edited', actorId: 2, at: '2026-01-05T10:00:00.000Z', data: { commentId: 1 } },
      { id: 3, type: 'comment_deleted', actorId: 2, at: '2026-01-05T11:00:00.000Z', data: { commentId: 1 } },
      { id: 4, type: 'profile_checked', actorId: 1, at: '2026-01-05T12:00:00.000Z', data: { missingFields: ['funding'] } },
      { id: 5, type: 'profile_checked', actorId: 1, at: '2026-01-05T13:00:00.000Z', data: { missingFields: [] } },
      { id: 6, type: 'mentor_changed', actorId: 1, at: '2026-01-05T14:00:00.000Z', data: { from: 2, to: 5 } },
    ]);
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    const history = within(dialog).getByRole('region', { name: 'History' });
    expect(history).toHaveTextContent('Julien Moreau edited a comment');
    expect(history).toHaveTextContent('Julien Moreau deleted a comment');
    expect(history).toHaveTextContent('Missing fields rechecked: funding');
    expect(history).toHaveTextContent('Missing fields rechecked: the profile is complete');
    expect(history).toHaveTextContent('Passed to Sophie Bernard with the learner (handover from Julien Moreau)');
    expect(history).not.toHaveTextContent(/comment_edited|comment_deleted|profile_checked/);
  });
});
