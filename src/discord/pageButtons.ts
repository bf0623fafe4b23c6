import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonInteraction,
  ButtonStyle,
  ComponentType,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { UserFacingError } from '../app/errors.js';

/** `<prefix>:<page>:<townId|all>:<prev|next>`: the page to show and the filter, so the buttons survive a restart. */
export function pageButtonId(prefix: string, page: number, townId: number | null, direction: 'prev' | 'next'): string {
  return `${prefix}:${page}:${townId ?? 'all'}:${direction}`;
}

/** The Previous/Next row of a paged list (none when everything fits on one page). */
export function pagerRow(input: {
  prefix: string;
  page: number;
  pageCount: number;
  townId: number | null;
  previous: { label: string; emoji?: string };
  next: { label: string; emoji?: string };
}): APIActionRowComponent<APIButtonComponent>[] {
  if (input.pageCount <= 1) return [];
  const button = (
    direction: 'prev' | 'next',
    page: number,
    look: { label: string; emoji?: string },
    disabled: boolean,
  ) =>
    ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: pageButtonId(input.prefix, page, input.townId, direction),
      label: look.label,
      ...(look.emoji ? { emoji: { name: look.emoji } } : {}),
      disabled,
    }) satisfies APIButtonComponent;
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        button('prev', Math.max(0, input.page - 1), input.previous, input.page === 0),
        button('next', Math.min(input.pageCount - 1, input.page + 1), input.next, input.page >= input.pageCount - 1),
      ],
    },
  ];
}

/**
 * Previous/Next buttons of paged lists carry `<prefix>:<page>:<townId|all>:<prev|next>`, so they work after a
 * restart. A forged or malformed id is a stale button, never a crash.
 */
export function parsePageButton(
  interaction: MessageComponentInteraction | ModalSubmitInteraction,
  parts: string[],
): { button: ButtonInteraction; guildId: string; page: number; townId: number | undefined } {
  const [pageText = '', filter = '', direction = ''] = parts;
  const page = Number(pageText);
  const townId = filter === 'all' ? undefined : Number(filter);
  const valid =
    Number.isSafeInteger(page) &&
    page >= 0 &&
    (townId === undefined || (Number.isSafeInteger(townId) && townId > 0)) &&
    (direction === 'prev' || direction === 'next') &&
    parts.length === 3;
  if (!valid || !interaction.isButton() || !interaction.guildId) throw new UserFacingError('error.staleComponent');
  return { button: interaction, guildId: interaction.guildId, page, townId };
}
