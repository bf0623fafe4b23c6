import { Client, DiscordAPIError, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { afterEach, beforeEach } from 'vitest';
import { type EmuGuild, type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';

export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages];

/** One emulator per test with a French guild and a member, Alice; the clients a test opens are closed after it. */
export function useEmulator(options: EmulatorOptions = {}) {
  const clients: Client[] = [];
  const context = {
    emulator: undefined as unknown as Emulator,
    guild: undefined as unknown as EmuGuild,
    general: '',
    alice: undefined as unknown as { userId: string },
    /** A real discord.js client logged in to the emulator, ready. */
    async connect(): Promise<Client> {
      const client = new Client({ intents: INTENTS, rest: { api: context.emulator.apiUrl } });
      clients.push(client);
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(context.emulator.botToken);
      await ready;
      return client;
    },
  };
  beforeEach(async () => {
    context.emulator = await startEmulator(options);
    context.guild = context.emulator.createGuild({ name: 'Bas-Saint-Laurent', preferredLocale: 'fr' });
    context.general = context.guild.systemChannelId ?? '';
    context.alice = context.emulator.addMember(context.guild.id, { username: 'alice', globalName: 'Alice' });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()));
    await context.emulator.close();
  });
  return context;
}

/** The Discord error a request ended with (fails the test when it succeeded). */
export async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DiscordAPIError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** Handles interactions like a bot would: errors are reported, never left unhandled. */
export function onInteraction(client: Client, handler: (interaction: Interaction) => Promise<unknown>): void {
  client.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => console.error('handler failed', error));
  });
}

export interface RawAnswer {
  status: number;
  body: { code?: number; errors?: Record<string, unknown>; [key: string]: unknown };
}

/** A raw REST call as the bot (no discord.js builder checks in the way). */
export async function rawRest(emulator: Emulator, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const response = await fetch(`${emulator.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${emulator.botToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as RawAnswer['body']) : {} };
}

/** The error codes Discord put at a dotted path of an "Invalid Form Body" tree ('' is the root). */
export function formErrorCodes(answer: RawAnswer, path: string): string[] {
  let node: unknown = answer.body.errors ?? {};
  for (const key of path === '' ? [] : path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  const errors = (node as { _errors?: { code: string }[] } | undefined)?._errors ?? [];
  return errors.map((error) => error.code);
}
