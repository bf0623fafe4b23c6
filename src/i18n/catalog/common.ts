import { section } from '../types.js';

export const common = section(
  {
    'error.generic': "Oups, quelque chose n'a pas fonctionné de notre côté. Réessaie dans un instant.",
    'error.guildOnly': 'Cette commande fonctionne seulement dans un serveur, pas en message privé.',
    'error.missingPermission': 'Il te faut la permission « {permission} » pour faire ça.',
    'error.badInput': 'Cette valeur n’est pas valide : {detail}',
    'error.staleComponent': 'Ce bouton n’est plus valide. Utilise la commande à la place.',
    'error.notForYou': 'Ce menu est destiné à {user}. Utilise `/town join` pour choisir tes villes.',
    'error.databaseUnavailable':
      'La base de données ne répond pas pour le moment. Rien n’a été enregistré : réessaie dans quelques secondes.',
    'permission.manageGuild': 'Gérer le serveur',
    'permission.manageRoles': 'Gérer les rôles',
    'permission.manageEvents': 'Gérer les événements',
    'text.tooLong': 'Ce texte est trop long : {length} caractères sur {max} permis.',
    'text.empty': 'Ce texte est vide.',
  },
  {
    'error.generic': 'Oops, something went wrong on our side. Please try again in a moment.',
    'error.guildOnly': 'This command only works in a server, not in direct messages.',
    'error.missingPermission': 'You need the “{permission}” permission to do that.',
    'error.badInput': 'This value is not valid: {detail}',
    'error.staleComponent': 'This button is no longer valid. Use the command instead.',
    'error.notForYou': 'This menu is for {user}. Use `/town join` to pick your towns.',
    'error.databaseUnavailable':
      'The database is not answering right now. Nothing was saved: please try again in a few seconds.',
    'permission.manageGuild': 'Manage Server',
    'permission.manageRoles': 'Manage Roles',
    'permission.manageEvents': 'Manage Events',
    'text.tooLong': 'This text is too long: {length} characters out of {max} allowed.',
    'text.empty': 'This text is empty.',
  },
);
