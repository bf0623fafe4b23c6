/**
 * The one splitter for messages that list mentions. Discord refuses a message over 2,000 characters (50035) and
 * caps allowed_mentions.users at 100; 90 mentions of 19-digit ids alone are 2,069 characters. Parts are cut BY
 * LENGTH: each part is the whole message (the words that say why, with its share of the mentions), each member is
 * mentioned in exactly one part, and a part pings only the members it names.
 */
export interface MentionPart {
  content: string;
  mentionUserIds: string[];
}

export const MENTION_PART_LIMITS = { maxLength: 2_000, maxMentions: 90 } as const;

export function splitMentions(
  userIds: readonly string[],
  render: (userIds: readonly string[]) => string,
  limits: { maxLength: number; maxMentions: number } = MENTION_PART_LIMITS,
): MentionPart[] {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [{ content: clip(render([]), limits.maxLength), mentionUserIds: [] }];
  const parts: MentionPart[] = [];
  let current: string[] = [];
  let content = '';
  for (const userId of unique) {
    const candidate = [...current, userId];
    const text = render(candidate);
    if (candidate.length <= limits.maxMentions && text.length <= limits.maxLength) {
      current = candidate;
      content = text;
      continue;
    }
    if (current.length > 0) parts.push({ content, mentionUserIds: current });
    current = [userId];
    // Words so long that even one mention does not fit: the text is cut, never the mention's ping.
    content = clip(render(current), limits.maxLength);
  }
  parts.push({ content, mentionUserIds: current });
  return parts;
}

function clip(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
