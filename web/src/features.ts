// Pages whose API is not in the server yet. A page is routed and listed in the navigation
// only when its API exists, so that no page pretends: set the flag in features.json to true
// when the API lands (the browser tests read the same file).
//   directory:  GET /people, /people/{id}, /me/profile, /skills, /departments, /sites
//   mailOutbox: GET /admin/mail
//   programs:   GET/POST /programs, GET/PUT /programs/{id}, ...
import flags from './features.json';

export const FEATURES: { directory: boolean; mailOutbox: boolean; programs: boolean } = flags;

/** Where the application starts after sign-in. */
export const HOME_PATH = FEATURES.directory ? '/people' : '/me/account';
