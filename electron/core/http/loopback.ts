/**
 * Who may talk to a server of ours on 127.0.0.1. Binding to loopback keeps other machines out, but
 * not web pages in the user's own browser: those reach us by DNS rebinding (a foreign name that
 * resolves to 127.0.0.1: caught by the Host check) or by plain cross-site requests (caught by the
 * Origin check).
 */

/** The Host values a loopback server on `port` answers to. */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

// --- SECURITY: an exact match on the Host header. A rebinding page's requests carry its own name
// (`Host: evil.test:PORT`), never ours, so this refuses them whatever its DNS answers.
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && loopbackHosts(port).includes(host.toLowerCase());
}

/** The origins a page served by a loopback server on `port` has. */
export function loopbackOrigins(port: number): string[] {
  return loopbackHosts(port).map((host) => `http://${host}`);
}

// --- SECURITY: browsers send Origin on cross-origin requests and on every POST; a page from
// anywhere else must not be able to drive the server. Callers without a browser (CLI, tests) send none.
export function originAllowed(origin: string, port: number): boolean {
  return loopbackOrigins(port).includes(origin.toLowerCase());
}
