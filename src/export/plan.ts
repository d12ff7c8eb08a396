// From what the user asked to what is exported: a shown list, or typed filters with names and
// topics resolved the way /actor and /topic resolve them. Also the words that describe it (the
// Markdown title) and the parts of the file name.
import type { TopicTagger } from '../corpus/topics.ts';
import { lookUpActor, lookUpTopic } from '../lookups.ts';
import type { ExportFilters, ListKind, Store, UiLanguage } from '../store/index.ts';
import { parseActorListArg } from '../store/index.ts';
import type { ExportWords } from './args.ts';
import type { ExportTarget } from './source.ts';

export interface ExportPlan {
  target: ExportTarget;
  /** "actor: Volodymyr Zelensky · topic: Sanctions · 2025-09-01 – 2025-09-30". */
  description: string;
  /** For the file name: ["actor Volodymyr Zelensky", "topic sanctions", …]. */
  nameParts: string[];
}

export type PlanResult =
  | { ok: true; plan: ExportPlan }
  | { ok: false; problem: 'actor' | 'topic'; word: string; suggestions: string[] };

const LABELS = {
  en: { actor: 'actor', topic: 'topic', lang: 'language', latest: 'latest statements', search: 'search', all: 'all statements' },
  uk: { actor: 'людина', topic: 'тема', lang: 'мова', latest: 'найновіші заяви', search: 'пошук', all: 'усі заяви' },
} as const;

export function planFilterExport(store: Store, tagger: TopicTagger, words: ExportWords, lang: UiLanguage): PlanResult {
  const l = LABELS[lang];
  const filters: ExportFilters = {};
  const said: string[] = [];
  const nameParts: string[] = [];
  if (words.actor !== undefined) {
    const found = lookUpActor(store, words.actor);
    if (found.kind !== 'found') {
      return { ok: false, problem: 'actor', word: words.actor, suggestions: found.kind === 'suggest' ? found.suggestions.map((a) => a.canonical) : [] };
    }
    filters.actorId = found.actor.id;
    said.push(`${l.actor}: ${lang === 'uk' && found.actor.nameUk ? found.actor.nameUk : found.actor.canonical}`);
    nameParts.push(`actor ${found.actor.canonical}`);
  }
  if (words.topic !== undefined) {
    const found = lookUpTopic(tagger, words.topic);
    if (found.kind !== 'found') {
      return { ok: false, problem: 'topic', word: words.topic, suggestions: found.kind === 'suggest' ? found.suggestions.map((t) => t.slug) : [] };
    }
    filters.topic = found.topic.slug;
    said.push(`${l.topic}: ${lang === 'uk' ? found.topic.labelUk : found.topic.labelEn}`);
    nameParts.push(`topic ${found.topic.slug}`);
  }
  if (words.lang !== undefined) {
    filters.lang = words.lang;
    said.push(`${l.lang}: ${words.lang}`);
    nameParts.push(words.lang);
  }
  if (words.from !== undefined) filters.from = words.from;
  if (words.to !== undefined) filters.to = words.to;
  if (words.from !== undefined || words.to !== undefined) {
    said.push(`${words.from ?? '…'} – ${words.to ?? '…'}`);
    if (words.from !== undefined) nameParts.push(`from ${words.from}`);
    if (words.to !== undefined) nameParts.push(`to ${words.to}`);
  }
  if (said.length === 0) said.push(l.all);
  return { ok: true, plan: { target: { kind: 'filters', filters }, description: said.join(' · '), nameParts } };
}

/** A list as /latest, /actor, /topic or /search showed it (kind and argument as stored for paging). */
export function planListExport(store: Store, tagger: TopicTagger, list: ListKind, arg: string, lang: UiLanguage): ExportPlan {
  const l = LABELS[lang];
  const target: ExportTarget = { kind: 'list', list, arg };
  switch (list) {
    case 'latest':
      return { target, description: l.latest, nameParts: ['latest'] };
    case 'search':
      return { target, description: `${l.search}: ${arg}`, nameParts: [`search ${arg}`] };
    case 'actor': {
      const actor = store.actors.byId(parseActorListArg(arg).actorId);
      const name = actor ? (lang === 'uk' && actor.nameUk ? actor.nameUk : actor.canonical) : arg;
      return { target, description: `${l.actor}: ${name}`, nameParts: [`actor ${actor?.canonical ?? arg}`] };
    }
    case 'topic': {
      const topic = tagger.entries.find((t) => t.slug === arg);
      return { target, description: `${l.topic}: ${topic ? (lang === 'uk' ? topic.uk : topic.en) : arg}`, nameParts: [`topic ${arg}`] };
    }
  }
}
