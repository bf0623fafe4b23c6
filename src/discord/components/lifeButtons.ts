import { roleMention } from 'discord.js';
import { UserFacingError } from '../../app/errors.js';
import { widenReach } from '../../app/headsUp.js';
import { leaveStop } from '../../app/leaveStop.js';
import { t } from '../../i18n/index.js';
import { defineComponent } from '../command.js';

/**
 * Buttons of Escale's direct messages. Discord gives a DM's click no guild, so their custom ids carry it:
 * - `leave:<guildId>:<stopId>`, "I can't come anymore" under a reminder: answers `no` for that stop;
 * - `headsup:<guildId>:<stopId>`, "Widen to nearby towns" under the host's heads-up: tells the nearby towns once.
 * Both are checked (the stop must be that guild's; the member must be concerned) before anything changes.
 */
export const LEAVE_PREFIX = 'leave';
export const HEADS_UP_PREFIX = 'headsup';

export function leaveCustomId(guildId: string, stopId: number): string {
  return `${LEAVE_PREFIX}:${guildId}:${stopId}`;
}

export function headsUpCustomId(guildId: string, stopId: number): string {
  return `${HEADS_UP_PREFIX}:${guildId}:${stopId}`;
}

/** The guild and stop of a DM button; anything else (a forged or mangled id) is refused. */
function readIds(parts: readonly string[], clickedIn: string): { guildId: string; stopId: number } {
  const [guildId = '', stop = '', ...extra] = parts;
  if (extra.length > 0 || !/^\d{17,20}$/.test(guildId) || !/^\d{1,9}$/.test(stop)) {
    throw new UserFacingError('life.button.unknown');
  }
  // Pressed in a guild (a forwarded message), it must be that guild's.
  if (clickedIn !== '' && clickedIn !== guildId) throw new UserFacingError('life.button.unknown');
  return { guildId, stopId: Number(stop) };
}

export const leaveButton = defineComponent({
  prefix: LEAVE_PREFIX,
  directMessages: true,
  async handle(context) {
    const { interaction } = context;
    const ids = readIds(context.parts, context.guildId);
    const { ports } = context.services;
    await leaveStop(
      context.deps,
      { queue: context.services.rsvps, port: ports.trips, rides: ports.rides },
      { ...ids, userId: interaction.user.id },
      (result) =>
        context.reply({
          content: context.t('life.leave.done', { id: result.trip.tripId, town: result.trip.townName }),
          ephemeral: true,
        }),
    );
  },
});

export const headsUpButton = defineComponent({
  prefix: HEADS_UP_PREFIX,
  directMessages: true,
  async handle(context) {
    const { interaction } = context;
    const ids = readIds(context.parts, context.guildId);
    // The ping and the announcement's edit may take longer than Discord's three seconds.
    await context.defer({ ephemeral: true });
    const { ports } = context.services;
    const result = await widenReach(
      context.deps,
      { ...ports.headsUp, refreshAnnouncement: (input) => ports.trips.refreshAnnouncement(input) },
      { ...ids, userId: interaction.user.id },
    );
    const lines = [context.t('life.widen.done', { roles: result.pingedRoleIds.map(roleMention).join(', ') })];
    for (const note of result.notes) lines.push(t(context.language, note.key, note.params));
    await context.reply({ content: lines.join('\n'), ephemeral: true });
  },
});
