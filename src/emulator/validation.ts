import type { Json } from './model.js';

type ErrorNode = { _errors?: { code: string; message: string }[]; [key: string]: unknown };

/**
 * Collects field errors in Discord's nested "Invalid Form Body" shape, e.g.
 * `{ embeds: { 0: { title: { _errors: [{ code, message }] } } } }`, which discord.js flattens into
 * its error message ("embeds[0].title[BASE_TYPE_MAX_LENGTH]: Must be 256 or fewer in length.").
 */
export class FormErrors {
  readonly tree: ErrorNode = {};
  private count = 0;

  add(path: (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const name = String(key);
      node[name] ??= {};
      node = node[name] as ErrorNode;
    }
    node._errors ??= [];
    node._errors.push({ code, message });
    this.count += 1;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  maxLength(path: (string | number)[], value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  length(path: (string | number)[], value: unknown, min: number, max: number): void {
    if (value === undefined || value === null) {
      if (min > 0) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      return;
    }
    if (value.length < min || value.length > max) {
      this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    }
  }

  arrayMax(path: (string | number)[], value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }
}

export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: ErrorNode,
  ) {
    super(message);
  }

  body(): Json {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export function invalidFormBody(errors: FormErrors): DiscordApiError {
  return new DiscordApiError(400, 50035, 'Invalid Form Body', errors.tree);
}

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  threadName: 100,
  nonce: 25,
  autocompleteChoices: 25,
  modalTitle: 45,
  roleName: 100,
  roles: 250,
} as const;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function embedText(embed: Json): number {
  let total = 0;
  const add = (value: unknown) => {
    if (typeof value === 'string') total += value.length;
  };
  add(embed['title']);
  add(embed['description']);
  if (isObject(embed['footer'])) add(embed['footer']['text']);
  if (isObject(embed['author'])) add(embed['author']['name']);
  if (Array.isArray(embed['fields'])) {
    for (const field of embed['fields']) {
      if (isObject(field)) {
        add(field['name']);
        add(field['value']);
      }
    }
  }
  return total;
}

function validateUrl(errors: FormErrors, path: (string | number)[], value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !/^(https?|attachment):\/\/\S+$/.test(value)) {
    errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  }
}

