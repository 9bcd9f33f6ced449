/**
 * Every string of the UI, in English and French, one namespace per area: common (shell,
 * login), board (columns, card faces, filters, drag and drop), card (detail, dialogs,
 * forms), people (learners, mentors, settings). French files are typed by the English
 * ones, so a missing translation fails the type check.
 */
import { common as enCommon } from './en/common';
import { board as enBoard } from './en/board';
import { card as enCard } from './en/card';
import { people as enPeople } from './en/people';
import { common as frCommon } from './fr/common';
import { board as frBoard } from './fr/board';
import { card as frCard } from './fr/card';
import { people as frPeople } from './fr/people';

export const resources = {
  en: { common: enCommon, board: enBoard, card: enCard, people: enPeople },
  fr: { common: frCommon, board: frBoard, card: frCard, people: frPeople },
} as const;
