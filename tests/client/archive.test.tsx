import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CardDetailDrawer } from '../../client/features/card/CardDetailDrawer';
import { ArchivedView } from '../../client/features/archive/ArchivedView';
import { lifecycleOffers } from '../../client/features/archive/CardLifecycle';
import { baseHandlers, boardData, defenseCard, learner, manager, mentor } from './cardFixtures';
import { Refusal, renderWithApi } from './fakeApi';

const withdrawnArchive = { kind: 'withdrawn', at: '2026-01-07T10:00:00.000Z', byId: 2, reason: 'Filed by mistake' };

function openDrawer(card: ReturnType<typeof defenseCard>, me: typeof manager | typeof mentor, extra: Record<string, (input: any) => unknown> = {}) {
  return renderWithApi(<CardDetailDrawer cardId={card.id as number} boardId={1} onClose={vi.fn()} />, {
    handlers: { ...baseHandlers(me), 'card.get': () => card, ...extra },
    route: `/boards/1/cards/${card.id}`,
  });
}

describe('withdraw, archive and restore: what is offered', () => {
  it('follows the shared rules for each role and state', () => {
    const draft = { ...defenseCard({ columnKey: 'drafts' }), archive: null };
    expect(lifecycleOffers(draft as never, mentor)).toEqual({ withdraw: true, archive: false, restore: false });
    expect(lifecycleOffers({ ...draft, mentorId: 5 } as never, mentor).withdraw).toBe(false);
    expect(lifecycleOffers({ ...draft, columnKey: 'assigned' } as never, mentor).withdraw).toBe(false);
    expect(lifecycleOffers({ ...draft, columnKey: 'assigned' } as never, manager).withdraw).toBe(true);
    expect(lifecycleOffers({ ...draft, columnKey: 'done' } as never, manager)).toEqual({ withdraw: false, archive: true, restore: false });
    expect(lifecycleOffers({ ...draft, columnKey: 'done' } as never, mentor).archive).toBe(false);
    const withdrawn = { ...draft, archive: withdrawnArchive };
    expect(lifecycleOffers(withdrawn as never, mentor).restore).toBe(true);
    expect(lifecycleOffers({ ...withdrawn, archive: { ...withdrawnArchive, kind: 'archived' } } as never, mentor).restore).toBe(false);
    expect(lifecycleOffers({ ...withdrawn, archive: { ...withdrawnArchive, kind: 'archived' } } as never, manager).restore).toBe(true);
  });
});

describe('the card drawer: withdraw and restore', () => {
  it('withdraws with a required reason, then refreshes the card and the board', async () => {
    const calls: unknown[] = [];
    const card = defenseCard({ columnKey: 'drafts', archive: null });
    const { calls: log } = openDrawer(card, mentor, {
      'card.withdraw': (input) => {
        calls.push(input);
        return { ...card, archived: true };
      },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Withdraw…' }, { timeout: 5000 }));
    const confirm = await screen.findByRole('dialog', { name: 'Withdraw this card?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Withdraw the card' }));
    expect(await within(confirm).findByText('Say why: the reason is recorded.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    await userEvent.type(within(confirm).getByLabelText('Reason'), 'Filed by mistake');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Withdraw the card' }));
    await waitFor(() => expect(calls).toEqual([{ cardId: 42, reason: 'Filed by mistake' }]));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Withdraw this card?' })).toBeNull());
    // The card and the board are read again.
    await waitFor(() => expect(log.filter((c) => c.path === 'card.get').length).toBeGreaterThan(1));
  });

  it('shows a withdrawn card read only, with who, when and why, and restores it', async () => {
    const restored: unknown[] = [];
    const card = defenseCard({ columnKey: 'drafts', archived: true, archive: withdrawnArchive });
    openDrawer(card, mentor, { 'card.restore': (input) => restored.push(input) });
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    expect(await within(dialog).findByText(/Withdrawn by Julien Moreau/, undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(within(dialog).getByText('Reason: Filed by mistake')).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /Edit/ })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Withdraw…' })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(restored).toEqual([{ cardId: 42 }]));
  });

  it('shows the rule that refuses a restore', async () => {
    const card = defenseCard({ columnKey: 'assigned', evaluatorId: 3, archived: true, archive: { ...withdrawnArchive, byId: 1 } });
    openDrawer(card, manager, {
      'card.restore': () => {
        throw new Refusal('PRECONDITION_FAILED', 'Nadia Haddad is busy at that hour.', { rule: 'evaluator_ineligible' });
      },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Restore' }, { timeout: 5000 }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Cannot restore: Nadia Haddad is busy at that hour.');
  });

  it('offers a manager to archive a done card, the reason optional', async () => {
    const archived: unknown[] = [];
    const card = defenseCard({ columnKey: 'done', evaluatorId: 3, outcome: 'passed', archive: null });
    openDrawer(card, manager, { 'card.archive': (input) => archived.push(input) });
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    expect(within(dialog).queryByRole('button', { name: 'Withdraw…' })).toBeNull();
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Archive…' }, { timeout: 5000 }));
    const confirm = await screen.findByRole('dialog', { name: 'Archive this card?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Archive the card' }));
    await waitFor(() => expect(archived).toEqual([{ cardId: 42 }]));
  });
});

describe('the Archived view', () => {
  it('lists the withdrawn cards with who, when and why, each openable', async () => {
    const onOpen = vi.fn();
    const off = { ...defenseCard({ columnKey: 'proposals' }), archive: { ...withdrawnArchive, reason: 'abandonment' } };
    renderWithApi(<ArchivedView boardId={1} kind="defense" onOpen={onOpen} />, {
      handlers: { ...baseHandlers(manager), 'board.get': (input) => (input.archived ? { ...boardData([off]), learners: [learner] } : boardData()) },
    });
    const open = await screen.findByRole('button', { name: 'Open Léa Martin’s card' }, { timeout: 5000 });
    expect(open).toHaveTextContent(/Withdrawn by Julien Moreau/);
    expect(open).toHaveTextContent('Reason: Abandonment');
    expect(open).toHaveTextContent('Left from Proposals');
    await userEvent.click(open);
    expect(onOpen).toHaveBeenCalledWith(42);
  });
});
