import type { EmuMessage, EmuState, Json } from './model.js';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function formatTimestamp(seconds: number, style: string): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return `<t:${seconds}:${style}>`;
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 16);
  switch (style) {
    case 'd':
    case 'D':
      return day;
    case 't':
    case 'T':
      return `${time} UTC`;
    case 'R':
      return `(relative ${day} ${time} UTC)`;
    default:
      return `${day} ${time} UTC`;
  }
}

function localizedName(definition: Json | undefined, locale: string | null): string | undefined {
  const names = definition?.['name_localizations'];
  if (!locale || !isObject(names)) return undefined;
  const name = names[locale] ?? names[locale.split('-')[0] ?? ''];
  return typeof name === 'string' ? name : undefined;
}

/**
 * `</trip new:ID>` as the Discord client shows it: `/trip new`, in the reader's language when the command
 * (by id) has localized names; as written when the id is unknown.
 */
function commandMention(state: EmuState, path: string, id: string, locale: string | null): string {
  const words = path.trim().split(/\s+/);
  const command = state.commands.get(id);
  if (!command || command.name !== words[0]) return `/${words.join(' ')}`;
  const shown = [localizedName(command.definition, locale) ?? command.name];
  let options = command.definition['options'];
  for (const word of words.slice(1)) {
    const option = Array.isArray(options)
      ? (options as Json[]).find((candidate) => isObject(candidate) && candidate['name'] === word)
      : undefined;
    shown.push(localizedName(option, locale) ?? word);
    options = option?.['options'];
  }
  return `/${shown.join(' ')}`;
}

/**
 * Replaces `<@id>`, `<@&id>`, `<#id>`, `</command sub:id>` and `<t:…>` with what a member would read;
 * `locale` is the reader's (command names are shown in it).
 */
export function resolveMentions(state: EmuState, content: string, locale: string | null = null): string {
  return content
    .replace(/<\/([-_'\p{L}\p{N} ]+):(\d+)>/gu, (_raw, path: string, id: string) =>
      commandMention(state, path, id, locale),
    )
    .replace(/<@!?(\d+)>/g, (raw, id: string) => {
      const user = state.users.get(id);
      return user ? `@${user.globalName ?? user.username}` : raw;
    })
    .replace(/<@&(\d+)>/g, (raw, id: string) => {
      const role = state.roles.get(id);
      return role ? `@${role.name}` : raw;
    })
    .replace(/<#(\d+)>/g, (raw, id: string) => {
      const channel = state.channels.get(id);
      return channel?.name ? `#${channel.name}` : raw;
    })
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_raw, seconds: string, style: string | undefined) =>
      formatTimestamp(Number(seconds), style ?? 'f'),
    );
}

function embedLines(state: EmuState, embed: Json, locale: string | null): string[] {
  const lines: string[] = [];
  if (isObject(embed['author']) && text(embed['author']['name'])) lines.push(text(embed['author']['name']));
  if (text(embed['title'])) lines.push(resolveMentions(state, text(embed['title']), locale));
  if (text(embed['description'])) lines.push(...resolveMentions(state, text(embed['description']), locale).split('\n'));
  if (Array.isArray(embed['fields'])) {
    for (const field of embed['fields']) {
      if (!isObject(field)) continue;
      lines.push(
        `${resolveMentions(state, text(field['name']), locale)}: ${resolveMentions(state, text(field['value']), locale)}`,
      );
    }
  }
  if (isObject(embed['footer']) && text(embed['footer']['text'])) lines.push(text(embed['footer']['text']));
  return lines;
}

/**
 * Who reads a channel when the test does not say: the recipient of a DM, else a member whose client speaks
 * the guild's preferred language.
 */
export function defaultReaderLocale(state: EmuState, channelId: string): string | null {
  const channel = state.channels.get(channelId);
  if (!channel) return null;
  if (channel.recipientId) return state.users.get(channel.recipientId)?.locale ?? null;
  return channel.guildId ? (state.guilds.get(channel.guildId)?.preferredLocale ?? null) : null;
}

