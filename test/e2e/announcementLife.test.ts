import { beforeEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/emulator/index.js';
import { type Actor, useWorld, type World } from '../support/e2e.js';
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
 * An announcement's whole life (issue 16 item 5): once a stop is over it shows so (final counts, the link to its
 * recap, no more answer buttons); a cancelled trip reads as cancelled. The meetup lasts 90 minutes (the default) and
 * its recap follows 30 minutes later.
 */
const TEXTS = {
  fr: {
    overTitle: '🏁 Terminée · Rimouski',
    over: 'Cette rencontre est terminée.',
    saidGoing: 'Avaient dit venir',
    recapLater: 'Le récap arrive bientôt',
    recapLink: 'Le récap, les photos et les notes :',
    cancelledTitle: '❌ Annulée · Rimouski',
    cancelled: 'Cette rencontre est annulée.',
    stopOver: '1 · Rimouski (terminée)',
    itineraryOver: '🏁 Terminée · Rimouski → Matane',
    stopCounts: '✅ 2 avaient dit venir',
  },
  'en-US': {
    overTitle: '🏁 Over · Rimouski',
    over: 'This meetup is over.',
    saidGoing: 'Said they would come',
    recapLater: 'The recap is coming soon',
    recapLink: 'The recap, photos and notes:',
    cancelledTitle: '❌ Cancelled · Rimouski',
    cancelled: 'This meetup is cancelled.',
    stopOver: '1 · Rimouski (over)',
    itineraryOver: '🏁 Over · Rimouski → Matane',
    stopCounts: '✅ 2 said they would come',
  },
} as const;

const MEETUP_END = new Date(MEETUP_START.getTime() + 90 * 60_000);
const RECAP_AT = new Date(MEETUP_START.getTime() + 2 * HOUR);
const OVER_COLOR = 0x4c_6e_f5;
const CANCELLED_COLOR = 0x86_8e_96;

type Embed = { title?: string; description?: string; color?: number; fields?: { name: string; value: string }[] };

function fresh(world: World, message: EmuMessage): EmuMessage {
  const current = world.emulator.message(message.id);
  if (!current) throw new Error(`message ${message.id} is gone`);
  return current;
}

function embedOf(message: EmuMessage): Embed {
  return (message.embeds[0] ?? {}) as Embed;
}

function field(message: EmuMessage, name: string): string | undefined {
  return embedOf(message).fields?.find((candidate) => candidate.name === name)?.value;
}

function customIds(message: EmuMessage): string[] {
  return (message.components as { components?: { custom_id?: string }[] }[]).flatMap((row) =>
    (row.components ?? []).map((button) => button.custom_id ?? ''),
  );
}

describe.each(LANGUAGES)('an announcement’s life in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  const texts = TEXTS[language.locale];
  let alice: Actor;
  beforeEach(async () => {
    await freshGuild(context.world, language);
    alice = rimouskiMember(context.world, 'Alice', language);
  });

  it('GIVEN a meetup with the host and Alice going and Bob maybe WHEN it ends THEN the announcement reads over with its final counts and no button, and once the recap is posted it links to it', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const bob = rimouskiMember(world, 'Bob', language);
    const announcement = await announce(world, host, language);
    const going = customIds(announcement)[0];
    await rsvp(alice, announcement, 'going', language.locale);
    await rsvp(bob, announcement, 'maybe', language.locale);

    await advanceTo(world, new Date(MEETUP_END.getTime() - 60_000));
    expect(customIds(fresh(world, announcement))).toContain(going);

    await advanceTo(world, MEETUP_END);
    const ended = fresh(world, announcement);
    expect(embedOf(ended).title).toBe(texts.overTitle);
    expect(embedOf(ended).color).toBe(OVER_COLOR);
    expect(embedOf(ended).description).toContain(texts.over);
    expect(embedOf(ended).description).toContain(texts.recapLater);
    expect(field(ended, texts.saidGoing)).toBe('2');
    expect(ended.components).toEqual([]);
    // The edit names no role and pings nobody.
    expect(ended.content).not.toContain('<@&');

    await advanceTo(world, RECAP_AT);
    const [recap] = recapMessages(world, announcement);
    expect(recap).toBeDefined();
    const linked = fresh(world, announcement);
    expect(embedOf(linked).description).toContain(
      `${texts.recapLink} https://discord.com/channels/${world.guild.id}/${recap?.channelId}/${recap?.id}`,
    );
    expect(embedOf(linked).description).not.toContain(texts.recapLater);
    expect(linked.components).toEqual([]);
  });

  it('GIVEN a meetup WHEN its host cancels it THEN the announcement reads cancelled: its title, grey, the reason, no button at all', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const announcement = await announce(world, host, language);
    const tripId = customIds(announcement)[0]?.split(':')[1] ?? '';
    const cancel = await host.runs('/trip cancel', { trip: tripId, reason: 'Tempête' }, { locale: language.locale });
    await cancel.settled();
    await world.settle(() => embedOf(fresh(world, announcement)).title === texts.cancelledTitle);

    const cancelled = fresh(world, announcement);
    expect(embedOf(cancelled).color).toBe(CANCELLED_COLOR);
    expect(embedOf(cancelled).description).toContain(texts.cancelled);
    expect(embedOf(cancelled).description).toContain('Tempête');
    expect(cancelled.components).toEqual([]);
  });

  it('GIVEN a trip of two stops WHEN the first ends THEN it reads "(over)" with its final counts and loses its row of buttons while the second keeps its own; after the second the whole announcement is over', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const announcement = await announce(world, host, language, { when: language.when });
    const tripId = customIds(announcement)[0]?.split(':')[1] ?? '';
    const added = await host.runs(
      '/trip add-stop',
      { trip: tripId, town: 'Matane', when: language.whenLater },
      { locale: language.locale },
    );
    await added.settled();
    await world.settle(() => fresh(world, announcement).components.length === 2);
    const [firstStop, secondStop] = fresh(world, announcement).components.map(
      (row) => ((row.components as { custom_id?: string }[])[0]?.custom_id ?? '').split(':')[1],
    );
    await alice.clicks(fresh(world, announcement), `rsvp:${firstStop}:going`, { locale: language.locale });

    await advanceTo(world, MEETUP_END);
    const half = fresh(world, announcement);
    const fields = embedOf(half).fields ?? [];
    expect(fields[0]?.name).toBe(texts.stopOver);
    expect(fields[0]?.value).toContain(texts.stopCounts);
    expect(fields[1]?.name).not.toContain(texts.stopOver.slice(4));
    expect(customIds(half).filter((id) => id.startsWith('rsvp:'))).toEqual([
      `rsvp:${secondStop}:going`,
      `rsvp:${secondStop}:maybe`,
      `rsvp:${secondStop}:no`,
    ]);

    const secondEnd = new Date('2026-12-05T23:00:00Z').getTime() + 90 * 60_000;
    await advanceTo(world, new Date(secondEnd));
    const over = fresh(world, announcement);
    expect(embedOf(over).title).toBe(texts.itineraryOver);
    expect(embedOf(over).color).toBe(OVER_COLOR);
    expect(over.components).toEqual([]);
  });
});
