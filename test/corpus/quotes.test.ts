// Attribution of whole articles: each pattern news copy uses, in English and Ukrainian, written
// here for the test (never copied from the dev set), with the speaker and day each must give.
import { describe, expect, it } from 'vitest';
import { attributeArticle } from '../../src/corpus/quotes.ts';
import type { PartialDate } from '../../src/corpus/types.ts';
import { reference } from '../helpers/store.ts';

const THURSDAY: PartialDate = { value: '2025-09-04', precision: 'day' };
const run = (paragraphs: string[], anchor: PartialDate = THURSDAY) =>
  attributeArticle(paragraphs, { matcher: reference().matcher, anchor, outlet: 'Example Wire' });
const who = (paragraphs: string[], anchor?: PartialDate) => run(paragraphs, anchor).map((q) => `${q.speaker ?? q.label} :: ${q.text.slice(0, 24)}`);

describe('English patterns', () => {
  it.each([
    ['X said that …', 'Finnish President Alexander Stubb said that the coalition would meet again soon.', 'Alexander Stubb'],
    ['"…," X said', '"We are ready to talk," Stubb said.', 'Stubb'],
    ['"…," said X, the …', '"Winter will be hard," said Maria Holm, the Danish energy minister.', 'Maria Holm'],
    ['X, the foreign minister, said', 'Radek Novak, the Czech foreign minister, said the talks had stalled.', 'Radek Novak'],
    ['according to X', 'Aid deliveries will resume next week, according to Sarah Collins.', 'Sarah Collins'],
    ['X told reporters: "…"', 'Minister Oleh Hrytsenko told reporters: "The bridge is open again."', 'Oleh Hrytsenko'],
    ['passive "was stated by X"', 'This was stated by Defence Minister Tom Berg during a visit to Oslo.', 'Tom Berg'],
  ])('%s', (_, text, speaker) => {
    expect(run([text]).map((q) => q.speaker)).toEqual([speaker]);
  });

  it('pronoun and role continuations go back to the last compatible speaker, not the nearest name', () => {
    expect(
      who([
        'Kremlin spokesman Dmitry Peskov said on Tuesday that no new meeting was planned with Donald Trump.',
        '"Work is under way," he added.',
        'The spokesman also said the memorandum had been handed over.',
      ]),
    ).toEqual(['Dmitry Peskov :: Kremlin spokesman Dmitry', 'Dmitry Peskov :: "Work is under way," he ', 'Dmitry Peskov :: The spokesman also said ']);
  });

  it('"he" skips a person named inside the quotation', () => {
    const quotes = run([
      'Estonian Prime Minister Kristen Michal spoke to NATO chief Mark Rutte on Monday.',
      'Kristen Michal said the alliance must act.',
      '"I hope that under Mark Rutte the alliance will move faster," he said.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Kristen Michal', 'Kristen Michal']);
  });

  it('the subject of the verb wins over a nearer name ("… as he met Zelenskyy … and reiterated")', () => {
    const [q] = run(['Mark Rutte arrived in Kyiv as he met Volodymyr Zelenskyy on Monday and reiterated that support would continue.']);
    expect(q?.speaker).toBe('Mark Rutte');
  });

  it('two speakers in one paragraph are two statements', () => {
    const quotes = run(['Jens Haugen said the deal was close. "We are not there yet," said Anna Lind, the Swedish envoy.']);
    expect(quotes.map((q) => [q.speaker, q.text])).toEqual([
      ['Jens Haugen', 'Jens Haugen said the deal was close.'],
      ['Anna Lind', '"We are not there yet," said Anna Lind, the Swedish envoy.'],
    ]);
  });

  it('a bare quotation continues the last speaker; a quotation block takes the attribution line after it', () => {
    expect(
      who([
        'Polish Prime Minister Donald Tusk said Europe must not give in.',
        '"We will not send troops, but we will help."',
        'Dutch Foreign Minister Caspar Veldkamp spoke next.',
        '"Sanctions must go on. There is no other way,"',
        '- said Veldkamp.',
      ]).map((s) => s.split(' :: ')[0]),
    ).toEqual(['Donald Tusk', 'Donald Tusk', 'Caspar Veldkamp', 'Caspar Veldkamp']);
  });

  it('a report of an institution is not a quote, and it does not inherit the speaker before it', () => {
    const quotes = run(['Peter Lang said the border was calm.', 'The Kremlin said on Tuesday that it was waiting for an answer.']);
    expect(quotes.map((q) => q.speaker)).toEqual(['Peter Lang']);
  });

  it('plural groups are no speaker and take no one else\'s words ("Ukrainian authorities said")', () => {
    const quotes = run(['Vladimir Medinsky said the talks were useful.', 'However, Ukrainian authorities said the shelling had continued on Wednesday.']);
    expect(quotes.map((q) => q.speaker)).toEqual(['Vladimir Medinsky']);
  });

  it('an office phrase that fits two people goes to the one speaking ("the President of the EP assured")', () => {
    const quotes = run([
      'European Parliament President Roberta Metsola met Rada Chairman Ruslan Stefanchuk in Kyiv.',
      '"We will stay as vocal as ever," Roberta Metsola stated.',
      'Later she met Ruslan Stefanchuk again.',
      '"I made three promises to you," the President of the EP assured.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Roberta Metsola', 'Roberta Metsola']);
  });

  it('a "who’s …" clause between the name and the verb is stepped over', () => {
    expect(run(['Russian Foreign Minister Sergey Lavrov, who’s visiting China, said the ministry was satisfied.'])[0]?.speaker).toBe('Sergey Lavrov');
  });

  it('an outlet is never the speaker ("…, Example Wire reports")', () => {
    expect(run(['The convoy reached Kherson overnight, Example Wire reports.'])).toEqual([]);
  });
});