/** The words a member reads in a message: its content and its embeds, mentions resolved. */
export function visibleText(
  state: EmuState,
  message: Pick<EmuMessage, 'content' | 'embeds' | 'channelId'>,
  locale: string | null = defaultReaderLocale(state, message.channelId),
): string {
  const parts: string[] = [];
  if (message.content) parts.push(resolveMentions(state, message.content, locale));
  for (const embed of message.embeds) parts.push(embedLines(state, embed, locale).join('\n'));
  return parts.join('\n');
}

function componentLines(components: Json[]): string[] {
  const lines: string[] = [];
  for (const row of components) {
    const children = Array.isArray(row['components']) ? row['components'] : [];
    const rendered: string[] = [];
    for (const child of children) {
      if (!isObject(child)) continue;
      const disabled = child['disabled'] === true ? ' (disabled)' : '';
      if (child['type'] === 2) {
        const emoji = isObject(child['emoji']) ? `${text(child['emoji']['name'])} ` : '';
        const label = `${emoji}${text(child['label'])}`.trim();
        const target = child['style'] === 5 ? text(child['url']) : text(child['custom_id']);
        rendered.push(`[${label}] (${target})${disabled}`);
      } else if (child['type'] === 3) {
        const options = Array.isArray(child['options']) ? child['options'] : [];
        const labels = options.map((option) => (isObject(option) ? text(option['label']) : '')).join(' | ');
        const placeholder = text(child['placeholder']) || 'Select';
        rendered.push(`<${placeholder}: ${labels}> (${text(child['custom_id'])})${disabled}`);
      } else {
        rendered.push(
          `<select type ${String(child['type'])}: ${text(child['placeholder'])}> (${text(child['custom_id'])})`,
        );
      }
    }
    if (rendered.length > 0) lines.push(rendered.join(' '));
  }
  return lines;
}

export function renderMessage(
  state: EmuState,
  message: EmuMessage,
  locale: string | null = defaultReaderLocale(state, message.channelId),
): string {
  const author = state.users.get(message.authorId);
  const name = author ? `${author.globalName ?? author.username}${author.bot ? ' [BOT]' : ''}` : message.authorId;
  const lines: string[] = [];
  const header = message.interaction
    ? ` (↪ /${message.interaction.name} by ${userName(state, message.interaction.userId)})`
    : '';
  const loading = (message.flags & (1 << 7)) !== 0 ? ' is thinking…' : '';
  const edited = message.editedAt ? ' (edited)' : '';
  const contentLines = message.content ? resolveMentions(state, message.content, locale).split('\n') : [];
  lines.push(`${name}${header}${loading}:${edited}${contentLines.length > 0 ? ` ${contentLines[0]}` : ''}`);
  for (const line of contentLines.slice(1)) lines.push(`  ${line}`);
  for (const embed of message.embeds) for (const line of embedLines(state, embed, locale)) lines.push(`  ┃ ${line}`);
  for (const line of componentLines(message.components)) lines.push(`  ${line}`);
  for (const attachment of message.attachments) lines.push(`  📎 ${attachment.filename} (${attachment.size} bytes)`);
  if (message.threadId) {
    const thread = state.channels.get(message.threadId);
    const count = state.channelMessages(message.threadId).length;
    lines.push(`  🧵 thread "${thread?.name ?? ''}" (${count} message${count === 1 ? '' : 's'})`);
  }
  const pinged = [
    ...message.pinged.users.map((id) => `@${userName(state, id)}`),
    ...message.pinged.roles.map((id) => `@${state.roles.get(id)?.name ?? id}`),
    ...(message.pinged.everyone ? ['@everyone'] : []),
  ];
  if (pinged.length > 0) lines.push(`  🔔 ${pinged.join(', ')}`);
  return lines.join('\n');
}

function userName(state: EmuState, userId: string): string {
  const user = state.users.get(userId);
  return user ? (user.globalName ?? user.username) : userId;
}

export function renderChannel(
  state: EmuState,
  channelId: string,
  locale: string | null = defaultReaderLocale(state, channelId),
): string {
  const channel = state.channels.get(channelId);
  if (!channel) return `(unknown channel ${channelId})`;
  const title = channel.thread
    ? `🧵 ${channel.name ?? ''}`
    : channel.name
      ? `#${channel.name}`
      : `DM with ${userName(state, channel.recipientId ?? '')}`;
  const messages = state.channelMessages(channelId);
  return [title, ...messages.map((message) => renderMessage(state, message, locale))].join('\n');
}
