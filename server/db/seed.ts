/**
 * The demo of API.md: four demo accounts (password relais-demo) and a few more mentors,
 * three paths with their projects, ~30 learners (some with incomplete profiles), and
 * cards in every column of both boards, each with a history that tells how it got there.
 */
import type { Transaction } from 'sequelize';
import type { Database } from './sequelize';
import { hashPassword } from '../services/auth';
import { addDays, toDay } from '../../shared/dates';
import { initialPositions } from '../../shared/ordering';
import type { ColumnKey } from '../../shared/workflow/boards';
import type { Funding } from '../../shared/learnerFields';

export const DEMO_PASSWORD = 'relais-demo';

const PATHS = [
  {
    code: 'DW',
    name: 'Développeur web',
    projects: [
      ['DW-P1', 'Démarrez votre formation', '#64748b'],
      ['DW-P2', 'Transformez une maquette en site web', '#2563eb'],
      ['DW-P3', 'Dynamisez une page web avec des animations CSS', '#7c3aed'],
      ['DW-P4', 'Optimisez un site web existant', '#0891b2'],
      ['DW-P5', 'Construisez une API sécurisée', '#059669'],
    ],
  },
  {
    code: 'CPD',
    name: 'Chef de projet digital',
    projects: [
      ['CPD-P1', 'Cadrez un projet digital', '#d97706'],
      ['CPD-P2', 'Pilotez un projet agile', '#dc2626'],
      ['CPD-P3', 'Lancez une campagne webmarketing', '#db2777'],
    ],
  },
  {
    code: 'DA',
    name: 'Data analyst',
    projects: [
      ['DA-P1', 'Analysez des données de ventes', '#4f46e5'],
      ['DA-P2', 'Réalisez un tableau de bord', '#0d9488'],
      ['DA-P3', 'Produisez une étude de marché', '#65a30d'],
    ],
  },
] as const;

interface DemoUser {
  email: string;
  name: string;
  role: 'mentor' | 'manager';
  isEvaluator?: boolean;
  capacity?: number;
  acceptsRqth?: boolean;
  projects?: string[];
}

const USERS: DemoUser[] = [
  { email: 'manager@relais.test', name: 'Camille Laurent', role: 'manager' },
  { email: 'mentor@relais.test', name: 'Julien Moreau', role: 'mentor', capacity: 10, acceptsRqth: true, projects: ['DW-P1', 'DW-P2', 'DW-P3', 'DW-P4'] },
  { email: 'mentor2@relais.test', name: 'Sophie Bernard', role: 'mentor', capacity: 8, projects: ['DW-P2', 'DW-P3', 'CPD-P1', 'CPD-P2', 'CPD-P3'] },
  { email: 'evaluator@relais.test', name: 'Nadia Haddad', role: 'mentor', isEvaluator: true, capacity: 6, acceptsRqth: true, projects: ['DW-P2', 'DW-P3', 'DW-P4', 'DW-P5', 'DA-P1', 'DA-P2'] },
  { email: 'thomas.petit@relais.test', name: 'Thomas Petit', role: 'mentor', isEvaluator: true, capacity: 7, projects: ['DW-P1', 'DW-P2', 'DW-P3', 'DW-P5', 'CPD-P1'] },
  { email: 'ines.lefevre@relais.test', name: 'Inès Lefèvre', role: 'mentor', isEvaluator: true, capacity: 5, acceptsRqth: true, projects: ['CPD-P1', 'CPD-P2', 'CPD-P3', 'DA-P2', 'DA-P3'] },
  { email: 'marc.dubois@relais.test', name: 'Marc Dubois', role: 'mentor', capacity: 4, projects: ['DA-P1', 'DA-P2', 'DA-P3'] },
];

const FIRST = ['Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon', 'Nathan', 'Emma', 'Louis', 'Camille', 'Gabriel', 'Sarah', 'Arthur', 'Inès', 'Jules', 'Zoé', 'Adam', 'Lina', 'Raphaël', 'Jade', 'Mathis', 'Alice', 'Noah', 'Rose', 'Ethan', 'Anna', 'Tom', 'Lou', 'Yanis', 'Mila', 'Sacha'];
const LAST = ['Martin', 'Durand', 'Lefebvre', 'Roux', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Faure', 'Andre', 'Mercier', 'Blanc', 'Guerin', 'Boyer', 'Garnier', 'Chevalier', 'Francois', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clement', 'Morin', 'Nicolas'];
const FUNDING: Funding[] = ['self', 'employer', 'employment_agency', 'apprenticeship', 'other'];
const GOALS = ['Devenir développeur front-end en agence', 'Reconversion vers le développement web', 'Évoluer vers un poste de chef de projet', 'Créer son entreprise', 'Rejoindre une équipe data en ESN'];
const AVAILABILITY = ['Soirs en semaine, 19h–21h', 'Mardi et jeudi après-midi', 'Samedi matin', 'Lundi, mercredi, vendredi 9h–12h'];
const ZONES = ['Europe/Paris', 'Europe/Paris', 'Europe/Paris', 'America/Montreal', 'Africa/Casablanca', 'Indian/Reunion'];

