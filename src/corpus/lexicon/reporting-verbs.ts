// Reporting verbs: the words news copy uses to say that someone said something. Reviewed lists,
// one per language; every form a news text uses is listed or generated from a listed form.

/** English forms, written out (English verbs are too irregular to generate safely). */
export const ENGLISH_REPORTING_VERBS: readonly string[] = [
  'say', 'says', 'said', 'saying',
  'tell', 'tells', 'told', 'telling',
  'add', 'adds', 'added', 'adding',
  'note', 'notes', 'noted', 'noting',
  'stress', 'stresses', 'stressed', 'stressing',
  'emphasise', 'emphasises', 'emphasised', 'emphasising', 'emphasize', 'emphasizes', 'emphasized', 'emphasizing',
  'warn', 'warns', 'warned', 'warning',
  'reply', 'replies', 'replied', 'replying',
  'clarify', 'clarifies', 'clarified', 'clarifying',
  'reaffirm', 'reaffirms', 'reaffirmed', 'reaffirming',
  'reiterate', 'reiterates', 'reiterated', 'reiterating',
  'declare', 'declares', 'declared', 'declaring',
  'insist', 'insists', 'insisted', 'insisting',
  'argue', 'argues', 'argued', 'arguing',
  'explain', 'explains', 'explained', 'explaining',
  'write', 'writes', 'wrote', 'writing',
  'post', 'posts', 'posted',
  'state', 'states', 'stated', 'stating',
  'announce', 'announces', 'announced', 'announcing',
  'acknowledge', 'acknowledges', 'acknowledged', 'acknowledging',
  'suggest', 'suggests', 'suggested', 'suggesting',
  'believe', 'believes', 'believed',
  'claim', 'claims', 'claimed', 'claiming',
  'confirm', 'confirms', 'confirmed', 'confirming',
  'admit', 'admits', 'admitted', 'admitting',
  'comment', 'comments', 'commented', 'commenting',
  'remark', 'remarks', 'remarked',
  'observe', 'observes', 'observed',
  'point out', 'points out', 'pointed out', 'pointing out',
  'underline', 'underlines', 'underlined', 'underlining',
  'urge', 'urges', 'urged', 'urging',
  'assert', 'asserts', 'asserted', 'asserting',
  'vow', 'vows', 'vowed', 'vowing',
  'promise', 'promises', 'promised', 'promising',
  'predict', 'predicts', 'predicted', 'predicting',
  'recall', 'recalls', 'recalled', 'recalling',
  'respond', 'responds', 'responded', 'responding',
  'conclude', 'concludes', 'concluded', 'concluding',
  'highlight', 'highlights', 'highlighted', 'highlighting',
  'caution', 'cautions', 'cautioned', 'cautioning',
  'maintain', 'maintains', 'maintained',
  'contend', 'contends', 'contended',
  'reveal', 'reveals', 'revealed', 'revealing',
  'report', 'reports', 'reported',
  'mention', 'mentions', 'mentioned',
  'describe', 'describes', 'described', 'describing',
  'assure', 'assures', 'assured', 'assuring',
  'deny', 'denies', 'denied', 'denying',
  'accuse', 'accuses', 'accused', 'accusing',
  'threaten', 'threatens', 'threatened',
  'signal', 'signals', 'signalled', 'signaled',
  'call on', 'calls on', 'called on', 'calling on',
  'call for', 'calls for', 'called for', 'calling for',
  'estimate', 'estimates', 'estimated',
  'expect', 'expects', 'expected',
  'hope', 'hopes', 'hoped',
  'think', 'thinks', 'thought',
  'stress', 'complain', 'complains', 'complained',
  'concede', 'concedes', 'conceded',
  'brief', 'briefs', 'briefed', 'briefing',
  'allege', 'alleges', 'alleged',
  'inform', 'informs', 'informed',
  'continue', 'continues', 'continued',
  'ask', 'asks', 'asked',
  'recount', 'recounts', 'recounted',
  'elaborate', 'elaborated', 'elaborates',
  'quip', 'quipped', 'joke', 'joked',
  'affirm', 'affirms', 'affirmed',
  'specify', 'specified', 'specifies',
  'indicate', 'indicates', 'indicated',
  'announce',
];

/** English phrases that put the speaker after them: "according to X", "in the words of X". */
export const ENGLISH_SOURCE_PHRASES: readonly string[] = ['according to', 'in the words of', 'as quoted by'];

/**
 * Ukrainian and Russian reporting verbs. Past-tense forms are listed in the masculine; the
 * feminine, plural and neuter forms are generated (заявив → заявила, заявили, заявило;
 * висловився → висловилася, висловилась, висловилися, висловились; заявил → заявила …).
 */
