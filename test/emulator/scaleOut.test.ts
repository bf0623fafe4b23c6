import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyRequests } from '@discordjs/proxy';
import { REST } from '@discordjs/rest';
import { AttachmentBuilder, Client, Events, type TextChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { maxInWindow } from '../../src/emulator/rates.js';
import { INTENTS, rawRest } from './support.js';

let emulator: Emulator;
const closers: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  emulator = await startEmulator(options);
  closers.push(() => emulator.close());
  return emulator;
}

/** IDENTIFY on a raw websocket, as fast as a careless process would; resolves at READY. */
function identify(shard: [number, number]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${emulator.gatewayUrl}/?v=10&encoding=json`);
    closers.push(() => socket.terminate());
    socket.on('error', reject);
    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; t?: string };
      if (payload.op === 10) {
        socket.send(JSON.stringify({ op: 2, d: { token: emulator.botToken, intents: 1, shard, properties: {} } }));
      }
      if (payload.t === 'READY') resolve();
    });
  });
}

describe('identify concurrency', () => {
  it('GIVEN max_concurrency 4 WHEN the bot asks GET /gateway/bot THEN session_start_limit says 4', async () => {
    await start({ maxConcurrency: 4, shards: 8 });

    const answer = await rawRest(emulator, 'GET', '/gateway/bot');

    expect(answer.body['shards']).toBe(8);
    expect((answer.body['session_start_limit'] as Record<string, unknown>)['max_concurrency']).toBe(4);
  });

  it('GIVEN max_concurrency 1 WHEN two shards identify at once THEN one violation of bucket 0 is counted', async () => {
    await start({ maxConcurrency: 1 });

    await Promise.all([identify([0, 2]), identify([1, 2])]);

    expect(emulator.identifies().map((record) => record.bucket)).toEqual([0, 0]);
    expect(emulator.identifyViolations()).toHaveLength(1);
    expect(emulator.identifyViolations()[0]).toMatchObject({ bucket: 0 });
  });

  it('GIVEN max_concurrency 2 WHEN shards 0 and 1 identify at once THEN they are in two buckets and nothing is violated', async () => {
    await start({ maxConcurrency: 2 });

    await Promise.all([identify([0, 2]), identify([1, 2])]);

    expect(new Set(emulator.identifies().map((record) => record.bucket))).toEqual(new Set([0, 1]));
    expect(emulator.identifyViolations()).toEqual([]);
  });
});

describe('global request rate', () => {
  it('GIVEN 30 requests, a pause of more than a second, then 30 more WHEN measured THEN no second held more than 30', async () => {
    await start();
    const burst = () =>
      Promise.all(Array.from({ length: 30 }, () => rawRest(emulator, 'GET', `/users/${emulator.botUser.id}`)));

    await burst();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await burst();

    expect(emulator.requests.filter((request) => request.bot)).toHaveLength(60);
    expect(emulator.maxRequestsPerSecond()).toBeLessThanOrEqual(30);
  });

  it('GIVEN interaction callbacks among the requests WHEN measured THEN only bot-token requests count, as in Discord', async () => {
    await start();

    await Promise.all([
      ...Array.from({ length: 5 }, () => rawRest(emulator, 'GET', `/users/${emulator.botUser.id}`)),
      ...Array.from({ length: 5 }, (_, index) =>
        fetch(`${emulator.apiUrl}/v10/interactions/${index}/token/callback`, { method: 'POST', body: '{}' }),
      ),
    ]);

    expect(emulator.maxRequestsPerSecond()).toBeLessThanOrEqual(5);
    expect(emulator.maxRequestsPerSecond({ includeInteractions: true })).toBeGreaterThan(
      emulator.maxRequestsPerSecond(),
    );
  });

  it('GIVEN 50 requests at the end of one second and 50 at the start of the next WHEN measured THEN the sliding window sees 100', () => {
    const late = Array.from({ length: 50 }, (_, index) => 900 + index);
    const early = Array.from({ length: 50 }, (_, index) => 1_000 + index);

    expect(maxInWindow([...late, ...early])).toBe(100);
    expect(maxInWindow([...late, ...early.map((at) => at + 1_000)])).toBe(50);
  });
});

describe('behind @discordjs/proxy', () => {
  async function startProxy(): Promise<string> {
    const rest = new REST({ rejectOnRateLimit: () => true, retries: 0, api: emulator.apiUrl });
    const server: Server = createServer(proxyRequests(rest));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  }

  it('GIVEN a bot whose REST goes through the proxy WHEN it logs in, posts with a file and answers an interaction THEN the emulator serves it all', async () => {
    await start();
    const guild = emulator.createGuild({ name: 'Bas-Saint-Laurent' });
    const alice = emulator.addMember(guild.id, { username: 'alice' });
    const client = new Client({ intents: INTENTS, rest: { api: await startProxy() } });
    closers.push(() => client.destroy());
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isRepliable()) interaction.reply({ content: 'Bien reçu' }).catch(() => {});
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(emulator.botToken);
    await ready;

    const channel = (await client.channels.fetch(guild.systemChannelId ?? '')) as TextChannel;
    await channel.send({
      content: 'Rimouski',
      files: [new AttachmentBuilder(Buffer.from('BEGIN:VCALENDAR'), { name: 'trip.ics' })],
    });
    const result = await emulator.runCommand({ channelId: channel.id, userId: alice.userId, name: 'trip' });

    const posted = emulator.messages(channel.id).find((message) => message.content === 'Rimouski');
    expect(posted?.attachments.map((attachment) => attachment.text)).toEqual(['BEGIN:VCALENDAR']);
    expect(result.response()).toBe('Bien reçu');
    expect(emulator.requests.some((request) => request.route === '/channels/:channelId/messages' && request.bot)).toBe(
      true,
    );
  });
});
