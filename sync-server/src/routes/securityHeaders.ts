/**
 * Security headers on every answer, the app's pages and the API alike
 * (@fastify/helmet). The policy the built app and its service worker need,
 * and no more:
 *   - scripts only from this origin: no inline scripts, no eval (the build
 *     has neither: index.html loads one module, the service worker is
 *     registered from that module, not from an inline snippet);
 *   - nobody may frame any page (frame-ancestors 'none', X-Frame-Options
 *     DENY): the PIN screen must not be clickjacked;
 *   - no MIME sniffing, no Referer sent anywhere;
 *   - HSTS and upgrade-insecure-requests only when the deployment says
 *     devices reach it over HTTPS (BEHIND_TLS=1): on a plain-HTTP trial on a
 *     LAN they would make browsers refuse the server.
 * docs/deployment.md lists the resulting headers.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface SecurityHeaderOptions {
  /** Devices reach the server over HTTPS (a TLS-terminating proxy in front): send HSTS. */
  behindTls: boolean;
}

/** One year, as browsers' preload lists expect. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions) {
  void app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // Styles may be inline (chart and print libraries set style attributes); styles cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // QR codes and photos of papers are shown from data: and blob: URLs made on the device.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.behindTls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.behindTls
      ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false }
      : false,
    // The app loads nothing cross-origin; COEP would only get in the way of a future CDN-less font.
    crossOriginEmbedderPolicy: false,
  });
}
