import { section } from '../types.js';

/**
 * /ride (covoiturage): offers, needs, the proposal to the driver, the ride's private thread, the changes that
 * ripple to a ride party, the announcement's ride line and the recap's figures. French clients see
 * `/covoiturage offrir`, English ones `/ride offer`. {driver}, {rider}, {riders} and {thread} arrive already
 * rendered by the Discord adapter (mentions or names); {stop} is "#12 · Matane".
 */
export const ride = section(
  {
    // ---- bad input (ephemeral, nothing changed) ----
    'ride.error.badSeats': 'Le nombre de places doit être entre {min} et {max} (reçu : {seats}).',
    'ride.error.badDetour': 'Le détour doit être entre {min} et {max} minutes (reçu : {detour}).',
    'ride.error.stopCancelled': 'L’étape {stop} est annulée : plus de covoiturage pour elle.',
    'ride.error.stopPast': 'L’étape {stop} est passée : plus de covoiturage pour elle.',
    'ride.error.notGoing':
      'Pour offrir ou demander un covoiturage vers {stop}, réponds d’abord « J’y vais » (ou sois sur la liste d’attente).',
    'ride.error.alreadyOffered':
      'Tu offres déjà un covoiturage vers {stop}. Retire-le avec `/covoiturage annuler` pour en proposer un autre.',
    'ride.error.alreadyNeeded':
      'Tu demandes déjà un covoiturage vers {stop}. Retire ta demande avec `/covoiturage annuler` pour changer.',
    'ride.error.nothingToCancel': 'Tu n’as ni offre ni demande de covoiturage vers {stop}.',
    'ride.error.notYourProposal': 'Cette proposition de covoiturage s’adresse à quelqu’un d’autre.',
    'ride.error.alreadyAnswered': 'Cette proposition a déjà reçu une réponse (ou n’est plus d’actualité).',
    'ride.error.badButton': 'Ce bouton de covoiturage n’est pas valide. Utilise `/covoiturage liste`.',
    'ride.error.whichStop': 'La rencontre #{id} a plusieurs étapes : précise laquelle avec l’option `étape` ({stops}).',

    // ---- /ride offer ----
    'ride.offer.saved':
      'C’est noté : {seats} place(s) depuis {from} vers {stop}, jusqu’à {detour} min de détour{leaving}.',
    'ride.offer.leaving': ', départ {when}',
    'ride.offer.proposed': '{count} demande(s) correspondent : je te les propose en message privé.',
    'ride.offer.noneYet': 'Aucune demande ne correspond pour l’instant : je te proposerai celles qui arrivent.',

    // ---- /ride need ----
    'ride.need.saved': 'C’est noté : tu cherches une place depuis {from} vers {stop}.',
    'ride.need.proposed':
      'Un·e conducteur·rice passe par {from} : je lui ai proposé de t’emmener. Je te dis sa réponse.',
    'ride.need.waiting':
      'Aucune offre ne passe par {from} pour l’instant : ta demande attend et je te préviens dès qu’une place se présente.',

    // ---- /ride cancel ----
    'ride.cancel.offer': 'Ton offre de covoiturage vers {stop} est retirée. Tes passager·ère·s sont prévenu·e·s.',
    'ride.cancel.need': 'Ta demande de covoiturage vers {stop} est retirée.',

    // ---- /ride list ----
    'ride.list.title': 'Covoiturage · {stop}',
    'ride.list.offers': 'Offres',
    'ride.list.needs': 'Demandes',
    'ride.list.offer': '{driver} · depuis {from} · {seatsLeft}/{seats} place(s) libre(s) · détour ≤ {detour} min',
    'ride.list.need': '{rider} · depuis {from}',
    'ride.list.needMatched': '{rider} · depuis {from} · avec {driver}',
    'ride.list.none': 'Aucune',
    'ride.list.empty': 'Personne n’offre ni ne demande de covoiturage vers {stop} pour l’instant.',

    // ---- the proposal to the driver (DM, or the trip's thread when DMs are closed) ----
    'ride.proposal.text':
      '🚗 {rider} cherche une place depuis **{from}** pour {stop} ({when}). Détour pour toi : environ {detour} min. Tu l’emmènes ?',
    'ride.proposal.fallback': '{driver}, je n’ai pas pu t’écrire en privé :',
    'ride.proposal.accept': 'Accepter',
    'ride.proposal.decline': 'Refuser',
    'ride.proposal.accepted': '✅ Tu emmènes {rider} depuis {from}. Un fil privé réunit l’équipage : {thread}',
    'ride.proposal.acceptedNoThread': '✅ Tu emmènes {rider} depuis {from}. Je vous ai présentés en privé.',
    'ride.proposal.declined': 'C’est noté : tu n’emmènes pas {rider}. Je cherche une autre voiture pour sa demande.',

    // ---- told to the rider ----
    'ride.rider.accepted': '🚗 {driver} t’emmène à {stop} depuis {from} ! Le fil de votre trajet : {thread}',
    'ride.rider.acceptedNoThread': '🚗 {driver} t’emmène à {stop} depuis {from} ! Écris-lui pour le rendez-vous.',
    'ride.rider.declined':
      'Le ou la conducteur·rice proposé·e ne peut pas t’emmener à {stop}. Ta demande reste ouverte : je te préviens dès qu’une place se présente.',
    'ride.rider.matchedLater':
      'Bonne nouvelle : une place vers {stop} passe par {from}. J’ai proposé à {driver} de t’emmener.',

    // ---- the private thread of an accepted ride ----
    'ride.thread.name': '🚗 {driver} · {from} → {to}',
    'ride.thread.intro':
      'Covoiturage pour {stop}, {when}.\nConducteur·rice : {driver}{leaving}\nRamassage, dans l’ordre de la route : {pickups}\nPassager·ère·s : {riders}',
    'ride.thread.leaving': ' · départ {when}',
    'ride.thread.joined': '{rider} se joint au trajet depuis {from}. Ramassage : {pickups}',
    'ride.dm.party':
      '🚗 Covoiturage pour {stop}, {when} : {driver} conduit{leaving}, avec {riders}. Ramassage : {pickups}. Écrivez-vous pour les détails.',

    // ---- changes that ripple ----
    'ride.ripple.driverCancelled':
      '{driver} ne conduit plus vers {stop}. Je cherche une autre voiture pour toi et je te préviens.',
    'ride.ripple.riderCancelled': '{rider} ne fait plus le trajet vers {stop} : une place se libère dans ta voiture.',
    'ride.ripple.stopCancelled': 'L’étape {stop} est annulée : votre covoiturage n’a plus lieu.',
    'ride.ripple.stopMoved': 'L’étape {stop} a changé d’heure : c’est maintenant {when}. Ajustez votre départ.',

    // ---- the announcement, the recap, the history ----
    'ride.summary': '🚗 {seats} place(s) offerte(s) · {needs} demande(s)',
    'ride.button': 'Covoiturage',
    'ride.recap': '🚗 {rides} trajet(s) partagé(s), environ {km} km évités.',
    'ride.history': '🚗 {rides} trajet(s) partagé(s)',

    // ---- the Rides button of the announcement (ephemeral panel and forms) ----
    'ride.panel.offer': 'Offrir des places',
    'ride.panel.need': 'Demander une place',
    'ride.modal.offerTitle': 'Offrir des places',
    'ride.modal.needTitle': 'Demander une place',
    'ride.modal.from': 'Ville de départ',
    'ride.modal.fromPlaceholder': 'ex. Rivière-du-Loup',
    'ride.modal.seats': 'Places libres (1 à 8)',
    'ride.modal.detour': 'Détour accepté (minutes, 0 à 60)',
    'ride.modal.stop': 'Étape (numéro, si plusieurs)',
  },
  {
    // ---- bad input (ephemeral, nothing changed) ----
    'ride.error.badSeats': 'Seats must be between {min} and {max} (got {seats}).',
    'ride.error.badDetour': 'The detour must be between {min} and {max} minutes (got {detour}).',
    'ride.error.stopCancelled': 'Stop {stop} is cancelled: no more rides to it.',
    'ride.error.stopPast': 'Stop {stop} is over: no more rides to it.',
    'ride.error.notGoing': 'To offer or ask for a ride to {stop}, answer “Going” first (or be on the waitlist).',
    'ride.error.alreadyOffered':
      'You already offer a ride to {stop}. Withdraw it with `/ride cancel` to offer another one.',
    'ride.error.alreadyNeeded': 'You already ask for a ride to {stop}. Withdraw it with `/ride cancel` to change it.',
    'ride.error.nothingToCancel': 'You neither offer nor ask for a ride to {stop}.',
    'ride.error.notYourProposal': 'This ride proposal is meant for someone else.',
    'ride.error.alreadyAnswered': 'This proposal was already answered (or no longer applies).',
    'ride.error.badButton': 'This ride button is not valid. Use `/ride list`.',
    'ride.error.whichStop': 'Meetup #{id} has several stops: say which one with the `stop` option ({stops}).',

    // ---- /ride offer ----
    'ride.offer.saved': 'Noted: {seats} seat(s) from {from} to {stop}, up to {detour} min out of your way{leaving}.',
    'ride.offer.leaving': ', leaving {when}',
    'ride.offer.proposed': '{count} request(s) fit: I’m sending them to you in a direct message.',
    'ride.offer.noneYet': 'No request fits yet: I’ll send you those that come.',

    // ---- /ride need ----
    'ride.need.saved': 'Noted: you’re looking for a seat from {from} to {stop}.',
    'ride.need.proposed': '{driver} goes through {from}: I asked them to take you. I’ll tell you their answer.',
    'ride.need.waiting':
      'No offer goes through {from} yet: your request waits and I’ll tell you as soon as a seat comes up.',

    // ---- /ride cancel ----
    'ride.cancel.offer': 'Your ride offer to {stop} is withdrawn. Your riders have been told.',
    'ride.cancel.need': 'Your ride request to {stop} is withdrawn.',

    // ---- /ride list ----
    'ride.list.title': 'Rides · {stop}',
    'ride.list.offers': 'Offers',
    'ride.list.needs': 'Requests',
    'ride.list.offer': '{driver} · from {from} · {seatsLeft}/{seats} seat(s) free · detour ≤ {detour} min',
    'ride.list.need': '{rider} · from {from}',
    'ride.list.needMatched': '{rider} · from {from} · with {driver}',
    'ride.list.none': 'None',
    'ride.list.empty': 'Nobody offers or asks for a ride to {stop} yet.',

    // ---- the proposal to the driver (DM, or the trip's thread when DMs are closed) ----
    'ride.proposal.text':
      '🚗 {rider} is looking for a seat from **{from}** to {stop} ({when}). Your detour: about {detour} min. Will you take them?',
    'ride.proposal.fallback': '{driver}, I couldn’t reach you by direct message:',
    'ride.proposal.accept': 'Accept',
    'ride.proposal.decline': 'Decline',
    'ride.proposal.accepted': '✅ You’re taking {rider} from {from}. A private thread gathers the crew: {thread}',
    'ride.proposal.acceptedNoThread': '✅ You’re taking {rider} from {from}. I introduced you privately.',
    'ride.proposal.declined': 'Noted: you’re not taking {rider}. I’m looking for another car for their request.',

    // ---- told to the rider ----
    'ride.rider.accepted': '🚗 {driver} is taking you to {stop} from {from}! Your ride’s thread: {thread}',
    'ride.rider.acceptedNoThread': '🚗 {driver} is taking you to {stop} from {from}! Write to them to meet up.',
    'ride.rider.declined':
      'The driver I asked can’t take you to {stop}. Your request stays open: I’ll tell you as soon as a seat comes up.',
    'ride.rider.matchedLater': 'Good news: a ride to {stop} goes through {from}. I asked {driver} to take you.',

    // ---- the private thread of an accepted ride ----
    'ride.thread.name': '🚗 {driver} · {from} → {to}',
    'ride.thread.intro':
      'Ride to {stop}, {when}.\nDriver: {driver}{leaving}\nPick-ups, in route order: {pickups}\nRiders: {riders}',
    'ride.thread.leaving': ' · leaving {when}',
    'ride.thread.joined': '{rider} joins the ride from {from}. Pick-ups: {pickups}',
    'ride.dm.party':
      '🚗 Ride to {stop}, {when}: {driver} drives{leaving}, with {riders}. Pick-ups: {pickups}. Write to each other for the details.',

    // ---- changes that ripple ----
    'ride.ripple.driverCancelled': '{driver} no longer drives to {stop}. I’m looking for another car for you.',
    'ride.ripple.riderCancelled': '{rider} no longer rides to {stop}: a seat frees up in your car.',
    'ride.ripple.stopCancelled': 'Stop {stop} is cancelled: your ride no longer takes place.',
    'ride.ripple.stopMoved': 'Stop {stop} moved: it is now {when}. Adjust your departure.',

    // ---- the announcement, the recap, the history ----
    'ride.summary': '🚗 {seats} seat(s) offered · {needs} request(s)',
    'ride.button': 'Rides',
    'ride.recap': '🚗 {rides} shared ride(s), about {km} km not driven.',
    'ride.history': '🚗 {rides} shared ride(s)',

    // ---- the Rides button of the announcement (ephemeral panel and forms) ----
    'ride.panel.offer': 'Offer seats',
    'ride.panel.need': 'Ask for a seat',
    'ride.modal.offerTitle': 'Offer seats',
    'ride.modal.needTitle': 'Ask for a seat',
    'ride.modal.from': 'Town you leave from',
    'ride.modal.fromPlaceholder': 'e.g. Rivière-du-Loup',
    'ride.modal.seats': 'Free seats (1 to 8)',
    'ride.modal.detour': 'Detour you accept (minutes, 0 to 60)',
    'ride.modal.stop': 'Stop (number, if several)',
  },
);