describe('Ukrainian patterns', () => {
  it.each([
    ['X заявив, що …', 'Міністр енергетики Герман Галущенко заявив, що енергосистема працює стабільно.', 'Герман Галущенко'],
    ['"…" – наголосив X', '"Ми не здамося", – наголосив Віталій Кличко.', 'Віталій Кличко'],
    ['«…», — сказала X', '«Допомога прийде вчасно», — сказала Ольга Стефанішина.', 'Ольга Стефанішина'],
    ['За словами X (родовий відмінок)', 'За словами Сибіги, гарантії безпеки мають бути юридично зобовʼязуючими.', 'Andrii Sybiha'],
    ['Про це заявив X', 'Про це заявив голова Одеської ОВА Олег Кіпер.', 'Олег Кіпер'],
  ])('%s', (_, text, speaker) => {
    expect(run([text]).map((q) => q.speaker)).toEqual([speaker]);
  });

  it('a case form becomes the nominative: "За словами Дмитра Лубінця" is Дмитро Лубінець', () => {
    expect(run(['За словами Дмитра Лубінця, повернення дітей триває.']).map((q) => q.speaker)).toEqual(['Дмитро Лубінець']);
  });

  it('"– додав він" and an office resolve to the speaker in view; a feminine verb to a woman', () => {
    const quotes = run([
      'Секретар РНБО Рустем Умєров зустрівся з Кая Каллас у Брюсселі.',
      'Умєров заявив, що переговори тривають.',
      '"Ми чекаємо на зустріч лідерів", – додав секретар РНБО.',
      'Каллас наголосила, що санкції посилять.',
      '"Тиск має зростати", – сказала вона.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Рустем Умєров', 'Рустем Умєров', 'Кая Каллас', 'Кая Каллас']);
  });

  it('a denial ("не заявляв") is not the subject\'s statement; "його прес-секретар" is the secretary, not "він"', () => {
    const quotes = run([
      'Мер Києва Віталій Кличко не заявляв, що столиця оточена, а ця інформація є маніпуляцією.',
      'Про це повідомила його прес-секретар Оксана Зінов\'єва.',
      '"Він трохи не так там сказав", - сказала прес-секретар Кличка.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Оксана Зінов\'єва', 'Оксана Зінов\'єва', 'Оксана Зінов\'єва']);
  });

  it('a person named after the reporting verb is not in view for its subject ("речник … відповів на заяви речниці … Захарової")', () => {
    const quotes = run(['Речник МЗС України Георгій Тихий різко відповів на заяви речниці МЗС Росії Марії Захарової щодо переговорів.']);
    expect(quotes.map((q) => q.speaker)).toEqual(['Георгій Тихий']);
  });

  it('a country or body after an office is never the speaker ("прем\'єр Словаччини нагадав", "Глава Міненергетики додав")', () => {
    const quotes = run([
      'Прем\'єр-міністр Словаччини Роберт Фіцо заявив, що його країна не надасть зброю.',
      'Також прем\'єр Словаччини нагадав про замах на нього.',
      'Після того, як Великобританія і Франція заговорили про гарантії, Фіцо заявив, що це помилка.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Роберт Фіцо', 'Роберт Фіцо', 'Роберт Фіцо']);
  });

  it('a bare surname after an adverbial opening is the subject when its form is nominative', () => {
    expect(run(['На Facebook-сторінці Міністерства енергетики Галущенко зазначив, що атаки тривають.'])[0]?.speaker).toBe('Галущенко');
    expect(run(['Про це в етері 24 Каналу розповів радник Михайло Подоляк.'])[0]?.speaker).toBe('Михайло Подоляк');
  });

  it('a quotation "from a ministry\'s statement" is the body\'s, not the official\'s in view', () => {
    const quotes = run(['Голова ОВА Олег Кіпер заявив, що атака тривала всю ніч.', '"Пожежу ліквідовано", - йдеться у заяві ДСНС.']);
    expect(quotes.map((q) => q.speaker)).toEqual(['Олег Кіпер']);
  });

  it('a quote split over two lines by the page is one statement of the speaker after the dash', () => {
    const quotes = run(['Але ми тримаємо оборону, і це наш вибір,', '– зазначив Кирило Буданов.'].join('\n').split('\n\n'));
    expect(quotes[0]?.speaker).toBe('Kyrylo Budanov');
  });
});

