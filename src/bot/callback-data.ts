// One codec for every button's callback data: '<prefix>:<field>:<field>…'. A button is defined
// once here (prefix and typed fields); its data can only be built by `data()`, which checks each
// field and Telegram's 64-byte limit where the data is made (a too-long button fails in the code
// that built it, not as a 400 from Telegram), and it can only be routed by policy.button(), which
// takes the button's policy. So a new button cannot skip the policy middleware.

/** Telegram's limit on callback_data, in bytes (Cyrillic is two bytes a letter). */
export const MAX_CALLBACK_DATA_BYTES = 64;

export type FieldType = 'uint' | 'int' | 'slug';
type FieldValue<F extends FieldType> = F extends 'slug' ? string : number;
export type FieldValues<F extends readonly FieldType[]> = { -readonly [K in keyof F]: FieldValue<F[K]> };

const FIELD_PATTERN: Record<FieldType, string> = {
  uint: '\\d{1,15}',
  int: '-?\\d{1,16}',
  slug: '[A-Za-z0-9_-]{0,40}',
};

export interface ButtonDef<F extends readonly FieldType[] = readonly FieldType[]> {
  readonly prefix: string;
  readonly fields: F;
  /** Matches exactly this button's data (for routing). */
  readonly pattern: RegExp;
  data(...values: FieldValues<F>): string;
  parse(data: string): FieldValues<F> | null;
}

export class CallbackDataError extends Error {
  override name = 'CallbackDataError';
}

const DEFINED = new Map<string, ButtonDef>();

/** Every button defined so far, by prefix (a test checks each is routed with a policy). */
export function definedButtons(): ButtonDef[] {
  return [...DEFINED.values()];
}

export function defineButton<const F extends readonly FieldType[]>(prefix: string, fields: F): ButtonDef<F> {
  if (!/^[A-Za-z]{1,3}$/.test(prefix)) throw new CallbackDataError(`Cannot define button "${prefix}": a prefix is 1–3 Latin letters`);
  if (DEFINED.has(prefix)) throw new CallbackDataError(`Cannot define button "${prefix}": the prefix is taken`);
  const pattern = new RegExp(`^${prefix}${fields.map((f) => `:(${FIELD_PATTERN[f]})`).join('')}$`);
  const def: ButtonDef<F> = {
    prefix,
    fields,
    pattern,
    data(...values) {
      const text = [prefix, ...values.map(String)].join(':');
      if (!pattern.test(text)) throw new CallbackDataError(`Cannot build button "${prefix}": bad field in ${JSON.stringify(text.slice(0, 80))}`);
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > MAX_CALLBACK_DATA_BYTES) throw new CallbackDataError(`Cannot build button "${prefix}": ${bytes} bytes, over ${MAX_CALLBACK_DATA_BYTES}`);
      return text;
    },
    parse(data) {
      const m = pattern.exec(data);
      if (!m) return null;
      const values = fields.map((f, i) => {
        const raw = m[i + 1] ?? '';
        return f === 'slug' ? raw : Number(raw);
      });
      if (values.some((v) => typeof v === 'number' && !Number.isSafeInteger(v))) return null;
      return values as FieldValues<F>;
    },
  };
  DEFINED.set(prefix, def as unknown as ButtonDef);
  return def;
}
