import type { AutocompleteInput, ClickButtonInput, RunCommandInput, SelectMenuInput, SubmitModalInput } from './api.js';
import type { Gateway } from './gateway.js';
import {
  buildOptions,
  type CommandOptionInput,
  emptyResolved,
  findComponent,
  type InteractionRecord,
  InteractionResult,
  type InteractionStore,
  InteractionType,
  interactionEnvelope,
  listCustomIds,
  newInteractionToken,
  resolveChannel,
  resolvedPayload,
  resolveRole,
  resolveUser,
} from './interactions.js';
import { createMessage } from './messages.js';
import type { EmuChannel, EmuCommand, EmuMessage, EmuState, Json } from './model.js';
import { hasPermission } from './permissions.js';

/**
 * What the simulated members do: write in a channel, run slash commands, type in autocomplete options,
 * click buttons, pick in menus, submit modals. Each action builds the interaction Discord would send,
 * dispatches it to the bot and resolves at the bot's callback (or at Discord's 3 s deadline).
 */
export class SimulatedMembers {
  constructor(
    private readonly state: EmuState,
    private readonly gateway: Gateway,
    private readonly interactionStore: InteractionStore,
    private readonly deadlineMs: number,
    private readonly timers: Set<NodeJS.Timeout>,
  ) {}

  postMessage(input: { channelId: string; userId: string; content: string; replyTo?: string }): EmuMessage {
    const channel = this.requireChannel(input.channelId);
    if (channel.guildId && !this.state.member(channel.guildId, input.userId)) {
      throw new Error(`User ${input.userId} is not in the guild of channel ${input.channelId}`);
    }
    return createMessage(this.state, {
      channel,
      authorId: input.userId,
      body: {
        content: input.content,
        ...(input.replyTo ? { message_reference: { message_id: input.replyTo } } : {}),
      },
      files: [],
    });
  }

  private findCommand(guildId: string | null, name: string): EmuCommand | undefined {
    const all = [...this.state.commands.values()];
    const chatInput = all.filter((command) => command.type === 1 && command.name === name);
    const command =
      chatInput.find((candidate) => guildId !== null && candidate.guildId === guildId) ??
      chatInput.find((candidate) => candidate.guildId === null);
    const visible = all.filter((candidate) => candidate.guildId === null || candidate.guildId === guildId);
    if (!command && visible.length > 0) {
      throw new Error(`/${name} is not registered (registered: ${visible.map((c) => c.name).join(', ')})`);
    }
    return command;
  }

  private checkCommandAvailable(command: EmuCommand, channel: EmuChannel, userId: string): void {
    const { definition } = command;
    if (!channel.guildId) {
      const contexts = Array.isArray(definition['contexts']) ? definition['contexts'] : null;
      if (definition['dm_permission'] === false || (contexts && !contexts.includes(1))) {
        throw new Error(`/${command.name} is not available in DMs`);
      }
      return;
    }
    const contexts = Array.isArray(definition['contexts']) ? definition['contexts'] : null;
    if (contexts && !contexts.includes(0)) throw new Error(`/${command.name} is not available in guilds`);
    const required = definition['default_member_permissions'];
    if (required === undefined || required === null) return;
    const needed = BigInt(String(required));
    const held = this.state.permissionsOf(channel.guildId, userId);
    if (!hasPermission(held, needed)) {
      const user = this.state.users.get(userId);
      throw new Error(
        `/${command.name} is hidden from ${user?.username ?? userId}: it needs permissions ${needed} ` +
          '(pass ignoreCommandPermissions to simulate an admin override)',
      );
    }
  }

  private commandData(input: RunCommandInput, options: CommandOptionInput[]): { data: Json; channel: EmuChannel } {
    const channel = this.requireChannel(input.channelId);
    if (input.guildId !== undefined && input.guildId !== channel.guildId) {
      throw new Error(`Channel ${channel.id} is not in guild ${input.guildId}`);
    }
    const command = this.findCommand(channel.guildId, input.name);
    if (command && !input.ignoreCommandPermissions) this.checkCommandAvailable(command, channel, input.userId);
    const resolved = emptyResolved();
    const permissions = channel.guildId ? this.state.permissionsOf(channel.guildId, input.userId) : 0n;
    const definitions = command
      ? Array.isArray(command.definition['options'])
        ? (command.definition['options'] as Json[])
        : []
      : undefined;
    const built = buildOptions(this.state, channel.guildId, options, definitions, resolved, permissions, input.name);
    const data: Json = {
      id: command?.id ?? this.state.nextId(),
      name: input.name,
      type: 1,
      ...(built.length > 0 ? { options: built } : {}),
      ...(resolvedPayload(resolved) ? { resolved: resolvedPayload(resolved) } : {}),
      ...(command?.guildId ? { guild_id: command.guildId } : {}),
    };
    return { data, channel };
  }

