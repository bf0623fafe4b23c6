import { type APIChannel, type Client, Routes } from 'discord.js';
import { AnnouncementGoneError } from '../app/ports.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';

const AUDIT_REASON = 'Escale: meetup thread';
/** The thread stays open a week without activity: time to post photos. */
const THREAD_AUTO_ARCHIVE_MINUTES = 10_080;

/**
 * The announcement's thread: the stored one, or one started on the announcement. Discord allows one thread per
 * message and gives it the message's id, so "already created" (160004) is success: the thread is `messageId`.
 * With `name`, an existing thread is renamed (and unarchived): the recap turns the notices' thread into the recap's.
 */
export async function openAnnouncementThread(
  client: Client,
  input: { channelId: string; messageId: string; threadId: string | null; name: string; rename: boolean },
): Promise<string> {
  const rename = async (threadId: string) => {
    await client.rest.patch(Routes.channel(threadId), {
      body: { name: input.name, archived: false },
      reason: AUDIT_REASON,
    });
  };
  if (input.threadId) {
    if (!input.rename) return input.threadId;
    try {
      await rename(input.threadId);
      return input.threadId;
    } catch (error) {
      // Deleted by a moderator: a new thread is started below.
      if (discordCode(error) !== DISCORD_ERROR.unknownChannel) throw error;
    }
  }
  try {
    const thread = (await client.rest.post(Routes.threads(input.channelId, input.messageId), {
      body: { name: input.name, auto_archive_duration: THREAD_AUTO_ARCHIVE_MINUTES },
      reason: AUDIT_REASON,
    })) as APIChannel;
    return thread.id;
  } catch (error) {
    const code = discordCode(error);
    if (code === DISCORD_ERROR.threadAlreadyCreated) {
      if (input.rename) await rename(input.messageId);
      return input.messageId;
    }
    if (code === DISCORD_ERROR.unknownMessage) throw new AnnouncementGoneError();
    throw error;
  }
}
