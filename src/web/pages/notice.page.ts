// Pages for people without a session: how to get a link; a refused link; not allowed; not found.
import type { Locale } from '../../core/i18n.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';
import { say } from '../../core/i18n.js';
import { noticePageText } from './notice.messages.js';

export type NoticeKind = 'signin' | 'bad_link' | 'expired' | 'revoked' | 'rate_limited' | 'forbidden' | 'not_found' | 'no_data';

function how(locale: Locale): SafeHtml {
  return html`<p>${say(locale, noticePageText.theDashboardOpensWithA)}</p>
<ul>
  <li>${say(locale, noticePageText.clickOpenDashboardInThe)}<code>/radar dashboard</code>${say(locale, noticePageText.theBotSendsYouA)}</li>
  <li>${say(locale, noticePageText.orAskAnAdministratorTo)}<code>npm run radar -- link --member you@example.com</code></li>
</ul>`;
}

export function noticePage(kind: NoticeKind, locale: Locale): string {
  const lines: Record<NoticeKind, [string, string, SafeHtml | null]> = {
    signin: [say(locale, noticePageText.pleaseSignIn), say(locale, noticePageText.youAreNotSignedIn), how(locale)],
    bad_link: [say(locale, noticePageText.thisLinkIsNotValid), say(locale, noticePageText.thisSignInLinkIs), how(locale)],
    expired: [say(locale, noticePageText.thisLinkHasExpired), say(locale, noticePageText.signInLinksExpirePlease), how(locale)],
    revoked: [say(locale, noticePageText.thisLinkWasRevoked), say(locale, noticePageText.anAdministratorRevokedThisLink), how(locale)],
    rate_limited: [say(locale, noticePageText.tooManyAttempts), say(locale, noticePageText.pleaseWaitAMinuteAnd), null],
    forbidden: [say(locale, noticePageText.notAvailableToYou), say(locale, noticePageText.thisPageIsOutsideWhat), null],
    not_found: [say(locale, noticePageText.notFound), say(locale, noticePageText.thereIsNoSuchPage), null],
    no_data: [say(locale, noticePageText.noDataYet), say(locale, noticePageText.thereAreNoReportsIn), null],
  };
  const [title, text, extra] = lines[kind];
  return layout({ locale, viewer: null, lang: null }, { title }, html`<div class="notice" data-notice="${kind}"><h1>${title}</h1><p>${text}</p>${extra ?? ''}</div>`);
}
