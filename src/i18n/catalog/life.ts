import { section } from '../types.js';

/**
 * An announcement's whole life: how it looks once a stop is over, the host's heads-up 24 h before a stop nobody
 * else is going to (and its "widen to nearby towns" button), the buttons of the reminder DM.
 */
export const life = section(
  {
    'life.over.content': 'Rencontre terminée : {town}, {when}.',
    'life.over.title': '🏁 Terminée · {town}',
    'life.over.description': '**Cette rencontre est terminée.** Merci à celles et ceux qui sont venus !',
    'life.over.going': 'Avaient dit venir',
    'life.over.recap': '📸 Le récap, les photos et les notes : {link}',
    'life.over.recapLater': '📸 Le récap arrive bientôt dans le fil de cette annonce.',
    'life.over.itineraryTitle': '🏁 Terminée · {route}',
    'life.over.stopCounts': '✅ {going} avaient dit venir · 🤔 {maybe}',
    'life.reminder.cantGo':
      'Tu ne peux plus venir ? Clique « Je ne peux plus venir » ci-dessous : ta place ira à quelqu’un d’autre.',
    'life.reminder.calendar': 'Ajouter à mon agenda',
    'life.reminder.leave': 'Je ne peux plus venir',
    'life.leave.done':
      'C’est noté : tu ne viens plus à la rencontre #{id} à **{town}**. Ta place est libérée, merci de l’avoir dit !',
    'life.leave.notGoing': 'Tu n’es pas inscrit·e à la rencontre #{id} à **{town}** : il n’y a rien à annuler.',
    'life.leave.started': 'La rencontre #{id} à **{town}** a déjà commencé : il est trop tard pour te désister ici.',
    'life.button.unknown': 'Ce bouton ne correspond à aucune rencontre que je connais.',
    'life.headsUp.dm':
      '👋 Ta rencontre #{id} à **{town}** commence {relative} ({when}) et personne d’autre n’a encore dit venir.',
    'life.headsUp.widen':
      'Veux-tu prévenir aussi les villes voisines ({towns}) ? Un seul message, une seule fois, dans une réponse à l’annonce.',
    'life.headsUp.nothingToWiden':
      'Les villes voisines ne peuvent pas être prévenues de plus : partage l’annonce autour de toi ! {link}',
    'life.headsUp.button': 'Prévenir les villes voisines',
    'life.widen.ping': 'La rencontre #{id} à **{town}** ({when}) cherche encore du monde : vous êtes dans le coin ?',
    'life.widen.done': 'C’est fait : {roles} ont été prévenus dans une réponse à l’annonce.',
    'life.widen.already': 'Les villes voisines ont déjà été prévenues pour la rencontre #{id} : une seule fois.',
    'life.widen.notHost': 'Seul·e l’hôte de la rencontre #{id} peut élargir sa portée.',
    'life.widen.started': 'La rencontre #{id} a déjà commencé : trop tard pour prévenir les villes voisines.',
    'life.widen.cancelled': 'La rencontre #{id} est annulée : il n’y a plus personne à prévenir.',
    'life.widen.none': 'Aucune ville voisine à prévenir pour la rencontre #{id}.',
    'life.widen.held': 'Personne n’a pu être prévenu pour l’instant : {reason}',
    'life.widen.quiet':
      'Ce sont les heures calmes du serveur : aucune ville n’est mentionnée avant {time}. Reviens appuyer sur le bouton après, il sera encore là.',
  },
  {
    'life.over.content': 'Meetup over: {town}, {when}.',
    'life.over.title': '🏁 Over · {town}',
    'life.over.description': '**This meetup is over.** Thanks to everyone who came!',
    'life.over.going': 'Said they would come',
    'life.over.recap': '📸 The recap, photos and notes: {link}',
    'life.over.recapLater': '📸 The recap is coming soon in this announcement’s thread.',
    'life.over.itineraryTitle': '🏁 Over · {route}',
    'life.over.stopCounts': '✅ {going} said they would come · 🤔 {maybe}',
    'life.reminder.cantGo':
      'Can’t make it any more? Click “I can’t come anymore” below: your seat goes to someone else.',
    'life.reminder.calendar': 'Add to my calendar',
    'life.reminder.leave': 'I can’t come anymore',
    'life.leave.done':
      'Noted: you are no longer coming to meetup #{id} in **{town}**. Your seat is free, thanks for saying!',
    'life.leave.notGoing': 'You are not signed up for meetup #{id} in **{town}**: there is nothing to cancel.',
    'life.leave.started': 'Meetup #{id} in **{town}** has already started: it is too late to drop out here.',
    'life.button.unknown': 'This button does not match any meetup I know.',
    'life.headsUp.dm':
      '👋 Your meetup #{id} in **{town}** starts {relative} ({when}) and nobody else has said they’re coming yet.',
    'life.headsUp.widen': 'Tell the nearby towns too ({towns})? One message, once, in a reply to the announcement.',
    'life.headsUp.nothingToWiden': 'There are no more nearby towns to tell: share the announcement around you! {link}',
    'life.headsUp.button': 'Widen to nearby towns',
    'life.widen.ping': 'Meetup #{id} in **{town}** ({when}) is still looking for people: are you nearby?',
    'life.widen.done': 'Done: {roles} were told in a reply to the announcement.',
    'life.widen.already': 'The nearby towns were already told about meetup #{id}: only once.',
    'life.widen.notHost': 'Only the host of meetup #{id} can widen its reach.',
    'life.widen.started': 'Meetup #{id} has already started: too late to tell the nearby towns.',
    'life.widen.cancelled': 'Meetup #{id} is cancelled: there is nobody left to tell.',
    'life.widen.none': 'No nearby town to tell for meetup #{id}.',
    'life.widen.held': 'Nobody could be told for now: {reason}',
    'life.widen.quiet':
      'These are the server’s quiet hours: no town is pinged before {time}. Press the button again after that; it will still be there.',
  },
);
