// The session cookie is HttpOnly; its CSRF twin `tw_csrf` is readable so our own page (and only it, by the
// same-origin rule) can echo it in X-CSRF-Token on every change. The server refuses cookie writes without it.
export const CSRF_COOKIE = "tw_csrf";
export const CSRF_HEADER = "X-CSRF-Token";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function csrfToken(cookies: string = typeof document === "undefined" ? "" : document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join("="));
  }
  return null;
}

/** The header to add to a request with this method: the token on unsafe methods when signed in, else nothing. */
export function csrfHeaders(method: string, cookies?: string): Record<string, string> {
  const token = UNSAFE.has(method.toUpperCase()) ? csrfToken(cookies) : null;
  return token ? { [CSRF_HEADER]: token } : {};
}
