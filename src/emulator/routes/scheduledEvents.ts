import { jsonBody, type RouteRequest } from '../http.js';
import type { EmuGuild, EmuScheduledEvent, Json } from '../model.js';
import { hasPermission, Permission } from '../permissions.js';
import { DiscordApiError, FormErrors, invalidFormBody } from '../validation.js';
import { Errors, noContent, ok, param, type RouteKit } from './kit.js';

/** Guild scheduled events with Discord's validation and status transitions. */
export function registerScheduledEventRoutes(kit: RouteKit): void {
  const { state, route, botId, guildOf, botPermissions, requirePermission } = kit;

  const eventOf = (guild: EmuGuild, request: RouteRequest): EmuScheduledEvent => {
    const event = state.scheduledEvents.get(param(request, 'eventId'));
    if (!event || event.deleted || event.guildId !== guild.id) throw Errors.unknownEvent();
    return event;
  };
  const parseDate = (value: unknown, path: string, errors: FormErrors): Date | null => {
    if (value === undefined || value === null) return null;
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) {
      errors.add([path], 'DATE_TYPE_PARSE', 'Could not parse. Should be ISO8601.');
      return null;
    }
    return date;
  };
  const applyEventFields = (event: EmuScheduledEvent, body: Json, creating: boolean) => {
    const errors = new FormErrors();
    if (creating || 'name' in body) errors.length(['name'], body['name'], 1, 100);
    if ('description' in body && body['description'] !== null)
      errors.length(['description'], body['description'], 1, 1000);
    if ('privacy_level' in body && body['privacy_level'] !== 2) {
      errors.add(['privacy_level'], 'BASE_TYPE_CHOICES', 'Value must be one of {2}.');
    }
    const entityType = typeof body['entity_type'] === 'number' ? body['entity_type'] : event.entityType;
    if (![1, 2, 3].includes(entityType))
      errors.add(['entity_type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3}.');
    const start = parseDate(body['scheduled_start_time'], 'scheduled_start_time', errors) ?? event.scheduledStartTime;
    const end =
      'scheduled_end_time' in body
        ? parseDate(body['scheduled_end_time'], 'scheduled_end_time', errors)
        : event.scheduledEndTime;
    const metadata = body['entity_metadata'];
    const location =
      metadata && typeof metadata === 'object' && 'location' in metadata
        ? String((metadata as Json)['location'] ?? '')
        : entityType === 3
          ? event.location
          : null;
    if (entityType === 3) {
      errors.length(['entity_metadata', 'location'], location ?? undefined, 1, 100);
      if (!end) {
        errors.add(
          ['scheduled_end_time'],
          'GUILD_SCHEDULED_EVENT_REQUIRES_END_TIME',
          'External events require an end time.',
        );
      }
    } else if (!('channel_id' in body ? body['channel_id'] : event.channelId)) {
      errors.add(['channel_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
    if ((creating || 'scheduled_start_time' in body) && start.getTime() < state.now().getTime()) {
      errors.add(['scheduled_start_time'], 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST', 'Cannot schedule event in the past.');
    }
    if (end && end.getTime() <= start.getTime()) {
      errors.add(
        ['scheduled_end_time'],
        'GUILD_SCHEDULED_EVENT_END_BEFORE_START',
        'End time must be after the start time.',
      );
    }
    const status = typeof body['status'] === 'number' ? body['status'] : event.status;
    if (!creating && status !== event.status) {
      const allowed: Record<number, number[]> = { 1: [2, 4], 2: [3] };
      if (!(allowed[event.status] ?? []).includes(status)) {
        errors.add(['status'], 'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION', 'Invalid status transition.');
      }
    }
    if (!errors.empty) throw invalidFormBody(errors);
    if (typeof body['name'] === 'string') event.name = body['name'];
    if ('description' in body) event.description = body['description'] === null ? null : String(body['description']);
    event.entityType = entityType;
    event.scheduledStartTime = start;
    event.scheduledEndTime = end;
    event.location = entityType === 3 ? location : null;
    if ('channel_id' in body) event.channelId = body['channel_id'] === null ? null : String(body['channel_id']);
    event.status = status;
  };

  route('GET', '/guilds/:guildId/scheduled-events', (request) => {
    const guild = guildOf(request);
    const events = [...state.scheduledEvents.values()].filter((event) => event.guildId === guild.id && !event.deleted);
    return ok(events.map((event) => state.apiScheduledEvent(event)));
  });
  route('POST', '/guilds/:guildId/scheduled-events', (request) => {
    const guild = guildOf(request);
    const held = botPermissions(guild.id);
    if (!hasPermission(held, Permission.ManageEvents) && !hasPermission(held, Permission.CreateEvents)) {
      throw Errors.missingPermissions();
    }
    const active = [...state.scheduledEvents.values()].filter(
      (event) => event.guildId === guild.id && !event.deleted && event.status <= 2,
    );
    if (active.length >= 100) throw new DiscordApiError(400, 30038, 'Maximum number of guild events reached (100)');
    const event: EmuScheduledEvent = {
      id: state.nextId(),
      guildId: guild.id,
      channelId: null,
      creatorId: botId,
      name: '',
      description: null,
      scheduledStartTime: state.now(),
      scheduledEndTime: null,
      privacyLevel: 2,
      status: 1,
      entityType: 3,
      location: null,
      userCount: 0,
      deleted: false,
    };
    applyEventFields(event, jsonBody(request.body), true);
    state.scheduledEvents.set(event.id, event);
    state.dispatch('GUILD_SCHEDULED_EVENT_CREATE', state.apiScheduledEvent(event), guild.id);
    return ok(state.apiScheduledEvent(event));
  });
  route('GET', '/guilds/:guildId/scheduled-events/:eventId', (request) => {
    const guild = guildOf(request);
    return ok(state.apiScheduledEvent(eventOf(guild, request)));
  });
  route('PATCH', '/guilds/:guildId/scheduled-events/:eventId', (request) => {
    const guild = guildOf(request);
    const event = eventOf(guild, request);
    if (event.creatorId !== botId) requirePermission(guild.id, Permission.ManageEvents);
    applyEventFields(event, jsonBody(request.body), false);
    state.dispatch('GUILD_SCHEDULED_EVENT_UPDATE', state.apiScheduledEvent(event), guild.id);
    return ok(state.apiScheduledEvent(event));
  });
  route('DELETE', '/guilds/:guildId/scheduled-events/:eventId', (request) => {
    const guild = guildOf(request);
    const event = eventOf(guild, request);
    if (event.creatorId !== botId) requirePermission(guild.id, Permission.ManageEvents);
    event.deleted = true;
    state.dispatch('GUILD_SCHEDULED_EVENT_DELETE', state.apiScheduledEvent(event), guild.id);
    return noContent();
  });
}
