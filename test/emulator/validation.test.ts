import { describe, expect, it } from 'vitest';
import { formErrorCodes, onInteraction, type RawAnswer, rawRest, useEmulator } from './support.js';

/**
 * Every validator of src/emulator/validation.ts (and its component and command parts) must keep rejecting what
 * Discord rejects: otherwise every end-to-end test silently becomes more permissive than Discord. Raw JSON
 * over HTTP, so no client-side builder check gets in the way.
 */
const world = useEmulator();

type Case = { name: string; body: unknown; path: string; code: string };

type Answer = RawAnswer;

const rest = (method: string, path: string, body: unknown) => rawRest(world.emulator, method, path, body);
const codesAt = formErrorCodes;

function expectFormError(answer: Answer, path: string, code: string): void {
  expect(answer.status).toBe(400);
  expect(answer.body.code).toBe(50035);
  expect(codesAt(answer, path)).toContain(code);
}

const button = (extra: Record<string, unknown> = {}) => ({ type: 2, style: 1, label: 'Go', custom_id: 'go', ...extra });
const row = (...components: unknown[]) => ({ type: 1, components });
const select = (extra: Record<string, unknown> = {}) => ({
  type: 3,
  custom_id: 'towns',
  options: [
    { label: 'Rimouski', value: 'rimouski' },
    { label: 'Matane', value: 'matane' },
  ],
  ...extra,
});
const long = (length: number) => 'x'.repeat(length);
const C0 = 'components.0.components.0';

