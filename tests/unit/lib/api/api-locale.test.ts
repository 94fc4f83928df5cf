import { apiLocale } from "~/lib/api/api-locale";

const withLanguage = (value?: string) =>
  new Request("http://localhost/api/v1/institutions", { headers: value ? { "Accept-Language": value } : {} });

describe("the language of API errors", () => {
  it("is Chinese unless the caller prefers English", () => {
    expect(apiLocale(withLanguage())).toBe("zh-CN");
    expect(apiLocale(withLanguage("zh-CN,zh;q=0.9,en;q=0.8"))).toBe("zh-CN");
    expect(apiLocale(withLanguage("en-US,en;q=0.9"))).toBe("en");
    expect(apiLocale(withLanguage("fr-FR, en;q=0.5, zh;q=0.4"))).toBe("en");
    expect(apiLocale(withLanguage("en;q=0.2, zh-TW;q=0.8"))).toBe("zh-CN");
    expect(apiLocale(withLanguage("fr, de"))).toBe("zh-CN");
    expect(apiLocale(withLanguage("en;q=0, zh;q=0.1"))).toBe("zh-CN");
    expect(apiLocale(withLanguage("en;q=abc"))).toBe("zh-CN");
  });
});
