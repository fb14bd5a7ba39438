/** The part of Pagefind's browser API (`/pagefind/pagefind.js`, written by the build) the search box uses. */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  /** One a heading with an id (the page's sections), with the positions of the words that matched in it. */
  sub_results?: PagefindSubResult[];
}

export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
  /** The same positions with the weight of the text each is in (headings, bold terms weigh more). */
  weighted_locations?: { weight: number; location: number }[];
}

export interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}

export interface PagefindSearch {
  results: PagefindResult[];
}

export interface PagefindApi {
  options(options: { excerptLength?: number; basePath?: string }): Promise<void>;
  init(): Promise<void>;
  /** Resolves to null when a later call superseded this one before its debounce ran out. */
  debouncedSearch(term: string, options?: object, debounceMs?: number): Promise<PagefindSearch | null>;
}

/** The index's URL. The build writes it (src/integrations/search.ts); Vite must not try to bundle it. */
export const pagefindUrl = '/pagefind/pagefind.js';

let loading: Promise<PagefindApi> | undefined;

/** Loads Pagefind once, on first use: pages that never search never download it. */
export function loadPagefind(): Promise<PagefindApi> {
  loading ??= (async () => {
    const api = (await import(/* @vite-ignore */ pagefindUrl)) as PagefindApi;
    await api.options({ excerptLength: 24 });
    await api.init();
    return api;
  })();
  // A failed load (offline before the course was saved) may succeed later: do not keep the rejection.
  loading.catch(() => (loading = undefined));
  return loading;
}