/** Seeds the demo when the database holds no user; returns whether it did. */
export async function seedDemoIfEmpty(db: Database, now = new Date()): Promise<boolean> {
  if ((await db.models.User.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.write((t) => seedDemo(db, t, passwordHash, now));
  return true;
}

async function seedDemo(db: Database, t: Transaction, passwordHash: string, now: Date) {
  const m = db.models;
  const today = toDay(now);
  const at = (days: number, hour = 14) => new Date(`${addDays(today, days)}T${String(hour).padStart(2, '0')}:00:00.000Z`);

  const projectIds = new Map<string, number>();
  const pathIds = new Map<string, number>();
  for (const p of PATHS) {
    const path = await m.Path.create({ code: p.code, name: p.name }, { transaction: t });
    pathIds.set(p.code, path.id);
    for (const [i, [code, title, color]] of p.projects.entries()) {
      const project = await m.Project.create({ pathId: path.id, position: i + 1, code, title, color }, { transaction: t });
      projectIds.set(code, project.id);
    }
  }
  const users = new Map<string, number>();
  for (const u of USERS) {
    const user = await m.User.create(
      { email: u.email, name: u.name, role: u.role, isEvaluator: u.isEvaluator ?? false, capacity: u.capacity ?? 0, acceptsRqth: u.acceptsRqth ?? false, passwordHash },
      { transaction: t },
    );
    users.set(u.email, user.id);
    if (u.projects) await m.MentorProject.bulkCreate(u.projects.map((code) => ({ mentorId: user.id, projectId: projectIds.get(code)! })), { transaction: t });
  }
  const id = (email: string) => users.get(email)!;
  const manager = id('manager@relais.test');
  const julien = id('mentor@relais.test');
  const sophie = id('mentor2@relais.test');
  const nadia = id('evaluator@relais.test');
  const thomas = id('thomas.petit@relais.test');
  const ines = id('ines.lefevre@relais.test');
  const marc = id('marc.dubois@relais.test');

  // Who mentors whom, and on which project: [mentor, path, project].
  const plan: [number, string, string][] = [
    ...Array.from({ length: 8 }, (_, i): [number, string, string] => [julien, 'DW', ['DW-P2', 'DW-P3', 'DW-P4', 'DW-P2'][i % 4]!]),
    ...Array.from({ length: 6 }, (_, i): [number, string, string] => [sophie, i < 3 ? 'DW' : 'CPD', i < 3 ? 'DW-P3' : ['CPD-P1', 'CPD-P2', 'CPD-P3'][i - 3]!]),
    ...Array.from({ length: 4 }, (_, i): [number, string, string] => [nadia, i < 2 ? 'DW' : 'DA', ['DW-P4', 'DW-P5', 'DA-P1', 'DA-P2'][i]!]),
    ...Array.from({ length: 5 }, (_, i): [number, string, string] => [thomas, 'DW', ['DW-P1', 'DW-P2', 'DW-P2', 'DW-P3', 'DW-P5'][i]!]),
    ...Array.from({ length: 3 }, (_, i): [number, string, string] => [ines, 'CPD', ['CPD-P1', 'CPD-P2', 'CPD-P3'][i]!]),
    ...Array.from({ length: 4 }, (_, i): [number, string, string] => [marc, 'DA', ['DA-P1', 'DA-P2', 'DA-P3', 'DA-P1'][i]!]),
  ];
  // Every fifth learner has gaps in their profile, so the Profile to update loop can be tried.
  const incomplete = new Set([1, 5, 9, 14, 19, 24]);
  const learners: number[] = [];
  for (const [i, [mentorId, path, project]] of plan.entries()) {
    const gaps = incomplete.has(i);
    const learner = await m.Learner.create(
      {
        firstName: FIRST[i]!,
        lastName: LAST[i]!,
        email: `${FIRST[i]!.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${LAST[i]!.toLowerCase()}@exemple.fr`,
        pathId: pathIds.get(path)!,
        currentProjectId: projectIds.get(project)!,
        mentorId,
        funding: gaps && i % 2 === 1 ? null : FUNDING[i % FUNDING.length]!,
        professionalGoal: gaps ? null : GOALS[i % GOALS.length]!,
        availability: AVAILABILITY[i % AVAILABILITY.length]!,
        timezone: gaps && i % 3 === 0 ? null : ZONES[i % ZONES.length]!,
        rqth: i % 11 === 3 ? true : gaps && i > 10 ? null : false,
        notes: i % 11 === 3 ? 'Sessions en visio avec sous-titres.' : null,
        createdAt: at(-120 + i),
        updatedAt: at(-30 + i),
      },
      { transaction: t },
    );
    learners.push(learner.id);
  }

  const learner = async (index: number) => (await m.Learner.findByPk(learners[index]!, { transaction: t }))!;
  const boards = await m.Board.findAll({ transaction: t });
  const defenseBoard = boards.find((b) => b.kind === 'defense')!.id;
  const transferBoard = boards.find((b) => b.kind === 'transfer')!.id;
  const positions = initialPositions(20);
  const counters = new Map<string, number>();

  async function card(
    boardId: number,
    columnKey: ColumnKey,
    index: number,
    fields: { defenseDays?: number; hour?: number; handoverDays?: number; evaluatorId?: number; newMentorId?: number; outcome?: 'passed' | 'failed'; description: string; reason?: string; attempt?: number; missingFields?: string[]; createdDaysAgo: number },
  ) {
    const l = await learner(index);
    const slot = `${boardId}:${columnKey}`;
    const n = counters.get(slot) ?? 0;
    counters.set(slot, n + 1);
    const createdAt = at(-fields.createdDaysAgo, 9);
    const created = await m.Card.create(
      {
        boardId,
        columnKey,
        position: positions[n]!,
        learnerId: l.id,
        projectId: l.currentProjectId,
        mentorId: l.mentorId,
        description: fields.description,
        defenseDate: fields.defenseDays !== undefined ? at(fields.defenseDays, fields.hour ?? 14) : null,
        handoverDate: fields.handoverDays !== undefined ? addDays(today, fields.handoverDays) : null,
        reason: fields.reason ?? null,
        evaluatorId: fields.evaluatorId ?? null,
        newMentorId: fields.newMentorId ?? null,
        outcome: fields.outcome ?? null,
        attempt: fields.attempt ?? 1,
        missingFields: fields.missingFields ?? [],
        createdAt,
        updatedAt: createdAt,
      },
      { transaction: t },
    );
    const history: { type: string; actorId: number; data: Record<string, unknown> }[] = [{ type: 'created', actorId: l.mentorId, data: { to: 'drafts' } }];
    const path: ColumnKey[] = columnKey === 'drafts' ? [] : columnKey === 'profile_to_update' ? ['proposals', 'profile_to_update'] : ['proposals', ...(columnKey === 'proposals' ? [] : ['assigned' as const]), ...(columnKey === 'done' ? ['done' as const] : [])];
    let from: ColumnKey = 'drafts';
    for (const to of path) {
      const actorId = to === 'proposals' ? l.mentorId : to === 'done' && fields.evaluatorId ? fields.evaluatorId : manager;
      if (to === 'assigned') history.push({ type: 'assigned', actorId, data: { role: fields.evaluatorId ? 'evaluator' : 'new_mentor', to: fields.evaluatorId ?? fields.newMentorId } });
      if (to === 'done' && fields.outcome) history.push({ type: 'outcome', actorId, data: { outcome: fields.outcome } });
      history.push({ type: 'moved', actorId, data: { from, to } });
      from = to;
    }
    for (const [i, h] of history.entries()) {
      await m.Activity.create({ boardId, cardId: created.id, learnerId: l.id, actorId: h.actorId, type: h.type, data: h.data, createdAt: new Date(createdAt.getTime() + i * 3_600_000) }, { transaction: t });
    }
    return created;
  }

  const desc = (_project: string, extra: string) => `- Livrables : https://github.com/exemple/soutenance\n- ${extra}`;

  // The defense board, one story per column.
  await card(defenseBoard, 'drafts', 0, { defenseDays: 18, description: desc('DW-P2', 'Disponible les soirs de semaine'), createdDaysAgo: 1 });
  await card(defenseBoard, 'drafts', 2, { defenseDays: 24, hour: 10, description: '', createdDaysAgo: 0 });
  await card(defenseBoard, 'drafts', 15, { defenseDays: 19, description: desc('DW-P3', 'Préfère le matin'), createdDaysAgo: 2 });
  await card(defenseBoard, 'proposals', 3, { defenseDays: 16, hour: 9, description: desc('DW-P2', 'Disponible mardi et jeudi'), createdDaysAgo: 3 });
  await card(defenseBoard, 'proposals', 4, { defenseDays: 17, description: desc('DW-P3', 'Fuseau Europe/Paris'), createdDaysAgo: 4 });
  await card(defenseBoard, 'proposals', 10, { defenseDays: 20, hour: 16, description: desc('DW-P3', 'Disponible le samedi matin'), createdDaysAgo: 2 });
  await card(defenseBoard, 'proposals', 17, { defenseDays: 22, hour: 11, description: desc('DW-P5', 'Vidéo de démonstration jointe'), createdDaysAgo: 1 });
  await card(defenseBoard, 'profile_to_update', 1, { defenseDays: 15, description: desc('DW-P3', 'Disponible les soirs'), createdDaysAgo: 5, missingFields: ['funding', 'professionalGoal'] });
  await card(defenseBoard, 'profile_to_update', 14, { defenseDays: 21, hour: 15, description: desc('CPD-P3', 'Le profil doit préciser le financement'), createdDaysAgo: 4, missingFields: ['professionalGoal'] });
  await card(defenseBoard, 'assigned', 6, { defenseDays: 6, description: desc('DW-P4', 'Rapport d’audit Lighthouse joint'), evaluatorId: nadia, createdDaysAgo: 16 });
  await card(defenseBoard, 'assigned', 11, { defenseDays: 9, hour: 10, description: desc('CPD-P1', 'Note de cadrage en PDF'), evaluatorId: ines, createdDaysAgo: 12 });
  await card(defenseBoard, 'assigned', 20, { defenseDays: 3, hour: 17, description: desc('DW-P2', 'Maquette Figma'), evaluatorId: nadia, createdDaysAgo: 18 });
  await card(defenseBoard, 'done', 7, { defenseDays: -6, description: desc('DW-P2', 'Soutenance réussie'), evaluatorId: thomas, outcome: 'passed', createdDaysAgo: 30 });
  const failed = await card(defenseBoard, 'done', 21, { defenseDays: -4, hour: 11, description: desc('DW-P2', 'À repasser avec le même mentor'), evaluatorId: nadia, outcome: 'failed', createdDaysAgo: 25 });
  const retake = await card(defenseBoard, 'assigned', 21, { defenseDays: 12, hour: 11, description: desc('DW-P2', 'Deuxième passage'), evaluatorId: nadia, attempt: 2, createdDaysAgo: 4 });
  await failed.update({ retakeCardId: retake.id }, { transaction: t });
  await retake.update({ previousCardId: failed.id }, { transaction: t });

  // The transfer board.
  await card(transferBoard, 'drafts', 5, { handoverDays: 20, description: 'Passage au projet suivant hors de mes compétences.', reason: 'Projet suivant hors de mes compétences', createdDaysAgo: 1 });
  const offered = await card(transferBoard, 'proposals', 8, { handoverDays: 16, description: 'Changement de disponibilités : la learner passe en horaires du soir.', reason: 'Disponibilités incompatibles', createdDaysAgo: 3 });
  await m.Volunteer.bulkCreate([{ cardId: offered.id, mentorId: thomas, createdAt: at(-2) }], { transaction: t });
  await card(transferBoard, 'proposals', 25, { handoverDays: 5, description: 'Je pars en congé, reprise urgente.', reason: 'Congé du mentor', createdDaysAgo: 10 });
  await card(transferBoard, 'profile_to_update', 19, { handoverDays: 17, description: 'Demande de l’apprenant.', reason: 'Demande de l’apprenant', createdDaysAgo: 6, missingFields: ['timezone', 'rqth'] });
  await card(transferBoard, 'assigned', 12, { handoverDays: 10, description: 'Réorientation vers le parcours CPD.', reason: 'Changement de parcours', newMentorId: ines, createdDaysAgo: 14 });
  const done = await card(transferBoard, 'done', 23, { handoverDays: -3, description: 'Transfert terminé.', reason: 'Charge du mentor', newMentorId: thomas, createdDaysAgo: 25 });
  // That handover happened: the learner is Thomas's now.
  await m.Learner.update({ mentorId: thomas }, { where: { id: done.learnerId }, transaction: t });
  await m.Activity.create({ boardId: transferBoard, cardId: done.id, learnerId: done.learnerId, actorId: manager, type: 'handover', data: { fromMentorId: ines, toMentorId: thomas }, createdAt: at(-3, 18) }, { transaction: t });
}
