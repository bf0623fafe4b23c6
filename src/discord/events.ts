import { type Client, Events } from 'discord.js';
import type { AppDeps } from '../app/context.js';
import { memberLeft } from '../app/members.js';
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
  // Left, kicked or banned: seats released, trips they host cancelled (src/app/members.ts).
  input.client.on(Events.GuildMemberRemove, (member) =>
    input.track(
      memberLeft(
        input.deps,
        { trips: input.services.ports.trips, rides: input.services.ports.rides, queue: input.services.rsvps },
        { guildId: member.guild.id, userId: member.id },
      ).then(
        () => undefined,
        (error: unknown) => input.deps.logger.error({ err: error, guildId: member.guild.id }, 'member left: failed'),
      ),
    ),
  );
}
