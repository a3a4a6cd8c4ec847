// Columns an import did not know are ignored, and said so once: a typo such as `revenu` must not drop a
// field silently. The closest known column is suggested.
import { IDENTITY_COLUMNS, SCORE_COLUMNS } from '../../core/weekly-report/columns.js';
import type { ReportTemplate } from '../../core/weekly-report/template.js';

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest column id, when it is close enough to be a typo. */
export function suggestColumn(name: string, template: ReportTemplate): string | null {
  const ids = [...IDENTITY_COLUMNS, ...template.fields.map((f) => f.id as string), ...(template.custom ?? []).map((f) => f.id), ...SCORE_COLUMNS];
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const id of ids) {
    const d = distance(lower, id.toLowerCase());
    if (d < bestD) [best, bestD] = [id, d];
  }
  return best !== null && bestD <= Math.max(1, Math.floor(name.length / 4)) ? best : null;
}

/** One line naming every unknown column (with a suggestion where one is close), or null when there are none. */
export function unknownColumnsWarning(unknown: readonly string[], template: ReportTemplate): string | null {
  if (unknown.length === 0) return null;
  const named = unknown.map((u) => {
    const s = suggestColumn(u, template);
    return s ? `${u} (did you mean ${s}?)` : u;
  });
  return `${unknown.length === 1 ? 'unknown column ignored' : 'unknown columns ignored'}: ${named.join(', ')}`;
}
