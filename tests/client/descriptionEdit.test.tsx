import { describe, expect, it } from 'vitest';
import { descriptionEdit, descriptionSave, initialDescriptionEdit, type DescriptionEdit } from '../../client/features/card/descriptionEdit';

const card = { version: 3, description: 'First text', projectId: 10, reason: null };
const editing = (): DescriptionEdit => descriptionEdit(initialDescriptionEdit(card), { type: 'started', card });

describe('editing a card’s description', () => {
  it('reads the card, not editing, until started; starting reads it again', () => {
    const initial = initialDescriptionEdit(card);
    expect(initial).toEqual({
      editing: false,
      draft: { description: 'First text', projectId: 10, reason: '' },
      base: { version: 3, description: 'First text', projectId: 10, reason: '' },
      conflict: null,
    });
    const fresher = { ...card, version: 4, description: null, reason: 'Congé' };
    expect(descriptionEdit(initial, { type: 'started', card: fresher })).toEqual({
      editing: true,
      draft: { description: '', projectId: 10, reason: 'Congé' },
      base: { version: 4, description: '', projectId: 10, reason: 'Congé' },
      conflict: null,
    });
  });

  it('sends nothing when nothing changed, and only what changed otherwise, at the version it read', () => {
    expect(descriptionSave(editing(), false)).toBeNull();
    const changed = descriptionEdit(editing(), { type: 'changed', values: { description: 'Mine' } });
    expect(changed.base.description).toBe('First text');
    expect(descriptionSave(changed, false)).toEqual({ version: 3, changes: { description: 'Mine' } });
    const moved = descriptionEdit(changed, { type: 'changed', values: { projectId: 11 } });
    expect(descriptionSave(moved, false)).toEqual({ version: 3, changes: { description: 'Mine', projectId: 11 } });
  });

  it('never sends a cleared project, and a reason only for a transfer', () => {
    const cleared = descriptionEdit(editing(), { type: 'changed', values: { projectId: null } });
    expect(descriptionSave(cleared, false)).toEqual({ version: 3, changes: {} });
    const reason = descriptionEdit(editing(), { type: 'changed', values: { reason: 'Congé' } });
    expect(descriptionSave(reason, true)).toEqual({ version: 3, changes: { reason: 'Congé' } });
    expect(descriptionSave(reason, false)).toEqual({ version: 3, changes: {} });
  });

  it('on a conflict, re-applies only this user’s changes over the fresh version', () => {
    const mine = descriptionEdit(editing(), { type: 'changed', values: { description: 'Mine' } });
    const conflicted = descriptionEdit(mine, { type: 'conflicted', current: { description: 'Their newer text', version: 4, projectId: 11 } });
    expect(conflicted.conflict).toEqual({ description: 'Their newer text', version: 4, reason: null, projectId: 11 });
    expect(conflicted.editing).toBe(true);
    // The other person's project stays theirs: the project was not changed here.
    expect(descriptionSave(conflicted, false)).toEqual({ version: 4, changes: { description: 'Mine' } });
  });

  it('takes their version as the new starting point', () => {
    const mine = descriptionEdit(editing(), { type: 'changed', values: { description: 'Mine' } });
    const conflicted = descriptionEdit(mine, { type: 'conflicted', current: { description: 'Theirs', version: 4, reason: null, projectId: 11 } });
    const theirs = descriptionEdit(conflicted, { type: 'theirsTaken' });
    expect(theirs).toEqual({
      editing: true,
      draft: { description: 'Theirs', projectId: 11, reason: '' },
      base: { version: 4, description: 'Theirs', projectId: 11, reason: '' },
      conflict: null,
    });
    expect(descriptionSave(theirs, false)).toBeNull();
    expect(descriptionEdit(theirs, { type: 'theirsTaken' })).toBe(theirs);
  });

  it('closes on save, cancel or an empty submit, forgetting the conflict', () => {
    const conflicted = descriptionEdit(editing(), { type: 'conflicted', current: { description: 'Theirs', version: 4 } });
    const closed = descriptionEdit(conflicted, { type: 'closed' });
    expect(closed.editing).toBe(false);
    expect(closed.conflict).toBeNull();
  });
});
