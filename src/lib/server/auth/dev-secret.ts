// The well-known key `npm run dev` (and `npm run jobs` on the embedded database) sign with when
// AUTH_SECRET is unset. A production build refuses to start without AUTH_SECRET (services.ts).
export const DEVELOPMENT_SECRET = 'zeitspende-development-secret';
