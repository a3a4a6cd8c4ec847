// Words for the question grammar's slots beyond list filters: change over time, tasks and their
// states, and the glue words that carry no meaning of their own (的, 哪些, please, show me …).
import type { TaskState } from '../follow-up/task.js';

/** How customers moved between two weeks. */
export type Change = 'new' | 'worse' | 'better' | 'recovered';

/** A change phrase, and whether it asks for the biggest movers ("上升最多"). Most specific first. */
export const CHANGE_PATTERNS: ReadonlyArray<{ change: Change; biggest: boolean; re: RegExp }> = [
  { change: 'worse', biggest: true, re: /(?:指数|风险|分数)?(?:上升|升高|增长|增加|上涨|涨|提高)(?:得|的)?最(?:多|快|大|猛)|(?:涨|升|增)幅最大|最大(?:涨|升|增)幅|恶化(?:得)?最(?:快|多|严重)|变差(?:得)?最(?:多|快)|\b(?:biggest|largest|top) (?:index |risk )?(?:rises?|jumps?|increases?|risers?|movers?)\b|\b(?:rising|rose|risen|increased|climbed|worsen(?:ed|ing)?|deteriorated|jumped) (?:the )?most\b|\bmost (?:increased|worsened|deteriorated)\b|\bfastest[- ]rising\b|\brising (?:the )?fastest\b|\bworsening fastest\b|\brisers\b|\bmovers\b/i },
  { change: 'better', biggest: true, re: /(?:指数|风险|分数)?(?:下降|降低|下跌|减少|回落)(?:得|的)?最(?:多|快|大)|(?:降|跌|减)幅最大|最大(?:降|跌)幅|(?:改善|好转)(?:得)?最(?:多|快|大|明显)|\b(?:biggest|largest) (?:index |risk )?(?:drops?|falls?|decreases?|improvements?)\b|\bmost improved\b|\bimproved (?:the )?most\b|\b(?:dropped|fell|decreased) (?:the )?most\b/i },
  { change: 'recovered', biggest: false, re: /恢复(?:正常|健康)?|脱险|脱离(?:预警|风险)|解除(?:了)?(?:预警|风险|红色)?|摘帽|出列|(?:移|退)出(?:了)?(?:预警|名单|红色)|不再(?:是)?(?:问题客户|预警|红色|有风险)|\brecover(?:ed|ing|ies|y)?\b|\bno longer (?:flagged|red|at[- ]risk|a problem|in (?:the )?red)\b|\boff the (?:list|radar|red list)\b|\bout of (?:the )?(?:red|danger)\b|\bback to (?:green|normal|healthy)\b|\bcleared\b|\bdropped off\b|\bun-?flagged\b/i },
  { change: 'new', biggest: false, re: /新增(?:加)?|新出现|新上榜|新进(?:入)?|新冒出|新发现|新加入|新变成|新晋|新的|首次(?:出现|预警|上榜|进入)|第一次(?:出现|预警|上榜)|刚(?:刚)?(?:变成|成为|进入|出现|被标记)|\bnew(?:ly)?(?: flagged)?\b|\bjust (?:flagged|turned red|became)\b|\bturned red\b|\bfirst[- ]time\b|\bfresh(?:ly flagged)?\b/i },
  { change: 'worse', biggest: false, re: /变差|变坏|变糟|恶化|加重|严重了|更严重|越来越(?:差|糟|严重)|走下坡|(?:指数|风险|分数)(?:在)?(?:上升|升高|上涨|增加|变高|变大|加大|涨)|上升了|升高了|涨了|\bworse\b|\bworsen(?:ed|ing|s)?\b|\bdeteriorat(?:e|ed|ing|es)\b|\bgoing downhill\b|\b(?:index|risk|score)(?:es)? (?:went |going |is |are |has gone )?(?:up|rising|rose|increased|increasing|climbing|higher)\b|\b(?:rising|climbing|increasing) (?:index|risk|score)\b|\brising\b|\bheating up\b/i },
  { change: 'better', biggest: false, re: /好转|改善|变好|转好|好起来|好多了|好些了|(?:指数|风险|分数)(?:在)?(?:下降|降低|回落|下跌|变低|变小|减少|降)|下降了|降低了|降了|\bbetter\b|\bimprov(?:e|ed|es|ing)\b|\b(?:index|risk|score)(?:es)? (?:went |going |is |are |has gone )?(?:down|falling|fell|dropped|decreased|decreasing|lower)\b|\b(?:falling|dropping|decreasing) (?:index|risk|score)\b|\bcooling (?:off|down)\b/i },
];

