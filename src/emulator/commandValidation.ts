import { FormErrors, isObject } from './formErrors.js';
import type { Json } from './model.js';

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
