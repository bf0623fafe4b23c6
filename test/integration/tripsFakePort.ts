import type { ThreadMessage, TripPort } from '../../src/app/ports.js';
import type { AnnouncementView, StopStanding } from '../../src/app/views.js';

/**
 * An in-memory Discord for the trips port: what was posted, edited, opened and sent. Only the port is faked; the
 * database under the use cases is real.
 */
export class FakeTripPort implements TripPort {
  readonly announcements: { channelId: string; messageId: string; view: AnnouncementView }[] = [];
  readonly refreshes: { guildId: string; tripId: number; withCalendar: boolean }[] = [];
  readonly events = new Map<string, { view: AnnouncementView; status: 'scheduled' | 'cancelled' }>();
  readonly threads = new Map<string, { name: string; messages: ThreadMessage[] }>();
  readonly directMessages: { userId: string; content: string }[] = [];
  /** Channels the bot may not post in. */
  readonly blockedChannels = new Set<string>();
  /** Members whose DMs are closed. */
  readonly closedDms = new Set<string>();
  /** The bot lacks Manage Events. */
  canManageEvents = true;
  locale: string | null = 'fr';
  private nextId = 900_000_000_000_000_000n;

  private newId(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }

  async postAnnouncement(input: { channelId: string; view: AnnouncementView }) {
    if (this.blockedChannels.has(input.channelId)) return null;
    const messageId = this.newId();
    this.announcements.push({ ...input, messageId });
    return { messageId };
  }

  async refreshAnnouncement(input: { guildId: string; tripId: number; withCalendar: boolean }) {
    this.refreshes.push(input);
  }

  readonly stopPings: { channelId: string; messageId: string; replyTo: string; roleIds: string[] }[] = [];

  async postStopPing(input: { channelId: string; messageId: string; view: AnnouncementView; stop: StopStanding }) {
    if (this.blockedChannels.has(input.channelId)) return null;
    const messageId = this.newId();
    this.stopPings.push({
      channelId: input.channelId,
      messageId,
      replyTo: input.messageId,
      roleIds: [...input.stop.stop.pingedRoleIds],
    });
    return { messageId };
  }

  async createScheduledEvent(input: { guildId: string; view: AnnouncementView }) {
    if (!this.canManageEvents) return null;
    const id = this.newId();
    this.events.set(id, { view: input.view, status: 'scheduled' });
    return id;
  }

  async updateScheduledEvent(input: { guildId: string; eventId: string; view: AnnouncementView }) {
    const event = this.events.get(input.eventId);
    if (event) event.view = input.view;
  }

  async cancelScheduledEvent(input: { guildId: string; eventId: string }) {
    const event = this.events.get(input.eventId);
    if (event) event.status = 'cancelled';
  }

  async postInThread(input: {
    channelId: string;
    messageId: string;
    threadId: string | null;
    threadName: string;
    messages: ThreadMessage[];
  }) {
    // Discord: a thread started on a message takes the message's id.
    const threadId = input.threadId ?? input.messageId;
    const thread = this.threads.get(threadId) ?? { name: input.threadName, messages: [] };
    thread.messages.push(...input.messages);
    this.threads.set(threadId, thread);
    return { threadId, posted: input.messages.length };
  }

  async sendDirectMessage(input: { userId: string; content: string }) {
    if (this.closedDms.has(input.userId)) return false;
    this.directMessages.push(input);
    return true;
  }

  guildLocale(): string | null {
    return this.locale;
  }

  /** Every thread message, oldest first. */
  threadMessages(): ThreadMessage[] {
    return [...this.threads.values()].flatMap((thread) => thread.messages);
  }
}
