// The words people use in questions, zh and en. Regexes run case-insensitively on NFKC-folded text.
import type { Tag, TagId } from '../customer-risk/types.js';

/** Words that name a problem type. Order matters only for readability; every match counts. */
export const TAG_PATTERNS: ReadonlyArray<{ tag: Tag; re: RegExp }> = [
  { tag: 'overdue', re: /逾期回款|回款逾期|逾期付款|逾期账款|回款问题|回款|逾期|拖款|拖欠|欠款|欠费|未回款|没回款|未付款|没付款|拖延付款|回款慢|回款难|不回款|账期超|\boverdue\b|\bpast[- ]due\b|\bunpaid\b|\blate[- ]pay(?:ing|ers?|ments?)?\b|\barrears\b|\bpayment (?:issues?|problems?)\b|\b(?:overdue |late )?payments?\b|\bcollections?\b|\bowes?\b|\bowing\b/i },
  { tag: 'silent', re: /沟通困难|沟通少|失联|联系不上|不回复|不回消息|沉默|不活跃|没联系|没有联系|冷淡|\bsilent\b|\bquiet\b|\bunresponsive\b|\bnot responding\b|\bno contact\b|\bghost(?:ed|ing)?\b|\bwent dark\b|\bgone dark\b/i },
  { tag: 'complaints', re: /投诉|抱怨|\bcomplain(?:t|ts|ing|ed)?\b/i },
  { tag: 'low_fit', re: /适配度?低|不适配|适配差|适配度|故障多|故障|使用度?低|不使用|没在用|\blow[- ]fit\b|\bpoor[- ]fit\b|\bbad[- ]fit\b|\blow usage\b|\bfaults?\b|\bnot using\b/i },
  { tag: 'requirement_churn', re: /需求变动|需求变更|需求变化|需求多变|改需求|\brequirements? (?:churn|changes?|changing)\b|\bchanging requirements\b|\bscope (?:creep|changes?)\b|\bchurn(?:ing)? requirements\b/i },
  { tag: 'declining', re: /贡献下滑|贡献度?下降|贡献减少|下滑|收入下降|收入减少|业绩下滑|营收下降|\bdeclin(?:e|es|ed|ing)\b|\bshrinking\b|\bfalling revenue\b|\brevenue (?:drop|decline|down)\b|\bdropping\b/i },
  { tag: 'cycle_slip', re: /成交周期(?:拉长|变长|延长)|周期拉长|周期变长|成交周期|签约延迟|签约推迟|推迟签约|延期签约|迟迟不签|\bcycle[- ]slip(?:s|ping)?\b|\bslipp(?:ing|ed)\b|\bstalled\b|\bdelayed (?:deals?|close|signing)\b|\bdeal cycle\b|\bpushed (?:out|back)\b/i },
];

/** Region synonyms; `value` is what the data usually stores. Compound regions first (东北 before 北). */
export const REGIONS: ReadonlyArray<{ value: string; re: RegExp; synonyms: readonly string[] }> = [
  { value: 'Northeast', re: /东北|\bnorth[- ]?east\b/i, synonyms: ['northeast', 'north east', 'north-east', '东北'] },
  { value: 'Southwest', re: /西南|\bsouth[- ]?west\b/i, synonyms: ['southwest', 'south west', 'south-west', '西南'] },
  { value: 'Northwest', re: /西北|\bnorth[- ]?west\b/i, synonyms: ['northwest', 'north west', 'north-west', '西北'] },
  { value: 'East', re: /华东|东部|\beast(?:ern)?\b/i, synonyms: ['east', '华东', '东部', 'east china', 'eastern'] },
  { value: 'North', re: /华北|北部|\bnorth(?:ern)?\b/i, synonyms: ['north', '华北', '北部', 'north china', 'northern'] },
  { value: 'South', re: /华南|南部|\bsouth(?:ern)?\b/i, synonyms: ['south', '华南', '南部', 'south china', 'southern'] },
  { value: 'West', re: /华西|西部|\bwest(?:ern)?\b/i, synonyms: ['west', '华西', '西部', 'west china', 'western'] },
  { value: 'Central', re: /华中|中部|\bcentral\b/i, synonyms: ['central', '华中', '中部', 'central china'] },
];

