/**
 * The sports an institution may teach, grouped by the national categories of sports training
 * (球类, 水上, 武术与搏击, 体操, 棋牌, 健身, 冰雪, 户外与极限, 田径). High-risk sports are those of the
 * 2013 high-risk sports list (STANDARDS.md, HRS): they need an operating permit.
 */
export const SPORT_CATEGORIES = [
  "BALL",
  "WATER",
  "MARTIAL",
  "GYMNASTICS",
  "CHESS_CARDS",
  "FITNESS",
  "ICE_SNOW",
  "OUTDOOR",
  "ATHLETICS",
] as const;
export type SportCategory = (typeof SPORT_CATEGORIES)[number];

type SportInfo = { category: SportCategory; highRisk: boolean };

export const SPORTS = {
  FOOTBALL: { category: "BALL", highRisk: false },
  BASKETBALL: { category: "BALL", highRisk: false },
  VOLLEYBALL: { category: "BALL", highRisk: false },
  TABLE_TENNIS: { category: "BALL", highRisk: false },
  BADMINTON: { category: "BALL", highRisk: false },
  TENNIS: { category: "BALL", highRisk: false },
  SWIMMING: { category: "WATER", highRisk: true },
  DIVING: { category: "WATER", highRisk: true },
  MARTIAL_ARTS: { category: "MARTIAL", highRisk: false },
  TAEKWONDO: { category: "MARTIAL", highRisk: false },
  FENCING: { category: "MARTIAL", highRisk: false },
  GYMNASTICS: { category: "GYMNASTICS", highRisk: false },
  TRAMPOLINE: { category: "GYMNASTICS", highRisk: false },
  ROPE_SKIPPING: { category: "GYMNASTICS", highRisk: false },
  GO: { category: "CHESS_CARDS", highRisk: false },
  XIANGQI: { category: "CHESS_CARDS", highRisk: false },
  CHESS: { category: "CHESS_CARDS", highRisk: false },
  BRIDGE: { category: "CHESS_CARDS", highRisk: false },
  FITNESS: { category: "FITNESS", highRisk: false },
  SKATING: { category: "ICE_SNOW", highRisk: false },
  ALPINE_SKIING: { category: "ICE_SNOW", highRisk: true },
  FREESTYLE_SKIING: { category: "ICE_SNOW", highRisk: true },
  SNOWBOARDING: { category: "ICE_SNOW", highRisk: true },
  ROCK_CLIMBING: { category: "OUTDOOR", highRisk: true },
  ROLLER_SKATING: { category: "OUTDOOR", highRisk: false },
  ATHLETICS: { category: "ATHLETICS", highRisk: false },
} as const satisfies Record<string, SportInfo>;

export type Sport = keyof typeof SPORTS;
export const SPORT_CODES = Object.keys(SPORTS) as Sport[];

export function isHighRisk(sport: Sport): boolean {
  return SPORTS[sport].highRisk;
}

/** Chess and card games need less floor per trainee (VEN-01). */
export function isChessOrCards(sport: Sport): boolean {
  return SPORTS[sport].category === "CHESS_CARDS";
}

export const CERTIFICATE_TYPES = [
  "COACH_TITLE",
  "SOCIAL_SPORTS_INSTRUCTOR",
  "ASSOCIATION_SKILL_GRADE",
  "PE_TEACHER",
  "ATHLETE_GRADE",
  "LIFEGUARD",
  "OTHER_RECOGNISED",
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];