const messageCases: Case[] = [
  { name: 'content that is not a string', body: { content: 5 }, path: 'content', code: 'BASE_TYPE_STRING' },
  { name: 'content of 2,001 characters', body: { content: long(2001) }, path: 'content', code: 'BASE_TYPE_MAX_LENGTH' },
  { name: 'embeds that are not an array', body: { embeds: {} }, path: 'embeds', code: 'BASE_TYPE_ARRAY' },
  {
    name: '11 embeds',
    body: { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
    path: 'embeds',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  { name: 'an embed that is not an object', body: { embeds: ['x'] }, path: 'embeds.0', code: 'MODEL_TYPE_CONVERT' },
  {
    name: 'a 257-character embed title',
    body: { embeds: [{ title: long(257) }] },
    path: 'embeds.0.title',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'a 4,097-character embed description',
    body: { embeds: [{ description: long(4097) }] },
    path: 'embeds.0.description',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'an embed url that is not a URL',
    body: { embeds: [{ title: 't', url: 'rimouski' }] },
    path: 'embeds.0.url',
    code: 'URL_TYPE_INVALID_URL',
  },
  {
    name: 'an embed timestamp that is not ISO 8601',
    body: { embeds: [{ title: 't', timestamp: 'hier' }] },
    path: 'embeds.0.timestamp',
    code: 'DATE_TYPE_PARSE',
  },
  {
    name: 'an embed colour above 0xFFFFFF',
    body: { embeds: [{ title: 't', color: 0x1000000 }] },
    path: 'embeds.0.color',
    code: 'NUMBER_TYPE_MAX',
  },
  {
    name: 'a 2,049-character footer',
    body: { embeds: [{ footer: { text: long(2049) } }] },
    path: 'embeds.0.footer.text',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a 257-character author name',
    body: { embeds: [{ author: { name: long(257) } }] },
    path: 'embeds.0.author.name',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'an image url that is not a URL',
    body: { embeds: [{ title: 't', image: { url: 'carte.png' } }] },
    path: 'embeds.0.image.url',
    code: 'URL_TYPE_INVALID_URL',
  },
  {
    name: 'a thumbnail url that is not a URL',
    body: { embeds: [{ title: 't', thumbnail: { url: 'carte.png' } }] },
    path: 'embeds.0.thumbnail.url',
    code: 'URL_TYPE_INVALID_URL',
  },
  {
    name: 'embed fields that are not an array',
    body: { embeds: [{ fields: {} }] },
    path: 'embeds.0.fields',
    code: 'BASE_TYPE_ARRAY',
  },
  {
    name: '26 embed fields',
    body: { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
    path: 'embeds.0.fields',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'an embed field that is not an object',
    body: { embeds: [{ fields: ['x'] }] },
    path: 'embeds.0.fields.0',
    code: 'MODEL_TYPE_CONVERT',
  },
  {
    name: 'a 257-character field name',
    body: { embeds: [{ fields: [{ name: long(257), value: 'v' }] }] },
    path: 'embeds.0.fields.0.name',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a 1,025-character field value',
    body: { embeds: [{ fields: [{ name: 'n', value: long(1025) }] }] },
    path: 'embeds.0.fields.0.value',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'embeds totalling 6,001 characters',
    body: { embeds: [{ description: long(3000) }, { description: long(3001) }] },
    path: 'embeds',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  { name: 'components that are not an array', body: { components: {} }, path: 'components', code: 'BASE_TYPE_ARRAY' },
  {
    name: '6 action rows',
    body: { components: [0, 1, 2, 3, 4, 5].map((index) => row(button({ custom_id: `b${index}` }))) },
    path: 'components',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'a top-level component that is not an action row',
    body: { components: [button()] },
    path: 'components.0.type',
    code: 'COMPONENT_TYPE_INVALID',
  },
  {
    name: 'an empty action row',
    body: { components: [row()] },
    path: 'components.0.components',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: '6 buttons in a row',
    body: { components: [row(...[0, 1, 2, 3, 4, 5].map((index) => button({ custom_id: `b${index}` })))] },
    path: 'components.0.components',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a select sharing its row with a button',
    body: { components: [row(select(), button())] },
    path: 'components.0.components',
    code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
  },
  {
    name: 'a row child that is not an object',
    body: { components: [row('x')] },
    path: C0,
    code: 'MODEL_TYPE_CONVERT',
  },
  {
    name: 'a row child of unknown type',
    body: { components: [row({ type: 99 })] },
    path: `${C0}.type`,
    code: 'COMPONENT_TYPE_INVALID',
  },
  {
    name: 'a button style out of range',
    body: { components: [row(button({ style: 9 }))] },
    path: `${C0}.style`,
    code: 'BASE_TYPE_CHOICES',
  },
  {
    name: 'an 81-character button label',
    body: { components: [row(button({ label: long(81) }))] },
    path: `${C0}.label`,
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'a link button without url',
    body: { components: [row({ type: 2, style: 5, label: 'Carte' })] },
    path: `${C0}.url`,
    code: 'BASE_TYPE_REQUIRED',
  },
  {
    name: 'a link button whose url is not a URL',
    body: { components: [row({ type: 2, style: 5, label: 'Carte', url: 'escale' })] },
    path: `${C0}.url`,
    code: 'URL_TYPE_INVALID_URL',
  },
  {
    name: 'a link button url of 513 characters',
    body: { components: [row({ type: 2, style: 5, label: 'Carte', url: `https://escale.example/${long(490)}` })] },
    path: `${C0}.url`,
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'a link button with a custom id',
    body: { components: [row({ type: 2, style: 5, label: 'Carte', url: 'https://escale.example', custom_id: 'x' })] },
    path: `${C0}.custom_id`,
    code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
  },
  {
    name: 'a premium button without sku',
    body: { components: [row({ type: 2, style: 6 })] },
    path: `${C0}.sku_id`,
    code: 'BASE_TYPE_REQUIRED',
  },
  {
    name: 'a button with neither label nor emoji',
    body: { components: [row({ type: 2, style: 1, custom_id: 'go' })] },
    path: C0,
    code: 'BUTTON_COMPONENT_MISSING_LABEL_OR_EMOJI',
  },
  {
    name: 'a 101-character custom id',
    body: { components: [row(button({ custom_id: long(101) }))] },
    path: `${C0}.custom_id`,
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'two components with one custom id',
    body: { components: [row(button(), button())] },
    path: 'components.0.components.1.custom_id',
    code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
  },
  {
    name: 'a 151-character select placeholder',
    body: { components: [row(select({ placeholder: long(151) }))] },
    path: `${C0}.placeholder`,
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'a select min_values of 26',
    body: { components: [row(select({ min_values: 26 }))] },
    path: `${C0}.min_values`,
    code: 'NUMBER_TYPE_MAX',
  },
  {
    name: 'a select max_values of 0',
    body: { components: [row(select({ max_values: 0 }))] },
    path: `${C0}.max_values`,
    code: 'NUMBER_TYPE_MAX',
  },
  {
    name: 'a select whose min_values exceeds max_values',
    body: { components: [row(select({ min_values: 2, max_values: 1 }))] },
    path: `${C0}.min_values`,
    code: 'SELECT_COMPONENT_MIN_VALUES_GREATER_THAN_MAX',
  },
  {
    name: 'a select whose min_values exceeds its options',
    body: { components: [row(select({ min_values: 3 }))] },
    path: `${C0}.min_values`,
    code: 'SELECT_COMPONENT_MIN_VALUES_EXCEEDS_OPTIONS',
  },
  {
    name: 'a select with 26 options',
    body: {
      components: [
        row(
          select({ options: Array.from({ length: 26 }, (_, index) => ({ label: `T${index}`, value: `t${index}` })) }),
        ),
      ],
    },
    path: `${C0}.options`,
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a select whose max_values exceeds its options',
    body: { components: [row(select({ max_values: 3 }))] },
    path: `${C0}.max_values`,
    code: 'SELECT_COMPONENT_MAX_VALUES_EXCEEDS_OPTIONS',
  },
  {
    name: 'a select option that is not an object',
    body: { components: [row(select({ options: ['x'] }))] },
    path: `${C0}.options.0`,
    code: 'MODEL_TYPE_CONVERT',
  },
  {
    name: 'a 101-character option label',
    body: { components: [row(select({ options: [{ label: long(101), value: 'v' }] }))] },
    path: `${C0}.options.0.label`,
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a 101-character option value',
    body: { components: [row(select({ options: [{ label: 'l', value: long(101) }] }))] },
    path: `${C0}.options.0.value`,
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a 101-character option description',
    body: { components: [row(select({ options: [{ label: 'l', value: 'v', description: long(101) }] }))] },
    path: `${C0}.options.0.description`,
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'two options with one value',
    body: {
      components: [
        row(
          select({
            options: [
              { label: 'a', value: 'v' },
              { label: 'b', value: 'v' },
            ],
          }),
        ),
      ],
    },
    path: `${C0}.options.1.value`,
    code: 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
  },
  {
    name: 'allowed_mentions that is not an object',
    body: { content: 'hi', allowed_mentions: 'none' },
    path: 'allowed_mentions',
    code: 'MODEL_TYPE_CONVERT',
  },
  {
    name: 'allowed_mentions.parse that is not an array',
    body: { content: 'hi', allowed_mentions: { parse: 'users' } },
    path: 'allowed_mentions.parse',
    code: 'BASE_TYPE_ARRAY',
  },
  {
    name: 'an unknown allowed_mentions.parse value',
    body: { content: 'hi', allowed_mentions: { parse: ['channels'] } },
    path: 'allowed_mentions.parse.0',
    code: 'BASE_TYPE_CHOICES',
  },
  {
    name: 'allowed_mentions.users that is not an array',
    body: { content: 'hi', allowed_mentions: { users: '1' } },
    path: 'allowed_mentions.users',
    code: 'BASE_TYPE_ARRAY',
  },
  {
    name: '101 allowed roles',
    body: { content: 'hi', allowed_mentions: { roles: Array.from({ length: 101 }, (_, index) => String(index)) } },
    path: 'allowed_mentions.roles',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'parse users together with a users list',
    body: { content: 'hi', allowed_mentions: { parse: ['users'], users: ['1'.repeat(18)] } },
    path: 'allowed_mentions',
    code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
  },
  {
    name: 'a 26-character nonce',
    body: { content: 'hi', nonce: long(26) },
    path: 'nonce',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  { name: 'a nonce that is an object', body: { content: 'hi', nonce: {} }, path: 'nonce', code: 'BASE_TYPE_STRING' },
  {
    name: 'a reply to a message that does not exist',
    body: { content: 'hi', message_reference: { message_id: '1'.repeat(18) } },
    path: 'message_reference',
    code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE',
  },
];

describe('message validators', () => {
  it.each(messageCases)('GIVEN $name WHEN the bot sends it THEN Discord answers 50035 at $path', async (input) => {
    const answer = await rest('POST', `/channels/${world.general}/messages`, input.body);

    expectFormError(answer, input.path, input.code);
    expect(world.emulator.messages(world.general)).toEqual([]);
  });

  it('GIVEN a message that would show nothing WHEN the bot sends it THEN Discord answers 50006', async () => {
    const answer = await rest('POST', `/channels/${world.general}/messages`, { content: '   ' });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(50006);
  });

  it('GIVEN an edit with a 2,001-character content WHEN the bot edits its message THEN 50035 and the text is unchanged', async () => {
    const created = await rest('POST', `/channels/${world.general}/messages`, { content: 'Rimouski' });
    const id = (created.body as { id?: string }).id;

    const answer = await rest('PATCH', `/channels/${world.general}/messages/${id}`, { content: long(2001) });

    expectFormError(answer, 'content', 'BASE_TYPE_MAX_LENGTH');
    expect(world.emulator.messages(world.general).map((message) => message.content)).toEqual(['Rimouski']);
  });
});

describe('thread name validator', () => {
  it.each([
    { name: 'a 101-character thread name', body: { name: long(101), type: 11 }, code: 'BASE_TYPE_BAD_LENGTH' },
    { name: 'no thread name', body: { type: 11 }, code: 'BASE_TYPE_REQUIRED' },
  ])('GIVEN $name WHEN the bot opens a thread THEN Discord answers 50035', async ({ body, code }) => {
    const answer = await rest('POST', `/channels/${world.general}/threads`, body);

    expectFormError(answer, 'name', code);
    expect(world.emulator.threads()).toEqual([]);
  });
});

const command = (extra: Record<string, unknown> = {}) => ({ name: 'trip', description: 'Trips', ...extra });
const option = (extra: Record<string, unknown> = {}) => ({ type: 3, name: 'town', description: 'Town', ...extra });
const commandCases: Case[] = [
  { name: 'a body that is not an array', body: {}, path: '', code: 'BASE_TYPE_ARRAY' },
  {
    name: '101 commands',
    body: Array.from({ length: 101 }, (_, index) => command({ name: `c${index}` })),
    path: '',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  { name: 'a command that is not an object', body: ['trip'], path: '0', code: 'MODEL_TYPE_CONVERT' },
  {
    name: 'an upper-case command name',
    body: [command({ name: 'Trip' })],
    path: '0.name',
    code: 'APPLICATION_COMMAND_INVALID_NAME',
  },
  { name: 'a 33-character name', body: [command({ name: long(33) })], path: '0.name', code: 'BASE_TYPE_BAD_LENGTH' },
  {
    name: 'a 101-character description',
    body: [command({ description: long(101) })],
    path: '0.description',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a localization for an unknown locale',
    body: [command({ name_localizations: { 'fr-FR': 'voyage' } })],
    path: '0.name_localizations.fr-FR',
    code: 'LOCALE_INVALID',
  },
  {
    name: 'localizations that are not an object',
    body: [command({ name_localizations: ['voyage'] })],
    path: '0.name_localizations',
    code: 'MODEL_TYPE_CONVERT',
  },
  {
    name: 'a French name with a space',
    body: [command({ name_localizations: { fr: 'ma rencontre' } })],
    path: '0.name_localizations.fr',
    code: 'APPLICATION_COMMAND_INVALID_NAME',
  },
  {
    name: 'a 101-character French description',
    body: [command({ description_localizations: { fr: long(101) } })],
    path: '0.description_localizations.fr',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'options that are not an array',
    body: [command({ options: {} })],
    path: '0.options',
    code: 'BASE_TYPE_ARRAY',
  },
  {
    name: '26 options',
    body: [command({ options: Array.from({ length: 26 }, (_, index) => option({ name: `o${index}` })) })],
    path: '0.options',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'an upper-case option name',
    body: [command({ options: [option({ name: 'Town' })] })],
    path: '0.options.0.name',
    code: 'APPLICATION_COMMAND_INVALID_NAME',
  },
  {
    name: 'an option without description',
    body: [command({ options: [option({ description: '' })] })],
    path: '0.options.0.description',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a French option name with a space',
    body: [command({ options: [option({ name_localizations: { fr: 'ma ville' } })] })],
    path: '0.options.0.name_localizations.fr',
    code: 'APPLICATION_COMMAND_INVALID_NAME',
  },
  {
    name: 'a 101-character French option description',
    body: [command({ options: [option({ description_localizations: { fr: long(101) } })] })],
    path: '0.options.0.description_localizations.fr',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'two options with one name',
    body: [command({ options: [option(), option()] })],
    path: '0.options.1.name',
    code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
  },
  {
    name: 'a required option after an optional one',
    body: [command({ options: [option(), option({ name: 'when', required: true })] })],
    path: '0.options.1.required',
    code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
  },
  {
    name: '26 choices',
    body: [
      command({
        options: [
          option({ choices: Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, value: `c${index}` })) }),
        ],
      }),
    ],
    path: '0.options.0.choices',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'autocomplete on an option with choices',
    body: [command({ options: [option({ autocomplete: true, choices: [{ name: 'a', value: 'a' }] })] })],
    path: '0.options.0.autocomplete',
    code: 'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE',
  },
  {
    name: 'a 101-character choice name',
    body: [command({ options: [option({ choices: [{ name: long(101), value: 'a' }] })] })],
    path: '0.options.0.choices.0.name',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a 101-character choice value',
    body: [command({ options: [option({ choices: [{ name: 'a', value: long(101) }] })] })],
    path: '0.options.0.choices.0.value',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a 101-character French choice name',
    body: [
      command({ options: [option({ choices: [{ name: 'a', value: 'a', name_localizations: { fr: long(101) } }] })] }),
    ],
    path: '0.options.0.choices.0.name_localizations.fr',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'an invalid option inside a subcommand',
    body: [command({ options: [{ type: 1, name: 'new', description: 'New', options: [option({ name: 'Town' })] }] })],
    path: '0.options.0.options.0.name',
    code: 'APPLICATION_COMMAND_INVALID_NAME',
  },
  {
    name: 'two commands with one name',
    body: [command(), command()],
    path: '1.name',
    code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
  },
];

describe('command validators', () => {
  it.each(commandCases)(
    'GIVEN $name WHEN the bot deploys commands THEN Discord answers 50035 at $path',
    async (input) => {
      const answer = await rest('PUT', `/applications/${world.emulator.application.id}/commands`, input.body);

      expectFormError(answer, input.path, input.code);
      expect(world.emulator.commands()).toEqual([]);
    },
  );

  it('GIVEN one invalid command WHEN the bot creates it alone THEN Discord answers 50035 at name', async () => {
    const answer = await rest(
      'POST',
      `/applications/${world.emulator.application.id}/commands`,
      command({ name: 'A B' }),
    );

    expectFormError(answer, 'name', 'APPLICATION_COMMAND_INVALID_NAME');
  });
});

/** Answers one interaction with `callback` and returns Discord's answer (then answers validly, as a bot would). */
async function answerWith(kind: 'command' | 'autocomplete', callback: unknown): Promise<Answer> {
  const client = await world.connect();
  let answer: Answer | undefined;
  onInteraction(client, async (interaction) => {
    const url = `${world.emulator.apiUrl}/v10/interactions/${interaction.id}/${interaction.token}/callback`;
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const response = await post(callback);
    answer = { status: response.status, body: (await response.json()) as Answer['body'] };
    await post(kind === 'autocomplete' ? { type: 8, data: { choices: [] } } : { type: 4, data: { content: 'ok' } });
  });
  const target = { channelId: world.general, userId: world.alice.userId, name: 'trip' };
  if (kind === 'autocomplete') await world.emulator.autocomplete({ ...target, focused: { name: 'town', value: 'Ri' } });
  else await world.emulator.runCommand(target);
  if (!answer) throw new Error('the interaction never reached the bot');
  return answer;
}

const choice = (extra: Record<string, unknown> = {}) => ({ name: 'Rimouski', value: 'rimouski', ...extra });
const autocompleteCases: Case[] = [
  { name: 'no choices', body: {}, path: 'data.choices', code: 'BASE_TYPE_REQUIRED' },
  {
    name: '26 choices',
    body: { choices: Array.from({ length: 26 }, (_, index) => choice({ value: `t${index}` })) },
    path: 'data.choices',
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'a 101-character choice name',
    body: { choices: [choice({ name: long(101) })] },
    path: 'data.choices.0.name',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a 101-character choice value',
    body: { choices: [choice({ value: long(101) })] },
    path: 'data.choices.0.value',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a choice without value',
    body: { choices: [choice({ value: null })] },
    path: 'data.choices.0.value',
    code: 'BASE_TYPE_REQUIRED',
  },
];

describe('autocomplete validators', () => {
  it.each(autocompleteCases)(
    'GIVEN $name WHEN the bot answers autocomplete THEN Discord answers 50035 at $path',
    async (input) => {
      const answer = await answerWith('autocomplete', { type: 8, data: input.body });

      expectFormError(answer, input.path, input.code);
    },
  );
});

const textInput = (extra: Record<string, unknown> = {}) => ({
  type: 4,
  custom_id: 'notes',
  label: 'Notes',
  style: 2,
  ...extra,
});
const modal = (extra: Record<string, unknown> = {}) => ({
  custom_id: 'recap',
  title: 'Récap',
  components: [row(textInput())],
  ...extra,
});
const I0 = 'data.components.0.components.0';
const modalCases: Case[] = [
  { name: 'a modal without data', body: null, path: 'data', code: 'BASE_TYPE_REQUIRED' },
  {
    name: 'a 101-character modal custom id',
    body: modal({ custom_id: long(101) }),
    path: 'data.custom_id',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  { name: 'a 46-character title', body: modal({ title: long(46) }), path: 'data.title', code: 'BASE_TYPE_BAD_LENGTH' },
  {
    name: 'a modal with no rows',
    body: modal({ components: [] }),
    path: 'data.components',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a modal with 6 rows',
    body: modal({ components: [0, 1, 2, 3, 4, 5].map((index) => row(textInput({ custom_id: `f${index}` }))) }),
    path: 'data.components',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a row with two text inputs',
    body: modal({ components: [row(textInput(), textInput({ custom_id: 'other' }))] }),
    path: 'data.components.0.components',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a button in a modal row',
    body: modal({ components: [row(button())] }),
    path: `${I0}.type`,
    code: 'COMPONENT_TYPE_INVALID',
  },
  {
    name: 'a 46-character text input label',
    body: modal({ components: [row(textInput({ label: long(46) }))] }),
    path: `${I0}.label`,
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a 46-character label component',
    body: modal({ components: [{ type: 18, label: long(46), component: textInput({ label: undefined }) }] }),
    path: 'data.components.0.label',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a label component without its component',
    body: modal({ components: [{ type: 18, label: 'Notes' }] }),
    path: 'data.components.0.component',
    code: 'BASE_TYPE_REQUIRED',
  },
  {
    name: 'a select in a label with a 101-character custom id',
    body: modal({ components: [{ type: 18, label: 'Ville', component: select({ custom_id: long(101) }) }] }),
    path: 'data.components.0.component.custom_id',
    code: 'BASE_TYPE_BAD_LENGTH',
  },
  {
    name: 'a modal row of unknown type',
    body: modal({ components: [{ type: 99 }] }),
    path: 'data.components.0.type',
    code: 'COMPONENT_TYPE_INVALID',
  },
  {
    name: 'a text input style out of range',
    body: modal({ components: [row(textInput({ style: 3 }))] }),
    path: `${I0}.style`,
    code: 'BASE_TYPE_CHOICES',
  },
  {
    name: 'a 4,001-character prefilled value',
    body: modal({ components: [row(textInput({ value: long(4001) }))] }),
    path: `${I0}.value`,
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'a 101-character placeholder',
    body: modal({ components: [row(textInput({ placeholder: long(101) }))] }),
    path: `${I0}.placeholder`,
    code: 'BASE_TYPE_MAX_LENGTH',
  },
  {
    name: 'a min_length of 4,001',
    body: modal({ components: [row(textInput({ min_length: 4001 }))] }),
    path: `${I0}.min_length`,
    code: 'NUMBER_TYPE_MAX',
  },
  {
    name: 'a max_length of 0',
    body: modal({ components: [row(textInput({ max_length: 0 }))] }),
    path: `${I0}.max_length`,
    code: 'NUMBER_TYPE_MAX',
  },
  {
    name: 'a min_length above max_length',
    body: modal({ components: [row(textInput({ min_length: 10, max_length: 5 }))] }),
    path: `${I0}.min_length`,
    code: 'TEXT_INPUT_MIN_LENGTH_GREATER_THAN_MAX',
  },
  {
    name: 'two inputs with one custom id',
    body: modal({ components: [row(textInput()), row(textInput())] }),
    path: 'data.components.1.components.0.custom_id',
    code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
  },
];

describe('modal validators', () => {
  it.each(modalCases)('GIVEN $name WHEN the bot opens the modal THEN Discord answers 50035 at $path', async (input) => {
    const answer = await answerWith('command', { type: 9, data: input.body });

    expectFormError(answer, input.path, input.code);
  });

  it('GIVEN a callback type the interaction does not allow WHEN the bot answers THEN Discord answers 50035 at type', async () => {
    const answer = await answerWith('command', { type: 8, data: { choices: [] } });

    expectFormError(answer, 'type', 'INTERACTION_RESPONSE_TYPE_INVALID');
  });
});
