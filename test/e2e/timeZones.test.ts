import { beforeEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/emulator/index.js';
import { useWorld, type World } from '../support/e2e.js';
import '../support/matchers.js';
import {
  advanceTo,
  announce,
  dmsOf,
  freshGuild,
  HOUR,
  LANGUAGES,
  lastAnnouncement,
  rimouskiMember,
  rsvp,
  type TestLanguage,
  tripIdOf,
} from './recapSupport.js';

/**
 * Guilds outside Toronto (the default zone every other e2e test uses): `when` is read in the guild's zone, and
 * everything shown or scheduled follows (Discord timestamps, the wall clock written in the announcement, the calendar
 * link, the .ics, the Discord event, the reminders' times). Paris has DST on other dates
 * than Toronto; Regina has none.
 */
const ZONES = [
  {
    name: 'Europe/Paris (a French guild)',
    timeZone: 'Europe/Paris',
    language: LANGUAGES[0],
    // 4 décembre midi à Paris (UTC+1).
    start: '2026-12-04T11:00:00Z',
    local: 'vendredi 4 décembre 2026, 12 h 00, heure de l’Europe centrale',
    // 5 décembre 18 h à Paris.
    later: '2026-12-05T17:00:00Z',
    localLater: 'samedi 5 décembre 2026, 18 h 00, heure de l’Europe centrale',
    // Paris springs forward on 2026-03-29, Toronto on 2026-03-08.
    skipped: { when: '2026-03-29 02:30', refusal: 'n’existe pas le 2026-03-29' },
    torontoGap: { when: '2026-03-08 02:30', start: '2026-03-08T01:30:00Z' },
  },
  {
    name: 'America/Regina (an English guild, no DST)',
    timeZone: 'America/Regina',
    language: LANGUAGES[1],
    // December 4 at noon in Regina (UTC−6 all year).
    start: '2026-12-04T18:00:00Z',
    local: 'Friday, December 4, 2026, 12:00 PM, Central Standard Time',
    later: '2026-12-06T00:00:00Z',
    localLater: 'Saturday, December 5, 2026, 6:00 PM, Central Standard Time',
    skipped: undefined,
    // 02:30 on Toronto's spring-forward day exists in Regina, still at UTC−6.
    torontoGap: { when: '2026-03-08 02:30', start: '2026-03-08T08:30:00Z' },
  },
] as const;

type Zone = (typeof ZONES)[number];

const seconds = (iso: string) => Date.parse(iso) / 1_000;
const compact = (iso: string) => iso.replace(/[-:]/g, '').replace('.000', '');

async function guildIn(world: World, zone: Zone): Promise<void> {
  await freshGuild(world, zone.language);
  const saved = await (await world.owner.runs('/setup', { timezone: zone.timeZone })).settled();
  expect(saved.text()).toContain(zone.timeZone);
}

function shown(world: World, message: EmuMessage): string {
  return world.emulator.text(message.id);
}

async function announceIn(world: World, language: TestLanguage, options: Record<string, string> = {}) {
  const host = world.join('Hélène', { locale: language.locale });
  return { host, announcement: await announce(world, host, language, options) };
}

describe.each(ZONES)('a guild in $name', (zone) => {
  const context = useWorld({ preferredLocale: zone.language.locale });
  beforeEach(async () => {
    await guildIn(context.world, zone);
  });

  it(`GIVEN a guild in ${zone.timeZone} WHEN a member announces a trip at noon THEN it is noon there: Discord timestamps, the written wall clock, the calendar link, the .ics and the Discord event all say ${zone.start}`, async () => {
    const { world } = context;
    const { announcement } = await announceIn(world, zone.language);
    const fields = JSON.stringify(announcement.embeds);
    expect(fields).toContain(`<t:${seconds(zone.start)}:F>`);
    expect(fields).toContain(`<t:${seconds(zone.start)}:R>`);
    expect(shown(world, announcement)).toContain(zone.local);

    const end = new Date(Date.parse(zone.start) + 90 * 60_000).toISOString();
    const calendar = JSON.stringify(announcement.components);
    expect(calendar).toContain(`dates=${compact(zone.start)}/${compact(end)}`);
    const tripId = tripIdOf(announcement);
    const [ics] = announcement.attachments;
    expect(ics?.filename).toBe(`escale-trip-${tripId}.ics`);
    expect(ics?.text).toContain(`\r\nDTSTART:${compact(zone.start)}\r\nDTEND:${compact(end)}\r\n`);
    const [event] = world.emulator.scheduledEvents(world.guild.id);
    expect(event?.scheduledStartTime).toEqual(new Date(zone.start));
    expect(event?.scheduledEndTime).toEqual(new Date(end));
  });

  it(`GIVEN a trip in ${zone.timeZone} WHEN the host moves it to 18:00 the next day THEN the announcement, its .ics and the Discord event move to ${zone.later}`, async () => {
    const { world } = context;
    const { host, announcement } = await announceIn(world, zone.language);
    const edit = await host.runs(
      '/trip edit',
      { trip: String(tripIdOf(announcement)), when: zone.language.whenLater },
      { locale: zone.language.locale },
    );
    await edit.settled();
    await world.settle(() => shown(world, announcement).includes(zone.localLater));
    expect(JSON.stringify(announcement.embeds)).toContain(`<t:${seconds(zone.later)}:F>`);
    expect(announcement.attachments[0]?.text).toContain(`\r\nDTSTART:${compact(zone.later)}\r\n`);
    expect(world.emulator.scheduledEvents(world.guild.id)[0]?.scheduledStartTime).toEqual(new Date(zone.later));
  });

  it(`GIVEN a member going to a trip at noon in ${zone.timeZone} WHEN 24 h and 1 h before that noon come THEN the reminders come then, not before, and give the meetup's instant (a Discord timestamp each reader sees in their own zone)`, async () => {
    const { world } = context;
    const { announcement } = await announceIn(world, zone.language);
    const alice = rimouskiMember(world, 'Alice', zone.language);
    await rsvp(alice, announcement, 'going', zone.language.locale);
    const start = Date.parse(zone.start);

    await advanceTo(world, new Date(start - 24 * HOUR - 60_000));
    expect(dmsOf(world, alice)).toHaveLength(0);
    await advanceTo(world, new Date(start - 24 * HOUR));
    const [first] = dmsOf(world, alice);
    expect(first?.content).toContain(`<t:${seconds(zone.start)}:F>`);
    expect(first).toPingNobody();

    await advanceTo(world, new Date(start - HOUR - 60_000));
    expect(dmsOf(world, alice)).toHaveLength(1);
    await advanceTo(world, new Date(start - HOUR));
    expect(dmsOf(world, alice)).toHaveLength(2);
  });

  it(`GIVEN a guild in ${zone.timeZone} WHEN members pick 02:30 on the days clocks change THEN the gaps of ${zone.timeZone} are refused and Toronto's are not`, async () => {
    const { world } = context;
    world.clock.set('2026-03-01T15:00:00Z');
    const { announcement } = await announceIn(world, zone.language, { when: zone.torontoGap.when });
    expect(JSON.stringify(announcement.embeds)).toContain(`<t:${seconds(zone.torontoGap.start)}:F>`);
    if (zone.skipped) {
      const bob = world.join('Bob', { locale: zone.language.locale });
      const refused = await (
        await bob.runs('/trip new', { town: 'Matane', when: zone.skipped.when }, { locale: zone.language.locale })
      ).settled();
      expect(refused.ephemeral).toBe(true);
      expect(refused.text()).toContain(zone.skipped.refusal);
      expect(lastAnnouncement(world).id).toBe(announcement.id);
    }
  });
});
