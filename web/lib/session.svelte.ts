import { readApi, type ReadApi } from './api.js';
import { Http } from './http.js';
import type { Lang } from './i18n.js';

/** Where a session keeps what outlives a page load, and the element whose `lang` follows the language. */
export interface SessionEnv {
  search: string;
  local: Pick<Storage, 'getItem' | 'setItem'>;
  root: { lang: string };
}

const browserEnv = (): SessionEnv => ({ search: location.search, local: localStorage, root: document.documentElement });

/**
 * What every mode shares: the URL's parameters, the read token, the language and the HTTP client
 * with the read routes. The read token is given once as `?token=…` (config access.read = "token"),
 * then kept so the address can be shortened; the language is `?lang=`, else the last one chosen.
 */
export class Session {
  readonly params: URLSearchParams;
  readonly token: string | null;
  readonly http: Http;
  readonly api: ReadApi;
  #lang = $state.raw<Lang>('vi');
  readonly #env: SessionEnv;

  constructor(env: SessionEnv = browserEnv()) {
    this.#env = env;
    this.params = new URLSearchParams(env.search);
    const given = this.params.get('token');
    if (given) env.local.setItem('ioc.token', given);
    this.token = given ?? env.local.getItem('ioc.token');
    this.http = new Http(this.token);
    this.api = readApi(this.http);
    this.#lang = (this.params.get('lang') ?? env.local.getItem('ioc.lang')) === 'en' ? 'en' : 'vi';
    env.root.lang = this.#lang;
  }

  get lang(): Lang {
    return this.#lang;
  }

  /** The other language, kept for the next visit; the page's `lang` follows (screen readers, hyphenation). */
  toggleLang(): void {
    this.#lang = this.#lang === 'vi' ? 'en' : 'vi';
    this.#env.local.setItem('ioc.lang', this.#lang);
    this.#env.root.lang = this.#lang;
  }
}
