import { beforeEach, describe, expect, it } from 'vitest';
import { Permission } from '../../src/emulator/permissions.js';
import { useWorld, type World } from '../support/e2e.js';
import '../support/matchers.js';
import { announce, freshGuild, LANGUAGES, lastAnnouncement, rsvp, tripIdOf } from './recapSupport.js';

/**
 * A trips channel where the bot may write but not attach files. Every announcement carries an .ics, and Discord
 * refuses a whole message with a file it may not attach (50013): /setup says so, and announcements go out without
 * the file, their Google Calendar link kept, instead of the trip failing.
 */
const TEXTS = {
  French: {
    warning:
      'Je ne peux pas joindre de fichier dans #voyages : les annonces y partiront sans leur fichier .ics (le lien d’agenda reste). Donne à mon rôle la permission « Joindre des fichiers » dans ce salon.',
    laterLocal: 'samedi 5 décembre 2026, 18 h 00, heure de l’Est',
  },
  English: {
    warning:
      'I can’t attach files in #voyages: announcements there will go without their .ics file (the calendar link stays). Give my role the “Attach Files” permission there.',
    laterLocal: 'Saturday, December 5, 2026, 6:00 PM, Eastern Time',
  },
} as const;

function denyAttachFiles(world: World): void {
  world.emulator.setChannelOverwrite(world.channel('#voyages').id, {
    id: world.guild.botRoleId,
    deny: Permission.AttachFiles,
  });
}

function calendarLink(world: World): string | undefined {
  const match = /"url":"(https:\/\/calendar\.google\.com[^"]+)"/.exec(
    JSON.stringify(lastAnnouncement(world).components),
  );
  return match?.[1];
}

describe.each(LANGUAGES)('a trips channel without Attach Files, in $name', (language) => {
  const texts = TEXTS[language.name];
  const context = useWorld({ preferredLocale: language.locale });
  beforeEach(async () => {
    await freshGuild(context.world, language);
  });

  it('GIVEN the bot may write in the trips channel but not attach files there WHEN an admin runs /setup THEN they are warned, in their language, that announcements will go without their .ics', async () => {
    const { world } = context;
    const before = await (await world.owner.runs('/setup', {}, { locale: language.locale })).settled();
    expect(before.text()).not.toContain(texts.warning);

    denyAttachFiles(world);
    const after = await (await world.owner.runs('/setup', {}, { locale: language.locale })).settled();
    expect(after.ephemeral).toBe(true);
    expect(after.text()).toContain(texts.warning);
  });

  it('GIVEN towns with coordinates and Attach Files WHEN a trip is announced THEN the announcement carries the region map as a PNG, shown as its image', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const announcement = await announce(world, host, language);
    const map = announcement.attachments.find((attachment) => attachment.filename === 'map.png');
    expect(map?.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(announcement.embeds[0]?.['image']).toEqual({ url: 'attachment://map.png' });
    expect(announcement.attachments.map((attachment) => attachment.filename)).toContain(
      `escale-trip-${tripIdOf(announcement)}.ics`,
    );

    // The counts change in place: the map stays the announcement's image, redraw after redraw, and the bot reads
    // the message (to know it carries the map) at most once for all of them.
    const requestsBefore = world.emulator.requests.length;
    for (const name of ['Alice', 'Bruno', 'Chloé']) {
      const before = JSON.stringify(announcement.embeds);
      await rsvp(world.join(name, { locale: language.locale }), announcement, 'going', language.locale);
      await world.settle(() => JSON.stringify(announcement.embeds) !== before);
      expect(announcement.embeds[0]?.['image']).toEqual({ url: 'attachment://map.png' });
      expect(announcement.attachments.map((attachment) => attachment.filename)).toContain('map.png');
    }
    const onTheAnnouncement = world.emulator.requests
      .slice(requestsBefore)
      .filter((request) => request.path.endsWith(`/messages/${announcement.id}`));
    expect(onTheAnnouncement.filter((request) => request.method === 'PATCH')).toHaveLength(3);
    expect(onTheAnnouncement.filter((request) => request.method === 'GET').length).toBeLessThanOrEqual(1);
  });

  it('GIVEN no Attach Files in the trips channel WHEN a trip is announced, then moved THEN the announcement goes out and is updated without any .ics, its calendar link kept', async () => {
    const { world } = context;
    denyAttachFiles(world);
    const host = world.join('Hélène', { locale: language.locale });
    // announce() checks the host is told it is announced.
    const announcement = await announce(world, host, language);
    expect(announcement.attachments).toEqual([]);
    expect(announcement.embeds[0]?.['image']).toBeUndefined();
    expect(calendarLink(world)).toContain('dates=20261204T170000Z/20261204T183000Z');

    const edit = await host.runs(
      '/trip edit',
      { trip: String(tripIdOf(announcement)), when: language.whenLater },
      { locale: language.locale },
    );
    await edit.settled();
    await world.settle(() => world.emulator.text(announcement.id).includes(texts.laterLocal));
    expect(announcement.attachments).toEqual([]);
    expect(calendarLink(world)).toContain('dates=20261205T230000Z/20261206T003000Z');
  });
});
