// Tìm kiếm trên trang: the header's search box, over Pagefind's index (pagefind/).
//
// Pagefind loads only the index chunks of the words searched for. It folds diacritics itself
// ("cai cach" finds "cải cách", exact marks ranked first), but "đ" is a letter of its own to
// it: a word typed with a leading "d" is searched both ways ("duong" as "duong" and "đuong"),
// since in Vietnamese "đ" only begins a syllable. Results of the variants are merged by page.
//
// Pagefind ranks words, not phrases: typed without marks, "don gian hoa" also matches a long
// page holding "đơn vị", "thời gian" and "hóa" far apart. The best candidates are ranked
// again: pages holding the phrase as typed first, then the phrase with marks folded, then the
// rest; within each, by how often the phrase stands there, then by Pagefind's score.

const root = document.querySelector("[data-tim-kiem]");
const MAX_RESULTS = 10;
const CANDIDATES = 20; // ranked again by phrase: each costs its page's fragment
const MAX_D_WORDS = 4; // 2^4 variants at most
const WAIT_MS = 200;

if (root) {
  const dialog = root.querySelector("dialog");
  const input = root.querySelector("input");
  const status = root.querySelector("[role=status]");
  const list = root.querySelector("[data-tk-kq]");
  const bundle = new URL(root.dataset.bundle, document.baseURI).href;
  let pagefind = null;
  let timer = null;
  let latest = 0;

  const load = async () => {
    if (!pagefind) {
      pagefind = await import(bundle + "pagefind.js");
      // Result addresses are the site's own, wherever it is published (a sub-folder too).
      await pagefind.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 24,
                               highlightParam: "tk-danh-dau" });
      pagefind.init();
    }
    return pagefind;
  };

  const variants = (query) => {
    const words = query.normalize("NFC").trim().split(/\s+/).filter(Boolean);
    let found = [[]];
    let expanded = 0;
    for (const word of words) {
      const options = [word];
      if (/^d/i.test(word) && expanded < MAX_D_WORDS) {
        options.push((word[0] === "D" ? "Đ" : "đ") + word.slice(1));
        expanded += 1;
      }
      found = found.flatMap((start) => options.map((w) => [...start, w]));
    }
    return found.map((ws) => ws.join(" "));
  };

  const say = (text) => { status.textContent = text; };

  const show = async (query) => {
    const asked = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      say("Gõ từ cần tìm, có dấu hoặc không dấu.");
      return;
    }
    say("Đang tìm…");
    let pf;
    try {
      pf = await load();
    } catch (error) {
      say("Chưa có chỉ mục tìm kiếm: trang web cần được tạo lại bằng lệnh campaign build.");
      return;
    }
    const searches = await Promise.all(variants(query).map((v) => pf.search(v)));
    if (asked !== latest) return; // a newer query is on its way
    const best = new Map();
    for (const search of searches) {
      for (const result of search?.results ?? []) {
        const known = best.get(result.id);
        if (!known || result.score > known.score) best.set(result.id, result);
      }
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score);
    const candidates = await Promise.all(ranked.slice(0, CANDIDATES).map(async (result) => {
      const data = await result.data();
      return { data, score: result.score, tier: tier(query, data) };
    }));
    if (asked !== latest) return;
    candidates.sort((a, b) => a.tier.rank - b.tier.rank || b.tier.often - a.tier.often
                    || b.score - a.score);
    const shown = candidates.slice(0, MAX_RESULTS).map((c) => c.data);
    list.replaceChildren(...shown.map(item));
    say(ranked.length === 0 ? `Không tìm thấy trang nào có «${query.trim()}».`
        : `${ranked.length} trang có «${query.trim()}»`
          + (ranked.length > MAX_RESULTS ? `, hiện ${MAX_RESULTS} trang đầu.` : "."));
  };

  const words = (text) => text.normalize("NFC").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const folded = (text) => words(text).normalize("NFD").replace(/\p{M}/gu, "")
    .replace(/đ/g, "d");

  // How often the phrase stands whole in a text (its words already normalised).
  const count = (text, phrase) => ` ${text} `.split(` ${phrase} `).length - 1;

  // How well a page holds the phrase: 0 as typed, 1 with marks folded, 2 only its words; and
  // how often (in the title thrice over), so that typing with or without marks agrees.
  const tier = (query, data) => {
    const title = data.meta.title || "";
    const exact = 3 * count(words(title), words(query)) + count(words(data.content),
                                                                 words(query));
    if (exact) return { rank: 0, often: exact };
    const often = 3 * count(folded(title), folded(query)) + count(folded(data.content),
                                                                  folded(query));
    return { rank: often ? 1 : 2, often };
  };

  // Pagefind's excerpt is the page's text, escaped, with the matched words in <mark>.
  const item = (data) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta.title || data.url).replace(/\s*¶$/, "");
    const excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt;
    li.append(link, excerpt);
    return li;
  };

  const open = () => {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load().catch(() => {}); // fetch the small entry files while the reader types
  };

  root.querySelector(".tk__mo").addEventListener("click", open);
  root.querySelector("[data-tk-dong]").addEventListener("click", () => dialog.close());
  root.querySelector("[data-tk-form]").addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    show(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => show(input.value), WAIT_MS);
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a tap outside the box
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (!typing && !dialog.open && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      event.stopImmediatePropagation();
      open();
    }
  }, true);

  // A page opened from a result: the words found are marked on it.
  if (new URLSearchParams(location.search).has("tk-danh-dau")) {
    import(bundle + "pagefind-highlight.js").then(({ default: Highlight }) => {
      new Highlight({ highlightParam: "tk-danh-dau", markContext: "article" });
    }).catch(() => {});
  }
}
