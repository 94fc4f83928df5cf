import { apiLocale } from "~/lib/api/api-locale";

describe("the language of API errors", () => {
  it("is Chinese unless the caller prefers English", () => {
    expect(apiLocale(undefined)).toBe("zh-CN");
    expect(apiLocale(null)).toBe("zh-CN");
    expect(apiLocale("")).toBe("zh-CN");
    expect(apiLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(apiLocale("en-US,en;q=0.9")).toBe("en");
    expect(apiLocale("fr-FR, en;q=0.5, zh;q=0.4")).toBe("en");
    expect(apiLocale("en;q=0.2, zh-TW;q=0.8")).toBe("zh-CN");
    expect(apiLocale("fr, de")).toBe("zh-CN");
    expect(apiLocale("en;q=0, zh;q=0.1")).toBe("zh-CN");
    expect(apiLocale("en;q=abc")).toBe("zh-CN");
  });
});
