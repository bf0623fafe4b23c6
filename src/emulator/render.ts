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

/** Replaces `<@id>`, `<@&id>`, `<#id>` and `<t:…>` with what a member would read. */
export function resolveMentions(state: EmuState, content: string): string {
  return content
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

function embedLines(state: EmuState, embed: Json): string[] {
  const lines: string[] = [];
  if (isObject(embed['author']) && text(embed['author']['name'])) lines.push(text(embed['author']['name']));
  if (text(embed['title'])) lines.push(resolveMentions(state, text(embed['title'])));
  if (text(embed['description'])) lines.push(...resolveMentions(state, text(embed['description'])).split('\n'));
  if (Array.isArray(embed['fields'])) {
    for (const field of embed['fields']) {
      if (!isObject(field)) continue;
      lines.push(`${resolveMentions(state, text(field['name']))}: ${resolveMentions(state, text(field['value']))}`);
    }
  }
  if (isObject(embed['footer']) && text(embed['footer']['text'])) lines.push(text(embed['footer']['text']));
  return lines;
}

/** The words a member reads in a message: its content and its embeds, mentions resolved. */
export function visibleText(state: EmuState, message: Pick<EmuMessage, 'content' | 'embeds'>): string {
  const parts: string[] = [];
  if (message.content) parts.push(resolveMentions(state, message.content));
  for (const embed of message.embeds) parts.push(embedLines(state, embed).join('\n'));
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

export function renderMessage(state: EmuState, message: EmuMessage): string {
  const author = state.users.get(message.authorId);
  const name = author ? `${author.globalName ?? author.username}${author.bot ? ' [BOT]' : ''}` : message.authorId;
  const lines: string[] = [];
  const header = message.interaction
    ? ` (↪ /${message.interaction.name} by ${userName(state, message.interaction.userId)})`
    : '';
  const loading = (message.flags & (1 << 7)) !== 0 ? ' is thinking…' : '';
  const edited = message.editedAt ? ' (edited)' : '';
  const contentLines = message.content ? resolveMentions(state, message.content).split('\n') : [];
  lines.push(`${name}${header}${loading}:${edited}${contentLines.length > 0 ? ` ${contentLines[0]}` : ''}`);
  for (const line of contentLines.slice(1)) lines.push(`  ${line}`);
  for (const embed of message.embeds) for (const line of embedLines(state, embed)) lines.push(`  ┃ ${line}`);
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

export function renderChannel(state: EmuState, channelId: string): string {
  const channel = state.channels.get(channelId);
  if (!channel) return `(unknown channel ${channelId})`;
  const title = channel.thread
    ? `🧵 ${channel.name ?? ''}`
    : channel.name
      ? `#${channel.name}`
      : `DM with ${userName(state, channel.recipientId ?? '')}`;
  const messages = state.channelMessages(channelId);
  return [title, ...messages.map((message) => renderMessage(state, message))].join('\n');
}
