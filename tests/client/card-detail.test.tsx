import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CardDetailDrawer } from '../../client/features/card/CardDetailDrawer';
import { useUi } from '../../client/stores/ui';
import { baseHandlers, catalog, defenseCard, manager, mentor } from './cardFixtures';
import { Refusal, renderWithApi } from './fakeApi';

const HOSTILE = [
  'Livrables : [repo](https://github.com/exemple/soutenance)',
  '',
  '<script>window.__pwned = true</script>',
  '',
  '<img src=x onerror=alert(1)>',
  '',
  '[click](javascript:alert(1))',
  '',
  'Vidéo : https://youtu.be/abc.',
].join('\n');

function openDrawer(card = defenseCard(), me: typeof manager | typeof mentor = manager, extra: Record<string, (input: any) => unknown> = {}) {
  const onClose = vi.fn();
  const utils = renderWithApi(<CardDetailDrawer cardId={card.id as number} boardId={1} onClose={onClose} />, {
    handlers: { ...baseHandlers(me), 'card.get': () => card, ...extra },
    route: `/boards/1/cards/${card.id}`,
  });
  return { ...utils, onClose };
}

describe('the card detail drawer', () => {
  it('is a modal dialog named after the learner, and Escape closes it', async () => {
    const { onClose } = openDrawer();
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('says when a person on the card was deactivated: their cards stay theirs, and say so', async () => {
    openDrawer(defenseCard(), manager, {
      'catalog.get': () => ({ ...catalog, people: catalog.people.map((p) => (p.id === 2 ? { ...p, active: false } : p)) }),
    });
    await screen.findByRole('dialog', { name: 'Léa Martin' });
    expect(await screen.findByText('(deactivated)')).toBeInTheDocument();
    expect(screen.getByText('(deactivated)').parentElement).toHaveTextContent('Julien Moreau (deactivated)');
  });

  it('shows the defense date locked, with no control to change it', async () => {
    openDrawer(defenseCard(), manager);
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' });
    expect(within(dialog).getByText(/The defense date is immovable/)).toBeInTheDocument();
    expect(within(dialog).getByText(/2026/, { selector: '.locked-date-value' })).toBeInTheDocument();
    expect(dialog.querySelector('input[type="date"], input[type="datetime-local"], input[type="time"]')).toBeNull();
    // Even in edit mode the date is not offered.
    await userEvent.click(within(dialog).getByRole('button', { name: /Edit/ }));
    expect(dialog.querySelector('input[type="date"], input[type="datetime-local"], input[type="time"]')).toBeNull();
  });

  it('renders markdown but leaves raw HTML inert, in the description and in comments', async () => {
    openDrawer(defenseCard({ description: HOSTILE, comments: [{ id: 1, authorId: 3, body: HOSTILE, createdAt: '2026-01-06T10:00:00.000Z' }] }));
    const dialog = await screen.findByRole('dialog', { name: 'Léa Martin' });
    expect(within(dialog).getAllByRole('link', { name: 'repo' })[0]).toHaveAttribute('href', 'https://github.com/exemple/soutenance');
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('[onerror]')).toBeNull();
    // Shown as text, twice (description and comment), never parsed.
    expect(dialog.textContent?.split('<img src=x onerror=alert(1)>').length).toBe(3);
    for (const link of within(dialog).getAllByText('click')) {
      expect(link.getAttribute('href') ?? '').not.toMatch(/javascript:/i);
    }
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
    // Bare URLs become links, without the sentence's full stop.
    expect(within(dialog).getAllByRole('link', { name: 'https://youtu.be/abc' })[0]).toHaveAttribute('href', 'https://youtu.be/abc');
  });

  it('tells the history as sentences with actors and columns', async () => {
    openDrawer();
    expect(await screen.findByText('Camille Laurent moved it from Drafts to Proposals')).toBeInTheDocument();
    expect(screen.getByText('Julien Moreau filed the card in Drafts')).toBeInTheDocument();
  });

  it('offers a manager the assignment, and opens the assign dialog', async () => {
    openDrawer(defenseCard(), manager);
    await userEvent.click(await screen.findByRole('button', { name: 'Assign evaluator…' }));
    expect(useUi.getState().dialog).toEqual({ kind: 'assign', cardId: 42, boardId: 1 });
  });

  it('does not offer a mentor what their role does not allow', async () => {
    openDrawer(defenseCard({ columnKey: 'assigned', evaluatorId: 3 }), mentor);
    await screen.findByRole('dialog', { name: 'Léa Martin' });
    expect(screen.queryByRole('button', { name: /Assign/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Record outcome/ })).toBeNull();
    // canEditCard: the filing mentor may not edit an assigned card.
    expect(screen.queryByRole('button', { name: /Edit/ })).toBeNull();
  });

  it('names the missing profile fields and links to the profile', async () => {
    openDrawer(defenseCard({ columnKey: 'profile_to_update', learnerMissingFields: ['funding', 'professionalGoal'] }));
    expect(await screen.findByRole('link', { name: 'Update Léa Martin’s profile' })).toHaveAttribute('href', '/learners/7');
    const missing = screen.getByRole('list', { name: /missing 2 mandatory fields/ });
    expect(within(missing).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['funding', 'professional goal']);
  });

  it('sends the version with an edit, and on a conflict shows the fresh card and lets the user re-apply', async () => {
    const fresh = { ...defenseCard({ description: 'Their newer text', version: 4 }) };
    const update = vi.fn((input: { version: number }) => {
      if (input.version === 3) throw new Refusal('CONFLICT', 'This card was changed by someone else since you opened it.', { current: fresh });
      return { ...fresh, version: 5, description: 'Mine' };
    });
    const { calls } = openDrawer(defenseCard(), manager, { 'card.update': update });
    await userEvent.click(await screen.findByRole('button', { name: /Edit/ }));
    const textarea = screen.getByRole('textbox', { name: 'Description' });
    await userEvent.clear(textarea);
    await userEvent.type(textarea, 'Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone changed this card while you were editing');
    expect(alert).toHaveTextContent('Their newer text');
    await userEvent.click(screen.getByRole('button', { name: 'Save my version' }));
    await waitFor(() => expect(calls.filter((c) => c.path === 'card.update').map((c) => (c.input as { version: number }).version)).toEqual([3, 4]));
    // Only what this user changed is re-applied, so the other person's other changes survive.
    expect(calls.filter((c) => c.path === 'card.update').at(-1)?.input).toEqual({ cardId: 42, version: 4, description: 'Mine' });
    await act(async () => {});
  });

  it('lets another mentor volunteer on a transfer in Proposals', async () => {
    const transfer = defenseCard({ id: 50, boardId: 2, kind: 'transfer', defenseDate: null, handoverDate: '2026-03-01', reason: 'Congé', mentorId: 5 });
    const volunteer = vi.fn(() => ({ ...transfer, volunteerIds: [2] }));
    const { calls } = openDrawer(transfer, mentor, { 'transfer.volunteer': volunteer, 'board.get': () => ({ board: { id: 2, kind: 'transfer', name: 'T' }, columns: [], cards: [], learners: [] }) });
    await userEvent.click(await screen.findByRole('button', { name: 'I can take over' }));
    await waitFor(() => expect(calls.some((c) => c.path === 'transfer.volunteer')).toBe(true));
    expect(screen.getByText(/The handover date cannot be changed/)).toBeInTheDocument();
  });
});
