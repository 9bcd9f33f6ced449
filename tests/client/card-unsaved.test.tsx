/** Issue 14, item 6: typed text is never thrown away silently — Escape, a click outside or Close ask "Discard your changes?" first. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CardDetailDrawer } from '../../client/features/card/CardDetailDrawer';
import { CardDialogs } from '../../client/features/card/CardDialogs';
import { guardCardClose } from '../../client/features/card';
import { useUi } from '../../client/stores/ui';
import { baseHandlers, defenseCard, manager, mentor } from './cardFixtures';
import { renderWithApi } from './fakeApi';

function openDrawer() {
  const onClose = vi.fn();
  renderWithApi(<CardDetailDrawer cardId={42} boardId={1} onClose={onClose} />, {
    handlers: { ...baseHandlers(manager), 'card.get': () => defenseCard() },
    route: '/boards/1/cards/42',
  });
  return onClose;
}

const escape = () => fireEvent.keyDown(document, { key: 'Escape' });

describe('unsaved text', () => {
  it('Escape in the description editor asks before discarding; Keep editing keeps the text, Discard closes', async () => {
    const onClose = openDrawer();
    const drawer = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    await userEvent.click(await within(drawer).findByRole('button', { name: /Edit/ }));
    const box = within(drawer).getByRole('textbox', { name: 'Description' });
    await userEvent.type(box, ' et la démo');
    escape();
    const confirm = await screen.findByRole('dialog', { name: 'Discard your changes?' });
    expect(onClose).not.toHaveBeenCalled();
    await waitFor(() => expect(within(confirm).getByRole('button', { name: 'Keep editing' })).toHaveFocus());
    // Escape on the question keeps editing too.
    escape();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Discard your changes?' })).toBeNull());
    expect(onClose).not.toHaveBeenCalled();
    expect(within(drawer).getByRole('textbox', { name: 'Description' })).toHaveValue(`${defenseCard().description} et la démo`);
    // The close button asks as well; Discard closes.
    await userEvent.click(within(drawer).getAllByRole('button', { name: 'Close' })[0]!);
    await userEvent.click(within(await screen.findByRole('dialog', { name: 'Discard your changes?' })).getByRole('button', { name: 'Discard' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('Cancel in the description editor asks before discarding changes', async () => {
    openDrawer();
    const drawer = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    await userEvent.click(await within(drawer).findByRole('button', { name: /Edit/ }));
    await userEvent.type(within(drawer).getByRole('textbox', { name: 'Description' }), '!');
    await userEvent.click(within(drawer).getByRole('button', { name: 'Cancel' }));
    await userEvent.click(within(await screen.findByRole('dialog', { name: 'Discard your changes?' })).getByRole('button', { name: 'Discard' }));
    expect(within(drawer).queryByRole('textbox', { name: 'Description' })).toBeNull();
  });

  it('a comment being written keeps the drawer open until the person chooses', async () => {
    const onClose = openDrawer();
    const drawer = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    await userEvent.type(await within(drawer).findByRole('textbox', { name: 'Add a comment' }), 'Bien vu');
    escape();
    await screen.findByRole('dialog', { name: 'Discard your changes?' });
    expect(onClose).not.toHaveBeenCalled();
  });

  it('what closes the drawer from outside (guardCardClose) asks too while a comment is unsaved', async () => {
    openDrawer();
    const drawer = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    const then = vi.fn();
    guardCardClose(then);
    expect(then).toHaveBeenCalledTimes(1);
    await userEvent.type(await within(drawer).findByRole('textbox', { name: 'Add a comment' }), 'Bien vu');
    guardCardClose(then);
    const confirm = await screen.findByRole('dialog', { name: 'Discard your changes?' });
    expect(then).toHaveBeenCalledTimes(1);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Discard' }));
    expect(then).toHaveBeenCalledTimes(2);
  });

  it('with nothing typed, Escape closes the drawer at once', async () => {
    const onClose = openDrawer();
    await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    escape();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: 'Discard your changes?' })).toBeNull();
  });

  it('Escape in the New-card dialog asks before discarding what was typed', async () => {
    useUi.setState({ dialog: { kind: 'newCard', boardId: 1 } });
    renderWithApi(<CardDialogs />, { handlers: { ...baseHandlers(mentor), 'learner.list': () => [] } });
    const dialog = await screen.findByRole('dialog', { name: 'New defense' }, { timeout: 5000 });
    await userEvent.type(within(dialog).getByLabelText('Description'), 'Livrables');
    escape();
    const confirm = await screen.findByRole('dialog', { name: 'Discard your changes?' });
    expect(useUi.getState().dialog).not.toBeNull();
    await userEvent.click(within(confirm).getByRole('button', { name: 'Keep editing' }));
    expect(within(dialog).getByLabelText('Description')).toHaveValue('Livrables');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await userEvent.click(within(await screen.findByRole('dialog', { name: 'Discard your changes?' })).getByRole('button', { name: 'Discard' }));
    expect(useUi.getState().dialog).toBeNull();
  });

  it('an untouched New-card dialog closes on Escape at once', async () => {
    useUi.setState({ dialog: { kind: 'newCard', boardId: 1 } });
    renderWithApi(<CardDialogs />, { handlers: { ...baseHandlers(mentor), 'learner.list': () => [] } });
    await screen.findByRole('dialog', { name: 'New defense' }, { timeout: 5000 });
    escape();
    expect(useUi.getState().dialog).toBeNull();
  });
});
