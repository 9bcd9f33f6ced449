import type { common as en } from '../en/common';

export const common: typeof en = {
  appName: 'Relais',
  tagline: 'Soutenances et transferts, avec les règles de l’école intégrées.',
  login: {
    title: 'Connexion à Relais',
    email: 'E-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    failed: 'E-mail ou mot de passe incorrect.',
    demoHint: 'Les comptes de démonstration utilisent le mot de passe {{password}}.',
  },
  nav: {
    boards: 'Tableaux',
    learners: 'Apprenants',
    mentors: 'Mentors',
    settings: 'Réglages',
    logout: 'Se déconnecter',
    language: 'Langue',
    mainNav: 'Navigation principale',
  },
  roles: { manager: 'Responsable des mentors', mentor: 'Mentor', evaluator: 'Mentor validateur' },
  state: {
    loading: 'Chargement…',
    error: 'Un problème est survenu : {{message}}',
    retry: 'Réessayer',
    notFound: 'Cette page n’existe pas.',
    backToBoards: 'Retour aux tableaux',
  },
  actions: { close: 'Fermer', cancel: 'Annuler', save: 'Enregistrer', saving: 'Enregistrement…', dismiss: 'Fermer' },
  languages: { en: 'English', fr: 'Français' },
};