  private dispatchInteraction(input: {
    type: number;
    channel: EmuChannel;
    userId: string;
    locale?: string;
    name: string;
    data: Json;
    message?: EmuMessage;
  }): InteractionRecord {
    if (!this.gateway.sessions.size) {
      throw new Error('The bot is not connected to the emulator gateway: nobody would receive this interaction');
    }
    const id = this.state.nextId();
    const token = newInteractionToken();
    const envelope = interactionEnvelope(this.state, {
      id,
      token,
      type: input.type,
      channel: input.channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
    });
    const payload: Json = {
      ...envelope,
      data: input.data,
      ...(input.message ? { message: this.state.apiMessage(input.message) } : {}),
    };
    const record: InteractionRecord = {
      id,
      token,
      type: input.type,
      guildId: input.channel.guildId,
      channelId: input.channel.id,
      userId: input.userId,
      name: input.name,
      payload,
      createdAtReal: Date.now(),
      callback: null,
      originalMessageId: null,
      componentMessageId: input.message?.id ?? null,
      followUpIds: [],
      listeners: new Set(),
    };
    this.interactionStore.add(record);
    this.state.dispatch('INTERACTION_CREATE', payload, input.channel.guildId);
    return record;
  }

  /** Resolves at the callback, or at Discord's deadline with `timedOut` set. */
  private awaitCallback(record: InteractionRecord): Promise<InteractionResult> {
    const result = new InteractionResult(record, this.state);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        record.listeners.delete(listener);
        resolve(result);
      };
      const listener = () => {
        if (record.callback) done();
      };
      const timer = setTimeout(done, this.deadlineMs + 50);
      this.timers.add(timer);
      record.listeners.add(listener);
    });
  }

  async runCommand(input: RunCommandInput): Promise<InteractionResult> {
    const { data, channel } = this.commandData(input, input.options ?? []);
    const record = this.dispatchInteraction({
      type: InteractionType.ApplicationCommand,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.name,
      data,
    });
    return this.awaitCallback(record);
  }

  async autocomplete(input: AutocompleteInput): Promise<InteractionResult> {
    const focused: CommandOptionInput = {
      name: input.focused.name,
      value: input.focused.value,
      focused: true,
      ...(input.focused.type !== undefined ? { type: input.focused.type } : {}),
    };
    const place = (options: CommandOptionInput[]): CommandOptionInput[] => {
      const last = options.at(-1);
      if (last?.options) return [...options.slice(0, -1), { ...last, options: place(last.options) }];
      return [...options, focused];
    };
    const { data, channel } = this.commandData(input, place(input.options ?? []));
    const record = this.dispatchInteraction({
      type: InteractionType.ApplicationCommandAutocomplete,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.name,
      data,
    });
    return this.awaitCallback(record);
  }

  private componentTarget(input: ClickButtonInput): { message: EmuMessage; channel: EmuChannel; component: Json } {
    const message = this.state.messages.get(input.messageId);
    if (!message || message.deleted) throw new Error(`Unknown message ${input.messageId}`);
    if (input.channelId !== undefined && input.channelId !== message.channelId) {
      throw new Error(`Message ${message.id} is not in channel ${input.channelId}`);
    }
    const component = findComponent(message.components, input.customId);
    if (!component) {
      throw new Error(
        `Message ${message.id} has no component "${input.customId}" (has: ${listCustomIds(message.components).join(', ') || 'none'})`,
      );
    }
    if (component['disabled'] === true) throw new Error(`Component "${input.customId}" is disabled`);
    return { message, channel: this.requireChannel(message.channelId), component };
  }

  async clickButton(input: ClickButtonInput): Promise<InteractionResult> {
    const { message, channel, component } = this.componentTarget(input);
    if (component['type'] !== 2) throw new Error(`Component "${input.customId}" is not a button`);
    const record = this.dispatchInteraction({
      type: InteractionType.MessageComponent,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.customId,
      data: { custom_id: input.customId, component_type: 2 },
      message,
    });
    return this.awaitCallback(record);
  }

  async selectMenu(input: SelectMenuInput): Promise<InteractionResult> {
    const { message, channel, component } = this.componentTarget(input);
    const componentType = Number(component['type']);
    if (![3, 5, 6, 7, 8].includes(componentType)) throw new Error(`Component "${input.customId}" is not a select menu`);
    const min = typeof component['min_values'] === 'number' ? component['min_values'] : 1;
    const max = typeof component['max_values'] === 'number' ? component['max_values'] : 1;
    if (input.values.length < min || input.values.length > max) {
      throw new Error(`Select "${input.customId}" takes ${min}–${max} values, got ${input.values.length}`);
    }
    if (componentType === 3) {
      const options = Array.isArray(component['options']) ? (component['options'] as Json[]) : [];
      const allowed = new Set(options.map((option) => String(option['value'])));
      const wrong = input.values.filter((value) => !allowed.has(value));
      if (wrong.length > 0) throw new Error(`Select "${input.customId}" has no option ${wrong.join(', ')}`);
    }
    const resolved = emptyResolved();
    const permissions = channel.guildId ? this.state.permissionsOf(channel.guildId, input.userId) : 0n;
    for (const value of input.values) {
      if (componentType === 5) resolveUser(this.state, channel.guildId, value, resolved);
      if (componentType === 6) resolveRole(this.state, value, resolved);
      if (componentType === 8) resolveChannel(this.state, value, permissions, resolved);
      if (componentType === 7) {
        if (this.state.roles.has(value)) resolveRole(this.state, value, resolved);
        else resolveUser(this.state, channel.guildId, value, resolved);
      }
    }
    const record = this.dispatchInteraction({
      type: InteractionType.MessageComponent,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.customId,
      data: {
        custom_id: input.customId,
        component_type: componentType,
        values: input.values,
        ...(resolvedPayload(resolved) ? { resolved: resolvedPayload(resolved) } : {}),
      },
      message,
    });
    return this.awaitCallback(record);
  }

  async submitModal(input: SubmitModalInput): Promise<InteractionResult> {
    // Rebuild the submission from the modal the bot actually showed, so its layout and limits apply.
    const shown = [...this.interactionStore.all()]
      .reverse()
      .find(
        (record) =>
          record.userId === input.userId &&
          record.callback?.type === 9 &&
          record.callback.data?.['custom_id'] === input.customId,
      );
    const modal = shown?.callback?.data ?? null;
    const messageId = input.messageId ?? shown?.componentMessageId ?? undefined;
    const message = messageId ? this.state.messages.get(messageId) : undefined;
    const channelId = input.channelId ?? shown?.channelId ?? message?.channelId;
    if (!channelId) throw new Error('submitModal needs a channelId when no modal was shown');
    const channel = this.requireChannel(channelId);
    const components = modal ? this.modalSubmission(modal, input.fields) : this.plainSubmission(input.fields);
    const record = this.dispatchInteraction({
      type: InteractionType.ModalSubmit,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.customId,
      data: { custom_id: input.customId, components },
      ...(message ? { message } : {}),
    });
    return this.awaitCallback(record);
  }

  private plainSubmission(fields: Record<string, string | string[]>): Json[] {
    return Object.entries(fields).map(([customId, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: customId, value: Array.isArray(value) ? value.join(',') : value }],
    }));
  }

  private modalSubmission(modal: Json, fields: Record<string, string | string[]>): Json[] {
    const rows = Array.isArray(modal['components']) ? (modal['components'] as Json[]) : [];
    const known = new Set<string>();
    const submitted = rows.map((row) => {
      const inner =
        row['type'] === 1 && Array.isArray(row['components'])
          ? ((row['components'] as Json[])[0] ?? {})
          : ((row['component'] as Json | undefined) ?? {});
      const customId = String(inner['custom_id'] ?? '');
      if (!customId) return { type: row['type'], id: row['id'] };
      known.add(customId);
      const value = fields[customId];
      const required = inner['required'] !== false;
      if (inner['type'] === 4) {
        const text = Array.isArray(value) ? value.join(',') : (value ?? '');
        if (required && text.length === 0) throw new Error(`Modal field "${customId}" is required`);
        const min = typeof inner['min_length'] === 'number' ? inner['min_length'] : 0;
        const max = typeof inner['max_length'] === 'number' ? inner['max_length'] : 4000;
        if (text.length > 0 && (text.length < min || text.length > max)) {
          throw new Error(`Modal field "${customId}" takes ${min}–${max} characters, got ${text.length}`);
        }
        const component = { type: 4, custom_id: customId, value: text };
        return row['type'] === 1 ? { type: 1, components: [component] } : { type: 18, component };
      }
      const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
      return { type: 18, component: { type: inner['type'], custom_id: customId, values } };
    });
    const unknownFields = Object.keys(fields).filter((customId) => !known.has(customId));
    if (unknownFields.length > 0) throw new Error(`The modal has no field ${unknownFields.join(', ')}`);
    return submitted;
  }

  private requireChannel(channelId: string): EmuChannel {
    const channel = this.state.channels.get(channelId);
    if (!channel || channel.deleted) throw new Error(`Unknown channel ${channelId}`);
    return channel;
  }
}
