import { readdirSync, readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The loader reads with js-yaml for speed and with `yaml` to locate problems: they must agree.
const read = (text: string) => ({
  fast: jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }),
  located: parse(text),
});

describe('the two YAML readers', () => {
  const files = readdirSync('knowledge').filter((f) => f.endsWith('.yaml'));

  it.each(files)('read knowledge/%s the same way', (file) => {
    const { fast, located } = read(readFileSync(`knowledge/${file}`, 'utf8'));
    expect(fast).toEqual(located);
  });

  it.each([
    ['dates stay text', 'from: 2013-04-01\nto: 2013-04-01T00:00:00Z\n'],
    ['yes and no stay words', 'a: yes\nb: no\nc: on\nd: off\n'],
    ['numbers, quoted and not', 'a: 42\nb: "42"\nc: 1e3\nd: 0x10\ne: 012\n'],
    ['folded and literal text', 'a: >-\n  one\n  two\nb: |\n  three\n  four\n'],
    ['flow lists and maps', 'a: [x, "y, z", { k: v }]\n'],
    ['anchors and aliases', 'a: &x { k: v }\nb: *x\n'],
    ['nulls', 'a: ~\nb: null\nc:\n'],
  ])('agree on %s', (_name, text) => {
    const { fast, located } = read(text);
    expect(fast).toEqual(located);
  });
});
