import { FormErrors, isObject, LIMITS, validateUrl } from './formErrors.js';
import type { Json } from './model.js';

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
    errors.maxLength([...path, 'url'], button['url'], LIMITS.buttonUrl);
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
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    errors.add(
      [...path, 'min_values'],
      'SELECT_COMPONENT_MIN_VALUES_GREATER_THAN_MAX',
      'The minimum number of values exceeds the maximum.',
    );
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
  if (typeof min === 'number' && min > options.length) {
    errors.add(
      [...path, 'min_values'],
      'SELECT_COMPONENT_MIN_VALUES_EXCEEDS_OPTIONS',
      'The minimum number of values exceeds the number of options.',
    );
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
  errors.maxLength([...path, 'value'], input['value'], LIMITS.textInput);
  errors.maxLength([...path, 'placeholder'], input['placeholder'], 100);
  const min = input['min_length'];
  const max = input['max_length'];
  if (min !== undefined && (typeof min !== 'number' || !Number.isInteger(min) || min < 0 || min > LIMITS.textInput)) {
    errors.add([...path, 'min_length'], 'NUMBER_TYPE_MAX', `int value should be <= ${LIMITS.textInput} and >= 0.`);
  }
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > LIMITS.textInput)) {
    errors.add([...path, 'max_length'], 'NUMBER_TYPE_MAX', `int value should be <= ${LIMITS.textInput} and >= 1.`);
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    errors.add(
      [...path, 'min_length'],
      'TEXT_INPUT_MIN_LENGTH_GREATER_THAN_MAX',
      'The minimum length exceeds the maximum length.',
    );
  }
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
