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
  buttonUrl: 512,
  textInput: 4000,
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

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateUrl(errors: FormErrors, path: (string | number)[], value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !/^(https?|attachment):\/\/\S+$/.test(value)) {
    errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  }
}
