import { type Failure, fail } from './result.js';

/**
 * Safety for free text typed by members (topics, venues, town names, recap notes) before it is stored or shown.
 *
 * Order of use: `cleanUserText` when the text comes in (it is what gets stored), then at display time
 * `escapeMarkdown` where the text sits inside formatted content and `neutralizeMentions` last (cleaning removes
 * zero-width characters, so neutralizing first would be undone). `allowed_mentions` on every message is the real
 * protection against pings; neutralizing is belt and braces for embeds and thread names.
 */

export type TextErrorKey = 'text.empty' | 'text.tooLong';

export type CleanTextResult = { readonly ok: true; readonly value: string } | Failure<TextErrorKey>;

export interface CleanTextOptions {
  /** Maximum length in user-perceived characters (grapheme clusters: an emoji family counts as one). */
  readonly maxLength: number;
  /** Keep line breaks (at most one blank line in a row); otherwise every line break becomes a space. */
  readonly allowNewlines?: boolean;
}

/**
 * Invisible characters that can hide or spoof text: zero-width space/non-joiner/joiner and the LRM/RLM marks
 * (U+200B–U+200F), word joiner and invisible operators (U+2060–U+2064), byte order mark (U+FEFF), soft hyphen,
 * Hangul fillers (blank "names" on Discord), and the bidi embedding/override/isolate controls (U+202A–U+202E,
 * U+2066–U+2069, U+061C) that can reverse the displayed order of what follows ("gpj.exe").
 * The zero-width joiner (U+200D) is removed here except inside emoji sequences, see EMOJI_JOINER.
 */
const INVISIBLE_CHARACTERS =
  /[\u00AD\u061C\u115F\u1160\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0]/g;

/** A zero-width joiner between two pictographs (with optional variation selector / skin tone) is part of an emoji. */
const STRAY_ZERO_WIDTH_JOINER =
  /(?<!\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Control characters (C0, DEL, C1) other than tab and line feed. */
const CONTROL_CHARACTERS = /[^\P{Cc}\t\n]/gu;

/** Longest run of line breaks kept when newlines are allowed: one blank line between paragraphs. */
const MAX_CONSECUTIVE_NEWLINES = 2;

// Created at first use: an Intl object built at import touches ICU's data for a bot that has read no text yet (issue 15).
let segmenter: Intl.Segmenter | undefined;
const graphemeSegmenter = {
  segment(text: string): Intl.Segments {
    segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
    return segmenter.segment(text);
  },
};

/** Length as a member perceives it: "👨‍👩‍👧" and "é" (decomposed or not) count as one. */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of graphemeSegmenter.segment(text)) count += 1;
  return count;
}

/**
 * Cuts text to at most `maxLength` graphemes, never inside an emoji or accented letter, ending with "…" when
 * something was cut (the ellipsis counts in the limit).
 */
export function truncateGraphemes(text: string, maxLength: number): string {
  if (graphemeLength(text) <= maxLength) return text;
  if (maxLength <= 0) return '';
  const kept: string[] = [];
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (kept.length === maxLength - 1) break;
    kept.push(segment);
  }
  return kept.join('').trimEnd() + '…';
}

/**
 * Cuts text so that its JavaScript length (UTF-16 units, what Discord's name limits are checked against at worst)
 * is at most `maxLength`, never inside a grapheme, ending with "…" when something was cut.
 */
export function truncateToLength(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 0) return '';
  let kept = '';
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (kept.length + segment.length > maxLength - 1) break;
    kept += segment;
  }
  return kept.trimEnd() + '…';
}

/** Removes the invisible and control characters a member cannot see, keeping emoji sequences intact. */
export function stripInvisibleCharacters(text: string): string {
  return text
    .replace(INVISIBLE_CHARACTERS, '')
    .replace(STRAY_ZERO_WIDTH_JOINER, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL_CHARACTERS, '');
}

function collapseWhitespace(text: string, allowNewlines: boolean): string {
  if (!allowNewlines) return text.replace(/\s+/g, ' ').trim();
  const tooManyNewlines = new RegExp(`\\n{${MAX_CONSECUTIVE_NEWLINES + 1},}`, 'g');
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(tooManyNewlines, '\n'.repeat(MAX_CONSECUTIVE_NEWLINES))
    .trim();
}

/**
 * Cleans a member's free text: Unicode NFC, invisible/bidi/control characters removed, whitespace runs collapsed,
 * trimmed; then checks it is not empty and not longer than `maxLength` graphemes.
 */
export function cleanUserText(input: string, options: CleanTextOptions): CleanTextResult {
  const { maxLength, allowNewlines = false } = options;
  const value = collapseWhitespace(stripInvisibleCharacters(input.normalize('NFC')), allowNewlines);
  const length = graphemeLength(value);
  if (length === 0) return fail('text.empty', { max: maxLength, length });
  if (length > maxLength) return fail('text.tooLong', { max: maxLength, length });
  return { ok: true, value };
}

/**
 * Makes `@everyone`, `@here` and user/role mentions (`<@id>`, `<@!id>`, `<@&id>`) inert by putting a zero-width
 * space after the "@". The text still reads the same.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, '@\u200B$1').replace(/<@([!&]?\d+)>/g, '<@\u200B$1>');
}

/**
 * Escapes Discord markdown so user text shows literally inside formatted content: `\ * _ ~ ` | > [ ] ( )`
 * anywhere, and `#` (headings) or `-` (lists, "-#" subtext) at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|>[\]()]/g, '\\$&').replace(/^([ \t]*)([#-])/gm, '$1\\$2');
}
