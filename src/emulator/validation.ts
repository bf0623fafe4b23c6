import { validateComponents } from './componentValidation.js';
import { DiscordApiError, FormErrors, isObject, LIMITS, validateUrl } from './formErrors.js';
import type { Json } from './model.js';

export { VALID_LOCALES, validateCommand, validateCommands } from './commandValidation.js';
export { validateAutocompleteChoices, validateComponents, validateModal } from './componentValidation.js';
export { DiscordApiError, FormErrors, invalidFormBody, LIMITS } from './formErrors.js';

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
