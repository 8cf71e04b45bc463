// The receiver check's documentation stays true: the README's case table and `buckethooks check --help` list every
// case of the battery, in order, with the very line the results carry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandHelp } from '../../src-main/cli/usage';
import { CHECK_CASES } from '../../src-main/core/check';

const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('the receiver check documentation', () => {
  it('has one README table row per case, in battery order, with its "should" line', () => {
    const start = README.indexOf('## Check my receiver');
    const section = README.slice(start, README.indexOf('\n## ', start + 1));
    const rows = [...section.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2].replace(/\\\|/g, '|')]);
    expect(rows).toEqual(CHECK_CASES.map((c) => [c.name, c.should]));
  });

  it('lists every case with its line in --help', () => {
    const help = commandHelp('check');
    for (const c of CHECK_CASES) expect(help).toMatch(new RegExp(`^ +${c.name.replace(/\./g, '\\.')} +${c.should.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });
});
