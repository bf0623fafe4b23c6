/**
 * A local, in-process Discord (REST v10 + gateway) that the real, unmodified discord.js client talks
 * to. Tests and the sandbox use it; the bot never imports it.
 *
 * ```ts
 * const emulator = await startEmulator();
 * const guild = emulator.createGuild({ name: 'Bas-Saint-Laurent', preferredLocale: 'fr' });
 * const alice = emulator.addMember(guild.id, { username: 'alice', locale: 'fr' });
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl } });
 * await client.login(emulator.botToken); // then wait for Events.ClientReady
 * const result = await emulator.runCommand({ channelId: guild.systemChannelId!, userId: alice.userId, name: 'trip' });
 * await result.settled();                // a deferred reply has been edited
 * expect(result.response()).toContain('Matane');
 * expect(emulator.render(guild.systemChannelId!)).toMatchInlineSnapshot();
 * await client.destroy(); await emulator.close();
 * ```
 */
export type {
  AddMemberInput,
  AutocompleteInput,
  ClickButtonInput,
  Emulator,
  EmulatorOptions,
  OnboardingPromptInput,
  OverwriteInput,
  ReaderOptions,
  RunCommandInput,
  SelectMenuInput,
  SubmitModalInput,
} from './api.js';
export type { FaultSpec, RecordedRequest } from './http.js';
export type { CommandOptionInput } from './interactions.js';
export { InteractionResult } from './interactions.js';
export type {
  AllowedMentions,
  EmuAttachment,
  EmuChannel,
  EmuCommand,
  EmuGuild,
  EmuMember,
  EmuMessage,
  EmuPinged,
  EmuRole,
  EmuScheduledEvent,
  EmuThread,
  EmuUser,
  Onboarding,
  OnboardingOption,
  OnboardingPrompt,
} from './model.js';
export { ChannelType, MessageFlag } from './model.js';
export { DEFAULT_BOT_PERMISSIONS, Permission } from './permissions.js';
export type { IdentifyRecord, IdentifyViolation } from './rates.js';
export { shardOf } from './snowflake.js';

import type { Emulator, EmulatorOptions } from './api.js';
import { EmulatorImpl } from './emulator.js';

/** Starts a local Discord (REST + gateway) on 127.0.0.1 with a free port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new EmulatorImpl(options);
  await emulator.listen();
  return emulator;
}
