import { describe, expect, it } from 'vitest';
import {
  cleanUserText,
  escapeMarkdown,
  graphemeLength,
  neutralizeMentions,
  stripInvisibleCharacters,
  truncateGraphemes,
  truncateToLength,
} from '../../src/domain/text.js';

const ZWSP = '\u200B';
const ZWJ = '\u200D';
const RLO = '\u202E';
const FAMILY = '👨‍👩‍👧'; // man ZWJ woman ZWJ girl
const THUMBS_UP_DARK = '👍🏿';
const RAINBOW_FLAG = '🏳️‍🌈'; // white flag, VS16, ZWJ, rainbow

function cleaned(input: string, maxLength = 200, allowNewlines = false): string {
  const result = cleanUserText(input, { maxLength, allowNewlines });
  if (!result.ok) throw new Error(`expected text, got ${result.error.key}`);
  return result.value;
}

describe('cleanUserText', () => {
  it('GIVEN text with spaces around and inside WHEN cleaned THEN trimmed and runs of spaces collapsed', () => {
    expect(cleaned('   Café   chez\t\tPaul  ')).toBe('Café chez Paul');
  });

  it('GIVEN a decomposed "é" WHEN cleaned THEN it is stored composed (NFC)', () => {
    const decomposed = 'Rivie\u0300re-du-Loup';
    expect(cleaned(decomposed)).toBe('Rivière-du-Loup');
    expect(cleaned(decomposed).length).toBe('Rivière-du-Loup'.length);
  });

  it('GIVEN zero-width spaces, word joiners and a BOM WHEN cleaned THEN they are gone', () => {
    expect(cleaned(`Ri${ZWSP}mou\u2060ski\uFEFF`)).toBe('Rimouski');
  });

  it('GIVEN a right-to-left override used to spoof ("gpj.exe") WHEN cleaned THEN the override is removed', () => {
    expect(cleaned(`photo${RLO}gpj.exe`)).toBe('photogpj.exe');
  });

  it('GIVEN every bidi control (embeddings, overrides, isolates, marks) WHEN cleaned THEN none is left', () => {
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(cleaned(`a${bidi}b`)).toBe('ab');
  });

  it('GIVEN a zero-width joiner between letters WHEN cleaned THEN it is removed', () => {
    expect(cleaned(`ad${ZWJ}min`)).toBe('admin');
  });

  it('GIVEN emoji, including ZWJ sequences, skin tones and flags WHEN cleaned THEN they survive intact', () => {
    const text = `Dîner 🍝 ${FAMILY} ${THUMBS_UP_DARK} ${RAINBOW_FLAG} 🇨🇦`;
    expect(cleaned(text)).toBe(text);
  });

  it('GIVEN a stray ZWJ at the end of an emoji WHEN cleaned THEN the joiner goes and the emoji stays', () => {
    expect(cleaned(`🍝${ZWJ} a`)).toBe('🍝 a');
  });

  it('GIVEN line breaks WHEN newlines are not allowed THEN they become single spaces', () => {
    expect(cleaned('Sujet :\n\nIA\r\net PME')).toBe('Sujet : IA et PME');
  });

  it('GIVEN paragraphs WHEN newlines are allowed THEN at most one blank line is kept, lines trimmed', () => {
    expect(cleaned('  Merci !  \r\n\n\n\n  Photos   bientôt ', 2000, true)).toBe('Merci !\n\nPhotos bientôt');
  });

  it('GIVEN control characters WHEN cleaned THEN they are removed', () => {
    expect(cleaned('a\u0000b\u0007c\u009Fd')).toBe('abcd');
  });

  it.each(['', '    ', `${ZWSP}${ZWSP}`, `\u3164`, '\n\t'])(
    'GIVEN text that is blank or invisible (%j) WHEN cleaned THEN text.empty',
    (input) => {
      expect(cleanUserText(input, { maxLength: 10 })).toEqual({
        ok: false,
        error: { key: 'text.empty', params: { max: 10, length: 0 } },
      });
    },
  );

  it('GIVEN 200 characters WHEN the limit is 200 THEN accepted', () => {
    expect(cleaned('a'.repeat(200), 200)).toHaveLength(200);
  });

  it('GIVEN 201 characters WHEN the limit is 200 THEN text.tooLong with the limit and the length', () => {
    expect(cleanUserText('a'.repeat(201), { maxLength: 200 })).toEqual({
      ok: false,
      error: { key: 'text.tooLong', params: { max: 200, length: 201 } },
    });
  });

  it('GIVEN 200 family emoji (1,600 UTF-16 units) WHEN the limit is 200 THEN accepted: a member sees 200 characters', () => {
    const text = FAMILY.repeat(200);
    expect(text.length).toBe(1600);
    expect(cleaned(text, 200)).toBe(text);
  });

  it('GIVEN 201 accented letters typed decomposed WHEN the limit is 200 THEN the length reported is 201', () => {
    const result = cleanUserText('e\u0301'.repeat(201), { maxLength: 200 });
    expect(result).toMatchObject({ ok: false, error: { key: 'text.tooLong', params: { length: 201 } } });
  });

  it('GIVEN spaces that would push the text over the limit WHEN cleaned THEN they are collapsed before counting', () => {
    expect(cleaned(`${'a'.repeat(100)}          ${'b'.repeat(99)}`, 200)).toHaveLength(200);
  });
});

