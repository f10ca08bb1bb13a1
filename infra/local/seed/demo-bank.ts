// The demo bank `npm start` seeds: an org tree (总行 → 分行 → 二级分行/支行 → 网点), its staff and a
// book of customers. Pure and deterministic: one seeded PRNG, no Math.random, the instant is passed
// in. The org tree and staff are fixed (the README lists their logins); the seed shapes the customers.
import { childPath, branchOfPath, type OrgLevel, type OrgUnit } from '#shared/org/org-unit.js';
import type { Staff } from '#shared/staff/staff.js';
import type { Customer } from '#shared/customers/customer.js';
import { residentIdCheckCharacter } from '#shared/validation/resident-id.js';

export interface DemoBank {
  orgs: OrgUnit[];
  staff: Staff[];
  customers: Customer[];
  /**
   * The consent ledger (`sms-consent`) items of the customers whose `smsConsent` is true: the form
   * they signed when they opened their account, as core banking migrates it. The record's flag is a
   * projection of this ledger; without these items nobody could receive a campaign.
   */
  consentLedger?: Record<string, unknown>[];
}

export interface DemoBankOptions {
  seed: number | string;
  /** How many customers; the `npm start` default is {@link DEFAULT_CUSTOMERS}. */
  customers: number;
  now: Date;
}

export const DEFAULT_CUSTOMERS = 3000;
export const DEFAULT_SEED = 'ocrm-demo';

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded by cyrb128 of the seed's text. Small, fast, and good enough for demo data.

export interface Random {
  /** [0, 1) */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  chance(p: number): boolean;
}

const cyrb128 = (text: string): [number, number, number, number] => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
};

export const seededRandom = (seed: number | string): Random => {
  let [a, b, c, d] = cyrb128(`${typeof seed}:${seed}`);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // warm up: the first outputs of sfc32 are weak
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    chance: (p) => next() < p,
  };
};

// ---------------------------------------------------------------------------------------------
// The org tree. Ids are short and memorable because staff ids (the demo logins) derive from them.

type City = 'beijing' | 'shanghai' | 'guangzhou' | 'foshan';

interface OrgSpec {
  id: string;
  name: string;
  level: OrgLevel;
  /** Outlets only: how many relationship managers (客户经理) work there. */
  rms?: number;
  city?: City;
  children?: OrgSpec[];
}

const outlet = (id: string, name: string, rms: number): OrgSpec => ({ id, name, level: 'outlet', rms });
const subBranch = (id: string, name: string, children: OrgSpec[]): OrgSpec => ({
  id,
  name,
  level: 'sub_branch',
  children,
});
const branch = (
  level: 'branch' | 'city_branch',
  id: string,
  name: string,
  city: City,
  children: OrgSpec[],
): OrgSpec => ({ id, name, level, city, children });

const TREE: OrgSpec = {
  id: 'HO',
  name: '总行',
  level: 'head_office',
  children: [
    branch('branch', 'BJ', '北京分行', 'beijing', [
      subBranch('BJ-CY', '北京分行朝阳支行', [
        outlet('BJ-CY-WJ', '北京分行朝阳支行望京网点', 3),
        outlet('BJ-CY-GM', '北京分行朝阳支行国贸网点', 2),
      ]),
      subBranch('BJ-HD', '北京分行海淀支行', [
        outlet('BJ-HD-ZGC', '北京分行海淀支行中关村网点', 4),
        outlet('BJ-HD-WDK', '北京分行海淀支行五道口网点', 2),
      ]),
    ]),
    branch('branch', 'SH', '上海分行', 'shanghai', [
      subBranch('SH-PD', '上海分行浦东支行', [
        outlet('SH-PD-LJZ', '上海分行浦东支行陆家嘴网点', 4),
        outlet('SH-PD-ZJ', '上海分行浦东支行张江网点', 2),
      ]),
      subBranch('SH-XH', '上海分行徐汇支行', [outlet('SH-XH-XJH', '上海分行徐汇支行徐家汇网点', 3)]),
    ]),
    branch('branch', 'GZ', '广州分行', 'guangzhou', [
      subBranch('GZ-TH', '广州分行天河支行', [
        outlet('GZ-TH-ZJ', '广州分行天河支行珠江新城网点', 3),
        outlet('GZ-TH-TY', '广州分行天河支行体育中心网点', 2),
      ]),
      branch('city_branch', 'GZ-FS', '佛山分行', 'foshan', [
        subBranch('GZ-FS-CC', '佛山分行禅城支行', [outlet('GZ-FS-CC-ZM', '佛山分行禅城支行祖庙网点', 3)]),
      ]),
    ]),
  ],
};

