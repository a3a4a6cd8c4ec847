// Names for a simulated book: reps with emails, customers with Chinese and English names.
import type { Rng } from './prng.js';

const REP_NAMES = [
  'Li Wei', 'Wang Fang', 'Zhang Min', 'Liu Yang', 'Chen Jing', 'Yang Lei', 'Zhao Qiang', 'Huang Li', 'Zhou Jie',
  'Wu Hao', 'Xu Na', 'Sun Tao', 'Ma Lin', 'Zhu Hui', 'Hu Bin', 'Guo Jun', 'Emma Clark', 'James Brown',
  'Olivia Chen', 'Noah Wilson', 'Sophia Lin', 'Lucas Martin', 'Mia Davis', 'Ethan Walker',
];
const ZH_HEADS = [
  '华星', '远航', '恒通', '金桥', '瑞丰', '天成', '鼎盛', '海纳', '博远', '中科', '云帆', '新锐', '永信', '嘉禾', '盛世',
  '星辰', '蓝海', '启明', '东方', '宏达', '精工', '长青', '汇通', '德润', '安泰', '利华', '凯旋', '信诚', '正源', '明阳',
];
const ZH_TAILS = ['科技', '实业', '贸易', '制造', '物流', '医疗', '软件', '电子', '集团', '信息'];
const EN_HEADS = [
  'Acme', 'Globex', 'Initech', 'Northwind', 'Contoso', 'Fabrikam', 'Vandelay', 'Hooli', 'Pied Piper', 'Soylent',
  'Tyrell', 'Wayne', 'Cyberdyne', 'Aperture', 'Blue Ridge', 'Silverline', 'Redwood', 'Summit', 'Harbor', 'Keystone',
];
const EN_TAILS = ['Corp', 'Ltd', 'Inc', 'Systems', 'Logistics', 'Labs', 'Group', 'Trading'];
const CITIES_ZH = ['上海', '北京', '深圳', '苏州', '杭州', '成都', '武汉', '广州', '南京', '西安'];
const CITIES_EN = ['Shanghai', 'Beijing', 'Shenzhen', 'Suzhou', 'Hangzhou', 'Chengdu', 'Wuhan', 'Guangzhou', 'Nanjing', "Xi'an"];

export const INDUSTRIES = ['software', 'manufacturing', 'retail', 'healthcare', 'logistics', 'finance', 'education', 'energy'] as const;
export const REGIONS = ['East', 'North', 'South', 'West', 'Central'] as const;

export function repNames(rng: Rng, count: number): Array<{ name: string; email: string }> {
  const names = rng.shuffle([...REP_NAMES]);
  const out: Array<{ name: string; email: string }> = [];
  for (let i = 0; i < count; i++) {
    const base = names[i % names.length]!;
    const name = i < names.length ? base : `${base} ${Math.floor(i / names.length) + 1}`;
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`;
    out.push({ name, email });
  }
  return out;
}

// Past the tenth branch round, number the branches so names stay distinct.
const cycle = (round: number) => (round > CITIES_ZH.length ? ` ${Math.ceil(round / CITIES_ZH.length)}` : '');

/** Distinct customer names, about two in three Chinese; branches (华星科技（苏州）) once the combinations run out. */
export function customerNames(rng: Rng, count: number): string[] {
  const zh = rng.shuffle(ZH_HEADS.flatMap((h) => ZH_TAILS.map((t) => h + t)));
  const en = rng.shuffle(EN_HEADS.flatMap((h) => EN_TAILS.map((t) => `${h} ${t}`)));
  const out: string[] = [];
  let zi = 0, ei = 0, round = 0;
  while (out.length < count) {
    const useZh = rng.chance(0.65);
    if (useZh && zi < zh.length * (round + 1)) {
      const base = zh[zi % zh.length]!;
      out.push(round === 0 ? base : `${base}（${CITIES_ZH[(round - 1) % CITIES_ZH.length]}${cycle(round)}）`);
      zi++;
    } else if (!useZh && ei < en.length * (round + 1)) {
      const base = en[ei % en.length]!;
      out.push(round === 0 ? base : `${base} ${CITIES_EN[(round - 1) % CITIES_EN.length]}${cycle(round)}`);
      ei++;
    } else if (zi >= zh.length * (round + 1) && ei >= en.length * (round + 1)) {
      round++;
    }
  }
  return out;
}
