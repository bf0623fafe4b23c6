import type { AllowedMentions, EmuPinged, EmuState } from './model.js';
import { hasPermission, Permission } from './permissions.js';

const USER_MENTION = /<@!?(\d{17,20})>/g;
const ROLE_MENTION = /<@&(\d{17,20})>/g;
const EVERYONE_MENTION = /@(everyone|here)/;

/** Every mention written in the text, whether or not it would notify anyone. */
export function parseMentions(state: EmuState, guildId: string | null, content: string): EmuPinged {
  const users = unique([...content.matchAll(USER_MENTION)].map((match) => match[1] ?? '')).filter((id) =>
    state.users.has(id),
  );
  const roles = guildId
    ? unique([...content.matchAll(ROLE_MENTION)].map((match) => match[1] ?? '')).filter((id) => {
        const role = state.roles.get(id);
        return role !== undefined && role.guildId === guildId && !role.deleted;
      })
    : [];
  return { users, roles, everyone: guildId !== null && EVERYONE_MENTION.test(content) };
}

/**
 * Who Discord notifies for a new message, following its rules: `allowed_mentions` absent means
 * "parse everything"; `parse` and the explicit `users`/`roles` lists whitelist; a role pings only if it
 * is mentionable or the author may mention everyone; @everyone/@here need that permission too.
 */
export function computePinged(input: {
  state: EmuState;
  guildId: string | null;
  authorId: string;
  content: string;
  allowedMentions: AllowedMentions | null;
  repliedUserId: string | null;
}): EmuPinged {
  const { state, guildId, authorId, content, allowedMentions } = input;
  const written = parseMentions(state, guildId, content);
  const parse = new Set(allowedMentions ? (allowedMentions.parse ?? []) : ['users', 'roles', 'everyone']);
  const allowedUsers = new Set(allowedMentions?.users ?? []);
  const allowedRoles = new Set(allowedMentions?.roles ?? []);
  const mayMentionEveryone =
    guildId !== null && hasPermission(state.permissionsOf(guildId, authorId), Permission.MentionEveryone);

  const users = written.users.filter((id) => parse.has('users') || allowedUsers.has(id));
  const repliedPings = allowedMentions ? allowedMentions.replied_user === true : true;
  if (input.repliedUserId && repliedPings && !users.includes(input.repliedUserId)) users.push(input.repliedUserId);
  const roles = written.roles.filter((id) => {
    if (!parse.has('roles') && !allowedRoles.has(id)) return false;
    return mayMentionEveryone || state.roles.get(id)?.mentionable === true;
  });
  const everyone = written.everyone && parse.has('everyone') && mayMentionEveryone;
  return { users: users.filter((id) => id !== authorId), roles, everyone };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
