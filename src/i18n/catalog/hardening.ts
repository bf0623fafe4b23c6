import { section } from '../types.js';

/** Limits that keep towns and announcements from being abused: privileged roles, quotas, cooldowns, channels. */
export const hardening = section(
  {
    'town.error.rolePrivileged':
      'Le rôle {role} ne peut pas être celui d’une ville : il donne des permissions que @everyone n’a pas ({permissions}). Choisis un rôle sans permission, ou laisse-moi en créer un.',
    'town.error.roleAboveMember':
      'Le rôle {role} est au même niveau ou au-dessus de ton rôle le plus haut : tu ne peux pas en faire une ville.',
    'town.join.rolePrivileged':
      'Je ne peux pas te donner le rôle de **{town}** : il donne maintenant des permissions ({permissions}). Les admins en sont avertis.',
    'town.warning.rolePrivileged':
      '⚠️ Sur **{guild}**, le rôle {role} de la ville **{town}** donne maintenant des permissions ({permissions}) : je ne le donne plus à personne tant qu’elles n’auront pas été retirées (Paramètres du serveur → Rôles).',
    'trip.error.tooManyTrips':
      'Tu as déjà annoncé {max} rencontres dans les dernières 24 heures (limite du serveur). Tu pourras en annoncer une autre {next}.',
    'trip.error.regionNeedsManageEvents':
      'Notifier toute la région (`reach:region`) demande la permission « Gérer les événements ». Utilise `town` ou `nearby`.',
    'budget.townCooldownAny':
      'Annoncée sans notifier {roles} : déjà notifié il y a moins de {cooldownMinutes} minutes. Prochaine notification possible {next}.',
    'member.hostLeft': 'l’hôte a quitté le serveur',
    'trip.error.cannotSendHere':
      'Tu ne peux pas envoyer de messages dans {channel} : annonce ta rencontre dans un salon où tu peux écrire.',
    'error.restarting': 'Escale redémarre : réessaie dans une minute.',
    'trip.edited.promotedPartly':
      '{count} personne(s) de la liste d’attente ont obtenu une place ; {told} ont pu être prévenues.',
    'trip.notice.notTold':
      '{count} personne(s) n’ont pas pu être prévenues : Discord a refusé mon message dans le fil de l’annonce.',
  },
  {
    'town.error.rolePrivileged':
      'The role {role} can’t be a town’s: it grants permissions @everyone doesn’t have ({permissions}). Pick a role with no permissions, or let me create one.',
    'town.error.roleAboveMember': 'The role {role} is at or above your highest role: you can’t make it a town.',
    'town.join.rolePrivileged':
      'I can’t give you the role of **{town}**: it now grants permissions ({permissions}). The admins have been warned.',
    'town.warning.rolePrivileged':
      '⚠️ On **{guild}**, the role {role} of the town **{town}** now grants permissions ({permissions}): I won’t give it to anyone until they are removed (Server Settings → Roles).',
    'trip.error.tooManyTrips':
      'You have already announced {max} meetups in the last 24 hours (the server’s limit). You can announce another {next}.',
    'trip.error.regionNeedsManageEvents':
      'Notifying the whole region (`reach:region`) needs the “Manage Events” permission. Use `town` or `nearby`.',
    'budget.townCooldownAny':
      'Announced without notifying {roles}: already notified less than {cooldownMinutes} minutes ago. Next notification possible {next}.',
    'member.hostLeft': 'the host left the server',
    'trip.error.cannotSendHere':
      'You can’t send messages in {channel}: announce your meetup in a channel where you can write.',
    'error.restarting': 'Escale is restarting: try again in a minute.',
    'trip.edited.promotedPartly': '{count} member(s) from the waitlist got a seat; {told} of them could be told.',
    'trip.notice.notTold':
      '{count} member(s) could not be told: Discord refused my message in the announcement’s thread.',
  },
);