describe('offices by date, days of the words', () => {
  it('"the Ukrainian foreign minister" is Kuleba before September 2024 and Sybiha after', () => {
    const text = ['The Ukrainian foreign minister said the grain corridor would stay open.'];
    expect(run(text, { value: '2024-03-01', precision: 'day' })[0]?.speaker).toBe('Dmytro Kuleba');
    expect(run(text, { value: '2025-03-01', precision: 'day' })[0]?.speaker).toBe('Andrii Sybiha');
  });

  it.each([
    ['said on Tuesday', 'Jens Haugen said on Tuesday that the deal was close.', '2025-09-02'],
    ['On 22 August', 'On 22 August, Jens Haugen said the deal was close.', '2025-08-22'],
    ['у неділю, 24 серпня', 'Про це Олег Кіпер заявив у неділю, 24 серпня.', '2025-08-24'],
    ['напередодні', 'Напередодні Олег Кіпер заявив, що ракети збито.', '2025-09-03'],
    ['a day inside the quotation is not when it was said', '"We meet on Friday," said Jens Haugen.', null],
  ])('%s', (_, text, day) => {
    expect(run([text])[0]?.date?.value ?? null).toBe(day);
  });
});

describe('hostile text', () => {
  it('a 100 KB sentence of reporting verbs with no subject attributes nothing (and does not look back at every verb)', () => {
    expect(run(['the thing said, '.repeat(6000) + 'end.'])).toEqual([]);
    expect(run(['"a" '.repeat(20000) + 'he said.'])).toEqual([]);
  });
});
