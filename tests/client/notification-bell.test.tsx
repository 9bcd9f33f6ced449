import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { NotificationBell } from '../../client/features/notifications/NotificationBell';
import { baseHandlers, boardData, defenseCard, mentor } from './cardFixtures';
import { renderWithApi } from './fakeApi';

const items = [
  { id: 3, type: 'profile_to_update', cardId: 42, data: { missingFields: ['funding'], learnerId: 7 }, read: false, createdAt: '2026-01-06T09:00:00.000Z' },
  { id: 2, type: 'evaluator_assigned', cardId: 42, data: { learnerId: 7, defenseDate: '2026-02-10T14:00:00.000Z' }, read: false, createdAt: '2026-01-05T09:00:00.000Z' },
  { id: 1, type: 'commented', cardId: 42, data: { commentId: 1 }, read: true, createdAt: '2026-01-04T09:00:00.000Z' },
];

function open() {
  let list = { items, unread: 2 };
  const markRead = vi.fn(({ ids }: { ids: number[] }) => {
    list = { items: list.items.map((i) => (ids.includes(i.id) ? { ...i, read: true } : i)), unread: list.items.filter((i) => !i.read && !ids.includes(i.id)).length };
    return list;
  });
  const utils = renderWithApi(<NotificationBell />, {
    handlers: {
      ...baseHandlers(mentor),
      'notification.list': () => list,
      'notification.markRead': markRead,
      'board.list': () => [{ id: 1, kind: 'defense', name: 'Defenses' }],
      'board.get': () => boardData([defenseCard()]),
      'card.get': () => defenseCard(),
    },
  });
  return { ...utils, markRead };
}

describe('the notification bell', () => {
  it('says how many are unread in its name', async () => {
    open();
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('lists notifications as sentences, and opening one marks it read and goes to its card', async () => {
    const { markRead } = open();
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    const panel = await screen.findByRole('region', { name: 'Notifications' });
    const entry = await within(panel).findByRole('button', { name: /The card of Léa Martin was sent to Profile to update: funding missing/ });
    expect(within(panel).getByRole('button', { name: /You will evaluate the defense of Léa Martin/ })).toBeInTheDocument();
    await userEvent.click(entry);
    await waitFor(() => expect(markRead).toHaveBeenCalledWith({ ids: [3] }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/boards/1/cards/42'));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
  });

  it('marks all read at once', async () => {
    const { markRead } = open();
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(markRead).toHaveBeenCalledWith({ ids: [3, 2] }));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
  });
});
