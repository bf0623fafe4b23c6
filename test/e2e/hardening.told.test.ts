import { describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/emulator/index.js';
import { useWorld, type World } from '../support/e2e.js';
import { announceTrip, freshGuildWithTown } from '../support/reliability.js';

/**
 * The host's confirmation counts who was really told (issue 11, item 3): the members mentioned in the parts of a
 * notice Discord accepted and the direct messages that went, not everyone the notice was meant for.
 */
const LANGUAGES = [
  {
    language: 'French',
    locale: 'fr',
    told: (count: number) => `J’ai prévenu ${count} personne(s) dans le fil de l’annonce.`,
    notTold: (count: number) =>
      `${count} personne(s) n’ont pas pu être prévenues : Discord a refusé mon message dans le fil de l’annonce.`,
    promotedPartly: '3 personne(s) de la liste d’attente ont obtenu une place ; 1 ont pu être prévenues.',
    when: '4 décembre midi',
  },
  {
    language: 'English',
    locale: 'en-US',
    told: (count: number) => `I told ${count} member(s) in the announcement’s thread.`,
    notTold: (count: number) =>
      `${count} member(s) could not be told: Discord refused my message in the announcement’s thread.`,
    promotedPartly: '3 member(s) from the waitlist got a seat; 1 of them could be told.',
    when: 'December 4 at noon',
  },
];

function botMessagesIn(world: World, channelId: string): EmuMessage[] {
  return world.emulator.messages(channelId).filter((message) => message.authorId === world.emulator.botUser.id);
}

/** From the moment one more bot message lands in the thread, Discord refuses every further one there. */
function refuseThreadMessagesAfter(world: World, threadId: string, accepted: number): () => void {
  let seen = botMessagesIn(world, threadId).length;
  const target = seen + accepted;
  const refuse = () =>
    world.emulator.injectFault({ method: 'POST', path: `/channels/${threadId}/messages`, status: 503, times: 1_000 });
  if (accepted === 0) refuse();
  return world.emulator.onEvent((event, data) => {
    if (event !== 'MESSAGE_CREATE' || (data as { channel_id?: string }).channel_id !== threadId) return;
    seen += 1;
    if (seen === target) refuse();
  });
}

describe.each(LANGUAGES)('the host’s confirmation in $language', ({ locale, told, notTold, promotedPartly, when }) => {
  const context = useWorld({ preferredLocale: locale });
  const where = { locale };

  it('GIVEN 95 members going WHEN the host cancels and Discord refuses the second part of the notice THEN the host is told how many were really told and how many were not', async () => {
    const { world } = context;
    world.emulator.clearFaults();
    await freshGuildWithTown(world, where);
    const { message, tripId } = await announceTrip(world, world.owner, { town: 'Rimouski', when }, where);
    for (let index = 0; index < 95; index++) {
      const member = world.join(`Member${index}`, { ...where, dmClosed: index % 2 === 0 });
      await member.clicks(message, 'going', where);
    }
    const stop = refuseThreadMessagesAfter(world, message.id, 1);
    const cancel = await (
      await world.owner.runs('/trip cancel', { trip: `#${tripId}`, reason: 'Tempête' }, where)
    ).settled(20_000);
    stop();
    world.emulator.clearFaults();

    const posted = botMessagesIn(world, message.id);
    expect(posted).toHaveLength(1);
    const mentioned = posted[0]!.pinged.users.length;
    expect(mentioned).toBeGreaterThan(0);
    expect(mentioned).toBeLessThan(95);
    expect(cancel.text()).toContain(told(mentioned));
    expect(cancel.text()).toContain(notTold(95 - mentioned));
  });

  it('GIVEN three members waitlisted, two with closed DMs WHEN the host raises the capacity and Discord refuses every message in the thread THEN the host reads that three got a seat and only the one reached by DM was told', async () => {
    const { world } = context;
    world.emulator.clearFaults();
    await freshGuildWithTown(world, where);
    const { message, tripId } = await announceTrip(world, world.owner, { town: 'Rimouski', when, capacity: 2 }, where);
    const alice = world.join('Alice', where);
    await alice.clicks(message, 'going', where); // the host and Alice: full
    const waitlisted = [
      world.join('Bruno', where),
      world.join('Chloé', { ...where, dmClosed: true }),
      world.join('Denis', { ...where, dmClosed: true }),
    ];
    for (const member of waitlisted) await member.clicks(message, 'going', where);

    const stop = refuseThreadMessagesAfter(world, message.id, 0);
    const edit = await (await world.owner.runs('/trip edit', { trip: `#${tripId}`, capacity: 5 }, where)).settled(
      20_000,
    );
    stop();
    world.emulator.clearFaults();

    expect(botMessagesIn(world, message.id)).toHaveLength(0);
    expect(waitlisted[0]!.dms()).toHaveLength(1);
    expect(edit.text()).toContain(promotedPartly);
    expect(edit.text()).not.toContain(told(4));
    expect(edit.text()).toContain(notTold(4)); // Alice and the three promoted: nobody read the edit notice
  });
});
