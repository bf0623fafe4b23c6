import { FormErrors, isObject } from './formErrors.js';
import type { EmuState, Json, Onboarding, OnboardingOption, OnboardingPrompt } from './model.js';

/** Discord's limits for a server's onboarding questions. */
export const ONBOARDING_LIMITS = {
  prompts: 15,
  optionsPerPrompt: 50,
  promptTitle: 100,
  optionTitle: 50,
  optionDescription: 100,
} as const;

export function emptyOnboarding(guildId: string): Onboarding {
  return { guild_id: guildId, prompts: [], default_channel_ids: [], enabled: false, mode: 0 };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const isSnowflake = (value: unknown): value is string => typeof value === 'string' && /^\d{17,20}$/.test(value);

/**
 * Checks a `PUT /guilds/{id}/onboarding` body the way Discord does and returns the onboarding it would store.
 * Like Discord, the prompts sent replace every prompt; ids the client made up are kept, missing ones assigned.
 */
export function parseOnboarding(
  state: EmuState,
  guildId: string,
  current: Onboarding,
  body: Json,
): { errors: FormErrors; onboarding: Onboarding } {
  const errors = new FormErrors();
  const rawPrompts = body['prompts'] === undefined ? current.prompts : body['prompts'];
  const prompts: OnboardingPrompt[] = [];
  if (!Array.isArray(rawPrompts)) {
    errors.add(['prompts'], 'BASE_TYPE_ARRAY', 'Must be an array.');
  } else {
    errors.arrayMax(['prompts'], rawPrompts, ONBOARDING_LIMITS.prompts);
    rawPrompts.forEach((raw, index) => {
      const path = ['prompts', index];
      if (!isObject(raw)) {
        errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        return;
      }
      errors.length([...path, 'title'], raw['title'], 1, ONBOARDING_LIMITS.promptTitle);
      const rawOptions = raw['options'];
      const options: OnboardingOption[] = [];
      if (!Array.isArray(rawOptions) || rawOptions.length === 0) {
        errors.add(
          [...path, 'options'],
          'BASE_TYPE_BAD_LENGTH',
          `Must be between 1 and ${ONBOARDING_LIMITS.optionsPerPrompt} in length.`,
        );
      } else {
        errors.arrayMax([...path, 'options'], rawOptions, ONBOARDING_LIMITS.optionsPerPrompt);
        rawOptions.forEach((option, optionIndex) => {
          const optionPath = [...path, 'options', optionIndex];
          if (!isObject(option)) {
            errors.add(optionPath, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
            return;
          }
          errors.length([...optionPath, 'title'], option['title'], 1, ONBOARDING_LIMITS.optionTitle);
          if (option['description'] !== undefined && option['description'] !== null) {
            errors.maxLength(
              [...optionPath, 'description'],
              option['description'],
              ONBOARDING_LIMITS.optionDescription,
            );
          }
          const roleIds = strings(option['role_ids']);
          roleIds.forEach((roleId, roleIndex) => {
            const role = state.roles.get(roleId);
            if (!role || role.deleted || role.guildId !== guildId || role.id === guildId) {
              errors.add([...optionPath, 'role_ids', roleIndex], 'ONBOARDING_INVALID_ROLE', `Unknown role ${roleId}.`);
            }
          });
          const channelIds = strings(option['channel_ids']);
          channelIds.forEach((channelId, channelIndex) => {
            const channel = state.channels.get(channelId);
            if (!channel || channel.deleted || channel.guildId !== guildId) {
              errors.add(
                [...optionPath, 'channel_ids', channelIndex],
                'ONBOARDING_INVALID_CHANNEL',
                `Unknown channel ${channelId}.`,
              );
            }
          });
          if (roleIds.length === 0 && channelIds.length === 0) {
            errors.add(
              optionPath,
              'ONBOARDING_OPTION_REQUIRES_ROLE_OR_CHANNEL',
              'An option must grant a role or a channel.',
            );
          }
          const emoji = isObject(option['emoji']) ? option['emoji'] : null;
          options.push({
            id: isSnowflake(option['id']) ? option['id'] : state.nextId(),
            title: String(option['title'] ?? ''),
            description: typeof option['description'] === 'string' ? option['description'] : null,
            role_ids: roleIds,
            channel_ids: channelIds,
            emoji: emoji
              ? {
                  id: typeof emoji['id'] === 'string' ? emoji['id'] : null,
                  name: typeof emoji['name'] === 'string' ? emoji['name'] : null,
                  animated: emoji['animated'] === true,
                }
              : null,
          });
        });
      }
      prompts.push({
        id: isSnowflake(raw['id']) ? raw['id'] : state.nextId(),
        type: raw['type'] === 1 ? 1 : 0,
        title: String(raw['title'] ?? ''),
        single_select: raw['single_select'] === true,
        required: raw['required'] === true,
        in_onboarding: raw['in_onboarding'] !== false,
        options,
      });
    });
  }
  const onboarding: Onboarding = {
    guild_id: guildId,
    prompts,
    default_channel_ids:
      body['default_channel_ids'] === undefined ? current.default_channel_ids : strings(body['default_channel_ids']),
    enabled: typeof body['enabled'] === 'boolean' ? body['enabled'] : current.enabled,
    mode: body['mode'] === 1 ? 1 : body['mode'] === 0 ? 0 : current.mode,
  };
  return { errors, onboarding };
}
