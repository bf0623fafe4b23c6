import { section } from '../types.js';

/** /town: joining and leaving town role groups, and the admin side (add, remove, preset, drive time). */
export const town = section(
  {
    // Finding a town
    'town.notFound': 'Je ne trouve pas de ville « {input} ». Voulais-tu dire : {suggestions} ?',
    'town.ambiguous': '« {input} » correspond à {count} villes : {candidates}. Précise laquelle.',
    'town.badName': 'Ce nom de ville contient des caractères non permis ({characters}) : « {name} ».',
    'town.duplicate': 'La ville « {existing} » existe déjà (même nom que « {name} », aux accents près).',
    'town.error.noTowns':
      'Aucune ville n’est configurée sur ce serveur pour le moment. Un·e admin peut lancer `/town preset` ou `/town add`.',

    // Role problems
    'town.error.roleDeleted':
      'Le rôle de **{town}** a été supprimé dans Discord. Relance la commande : je vais le recréer.',
    'town.error.roleAboveBot':
      'Je ne peux pas gérer le rôle de **{town}** ({role}) : il est placé au-dessus du mien. Dans Paramètres du serveur → Rôles, glisse le rôle d’Escale au-dessus des rôles de villes.',
    'town.error.botMissingManageRoles':
      'Il me manque la permission « Gérer les rôles » pour gérer les villes. Un·e admin peut me la donner dans Paramètres du serveur → Rôles.',
    'town.error.tooManyRoles':
      'Ce serveur a atteint la limite de 250 rôles de Discord : je ne peux pas créer le rôle de **{town}**. Supprime des rôles inutilisés, ou lie un rôle existant avec `/town add name:… role:…`.',
    'town.error.unknownMember': 'Tu ne sembles plus être membre de ce serveur.',
    'town.problem.unknownRole': 'son rôle a été supprimé',
    'town.problem.roleAboveBot': 'son rôle est au-dessus du mien',
    'town.problem.missingManageRoles': 'il me manque la permission « Gérer les rôles »',
    'town.problem.tooManyRoles': 'le serveur a atteint 250 rôles',
    'town.problem.unknownMember': 'tu n’es plus membre du serveur',

    // Admin errors
    'town.error.alreadyExists': 'La ville **{town}** existe déjà (rôle {role}).',
    'town.error.roleNotFound': 'Le rôle {role} n’existe plus.',
    'town.error.roleReserved':
      'Le rôle {role} ne peut pas servir de ville : c’est @everyone ou un rôle géré par une intégration.',
    'town.error.roleAlreadyLinked': 'Le rôle {role} est déjà celui de la ville **{town}**.',
    'town.error.coordinatesIncomplete': 'Donne la latitude et la longitude ensemble, ou aucune des deux.',
    'town.error.coordinatesOutOfRange':
      'Coordonnées invalides ({latitude}, {longitude}) : la latitude va de -90 à 90 et la longitude de -180 à 180.',
    'town.error.unknownPreset': 'Je ne connais pas la région « {region} ». Régions offertes : {regions}.',
    'town.error.sameTown': 'Choisis deux villes différentes (tu as donné **{town}** deux fois).',
    'town.error.driveTimeOutOfRange': 'Le temps de route doit être entre {min} et {max} minutes (reçu : {value}).',

    // Members
    'town.join.done':
      'Tu fais maintenant partie de **{town}** ({role}). On t’avertira quand quelqu’un y annonce une visite.',
    'town.join.already': 'Tu fais déjà partie de **{town}** ({role}).',
    'town.join.recreated': 'Le rôle de cette ville avait été supprimé : je l’ai recréé.',
    'town.leave.done': 'Tu ne fais plus partie de **{town}**. Tu ne seras plus averti·e des visites là-bas.',
    'town.leave.notMember': 'Tu ne faisais pas partie de **{town}** : rien à changer.',
    'town.list.title': 'Villes du serveur ({count})',
    'town.list.empty':
      'Aucune ville pour le moment. Un·e admin peut charger une liste prête avec `/town preset` ou en ajouter une avec `/town add`.',
    'town.list.yours': 'tes villes',
    'town.list.roleMissing': 'rôle supprimé : il sera recréé au prochain `/town join`',
    'town.list.more': '… et {count} autres. Tape le début d’un nom dans `/town join` pour les trouver.',
    'town.list.footer': '✅ = tes villes · /town join pour en rejoindre une, /town leave pour en quitter une',
    'town.list.summary': 'Tu fais partie de {count} ville(s) sur {total}.',

    // Admin replies
    'town.add.created': 'Ville **{town}** ajoutée, avec un nouveau rôle {role}.',
    'town.add.linked': 'Ville **{town}** ajoutée, liée au rôle existant {role}.',
    'town.add.coordinates': 'Coordonnées : {latitude}, {longitude}.',
    'town.add.presetCoordinates': 'Coordonnées reprises de la liste prête : {latitude}, {longitude}.',
    'town.add.noCoordinates':
      'Sans coordonnées, cette ville n’est pas comptée dans les visites « à proximité ». Tu peux la recréer avec `lat` et `lon`, ou fixer des temps de route avec `/town drive-time`.',
    'town.remove.deleted': 'Ville **{town}** retirée, et son rôle supprimé.',
    'town.remove.kept':
      'Ville **{town}** retirée. Son rôle {role} n’avait pas été créé par moi : je l’ai laissé en place.',
    'town.remove.alreadyGone': 'Ville **{town}** retirée (son rôle avait déjà été supprimé).',
    'town.remove.deleteFailed':
      'Ville **{town}** retirée, mais je n’ai pas pu supprimer son rôle {role} ({reason}). Supprime-le à la main si tu n’en veux plus.',
    'town.preset.title': 'Liste prête : {region}',
    'town.preset.created': 'Créées ({count}) : {towns}',
    'town.preset.linked': 'Liées à un rôle existant ({count}) : {towns}',
    'town.preset.repaired': 'Rôle recréé ({count}) : {towns}',
    'town.preset.existing': 'Déjà là ({count}) : {towns}',
    'town.preset.nothingNew': 'Tout y était déjà : rien de nouveau créé.',
    'town.driveTime.done': 'Temps de route entre **{townA}** et **{townB}** fixé à {minutes} min.',
    'town.driveTime.estimate': 'Mon estimation d’après les coordonnées était de {minutes} min.',
  },
  {
    'town.notFound': 'I can’t find a town called “{input}”. Did you mean: {suggestions}?',
    'town.ambiguous': '“{input}” matches {count} towns: {candidates}. Please say which one.',
    'town.badName': 'This town name has characters that are not allowed ({characters}): “{name}”.',
    'town.duplicate': 'The town “{existing}” already exists (same name as “{name}”, give or take accents).',
    'town.error.noTowns': 'No towns are set up on this server yet. An admin can run `/town preset` or `/town add`.',

    'town.error.roleDeleted':
      'The role of **{town}** was deleted in Discord. Run the command again: I will recreate it.',
    'town.error.roleAboveBot':
      'I can’t manage the role of **{town}** ({role}): it sits above mine. In Server Settings → Roles, drag Escale’s role above the town roles.',
    'town.error.botMissingManageRoles':
      'I’m missing the “Manage Roles” permission to manage towns. An admin can grant it in Server Settings → Roles.',
    'town.error.tooManyRoles':
      'This server has reached Discord’s limit of 250 roles: I can’t create the role of **{town}**. Delete unused roles, or link an existing role with `/town add name:… role:…`.',
    'town.error.unknownMember': 'You no longer seem to be a member of this server.',
    'town.problem.unknownRole': 'its role was deleted',
    'town.problem.roleAboveBot': 'its role is above mine',
    'town.problem.missingManageRoles': 'I’m missing the “Manage Roles” permission',
    'town.problem.tooManyRoles': 'the server has reached 250 roles',
    'town.problem.unknownMember': 'you are no longer a member of the server',

    'town.error.alreadyExists': 'The town **{town}** already exists (role {role}).',
    'town.error.roleNotFound': 'The role {role} no longer exists.',
    'town.error.roleReserved': 'The role {role} can’t be a town: it is @everyone or a role managed by an integration.',
    'town.error.roleAlreadyLinked': 'The role {role} already belongs to the town **{town}**.',
    'town.error.coordinatesIncomplete': 'Give latitude and longitude together, or neither.',
    'town.error.coordinatesOutOfRange':
      'Invalid coordinates ({latitude}, {longitude}): latitude goes from -90 to 90 and longitude from -180 to 180.',
    'town.error.unknownPreset': 'I don’t know the region “{region}”. Available regions: {regions}.',
    'town.error.sameTown': 'Pick two different towns (you gave **{town}** twice).',
    'town.error.driveTimeOutOfRange': 'The drive time must be between {min} and {max} minutes (got {value}).',

    'town.join.done': 'You’re now part of **{town}** ({role}). You’ll hear when someone announces a visit there.',
    'town.join.already': 'You’re already part of **{town}** ({role}).',
    'town.join.recreated': 'This town’s role had been deleted: I recreated it.',
    'town.leave.done': 'You’re no longer part of **{town}**. You won’t hear about visits there anymore.',
    'town.leave.notMember': 'You weren’t part of **{town}**: nothing to change.',
    'town.list.title': 'Towns of this server ({count})',
    'town.list.empty':
      'No towns yet. An admin can load a ready-made list with `/town preset` or add one with `/town add`.',
    'town.list.yours': 'your towns',
    'town.list.roleMissing': 'role deleted: it will be recreated on the next `/town join`',
    'town.list.more': '… and {count} more. Type the start of a name in `/town join` to find them.',
    'town.list.footer': '✅ = your towns · /town join to join one, /town leave to leave one',
    'town.list.summary': 'You’re part of {count} of {total} town(s).',

    'town.add.created': 'Town **{town}** added, with a new role {role}.',
    'town.add.linked': 'Town **{town}** added, linked to the existing role {role}.',
    'town.add.coordinates': 'Coordinates: {latitude}, {longitude}.',
    'town.add.presetCoordinates': 'Coordinates taken from the ready-made list: {latitude}, {longitude}.',
    'town.add.noCoordinates':
      'Without coordinates, this town is not counted for “nearby” visits. You can add it again with `lat` and `lon`, or set drive times with `/town drive-time`.',
    'town.remove.deleted': 'Town **{town}** removed, and its role deleted.',
    'town.remove.kept': 'Town **{town}** removed. Its role {role} wasn’t created by me, so I left it in place.',
    'town.remove.alreadyGone': 'Town **{town}** removed (its role had already been deleted).',
    'town.remove.deleteFailed':
      'Town **{town}** removed, but I couldn’t delete its role {role} ({reason}). Delete it by hand if you don’t want it.',
    'town.preset.title': 'Ready-made list: {region}',
    'town.preset.created': 'Created ({count}): {towns}',
    'town.preset.linked': 'Linked to an existing role ({count}): {towns}',
    'town.preset.repaired': 'Role recreated ({count}): {towns}',
    'town.preset.existing': 'Already there ({count}): {towns}',
    'town.preset.nothingNew': 'Everything was already there: nothing new was created.',
    'town.driveTime.done': 'Drive time between **{townA}** and **{townB}** set to {minutes} min.',
    'town.driveTime.estimate': 'My estimate from the coordinates was {minutes} min.',
  },
);
