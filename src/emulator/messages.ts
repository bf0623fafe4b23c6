import { computePinged, parseMentions } from './mentions.js';
import {
  type AllowedMentions,
  type EmuAttachment,
  type EmuChannel,
  type EmuMessage,
  type EmuState,
  type Json,
  MessageFlag,
  MessageType,
} from './model.js';
import {
  DiscordApiError,
  emptyMessageError,
  invalidFormBody,
  isEmptyMessage,
  validateMessageBody,
} from './validation.js';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((item) => typeof item === 'object' && item !== null) as Json[]) : [];
}

function asAllowedMentions(value: unknown): AllowedMentions | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Json;
  return {
    ...(Array.isArray(raw['parse']) ? { parse: raw['parse'].map(String) } : {}),
    ...(Array.isArray(raw['users']) ? { users: raw['users'].map(String) } : {}),
    ...(Array.isArray(raw['roles']) ? { roles: raw['roles'].map(String) } : {}),
    ...(typeof raw['replied_user'] === 'boolean' ? { replied_user: raw['replied_user'] } : {}),
  };
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|ics|csv))/;

/** Pairs multipart files with the `attachments` metadata of payload_json (matched by index id). */
function attachmentsFromFiles(state: EmuState, body: Json, files: UploadedFile[]): EmuAttachment[] {
  const metadata = asArray(body['attachments']);
  return files.map((file, index) => {
    const fieldIndex = /^files\[(\d+)\]$/.exec(file.field)?.[1];
    const key = fieldIndex ?? String(index);
    const meta = metadata.find((item) => String(item['id']) === key);
    const filename = typeof meta?.['filename'] === 'string' ? meta['filename'] : file.filename;
    const guessedType = filename.endsWith('.ics')
      ? 'text/calendar'
      : file.contentType && file.contentType !== 'application/octet-stream'
        ? file.contentType
        : 'application/octet-stream';
    return {
      id: state.nextId(),
      filename,
      description: typeof meta?.['description'] === 'string' ? meta['description'] : null,
      contentType: guessedType,
      size: file.data.length,
      text:
        TEXT_TYPES.test(guessedType) || guessedType === 'application/octet-stream' ? file.data.toString('utf8') : '',
      bytes: file.data,
    };
  });
}

export interface CreateMessageInput {
  channel: EmuChannel;
  authorId: string;
  body: Json;
  files: UploadedFile[];
  ephemeral?: boolean;
  /** Interaction responses and follow-ups are sent by the application's webhook. */
  interaction?: EmuMessage['interaction'];
  webhookId?: string | null;
  type?: number;
  /** For a deferred response: a placeholder with no content yet. */
  loading?: boolean;
  id?: string;
}

export function createMessage(state: EmuState, input: CreateMessageInput): EmuMessage {
  const { channel, body, files } = input;
  if (!input.loading) {
    const errors = validateMessageBody({ body, fileCount: files.length, partial: false });
    if (!errors.empty) throw invalidFormBody(errors);
    if (
      isEmptyMessage({
        content: body['content'],
        embeds: body['embeds'],
        components: body['components'],
        attachments: files.length,
        stickers: body['sticker_ids'],
        poll: body['poll'],
      })
    ) {
      throw emptyMessageError();
    }
  }
  const reference = body['message_reference'] as Json | undefined;
  let messageReference: EmuMessage['messageReference'] = null;
  let repliedUserId: string | null = null;
  if (reference && typeof reference === 'object' && reference['message_id']) {
    const referenced = state.messages.get(String(reference['message_id']));
    if (!referenced || referenced.deleted) {
      if (reference['fail_if_not_exists'] !== false) {
        throw new DiscordApiError(400, 50035, 'Invalid Form Body', {
          message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] },
        });
      }
    } else {
      messageReference = { messageId: referenced.id, channelId: referenced.channelId, guildId: referenced.guildId };
      repliedUserId = referenced.authorId;
    }
  }
  const content = typeof body['content'] === 'string' ? body['content'] : '';
  const allowedMentions = asAllowedMentions(body['allowed_mentions']);
  const requestedFlags = typeof body['flags'] === 'number' ? body['flags'] : 0;
  const keptFlags =
    requestedFlags & (MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.IsComponentsV2);
  const flags = keptFlags | (input.ephemeral ? MessageFlag.Ephemeral : 0) | (input.loading ? MessageFlag.Loading : 0);
  const now = state.now();
  const message: EmuMessage = {
    id: input.id ?? state.nextId(),
    channelId: channel.id,
    guildId: channel.guildId,
    authorId: input.authorId,
    type: input.type ?? (messageReference ? MessageType.Reply : MessageType.Default),
    content,
    embeds: asArray(body['embeds']),
    components: asArray(body['components']),
    attachments: attachmentsFromFiles(state, body, files),
    flags,
    createdAt: now,
    editedAt: null,
    nonce: body['nonce'] === undefined || body['nonce'] === null ? null : String(body['nonce']),
    allowedMentions,
    pinged: input.loading
      ? { users: [], roles: [], everyone: false }
      : computePinged({
          state,
          guildId: channel.guildId,
          authorId: input.authorId,
          content,
          allowedMentions,
          repliedUserId,
        }),
    mentions: parseMentions(state, channel.guildId, content),
    webhookId: input.webhookId ?? null,
    applicationId: input.interaction ? state.applicationId : null,
    interaction: input.interaction ?? null,
    messageReference,
    threadId: null,
    ephemeral: input.ephemeral ?? false,
    deleted: false,
    history: [],
  };
  state.addMessage(message);
  if (!message.ephemeral) {
    channel.lastMessageId = message.id;
    if (channel.thread) {
      channel.thread.messageCount += 1;
      channel.thread.memberIds.add(input.authorId);
      if (channel.thread.archived && !channel.thread.locked) channel.thread.archived = false;
    }
    state.dispatch('MESSAGE_CREATE', state.apiGatewayMessage(message), message.guildId);
  }
  return message;
}

