// Ask understands a team's custom problem tags by their names (issue 11 §4): the vocabulary is built from
// the team's settings at runtime and passed into the pure parser.
import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../src/core/ask/parse-question.js';
import { customTagVocabulary } from '../../../src/core/ask/vocabulary.js';

const vocabulary = customTagVocabulary({
  small_account: { label: { zh: '小额客户', en: 'Small account' } },
  cash_receivable: { label: { zh: '现金回款风险', en: 'Cash receivable' } },
});

describe('custom tag words in questions', () => {
  it('lists the customers with a custom tag, asked in Chinese or English', () => {
    for (const q of ['哪些客户是小额客户', 'which customers are small account', 'Which customers are small accounts?', '小额客户有哪些']) {
      const parsed = parseQuestion(q, vocabulary);
      expect(parsed.kind, q).toBe('list');
      expect(parsed.kind === 'list' ? parsed.filters.tags : null, q).toEqual(['small_account']);
    }
  });

  it('a custom name holding a built-in word is the custom tag, not the built-in one', () => {
    const parsed = parseQuestion('哪些客户有现金回款风险', vocabulary);
    expect(parsed.kind === 'list' ? parsed.filters.tags : parsed).toEqual(['cash_receivable']);
  });

  it('combines with other slots (grade, region)', () => {
    const parsed = parseQuestion('华东A级的小额客户', vocabulary);
    expect(parsed).toMatchObject({ kind: 'list', filters: { tags: ['small_account'], grade: 'A', region: 'East' } });
  });

  it('without the team vocabulary the words are not a tag', () => {
    const parsed = parseQuestion('which customers are small account');
    expect(parsed.kind === 'list' ? parsed.filters.tags ?? [] : []).not.toContain('small_account');
  });
});
