import { section } from '../types.js';

/** The welcome posted when a member joins, and its town menu. */
export const welcome = section(
  {
    'welcome.greeting': 'Bienvenue {member} ! 👋',
    'welcome.habit':
      'Ici, on se rencontre quand l’un de nous voyage dans la région. Le principe :\n' +
      '• **Annonce tes déplacements** avec `/trip` : « Je serai à {town} le 4 décembre ».\n' +
      '• **Rencontre le monde de la place** : les membres de la ville visitée sont avertis et viennent te rejoindre, souvent autour d’un bon dîner.\n' +
      '• **Réponds présent** avec les boutons de l’annonce (ou `/rsvp`) quand quelqu’un passe près de chez toi.\n' +
      '• **Après la rencontre**, un bilan rassemble qui est venu, les photos et ce qui s’est dit… et t’invite à organiser la prochaine !\n' +
      'Tout le monde est invité, même de loin.',
    'welcome.example': 'Exemple : {command}',
    'welcome.exampleWhen': '4 décembre midi',
    'welcome.exampleTopic': 'IA en région',
    'welcome.pick':
      'Choisis ci-dessous les villes qui t’intéressent : on t’avertira quand quelqu’un y annonce une visite.',
    'welcome.more': 'Ta ville n’est pas dans le menu ? Il y en a {count} autres : utilise `/town join`.',
    'welcome.noTowns':
      'Aucune ville n’est encore configurée. Un·e admin peut charger une liste prête avec `/town preset`; ensuite, choisis les tiennes avec `/town join`.',
    'welcome.placeholder': 'Choisis tes villes',
    'welcome.select.added': 'Ajoutées : {towns}.',
    'welcome.select.removed': 'Retirées : {towns}.',
    'welcome.select.kept': 'Déjà à toi : {towns}.',
    'welcome.select.nothing':
      'Aucune ville choisie : rien n’a changé. Tu peux y revenir en tout temps avec `/town join`.',
    'welcome.select.failed': 'Pas pu changer **{town}** : {reason}.',
    'welcome.select.vanished': '{count} ville(s) choisie(s) n’existe(nt) plus.',
    'welcome.select.footer': 'Tu peux changer tes villes en tout temps avec `/town join` et `/town leave`.',
  },
  {
    'welcome.greeting': 'Welcome {member}! 👋',
    'welcome.habit':
      'Here, we meet whenever one of us travels in the region. How it works:\n' +
      '• **Announce your trips** with `/trip`: “I’ll be in {town} on December 4”.\n' +
      '• **Meet the people of that town**: members of the town you visit are notified and come meet you, often over a long lunch.\n' +
      '• **Say you’re coming** with the announcement’s buttons (or `/rsvp`) when someone comes near you.\n' +
      '• **After the meetup**, a recap gathers who came, the photos and what was discussed… and invites you to organise the next one!\n' +
      'Everyone is invited, even from far away.',
    'welcome.example': 'Example: {command}',
    'welcome.exampleWhen': 'December 4 noon',
    'welcome.exampleTopic': 'AI in the region',
    'welcome.pick': 'Pick the towns you care about below: you’ll hear when someone announces a visit there.',
    'welcome.more': 'Your town isn’t in the menu? There are {count} more: use `/town join`.',
    'welcome.noTowns':
      'No towns are set up yet. An admin can load a ready-made list with `/town preset`; then pick yours with `/town join`.',
    'welcome.placeholder': 'Pick your towns',
    'welcome.select.added': 'Added: {towns}.',
    'welcome.select.removed': 'Removed: {towns}.',
    'welcome.select.kept': 'Already yours: {towns}.',
    'welcome.select.nothing': 'No town chosen: nothing changed. You can come back any time with `/town join`.',
    'welcome.select.failed': 'Couldn’t change **{town}**: {reason}.',
    'welcome.select.vanished': '{count} chosen town(s) no longer exist.',
    'welcome.select.footer': 'You can change your towns any time with `/town join` and `/town leave`.',
  },
);
