import { section } from '../types.js';

/** The server's quiet hours for pings and Escale's question in Discord's own onboarding (/setup). */
export const server = section(
  {
    'quietPings.held': 'Heures calmes du serveur : {roles} seront mentionnés à la fin, à {time}.',
    'quietPings.ping': 'Annoncée pendant les heures calmes : rencontre #{id} à **{town}**, {when} !',
    'setup.field.quietHours': 'Heures calmes (mentions des villes)',
    'setup.field.onboarding': 'Accueil Discord (question des villes)',
    'setup.value.quietHoursNone': 'aucune : les mentions partent tout de suite',
    'setup.value.quietHours': '{range} : les mentions attendent la fin',
    'setup.value.onboardingOff': 'non : le message d’accueil propose le menu des villes',
    'setup.value.onboardingOn': 'oui : {count} ville(s) dans la question « {title} »',
    'setup.value.onboardingWaiting': 'oui : la question sera ajoutée avec la première ville',
    'setup.error.quietHoursUnparseable':
      'Je ne comprends pas « {input} » comme heures calmes. Exemples : « 22:00-07:00 », « 22h à 7h », « aucune ».',
    'setup.error.quietHoursZeroLength':
      'Les heures calmes « {input} » commencent et finissent à la même heure : donne une plage, ex. « 22:00-07:00 ».',
    'onboarding.question': 'Près de quelles villes es-tu ?',
    'onboarding.error.botNeedsPermissions':
      'Il me faut les permissions « Gérer le serveur » et « Gérer les rôles » pour modifier l’accueil Discord du serveur. Rien n’a changé.',
    'onboarding.error.tooManyTowns':
      'La région compte {count} villes, mais une question de l’accueil Discord en contient au plus {max}. Rien n’a changé : retire des villes avec `/town remove`, ou garde le menu du message d’accueil.',
    'onboarding.error.tooManyQuestions':
      'L’accueil Discord du serveur a déjà {max} questions, le maximum. Retires-en une pour que j’ajoute celle des villes. Rien n’a changé.',
    'onboarding.error.rejected':
      'Discord a refusé la question des villes de l’accueil. Vérifie les rôles des villes (`/town list`) et réessaie. Rien n’a changé.',
    'setup.warning.onboardingMissingPermissions':
      'La question des villes de l’accueil Discord n’est plus à jour : il me faut « Gérer le serveur » et « Gérer les rôles ».',
    'setup.warning.onboardingTooManyTowns':
      'La question des villes de l’accueil Discord n’est plus à jour : {count} villes, au plus {max} par question.',
    'setup.warning.onboardingTooManyQuestions':
      'La question des villes de l’accueil Discord n’a pas pu être ajoutée : le serveur a déjà {max} questions.',
    'setup.warning.onboardingRejected':
      'La question des villes de l’accueil Discord n’est plus à jour : Discord l’a refusée. Relance `/setup onboarding:true`.',
    'onboarding.warning.missingPermissions':
      'Sur **{guild}** : la question des villes de l’accueil Discord n’est plus à jour, il me faut « Gérer le serveur » et « Gérer les rôles ». Les villes changent quand même ; `/setup` le rappelle.',
    'onboarding.warning.tooManyTowns':
      'Sur **{guild}** : la question des villes de l’accueil Discord n’est plus à jour, la région compte {count} villes et une question en contient au plus {max}.',
    'onboarding.warning.tooManyQuestions':
      'Sur **{guild}** : la question des villes n’a pas pu être ajoutée à l’accueil Discord, le serveur a déjà {max} questions.',
    'onboarding.warning.rejected':
      'Sur **{guild}** : Discord a refusé la question des villes de l’accueil. Relance `/setup onboarding:true`.',
    'welcome.pickInOnboarding':
      'Choisis tes villes dans l’accueil du serveur (**Salons et rôles** en haut de la liste des salons) : tu sauras quand quelqu’un y annonce une visite.',
  },
  {
    'quietPings.held': 'Server quiet hours: {roles} will be pinged when they end, at {time}.',
    'quietPings.ping': 'Announced during quiet hours: meetup #{id} in **{town}**, {when}!',
    'setup.field.quietHours': 'Quiet hours (town pings)',
    'setup.field.onboarding': 'Discord onboarding (towns question)',
    'setup.value.quietHoursNone': 'none: pings go out at once',
    'setup.value.quietHours': '{range}: pings wait for the end',
    'setup.value.onboardingOff': 'off: the welcome message offers the town menu',
    'setup.value.onboardingOn': 'on: {count} town(s) in the question “{title}”',
    'setup.value.onboardingWaiting': 'on: the question will be added with the first town',
    'setup.error.quietHoursUnparseable':
      'I don’t understand “{input}” as quiet hours. Examples: “22:00-07:00”, “10pm to 7am”, “none”.',
    'setup.error.quietHoursZeroLength':
      'The quiet hours “{input}” start and end at the same time: give a range, e.g. “22:00-07:00”.',
    'onboarding.question': 'Which towns are you near?',
    'onboarding.error.botNeedsPermissions':
      'I need the “Manage Server” and “Manage Roles” permissions to edit the server’s Discord onboarding. Nothing changed.',
    'onboarding.error.tooManyTowns':
      'The region has {count} towns, but a Discord onboarding question holds at most {max}. Nothing changed: remove towns with `/town remove`, or keep the welcome message’s menu.',
    'onboarding.error.tooManyQuestions':
      'The server’s Discord onboarding already has {max} questions, the maximum. Remove one so I can add the towns question. Nothing changed.',
    'onboarding.error.rejected':
      'Discord refused the onboarding towns question. Check the towns’ roles (`/town list`) and try again. Nothing changed.',
    'setup.warning.onboardingMissingPermissions':
      'The Discord onboarding towns question is out of date: I need “Manage Server” and “Manage Roles”.',
    'setup.warning.onboardingTooManyTowns':
      'The Discord onboarding towns question is out of date: {count} towns, at most {max} per question.',
    'setup.warning.onboardingTooManyQuestions':
      'The Discord onboarding towns question could not be added: the server already has {max} questions.',
    'setup.warning.onboardingRejected':
      'The Discord onboarding towns question is out of date: Discord refused it. Run `/setup onboarding:true` again.',
    'onboarding.warning.missingPermissions':
      'On **{guild}**: the Discord onboarding towns question is out of date, I need “Manage Server” and “Manage Roles”. Towns still change; `/setup` shows it too.',
    'onboarding.warning.tooManyTowns':
      'On **{guild}**: the Discord onboarding towns question is out of date, the region has {count} towns and a question holds at most {max}.',
    'onboarding.warning.tooManyQuestions':
      'On **{guild}**: the towns question could not be added to the Discord onboarding, the server already has {max} questions.',
    'onboarding.warning.rejected':
      'On **{guild}**: Discord refused the onboarding towns question. Run `/setup onboarding:true` again.',
    'welcome.pickInOnboarding':
      'Pick your towns in the server’s onboarding (**Channels & Roles** at the top of the channel list): you’ll hear when someone announces a visit there.',
  },
);