/** The subject "follow-up tasks". */
export const TASK_WORDS = /跟进(?:任务|事项|项|工作)|任务|待办(?:事项)?|待跟进|工单任务|\bfollow[- ]?ups?\b|\btasks?\b|\bto-?dos?\b|\baction items?\b|\bassignments?\b/i;

/** "逾期任务": tasks past their due date, said next to the task subject (not overdue payments). */
export const TASK_OVERDUE = /(?:逾期|过期|超期)(?:了)?(?:还)?(?:未|没)(?:完成|处理|跟进|做)|已逾期|超期|过期|过了截止(?:日期)?|到期未(?:完成|处理)|(?:逾期|延误)(?!回款|付款|账款|款|欠|超过|\s*\d|天)|\boverdue\b(?! (?:payments?|invoices?|customers?|accounts?|clients?))|\bpast[- ]due\b|\blate\b|\bmissed (?:the )?deadline\b|\bbehind schedule\b/i;

/** Task states people name; several may apply. Default is every active state. */
export const TASK_STATE_PATTERNS: ReadonlyArray<{ states: TaskState[]; re: RegExp }> = [
  { states: ['open'], re: /待处理|未处理|未认领|没人认领|无人认领|没有人认领|待认领|未领取|没人管|无人跟进|\bopen\b|\bunclaimed\b|\bunassigned\b|\bnobody (?:has )?claimed\b|\bnot (?:yet )?claimed\b/i },
  { states: ['claimed'], re: /已认领|认领了的?|被认领|处理中|跟进中|进行中|在跟进|正在处理|\bclaimed\b|\bin progress\b|\bbeing handled\b|\bongoing\b|\bworking on\b/i },
  { states: ['done'], re: /已完成|完成了的?|已解决|已处理|已关闭|做完|\bdone\b|\bcompleted?\b|\bclosed\b|\bresolved\b|\bfinished\b/i },
  { states: ['dismissed'], re: /已忽略|被忽略|忽略的|已驳回|被驳回|已撤销|\bdismissed\b|\bignored\b|\brejected\b/i },
  { states: ['snoozed'], re: /暂缓|延后|推迟了?的|稍后处理|搁置|\bsnoozed\b|\bpostponed\b|\bdeferred\b|\bon hold\b/i },
  { states: ['open', 'claimed', 'snoozed'], re: /未完成|没完成|没做完|未关闭|待完成|\bunfinished\b|\bnot (?:yet )?done\b|\bpending\b|\boutstanding\b/i },
  { states: ['open', 'claimed', 'done', 'dismissed', 'snoozed'], re: /所有|全部|\ball\b|\bevery\b/i },
];

/** "Mine": the asker's own customers or tasks. */
export const MINE = /我自己的|我的|我负责的|我名下的?|我手上的?|我手里的?|分(?:配)?给我的?|指派给我的?|派给我的?|\bassigned to me\b|\bmy own\b|\bmy\b|\bmine\b|\bfor me\b/i;

/** "Which", "list", "all": the question asks for a list. */
export const LIST_WORDS = /哪些|哪几个|哪几家|哪家|哪个|所有|全部|列表|列出|清单|名单|有多少|多少个|多少家|几个|几家|\bwhich\b|\blist\b|\bhow many\b|\ball\b/i;

/** The customers as a subject; "这个客户" (one customer) is not a list. */
export const CUSTOMER_WORDS = /(?:这个|这家|该|那个|那家)客户|客户们?|\bcustomers?\b|\baccounts?\b|\bclients?\b|\bcompanies\b/i;
export const ONE_CUSTOMER = /^(?:这个|这家|该|那个|那家)客户$|^(?:customer|account|client)$/i;

