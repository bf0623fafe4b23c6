import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { rsvps, tripStops, trips } from '../../src/db/schema.js';
import type { EmuMessage, InteractionResult } from '../../src/emulator/index.js';
import { t } from '../../src/i18n/index.js';
import { useWorld, type World } from '../support/e2e.js';
import { announceTrip, captureLog, freshGuildWithTown } from '../support/reliability.js';

/** Texts a member must never read after a fault Discord recovers from. */
const APOLOGIES = (['error.generic', 'error.databaseUnavailable'] as const).flatMap((key) => [
  t('fr', key),
  t('en', key),
]);

function answeredOnce(result: InteractionResult): void {
  expect(result.timedOut).toBe(false);
  expect(result.texts().filter((text) => APOLOGIES.includes(text))).toEqual([]);
}

async function storedStatus(world: World, tripId: number, userId: string): Promise<string[]> {
  const rows = await world.bot.deps.db
    .select({ status: rsvps.status })
    .from(rsvps)
    .where(and(eq(rsvps.stopId, tripId), eq(rsvps.userId, userId)));
  return rows.map((row) => row.status);
}

function botMessages(world: World, channelId: string): EmuMessage[] {
  return world.emulator
    .messages(channelId)
    .filter((message) => message.authorId === world.emulator.botUser.id && !message.ephemeral && !message.deleted);
}

/**
 * Discord fails the way it does in production: 5xx (sometimes after the request took effect, its answer lost on the
 * way back), 429 with retry_after, a dropped gateway that discord.js resumes. The bot must not crash, lose a write
 * or post twice. Any unhandled rejection fails the run (vitest reports it).
 */