// 行政区划代码 of districts in each city: the first six digits of a resident id born there.
const AREA_CODES: Record<City, readonly string[]> = {
  beijing: ['110101', '110102', '110105', '110106', '110107', '110108', '110112', '110114'],
  shanghai: ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310115'],
  guangzhou: ['440103', '440104', '440105', '440106', '440111', '440112', '440113'],
  foshan: ['440604', '440605', '440606', '440607', '440608'],
};

// ---------------------------------------------------------------------------------------------
// Names. Surnames weighted roughly by their share of the population (per mille).

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71],
  ['李', 70],
  ['张', 67],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 22],
  ['赵', 20],
  ['吴', 20],
  ['周', 19],
  ['徐', 13],
  ['孙', 13],
  ['马', 12],
  ['朱', 11],
  ['胡', 11],
  ['郭', 11],
  ['何', 10],
  ['高', 10],
  ['林', 10],
  ['罗', 9],
  ['郑', 8],
  ['梁', 8],
  ['谢', 7],
  ['宋', 7],
  ['唐', 7],
  ['许', 6],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 6],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['袁', 5],
  ['潘', 5],
  ['于', 5],
  ['蒋', 5],
  ['蔡', 5],
  ['余', 5],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['沈', 4],
  ['姚', 3],
  ['卢', 3],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 3],
  ['廖', 3],
  ['贾', 3],
  ['夏', 3],
  ['韦', 3],
  ['方', 3],
  ['白', 2],
  ['邹', 2],
  ['孟', 2],
  ['熊', 2],
  ['秦', 2],
  ['邱', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['段', 2],
  ['雷', 2],
  ['侯', 2],
  ['龙', 2],
  ['史', 2],
  ['陶', 2],
  ['黎', 2],
  ['贺', 2],
  ['顾', 2],
  ['毛', 2],
  ['郝', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 2],
  ['钱', 2],
  ['严', 2],
  ['武', 2],
  ['戴', 2],
  ['孔', 1],
  ['欧阳', 1],
  ['司马', 0.3],
  ['诸葛', 0.2],
];

const MALE_GIVEN = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国峰志亮成东海文博晨轩宏振家德立新庆云永春兵松',
] as const;
const FEMALE_GIVEN = [
  ...'芳娜敏静丽艳娟霞秀玲英燕萍红梅琳婷雪慧颖倩洁琴云莉兰凤佳欣怡晶璐蕾彤悦思雨嘉梦诗璇瑶琪淑珍丹桂玉',
] as const;

type Gender = 'male' | 'female';

const personName = (random: Random, gender: Gender): string => {
  const chars = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN;
  const surname = random.weighted(SURNAMES);
  const first = random.pick(chars);
  if (random.chance(0.3)) return surname + first;
  let second = random.pick(chars);
  if (second === first && random.chance(0.7)) second = random.pick(chars); // 叠字 names happen, just rarer
  return surname + first + second;
};

// ---------------------------------------------------------------------------------------------
// Phones: +86 mobiles with real carrier prefixes (号段).

const MOBILE_PREFIXES = [
  ...['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159'],
  ...['178', '182', '183', '184', '187', '188', '198'],
  ...['130', '131', '132', '155', '156', '166', '175', '176', '185', '186'],
  ...['133', '153', '173', '177', '180', '181', '189', '191', '199'],
] as const;

const mobile = (random: Random): string =>
  `+86${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;

// ---------------------------------------------------------------------------------------------
// Resident ids: area code, birth date, a sequence whose last digit is odd for men and even for
// women, and the ISO 7064 MOD 11-2 check character.

const DAY_MS = 24 * 60 * 60 * 1000;
const BIRTH_FROM = Date.UTC(1950, 0, 1);
const BIRTH_TO = Date.UTC(2005, 11, 31);

const residentId = (random: Random, areaCode: string, birth: Date, gender: Gender): string => {
  const date = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const sequence = random.int(0, 49) * 2 + (gender === 'male' ? 1 : 0) + random.int(0, 9) * 100;
  const first17 = `${areaCode}${date}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
};

