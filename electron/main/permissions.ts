import type { Session } from 'electron';
import { isAppUrl } from './appOrigin';

/**
 * The one permission the app uses: writing to the clipboard (the lifecycle's copy buttons), and
 * only for our own pages. Reading the clipboard, camera, notifications, etc. are never needed.
 */
const ALLOWED_FOR_APP = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined | null): boolean {
  return ALLOWED_FOR_APP.has(permission) && isAppUrl(requestingUrl);
}

// --- SECURITY: every other permission request and check is refused, for every origin.
export function lockDownPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details?.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}
