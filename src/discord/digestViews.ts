import type { DigestView } from '../app/digest.js';
import { shortWhen } from '../domain/whenFormat.js';
import { t } from '../i18n/index.js';
import { safeText } from './announcement.js';
import { MESSAGE_MAX_LENGTH } from './markup.js';
import { quietHoursLine } from './preferencesViews.js';

/** The Monday digest DM: the member's digest towns, then one line per stop with its announcement's link. */
export function renderDigestDm(view: DigestView): string {
  const { language } = view;
  const lines = [t(language, 'digest.heading', { towns: view.towns.map(safeText).join(', ') }), ''];
  const footer = ['', t(language, 'digest.footer')];
  const note = quietHoursLine(view, language);
  if (note) footer.push(note);
  let length = [...lines, ...footer].join('\n').length;
  for (const stop of view.stops) {
    const line = t(language, 'digest.line', {
      when: shortWhen(stop.startsAt, view.timeZone, language),
      town: safeText(stop.townName),
      topic: stop.topic ? ` · ${safeText(stop.topic)}` : '',
      link: stop.url ?? `#${stop.tripId}`,
    });
    // A week of stops fits; a region with more than fits in one message keeps the soonest.
    if (length + line.length + 1 > MESSAGE_MAX_LENGTH) break;
    lines.push(line);
    length += line.length + 1;
  }
  return [...lines, ...footer].join('\n');
}
