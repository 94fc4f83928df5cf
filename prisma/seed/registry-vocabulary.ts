import type { Sport } from "~/modules/registry/sports";

/**
 * The words the registry demo builds its institutions from: real road names of each demo
 * district, brand words by sport, and how each sport is taught (venue, class size, lesson length,
 * price). Compliant ranges on purpose: the deliberate breaches are planted by the content builder.
 */

/** Real roads of the demo districts, so venues lie in the registering authority's jurisdiction (REG-02). */
export const ROADS_BY_DISTRICT: Record<string, readonly string[]> = {
  "330102": ["解放路", "庆春路", "清泰街", "望江东路", "秋涛路", "凤起东路", "江锦路", "钱江路", "婺江路", "近江路"],
  "330105": ["湖墅南路", "莫干山路", "上塘路", "丽水路", "大关路", "东新路", "台州路", "登云路", "石祥路", "湖州街"],
  "330106": ["文三路", "文二路", "学院路", "古墩路", "天目山路", "紫金港路", "余杭塘路", "教工路", "西溪路", "竞舟路"],
  "330108": ["江南大道", "滨盛路", "长河路", "江陵路", "网商路", "西兴路", "月明路", "闻涛路", "滨安路", "秋溢路"],
  "330203": ["中山西路", "解放南路", "药行街", "望春路", "环城西路", "柳汀街", "气象路", "苍松路", "启文路", "联丰路"],
  "330205": [
    "人民路",
    "大庆南路",
    "洪塘中路",
    "云飞路",
    "倪家堰路",
    "正大路",
    "中马路",
    "文教路",
    "育才路",
    "环城北路",
  ],
  "330212": [
    "天童南路",
    "四明中路",
    "钱湖北路",
    "中山东路",
    "宁南南路",
    "首南中路",
    "嵩江中路",
    "惊驾路",
    "百丈东路",
    "福明路",
  ],
};
/** For a district added later without its own list. */
export const FALLBACK_ROADS = ["人民路", "解放路", "中山路", "建设路", "文化路", "体育场路", "新华路", "青年路"];

export const BUILDINGS = [
  "时代大厦",
  "国际大厦",
  "商业广场",
  "文创园",
  "体育中心",
  "青少年活动中心",
  "科创园",
  "综合楼",
] as const;
/** Residential compounds: a venue in one of them is residential premises (VEN-03). */
export const RESIDENTIAL_COMPOUNDS = ["翠苑", "阳光花园", "金色家园", "锦绣苑", "和园", "新城花苑", "馨园", "春江花月"];

export const GENERIC_BRANDS = [
  "阳光",
  "晨曦",
  "未来",
  "活力",
  "乐动",
  "优跃",
  "青苗",
  "向上",
  "超越",
  "卓越",
  "新苗",
  "金牌",
  "健将",
  "小鹰",
  "远航",
  "跃动",
  "启航",
  "星火",
  "飞扬",
  "锐动",
] as const;

export type VenueKind = "pool" | "divingPool" | "field" | "court" | "hall" | "room" | "wall" | "rink";

export type SportProfile = {
  sport: Sport;
  /** The sport in Chinese, as it appears in names: 游泳, 围棋. */
  word: string;
  /** The end of the institution's name after the brand: 游泳培训有限公司, 围棋社. */
  suffixes: readonly string[];
  brands: readonly string[];
  venue: VenueKind;
  /** Training area of one venue in m² before the class-size floor is applied (water area for pools). */
  area: readonly [number, number];
  classSize: readonly [number, number];
  lessonMinutes: readonly number[];
  priceYuan: readonly [number, number];
  /** Relative frequency among the demo institutions. */
  weight: number;
  /** A sport some of these institutions also teach, in the same kind of venue. */
  alsoTeaches?: Sport;
  /** Courses may be taught online (chess). */
  online?: boolean;
  /** Youngest trainee its courses take. */
  minAge: number;
};

const CHESS_BRANDS = ["弈心", "弈思", "黑白", "天元", "弈林", "棋乐", "智弈", "星位", "手谈", "烂柯"] as const;
const WATER_BRANDS = ["蓝鲸", "海豚", "飞鱼", "碧波", "浪花", "蛟龙", "水韵", "海星", "逐浪", "鲸灵"] as const;
const MARTIAL_BRANDS = ["精武", "龙腾", "武魂", "正气", "尚武", "虎威", "少林", "国韵"] as const;

