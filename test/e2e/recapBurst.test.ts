import { describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/emulator/index.js';
import { useWorld } from '../support/e2e.js';
import '../support/matchers.js';
import {
  advanceTo,
  announce,
  freshGuild,
  HOUR,
  LANGUAGES,
  MEETUP_START,
  recapMessages,
  rimouskiMember,
  rsvp,
} from './recapSupport.js';

/**
 * Issue 15: many recaps due at the same instant (a busy evening, or the bot back after being down). Each is posted
 * once, the members' list is read once for all of them, and each announcement is redrawn once (over, with its link),
 * not once at the meetup's end and again for the link.
 */
const TRIPS = 60;
const MEETUP_END = new Date(MEETUP_START.getTime() + 1.5 * HOUR);

const LINK_WORDS = { fr: 'Le récap, les photos et les notes :', 'en-US': 'The recap, photos and notes:' } as const;

describe.each(LANGUAGES)('recaps due at once in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });

  it(`GIVEN ${TRIPS} meetups ending at the same time in a server whose recaps come right at the end WHEN they end THEN each has one recap thread with one recap, the member list is read once, and each announcement is edited once to read over with the link to its recap`, async () => {
    const { world } = context;
    await freshGuild(world, language);
    await (await world.owner.runs('/setup', { recap_delay: 0 })).settled();
    // The server's owner may announce any number of trips a day (Manage Events).
    const host = world.owner;
    const alice = rimouskiMember(world, 'Alice', language);
    const posted: EmuMessage[] = [];
    for (let index = 0; index < TRIPS; index++) posted.push(await announce(world, host, language));
    await rsvp(alice, posted[0]!, 'going', language.locale);
    // Alice's answer shown (the announcement's counts are edited after her click is answered).
    await world.settle(() => (world.emulator.message(posted[0]!.id)?.history.length ?? 0) > 0);
    await advanceTo(world, new Date(MEETUP_END.getTime() - 60_000));
    const versionsBefore = posted.map((announcement) => world.emulator.message(announcement.id)?.history.length ?? 0);
    const requestsBefore = world.emulator.requests.length;

    await advanceTo(world, MEETUP_END);
    await world.settle(() =>
      posted.every((announcement) => world.emulator.text(announcement.id).includes(LINK_WORDS[language.locale])),
    );

    for (const [index, announcement] of posted.entries()) {
      const recaps = recapMessages(world, announcement);
      expect(recaps).toHaveLength(1);
      const now = world.emulator.message(announcement.id);
      expect(now?.history.length).toBe((versionsBefore[index] ?? 0) + 1);
      // Over: no button left; the link goes to this announcement's own recap.
      expect(now?.components).toEqual([]);
      expect(world.emulator.text(announcement.id)).toContain(`/${announcement.id}/${recaps[0]?.id}`);
    }
    expect(world.emulator.threads(posted[0]!.channelId)).toHaveLength(TRIPS);
    expect(recapMessages(world, posted[0]!)[0]?.content).toContain(language.core);
    const memberReads = world.emulator.requests
      .slice(requestsBefore)
      .filter((request) => request.route === '/guilds/:guildId/members');
    expect(memberReads).toHaveLength(1);

    // Later passes change nothing: still one recap each, no further edit.
    await advanceTo(world, new Date(MEETUP_END.getTime() + 3 * HOUR));
    for (const [index, announcement] of posted.entries()) {
      expect(recapMessages(world, announcement)).toHaveLength(1);
      expect(world.emulator.message(announcement.id)?.history.length).toBe((versionsBefore[index] ?? 0) + 1);
    }
  });
});
