import { decodeEntities } from './entities'

/** Origins (`https://cdn.example.com`) or hosts (`cdn.example.com`), or a predicate over the URL. */
export type ImageAllowlist = readonly string[] | ((url: URL) => boolean)

/**
 * Parses an untrusted destination the way the browser will (so case, whitespace, tabs and
 * character references cannot smuggle a scheme past the check) and returns the normalised URL.
 * Parsing without a base makes every relative form (`/path`, `//host`, `#x`) undefined: a
 * relative link would point into the host app, which an answer has no business doing.
 */
function parseAbsolute(destination: string): URL | undefined {
  try {
    return new URL(decodeEntities(destination))
  } catch {
    return undefined
  }
}

const linkProtocols = new Set(['http:', 'https:', 'mailto:'])

/** The href to render for a markdown link, or undefined when it must stay plain text. */
export function safeLinkHref(destination: string): string | undefined {
  const url = parseAbsolute(destination)
  return url && linkProtocols.has(url.protocol) ? url.href : undefined
}

function allowed(url: URL, allowlist: ImageAllowlist): boolean {
  if (typeof allowlist === 'function') return allowlist(url) === true
  return allowlist.some((entry) => {
    if (!entry.includes('://')) return url.host === entry.toLowerCase()
    try {
      return new URL(entry).origin === url.origin
    } catch {
      return false
    }
  })
}

/** The src to load for a markdown image: only http(s), only when the app allowlisted it. */
export function safeImageSrc(
  destination: string,
  allowlist: ImageAllowlist | undefined,
): string | undefined {
  if (!allowlist) return undefined
  const url = parseAbsolute(destination)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined
  return allowed(url, allowlist) ? url.href : undefined
}
