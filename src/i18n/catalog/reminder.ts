import { section } from '../types.js';

/** Reminders before a meetup: the direct message, and the thread message for members whose DMs are closed. */
export const reminder = section(
  {
    'reminder.dm.heading': '⏰ Rappel : la rencontre #{id} à **{town}** commence {relative}.',
    'reminder.dm.when': '🗓️ {when} · {local}, {timeZone}',
    'reminder.dm.venue': '📍 Lieu : {venue}',
    'reminder.dm.topic': '💬 Sujet : {topic}',
    'reminder.dm.link': '🔗 L’annonce : {link}',
    'reminder.dm.cantGo':
      'Tu ne peux plus venir ? Clique « Je ne peux pas » sur l’annonce : ta place ira à quelqu’un d’autre.',
    'reminder.thread':
      '{mentions} ⏰ Rappel : la rencontre #{id} à **{town}** commence {relative} ({when}). ' +
      'Je n’ai pas pu vous l’écrire en message privé (vos messages privés sont fermés).',
  },
  {
    'reminder.dm.heading': '⏰ Reminder: meetup #{id} in **{town}** starts {relative}.',
    'reminder.dm.when': '🗓️ {when} · {local}, {timeZone}',
    'reminder.dm.venue': '📍 Venue: {venue}',
    'reminder.dm.topic': '💬 Topic: {topic}',
    'reminder.dm.link': '🔗 The announcement: {link}',
    'reminder.dm.cantGo':
      'Can’t make it any more? Click “Can’t go” on the announcement: your seat goes to someone else.',
    'reminder.thread':
      '{mentions} ⏰ Reminder: meetup #{id} in **{town}** starts {relative} ({when}). ' +
      'I could not tell you by direct message (your DMs are closed).',
  },
);
