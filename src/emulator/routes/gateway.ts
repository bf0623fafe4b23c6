import { jsonBody } from '../http.js';
import { ChannelType } from '../model.js';
import { Errors, ok, param, type RouteKit } from './kit.js';

/** The gateway URL, the application and users. */
export function registerGatewayRoutes(kit: RouteKit): void {
  const { state, route } = kit;

  route('GET', '/gateway/bot', () =>
    ok({
      url: kit.gateway.url,
      shards: kit.recommendedShards,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: kit.maxConcurrency,
      },
    }),
  );
  route('GET', '/gateway', () => ok({ url: kit.gateway.url }), false);

  const application = () => ({
    id: state.applicationId,
    name: state.botUser.username,
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: state.apiUser(state.botUser),
    bot: state.apiUser(state.botUser),
    approximate_guild_count: [...state.guilds.values()].length,
    install_params: undefined,
    integration_types_config: { '0': {} },
  });
  route('GET', '/applications/@me', () => ok(application()));
  route('GET', '/oauth2/applications/@me', () => ok(application()));

  route('GET', '/users/@me', () =>
    ok({ ...state.apiUser(state.botUser), verified: true, mfa_enabled: false, email: null, locale: 'en-US' }),
  );
  route('POST', '/users/@me/channels', (request) => {
    const recipientId = String(jsonBody(request.body)['recipient_id'] ?? '');
    const user = state.users.get(recipientId);
    if (!user) throw Errors.unknownUser();
    // Discord opens the channel even when the user refuses DMs; sending into it is what fails.
    const channel =
      state.dmChannelOf(recipientId) ??
      state.insertChannel({ guildId: null, name: null, type: ChannelType.DM, recipientId });
    return ok(state.apiChannel(channel));
  });
  route('GET', '/users/:userId', (request) => {
    const user = state.users.get(param(request, 'userId'));
    if (!user) throw Errors.unknownUser();
    return ok(state.apiUser(user));
  });
}
