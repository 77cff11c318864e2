/**
 * `src/serialize/sanitize-walker.ts` directly: `writeValue` writes the JSON text that
 * `JSON.stringify` of the object path's copy gives (ECS leaf types applied for a node), or
 * throws `CAP_REACHED` where a cap would cut, so the caller takes the object path.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { CAP_REACHED, SanitizeWalker, WROTE_NOTHING } from '../../src/serialize/sanitize-walker';
import { sanitizeValue } from '../../src/serialize/sanitize';
import { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits } from '../../src/serialize/sanitize-limits';
import { newSanitizeReport } from '../../src/serialize/sanitize-report';
import { alignValue, ecsFieldTree, type TypeNode } from '../../src/serialize/ecs-leaf-types';
import { Kind } from '../../src/serialize/value-kinds';
import { markClean } from '../../src/serialize/known-clean';
import { hostileValue, materialize } from '../support/hostile';

const small: SanitizeLimits = { ...DEFAULT_SANITIZE_LIMITS, maxDepth: 3, maxStringLength: 20, maxKeys: 4, maxArrayItems: 3, maxFields: 12 };

function write(value: unknown, limits: SanitizeLimits = DEFAULT_SANITIZE_LIMITS, node?: TypeNode): { text: string; kind: number } {
  const walker = new SanitizeWalker<undefined>(limits, undefined, newSanitizeReport());
  const kind = walker.writeValue(value, 0, undefined, node);
  return { text: walker.text, kind };
}

describe('SanitizeWalker.writeValue', () => {
  it('writes scalars and returns their kind', () => {
    expect(write('a"b')).toEqual({ text: '"a\\"b"', kind: Kind.String });
    expect(write(3)).toEqual({ text: '3', kind: Kind.Integer });
    expect(write(0.5)).toEqual({ text: '0.5', kind: Kind.Fraction });
    expect(write(true)).toEqual({ text: 'true', kind: Kind.Boolean });
    expect(write(NaN)).toEqual({ text: 'null', kind: Kind.None });
    expect(write(null)).toEqual({ text: 'null', kind: Kind.None });
    expect(write(7n)).toEqual({ text: '"7"', kind: Kind.String });
  });

  it('writes nothing for undefined and functions', () => {
    expect(write(undefined)).toEqual({ text: '', kind: WROTE_NOTHING });
    expect(write(() => 1)).toEqual({ text: '', kind: WROTE_NOTHING });
    expect(write({ a: undefined, f: () => 1, b: 1 }).text).toBe('{"b":1}');
    expect(write([undefined, 'a']).text).toBe('[null,"a"]');
  });

  it('applies the ECS leaf type of a node', () => {
    const http = ecsFieldTree().http;
    expect(write({ response: { status_code: '200' }, request: { method: 7 } }, DEFAULT_SANITIZE_LIMITS, http).text).toBe('{"response":{"status_code":200},"request":{"method":"7"}}');
    expect(write([1, 'a'], DEFAULT_SANITIZE_LIMITS, ecsFieldTree().user.children!.roles).text).toBe('["1","a"]');
  });

  it('writes a mixed array as the object path does (items as text)', () => {
    expect(write([1, 'a', { b: 1 }])).toEqual({ text: '["1","a","{\\"b\\":1}"]', kind: Kind.String });
  });

  it('writes a frozen known-clean object as its JSON text', () => {
    expect(write({ s: markClean({ name: 'svc' }) }).text).toBe('{"s":{"name":"svc"}}');
  });

  it('throws CAP_REACHED where keys, items or fields would be cut', () => {
    expect(() => write({ a: 1, b: 2, c: 3, d: 4, e: 5 }, small)).toThrow();
    for (const [value, limits] of [
      [{ a: 1, b: 2, c: 3, d: 4, e: 5 }, small],
      [['a', 'b', 'c', 'd'], small],
      [{ a: { b: 1, c: 1 } }, { ...small, maxFields: 2 }],
    ] as const) {
      let thrown: unknown;
      try {
        write(value, limits);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBe(CAP_REACHED);
    }
  });

  it('takes the object path for rewritten and dotted keys, circular references and hostile objects', () => {
    const o: Record<string, unknown> = { 'a.b': 1, a: 2, '': 3 };
    expect(write(o).text).toBe(JSON.stringify(sanitizeValue(o, DEFAULT_SANITIZE_LIMITS, newSanitizeReport())));
    const c: Record<string, unknown> = { x: 1 };
    c.self = c;
    expect(write(c).text).toBe('{"x":1,"self":"[Circular]"}');
    const g = Object.defineProperty({}, 'boom', { enumerable: true, get() { throw new Error('x'); } });
    expect(write({ g }).text).toBe('{"g":{"boom":"[getter threw]"}}');
  });

  it('writes a marker for a revoked Proxy or a throwing trap given as the value itself or as an array item', () => {
    const revoked = (): object => {
      const r = Proxy.revocable({}, {});
      r.revoke();
      return r.proxy;
    };
    const lengthTrap = new Proxy([1, 2], { get: (t, k) => (k === 'length' ? ((): never => { throw new Error('x'); })() : Reflect.get(t, k)) });
    const protoTrap = new Proxy({}, { getPrototypeOf: () => { throw new Error('p'); } });
    expect(write(revoked()).text).toBe('"[unreadable]"');
    expect(write([revoked()]).text).toBe('["[unreadable]"]');
    expect(write(lengthTrap).text).toBe('"[unreadable]"');
    expect(write(protoTrap).text).toBe('"[unreadable]"');
  });

  test.prop([hostileValue, fc.constantFrom(small, DEFAULT_SANITIZE_LIMITS), fc.boolean()], { numRuns: 300 })(
    'writes what JSON.stringify of the object path gives, or throws CAP_REACHED',
    (recipe, limits, bare) => {
      // one value walked both ways (the walk never changes it), itself or under a key
      const inner = materialize(recipe);
      const value = bare ? inner : { v: inner };
      let result: { text: string; kind: number };
      try {
        result = write(value, limits);
      } catch (error) {
        expect(error).toBe(CAP_REACHED);
        return;
      }
      const copy = sanitizeValue(value, limits, newSanitizeReport());
      expect(result.text).toBe(copy === undefined ? '' : JSON.stringify(copy));
    },
  );

  test.prop([fc.dictionary(fc.constantFrom('response', 'request', 'version', 'x'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })])(
    'with a node, writes the object path aligned by alignValue',
    (value) => {
      const node = ecsFieldTree().http;
      let text: string;
      try {
        text = write(value, DEFAULT_SANITIZE_LIMITS, node).text;
      } catch (error) {
        expect(error).toBe(CAP_REACHED);
        return;
      }
      expect(text).toBe(JSON.stringify(alignValue(sanitizeValue(value, DEFAULT_SANITIZE_LIMITS, newSanitizeReport()), node)));
    },
  );
});