describe('REST faults and gateway drops', () => {
  const log = captureLog({ level: 'warn' });
  const context = useWorld({ logger: log.logger });

  beforeEach(async () => {
    await freshGuildWithTown(context.world);
    context.world.emulator.clearFaults();
  });

  it('GIVEN the interaction callback fails with 500, with 429 and retry_after, and with a 500 after taking effect WHEN members click RSVP THEN each sees one confirmation in time, each answer is stored once, and the announcement counts them all', async () => {
    const { world } = context;
    const { message, tripId } = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'demain 12h' });
    const faults = [
      { status: 500 as const },
      { status: 429 as const, retryAfterSeconds: 0.4 },
      { status: 502 as const, afterEffect: true },
    ];
    for (const [index, fault] of faults.entries()) {
      const member = world.join(`Membre${index}`);
      const before = world.emulator.requests.length;
      world.emulator.injectFault({ path: /\/callback$/, ...fault });
      const result = await member.clicks(message, 'going');
      answeredOnce(result);
      expect(result.texts()).toHaveLength(1);
      expect(result.text()).toMatch(/^C’est noté, tu viens/);
      expect(await storedStatus(world, tripId, member.id)).toEqual(['going']);
      const callbacks = () =>
        world.emulator.requests.slice(before).filter((request) => request.path.endsWith('/callback'));
      // discord.js retried (after a lost response, the retry is told 40060 and the router lets it go).
      await world.emulator.waitFor(() => callbacks().length >= 2);
      expect(callbacks()[0]?.status).toBe(fault.status);
    }
    // Even the click whose answer Discord lost (the retry got 40060) is counted on the announcement.
    await world.settle(() => world.emulator.text(message.id).includes('Je viens: 4\n'));
  });

  it('GIVEN the announcement POST fails with 500 once, then with 502 after the message was created WHEN trips are announced THEN each trip has exactly one announcement and one row', async () => {
    const { world } = context;
    const general = world.channel('#general');
    const postMessages = /^\/channels\/\d+\/messages$/;

    world.emulator.injectFault({ method: 'POST', path: postMessages, status: 500 });
    const first = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'demain 12h' });
    world.emulator.injectFault({ method: 'POST', path: postMessages, status: 502, afterEffect: true });
    const second = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'après-demain 12h' });

    const announcements = botMessages(world, general.id).filter((candidate) => candidate.embeds.length > 0);
    expect(announcements.map((candidate) => candidate.id)).toEqual([first.message.id, second.message.id]);
    const rows = await world.bot.deps.db.select().from(trips).where(eq(trips.guildId, world.guild.id));
    expect(rows.map((row) => row.messageId).sort()).toEqual([first.message.id, second.message.id].sort());
  });

  it('GIVEN the announcement edits get 429 with retry_after and a 500 WHEN 20 members click THEN every click is answered at once and the announcement ends with the right counts', async () => {
    const { world } = context;
    const { message, tripId } = await announceTrip(world, world.owner, {
      town: 'Rimouski',
      when: 'demain 12h',
      capacity: 10,
    });
    const editPath = new RegExp(`^/channels/\\d+/messages/${message.id}$`);
    world.emulator.injectFault({ method: 'PATCH', path: editPath, status: 429, retryAfterSeconds: 1, times: 2 });
    world.emulator.injectFault({ method: 'PATCH', path: editPath, status: 500 });
    const members = Array.from({ length: 20 }, (_, index) => world.join(`Membre${index}`));
    const results = await Promise.all(members.map((member) => member.clicks(message, 'going')));
    for (const result of results) answeredOnce(result);
    expect(Math.max(...results.map((result) => result.latencyMs ?? Number.POSITIVE_INFINITY))).toBeLessThan(2_500);

    const rows = await world.bot.deps.db.select().from(rsvps).where(eq(rsvps.stopId, tripId));
    expect(rows.filter((row) => row.status === 'going')).toHaveLength(10);
    expect(rows.filter((row) => row.status === 'waitlist')).toHaveLength(11);
    await world.settle(
      () => world.emulator.text(message.id).includes('Je viens: 10 / 10 places · complet\n11 en liste d’attente'),
      10_000,
    );
    const edits = world.emulator.requests.filter((request) => editPath.test(request.path));
    expect(edits.some((request) => request.status === 429)).toBe(true);
  });

  it('GIVEN the edit of a deferred reply fails with 500 WHEN the host announces a trip THEN the host reads the confirmation once', async () => {
    const { world } = context;
    world.emulator.injectFault({ method: 'PATCH', path: /\/messages\/@original$/, status: 500 });
    const result = await world.owner.runs('/trip new', { town: 'Rimouski', when: 'demain 12h' });
    await result.settled();
    answeredOnce(result);
    expect(result.text()).toMatch(/^C’est annoncé ! Rencontre \*\*#\d+\*\* à \*\*Rimouski\*\*/);
    expect(result.followUps).toHaveLength(0);
  });

  it('GIVEN the reminder DMs, the recap thread and the recap message fail with 5xx after taking effect or 429 WHEN their time comes THEN each member gets one reminder and the trip one recap thread with one message', async () => {
    const { world } = context;
    const { message, tripId } = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'demain 12h' });
    const alice = world.join('Alice');
    const bruno = world.join('Bruno');
    for (const member of [alice, bruno]) answeredOnce(await member.clicks(message, 'going'));

    world.emulator.injectFault({ method: 'POST', path: '/users/@me/channels', status: 429, retryAfterSeconds: 0.3 });
    world.emulator.injectFault({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 502,
      afterEffect: true,
      times: 2,
    });
    // 24 h before: the first reminder.
    await world.advance('21h');
    for (const member of [alice, bruno]) {
      await world.settle(() => member.dms().length > 0);
    }
    // 30 minutes before the meetup: the 1 h reminder.
    world.emulator.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 503, afterEffect: true });
    await world.advance('270m');
    for (const member of [alice, bruno]) {
      await world.settle(() => member.dms().length > 1);
    }
    // After the meetup (12:00 Toronto + 90 min + 30 min): the recap.
    world.emulator.injectFault({
      method: 'POST',
      path: /^\/channels\/\d+\/messages\/\d+\/threads$/,
      status: 500,
      afterEffect: true,
    });
    world.emulator.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 503, afterEffect: true });
    await world.advance('3h');

    for (const member of [alice, bruno]) {
      const reminders = member.dms().filter((dm) => dm.content.includes(`#${tripId}`));
      // One per reminder offset (24 h and 1 h), each sent once.
      expect(reminders).toHaveLength(2);
      expect(new Set(reminders.map((dm) => dm.nonce)).size).toBe(2);
    }
    const threads = world.emulator.threads(message.channelId).filter((thread) => thread.id === message.id);
    expect(threads).toHaveLength(1);
    expect(botMessages(world, message.id)).toHaveLength(1);
    const [row] = await world.bot.deps.db.select().from(tripStops).where(eq(tripStops.id, tripId));
    expect(row?.recapMessageId).toBe(botMessages(world, message.id)[0]?.id);
  });

  it('GIVEN members clicking WHEN the gateway drops and discord.js resumes THEN every click is answered once, stored once, and nothing is posted twice', async () => {
    const { world } = context;
    const { message, tripId } = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'demain 12h' });
    const members = Array.from({ length: 12 }, (_, index) => world.join(`Membre${index}`));
    const postsBefore = botMessages(world, message.channelId).length;
    const resumesBefore = world.emulator.gatewayReceived.filter((payload) => payload.op === 6).length;

    const clicks: Promise<InteractionResult>[] = [];
    for (const [index, member] of members.entries()) {
      if (index === 4) world.emulator.dropGateway();
      clicks.push(member.clicks(message, 'going'));
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const results = await Promise.all(clicks);
    for (const result of results) {
      answeredOnce(result);
      expect(result.texts()).toHaveLength(1);
    }
    expect(world.emulator.gatewayReceived.filter((payload) => payload.op === 6).length).toBe(resumesBefore + 1);
    const rows = await world.bot.deps.db.select().from(rsvps).where(eq(rsvps.stopId, tripId));
    expect(rows.map((row) => row.userId).sort()).toEqual(
      [world.owner.id, ...members.map((member) => member.id)].sort(),
    );
    await world.settle(() => world.emulator.text(message.id).includes('Je viens: 13'));
    expect(botMessages(world, message.channelId)).toHaveLength(postsBefore);
    expect(log.text()).not.toMatch(/unhandled|uncaught/i);
  });
});

