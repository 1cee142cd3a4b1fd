// Body and query validation (workflows/engine/validate.ts): finite safe numbers, visible text,
// messages in zh-CN first with English beside.
import { expect } from 'chai';
import { checkBody } from '../../workflows/engine/validate.ts';

const name = { type: 'string', minLength: 1, maxLength: 50 };
const body = (properties: Record<string, unknown>) => ({ type: 'object', properties });

describe('validate', () => {
  describe('numbers', () => {
    const schema = body({ n: { type: 'integer' }, x: { type: 'number' } });

    it('refuses an integer that JSON.parse turned into Infinity (1e309)', () => {
      const errors = checkBody(schema, JSON.parse('{"n": 1e309}'));
      expect(errors.map((e) => e.pointer)).to.deep.equal(['/n']);
      expect(errors[0].message).to.match(/^[\u4e00-\u9fff]/).and.include(' / ');
    });

    it('refuses -Infinity and NaN for a number', () => {
      expect(checkBody(schema, { x: -Infinity }).map((e) => e.pointer)).to.include('/x');
      expect(checkBody(schema, { x: NaN }).map((e) => e.pointer)).to.include('/x');
    });

    it('refuses an integer beyond Number.MAX_SAFE_INTEGER (2^53+1)', () => {
      expect(checkBody(schema, JSON.parse('{"n": 9007199254740993}')).map((e) => e.pointer)).to.deep.equal(['/n']);
      expect(checkBody(schema, { n: -(2 ** 53) }).map((e) => e.pointer)).to.deep.equal(['/n']);
    });

    it('refuses an unsafe number anywhere in the body, also where the schema does not look', () => {
      expect(checkBody({ type: 'object' }, { deep: [{ v: 1e300 * 1e10 }] }).map((e) => e.pointer)).to.deep.equal(['/deep/0/v']);
    });

    it('accepts safe integers and ordinary fractions', () => {
      expect(checkBody(schema, { n: Number.MAX_SAFE_INTEGER, x: 96000.5 })).to.deep.equal([]);
      expect(checkBody(schema, { n: -Number.MAX_SAFE_INTEGER, x: 1e-9 })).to.deep.equal([]);
    });
  });

  describe('text', () => {
    const schema = body({ name, note: { type: 'string', maxLength: 200 } });

    for (const [what, value] of [['a lone NUL', '\u0000'], ['only control characters', '\u0001\u0002\u007f'], ['a NUL inside a name', '张\u0000三'],
      ['only spaces', '   '], ['only a zero-width space', '\u200b'], ['only an ideographic space', '\u3000'], ['a lone surrogate', '\ud800']])
      it(`refuses ${what} where a required text must be visible`, () => {
        const errors = checkBody(schema, { name: value });
        expect(errors.map((e) => e.pointer), JSON.stringify(value)).to.deep.equal(['/name']);
        expect(errors[0].message).to.match(/^[\u4e00-\u9fff]/).and.include(' / ');
      });

    it('refuses control characters in any string, keys included, even without minLength', () => {
      expect(checkBody(schema, { note: 'ok\u0007' }).map((e) => e.pointer)).to.deep.equal(['/note']);
      expect(checkBody({ type: 'object' }, { 'a\u0000b': 1 }).length).to.equal(1);
    });

    it('accepts Chinese text, line breaks and tabs', () => {
      expect(checkBody(schema, { name: '王芳', note: '第一行\n第二行\r\n\t缩进' })).to.deep.equal([]);
    });

    it('applies to nested text (array items, anyOf)', () => {
      const nested = { type: 'object', properties: { list: { type: 'array', items: name }, either: { anyOf: [name, { type: 'integer' }] } } };
      expect(checkBody(nested, { list: ['ok', ' '] }).map((e) => e.pointer)).to.include('/list/1');
      expect(checkBody(nested, { either: '\u0000' }).map((e) => e.pointer)).to.include('/either');
    });
  });

  describe('messages', () => {
    it('puts zh-CN first with English beside for keywords without a hand-written message', () => {
      const errors = checkBody(body({ list: { type: 'array', minItems: 1 }, s: { type: 'string', maxLength: 2 }, n: { type: 'integer', minimum: 1 } }), { list: [], s: 'abc', n: 0 });
      const messages = Object.fromEntries(errors.map((e) => [e.pointer, e.message]));
      expect(messages['/list']).to.equal('不应少于 1 个项 / must NOT have fewer than 1 items');
      expect(messages['/s']).to.equal('不应多于 2 个字符 / must NOT have more than 2 characters');
      expect(messages['/n']).to.equal('应当为 >= 1 / must be >= 1');
    });

    it('keeps the hand-written messages of the keywords it already handled', () => {
      const errors = checkBody({ type: 'object', required: ['name'], additionalProperties: false, properties: { name } }, { extra: 1 });
      expect(errors.map((e) => e.message)).to.have.members(['缺少必填项 / required field missing: name', '不允许的字段 / field not allowed: extra']);
    });

    it('never echoes a long client key in full', () => {
      const key = 'k'.repeat(5000);
      const [e] = checkBody({ type: 'object', additionalProperties: false }, { [key]: 1 });
      expect(e.message.length).to.be.below(200);
    });
  });
});
