import type { AuthorityLevel } from "~/generated/prisma/client.ts";

export type DemoAuthority = {
  code: string;
  slug: string;
  name: string;
  nameEn: string;
  level: AuthorityLevel;
  parentCode: string | null;
};

/** Real administrative divisions (GB/T 2260 codes) of the demo tenancy tree. */
export const DEMO_AUTHORITIES: DemoAuthority[] = [
  {
    code: "330000",
    slug: "zhejiang",
    name: "浙江省体育局",
    nameEn: "Zhejiang Provincial Sports Bureau",
    level: "PROVINCE",
    parentCode: null,
  },
  {
    code: "330100",
    slug: "hangzhou",
    name: "杭州市体育局",
    nameEn: "Hangzhou Sports Bureau",
    level: "CITY",
    parentCode: "330000",
  },
  {
    code: "330200",
    slug: "ningbo",
    name: "宁波市体育局",
    nameEn: "Ningbo Sports Bureau",
    level: "CITY",
    parentCode: "330000",
  },
  {
    code: "330102",
    slug: "hangzhou-shangcheng",
    name: "杭州市上城区文化和广电旅游体育局",
    nameEn: "Shangcheng District, Hangzhou",
    level: "DISTRICT",
    parentCode: "330100",
  },
  {
    code: "330105",
    slug: "hangzhou-gongshu",
    name: "杭州市拱墅区文化和广电旅游体育局",
    nameEn: "Gongshu District, Hangzhou",
    level: "DISTRICT",
    parentCode: "330100",
  },
  {
    code: "330106",
    slug: "hangzhou-xihu",
    name: "杭州市西湖区文化和广电旅游体育局",
    nameEn: "Xihu District, Hangzhou",
    level: "DISTRICT",
    parentCode: "330100",
  },
  {
    code: "330108",
    slug: "hangzhou-binjiang",
    name: "杭州市滨江区文化和广电旅游体育局",
    nameEn: "Binjiang District, Hangzhou",
    level: "DISTRICT",
    parentCode: "330100",
  },
  {
    code: "330203",
    slug: "ningbo-haishu",
    name: "宁波市海曙区文化和广电旅游体育局",
    nameEn: "Haishu District, Ningbo",
    level: "DISTRICT",
    parentCode: "330200",
  },
  {
    code: "330205",
    slug: "ningbo-jiangbei",
    name: "宁波市江北区文化和广电旅游体育局",
    nameEn: "Jiangbei District, Ningbo",
    level: "DISTRICT",
    parentCode: "330200",
  },
  {
    code: "330212",
    slug: "ningbo-yinzhou",
    name: "宁波市鄞州区文化和广电旅游体育局",
    nameEn: "Yinzhou District, Ningbo",
    level: "DISTRICT",
    parentCode: "330200",
  },
];