describe('REST faults on the posts of onboarding, towns and waitlist promotions', () => {
  const context = useWorld();

  beforeEach(async () => {
    await freshGuildWithTown(context.world);
    context.world.emulator.clearFaults();
  });

  it('GIVEN the welcome POST fails with 502 after the message was created WHEN a member joins THEN one welcome is posted', async () => {
    const { world } = context;
    const welcome = world.channel('#bienvenue');
    await (await world.owner.runs('/setup', { welcome_channel: welcome })).settled();
    world.emulator.injectFault({
      method: 'POST',
      path: `/channels/${welcome.id}/messages`,
      status: 502,
      afterEffect: true,
    });
    const alice = world.join('Alice');
    await world.settle(() => welcome.messages().length > 0);
    await world.settle(
      () =>
        world.emulator.requests.filter((request) => request.path === `/channels/${welcome.id}/messages`).length >= 2,
    );
    expect(welcome.messages().filter((message) => message.content.includes(alice.mention))).toHaveLength(1);
  });

  it('GIVEN adding the town role fails with 500 then 429 WHEN a member joins a town THEN they get the role and one confirmation', async () => {
    const { world } = context;
    const alice = world.join('Alice');
    world.emulator.injectFault({ method: 'PUT', path: /^\/guilds\/\d+\/members\/\d+\/roles\/\d+$/, status: 500 });
    world.emulator.injectFault({
      method: 'PUT',
      path: /^\/guilds\/\d+\/members\/\d+\/roles\/\d+$/,
      status: 429,
      retryAfterSeconds: 0.3,
    });
    const result = await alice.runs('/town join', { town: 'Rimouski' });
    await result.settled();
    answeredOnce(result);
    expect(result.texts()).toHaveLength(1);
    expect(alice.roles()).toEqual(['Rimouski']);
  });

  it('GIVEN a full trip WHEN a member leaves and the DM and the thread notice telling the promoted fail with 502 after taking effect THEN each promoted member is told exactly once', async () => {
    const { world } = context;
    const { message } = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'demain 12h', capacity: 2 });
    const alice = world.join('Alice');
    const bruno = world.join('Bruno');
    const chloe = world.join('Chloé', { dmClosed: true });
    for (const member of [alice, bruno, chloe]) answeredOnce(await member.clicks(message, 'going'));
    // Alice has the last seat; Bruno then Chloé wait.
    world.emulator.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 502, afterEffect: true });
    answeredOnce(await alice.clicks(message, 'no'));
    await world.settle(() => bruno.dms().length > 0);
    world.emulator.injectFault({
      method: 'POST',
      path: `/channels/${message.id}/messages`,
      status: 502,
      afterEffect: true,
    });
    answeredOnce(await world.owner.clicks(message, 'no'));
    const thread = () => world.threadOf(message);
    await world.settle(() => (thread()?.messages().length ?? 0) > 0);
    await world.bot.services.announcements.idle();
    expect(bruno.dms()).toHaveLength(1);
    expect(
      thread()
        ?.messages()
        .filter((notice) => notice.content.includes(chloe.mention)),
    ).toHaveLength(1);
  });
});
