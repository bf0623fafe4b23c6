import { section } from '../types.js';

/**
 * /trip and the announcement. Command names in the texts are written by their English path (`/trip new`), in code:
 * replies make them Discord's command mentions, shown in each reader's language (src/discord/commandMentions.ts).
 */
export const trip = section(
  {
    // ---- reading the time (src/domain/when.ts) ----
    'when.empty': 'Indique quand : par exemple « 4 décembre midi », « demain 12 h 30 » ou « 2026-12-04 12:00 ».',
    'when.unparseable':
      'Je ne comprends pas « {text} » comme une date et une heure. Essaie « 4 décembre 12 h », « demain 12 h 30 », « jeudi prochain 18 h » ou « 2026-12-04 12:00 ».',
    'when.noHour': 'Il manque l’heure pour le {date}. Ajoute-la, par exemple « {isoDate} 12:00 ».',
    'when.inPast': '{when} est déjà passé. Choisis un moment à venir.',
    'when.tooFar': '{when} est à plus d’un an : une rencontre s’annonce au plus {maxDays} jours à l’avance.',
    'when.nonexistent':
      '{time} n’existe pas le {date} ({timeZone}) : ce jour-là, on avance l’heure et les horloges passent directement de 2 h à 3 h. Choisis une autre heure.',
    'when.ambiguous':
      '{time} arrive deux fois le {date} ({timeZone}) : ce jour-là, on recule l’heure et les horloges repassent par cette heure. Choisis une heure hors de ce créneau.',
    'when.hourGuessed': '« {text} » : {hour} h du matin ou du soir ? Écris par exemple « {morning} » ou « {evening} ».',
    'when.preview.ok': '✅ {when}',
    'when.preview.guessed': '⚠️ {when} ? Précise le matin ou le soir',
    'when.preview.error': '⚠️ {error}',
    'when.preview.empty': 'Écris une date et une heure, par ex. « 4 décembre midi »',

    // ---- validating the trip (src/domain/trip.ts) ----
    'trip.startsInPast': 'Cette heure est déjà passée. Choisis un moment à venir.',
    'trip.startsTooFar': 'Une rencontre s’annonce au plus {maxDays} jours à l’avance.',
    'trip.badDuration': 'La durée doit être entre {min} et {max} minutes (reçu : {value}).',
    'trip.badCapacity': 'Le nombre de places doit être entre {min} et {max} (reçu : {value}).',
    'trip.badCapacityEdit':
      'Le nombre de places doit être entre {min} et {max}, ou 0 pour ne pas limiter (reçu : {value}).',
    'trip.badReach': 'Portée inconnue « {value} » : choisis parmi {allowed}.',
    'trip.topicTooLong': 'Le sujet est trop long : {length} caractères sur {max} permis.',
    'trip.venueTooLong': 'Le lieu est trop long : {length} caractères sur {max} permis.',
    'trip.reasonTooLong': 'La raison est trop longue : {length} caractères sur {max} permis.',

    // ---- finding a trip ----
    'trip.notFound':
      'Je ne trouve pas la rencontre « {ref} » sur ce serveur. Choisis-la dans la liste proposée, ou consulte `/trip list`.',
    'trip.isCancelled': 'La rencontre #{id} est annulée : on ne peut plus la modifier.',
    'trip.isPast': 'La rencontre #{id} est terminée : on ne peut plus la modifier.',
    'trip.notAllowed':
      'Seul·e l’hôte de la rencontre #{id} ({host}) ou une personne ayant la permission « Gérer les événements » peut la modifier ou l’annuler.',
    'trip.cannotPost':
      'Je ne peux pas publier l’annonce dans {channel}. Vérifie que j’ai accès à ce salon avec les permissions « Envoyer des messages », « Intégrer des liens » et « Joindre des fichiers ». Rien n’a été enregistré.',

    // ---- /trip new ----
    'trip.created': 'C’est annoncé ! Rencontre **#{id}** à **{town}**, {when} : {link}',
    'trip.created.pinged': 'Notifié·e·s : {roles}.',
    'trip.created.hostGoing': 'Tu es inscrit·e comme participant·e.',
    'trip.created.event': 'L’événement Discord du serveur a aussi été créé.',
    'budget.dailyLimit':
      'Annoncée **sans notification** : tu as déjà annoncé {max} rencontres avec notification dans les dernières 24 heures (limite du serveur).',
    'budget.townCooldown':
      'Annoncée sans notifier {roles} : tu l’as déjà fait il y a moins de {cooldownMinutes} minutes (encore {remainingMinutes} min à attendre).',

    // ---- /trip list and /trip show ----
    'trip.list.title': 'Rencontres à venir',
    'trip.list.titleTown': 'Rencontres à venir · {town}',
    'trip.list.empty': 'Aucune rencontre à venir. Annonce la tienne avec `/trip new` !',
    'trip.list.emptyTown': 'Aucune rencontre à venir à {town}. Annonce la tienne avec `/trip new` !',
    'trip.list.line': '**#{id} · {town}** · {when} · {going} · hôte {host}',
    'trip.list.footer': 'Page {page} sur {pages} · {total} rencontre(s) · détails : /rencontre voir',
    'trip.list.previous': 'Précédent',
    'trip.list.next': 'Suivant',
    'trip.show.goingList': 'Participant·e·s',
    'trip.show.maybeList': 'Peut-être',
    'trip.show.waitlistList': 'Liste d’attente',
    'trip.show.nobody': 'personne pour l’instant',
    'trip.show.guests': '{member} (+{guests})',
    'trip.show.more': '… et {count} autre(s)',
    'trip.show.link': 'Voir l’annonce',

    // ---- /trip edit ----
    'trip.edit.nothing': 'Rien à modifier : indique au moins une option (quand, lieu, sujet, places ou durée).',
    'trip.edit.noChange': 'Ces valeurs sont déjà celles de la rencontre #{id} : rien n’a changé.',
    'trip.edited': 'Rencontre **#{id}** modifiée :\n{changes}',
    'trip.edited.notified': 'J’ai prévenu {count} personne(s) dans le fil de l’annonce.',
    'trip.edited.capacityBelow':
      '{going} places sont déjà prises pour {capacity} : personne n’est retiré, les prochaines inscriptions iront en liste d’attente.',
    'trip.edited.promoted': '{count} personne(s) de la liste d’attente ont obtenu une place et ont été prévenues.',
    'trip.change.when': '• Quand : {value} (avant : {previous})',
    'trip.change.venue': '• Lieu : {value}',
    'trip.change.topic': '• Sujet : {value}',
    'trip.change.capacity': '• Places : {value}',
    'trip.change.duration': '• Durée : {value}',
    'trip.value.none': '(aucun)',
    'trip.value.unlimited': 'sans limite',

    // ---- /trip cancel ----
    'trip.cancelled': 'Rencontre **#{id}** à {town} annulée.',
    'trip.cancelled.notified': 'J’ai prévenu {count} personne(s) dans le fil de l’annonce.',

    // ---- public notices (guild language) ----
    'notice.threadName': '{town} · {date}',
    'notice.edited': '{mentions} La rencontre #{id} à **{town}** a changé :\n{changes}',
    'notice.cancelled': '{mentions} La rencontre #{id} à **{town}** ({when}) est **annulée**.',
    'notice.cancelledReason': 'Raison : {reason}',
    'notice.promoted':
      '{mentions} Une place s’est libérée : vous êtes maintenant inscrit·e·s à la rencontre #{id} à **{town}**, {when}.',
    'notice.promotedDm':
      'Bonne nouvelle ! Une place s’est libérée pour la rencontre #{id} à **{town}**, {when}. Tu es maintenant inscrit·e. {link}',

    // ---- the announcement (guild language) ----
    'announce.content': 'Nouvelle rencontre à **{town}**, {when} !',
    'announce.contentCancelled': 'Rencontre annulée : {town}, {when}.',
    'announce.title': '📍 {town}',
    'announce.titleCancelled': '❌ Annulée · {town}',
    'announce.cancelled': '**Cette rencontre est annulée.**',
    'announce.cancelledReason': '**Cette rencontre est annulée.** Raison : {reason}',
    'announce.when': 'Quand',
    'announce.whenValue': '{full} ({relative})\n{local}, {timeZone}',
    'announce.duration': 'Durée',
    'announce.venue': 'Lieu',
    'announce.topic': 'Sujet',
    'announce.host': 'Hôte',
    'announce.going': 'Je viens',
    'announce.goingValue': '{going}',
    'announce.goingCapacity': '{going} / {capacity} places',
    'announce.full': '{going} / {capacity} places · complet',
    'announce.waitlist': '{count} en liste d’attente',
    'announce.maybe': 'Peut-être',
    'announce.footer': 'Rencontre #{id} · répondre : boutons ci-dessous ou /rsvp',
    'announce.button.going': 'Je viens',
    'announce.button.maybe': 'Peut-être',
    'announce.button.no': 'Je ne peux pas',
    'announce.button.calendar': 'Ajouter à Google Agenda',
    'announce.calendarTitle': 'Rencontre à {town}',
    'announce.calendarTitleTopic': 'Rencontre à {town} : {topic}',
    'announce.eventName': 'Rencontre à {town}',
    'announce.eventNameTopic': 'Rencontre à {town} : {topic}',
    'announce.eventDescription': 'Rencontre #{id} · réponds sur l’annonce ou avec /rsvp.',
  },
  {
    'when.empty': 'Say when: for example “December 4 at noon”, “tomorrow 12:30” or “2026-12-04 12:00”.',
    'when.unparseable':
      'I can’t read “{text}” as a date and time. Try “December 4 12:00”, “tomorrow 12:30pm”, “next Thursday 6pm” or “2026-12-04 12:00”.',
    'when.noHour': 'The time is missing for {date}. Add it, for example “{isoDate} 12:00”.',
    'when.inPast': '{when} has already passed. Pick a time to come.',
    'when.tooFar': '{when} is more than a year away: a meetup can be announced at most {maxDays} days ahead.',
    'when.nonexistent':
      '{time} does not exist on {date} ({timeZone}): clocks spring forward that day and jump from 2:00 to 3:00. Pick another time.',
    'when.ambiguous':
      '{time} happens twice on {date} ({timeZone}): clocks fall back that day and go through that hour again. Pick a time outside it.',
    'when.hourGuessed': '“{text}”: {hour} in the morning or the evening? Write for example “{morning}” or “{evening}”.',
    'when.preview.ok': '✅ {when}',
    'when.preview.guessed': '⚠️ {when}? Say am or pm',
    'when.preview.error': '⚠️ {error}',
    'when.preview.empty': 'Type a date and time, e.g. “December 4 at noon”',

    'trip.startsInPast': 'That time has already passed. Pick a time to come.',
    'trip.startsTooFar': 'A meetup can be announced at most {maxDays} days ahead.',
    'trip.badDuration': 'The duration must be between {min} and {max} minutes (got {value}).',
    'trip.badCapacity': 'The number of seats must be between {min} and {max} (got {value}).',
    'trip.badCapacityEdit': 'The number of seats must be between {min} and {max}, or 0 for no limit (got {value}).',
    'trip.badReach': 'Unknown reach “{value}”: pick one of {allowed}.',
    'trip.topicTooLong': 'The topic is too long: {length} characters out of {max} allowed.',
    'trip.venueTooLong': 'The venue is too long: {length} characters out of {max} allowed.',
    'trip.reasonTooLong': 'The reason is too long: {length} characters out of {max} allowed.',

    'trip.notFound':
      'I can’t find the meetup “{ref}” on this server. Pick it from the suggestions, or see `/trip list`.',
    'trip.isCancelled': 'Meetup #{id} is cancelled: it can no longer be changed.',
    'trip.isPast': 'Meetup #{id} is over: it can no longer be changed.',
    'trip.notAllowed':
      'Only the host of meetup #{id} ({host}) or someone with the Manage Events permission can edit or cancel it.',
    'trip.cannotPost':
      'I can’t post the announcement in {channel}. Check that I can see that channel with the Send Messages, Embed Links and Attach Files permissions. Nothing was saved.',

    'trip.created': 'Announced! Meetup **#{id}** in **{town}**, {when}: {link}',
    'trip.created.pinged': 'Notified: {roles}.',
    'trip.created.hostGoing': 'You are down as going.',
    'trip.created.event': 'The server’s Discord event was created too.',
    'budget.dailyLimit':
      'Posted **without notifying anyone**: you already announced {max} meetups with a notification in the last 24 hours (the server’s limit).',
    'budget.townCooldown':
      'Posted without notifying {roles}: you did so less than {cooldownMinutes} minutes ago ({remainingMinutes} min to wait).',

    'trip.list.title': 'Upcoming meetups',
    'trip.list.titleTown': 'Upcoming meetups · {town}',
    'trip.list.empty': 'No upcoming meetup. Announce yours with `/trip new`!',
    'trip.list.emptyTown': 'No upcoming meetup in {town}. Announce yours with `/trip new`!',
    'trip.list.line': '**#{id} · {town}** · {when} · {going} · host {host}',
    'trip.list.footer': 'Page {page} of {pages} · {total} meetup(s) · details: /trip show',
    'trip.list.previous': 'Previous',
    'trip.list.next': 'Next',
    'trip.show.goingList': 'Going',
    'trip.show.maybeList': 'Maybe',
    'trip.show.waitlistList': 'Waitlist',
    'trip.show.nobody': 'nobody yet',
    'trip.show.guests': '{member} (+{guests})',
    'trip.show.more': '… and {count} more',
    'trip.show.link': 'See the announcement',

    'trip.edit.nothing': 'Nothing to change: give at least one option (when, venue, topic, capacity or duration).',
    'trip.edit.noChange': 'Meetup #{id} already has these values: nothing changed.',
    'trip.edited': 'Meetup **#{id}** updated:\n{changes}',
    'trip.edited.notified': 'I told {count} member(s) in the announcement’s thread.',
    'trip.edited.capacityBelow':
      '{going} seats are already taken for {capacity}: nobody is removed, new arrivals will go on the waitlist.',
    'trip.edited.promoted': '{count} member(s) from the waitlist got a seat and were told.',
    'trip.change.when': '• When: {value} (was {previous})',
    'trip.change.venue': '• Venue: {value}',
    'trip.change.topic': '• Topic: {value}',
    'trip.change.capacity': '• Seats: {value}',
    'trip.change.duration': '• Duration: {value}',
    'trip.value.none': '(none)',
    'trip.value.unlimited': 'no limit',

    'trip.cancelled': 'Meetup **#{id}** in {town} cancelled.',
    'trip.cancelled.notified': 'I told {count} member(s) in the announcement’s thread.',

    'notice.threadName': '{town} · {date}',
    'notice.edited': '{mentions} Meetup #{id} in **{town}** changed:\n{changes}',
    'notice.cancelled': '{mentions} Meetup #{id} in **{town}** ({when}) is **cancelled**.',
    'notice.cancelledReason': 'Reason: {reason}',
    'notice.promoted': '{mentions} A seat freed up: you are now going to meetup #{id} in **{town}**, {when}.',
    'notice.promotedDm': 'Good news! A seat freed up for meetup #{id} in **{town}**, {when}. You are now going. {link}',

    'announce.content': 'New meetup in **{town}**, {when}!',
    'announce.contentCancelled': 'Meetup cancelled: {town}, {when}.',
    'announce.title': '📍 {town}',
    'announce.titleCancelled': '❌ Cancelled · {town}',
    'announce.cancelled': '**This meetup is cancelled.**',
    'announce.cancelledReason': '**This meetup is cancelled.** Reason: {reason}',
    'announce.when': 'When',
    'announce.whenValue': '{full} ({relative})\n{local}, {timeZone}',
    'announce.duration': 'Duration',
    'announce.venue': 'Venue',
    'announce.topic': 'Topic',
    'announce.host': 'Host',
    'announce.going': 'Going',
    'announce.goingValue': '{going}',
    'announce.goingCapacity': '{going} / {capacity} seats',
    'announce.full': '{going} / {capacity} seats · full',
    'announce.waitlist': '{count} on the waitlist',
    'announce.maybe': 'Maybe',
    'announce.footer': 'Meetup #{id} · answer with the buttons below or /rsvp',
    'announce.button.going': 'Going',
    'announce.button.maybe': 'Maybe',
    'announce.button.no': 'Can’t go',
    'announce.button.calendar': 'Add to Google Calendar',
    'announce.calendarTitle': 'Meetup in {town}',
    'announce.calendarTitleTopic': 'Meetup in {town}: {topic}',
    'announce.eventName': 'Meetup in {town}',
    'announce.eventNameTopic': 'Meetup in {town}: {topic}',
    'announce.eventDescription': 'Meetup #{id} · answer on the announcement or with /rsvp.',
  },
);
