import { type Client, Events } from 'discord.js';
import type { AppDeps } from '../app/context.js';
import { botAddedToGuild, botPresentInGuilds, botRemovedFromGuild } from '../app/guildLifecycle.js';
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
  // GuildDelete is a removal (an outage is GuildUnavailable): jobs stop now, data deleted in 30 days unless re-added.
  const failed = (what: string, guildId: string) => (error: unknown) =>
    input.deps.logger.error({ err: error, guildId }, what);
  input.client.on(Events.GuildDelete, (guild) =>
    input.track(
      botRemovedFromGuild(input.deps, { guildId: guild.id }).then(() => undefined, failed('guild removal', guild.id)),
    ),
  );
  input.client.on(Events.GuildCreate, (guild) =>
    input.track(
      botAddedToGuild(input.deps, { guildId: guild.id }).then(() => undefined, failed('guild added', guild.id)),
    ),
  );
  // Added back while the bot was offline: no GuildCreate comes, only the guild list of READY (each shard's).
  input.client.on(Events.ShardReady, (shardId) =>
    input.track(
      botPresentInGuilds(input.deps, {
        guildIds: input.client.guilds.cache.filter((guild) => guild.shardId === shardId).keys(),
      }).then(() => undefined, failed('guilds present at ready', `shard ${shardId}`)),
    ),
  );
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
