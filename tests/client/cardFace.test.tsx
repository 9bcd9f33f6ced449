import { render, screen } from '@testing-library/react';
import { useTranslation } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../../client/i18n';
import { CardFace, cardDetails, cardLabel } from '../../client/features/board/CardFace';
import { formatDay, formatInstant, textOn } from '../../client/features/board/format';
import type { CardData } from '../../client/trpc';
import { catalog, learners, makeCard } from './boardFixtures';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

const lea = learners[0]!;
const dwP2 = catalog.projects[0]!;
const nadia = catalog.people.find((p) => p.name === 'Nadia Haddad')!;
const sophie = catalog.people.find((p) => p.name === 'Sophie Bernard')!;

function face(card: CardData, assignee = card.evaluatorId ? nadia : undefined, locale: 'en' | 'fr' = 'en') {
  return render(<CardFace card={card} learner={lea} project={dwP2} assignee={assignee} locale={locale} />);
}

describe('a defense card face', () => {
  it('shows the learner, the project label in its colour and the date and hour', () => {
    const card = makeCard({ id: 1, columnKey: 'proposals', learnerId: lea.id, defenseDate: '2026-12-11T14:00:00.000Z' });
    face(card);
    expect(screen.getByText('Léa Martin')).toBeInTheDocument();
    const label = screen.getByText('DW-P2');
    expect(label).toHaveStyle({ background: '#2563eb' });
    expect(label).toHaveAttribute('title', 'Transformez une maquette en site web');
    expect(screen.getByText(formatInstant('2026-12-11T14:00:00.000Z', 'en'))).toBeInTheDocument();
  });

  it('says its badges in words, not colour alone', () => {
    face(makeCard({ id: 1, columnKey: 'assigned', learnerId: lea.id, flags: ['overdue'], outcome: null }));
    expect(screen.getByText('Overdue')).toHaveClass('board-badge-danger');
    face(makeCard({ id: 2, columnKey: 'proposals', learnerId: lea.id, flags: ['early'] }));
    expect(screen.getByText('Early')).toBeInTheDocument();
    face(makeCard({ id: 3, columnKey: 'assigned', learnerId: lea.id, flags: ['due_soon'] }));
    expect(screen.getByText('Due soon')).toBeInTheDocument();
  });

  it('shows the evaluator as initials, named for screen readers', () => {
    face(makeCard({ id: 1, columnKey: 'assigned', learnerId: lea.id, evaluatorId: nadia.id }));
    const avatar = screen.getByRole('img', { name: 'Evaluator: Nadia Haddad' });
    expect(avatar).toHaveTextContent('NH');
  });

  it('counts the fields missing from the learner profile, and names them on hover', () => {
    face(makeCard({ id: 1, columnKey: 'profile_to_update', learnerId: lea.id, missingFields: ['funding', 'professionalGoal'] }));
    const missing = screen.getByText('2 missing fields');
    expect(missing.closest('[title]')).toHaveAttribute('title', 'Missing in the learner’s profile: funding, professional goal');
  });

  it('shows no missing count when nothing is missing', () => {
    face(makeCard({ id: 1, columnKey: 'proposals', learnerId: lea.id }));
    expect(screen.queryByText(/missing/)).not.toBeInTheDocument();
  });

  it('shows the retake number from the second attempt on', () => {
    face(makeCard({ id: 1, columnKey: 'assigned', learnerId: lea.id, attempt: 2, evaluatorId: nadia.id }));
    expect(screen.getByText('Retake 2')).toBeInTheDocument();
    face(makeCard({ id: 2, columnKey: 'assigned', learnerId: lea.id, attempt: 1 }));
    expect(screen.getAllByText(/Retake/)).toHaveLength(1);
  });

  it('shows the outcome once recorded', () => {
    face(makeCard({ id: 1, columnKey: 'done', learnerId: lea.id, outcome: 'failed', evaluatorId: nadia.id }));
    expect(screen.getByText('Failed')).toHaveClass('board-badge-danger');
  });

  it('speaks French', async () => {
    await i18n.changeLanguage('fr');
    face(makeCard({ id: 1, columnKey: 'assigned', learnerId: lea.id, attempt: 2, flags: ['due_soon'], missingFields: ['funding'], evaluatorId: nadia.id }), nadia, 'fr');
    expect(screen.getByText('Bientôt')).toBeInTheDocument();
    expect(screen.getByText('1 champ manquant')).toBeInTheDocument();
    expect(screen.getByText('2e passage')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Mentor validateur : Nadia Haddad' })).toBeInTheDocument();
  });
});

describe('a transfer card face', () => {
  const transfer = (overrides: Partial<CardData> = {}) =>
    makeCard({ id: 9, kind: 'transfer', columnKey: 'proposals', learnerId: lea.id, defenseDate: null, handoverDate: '2026-12-20', ...overrides });

  it('shows the handover day, the volunteers and the at-risk flag', () => {
    face(transfer({ volunteerIds: [3, 4], flags: ['due_soon', 'at_risk'] }));
    expect(screen.getByText(formatDay('2026-12-20', 'en'))).toBeInTheDocument();
    expect(screen.getByText('2 volunteers')).toBeInTheDocument();
    expect(screen.getByText('At risk')).toBeInTheDocument();
  });

  it('shows the new mentor once assigned', () => {
    face(transfer({ columnKey: 'assigned', newMentorId: sophie.id }), sophie);
    expect(screen.getByRole('img', { name: 'New mentor: Sophie Bernard' })).toHaveTextContent('SB');
  });
});

describe('what assistive technology reads', () => {
  function Probe({ card }: { card: CardData }) {
    const { t } = useTranslation('board');
    return (
      <>
        <p>{cardLabel(card, lea, dwP2, 'en', t)}</p>
        <p>{cardDetails(card, nadia, t)}</p>
      </>
    );
  }

  it('names a card by learner, project and date, then every other word its face shows (Label in Name), and describes the rest', () => {
    const card = makeCard({ id: 1, columnKey: 'assigned', learnerId: lea.id, defenseDate: '2026-12-11T14:00:00.000Z', flags: ['due_soon'], attempt: 2, missingFields: ['funding'] });
    render(<Probe card={card} />);
    expect(screen.getByText(`Léa Martin — DW-P2 — ${formatInstant('2026-12-11T14:00:00.000Z', 'en')} — Due soon — Retake 2 — 1 missing field`)).toBeInTheDocument();
    expect(screen.getByText('Due soon. Retake: attempt 2. Evaluator: Nadia Haddad. Missing in the learner’s profile: funding')).toBeInTheDocument();
  });
});

describe('label in name (WCAG 2.5.3)', () => {
  it('the name contains the face’s visible text, in the face’s reading order', () => {
    const card = makeCard({ id: 1, columnKey: 'assigned', learnerId: lea.id, defenseDate: '2026-12-11T14:00:00.000Z', flags: ['due_soon'], attempt: 2, missingFields: ['funding'], evaluatorId: nadia.id });
    function Card() {
      const { t } = useTranslation('board');
      return (
        <div role="button" aria-label={cardLabel(card, lea, dwP2, 'en', t, nadia)}>
          <CardFace card={card} learner={lea} project={dwP2} assignee={nadia} locale="en" />
        </div>
      );
    }
    render(<Card />);
    const button = screen.getByRole('button');
    // What is seen, as axe's label-content-name-mismatch reads it: text and images' names, punctuation aside.
    const seen: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) seen.push(node.textContent ?? '');
      else if (node instanceof Element && node.getAttribute('role') === 'img') seen.push(node.getAttribute('aria-label') ?? '');
      else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true') node.childNodes.forEach(walk);
    };
    button.childNodes.forEach(walk);
    const plain = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLowerCase();
    expect(plain(button.getAttribute('aria-label')!)).toContain(plain(seen.join(' ')));
  });
});

describe('date and colour helpers', () => {
  it('formats a defense as day, month, year and hour', () => {
    expect(formatInstant('2026-12-11T14:00:00.000Z', 'en', 'UTC')).toBe('11 Dec 2026, 14:00');
    expect(formatInstant('2026-12-11T14:00:00.000Z', 'fr', 'Europe/Paris')).toMatch(/^11 déc\. 2026.*15:00$/);
  });

  it('formats a handover day without shifting it across time zones', () => {
    expect(formatDay('2026-12-20', 'en')).toBe('20 Dec 2026');
    expect(formatDay('2026-12-20', 'fr')).toBe('20 déc. 2026');
  });

  it('picks the label text colour that reads best', () => {
    expect(textOn('#2563eb')).toBe('#ffffff');
    expect(textOn('#d97706')).toBe('#111827');
    expect(textOn('#65a30d')).toBe('#111827');
    expect(textOn('not a colour')).toBe('#111827');
  });
});