/** Phrases that frame a lookup of one thing ("X怎么样", "how is X doing"); they carry no slot. */
export const LOOKUP_FRAME = /(?:的)?(?:最近|近期|目前|现在)?(?:有什么|有啥|有没有)?(?:情况如何|情况怎么样|怎么样|怎样|如何|咋样|情况|状况|状态|近况|表现|详情|资料|信息)了?|\bhow are things (?:with|at)\b|\bwhat(?:'s| is) (?:up|going on) with\b|\bhow(?:'s| is| are| was| were)\b|\bhow(?:'s)?\b|\b(?:doing|going|looking|faring)\b|\btell me about\b|\bwhat about\b|\b(?:news|updates?|info(?:rmation)?|details) (?:on|about|for|of)\b|\bstatus(?: of)?\b|\blook ?up\b|\bdetails\b|\binfo\b/i;

// Glue trimmed from the edges of what is left (so "李伟的" → 李伟, "of Li Wei" → Li Wei). Single characters
// that start real names (中科, 和平, 家乐) are trimmed only at the end, or when they stand alone.
const GLUE_ZH = [
  '的话', '的', '查', '看', '有哪些', '有什么', '有没有', '有多少', '有几个', '有几家',
  '哪些', '哪几个', '哪几家', '哪个', '哪家', '哪位', '什么', '是不是', '现在', '目前', '当前', '最近', '近期', '一共', '总共',
  '多少', '几个', '几家', '情况', '怎么样', '怎样', '如何', '咋样', '状况', '状态', '近况', '表现', '详情', '信息', '资料',
  '负责', '跟进', '名下', '手上', '手里', '手头', '下面', '这个', '那个', '这家', '那家', '这些', '那些', '当中', '之中', '里面',
  '列出', '列表', '清单', '名单', '所有', '全部', '一下', '看看', '看下', '查查', '查一下', '查询', '说说', '讲讲', '介绍一下', '介绍',
  '关于', '显示', '按指数', '排序', '排名', '还有', '怎么', '变成', '成了', '属于', '以及',
  '指数', '分数', '风险', '客户', '级别', '等级', '区域', '地区', '行业', '销售', '的人', '分别', '一共有',
];
const TAIL_ZH = ['了', '吗', '呢', '啊', '吧', '呀', '么', '嘛', '哦', '中', '里', '个', '家', '位', '名', '区', '都', '是', '谁', '在', '有'];
// Degree words left by a problem type ("投诉多", "拖款严重") carry no slot of their own.
const WHOLE_ZH = [...TAIL_ZH, '和', '与', '及', '给', '被', '由', '查', '按', '看', '请', '帮', '天', '拉长', '变长', '多', '很多', '较多', '比较多', '特别多', '频繁', '严重', '很严重', '大', '高', '低', '少', '差', '长', '久'];
const GLUE_EN = [
  'the', 'a', 'an', 'of', 'in', 'on', 'at', 'for', 'by', 'to', 'from', 'with', 'and', 'or', 'is', 'are', 'was', 'were', 'be', 'been',
  'being', 'do', 'does', 'did', 'has', 'have', 'had', 'what', "what's", 'whats', 'which', 'who', "who's", 'whose', 'where', 'show', 'list',
  'get', 'find', 'see', 'view', 'tell', 'me', 'us', 'we', 'our', 'i', 'you', 'about', 'any', 'some', 'there', 'that', 'this', 'these',
  'those', 'it', 'its', 'going', 'getting', 'got', 'gotten', 'become', 'became', 'turned', 'lately', 'recently', 'now', 'currently',
  'right', 'today', 'many', 'much', 'number', 'count', 'total', 'assigned', 'owned', 'handled', 'managed', 'run', 'belonging', 'belongs',
  'under', 'customer', 'client', 'account', 'rep', 'reps', 'region', 'area', 'industry', 'sector', 'index', 'risk', 'score', 'please',
  'so', 'far', 'yet', 'things', 'days', 'day', 'weeks', 'risks', 'problems', 'issues', 'ones', 'names', 'people', 'guys', 'names', 'still', 'ones', 'one', 'up', 'than', 'who', 'that', 'are', 'team', 'owner', 'by', 'sales', 'salesperson', 'grade',
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
const alt = (words: readonly string[]) => [...new Set(words)].sort(byLength).map(esc).join('|');
const ZH_ALT = alt(GLUE_ZH);
const ZH_TAIL_ALT = alt([...GLUE_ZH, ...TAIL_ZH]);
const EN_ALT = alt(GLUE_EN);
const HEAD = new RegExp(`^(?:(?:${ZH_ALT})|(?:${EN_ALT})(?=\\s|$))\\s*`, 'i');
const TAIL = new RegExp(`\\s*(?:(?:${ZH_TAIL_ALT})|(?<=^|\\s)(?:${EN_ALT}))$`, 'i');
const WHOLE = new RegExp(`^(?:${alt(WHOLE_ZH)})+$`);

/** Trims glue words from both ends of a fragment ("李伟负责的" → "李伟", "of li wei" → "li wei"). */
export function trimGlue(fragment: string): string {
  let s = fragment.trim().replace(/'s$/i, '').replace(/(?<=\S)'s(?=\s)/gi, '');
  for (let i = 0; i < 40; i++) {
    const next = s.replace(HEAD, '').replace(TAIL, '').trim();
    if (next === s) break;
    s = next;
  }
  return WHOLE.test(s) ? '' : s;
}
