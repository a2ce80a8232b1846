/** Errors the HTTP layer maps to a status; their message is safe to show. */
export class NotFoundError extends Error {
  readonly status = 404;
}
export class BadRequestError extends Error {
  readonly status = 400;
  constructor(public readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}
export class ForbiddenError extends Error {
  readonly status = 403;
}
export { ConflictError } from '../storage/store.js';
