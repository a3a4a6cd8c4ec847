// A follow-up task's history in words, one line per event: on the task card, the dashboard's customer
// page and `radar tasks --history`. Machine notes (how long a snooze runs, why a task reopened) are
// shown in the reader's language; what people typed is shown as typed.
import type { Locale, LocalizedText } from '../../core/i18n.js';
import { text, say } from '../../core/i18n.js';
import type { TaskEvent, TaskEventKind, ProgressStatus } from '../../core/follow-up/task.js';

import { followUpText } from './follow-up.messages.js';

export const EVENT_LABEL: Record<TaskEventKind, LocalizedText> = {
  created: text('创建', 'created'),
  claimed: text('认领', 'claimed'),
  done: text('完成', 'done'),
  dismissed: text('忽略', 'dismissed'),
  snoozed: text('暂缓', 'snoozed'),
  reopened: text('重新打开', 'reopened'),
  escalated: text('升级', 'escalated'),
  reassigned: text('转派', 'reassigned'),
  recovered: text('客户恢复', 'recovered'),
  progress: text('进展', 'progress'),
};

export const PROGRESS_LABEL: Record<ProgressStatus, LocalizedText> = {
  in_progress: text('进行中', 'in progress'),
  resolved: text('已解决', 'resolved'),
  blocked: text('受阻', 'blocked'),
};

/** One event of the history, with the name of whoever did it (null: the radar itself). */
export interface TaskHistoryItem {
  event: TaskEvent;
  actor: string | null;
}

const UNTIL = /^until (\d{4}-\d\d-\d\d)(?:: (.*))?$/s;
const SNOOZE_ENDED = /^snooze ended (\d{4}-\d\d-\d\d)$/;
const STILL_RED = /^still red after (\d+) weeks, index ([\d.]+)$/;

/** The note of an event as the reader should see it, or null when it says nothing a person needs. */
function noteOf(event: TaskEvent, locale: Locale): string | null {
  const note = event.note?.trim() || null;
  switch (event.kind) {
    // "grade A, week 2026-W47" / "to 12": bookkeeping, already said by the card and the actor.
    case 'created':
    case 'reassigned':
    case 'claimed':
      return null;
    case 'progress': {
      const parts = [event.status ? say(locale, PROGRESS_LABEL[event.status]) : null, note,
        event.blocker ? say(locale, followUpText.blockedBy(event.blocker)) : null];
      const said = parts.filter((p): p is string => p !== null).join(' — ');
      return event.week ? `${event.week} ${said}` : said || null;
    }
    case 'reopened': {
      // The radar's own reopen notes start with the word the label already says.
      const ended = note === null ? null : SNOOZE_ENDED.exec(note);
      if (ended) return say(locale, followUpText.snoozeEnded(ended[1]));
      return note?.replace(/^(reopened: |重新打开：)/, '') || null;
    }
    default: {
      if (note === null) return null;
      const until = UNTIL.exec(note);
      if (until) return until[2] ? say(locale, followUpText.until(until[1], until[2])) : say(locale, followUpText.until2(until[1]));
      const red = STILL_RED.exec(note);
      if (red) return say(locale, followUpText.stillRedAfterWeeksIndex(red[1], red[2]));
      if (note === 'recovered') return say(locale, followUpText.customerRecovered);
      return note;
    }
  }
}

/** "11-27 14:05 · 进展 · 王芳 · 2026-W48 受阻 — 等合同 — 阻塞：法务" */
export function taskEventLine(item: TaskHistoryItem, locale: Locale): string {
  const { event, actor } = item;
  const note = noteOf(event, locale);
  return [event.at.slice(5, 16).replace('T', ' '), say(locale, EVENT_LABEL[event.kind]), ...(actor ? [actor] : []), ...(note ? [note] : [])].join(' · ');
}

/** The last `max` events' lines, oldest first, with a count of the earlier ones left out. */
export function taskHistoryLines(items: readonly TaskHistoryItem[], locale: Locale, max = 6): string[] {
  const shown = items.slice(-max).map((i) => taskEventLine(i, locale));
  const hidden = items.length - Math.min(items.length, max);
  return hidden > 0 ? [say(locale, followUpText.earlier(hidden)), ...shown] : shown;
}

/** The latest lifecycle event when it is a reopening by the radar: the card says why the task is back. */
export function reopenedBecause(items: readonly TaskHistoryItem[]): TaskEvent | null {
  const last = [...items].reverse().find((i) => i.event.kind !== 'progress');
  return last && last.event.kind === 'reopened' && last.event.actorId === null && last.event.note ? last.event : null;
}
