// proxy-from-env 2.x ships no types. It reads HTTP(S)_PROXY, ALL_PROXY and NO_PROXY (lower or
// upper case) from process.env and answers '' when the URL goes direct.
declare module 'proxy-from-env' {
  export function getProxyForUrl(url: string | URL): string;
}
