import { describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/emulator/index.js';
import { useWorld, type World } from '../support/e2e.js';
import { announceTrip, freshGuildWithTown } from '../support/reliability.js';

/**
 * Messages that list mentions are split by length (issue 11, item 3): 95 members going, all with closed DMs. The
 * edit notice, the reminder fallback and the cancel notice each come in parts of at most 2,000 characters, every
 * part says why, and each member is mentioned exactly once across the parts.
 */
const MEMBERS = 95;
const EN = { locale: 'en-US' };

function threadMessages(world: World, threadId: string): EmuMessage[] {
  return world.emulator.messages(threadId).filter((message) => message.authorId === world.emulator.botUser.id);
}

/** The parts posted since `before`: each ≤ 2,000 characters, the same words in each, each member once. */
function expectSplitNotice(parts: EmuMessage[], memberIds: string[], words: string): void {
  expect(parts.length).toBeGreaterThan(1);
  const mentioned: string[] = [];
  for (const part of parts) {
    expect(part.content.length).toBeLessThanOrEqual(2_000);
    expect(part.content).toContain(words);
    const ids = [...part.content.matchAll(/<@(\d+)>/g)].map((match) => match[1] ?? '');
    expect(new Set(part.pinged.users)).toEqual(new Set(ids));
    mentioned.push(...ids);
  }
  expect(mentioned.sort()).toEqual([...memberIds].sort());
}

describe('mentions of 95 members with closed DMs', () => {
  const context = useWorld();

  it('GIVEN 95 members going with closed DMs WHEN the host moves the venue, the reminder falls back to the thread, then the host cancels THEN every part is ≤ 2,000 characters, says why, and each member is mentioned exactly once', async () => {
    const { world } = context;
    await freshGuildWithTown(world, EN);
    const { message } = await announceTrip(
      world,
      world.owner,
      { town: 'Rimouski', when: 'December 4 at noon', topic: 'IA et PME', venue: 'Café du Port' },
      EN,
    );
    // The guild's first meetup: #1.
    const memberIds: string[] = [];
    for (let index = 0; index < MEMBERS; index++) {
      const member = world.join(`Member${index}`, { ...EN, dmClosed: true });
      memberIds.push(member.id);
      const click = await member.clicks(message, 'going', EN);
      expect(click.timedOut).toBe(false);
    }
    // The host is going too; their DMs are open, so they are not among the mentioned.

    const edit = await (
      await world.owner.runs('/trip edit', { trip: '#1', venue: 'Bistro Le Saint-Louis' }, EN)
    ).settled();
    expect(edit.text()).not.toMatch(/error|erreur/i);
    const thread = world.threadOf(message);
    if (!thread) throw new Error('no thread');
    await world.settle(() => threadMessages(world, thread.id).length > 1, 15_000);
    const editParts = threadMessages(world, thread.id);
    expectSplitNotice(editParts, memberIds, 'Bistro Le Saint-Louis');

    const beforeReminder = threadMessages(world, thread.id).length;
    // 24 h before the meetup (December 4, noon in Toronto): the reminder, by DM for nobody, in the thread for all.
    await world.advance(8 * 24 * 3_600_000 + 2 * 3_600_000 + 5 * 60_000);
    await world.settle(() => threadMessages(world, thread.id).length > beforeReminder + 1, 30_000);
    const reminderParts = threadMessages(world, thread.id).slice(beforeReminder);
    expectSplitNotice(reminderParts, memberIds, 'I could not tell you by direct message');

    const beforeCancel = threadMessages(world, thread.id).length;
    const reason = 'Tempête de neige sur la 132';
    const cancel = await (await world.owner.runs('/trip cancel', { trip: '#1', reason }, EN)).settled();
    expect(cancel.text()).not.toMatch(/error|erreur/i);
    await world.settle(() => threadMessages(world, thread.id).length > beforeCancel + 1, 15_000);
    expectSplitNotice(threadMessages(world, thread.id).slice(beforeCancel), memberIds, reason);
  });
});