/** Industry synonyms; the first value is what the data usually stores. */
export const INDUSTRIES: ReadonlyArray<{ value: string; re: RegExp; synonyms: readonly string[] }> = [
  { value: 'software', re: /软件|\bsoftware\b|\bsaas\b/i, synonyms: ['software', '软件', 'saas'] },
  { value: 'manufacturing', re: /制造|\bmanufactur(?:ing|ers?)\b/i, synonyms: ['manufacturing', '制造', '制造业'] },
  { value: 'retail', re: /零售|\bretail\b/i, synonyms: ['retail', '零售'] },
  { value: 'finance', re: /金融|银行|\bfinanc(?:e|ial)\b|\bbanking\b/i, synonyms: ['finance', 'financial', '金融', 'banking'] },
  { value: 'healthcare', re: /医疗|医药|\bhealth ?care\b|\bmedical\b/i, synonyms: ['healthcare', 'health care', '医疗', 'medical'] },
  { value: 'education', re: /教育|\beducation\b/i, synonyms: ['education', '教育'] },
  { value: 'logistics', re: /物流|\blogistics\b/i, synonyms: ['logistics', '物流'] },
  { value: 'energy', re: /能源|\benergy\b/i, synonyms: ['energy', '能源'] },
  { value: 'government', re: /政府|政务|\bgovernment\b|\bpublic sector\b/i, synonyms: ['government', '政府', 'public sector'] },
  { value: 'internet', re: /互联网|\binternet\b/i, synonyms: ['internet', '互联网'] },
];

/** "Only A/B graded" without naming a grade. */
export const FLAGGED_WORDS = /问题客户|风险客户|高风险|有风险|预警|红色|红旗|红灯|标红|亮红灯|\bred[- ]?flag(?:s|ged)?\b|\bflagged\b|\bat[- ]risk\b|\bin (?:the )?red\b|\bred\b|\bproblem (?:customers|accounts|clients)\b|\brisky\b|\bin trouble\b|\btroubled\b/i;

/** Who has not handed in this week's report. */
export const MISSING_WORDS = /(?:没|未|没有|还没|还没有|尚未)(?:交|提交|写|填|报)(?:周报|报告)?|缺交|漏交|周报.{0,4}(?:提交情况|没交|未交)|提交情况|\bmissing (?:weekly )?reports?\b|\breports? missing\b|\bha(?:s|ve)n'?t (?:yet )?(?:submitted|reported|filed|sent)\b|\b(?:has|have) not (?:yet )?(?:submitted|reported|filed)\b|\bdid(?:n'?t| not) (?:submit|report|file)\b|\bnot (?:yet )?submitted\b|\blate reports?\b|\bwho(?:'s| is) missing\b/i;

/** Asking the bot what it can do, or just saying hello. */
export const HELP_WORDS = /^(?:help|\/?help|usage|commands?|menu|\?|hi|hello|hey|thanks?|thank you|ok|帮助|怎么用|如何使用|用法|使用说明|说明|菜单|你好|您好|嗨|哈喽|在吗|谢谢|你能做什么|你会什么|能做什么|what can you do|how do i use (?:this|you))$/i;

/** Polite filler removed before anything else. */
export const FILLER_ZH = /请问|请你|请帮我|帮我看看|帮我看下|帮我查查|帮我查一下|帮我查|帮我|帮忙|麻烦|能不能|可以|一下|我想知道|我想看看|我想看|想知道|告诉我|给我看看|给我看下|给我看|给我列出|给我列|给我查|显示|请/g;
export const FILLER_EN = /\b(?:please|pls|plz|can you|could you|would you|kindly|hey bot|i want to know|i'd like to know|let me know|i want to see|give me|show me|list(?: all)?(?: the)?|get me|what are(?: the)?|who are(?: the)?|are there(?: any)?|do we have(?: any)?|any)\b/gi;

/** Extra problem-type words a team adds at runtime: its custom tags (`scoring.customTags`) by their names. */
export interface AskVocabulary {
  tags: ReadonlyArray<{ tag: TagId; re: RegExp }>;
}

export const NO_EXTRA_VOCABULARY: AskVocabulary = { tags: [] };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The words of a team's custom tags: each tag's zh and en label and its id (`small_account` → "small account"),
 * English ones as whole words with an optional plural s, longest first. Pure: the labels come from the settings.
 */
export function customTagVocabulary(customTags: Readonly<Record<string, { label: { zh: string; en: string } }>> | undefined): AskVocabulary {
  const tags = Object.entries(customTags ?? {}).map(([id, t]) => {
    const words = [...new Set([t.label.zh, t.label.en, id, id.replace(/_/g, ' ')].map((w) => w.trim()).filter((w) => w.length >= 2))]
      .sort((a, b) => b.length - a.length);
    const alts = words.map((w) => (/^[\x00-\x7f]+$/.test(w) ? `\\b${escapeRe(w).replace(/ +/g, '[\\s_-]+')}s?\\b` : escapeRe(w)));
    return { tag: id as TagId, re: new RegExp(alts.join('|'), 'i') };
  });
  return { tags };
}
