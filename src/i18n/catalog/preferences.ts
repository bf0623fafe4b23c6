import { section } from '../types.js';

/** /preferences, quiet hours in DMs, and the weekly digest of towns followed without pings. */
export const preferences = section(
  {
    'preferences.title': 'Tes préférences sur ce serveur',
    'preferences.reminders': '⏰ Rappels : {value}',
    'preferences.quietHours': '🌙 Heures calmes : {value}',
    'preferences.language': '🗣️ Langue : {value}',
    'preferences.default': '(par défaut)',
    'preferences.reminders.dm': 'en message privé',
    'preferences.reminders.thread': 'une mention dans le fil de la rencontre',
    'preferences.reminders.off': 'aucun',
    'preferences.quietHours.none': 'aucune',
    'preferences.quietHours.range': 'de {start} à {end} ({timeZone})',
    'preferences.language.auto': 'celle de ton Discord',
    'preferences.language.fr': 'français',
    'preferences.language.en': 'anglais',
    'preferences.saved': '✅ C’est noté.',
    'preferences.hint':
      'Change-les avec /preferences : `reminders` (dm, thread, off), `quiet_hours` (ex. « 22h à 7h », ou « aucune »), `language` (auto, fr, en).',
    'preferences.error.quietHours':
      'Je ne comprends pas « {text} » comme heures calmes. Écris une plage comme « 22:00-07:00 » ou « 22h à 7h », ou « aucune ».',
    'preferences.error.quietHoursZero':
      'Des heures calmes de « {text} » ne durent pas une minute : donne un début et une fin différents.',
    'preferences.error.language': 'La langue « {value} » n’existe pas ici : choisis auto, fr ou en.',
    'preferences.error.reminders': '« {value} » n’est pas un choix de rappels : choisis dm, thread ou off.',
    'dm.heldBeforeQuietHours':
      '🌙 Je t’écris maintenant plutôt que pendant tes heures calmes ({start} à {end}), qui commencent bientôt.',
    'dm.heldAfterQuietHours': '🌙 Ce message a attendu la fin de tes heures calmes.',
    'reminder.threadChosen':
      '{mentions} ⏰ Rappel : la rencontre #{id} à **{town}** commence {relative} ({when}). ' +
      '(Tu as choisi tes rappels ici plutôt qu’en message privé.)',
    'town.join.digest':
      '📬 Tu suis **{town}** par le résumé de la semaine : un message privé chaque lundi à 8 h, sans mention.',
    'town.join.digestAlready': 'Tu suis déjà **{town}** par le résumé de la semaine.',
    'town.join.pingAgain': 'Tu ne recevras plus le résumé pour **{town}** : tu es mentionné·e à chaque visite.',
    'town.error.mode': 'Le mode « {value} » n’existe pas : choisis ping ou digest.',
    'town.list.mode.ping': 'mentions',
    'town.list.mode.digest': 'résumé du lundi',
    'town.list.digestTitle': 'Suivies par le résumé du lundi',
    'digest.heading': '📬 Cette semaine près de chez toi ({towns}) :',
    'digest.line': '• {when} · **{town}**{topic} — {link}',
    'digest.footer': 'Tu reçois ce résumé parce que tu suis ces villes en mode résumé (/town join … mode:digest).',
  },
  {
    'preferences.title': 'Your preferences on this server',
    'preferences.reminders': '⏰ Reminders: {value}',
    'preferences.quietHours': '🌙 Quiet hours: {value}',
    'preferences.language': '🗣️ Language: {value}',
    'preferences.default': '(default)',
    'preferences.reminders.dm': 'by direct message',
    'preferences.reminders.thread': 'a mention in the meetup’s thread',
    'preferences.reminders.off': 'none',
    'preferences.quietHours.none': 'none',
    'preferences.quietHours.range': 'from {start} to {end} ({timeZone})',
    'preferences.language.auto': 'your Discord’s',
    'preferences.language.fr': 'French',
    'preferences.language.en': 'English',
    'preferences.saved': '✅ Saved.',
    'preferences.hint':
      'Change them with /preferences: `reminders` (dm, thread, off), `quiet_hours` (e.g. “22:00-07:00”, or “none”), `language` (auto, fr, en).',
    'preferences.error.quietHours':
      'I can’t read “{text}” as quiet hours. Write a range like “22:00-07:00” or “10pm to 7am”, or “none”.',
    'preferences.error.quietHoursZero':
      'Quiet hours of “{text}” last no time at all: give a start and an end that differ.',
    'preferences.error.language': 'There is no language “{value}” here: choose auto, fr or en.',
    'preferences.error.reminders': '“{value}” is not a reminders choice: choose dm, thread or off.',
    'dm.heldBeforeQuietHours':
      '🌙 I’m writing now rather than during your quiet hours ({start} to {end}), which start soon.',
    'dm.heldAfterQuietHours': '🌙 This message waited for the end of your quiet hours.',
    'reminder.threadChosen':
      '{mentions} ⏰ Reminder: meetup #{id} in **{town}** starts {relative} ({when}). ' +
      '(You chose to get your reminders here rather than by direct message.)',
    'town.join.digest':
      '📬 You follow **{town}** by the weekly digest: one direct message each Monday at 8:00, no mention.',
    'town.join.digestAlready': 'You already follow **{town}** by the weekly digest.',
    'town.join.pingAgain': 'No more digest for **{town}**: you are mentioned at each visit.',
    'town.error.mode': 'There is no mode “{value}”: choose ping or digest.',
    'town.list.mode.ping': 'mentions',
    'town.list.mode.digest': 'Monday digest',
    'town.list.digestTitle': 'Followed by the Monday digest',
    'digest.heading': '📬 This week near you ({towns}):',
    'digest.line': '• {when} · **{town}**{topic} — {link}',
    'digest.footer': 'You get this digest because you follow these towns in digest mode (/town join … mode:digest).',
  },
);
