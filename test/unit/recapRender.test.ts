import { describe, expect, it } from 'vitest';
import type { RecapView, ReminderView } from '../../src/app/views.js';
import type { TripRow } from '../../src/db/repositories/trips.js';
import { renderRecapMessage, renderReminderDm, renderReminderInThread } from '../../src/discord/recap.js';
import { buildRecap } from '../../src/domain/recap.js';
import type { Rsvp } from '../../src/domain/rsvp.js';

const STARTS = new Date('2026-12-04T17:00:00Z');

function trip(extra: Partial<TripRow> = {}): TripRow {
  return {
    id: 12,
    tripId: 12,
    position: 1,
    pingMessageId: null,
    pingedAt: null,
    tripStatus: 'scheduled',
    guildId: '100000000000000001',
    hostId: '300000000000000000',
    townId: 1,
    townName: 'Rimouski',
    startsAt: STARTS,
    durationMinutes: 90,
    topic: '**IA** @everyone',
    venue: 'Café du Port',
    capacity: null,
    reach: 'town',
    status: 'scheduled',
    cancelReason: null,
    channelId: '110000000000000001',
    messageId: '120000000000000001',
    pingedRoleIds: [],
    scheduledEventId: null,
    threadId: null,
    recapMessageId: null,
    recapNotes: null,
    version: 0,
    answersVersion: 0,
    createdAt: STARTS,
    updatedAt: STARTS,
    ...extra,
  };
}

function recapView(goingCount: number, language: 'fr' | 'en' = 'fr'): RecapView {
  const rsvps: Rsvp[] = Array.from({ length: goingCount }, (_, index) => ({
    userId: String(300_000_000_000_000_001n + BigInt(index)),
    status: 'going',
    guests: 0,
    respondedAt: new Date(STARTS.getTime() - (goingCount - index) * 60_000),
    waitlistedAt: null,
  }));
  const value = trip();
  return {
    trip: value,
    recap: buildRecap({
      townName: value.townName,
      startsAt: STARTS,
      timeZone: 'America/Toronto',
      locale: language,
      hostId: value.hostId,
      rsvps,
      roleMemberCount: 200,
      topic: value.topic,
      venue: value.venue,
    }),
    scope: 'town',
    membersKnown: true,
    localAttendees: goingCount + 1,
    language,
    timeZone: 'America/Toronto',
  };
}

describe('recap and reminder messages', () => {
  it('GIVEN 60 members going WHEN the recap is rendered THEN 50 are written and pinged, the rest counted, and it fits a message', () => {
    const rendered = renderRecapMessage(recapView(60));
    expect(rendered.allowed_mentions.users).toHaveLength(50);
    expect(rendered.allowed_mentions).toMatchObject({ parse: [], roles: [] });
    expect(rendered.content.match(/<@\d+>/g)).toHaveLength(50);
    expect(rendered.content).toContain('et 11 autre(s)');
    expect(rendered.content).toContain('**61** sur **200** membres de Rimouski');
    expect(rendered.content.length).toBeLessThanOrEqual(2_000);
  });

  it('GIVEN a topic with markdown and @everyone WHEN rendered THEN it shows literally and pings nobody', () => {
    const rendered = renderRecapMessage(recapView(1, 'en'));
    expect(rendered.content).toContain('💬 Topic: \\*\\*IA\\*\\* @\u200Beveryone');
    expect(rendered.components[0]?.components.map((button) => ('custom_id' in button ? button.custom_id : ''))).toEqual(
      ['recap:12:attended', 'recap:12:next'],
    );
  });

  it('GIVEN a reminder WHEN rendered for a DM and for the thread THEN both carry the Discord timestamps; the thread one names exactly the unreachable members', () => {
    const view: ReminderView = {
      trip: trip({ topic: null }),
      language: 'fr',
      timeZone: 'America/Toronto',
      url: 'https://discord.com/channels/1/2/3',
    };
    const dm = renderReminderDm(view);
    expect(dm).toContain('<t:1796403600:R>');
    expect(dm).toContain('<t:1796403600:F>');
    expect(dm).toContain('📍 Lieu : Café du Port');
    expect(dm).not.toContain('Sujet');
    expect(dm).toContain('https://discord.com/channels/1/2/3');
    const thread = renderReminderInThread(view, ['300000000000000002', '300000000000000003']);
    expect(thread.match(/<@\d+>/g)).toEqual(['<@300000000000000002>', '<@300000000000000003>']);
  });
});