/** Applies a PATCH to a message the way Discord does: present fields replace, absent fields stay. */
export function editMessage(state: EmuState, message: EmuMessage, body: Json, files: UploadedFile[]): EmuMessage {
  const errors = validateMessageBody({ body, fileCount: files.length, partial: true });
  if (!errors.empty) throw invalidFormBody(errors);
  const wasLoading = (message.flags & MessageFlag.Loading) !== 0;
  const next = {
    content: 'content' in body ? (typeof body['content'] === 'string' ? body['content'] : '') : message.content,
    embeds: 'embeds' in body ? asArray(body['embeds']) : message.embeds,
    components: 'components' in body ? asArray(body['components']) : message.components,
  };
  let attachments = message.attachments;
  if ('attachments' in body && Array.isArray(body['attachments'])) {
    const kept = new Set(asArray(body['attachments']).map((item) => String(item['id'])));
    attachments = attachments.filter((attachment) => kept.has(attachment.id));
  } else if (body['attachments'] === null) {
    attachments = [];
  }
  attachments = [...attachments, ...attachmentsFromFiles(state, body, files)];
  if (
    isEmptyMessage({
      content: next.content,
      embeds: next.embeds,
      components: next.components,
      attachments: attachments.length,
    })
  ) {
    throw emptyMessageError();
  }
  if (!wasLoading) {
    message.history.push({
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      editedAt: message.editedAt,
    });
  }
  message.content = next.content;
  message.embeds = next.embeds;
  message.components = next.components;
  message.attachments = attachments;
  if ('allowed_mentions' in body) message.allowedMentions = asAllowedMentions(body['allowed_mentions']);
  if (typeof body['flags'] === 'number') {
    message.flags = (message.flags & ~MessageFlag.SuppressEmbeds) | (body['flags'] & MessageFlag.SuppressEmbeds);
  }
  message.mentions = parseMentions(state, message.guildId, message.content);
  if (wasLoading) {
    // The first edit of a deferred reply is when the message really appears, so its mentions notify.
    message.flags &= ~MessageFlag.Loading;
    message.pinged = computePinged({
      state,
      guildId: message.guildId,
      authorId: message.authorId,
      content: message.content,
      allowedMentions: message.allowedMentions,
      repliedUserId: null,
    });
  } else {
    message.editedAt = state.now();
  }
  if (!message.ephemeral) state.dispatch('MESSAGE_UPDATE', state.apiGatewayMessage(message), message.guildId);
  return message;
}

export function deleteMessage(state: EmuState, message: EmuMessage): void {
  message.deleted = true;
  if (message.ephemeral) return;
  state.dispatch(
    'MESSAGE_DELETE',
    { id: message.id, channel_id: message.channelId, ...(message.guildId ? { guild_id: message.guildId } : {}) },
    message.guildId,
  );
}

/** Messages created with `enforce_nonce` are remembered this long (Discord says "a few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60_000;

export function findByNonce(
  state: EmuState,
  channelId: string,
  authorId: string,
  nonce: string,
): EmuMessage | undefined {
  const horizon = state.now().getTime() - NONCE_WINDOW_MS;
  const message = state.messageByNonce(channelId, authorId, nonce);
  return message && message.createdAt.getTime() >= horizon ? message : undefined;
}
