// The validation rules shared by the core and the renderer (src-shared/rules.ts): hook Ids, signing secrets,
// inbox names, and the clause form the core puts after its own prefix. Bucket names: test/ui/lib.test.ts.
import { describe, expect, it } from 'vitest';
import { asClause, hookIdProblem, hookSecretProblem, inboxNameProblem } from '../../src-shared/rules';

describe('shared rules', () => {
  it.each([
    ['vk-img_1.x', null], ['a'.repeat(255), null], ['', 'Use 1 to 255 letters, digits, dots, dashes or underscores'],
    ['a'.repeat(256), 'Use 1 to 255 letters, digits, dots, dashes or underscores'], ['with space', 'Use 1 to 255 letters, digits, dots, dashes or underscores'],
  ])('hook id %j → %s', (id, problem) => { expect(hookIdProblem(id)).toBe(problem); });

  it.each([
    [`whsec_${'A'.repeat(16)}`, null], [`whsec_${'a+/'.repeat(10)}==`, null],
    ['whsec_short', 'Must be whsec_ followed by base64 (16+ characters)'], [`secret_${'A'.repeat(16)}`, 'Must be whsec_ followed by base64 (16+ characters)'],
  ])('secret %j → %s', (secret, problem) => { expect(hookSecretProblem(secret)).toBe(problem); });

  it.each([
    ['demo', null], ['a'.repeat(64), null], ['a'.repeat(65), 'Use 1 to 64 letters, digits, dots, dashes or underscores'],
    ['../x', 'Use 1 to 64 letters, digits, dots, dashes or underscores'], ['', 'Use 1 to 64 letters, digits, dots, dashes or underscores'],
  ])('inbox name %j → %s', (name, problem) => { expect(inboxNameProblem(name)).toBe(problem); });

  it('turns a problem into a clause', () => {
    expect(asClause('Must be 3 to 63 characters long')).toBe('must be 3 to 63 characters long');
  });
});