export const SPORT_PROFILES: readonly SportProfile[] = [
  {
    sport: "SWIMMING",
    word: "游泳",
    suffixes: ["游泳培训有限公司", "游泳俱乐部", "游泳培训中心"],
    brands: WATER_BRANDS,
    venue: "pool",
    area: [150, 250],
    classSize: [6, 12],
    lessonMinutes: [45, 60],
    priceYuan: [100, 220],
    weight: 14,
    minAge: 4,
  },
  {
    sport: "DIVING",
    word: "跳水",
    suffixes: ["跳水俱乐部", "跳水培训中心"],
    brands: WATER_BRANDS,
    venue: "divingPool",
    area: [200, 250],
    classSize: [4, 8],
    lessonMinutes: [60, 90],
    priceYuan: [160, 260],
    weight: 1,
    minAge: 6,
  },
  {
    sport: "BASKETBALL",
    word: "篮球",
    suffixes: ["篮球俱乐部", "篮球培训有限公司", "篮球训练营"],
    brands: ["灌篮", "飞人", "追风", "星火", "冠军", "锐动", "火箭", "跃动"],
    venue: "court",
    area: [420, 700],
    classSize: [10, 20],
    lessonMinutes: [60, 90],
    priceYuan: [80, 180],
    weight: 12,
    minAge: 5,
  },
  {
    sport: "FOOTBALL",
    word: "足球",
    suffixes: ["足球俱乐部", "青少年足球俱乐部", "足球培训有限公司"],
    brands: ["绿茵", "追风", "飞翼", "冠军", "劲射", "猛狮", "星辰", "雄鹰"],
    venue: "field",
    area: [800, 1500],
    classSize: [12, 24],
    lessonMinutes: [90, 120],
    priceYuan: [80, 160],
    weight: 10,
    minAge: 5,
  },
  {
    sport: "TAEKWONDO",
    word: "跆拳道",
    suffixes: ["跆拳道馆", "跆拳道俱乐部", "跆拳道培训中心"],
    brands: ["虎威", "黑带", "尚武", "龙腾", "勇士", "正气"],
    venue: "hall",
    area: [150, 400],
    classSize: [10, 24],
    lessonMinutes: [60, 90],
    priceYuan: [80, 150],
    weight: 8,
    alsoTeaches: "MARTIAL_ARTS",
    minAge: 4,
  },
  {
    sport: "GO",
    word: "围棋",
    suffixes: ["围棋社", "围棋培训中心", "棋院"],
    brands: CHESS_BRANDS,
    venue: "room",
    area: [100, 200],
    classSize: [6, 16],
    lessonMinutes: [60, 90],
    priceYuan: [60, 150],
    weight: 7,
    alsoTeaches: "XIANGQI",
    online: true,
    minAge: 4,
  },
  {
    sport: "MARTIAL_ARTS",
    word: "武术",
    suffixes: ["武术培训中心", "武术馆", "武术俱乐部"],
    brands: MARTIAL_BRANDS,
    venue: "hall",
    area: [150, 400],
    classSize: [10, 24],
    lessonMinutes: [60, 90],
    priceYuan: [80, 150],
    weight: 6,
    alsoTeaches: "TAEKWONDO",
    minAge: 4,
  },
  {
    sport: "BADMINTON",
    word: "羽毛球",
    suffixes: ["羽毛球俱乐部", "羽毛球培训中心"],
    brands: ["飞羽", "银翼", "凌云", "羽翔", "追风", "锐动"],
    venue: "court",
    area: [300, 600],
    classSize: [6, 12],
    lessonMinutes: [60, 90],
    priceYuan: [90, 180],
    weight: 6,
    alsoTeaches: "TABLE_TENNIS",
    minAge: 6,
  },
  {
    sport: "TABLE_TENNIS",
    word: "乒乓球",
    suffixes: ["乒乓球俱乐部", "乒乓球培训中心", "乒乓球馆"],
    brands: ["银球", "国球", "旋风", "弧圈", "小球", "乒乐"],
    venue: "court",
    area: [150, 300],
    classSize: [4, 10],
    lessonMinutes: [60, 90],
    priceYuan: [90, 180],
    weight: 6,
    alsoTeaches: "BADMINTON",
    minAge: 5,
  },
  {
    sport: "ROPE_SKIPPING",
    word: "跳绳",
    suffixes: ["跳绳俱乐部", "跳绳培训中心"],
    brands: ["花样", "飞跃", "绳彩", "跃动", "小飞人", "蹦蹦"],
    venue: "hall",
    area: [120, 300],
    classSize: [10, 24],
    lessonMinutes: [45, 60],
    priceYuan: [60, 120],
    weight: 4,
    alsoTeaches: "FITNESS",
    minAge: 5,
  },
  {
    sport: "FITNESS",
    word: "体适能",
    suffixes: ["体适能培训中心", "少儿体适能俱乐部", "运动馆"],
    brands: GENERIC_BRANDS,
    venue: "hall",
    area: [150, 350],
    classSize: [8, 16],
    lessonMinutes: [45, 60],
    priceYuan: [90, 180],
    weight: 4,
    alsoTeaches: "ROPE_SKIPPING",
    minAge: 3,
  },
  {
    sport: "FENCING",
    word: "击剑",
    suffixes: ["击剑俱乐部", "击剑培训中心"],
    brands: ["佩剑", "骑士", "剑锋", "花剑", "锐锋", "荣耀"],
    venue: "hall",
    area: [200, 400],
    classSize: [6, 12],
    lessonMinutes: [60, 90],
    priceYuan: [160, 300],
    weight: 4,
    minAge: 6,
  },
  {
    sport: "TENNIS",
    word: "网球",
    suffixes: ["网球俱乐部", "网球培训中心"],
    brands: ["大满贯", "金拍", "红土", "追风", "王牌", "网动"],
    venue: "court",
    area: [600, 1400],
    classSize: [4, 8],
    lessonMinutes: [60, 90],
    priceYuan: [150, 300],
    weight: 4,
    minAge: 5,
  },
  {
    sport: "GYMNASTICS",
    word: "体操",
    suffixes: ["体操俱乐部", "体操培训中心"],
    brands: ["灵动", "飞燕", "星光", "翩跹", "柔韧", "新苗"],
    venue: "hall",
    area: [200, 450],
    classSize: [8, 16],
    lessonMinutes: [60, 90],
    priceYuan: [100, 200],
    weight: 3,
    alsoTeaches: "TRAMPOLINE",
    minAge: 4,
  },
  {
    sport: "XIANGQI",
    word: "象棋",
    suffixes: ["象棋社", "象棋培训中心"],
    brands: CHESS_BRANDS,
    venue: "room",
    area: [100, 180],
    classSize: [6, 16],
    lessonMinutes: [60, 90],
    priceYuan: [60, 130],
    weight: 3,
    alsoTeaches: "GO",
    online: true,
    minAge: 5,
  },
  {
    sport: "CHESS",
    word: "国际象棋",
    suffixes: ["国际象棋俱乐部", "国际象棋培训中心"],
    brands: ["王车", "骑士", "皇后", "智弈", "黑白", "棋乐"],
    venue: "room",
    area: [100, 180],
    classSize: [6, 12],
    lessonMinutes: [60, 90],
    priceYuan: [80, 160],
    weight: 3,
    online: true,
    minAge: 5,
  },
  {
    sport: "ROLLER_SKATING",
    word: "轮滑",
    suffixes: ["轮滑俱乐部", "轮滑培训中心"],
    brands: ["疾风", "飞轮", "极速", "旋风", "闪电", "酷动"],
    venue: "rink",
    area: [300, 700],
    classSize: [10, 20],
    lessonMinutes: [60, 90],
    priceYuan: [70, 140],
    weight: 3,
    minAge: 4,
  },
  {
    sport: "SKATING",
    word: "滑冰",
    suffixes: ["滑冰俱乐部", "冰上运动培训中心"],
    brands: ["冰雪", "极光", "冰舞", "飞燕", "雪绒", "冰峰"],
    venue: "rink",
    area: [600, 1800],
    classSize: [8, 16],
    lessonMinutes: [60, 90],
    priceYuan: [150, 260],
    weight: 2,
    minAge: 5,
  },
  {
    sport: "ROCK_CLIMBING",
    word: "攀岩",
    suffixes: ["攀岩俱乐部", "攀岩运动中心"],
    brands: ["岩羊", "攀峰", "登顶", "崖壁", "山猫", "凌峰"],
    venue: "wall",
    area: [150, 320],
    classSize: [4, 8],
    lessonMinutes: [60, 90],
    priceYuan: [150, 260],
    weight: 2,
    minAge: 6,
  },
  {
    sport: "ATHLETICS",
    word: "田径",
    suffixes: ["田径俱乐部", "体育培训有限公司"],
    brands: ["疾风", "飞人", "健将", "追风", "闪电", "奔跑"],
    venue: "field",
    area: [800, 1500],
    classSize: [10, 24],
    lessonMinutes: [60, 90],
    priceYuan: [70, 140],
    weight: 2,
    minAge: 6,
  },
  {
    sport: "VOLLEYBALL",
    word: "排球",
    suffixes: ["排球俱乐部", "排球培训中心"],
    brands: ["扣杀", "飞扬", "女排", "拦网", "铁榔头", "腾跃"],
    venue: "court",
    area: [300, 480],
    classSize: [10, 18],
    lessonMinutes: [60, 90],
    priceYuan: [80, 150],
    weight: 2,
    minAge: 8,
  },
  {
    sport: "TRAMPOLINE",
    word: "蹦床",
    suffixes: ["蹦床俱乐部", "蹦床培训中心"],
    brands: ["弹跳", "飞跃", "腾空", "蹦蹦", "云端", "灵动"],
    venue: "hall",
    area: [200, 400],
    classSize: [6, 10],
    lessonMinutes: [45, 60],
    priceYuan: [100, 180],
    weight: 2,
    alsoTeaches: "GYMNASTICS",
    minAge: 4,
  },
  {
    sport: "BRIDGE",
    word: "桥牌",
    suffixes: ["桥牌俱乐部", "桥牌培训中心"],
    brands: ["将牌", "定约", "桥苑", "智桥", "牌友", "方寸"],
    venue: "room",
    area: [100, 160],
    classSize: [4, 8],
    lessonMinutes: [90],
    priceYuan: [80, 150],
    weight: 1,
    online: true,
    minAge: 8,
  },
];

