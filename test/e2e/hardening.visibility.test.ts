import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rsvps } from '../../src/db/schema.js';
import { Permission } from '../../src/emulator/permissions.js';
import { useWorld } from '../support/e2e.js';
import { announceTrip, freshGuildWithTown } from '../support/reliability.js';

/**
 * A trip announced in a channel a member cannot view does not exist for them (issue 11, suspected, confirmed): not in
 * /trip list, not in the `trip` suggestions, "not found" in /trip show, /rsvp and /ride list. A member who can view
 * the channel sees it as any other.
 */
describe.each([
  {
    language: 'French',
    locale: 'fr',
    rimouski: '4 décembre midi',
    matane: '5 décembre midi',
    notFound: (id: number) => `Je ne trouve pas la rencontre « #${id} » sur ce serveur.`,
    rsvpUnknown: 'Cette rencontre n’existe pas (ou plus) sur ce serveur.',
  },
  {
    language: 'English',
    locale: 'en-US',
    rimouski: 'December 4 at noon',
    matane: 'December 5 at noon',
    notFound: (id: number) => `I can’t find the meetup “#${id}” on this server.`,
    rsvpUnknown: 'This meetup does not exist (any more) on this server.',
  },
])('trips in a channel a member cannot view, in $language', ({ locale, rimouski, matane, notFound, rsvpUnknown }) => {
  const context = useWorld({ preferredLocale: locale });
  const where = { locale };

  it('GIVEN a public trip to Rimouski and one to Matane announced in the staff’s private channel WHEN a member who is not staff lists, searches, shows, answers and looks for rides THEN only Rimouski exists for them, and a staff member sees both', async () => {
    const { world } = context;
    await freshGuildWithTown(world, where);
    await (await world.owner.runs('/town add', { name: 'Matane' }, where)).settled();
    const guild = world.guild;
    const staffRole = world.emulator.createRole(guild.id, { name: 'Staff', permissions: 0n });
    const staffChannel = world.emulator.createChannel(guild.id, { name: 'staff' });
    world.emulator.setChannelOverwrite(staffChannel.id, { id: guild.id, deny: Permission.ViewChannel });
    for (const id of [staffRole.id, guild.botRoleId]) {
      world.emulator.setChannelOverwrite(staffChannel.id, {
        id,
        allow: Permission.ViewChannel | Permission.SendMessages,
      });
    }
    const staff = world.join('Sam', { ...where, roles: [staffRole.id] });
    const alice = world.join('Alice', where);

    const open = await announceTrip(world, world.owner, { town: 'Rimouski', when: rimouski }, where);
    const hidden = await announceTrip(world, staff, { town: 'Matane', when: matane }, { ...where, channel: '#staff' });

    const aliceList = await (await alice.runs('/trip list', {}, where)).settled();
    expect(aliceList.text()).toContain('Rimouski');
    expect(aliceList.text()).not.toContain('Matane');
    const staffList = await (await staff.runs('/trip list', {}, where)).settled();
    expect(staffList.text()).toContain('Rimouski');
    expect(staffList.text()).toContain('Matane');

    const suggested = await alice.autocompletes('/trip show', { trip: '' }, 'trip', where);
    expect(suggested.map((choice) => choice.value)).toEqual([String(open.tripId)]);
    const rsvpSuggested = await alice.autocompletes('/rsvp', { trip: '' }, 'trip', where);
    expect(rsvpSuggested.map((choice) => choice.value)).toEqual([String(open.tripId)]);
    const stopsSuggested = await alice.autocompletes('/rsvp', { trip: String(hidden.tripId), stop: '' }, 'stop', where);
    expect(stopsSuggested).toEqual([]);
    const rideStops = await alice.autocompletes('/ride list', { trip: String(hidden.tripId), stop: '' }, 'stop', where);
    expect(rideStops).toEqual([]);
    const staffRideStops = await staff.autocompletes(
      '/ride list',
      { trip: String(hidden.tripId), stop: '' },
      'stop',
      where,
    );
    expect(staffRideStops).toHaveLength(1);
    const staffSuggested = await staff.autocompletes('/trip show', { trip: '' }, 'trip', where);
    expect(staffSuggested.map((choice) => choice.value).sort()).toEqual(
      [String(open.tripId), String(hidden.tripId)].sort(),
    );

    const show = await (await alice.runs('/trip show', { trip: `#${hidden.tripId}` }, where)).settled();
    expect(show.text()).toContain(notFound(hidden.tripId));
    const answer = await (await alice.runs('/rsvp', { trip: `#${hidden.tripId}`, response: 'going' }, where)).settled();
    expect(answer.text()).toContain(rsvpUnknown);
    // Naming a stop the trip does not have would list its stops: it is unknown all the same.
    const withStop = await (
      await alice.runs('/rsvp', { trip: `#${hidden.tripId}`, stop: '9', response: 'going' }, where)
    ).settled();
    expect(withStop.text()).toContain(rsvpUnknown);
    expect(withStop.text()).not.toContain('Matane');
    const rides = await (await alice.runs('/ride list', { trip: `#${hidden.tripId}` }, where)).settled();
    expect(rides.text()).toContain(notFound(hidden.tripId));
    const staffShow = await (await staff.runs('/trip show', { trip: `#${hidden.tripId}` }, where)).settled();
    expect(staffShow.text()).toContain('Matane');
    expect(staffShow.text()).not.toContain(notFound(hidden.tripId));
    // Alice's answer changed nothing: only the host is going to Matane.
    expect(await world.bot.deps.db.select().from(rsvps).where(eq(rsvps.userId, alice.id))).toEqual([]);
  });
});
