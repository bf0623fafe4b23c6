import { jsonBody, type RouteRequest } from '../http.js';
import type { EmuCommand, Json } from '../model.js';
import { FormErrors, invalidFormBody, validateCommand, validateCommands } from '../validation.js';
import { Errors, noContent, ok, param, type RouteKit } from './kit.js';

/** Global and guild application commands (bulk overwrite, create, edit, delete). */
export function registerCommandRoutes(kit: RouteKit): void {
  const { state, route, botId } = kit;

  const commandsFor = (guildId: string | null): EmuCommand[] =>
    [...state.commands.values()].filter((command) => command.guildId === guildId);
  const checkApplication = (request: RouteRequest) => {
    if (param(request, 'appId') !== state.applicationId) throw Errors.missingAccess();
  };
  const commandGuild = (request: RouteRequest): string | null => {
    const guildId = request.params['guildId'];
    if (guildId === undefined) return null;
    if (!state.guilds.has(guildId) || !state.member(guildId, botId)) throw Errors.missingAccess();
    return guildId;
  };
  const upsertCommand = (guildId: string | null, definition: Json): EmuCommand => {
    const type = typeof definition['type'] === 'number' ? definition['type'] : 1;
    const name = String(definition['name']);
    const existing = commandsFor(guildId).find((command) => command.name === name && command.type === type);
    const command: EmuCommand = {
      id: existing?.id ?? state.nextId(),
      applicationId: state.applicationId,
      guildId,
      version: state.nextId(),
      type,
      name,
      definition: { ...definition, type },
    };
    state.commands.set(command.id, command);
    return command;
  };
  const commandRoutes = (base: string) => {
    route('GET', base, (request) => {
      checkApplication(request);
      return ok(commandsFor(commandGuild(request)).map((command) => state.apiCommand(command)));
    });
    route('PUT', base, (request) => {
      checkApplication(request);
      const guildId = commandGuild(request);
      const errors = validateCommands(request.body);
      if (!errors.empty) throw invalidFormBody(errors);
      const definitions = request.body as Json[];
      const kept = definitions.map((definition) => upsertCommand(guildId, definition));
      const keptIds = new Set(kept.map((command) => command.id));
      for (const command of commandsFor(guildId)) if (!keptIds.has(command.id)) state.commands.delete(command.id);
      return ok(kept.map((command) => state.apiCommand(command)));
    });
    route('POST', base, (request) => {
      checkApplication(request);
      const guildId = commandGuild(request);
      const errors = new FormErrors();
      validateCommand(errors, [], jsonBody(request.body));
      if (!errors.empty) throw invalidFormBody(errors);
      const command = upsertCommand(guildId, jsonBody(request.body));
      return ok(state.apiCommand(command), 201);
    });
    route('GET', `${base}/:commandId`, (request) => {
      checkApplication(request);
      const command = state.commands.get(param(request, 'commandId'));
      if (!command || command.guildId !== commandGuild(request)) throw Errors.unknownCommand();
      return ok(state.apiCommand(command));
    });
    route('PATCH', `${base}/:commandId`, (request) => {
      checkApplication(request);
      const command = state.commands.get(param(request, 'commandId'));
      if (!command || command.guildId !== commandGuild(request)) throw Errors.unknownCommand();
      const definition = { ...command.definition, ...jsonBody(request.body) };
      const errors = new FormErrors();
      validateCommand(errors, [], definition);
      if (!errors.empty) throw invalidFormBody(errors);
      command.definition = definition;
      command.name = String(definition['name']);
      command.version = state.nextId();
      return ok(state.apiCommand(command));
    });
    route('DELETE', `${base}/:commandId`, (request) => {
      checkApplication(request);
      const command = state.commands.get(param(request, 'commandId'));
      if (!command || command.guildId !== commandGuild(request)) throw Errors.unknownCommand();
      state.commands.delete(command.id);
      return noContent();
    });
  };
  commandRoutes('/applications/:appId/commands');
  commandRoutes('/applications/:appId/guilds/:guildId/commands');
}
