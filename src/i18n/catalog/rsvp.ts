import { section } from '../types.js';

/** /rsvp and the buttons of the announcement: the ephemeral confirmations and refusals. */
export const rsvp = section(
  {
    'rsvp.going': 'C’est noté, tu viens ! · {going}/{capacity} places prises',
    'rsvp.goingUnlimited': 'C’est noté, tu viens ! · {going} participant·e·s',
    'rsvp.goingGuests': 'C’est noté, tu viens avec {guests} invité·e(s) ! · {going}/{capacity} places prises',
    'rsvp.goingGuestsUnlimited': 'C’est noté, tu viens avec {guests} invité·e(s) ! · {going} participant·e·s',
    'rsvp.waitlisted':
      'C’est complet : tu es n° {position} sur la liste d’attente. Je te préviens dès qu’une place se libère.',
    'rsvp.maybe': 'C’est noté : peut-être.',
    'rsvp.no': 'C’est noté : tu ne viens pas. Merci de l’avoir dit !',
    'rsvp.unchanged': 'C’était déjà ta réponse.',
    'rsvp.where': 'Rencontre #{id} à {town}, {when}.',
    'rsvp.badGuests': 'Le nombre d’invité·e·s doit être entre {min} et {max} (reçu : {guests}).',
    'rsvp.guestsDontFit':
      'Pas assez de places pour {guests} invité·e(s) : tu peux en amener au plus {maxGuests}. Ta place est gardée.',
    'rsvp.tripCancelled': 'La rencontre #{id} est annulée : on ne peut plus y répondre.',
    'rsvp.tripPast': 'La rencontre #{id} est terminée : on ne peut plus y répondre.',
    'rsvp.unknownTrip': 'Cette rencontre n’existe pas (ou plus) sur ce serveur.',
    'rsvp.badResponse': 'Réponse inconnue. Utilise les boutons de l’annonce ou `/rsvp`.',
  },
  {
    'rsvp.going': 'You’re going! · {going}/{capacity} seats taken',
    'rsvp.goingUnlimited': 'You’re going! · {going} going',
    'rsvp.goingGuests': 'You’re going with {guests} guest(s)! · {going}/{capacity} seats taken',
    'rsvp.goingGuestsUnlimited': 'You’re going with {guests} guest(s)! · {going} going',
    'rsvp.waitlisted': 'It’s full: you’re #{position} on the waitlist. I’ll tell you as soon as a seat frees up.',
    'rsvp.maybe': 'Noted: maybe.',
    'rsvp.no': 'Noted: you can’t go. Thanks for saying so!',
    'rsvp.unchanged': 'That was already your answer.',
    'rsvp.where': 'Meetup #{id} in {town}, {when}.',
    'rsvp.badGuests': 'The number of guests must be between {min} and {max} (got {guests}).',
    'rsvp.guestsDontFit':
      'Not enough seats for {guests} guest(s): you can bring at most {maxGuests}. Your own seat is kept.',
    'rsvp.tripCancelled': 'Meetup #{id} is cancelled: it no longer takes answers.',
    'rsvp.tripPast': 'Meetup #{id} is over: it no longer takes answers.',
    'rsvp.unknownTrip': 'This meetup does not exist (any more) on this server.',
    'rsvp.badResponse': 'Unknown answer. Use the buttons of the announcement or `/rsvp`.',
  },
);
