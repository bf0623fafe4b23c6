import { jsonBody, type RouteRequest, type RouteResponse } from '../http.js';
import { ALLOWED_CALLBACKS, CallbackType, type InteractionRecord, InteractionType } from '../interactions.js';
import { createMessage, deleteMessage, editMessage } from '../messages.js';
import { type EmuChannel, type EmuMessage, MessageFlag, MessageType } from '../model.js';
import { DiscordApiError, invalidFormBody, validateAutocompleteChoices, validateModal } from '../validation.js';
import { Errors, formError, noContent, ok, param, type RouteKit } from './kit.js';

/** Interaction callbacks and the follow-up webhooks of an interaction token. */
export function registerInteractionRoutes(kit: RouteKit): void {
  const { state, interactions, botId } = kit;
  // Interaction callbacks and webhooks carry their token in the URL: no Authorization header.
  const route = (method: string, pattern: string, handler: (request: RouteRequest) => RouteResponse) =>
    kit.route(method, pattern, handler, false);

  const channelOfRecord = (record: InteractionRecord): EmuChannel => {
    const channel = state.channels.get(record.channelId);
    if (!channel) throw new DiscordApiError(404, 10003, 'Unknown Channel');
    return channel;
  };
  const metadata = (record: InteractionRecord) => ({
    id: record.id,
    type: record.type,
    name: record.name,
    userId: record.userId,
  });

  route('POST', '/interactions/:id/:token/callback', (request) => {
    const record = interactions.get(param(request, 'id'));
    if (!record || record.token !== param(request, 'token')) throw Errors.unknownInteraction();
    if (record.callback) throw Errors.alreadyAcknowledged();
    if (Date.now() - record.createdAtReal > kit.interactionDeadlineMs) throw Errors.unknownInteraction();
    const body = jsonBody(request.body);
    const type = Number(body['type']);
    const data = body['data'] === undefined || body['data'] === null ? null : jsonBody(body['data']);
    if (!(ALLOWED_CALLBACKS[record.type] ?? []).includes(type)) {
      throw formError(
        ['type'],
        'INTERACTION_RESPONSE_TYPE_INVALID',
        'Interaction response type is invalid for this interaction',
      );
    }
    const flags = typeof data?.['flags'] === 'number' ? data['flags'] : 0;
    const ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
    let message: EmuMessage | undefined;
    const componentMessage = record.componentMessageId ? state.messages.get(record.componentMessageId) : undefined;

    switch (type) {
      case CallbackType.ChannelMessageWithSource:
      case CallbackType.DeferredChannelMessageWithSource: {
        const deferred = type === CallbackType.DeferredChannelMessageWithSource;
        message = createMessage(state, {
          channel: channelOfRecord(record),
          authorId: botId,
          body: deferred ? {} : (data ?? {}),
          files: deferred ? [] : request.files,
          ephemeral,
          loading: deferred,
          interaction: metadata(record),
          webhookId: state.applicationId,
          type: record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Reply,
        });
        record.originalMessageId = message.id;
        break;
      }
      case CallbackType.DeferredUpdateMessage:
      case CallbackType.UpdateMessage: {
        if (!componentMessage) {
          throw formError(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'This interaction has no message to update');
        }
        if (type === CallbackType.UpdateMessage) editMessage(state, componentMessage, data ?? {}, request.files);
        message = componentMessage;
        record.originalMessageId = componentMessage.id;
        break;
      }
      case CallbackType.ApplicationCommandAutocompleteResult: {
        const errors = validateAutocompleteChoices(data);
        if (!errors.empty) throw invalidFormBody(errors);
        break;
      }
      case CallbackType.Modal: {
        const errors = validateModal(data);
        if (!errors.empty) throw invalidFormBody(errors);
        break;
      }
    }
    record.callback = { type, data, atReal: Date.now() };
    interactions.notify(record);
    if (request.query.get('with_response') !== 'true') return noContent();
    return ok({
      interaction: {
        id: record.id,
        type: record.type,
        activity_instance_id: undefined,
        response_message_id: message?.id,
        response_message_loading: message ? (message.flags & MessageFlag.Loading) !== 0 : undefined,
        response_message_ephemeral: message ? message.ephemeral : undefined,
      },
      resource: {
        type,
        ...(message ? { message: state.apiMessage(message) } : {}),
      },
    });
  });

  const recordOf = (request: RouteRequest): InteractionRecord => {
    if (param(request, 'appId') !== state.applicationId) throw Errors.unknownWebhook();
    const record = interactions.getByToken(param(request, 'token'));
    if (!record) throw Errors.unknownWebhook();
    if (Date.now() - record.createdAtReal > kit.interactionTokenLifetimeMs) throw Errors.invalidWebhookToken();
    if (!record.callback) throw Errors.unknownWebhook();
    return record;
  };
  const webhookMessage = (record: InteractionRecord, messageId: string): EmuMessage => {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const isOwn = id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = id ? state.messages.get(id) : undefined;
    if (!message || message.deleted || !isOwn) throw Errors.unknownMessage();
    return message;
  };
  const changed = (record: InteractionRecord) => interactions.notify(record);

  route('POST', '/webhooks/:appId/:token', (request) => {
    const record = recordOf(request);
    const body = jsonBody(request.body);
    const original = record.originalMessageId ? state.messages.get(record.originalMessageId) : undefined;
    // Discord's quirk: the first follow-up after a deferred reply fills in the "thinking…" message.
    if (original && (original.flags & MessageFlag.Loading) !== 0) {
      editMessage(state, original, body, request.files);
      changed(record);
      return ok(state.apiMessage(original));
    }
    const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
    const message = createMessage(state, {
      channel: channelOfRecord(record),
      authorId: botId,
      body,
      files: request.files,
      ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
      interaction: metadata(record),
      webhookId: state.applicationId,
      type: MessageType.Reply,
    });
    record.followUpIds.push(message.id);
    changed(record);
    return ok(state.apiMessage(message));
  });
  route('GET', '/webhooks/:appId/:token/messages/:messageId', (request) => {
    const record = recordOf(request);
    return ok(state.apiMessage(webhookMessage(record, param(request, 'messageId'))));
  });
  route('PATCH', '/webhooks/:appId/:token/messages/:messageId', (request) => {
    const record = recordOf(request);
    const message = webhookMessage(record, param(request, 'messageId'));
    editMessage(state, message, jsonBody(request.body), request.files);
    changed(record);
    return ok(state.apiMessage(message));
  });
  route('DELETE', '/webhooks/:appId/:token/messages/:messageId', (request) => {
    const record = recordOf(request);
    const message = webhookMessage(record, param(request, 'messageId'));
    deleteMessage(state, message);
    changed(record);
    return noContent();
  });
}
