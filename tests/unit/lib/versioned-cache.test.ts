import { processWideCache, VersionedCache } from "~/lib/versioned-cache";

describe("the versioned cache", () => {
  it("answers an entry only at the version it was built from, and drops the least recent first", () => {
    const cache = new VersionedCache<string>(2);
    cache.set("a", 1, "a1");
    expect(cache.get("a", 1)).toBe("a1");
    expect(cache.get("a", 2)).toBeUndefined();
    cache.set("b", 1, "b1");
    cache.get("a", 1); // a is now the most recent
    cache.set("c", 1, "c1");
    expect(cache.version("b")).toBeUndefined();
    expect(cache.version("a")).toBe(1);
    expect(cache.size).toBe(2);
  });

  it("is one per process and name, whichever copy of the module asks", async () => {
    const first = processWideCache<string>("test-shared", 10);
    first.set("k", 3, "v");
    // Another copy of the module (as the Express server's bundle and the Remix build each hold one).
    vi.resetModules();
    const again = await import("~/lib/versioned-cache");
    expect(again.processWideCache).not.toBe(processWideCache);
    expect(again.processWideCache<string>("test-shared", 10).get("k", 3)).toBe("v");
    expect(again.processWideCache<string>("another", 10).size).toBe(0);
  });
});
