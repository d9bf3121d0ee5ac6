import { describe, expect, it } from 'vitest';
import { repeatedJsonKey } from '#validation/repeated-json-key.ts';

describe('a name given twice in one JSON object', () => {
  it('is found with where it is, however it is spelled, and a name in another object or a string value is not one', () => {
    const found = (text: string) => {
      JSON.parse(text); // Only text JSON.parse takes is read.
      return repeatedJsonKey(text);
    };
    expect(found('{"a":1,"a":2}')).toEqual({ key: 'a', path: '(isian)' });
    expect(found('{"a":1,"\\u0061":2}')).toEqual({ key: 'a', path: '(isian)' });
    expect(found('{"k":["a","b",{"z":1,"y":{"q":1,"q":2}}]}')).toEqual({ key: 'q', path: 'k.2.y' });
    expect(found(' { "s" : "x,y:{\\"" , "t" : 1 , "s" : 2 } ')).toEqual({ key: 's', path: '(isian)' });
    expect(found('[[{"p":1}],[{"p":1,"p":1}]]')).toEqual({ key: 'p', path: '1.0' });
    for (const fine of ['{"a":[{"x":1},{"x":2}]}', '{"a":1,"b":{"a":2}}', '{"a":"a","b":"a"}', '[1,"a","a"]', '"a"'])
      expect(found(fine), fine).toBeUndefined();
    // Nesting JSON.parse reads is read without recursion: no stack to overflow.
    expect(found(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).toBeUndefined();
  });
});
