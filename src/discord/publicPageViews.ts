import { type APIEmbed, time } from 'discord.js';
import type { FeedRequest, PublicPageStatus } from '../app/publicSettings.js';
import type { HandlerContext } from './command.js';

/** The public page's part of /setup's answer, and /trip feed's reply (issue 14). */

export function addPublicPageField(context: HandlerContext, embed: APIEmbed, status: PublicPageStatus): APIEmbed {
  const t = context.t;
  const value = status.enabled
    ? t('web.setup.on', {
        url: status.url ?? status.slug ?? '',
        names: t(status.showNames ? 'web.setup.names.on' : 'web.setup.names.off'),
        invite: status.invite ? t('web.setup.inviteShown', { invite: status.invite }) : '',
      })
    : t('web.setup.off', { slug: status.slug ? t('web.setup.offSlug', { slug: status.slug }) : '' });
  const fields = [...(embed.fields ?? []), { name: t('web.setup.field'), value }];
  // Only public-page options given: say that this is what was saved.
  const description =
    status.changed.length > 0 && embed.description === t('setup.current')
      ? t('setup.saved', { fields: t('web.setup.field') })
      : embed.description;
  return { ...embed, fields, ...(description === undefined ? {} : { description }) };
}

export function renderFeedReply(context: HandlerContext, result: FeedRequest): string {
  return result.kind === 'created'
    ? context.t('web.feed.created', { url: result.url })
    : context.t('web.feed.exists', { date: time(result.createdAt, 'D') });
}
