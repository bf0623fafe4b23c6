import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useWorld } from '../support/e2e.js';
import { announceTrip, captureLog } from '../support/reliability.js';

/** A token shaped like Discord's (id . timestamp . secret); its secret part must never be seen outside the client. */
const TOKEN = `${Buffer.from('1575164156313600000').toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
const SECRET = TOKEN.split('.').at(-1)!;

/**
 * The bot's whole log at trace level, through the production logger (src/logger.ts) but without its scrubbing, while it
 * answers commands, fails, retries and reconnects; then the log, every message and reply in the emulator and every
 * request body the bot sent are searched for the token and for its secret part alone.
 */
describe('the token stays secret', () => {
  // Without the token in `secrets`: the scrubbing of src/logger.ts is a safety net, not what this test relies on.
  const log = captureLog({ level: 'trace', secrets: [] });
  const context = useWorld({ logger: log.logger, emulator: { botToken: TOKEN } });

  it('GIVEN commands, clicks, errors, REST retries and a gateway resume WHEN the log, the messages and the requests are searched THEN the token appears nowhere', async () => {
    const { world } = context;
    await (await world.owner.runs('/town add', { name: 'Rimouski' })).settled();
    await (await world.owner.runs('/setup')).settled();
    const { message } = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'demain 12h', capacity: 1 });
    const alice = world.join('Alice');
    const bruno = world.join('Bruno', { dmClosed: true });
    world.emulator.injectFault({ path: /\/callback$/, status: 500 });
    await alice.clicks(message, 'going');
    world.emulator.injectFault({ path: /\/callback$/, status: 429, retryAfterSeconds: 0.2 });
    await bruno.clicks(message, 'going');
    await world.owner.clicks(message, 'no');
    // Errors logged in full: an answer Discord keeps refusing, an unknown trip, a forged button.
    await world.bot.services.announcements.idle();
    world.emulator.injectFault({ method: 'PATCH', path: /\/messages\/@original$/, status: 503, times: 12 });
    await world.owner.runs('/trip new', { town: 'Rimouski', when: 'après-demain 12h' });
    await world.settle(() => log.text().includes('"msg":"interaction failed"'), 20_000);
    world.emulator.clearFaults();
    await (await bruno.runs('/rsvp', { trip: '999', response: 'going' })).settled();
    await world.emulator.clickButton({
      messageId: message.id,
      customId: 'rsvp:1:going',
      userId: world.owner.id,
    });
    world.emulator.dropGateway();
    await world.emulator.waitFor(() => world.emulator.gatewayReceived.some((payload) => payload.op === 6), 15_000);
    await world.emulator.waitFor(() => world.emulator.connected, 15_000);
    await (await alice.runs('/trip list')).settled();
    await world.bot.services.announcements.idle();

    const logText = log.text();
    expect(log.lines.length).toBeGreaterThan(5);
    // The failures above were logged, with their errors: the search covered them.
    expect(logText).toMatch(/"level":50,.*"err":\{"type":"HTTPError".*"msg":"interaction failed"/);
    const messages = JSON.stringify(
      [...world.emulator.state.messages.values()].map((posted) => ({
        content: posted.content,
        embeds: posted.embeds,
        components: posted.components,
        attachments: posted.attachments.map((attachment) => attachment.text),
        history: posted.history,
      })),
    );
    const replies = JSON.stringify(world.emulator.interactions().map((interaction) => interaction.data));
    const requests = JSON.stringify(
      world.emulator.requests.map((request) => [request.path, request.query, request.body]),
    );
    for (const [where, text] of Object.entries({ log: logText, messages, replies, requests })) {
      expect(text.length, where).toBeGreaterThan(100);
      expect(text.includes(TOKEN), `the token in ${where}`).toBe(false);
      expect(text.includes(SECRET), `the token's secret part in ${where}`).toBe(false);
    }
  }, 60_000);
});
