// Dashboard wording in zh and en that the chat views do not already have.
import type { Locale } from '../../core/i18n.js';
import { tr } from '../../app/shared/view-text.js';

export { tr };

export { DIMENSION_NAME as DIMENSION_LABEL } from '../../app/shared/view-text.js';

export const appName = (locale: Locale) => tr(locale, '周报雷达 · 看板', 'Sales radar · Dashboard');
