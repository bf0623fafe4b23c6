import { registerCommandRoutes } from './commands.js';
import { registerGatewayRoutes } from './gateway.js';
import { registerGuildRoutes } from './guilds.js';
import { registerInteractionRoutes } from './interactions.js';
import { type RouteContext, routeKit } from './kit.js';
import { registerMessageRoutes } from './messages.js';
import { registerOnboardingRoutes } from './onboarding.js';
import { registerRoleRoutes } from './roles.js';
import { registerScheduledEventRoutes } from './scheduledEvents.js';
import { registerThreadRoutes } from './threads.js';

export type { RouteContext } from './kit.js';

/** Registers every REST route of the emulated Discord, one module per resource. */
export function registerRoutes(context: RouteContext): void {
  const kit = routeKit(context);
  registerGatewayRoutes(kit);
  registerCommandRoutes(kit);
  registerMessageRoutes(kit);
  registerThreadRoutes(kit);
  registerGuildRoutes(kit);
  registerRoleRoutes(kit);
  registerScheduledEventRoutes(kit);
  registerInteractionRoutes(kit);
  registerOnboardingRoutes(kit);
}
