/**
 * Nessie's own rules for reference names and hashes (org.projectnessie.model.Validation), checked
 * here so an illegal or hostile name is refused before any request or SQL is built from it.
 */
import { InvalidRefNameError } from './errors';

export { printable } from './errors';

// Validation.REF_NAME_RAW_REGEX: a letter, then letters, digits and ./_- with no `..`, not ending
// in `.` or `/` (or the single character `-`, which Nessie reserves for "no reference").
const REF_NAME = /^(?:[A-Za-z](?:(?:(?!\.\.)[A-Za-z0-9./_-])*[A-Za-z0-9_-])?)$/;
const HASH = /^[0-9a-fA-F]{8,64}$/;
const FORBIDDEN = new Set(['HEAD', 'DETACHED']);

export const REF_NAME_RULE =
  'a reference name starts with a letter, continues with letters, digits or ./_-, ' +
  'does not end with / or ., has no "..", and is not HEAD, DETACHED or a commit hash';

/** Why `name` is not a legal Nessie reference name, or undefined when it is. */
export function refNameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'a reference name cannot be empty';
  if (!REF_NAME.test(name)) return REF_NAME_RULE;
  if (FORBIDDEN.has(name.toUpperCase()) || HASH.test(name)) return REF_NAME_RULE;
  return undefined;
}

export function isValidRefName(name: string): boolean {
  return refNameProblem(name) === undefined;
}

/** Returns `name` when legal; throws `InvalidRefNameError` (nothing is sent) otherwise. */
export function validateRefName(name: string): string {
  const problem = refNameProblem(name);
  if (problem) throw new InvalidRefNameError(name, problem);
  return name;
}

export function isValidHash(hash: string): boolean {
  return typeof hash === 'string' && HASH.test(hash);
}

export function validateHash(hash: string): string {
  if (!isValidHash(hash)) {
    throw new InvalidRefNameError(hash, 'a commit hash is 8 to 64 hexadecimal digits');
  }
  return hash;
}

/**
 * A ref as one URL path segment of the v2 API: `name` or `name@hash`. `/` inside a name is
 * percent-encoded (Nessie 0.99 refuses the `~` spelling of older clients).
 */
export function refPathSegment(name: string, hash?: string): string {
  validateRefName(name);
  const at = hash === undefined ? '' : `@${validateHash(hash)}`;
  return encodeURIComponent(`${name}${at}`);
}