export function validateEmbeds(errors: FormErrors, embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.add(['embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  errors.arrayMax(['embeds'], embeds, LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, index) => {
    const path = ['embeds', index];
    if (!isObject(embed)) {
      errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    errors.maxLength([...path, 'title'], embed['title'], LIMITS.embedTitle);
    errors.maxLength([...path, 'description'], embed['description'], LIMITS.embedDescription);
    validateUrl(errors, [...path, 'url'], embed['url']);
    if (embed['timestamp'] !== undefined && Number.isNaN(Date.parse(String(embed['timestamp'])))) {
      errors.add([...path, 'timestamp'], 'DATE_TYPE_PARSE', 'Could not parse timestamp. Should be ISO8601.');
    }
    if (embed['color'] !== undefined && embed['color'] !== null) {
      const color = embed['color'];
      if (typeof color !== 'number' || !Number.isInteger(color) || color < 0 || color > 0xffffff) {
        errors.add([...path, 'color'], 'NUMBER_TYPE_MAX', 'int value should be <= 16777215 and >= 0.');
      }
    }
    if (isObject(embed['footer']))
      errors.length([...path, 'footer', 'text'], embed['footer']['text'], 1, LIMITS.embedFooter);
    if (isObject(embed['author']))
      errors.length([...path, 'author', 'name'], embed['author']['name'], 1, LIMITS.embedAuthor);
    for (const key of ['image', 'thumbnail'] as const) {
      if (isObject(embed[key])) validateUrl(errors, [...path, key, 'url'], embed[key]['url']);
    }
    const fields = embed['fields'];
    if (fields !== undefined) {
      if (!Array.isArray(fields)) {
        errors.add([...path, 'fields'], 'BASE_TYPE_ARRAY', 'Must be an array.');
      } else {
        errors.arrayMax([...path, 'fields'], fields, LIMITS.embedFields);
        fields.forEach((field, fieldIndex) => {
          const fieldPath = [...path, 'fields', fieldIndex];
          if (!isObject(field)) {
            errors.add(fieldPath, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
            return;
          }
          errors.length([...fieldPath, 'name'], field['name'], 1, LIMITS.embedFieldName);
          errors.length([...fieldPath, 'value'], field['value'], 1, LIMITS.embedFieldValue);
        });
      }
    }
    total += embedText(embed);
  });
  if (total > LIMITS.embedTotal) {
    errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  }
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function validateButton(errors: FormErrors, path: (string | number)[], button: Json, customIds: Set<string>): void {
  const style = button['style'];
  if (typeof style !== 'number' || style < 1 || style > 6) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
    return;
  }
  errors.maxLength([...path, 'label'], button['label'], LIMITS.buttonLabel);
  if (style === 5) {
    if (button['url'] === undefined) errors.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
    validateUrl(errors, [...path, 'url'], button['url']);
    if (button['custom_id'] !== undefined) {
      errors.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id is not allowed here.');
    }
    return;
  }
  if (style === 6) {
    if (button['sku_id'] === undefined) errors.add([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (button['label'] === undefined && button['emoji'] === undefined) {
    errors.add([...path], 'BUTTON_COMPONENT_MISSING_LABEL_OR_EMOJI', 'A label or an emoji is required.');
  }
  validateCustomId(errors, path, button['custom_id'], customIds);
}

function validateCustomId(errors: FormErrors, path: (string | number)[], customId: unknown, seen: Set<string>): void {
  errors.length([...path, 'custom_id'], customId, 1, LIMITS.customId);
  if (typeof customId === 'string') {
    if (seen.has(customId)) {
      errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    }
    seen.add(customId);
  }
}

function validateSelect(errors: FormErrors, path: (string | number)[], select: Json, customIds: Set<string>): void {
  validateCustomId(errors, path, select['custom_id'], customIds);
  errors.maxLength([...path, 'placeholder'], select['placeholder'], LIMITS.selectPlaceholder);
  const min = select['min_values'];
  const max = select['max_values'];
  if (min !== undefined && (typeof min !== 'number' || min < 0 || min > 25)) {
    errors.add([...path, 'min_values'], 'NUMBER_TYPE_MAX', 'int value should be <= 25 and >= 0.');
  }
  if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 25)) {
    errors.add([...path, 'max_values'], 'NUMBER_TYPE_MAX', 'int value should be <= 25 and >= 1.');
  }
  if (select['type'] !== 3) return;
  const options = select['options'];
  if (!Array.isArray(options) || options.length === 0 || options.length > LIMITS.selectOptions) {
    errors.add(
      [...path, 'options'],
      'BASE_TYPE_BAD_LENGTH',
      `Must be between 1 and ${LIMITS.selectOptions} in length.`,
    );
    return;
  }
  if (typeof max === 'number' && max > options.length) {
    errors.add(
      [...path, 'max_values'],
      'SELECT_COMPONENT_MAX_VALUES_EXCEEDS_OPTIONS',
      'The maximum number of values exceeds the number of options.',
    );
  }
  const values = new Set<string>();
  options.forEach((option, index) => {
    const optionPath = [...path, 'options', index];
    if (!isObject(option)) {
      errors.add(optionPath, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    errors.length([...optionPath, 'label'], option['label'], 1, LIMITS.selectOptionText);
    errors.length([...optionPath, 'value'], option['value'], 1, LIMITS.selectOptionText);
    errors.maxLength([...optionPath, 'description'], option['description'], LIMITS.selectOptionText);
    const value = option['value'];
    if (typeof value === 'string') {
      if (values.has(value)) {
        errors.add(
          [...optionPath, 'value'],
          'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
          'Select component option values cannot be duplicated',
        );
      }
      values.add(value);
    }
  });
}

export function validateComponents(errors: FormErrors, components: unknown, flags: number): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.add(['components'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  // Components v2 layouts are not modelled: accept them as sent rather than reject valid messages.
  if ((flags & (1 << 15)) !== 0) return;
  errors.arrayMax(['components'], components, LIMITS.actionRows);
  const customIds = new Set<string>();
  components.forEach((row, rowIndex) => {
    const rowPath = ['components', rowIndex];
    if (!isObject(row) || row['type'] !== 1) {
      errors.add(
        [...rowPath, 'type'],
        'COMPONENT_TYPE_INVALID',
        'The specified component type is invalid in this context',
      );
      return;
    }
    const children = row['components'];
    if (!Array.isArray(children) || children.length < 1 || children.length > LIMITS.rowButtons) {
      errors.add(
        [...rowPath, 'components'],
        'BASE_TYPE_BAD_LENGTH',
        `Must be between 1 and ${LIMITS.rowButtons} in length.`,
      );
      return;
    }
    const hasSelect = children.some((child) => isObject(child) && SELECT_TYPES.has(Number(child['type'])));
    if (hasSelect && children.length > 1) {
      errors.add(
        [...rowPath, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    children.forEach((child, childIndex) => {
      const path = [...rowPath, 'components', childIndex];
      if (!isObject(child)) {
        errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        return;
      }
      if (child['type'] === 2) validateButton(errors, path, child, customIds);
      else if (SELECT_TYPES.has(Number(child['type']))) validateSelect(errors, path, child, customIds);
      else
        errors.add(
          [...path, 'type'],
          'COMPONENT_TYPE_INVALID',
          'The specified component type is invalid in this context',
        );
    });
  });
}

export function validateAllowedMentions(errors: FormErrors, allowed: unknown): void {
  if (allowed === undefined || allowed === null) return;
  if (!isObject(allowed)) {
    errors.add(['allowed_mentions'], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const parse = allowed['parse'];
  if (parse !== undefined) {
    if (!Array.isArray(parse)) {
      errors.add(['allowed_mentions', 'parse'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    } else {
      parse.forEach((value, index) => {
        if (value !== 'users' && value !== 'roles' && value !== 'everyone') {
          errors.add(
            ['allowed_mentions', 'parse', index],
            'BASE_TYPE_CHOICES',
            "Value must be one of ('roles', 'users', 'everyone').",
          );
        }
      });
    }
  }
  for (const kind of ['users', 'roles'] as const) {
    const list = allowed[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      errors.add(['allowed_mentions', kind], 'BASE_TYPE_ARRAY', 'Must be an array.');
      continue;
    }
    errors.arrayMax(['allowed_mentions', kind], list, 100);
    if (list.length > 0 && Array.isArray(parse) && parse.includes(kind)) {
      errors.add(
        ['allowed_mentions'],
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      );
    }
  }
}

export interface MessageValidationInput {
  body: Json;
  fileCount: number;
  /** On an edit, only the fields present are checked; emptiness is checked on the merged result. */
  partial: boolean;
}

export function validateMessageBody({ body, partial }: MessageValidationInput): FormErrors {
  const errors = new FormErrors();
  const content = body['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') {
    errors.add(['content'], 'BASE_TYPE_STRING', 'Must be a string.');
  }
  errors.maxLength(['content'], content, LIMITS.content);
  validateEmbeds(errors, body['embeds']);
  const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
  validateComponents(errors, body['components'], flags);
  validateAllowedMentions(errors, body['allowed_mentions']);
  const nonce = body['nonce'];
  if (!partial && nonce !== undefined) {
    if (typeof nonce === 'string') errors.maxLength(['nonce'], nonce, LIMITS.nonce);
    else if (typeof nonce !== 'number') errors.add(['nonce'], 'BASE_TYPE_STRING', 'Must be a string.');
  }
  return errors;
}

/** Discord refuses a message that would show nothing (code 50006). */
export function isEmptyMessage(message: {
  content: unknown;
  embeds: unknown;
  components: unknown;
  attachments: number;
  stickers?: unknown;
  poll?: unknown;
}): boolean {
  const hasContent = typeof message.content === 'string' && message.content.trim().length > 0;
  const hasEmbeds = Array.isArray(message.embeds) && message.embeds.length > 0;
  const hasComponents = Array.isArray(message.components) && message.components.length > 0;
  const hasStickers = Array.isArray(message.stickers) && message.stickers.length > 0;
  return !hasContent && !hasEmbeds && !hasComponents && message.attachments === 0 && !hasStickers && !message.poll;
}

export function emptyMessageError(): DiscordApiError {
  return new DiscordApiError(400, 50006, 'Cannot send an empty message');
}

export function validateThreadName(name: unknown): FormErrors {
  const errors = new FormErrors();
  errors.length(['name'], name, 1, LIMITS.threadName);
  return errors;
}

export function validateModal(data: unknown): FormErrors {
  const errors = new FormErrors();
  if (!isObject(data)) {
    errors.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return errors;
  }
  errors.length(['data', 'custom_id'], data['custom_id'], 1, LIMITS.customId);
  errors.length(['data', 'title'], data['title'], 1, LIMITS.modalTitle);
  const rows = data['components'];
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > 5) {
    errors.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    return errors;
  }
  const customIds = new Set<string>();
  rows.forEach((row, index) => {
    const path = ['data', 'components', index];
    if (!isObject(row)) return;
    // Two layouts exist: an action row holding one text input, or a label (type 18) wrapping one component.
    if (row['type'] === 1) {
      const inner = Array.isArray(row['components']) ? row['components'] : [];
      if (inner.length !== 1) {
        errors.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 1 in length.');
        return;
      }
      const input = inner[0];
      if (!isObject(input) || input['type'] !== 4) {
        errors.add(
          [...path, 'components', 0, 'type'],
          'COMPONENT_TYPE_INVALID',
          'The specified component type is invalid in this context',
        );
        return;
      }
      errors.length([...path, 'components', 0, 'label'], input['label'], 1, 45);
      validateTextInput(errors, [...path, 'components', 0], input, customIds);
    } else if (row['type'] === 18) {
      errors.length([...path, 'label'], row['label'], 1, 45);
      const component = row['component'];
      if (!isObject(component)) {
        errors.add([...path, 'component'], 'BASE_TYPE_REQUIRED', 'This field is required');
      } else if (component['type'] === 4) {
        validateTextInput(errors, [...path, 'component'], component, customIds);
      } else {
        validateCustomId(errors, [...path, 'component'], component['custom_id'], customIds);
      }
    } else if (row['type'] !== 10) {
      errors.add(
        [...path, 'type'],
        'COMPONENT_TYPE_INVALID',
        'The specified component type is invalid in this context',
      );
    }
  });
  return errors;
}

function validateTextInput(errors: FormErrors, path: (string | number)[], input: Json, customIds: Set<string>): void {
  validateCustomId(errors, path, input['custom_id'], customIds);
  if (input['style'] !== 1 && input['style'] !== 2) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  }
  errors.maxLength([...path, 'value'], input['value'], 4000);
  errors.maxLength([...path, 'placeholder'], input['placeholder'], 100);
}

export function validateAutocompleteChoices(data: unknown): FormErrors {
  const errors = new FormErrors();
  const choices = isObject(data) ? data['choices'] : undefined;
  if (!Array.isArray(choices)) {
    errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return errors;
  }
  errors.arrayMax(['data', 'choices'], choices, LIMITS.autocompleteChoices);
  choices.forEach((choice, index) => {
    const path = ['data', 'choices', index];
    if (!isObject(choice)) return;
    errors.length([...path, 'name'], choice['name'], 1, 100);
    const value = choice['value'];
    if (typeof value === 'string') errors.length([...path, 'value'], value, 1, 100);
    else if (typeof value !== 'number') errors.add([...path, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  return errors;
}

export const VALID_LOCALES = new Set([
  'id',
  'da',
  'de',
  'en-GB',
  'en-US',
  'es-ES',
  'es-419',
  'fr',
  'hr',
  'it',
  'lt',
  'hu',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'ro',
  'fi',
  'sv-SE',
  'vi',
  'tr',
  'cs',
  'el',
  'bg',
  'ru',
  'uk',
  'hi',
  'th',
  'zh-CN',
  'ja',
  'zh-TW',
  'ko',
]);

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateLocalizations(
  errors: FormErrors,
  path: (string | number)[],
  value: unknown,
  check: (p: (string | number)[], v: unknown) => void,
): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  for (const [locale, text] of Object.entries(value)) {
    if (!VALID_LOCALES.has(locale)) {
      errors.add([...path, locale], 'LOCALE_INVALID', `Invalid locale: ${locale}`);
    } else {
      check([...path, locale], text);
    }
  }
}

function validateName(errors: FormErrors, path: (string | number)[], value: unknown, chatInput: boolean): void {
  errors.length(path, value, 1, 32);
  if (typeof value !== 'string') return;
  if (chatInput && (!COMMAND_NAME.test(value) || value !== value.toLowerCase())) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function validateOptions(errors: FormErrors, path: (string | number)[], options: unknown): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  errors.arrayMax(path, options, 25);
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((option, index) => {
    const optionPath = [...path, index];
    if (!isObject(option)) return;
    validateName(errors, [...optionPath, 'name'], option['name'], true);
    errors.length([...optionPath, 'description'], option['description'], 1, 100);
    validateLocalizations(errors, [...optionPath, 'name_localizations'], option['name_localizations'], (p, v) =>
      validateName(errors, p, v, true),
    );
    validateLocalizations(
      errors,
      [...optionPath, 'description_localizations'],
      option['description_localizations'],
      (p, v) => errors.length(p, v, 1, 100),
    );
    const name = option['name'];
    if (typeof name === 'string') {
      if (names.has(name)) {
        errors.add(
          [...optionPath, 'name'],
          'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          'Option names must be unique',
        );
      }
      names.add(name);
    }
    const type = option['type'];
    if (type === 1 || type === 2) {
      validateOptions(errors, [...optionPath, 'options'], option['options']);
      return;
    }
    if (option['required'] === true && sawOptional) {
      errors.add(
        [...optionPath, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (option['required'] !== true) sawOptional = true;
    const choices = option['choices'];
    if (Array.isArray(choices)) {
      errors.arrayMax([...optionPath, 'choices'], choices, 25);
      if (option['autocomplete'] === true && choices.length > 0) {
        errors.add(
          [...optionPath, 'autocomplete'],
          'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE',
          'Autocomplete cannot be enabled on options that have choices.',
        );
      }
      choices.forEach((choice, choiceIndex) => {
        if (!isObject(choice)) return;
        const choicePath = [...optionPath, 'choices', choiceIndex];
        errors.length([...choicePath, 'name'], choice['name'], 1, 100);
        if (typeof choice['value'] === 'string') errors.length([...choicePath, 'value'], choice['value'], 1, 100);
        validateLocalizations(errors, [...choicePath, 'name_localizations'], choice['name_localizations'], (p, v) =>
          errors.length(p, v, 1, 100),
        );
      });
    }
  });
}

export function validateCommands(commands: unknown): FormErrors {
  const errors = new FormErrors();
  if (!Array.isArray(commands)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return errors;
  }
  errors.arrayMax([], commands, 100);
  const seen = new Set<string>();
  commands.forEach((command, index) => {
    if (!isObject(command)) {
      errors.add([index], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    validateCommand(errors, [index], command);
    const key = `${command['type'] ?? 1}:${String(command['name'])}`;
    if (seen.has(key)) {
      errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    }
    seen.add(key);
  });
  return errors;
}

export function validateCommand(errors: FormErrors, path: (string | number)[], command: Json): void {
  const chatInput = (command['type'] ?? 1) === 1;
  validateName(errors, [...path, 'name'], command['name'], chatInput);
  validateLocalizations(errors, [...path, 'name_localizations'], command['name_localizations'], (p, v) =>
    validateName(errors, p, v, chatInput),
  );
  if (chatInput) {
    errors.length([...path, 'description'], command['description'], 1, 100);
    validateLocalizations(
      errors,
      [...path, 'description_localizations'],
      command['description_localizations'],
      (p, v) => errors.length(p, v, 1, 100),
    );
    validateOptions(errors, [...path, 'options'], command['options']);
  }
}