describe('stripInvisibleCharacters', () => {
  it('GIVEN Hangul fillers used for blank names WHEN stripped THEN nothing is left', () => {
    expect(stripInvisibleCharacters('\u3164\u115F\u1160\uFFA0')).toBe('');
  });
});

describe('graphemeLength and truncation', () => {
  it('GIVEN emoji sequences WHEN counted THEN each counts as one character', () => {
    expect(graphemeLength(`${FAMILY}${THUMBS_UP_DARK}${RAINBOW_FLAG}🇨🇦é`)).toBe(5);
  });

  it('GIVEN text longer than the limit WHEN truncated by graphemes THEN cut cleanly with an ellipsis', () => {
    expect(truncateGraphemes('Rivière-du-Loup', 8)).toBe('Rivière…');
    expect(truncateGraphemes(`${FAMILY}${FAMILY}${FAMILY}`, 2)).toBe(`${FAMILY}…`);
    expect(truncateGraphemes('court', 10)).toBe('court');
  });

  it('GIVEN a cut landing after a space WHEN truncated THEN no space before the ellipsis', () => {
    expect(truncateGraphemes('Saint Pascal', 7)).toBe('Saint…');
  });

  it('GIVEN emoji near a UTF-16 limit WHEN truncated to a length THEN no emoji is split', () => {
    const result = truncateToLength(`ab${FAMILY}`, 6);
    expect(result).toBe('ab…');
    expect(result.length).toBeLessThanOrEqual(6);
    expect(truncateToLength('abc', 3)).toBe('abc');
  });
});

describe('neutralizeMentions', () => {
  it.each([
    ['@everyone venez !', `@${ZWSP}everyone venez !`],
    ['Salut @here', `Salut @${ZWSP}here`],
    ['<@123456789012345678>', `<@${ZWSP}123456789012345678>`],
    ['<@!123456789012345678>', `<@${ZWSP}!123456789012345678>`],
    ['<@&123456789012345678>', `<@${ZWSP}&123456789012345678>`],
  ])('GIVEN "%s" WHEN neutralized THEN the mention is inert', (input, expected) => {
    expect(neutralizeMentions(input)).toBe(expected);
  });

  it('GIVEN ordinary text with an email and @ signs WHEN neutralized THEN unchanged', () => {
    expect(neutralizeMentions('écrire à marie@exemple.ca ou @Marie')).toBe('écrire à marie@exemple.ca ou @Marie');
  });

  it('GIVEN several mentions WHEN neutralized THEN all of them are', () => {
    expect(neutralizeMentions('@everyone @everyone <@1> <@&2>')).not.toMatch(/@everyone|<@\d|<@&\d/);
  });

  it('GIVEN cleaned then neutralized text WHEN cleaned again THEN the protection is removed: neutralize last', () => {
    const neutral = neutralizeMentions(cleaned('@everyone'));
    expect(cleaned(neutral)).toBe('@everyone');
  });
});

describe('escapeMarkdown', () => {
  it('GIVEN bold, italics, strike, code, spoiler and quote WHEN escaped THEN shown literally', () => {
    expect(escapeMarkdown('**gras** _it_ ~~barré~~ `code` ||spoiler|| > cite')).toBe(
      '\\*\\*gras\\*\\* \\_it\\_ \\~\\~barré\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\> cite',
    );
  });

  it('GIVEN a masked link WHEN escaped THEN not clickable as a disguised link', () => {
    expect(escapeMarkdown('[Rimouski](https://evil.example)')).toBe('\\[Rimouski\\]\\(https://evil.example\\)');
  });

  it('GIVEN a heading or list at the start of a line WHEN escaped THEN not formatted', () => {
    expect(escapeMarkdown('# Titre\n## Sous\n-# petit\n- item')).toBe('\\# Titre\n\\## Sous\n\\-# petit\n\\- item');
  });

  it('GIVEN a # or - inside a line WHEN escaped THEN left alone', () => {
    expect(escapeMarkdown('Salle #3 - rez-de-chaussée')).toBe('Salle #3 - rez-de-chaussée');
  });

  it('GIVEN a backslash WHEN escaped THEN it cannot cancel the escaping', () => {
    expect(escapeMarkdown('\\*x')).toBe('\\\\\\*x');
  });

  it('GIVEN emoji and accents WHEN escaped THEN untouched', () => {
    expect(escapeMarkdown(`Café ${FAMILY}`)).toBe(`Café ${FAMILY}`);
  });
});
