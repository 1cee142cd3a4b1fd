// HTTP statuses live in server/: the engine raises errors with a code, server/problem.ts maps it.
import { expect } from 'chai';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../workflows/engine/errors.ts';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../server/logger.ts';
import { errorHandler, STATUS } from '../../server/problem.ts';

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

describe('errorHandler', () => {
  it('answers a deadlock or serialization failure the database reported (after the engine ran the work again) with 409, zh first, nothing written: not 500', async () => {
    const app = express();
    app.post('/deadlock', () => { throw Object.assign(new Error('deadlock detected'), { code: '40P01' }); });
    app.post('/serialization', () => { throw Object.assign(new Error('could not serialize access'), { code: '40001' }); });
    app.use(errorHandler(createLogger('silent')));
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      for (const path of ['/deadlock', '/serialization']) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST' });
        expect(res.status, path).to.equal(409);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        const body = await res.json();
        expect(body).to.include({ status: 409, title: '并发冲突 / Conflict' });
        expect(body.detail).to.match(/^另一项操作同时办理了相关事项，本次未执行，请重试/);
      }
    } finally {
      server.close();
    }
  });
});