const UKRAINIAN_PAST_MASCULINE = [
  'заявив', 'сказав', 'наголосив', 'зазначив', 'підкреслив', 'додав', 'повідомив', 'відзначив', 'висловив',
  'підсумував', 'розповів', 'пояснив', 'написав', 'відповів', 'визнав', 'нагадав', 'запевнив', 'попередив',
  'прокоментував', 'уточнив', 'констатував', 'зауважив', 'анонсував', 'оголосив', 'закликав', 'підтвердив',
  'наполіг', 'резюмував', 'заявляв', 'говорив', 'казав', 'пообіцяв', 'обіцяв', 'припустив', 'пригрозив',
  'акцентував', 'спростував', 'окреслив', 'звернув увагу', 'звернувся', 'висловився', 'поділився', 'наголошував',
  'зазначав', 'підкреслював', 'запропонував', 'переконаний', 'вважав', 'порадив', 'дорікнув', 'розкритикував',
  'прогнозує', 'похвалив', 'визнавав', 'розповідав', 'пояснював', 'відзвітував', 'нарікав', 'стверджував',
  'передав', 'доповів', 'поскаржився', 'засудив', 'заперечив', 'наполягав', 'закликав', 'зізнався', 'оцінив', 'підсумовував',
  // Russian
  'заявил', 'сказал', 'отметил', 'подчеркнул', 'добавил', 'сообщил', 'пояснил', 'написал', 'рассказал',
  'ответил', 'признал', 'напомнил', 'заверил', 'предупредил', 'прокомментировал', 'уточнил', 'констатировал',
  'заметил', 'объявил', 'призвал', 'подтвердил', 'говорил', 'считал', 'высказался', 'поделился', 'указал',
];

/** Present-tense and fixed forms, listed as they are. */
const UKRAINIAN_OTHER_FORMS = [
  'каже', 'кажуть', 'заявляє', 'заявляють', 'говорить', 'говорять', 'наголошує', 'наголошують', 'зазначає',
  'зазначають', 'підкреслює', 'підкреслюють', 'додає', 'додають', 'повідомляє', 'повідомляють', 'пише', 'пишуть',
  'вважає', 'вважають', 'переконаний', 'переконана', 'переконані', 'впевнений', 'впевнена', 'упевнений', 'упевнена',
  'стверджує', 'стверджують', 'розповідає', 'розповідають', 'пояснює', 'пояснюють', 'відповідає', 'зауважує',
  'наполягає', 'закликає', 'визнає', 'нагадує', 'попереджає', 'запевняє', 'прогнозує', 'припускає', 'обіцяє',
  'констатує', 'відзначає', 'акцентує', 'коментує', 'уточнює', 'висловлюється', 'звертає увагу', 'переконує',
  // Participles that continue the subject's sentence: "…, наголосивши, що …"
  'наголосивши', 'заявивши', 'додавши', 'зазначивши', 'підкресливши', 'пояснивши', 'нагадавши', 'висловивши',
  // Russian present forms
  'говорит', 'заявляет', 'считает', 'отмечает', 'подчеркивает', 'подчёркивает', 'пишет', 'уверен', 'уверена',
];

function pastForms(masculine: string): string[] {
  const words = masculine.split(' ');
  const head = words[0] as string;
  const rest = words.slice(1).join(' ');
  const suffix = rest ? ` ${rest}` : '';
  if (head.endsWith('вся')) {
    const stem = head.slice(0, -3);
    return [head, ...['лася', 'лась', 'лися', 'лись'].map((e) => stem + e)].map((w) => w + suffix);
  }
  if (head.endsWith('ся')) {
    // Russian "высказался"
    const stem = head.slice(0, -3);
    return [head, ...['лась', 'лись'].map((e) => stem + e)].map((w) => w + suffix);
  }
  if (head.endsWith('в')) {
    const stem = head.slice(0, -1);
    return [head, ...['ла', 'ли', 'ло'].map((e) => stem + e)].map((w) => w + suffix);
  }
  if (head.endsWith('л')) return [head, head + 'а', head + 'и', head + 'о'].map((w) => w + suffix);
  if (/(ний|ий)$/.test(head)) return [head];
  // "наполіг", "розповів" (ends -в, handled above); "наполіг" → "наполягла", irregular: list it as is.
  return [head + suffix];
}

export const UKRAINIAN_REPORTING_VERBS: readonly string[] = [
  ...new Set([...UKRAINIAN_PAST_MASCULINE.flatMap(pastForms), ...UKRAINIAN_OTHER_FORMS, 'наполягла', 'наполягли']),
];

/** Phrases followed by the speaker in the genitive: "за словами Сибіги", "на думку міністра". */
export const UKRAINIAN_SOURCE_PHRASES: readonly string[] = [
  'за його словами', 'за її словами', 'на його думку', 'на її думку', 'по его словам', 'по ее словам', 'по её словам', 'по его мнению',
  'за словами', 'на думку', 'як зазначив', 'як зазначила', 'як заявив', 'як заявила', 'як наголосив', 'як наголосила',
  'як повідомив', 'як повідомила', 'як сказав', 'як сказала', 'як пояснив', 'як пояснила', 'як підкреслив',
  'як підкреслила', 'як розповів', 'як розповіла', 'як додав', 'як додала', 'як написав', 'як написала',
  'по словам', 'как заявил', 'как заявила', 'как отметил', 'как отметила', 'как сообщил', 'как сообщила', 'по мнению',
];

/** Verb forms whose ending tells the speaker is a woman (заявила) or several people (заявили). */
export function ukrainianVerbGender(form: string): 'female' | 'male' | 'plural' | null {
  const head = form.split(' ')[0] ?? '';
  if (/(ла|лася|лась|на)$/.test(head)) return 'female';
  if (/(ли|лися|лись|ні|ють|ять|уть)$/.test(head)) return 'plural';
  if (/(в|вся|л|лся|ний|ий)$/.test(head)) return 'male';
  return null;
}
