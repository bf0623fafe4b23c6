import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';

/**
 * Every name a member reads in Discord's command picker, in French too: each command, subcommand group, subcommand,
 * option and choice, found by walking the JSON that `npm run commands:deploy` sends, so a new command or option is
 * covered without touching this file. Discord refuses the whole registration when one name breaks its rules.
 */

/** Discord's rule for command, subcommand and option names (CHAT_INPUT), in every locale. */
const DISCORD_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

interface Localized {
  name: string;
  name_localizations?: Record<string, string | null> | null;
  description?: string;
  description_localizations?: Record<string, string | null> | null;
  options?: Localized[];
  choices?: Localized[];
}

interface Entry {
  kind: 'command' | 'option' | 'choice';
  /** '/trip new when', '/trip new reach → nearby' */
  path: string;
  node: Localized;
  siblings: Localized[];
}

function entries(): Entry[] {
  const found: Entry[] = [];
  const topLevel = commands.map((command) => command.data as unknown as Localized);
  const walk = (nodes: Localized[], prefix: string, kind: Entry['kind']) => {
    for (const node of nodes) {
      const path = kind === 'choice' ? `${prefix} → ${node.name}` : `${prefix} ${node.name}`.trim();
      found.push({ kind, path: `/${path}`, node, siblings: nodes });
      if (node.options) walk(node.options, path, 'option');
      if (node.choices) walk(node.choices, path, 'choice');
    }
  };
  walk(topLevel, '', 'command');
  return found;
}

const all = entries();
const named = all.filter((entry) => entry.kind !== 'choice');
const choices = all.filter((entry) => entry.kind === 'choice');

const french = (localizations: Record<string, string | null> | null | undefined) => localizations?.fr ?? undefined;

/** A name Discord accepts: its pattern, and lowercase wherever a letter has a lowercase form. */
function discordNameProblem(name: string | undefined): string | undefined {
  if (name === undefined) return 'missing';
  if (!DISCORD_NAME.test(name)) return `"${name}" breaks ^[-_\\p{L}\\p{N}…]{1,32}$ (spaces, punctuation or > 32)`;
  if (name !== name.toLowerCase()) return `"${name}" is not lowercase`;
  return undefined;
}

function lengthProblem(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text.trim() === '') return 'missing';
  if (text.length > max) return `${text.length} characters (at most ${max})`;
  return undefined;
}

describe('French names and descriptions of every command, option and choice', () => {
  it('GIVEN the commands deployed WHEN walked THEN the walk finds every level (commands, subcommands, options, choices)', () => {
    expect(named.filter((entry) => entry.kind === 'command').map((entry) => entry.path)).toEqual(
      commands.map((command) => `/${command.data.name}`),
    );
    // The walk reaches nested options and choices (so the tests below cannot pass on an empty list).
    expect(named.map((entry) => entry.path)).toEqual(expect.arrayContaining(['/trip new when', '/rsvp response']));
    expect(choices.map((entry) => entry.path)).toEqual(expect.arrayContaining(['/rsvp response → Going']));
  });

  it('GIVEN every command, subcommand and option WHEN read in French THEN each has a French name Discord accepts (lowercase, no spaces, ≤ 32) and a French description of 1–100 characters', () => {
    const problems = named.flatMap((entry) => {
      const name = discordNameProblem(french(entry.node.name_localizations));
      const description = lengthProblem(french(entry.node.description_localizations), 100);
      return [
        ...(name ? [`${entry.path}: French name ${name}`] : []),
        ...(description ? [`${entry.path}: French description ${description}`] : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('GIVEN every command, subcommand and option WHEN read in English THEN its name follows the same Discord rules and its description is 1–100 characters', () => {
    const problems = named.flatMap((entry) => {
      const name = discordNameProblem(entry.node.name);
      const description = lengthProblem(entry.node.description, 100);
      return [
        ...(name ? [`${entry.path}: name ${name}`] : []),
        ...(description ? [`${entry.path}: description ${description}`] : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('GIVEN every choice WHEN read in French THEN each has a French name of 1–100 characters', () => {
    const problems = choices.flatMap((entry) => {
      const name = lengthProblem(french(entry.node.name_localizations), 100);
      return name ? [`${entry.path}: French name ${name}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('GIVEN options side by side WHEN named in French THEN no two share a name (Discord refuses the registration)', () => {
    const duplicates = named.flatMap((entry) => {
      const mine = french(entry.node.name_localizations);
      const clashes = entry.siblings.filter(
        (sibling) => sibling !== entry.node && french(sibling.name_localizations) === mine,
      );
      return clashes.length > 0 ? [`${entry.path}: "${mine}"`] : [];
    });
    expect(duplicates).toEqual([]);
  });
});
