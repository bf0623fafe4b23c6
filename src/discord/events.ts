import { type Client, Events } from 'discord.js';
import type { AppDeps } from '../app/context.js';
import type { BotServices } from './services.js';
import { createWelcomeHandler } from './welcome.js';

/** Gateway events other than interactions (those go through the router). */
export function registerEventHandlers(input: {
  client: Client;
  deps: AppDeps;
  services: BotServices;
  track: (work: Promise<void>) => void;
}): void {
  const welcome = createWelcomeHandler(input.deps, input.services.commandMentions);
  input.client.on(Events.GuildMemberAdd, (member) => input.track(welcome(member)));
}
