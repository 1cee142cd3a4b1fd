// HTTP statuses live in server/: the engine raises errors with a code, server/problem.ts maps it.
import { expect } from 'chai';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../workflows/engine/errors.ts';
import { STATUS } from '../../server/problem.ts';

describe('domain errors', () => {
  it('carry a code, not an HTTP status', () => {
    const errors = [notFound('x'), forbidden('x'), conflict('x'), invalid('x', [])];
    expect(errors.map((e) => e.code)).to.deep.equal(['not_found', 'forbidden', 'conflict', 'invalid']);
    for (const e of errors) expect(e).to.be.instanceOf(DomainError).and.not.to.have.property('status');
  });

  it('map to the statuses the API has always answered', () => {
    expect(STATUS).to.include({ invalid: 422, forbidden: 403, not_found: 404, conflict: 409, stale: 412, unauthenticated: 401 });
  });
});
