import { type APIEmbed, roleMention } from 'discord.js';
import type { PresetResult } from '../app/towns/admin.js';
import type { TownListEntry } from '../app/towns/membership.js';
import type { TownRow } from '../db/repositories/towns.js';
import { escapeMarkdown } from '../domain/text.js';
import { PRESETS } from '../domain/towns.js';
import { EMBED_COLOR } from './colors.js';
import type { HandlerContext } from './command.js';

/** Discord's limit on an embed description, with room for the "and N more" line. */
const LIST_DESCRIPTION_BUDGET = 3_900;

export function townParams(town: TownRow): { town: string; role: string } {
  return { town: escapeMarkdown(town.name), role: roleMention(town.roleId) };
}

export function renderTownList(context: Pick<HandlerContext, 't'>, entries: readonly TownListEntry[]): APIEmbed {
  if (entries.length === 0) {
    return {
      color: EMBED_COLOR,
      title: context.t('town.list.title', { count: 0 }),
      description: context.t('town.list.empty'),
    };
  }
  const lines: string[] = [
    context.t('town.list.summary', { count: entries.filter((entry) => entry.member).length, total: entries.length }),
    '',
  ];
  let length = lines.join('\n').length;
  let shown = 0;
  for (const entry of entries) {
    const mark = entry.digest ? '📬' : entry.member ? '✅' : '▫️';
    const role = entry.roleMissing ? `⚠️ ${context.t('town.list.roleMissing')}` : roleMention(entry.town.roleId);
    // The member's mode for their towns: pinged by the role, or the Monday digest.
    const mode = entry.digest
      ? ` · ${context.t('town.list.mode.digest')}`
      : entry.member
        ? ` · ${context.t('town.list.mode.ping')}`
        : '';
    const line = `${mark} **${escapeMarkdown(entry.town.name)}** — ${role}${mode}`;
    if (length + line.length + 1 > LIST_DESCRIPTION_BUDGET) break;
    lines.push(line);
    length += line.length + 1;
    shown += 1;
  }
  if (shown < entries.length) lines.push(context.t('town.list.more', { count: entries.length - shown }));
  return {
    color: EMBED_COLOR,
    title: context.t('town.list.title', { count: entries.length }),
    description: lines.join('\n'),
    footer: { text: context.t('town.list.footer') },
  };
}

export function renderPreset(context: Pick<HandlerContext, 't' | 'language'>, result: PresetResult): APIEmbed {
  const names = (towns: TownRow[]) => towns.map((town) => escapeMarkdown(town.name)).join(', ');
  const label = PRESETS[result.region]?.label[context.language] ?? result.region;
  const lines: string[] = [];
  if (result.created.length > 0) {
    lines.push(context.t('town.preset.created', { count: result.created.length, towns: names(result.created) }));
  }
  if (result.linked.length > 0) {
    lines.push(context.t('town.preset.linked', { count: result.linked.length, towns: names(result.linked) }));
  }
  if (result.repaired.length > 0) {
    lines.push(context.t('town.preset.repaired', { count: result.repaired.length, towns: names(result.repaired) }));
  }
  if (result.existing.length > 0) {
    lines.push(context.t('town.preset.existing', { count: result.existing.length, towns: names(result.existing) }));
  }
  if (result.created.length + result.linked.length + result.repaired.length === 0) {
    lines.push(context.t('town.preset.nothingNew'));
  }
  return {
    color: EMBED_COLOR,
    title: context.t('town.preset.title', { region: label }),
    description: lines.join('\n'),
  };
}
