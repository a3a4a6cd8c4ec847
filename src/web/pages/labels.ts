// Dashboard wording in zh and en that the chat views do not already have.
import type { Locale } from '../../core/i18n.js';
import { say } from '../../core/i18n.js';
import { commonText } from '../../app/shared/common.messages.js';

export { DIMENSION_NAME as DIMENSION_LABEL } from '../../app/shared/view-text.js';

export const appName = (locale: Locale) => say(locale, commonText.salesRadarDashboard);
