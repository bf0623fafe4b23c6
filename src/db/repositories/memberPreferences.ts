import { and, eq, inArray, ne } from 'drizzle-orm';
import type { QuietHours } from '../../domain/quietHours.js';
import type { Executor } from '../client.js';
import { memberPreferences } from '../schema.js';

export type ReminderMode = 'dm' | 'thread' | 'off';
export type LanguageChoice = 'auto' | 'fr' | 'en';

/** How a member wants to hear from Escale in one guild; `isDefault` when they never chose anything. */
export interface MemberPreferences {
  readonly guildId: string;
  readonly userId: string;
  readonly reminders: ReminderMode;
  readonly quietHours: QuietHours | null;
  readonly language: LanguageChoice;
  readonly isDefault: boolean;
}

export function defaultMemberPreferences(guildId: string, userId: string): MemberPreferences {
  return { guildId, userId, reminders: 'dm', quietHours: null, language: 'auto', isDefault: true };
}

type Row = typeof memberPreferences.$inferSelect;

function fromRow(row: Row): MemberPreferences {
  const quietHours =
    row.quietStartMinute === null || row.quietEndMinute === null
      ? null
      : { startMinute: row.quietStartMinute, endMinute: row.quietEndMinute };
  return {
    guildId: row.guildId,
    userId: row.userId,
    reminders: (['dm', 'thread', 'off'].includes(row.reminders) ? row.reminders : 'dm') as ReminderMode,
    quietHours,
    language: (['auto', 'fr', 'en'].includes(row.language) ? row.language : 'auto') as LanguageChoice,
    isDefault: false,
  };
}

export async function getMemberPreferences(
  executor: Executor,
  guildId: string,
  userId: string,
): Promise<MemberPreferences> {
  const [row] = await executor
    .select()
    .from(memberPreferences)
    .where(and(eq(memberPreferences.guildId, guildId), eq(memberPreferences.userId, userId)))
    .limit(1);
  return row ? fromRow(row) : defaultMemberPreferences(guildId, userId);
}

/**
 * The members of a guild who chose a language other than their Discord's ('fr' or 'en'), at most `limit` of them
 * (primary key range on guild_id). `complete` is false when the guild has more than `limit`.
 */
export async function listLanguageChoices(
  executor: Executor,
  guildId: string,
  limit: number,
): Promise<{ choices: Map<string, LanguageChoice>; complete: boolean }> {
  const rows = await executor
    .select({ userId: memberPreferences.userId, language: memberPreferences.language })
    .from(memberPreferences)
    .where(and(eq(memberPreferences.guildId, guildId), ne(memberPreferences.language, 'auto')))
    .limit(limit + 1);
  const choices = new Map<string, LanguageChoice>();
  for (const row of rows.slice(0, limit)) {
    if (row.language === 'fr' || row.language === 'en') choices.set(row.userId, row.language);
  }
  return { choices, complete: rows.length <= limit };
}

/** One query for many members; every asked member is in the map (defaults when they have no row). */
export async function getMemberPreferencesMany(
  executor: Executor,
  guildId: string,
  userIds: readonly string[],
): Promise<Map<string, MemberPreferences>> {
  const result = new Map<string, MemberPreferences>();
  const unique = [...new Set(userIds)];
  if (unique.length > 0) {
    const rows = await executor
      .select()
      .from(memberPreferences)
      .where(and(eq(memberPreferences.guildId, guildId), inArray(memberPreferences.userId, unique)));
    for (const row of rows) result.set(row.userId, fromRow(row));
  }
  for (const userId of unique) if (!result.has(userId)) result.set(userId, defaultMemberPreferences(guildId, userId));
  return result;
}

/** Changes only the fields given; a member's first change creates their row with the defaults for the others. */
export async function updateMemberPreferences(
  executor: Executor,
  input: {
    guildId: string;
    userId: string;
    reminders?: ReminderMode;
    /** null: none; undefined: unchanged. */
    quietHours?: QuietHours | null;
    language?: LanguageChoice;
    now: Date;
  },
): Promise<MemberPreferences> {
  const set: Partial<typeof memberPreferences.$inferInsert> = { updatedAt: input.now };
  if (input.reminders !== undefined) set.reminders = input.reminders;
  if (input.language !== undefined) set.language = input.language;
  if (input.quietHours !== undefined) {
    set.quietStartMinute = input.quietHours?.startMinute ?? null;
    set.quietEndMinute = input.quietHours?.endMinute ?? null;
  }
  const [row] = await executor
    .insert(memberPreferences)
    .values({ guildId: input.guildId, userId: input.userId, ...set })
    .onConflictDoUpdate({ target: [memberPreferences.guildId, memberPreferences.userId], set })
    .returning();
  if (!row) throw new Error('member_preferences upsert returned no row');
  return fromRow(row);
}
