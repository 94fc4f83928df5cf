import { format, isLocale, LOCALES, messagesFor, translator } from "~/lib/i18n/catalog";

describe("the message catalog", () => {
  it("has the same keys in every language and no empty string", () => {
    const [source, ...others] = LOCALES.map((l) => messagesFor(l));
    const keys = Object.keys(source ?? {}).sort();
    for (const messages of others) expect(Object.keys(messages).sort()).toEqual(keys);
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(messagesFor(locale)))
        expect(value.trim(), `${locale} ${key}`).not.toBe("");
    }
  });

  it("uses the same placeholders in every language", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const zh = messagesFor("zh-CN");
    const en = messagesFor("en");
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("请求编号：{id}", { id: "abc" })).toBe("请求编号：abc");
    expect(format("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("translates through the chosen catalog", () => {
    expect(translator(messagesFor("en"))("error.requestId", { id: "r1" })).toBe("Request id: r1");
    expect(translator(messagesFor("zh-CN"))("nav.home")).toBe("首页");
  });

  it("knows only the supported locales", () => {
    expect(isLocale("zh-CN")).toBe(true);
    expect(isLocale("fr")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
