import { jsonBody } from '../http.js';
import { emptyOnboarding, parseOnboarding } from '../onboarding.js';
import { Permission } from '../permissions.js';
import { invalidFormBody } from '../validation.js';
import { ok, type RouteKit } from './kit.js';

/** A guild's native onboarding: read it, replace it (Manage Guild and Manage Roles). */
export function registerOnboardingRoutes(kit: RouteKit): void {
  const { state, route, guildOf, requirePermission } = kit;

  route('GET', '/guilds/:guildId/onboarding', (request) => {
    const guild = guildOf(request);
    return ok(state.onboarding.get(guild.id) ?? emptyOnboarding(guild.id));
  });
  route('PUT', '/guilds/:guildId/onboarding', (request) => {
    const guild = guildOf(request);
    requirePermission(guild.id, Permission.ManageGuild | Permission.ManageRoles);
    const current = state.onboarding.get(guild.id) ?? emptyOnboarding(guild.id);
    const { errors, onboarding } = parseOnboarding(state, guild.id, current, jsonBody(request.body));
    if (!errors.empty) throw invalidFormBody(errors);
    state.onboarding.set(guild.id, onboarding);
    return ok(onboarding);
  });
}