export function profileOf(sport: Sport): SportProfile {
  const profile = SPORT_PROFILES.find((p) => p.sport === sport);
  if (!profile) throw new Error(`no demo profile for ${sport}`);
  return profile;
}

/** Age bands of courses: the name's prefix, ages and the levels such a class is called. */
export const AGE_BANDS = [
  { prefix: "幼儿", ageMin: 4, ageMax: 6, levels: ["启蒙班", "兴趣班"] },
  { prefix: "少儿", ageMin: 6, ageMax: 9, levels: ["入门班", "基础班"] },
  { prefix: "少儿", ageMin: 8, ageMax: 12, levels: ["提高班", "进阶班"] },
  { prefix: "青少年", ageMin: 12, ageMax: 16, levels: ["提高班", "集训队", "进阶班"] },
  { prefix: "成人", ageMin: 18, ageMax: 60, levels: ["班", "提高班"] },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** What regulators wrote when they sent a filing back: a reason and comments on fields. */
export const CHANGE_REQUESTS = [
  {
    reason: "请补充场地消防材料并核实训练面积",
    comments: [
      { path: "venues.0.trainingAreaM2", comment: "训练面积与租赁合同不一致，请核实" },
      { path: "documents.fireSafetyAcceptanceFileId", comment: "消防验收文件不清晰，请重新上传" },
    ],
  },
  {
    reason: "教练员资质信息不完整",
    comments: [{ path: "coaches.0.certificates", comment: "请补充教练员资格证书扫描件及有效期" }],
  },
  {
    reason: "课程安排需调整",
    comments: [
      { path: "courses.0.slots", comment: "工作日上课时间请避开在校时间" },
      { path: "courses.0.pricePerLessonFen", comment: "请确认课时单价" },
    ],
  },
  {
    reason: "安全管理人员信息缺失",
    comments: [{ path: "safetyStaff.firstAid", comment: "请补充急救人员证书编号" }],
  },
] as const;

export const REJECTION_REASONS = [
  "场地为住宅用房，不符合体育培训机构设置标准",
  "未能提供有效的场地租赁证明",
  "申报主体名称与营业执照信息不一致",
  "培训场地不在本辖区范围内",
] as const;

export const SUSPENSION_REASONS = [
  "消防安全检查不合格，责令停业整改",
  "预收费资金未全部纳入监管账户，暂停招生整改",
  "发生学员受伤事故，停业调查",
  "多次投诉未按期处理，暂停办学整改",
] as const;

export const REVOCATION_REASONS = ["整改期满仍不符合要求，撤销登记", "以提供虚假材料方式取得登记，依法撤销"] as const;

export const CLOSURE_REASONS = [
  "经营调整，主动停止办学",
  "场地租约到期，停止办学",
  "合并至其他机构，注销登记",
] as const;
