/** Issue 14, item 10: one formatter of instants, the reader's zone and language, the learner's zone beside it when their clock differs. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatInstant as faceInstant } from '../../client/features/board/format';
import { CardDetailDrawer } from '../../client/features/card/CardDetailDrawer';
import { CardDialogs } from '../../client/features/card/CardDialogs';
import { formatInstant, instantElsewhere, timeZones } from '../../client/lib/format';
import { useUi } from '../../client/stores/ui';
import { baseHandlers, defenseCard, manager } from './cardFixtures';
import { renderWithApi } from './fakeApi';

const AT = '2026-12-17T14:00:00.000Z';
const ZONE_FAR = 'Pacific/Auckland';

describe('dates, one way everywhere', () => {
  it('card faces and dialogs write an instant the same way, in the reader’s language', () => {
    expect(formatInstant(AT, 'en', 'medium', 'UTC')).toBe('17 Dec 2026, 14:00');
    expect(faceInstant(AT, 'en', 'UTC')).toBe(formatInstant(AT, 'en', 'medium', 'UTC'));
    expect(formatInstant(AT, 'fr', 'medium', 'UTC')).toMatch(/^17 déc\. 2026.*14:00$/);
    expect(faceInstant(AT, 'fr')).toBe(formatInstant(AT, 'fr', 'medium'));
    expect(formatInstant(AT, 'en', 'full', 'UTC')).toMatch(/Thursday,? 17 December 2026.*14:00/);
  });

  it('gives the learner’s hour only when their clock reads another one', () => {
    expect(instantElsewhere(AT, 'en', ZONE_FAR)).toBe('18 Dec 2026, 03:00');
    expect(instantElsewhere(AT, 'en', Intl.DateTimeFormat().resolvedOptions().timeZone)).toBeNull();
    expect(instantElsewhere(AT, 'en', 'Mars/Olympus')).toBeNull();
    expect(instantElsewhere(AT, 'en', null)).toBeNull();
    expect(timeZones()).toContain('Europe/Paris');
  });

  it('the assign dialog writes the defense date as the card face does', async () => {
    useUi.setState({ dialog: { kind: 'assign', cardId: 42, boardId: 1 } });
    renderWithApi(<CardDialogs />, {
      handlers: { ...baseHandlers(manager), 'card.get': () => defenseCard({ defenseDate: AT }), 'card.eligibleEvaluators': () => [] },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Assign an evaluator' }, { timeout: 5000 });
    expect(await within(dialog).findByText(new RegExp(faceInstant(AT, 'en')))).toBeInTheDocument();
  });

  it('the drawer shows the learner’s time beside the reader’s when their zones differ', async () => {
    renderWithApi(<CardDetailDrawer cardId={42} boardId={1} onClose={() => {}} />, {
      handlers: {
        ...baseHandlers(manager),
        'card.get': () => defenseCard({ defenseDate: AT }),
        'learner.get': () => ({ id: 7, firstName: 'Léa', lastName: 'Martin', timezone: ZONE_FAR, missingFields: [], mandatoryFields: [], history: [] }),
      },
      route: '/boards/1/cards/42',
    });
    const drawer = await screen.findByRole('dialog', { name: 'Léa Martin' }, { timeout: 5000 });
    expect(await within(drawer).findByText(`For the learner: 18 Dec 2026, 03:00 (${ZONE_FAR})`)).toBeInTheDocument();
  });
});
