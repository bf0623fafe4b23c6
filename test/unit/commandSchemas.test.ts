import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../commands/index.js';

/**
 * Every command declares its options twice: the JSON Discord shows (data) and the zod schema the router parses them
 * with (args). These tests keep the two from drifting: the same option names per subcommand, the same types, the
 * same required ones.
 */

interface OptionFacts {
  type: ApplicationCommandOptionType;
  required: boolean;
  choices: readonly (string | number)[] | null;
}

/** The options of each subcommand ('' for a command without subcommands), as the JSON declares them. */
function jsonVariants(data: RESTPostAPIChatInputApplicationCommandsJSONBody): Map<string, Map<string, OptionFacts>> {
  const variants = new Map<string, Map<string, OptionFacts>>();
  const facts = (options: readonly APIApplicationCommandOption[] | undefined) =>
    new Map(
      (options ?? []).map((option) => [
        option.name,
        {
          type: option.type,
          required: 'required' in option && option.required === true,
          choices: 'choices' in option && option.choices ? option.choices.map((choice) => choice.value) : null,
        },
      ]),
    );
  const subcommands = (data.options ?? []).filter(
    (option) =>
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (subcommands.length === 0) {
    variants.set('', facts(data.options));
    return variants;
  }
  for (const option of subcommands) {
    if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
      for (const sub of option.options ?? []) variants.set(`${option.name} ${sub.name}`, facts(sub.options));
    } else if (option.type === ApplicationCommandOptionType.Subcommand) {
      variants.set(option.name, facts(option.options));
    }
  }
  return variants;
}

/** The fields of each subcommand's object in the schema ('' for a command without subcommands). */
function schemaVariants(schema: z.ZodType): Map<string, Record<string, z.ZodType>> {
  const objects = schema instanceof z.ZodDiscriminatedUnion ? [...schema.options] : [schema];
  const variants = new Map<string, Record<string, z.ZodType>>();
  for (const object of objects) {
    if (!(object instanceof z.ZodObject)) throw new Error('each argument schema must be an object');
    const { subcommand, group, ...fields } = object.shape as Record<string, z.ZodType>;
    const literal = (field: z.ZodType | undefined) => (field instanceof z.ZodLiteral ? String(field.value) : null);
    const sub = literal(subcommand);
    const key = sub === null ? '' : [literal(group), sub].filter(Boolean).join(' ');
    variants.set(key, fields);
  }
  return variants;
}

const STRING_LIKE = new Set([
  ApplicationCommandOptionType.String,
  ApplicationCommandOptionType.User,
  ApplicationCommandOptionType.Channel,
  ApplicationCommandOptionType.Role,
  ApplicationCommandOptionType.Mentionable,
  ApplicationCommandOptionType.Attachment,
]);

/** Every way the schema and the JSON disagree, in words; empty when they match. */
function mismatches(data: RESTPostAPIChatInputApplicationCommandsJSONBody, schema: z.ZodType): string[] {
  const problems: string[] = [];
  const json = jsonVariants(data);
  const parsed = schemaVariants(schema);
  const where = (variant: string) => `/${data.name}${variant ? ` ${variant}` : ''}`;
  for (const variant of new Set([...json.keys(), ...parsed.keys()])) {
    const options = json.get(variant);
    const fields = parsed.get(variant);
    if (!options || !fields) {
      problems.push(`${where(variant)}: only in the ${options ? 'JSON' : 'schema'}`);
      continue;
    }
    for (const name of new Set([...options.keys(), ...Object.keys(fields)])) {
      const option = options.get(name);
      const field = fields[name];
      if (!option || !field) {
        problems.push(`${where(variant)} ${name}: only in the ${option ? 'JSON' : 'schema'}`);
        continue;
      }
      const optional = field instanceof z.ZodOptional;
      if (optional === option.required) {
        problems.push(`${where(variant)} ${name}: ${option.required ? 'required' : 'optional'} in the JSON`);
      }
      const inner = optional ? (field as z.ZodOptional<z.ZodType>).unwrap() : field;
      const kind = inner.def.type;
      const fits =
        option.type === ApplicationCommandOptionType.Integer
          ? inner instanceof z.ZodNumber && inner.isInt
          : option.type === ApplicationCommandOptionType.Number
            ? inner instanceof z.ZodNumber && !inner.isInt
            : option.type === ApplicationCommandOptionType.Boolean
              ? kind === 'boolean'
              : STRING_LIKE.has(option.type) && (kind === 'string' || kind === 'enum');
      if (!fits) problems.push(`${where(variant)} ${name}: ${ApplicationCommandOptionType[option.type]} vs ${kind}`);
      if (inner instanceof z.ZodEnum && option.choices) {
        const values = [...inner.options].map(String).sort();
        if (values.join() !== option.choices.map(String).sort().join()) {
          problems.push(`${where(variant)} ${name}: choices ${option.choices.join('/')} vs ${values.join('/')}`);
        }
      }
    }
  }
  return problems;
}

describe('command argument schemas', () => {
  it.each(commands.map((command) => [command.data.name, command] as const))(
    'GIVEN /%s WHEN its zod schema is compared with its JSON options THEN names, types and required options agree',
    (_name, command) => {
      expect(mismatches(command.data, command.args)).toEqual([]);
    },
  );

  it('GIVEN a schema that lost an option, made a required one optional and typed an integer as text WHEN compared THEN each drift is named', () => {
    const data = {
      name: 'demo',
      description: 'demo',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'go',
          description: 'go',
          options: [
            { type: ApplicationCommandOptionType.String, name: 'town', description: 'town', required: true },
            { type: ApplicationCommandOptionType.Integer, name: 'seats', description: 'seats' },
            { type: ApplicationCommandOptionType.String, name: 'topic', description: 'topic' },
          ],
        },
      ],
    } satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
    const drifted = z.discriminatedUnion('subcommand', [
      z.object({ subcommand: z.literal('go'), town: z.string().optional(), seats: z.string().optional() }),
    ]);
    expect(mismatches(data, drifted)).toEqual([
      '/demo go town: required in the JSON',
      '/demo go seats: Integer vs string',
      '/demo go topic: only in the JSON',
    ]);
  });
});