/** Whole years from `birth` to `at` (both UTC calendar dates). */
export const ageAt = (birth: Date, at: Date): number => {
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < birth.getUTCMonth() ||
    (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
};

/** The birth date in an 18-digit resident id. */
export const birthDateOfResidentId = (id: string): Date =>
  new Date(Date.UTC(Number(id.slice(6, 10)), Number(id.slice(10, 12)) - 1, Number(id.slice(12, 14))));

// ---------------------------------------------------------------------------------------------
// Building the bank.

interface Outlet {
  org: OrgUnit;
  city: City;
  rms: Staff[];
}

const walk = (
  spec: OrgSpec,
  parent: OrgUnit | undefined,
  inheritedCity: City | undefined,
  at: string,
  visit: (org: OrgUnit, spec: OrgSpec, city: City | undefined) => void,
) => {
  const path = parent ? childPath(parent, spec.id) : `/${spec.id}/`;
  const org: OrgUnit = {
    orgId: spec.id,
    name: spec.name,
    level: spec.level,
    ...(parent ? { parentId: parent.orgId } : {}),
    path,
    branchId: branchOfPath(path),
    createdAt: at,
    updatedAt: at,
  };
  const city = spec.city ?? inheritedCity;
  visit(org, spec, city);
  for (const child of spec.children ?? []) walk(child, org, city, at, visit);
};

const headOffice = (at: string): OrgUnit => ({
  orgId: TREE.id,
  name: TREE.name,
  level: 'head_office',
  path: `/${TREE.id}/`,
  branchId: TREE.id,
  createdAt: at,
  updatedAt: at,
});

const member = (staffId: string, name: string, role: Staff['role'], org: OrgUnit, at: string): Staff => ({
  staffId,
  name,
  role,
  orgId: org.orgId,
  orgPath: org.path,
  active: true,
  createdAt: at,
  updatedAt: at,
});

const adminOf = (ho: OrgUnit, at: string): Staff => member('admin', '系统管理员', 'admin', ho, at);

// Staff names come from their own fixed stream, so every seed shows the same people at the same
// desks (the logins in the README stay true); only the customers change with the seed.
const STAFF_SEED = 'ocrm-demo-staff';

const buildOrgsAndStaff = (at: string): { orgs: OrgUnit[]; staff: Staff[]; outlets: Outlet[] } => {
  const names = seededRandom(STAFF_SEED);
  const orgs: OrgUnit[] = [];
  const staff: Staff[] = [];
  const outlets: Outlet[] = [];
  walk(TREE, undefined, undefined, at, (org, spec, city) => {
    orgs.push(org);
    const login = org.orgId.toLowerCase();
    switch (spec.level) {
      case 'head_office':
        staff.push(
          adminOf(org, at),
          member('marketing', personName(names, 'female'), 'marketing', org, at),
          // the login core banking and the channels post their feeds under
          member('core-banking', '核心系统', 'integration', org, at),
          // internal audit (内审): a fixed name, so the seeded names of everyone else stay as they were
          member('auditor', '周审计', 'auditor', org, at),
          // the second admin (复核): tier policy and trigger rules change only when another admin
          // approves (maker-checker); a fixed name, so the seeded names of everyone else stay as they were
          member('admin-2', '吴复核', 'admin', org, at),
        );
        break;
      case 'branch':
      case 'city_branch':
      case 'sub_branch':
        staff.push(
          member(
            `bm-${login}`,
            personName(names, names.chance(0.6) ? 'male' : 'female'),
            'branch_manager',
            org,
            at,
          ),
        );
        break;
      case 'outlet': {
        const rms = Array.from({ length: spec.rms ?? 2 }, (_, i) =>
          member(
            `rm-${login}-${String(i + 1).padStart(2, '0')}`,
            personName(names, names.chance(0.5) ? 'male' : 'female'),
            'rm',
            org,
            at,
          ),
        );
        staff.push(...rms);
        outlets.push({ org, city: city ?? 'beijing', rms });
        break;
      }
    }
  });
  return { orgs, staff, outlets };
};

const RISK_WEIGHTS: readonly (readonly [NonNullable<Customer['riskLevel']>, number])[] = [
  ['C1', 10],
  ['C2', 25],
  ['C3', 35],
  ['C4', 20],
  ['C5', 10],
];

export const DEMO_TAGS = ['代发工资', '房贷', '老年客户', '企业主'] as const;

/** Customer ids are positional (`C0000001`…), so reseeding overwrites rather than duplicates. */
export const demoCustomerId = (index: number): string => `C${String(index + 1).padStart(7, '0')}`;

export const generateDemoBank = ({ seed, customers: count, now }: DemoBankOptions): DemoBank => {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`customers must be a whole number ≥ 0: ${count}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const at = now.toISOString();
  const { orgs, staff, outlets } = buildOrgsAndStaff(at);
  const rms = outlets.flatMap((o) => o.rms.map((rm) => ({ rm, outlet: o })));
  const random = seededRandom(seed);
  const phones = new Set<string>();
  const ids = new Set<string>();
  const customers: Customer[] = [];
  const consentLedger: Record<string, unknown>[] = [];
  const tenYearsAgo = now.getTime() - 3652 * DAY_MS;

  for (let i = 0; i < count; i++) {
    const { rm, outlet } = random.pick(rms);
    const gender: Gender = random.chance(0.5) ? 'male' : 'female';
    const birth = new Date(BIRTH_FROM + random.int(0, (BIRTH_TO - BIRTH_FROM) / DAY_MS) * DAY_MS);
    const areaCode = random.pick(AREA_CODES[outlet.city]);
    let idNumber = residentId(random, areaCode, birth, gender);
    while (ids.has(idNumber)) idNumber = residentId(random, areaCode, birth, gender);
    ids.add(idNumber);
    let phone = mobile(random);
    while (phones.has(phone)) phone = mobile(random);
    phones.add(phone);

    const age = ageAt(birth, now);
    const tags: string[] = [];
    if (age < 60 && random.chance(0.35)) tags.push('代发工资');
    if (age >= 25 && age < 65 && random.chance(0.18)) tags.push('房贷');
    if (age >= 60) tags.push('老年客户');
    if (age >= 28 && random.chance(0.07)) tags.push('企业主');

    // Account opened (开户) some time in the last ten years, and not before the customer turned 18.
    const adult = Date.UTC(birth.getUTCFullYear() + 18, birth.getUTCMonth(), birth.getUTCDate());
    const from = Math.min(Math.max(tenYearsAgo, adult), now.getTime());
    const opened = new Date(from + Math.floor(random.next() * (now.getTime() - from)));

    const customerId = demoCustomerId(i);
    customers.push({
      customerId,
      name: personName(random, gender),
      phone,
      idNumber,
      orgId: outlet.org.orgId,
      orgPath: outlet.org.path,
      branchId: outlet.org.branchId,
      scopeKey: outlet.org.path + customerId,
      managerId: rm.staffId,
      tier: 'standard',
      // older customers lean conservative (风险承受能力)
      riskLevel:
        age >= 65 && random.chance(0.5) ? random.pick(['C1', 'C2'] as const) : random.weighted(RISK_WEIGHTS),
      smsConsent: random.chance(0.9),
      tags,
      createdAt: opened.toISOString(),
      updatedAt: at,
      version: 1,
    });
    if (customers.at(-1)!.smsConsent) consentLedger.push(...accountOpeningConsent(customers.at(-1)!));
  }
  return { orgs, staff, customers, consentLedger };
};

/** A customer's consent of record: the account-opening form, its CURRENT item and its LOG entry. */
export const accountOpeningConsent = (customer: Customer): Record<string, unknown>[] => {
  const state = {
    customerId: customer.customerId,
    consent: 'granted',
    source: 'account_opening',
    evidence: `开户签约书 AO-${customer.customerId}`,
    by: customer.managerId,
    at: customer.createdAt,
  };
  const subject = `customer#${customer.customerId}`;
  return [
    { subject, entry: 'CURRENT', ...state, version: 1 },
    { subject, entry: `LOG#seed-${customer.customerId}`, kind: 'consent', ...state },
  ];
};

/** `--empty`: only the head office and the `admin` who can build the rest through the API. */
export const emptyBank = (now: Date): DemoBank => {
  const at = now.toISOString();
  const ho = headOffice(at);
  return { orgs: [ho], staff: [adminOf(ho, at)], customers: [] };
};

export interface DemoLogin {
  staffId: string;
  name: string;
  role: Staff['role'];
  orgId: string;
  orgName: string;
}

/** The staff a newcomer can log in as (`npm run token -- <staffId>`), in org-tree order. */
export const demoLogins = (bank: Pick<DemoBank, 'orgs' | 'staff'>): DemoLogin[] => {
  const orgName = new Map(bank.orgs.map((o) => [o.orgId, o.name]));
  return bank.staff.map((s) => ({
    staffId: s.staffId,
    name: s.name,
    role: s.role,
    orgId: s.orgId,
    orgName: orgName.get(s.orgId) ?? s.orgId,
  }));
};
