// The page frame: header with navigation, the viewer, the language switch and sign-out.
import type { Locale } from '../../core/i18n.js';
import type { Member } from '../../core/team.js';
import { ROLE_LABEL, type TagLabels } from '../../app/shared/view-text.js';
import { html, type SafeHtml } from '../html.js';
import { DASHBOARD_PATH } from '../auth/web-auth.js';
import { appName } from './labels.js';
import { say } from '../../core/i18n.js';
import { pagesText } from './pages.messages.js';

export interface PageContext {
  locale: Locale;
  viewer: Member | null;
  /** The language asked for with ?lang=, carried on our own links. */
  lang: Locale | null;
  /** The team's tag names (teamTagLabels of its settings); built-in names only when absent. */
  tagLabels?: TagLabels;
}

/** A dashboard URL with query parameters (empty ones dropped) and the chosen language. */
export function href(pc: Pick<PageContext, 'lang'>, path: string, params: Record<string, string | number | null | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  if (pc.lang && !q.has('lang')) q.set('lang', pc.lang);
  const s = q.toString();
  return `${DASHBOARD_PATH}${path}${s ? `?${s}` : ''}`;
}

export function layout(pc: PageContext, opts: { title: string; current?: 'week' | 'team'; switchLang?: string }, body: SafeHtml): string {
  const { locale, viewer } = pc;
  const other: Locale = locale === 'zh' ? 'en' : 'zh';
  const nav = viewer ? html`
    <nav aria-label="${say(locale, pagesText.navigation)}">
      <a href="${href(pc, '/')}"${opts.current === 'week' ? html` aria-current="page"` : ''}>${say(locale, pagesText.thisWeek)}</a>
      <a href="${href(pc, '/team')}"${opts.current === 'team' ? html` aria-current="page"` : ''}>${say(locale, pagesText.team)}</a>
    </nav>
    <span class="who">${viewer.name} · ${say(locale, ROLE_LABEL[viewer.role])}</span>
    <a href="${opts.switchLang ?? `?lang=${other}`}" lang="${other === 'zh' ? 'zh-CN' : 'en'}">${other === 'zh' ? '中文' : 'English'}</a>
    <form method="post" action="${DASHBOARD_PATH}/signout"><button class="plain" type="submit">${say(locale, pagesText.signOut)}</button></form>` : '';
  return `<!doctype html>${html`<html lang="${locale === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${opts.title} · ${appName(locale)}</title>
<link rel="stylesheet" href="${DASHBOARD_PATH}/assets/style.css">
</head>
<body>
<header class="top"><a class="brand" href="${href(pc, '/')}">${appName(locale)}</a>${nav}</header>
<main>
${body}
</main>
</body>
</html>
`}`;
}
