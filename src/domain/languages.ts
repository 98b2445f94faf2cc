/**
 * Languages a person speaks or a caller uses: ISO 639 codes (639-1 where one
 * exists, 639-3 otherwise) plus BCP 47 private-use tags for languages that have
 * no code of their own. English names are the fallback when the runtime's
 * Intl data does not know a code (older ICU builds lack K'iche', Mam, Dinka…).
 */
/** Languages most often heard at the welcome center and the helpline, offered first. */
export const COMMON_LANGUAGE_CODES = [
  'es',
  'quc',
  'mam',
  'pt',
  'ht',
  'fr',
  'ar',
  'sw',
  'so',
  'am',
  'ti',
  'om',
  'rw',
  'rn',
  'din',
  'en',
] as const;

/** English names: ISO 639-1 plus the 639-3 and private-use languages the work needs. */
const ENGLISH_NAMES: Readonly<Record<string, string>> = {
  aa: 'Afar',
  ab: 'Abkhazian',
  ae: 'Avestan',
  af: 'Afrikaans',
  ak: 'Akan',
  am: 'Amharic',
  an: 'Aragonese',
  ar: 'Arabic',
  as: 'Assamese',
  av: 'Avaric',
  ay: 'Aymara',
  az: 'Azerbaijani',
  ba: 'Bashkir',
  be: 'Belarusian',
  bg: 'Bulgarian',
  bi: 'Bislama',
  bm: 'Bambara',
  bn: 'Bangla',
  bo: 'Tibetan',
  br: 'Breton',
  bs: 'Bosnian',
  ca: 'Catalan',
  ce: 'Chechen',
  ch: 'Chamorro',
  co: 'Corsican',
  cr: 'Cree',
  cs: 'Czech',
  cu: 'Church Slavic',
  cv: 'Chuvash',
  cy: 'Welsh',
  da: 'Danish',
  de: 'German',
  dv: 'Divehi',
  dz: 'Dzongkha',
  ee: 'Ewe',
  el: 'Greek',
  en: 'English',
  eo: 'Esperanto',
  es: 'Spanish',
  et: 'Estonian',
  eu: 'Basque',
  fa: 'Persian',
  ff: 'Fula',
  fi: 'Finnish',
  fj: 'Fijian',
  fo: 'Faroese',
  fr: 'French',
  fy: 'Western Frisian',
  ga: 'Irish',
  gd: 'Scottish Gaelic',
  gl: 'Galician',
  gn: 'Guarani',
  gu: 'Gujarati',
  gv: 'Manx',
  ha: 'Hausa',
  he: 'Hebrew',
  hi: 'Hindi',
  ho: 'Hiri Motu',
  hr: 'Croatian',
  ht: 'Haitian Creole',
  hu: 'Hungarian',
  hy: 'Armenian',
  hz: 'Herero',
  ia: 'Interlingua',
  id: 'Indonesian',
  ie: 'Interlingue',
  ig: 'Igbo',
  ii: 'Sichuan Yi',
  ik: 'Inupiaq',
  io: 'Ido',
  is: 'Icelandic',
  it: 'Italian',
  iu: 'Inuktitut',
  ja: 'Japanese',
  jv: 'Javanese',
  ka: 'Georgian',
  kg: 'Kongo',
  ki: 'Kikuyu',
  kj: 'Kuanyama',
  kk: 'Kazakh',
  kl: 'Kalaallisut',
  km: 'Khmer',
  kn: 'Kannada',
  ko: 'Korean',
  kr: 'Kanuri',
  ks: 'Kashmiri',
  ku: 'Kurdish',
  kv: 'Komi',
  kw: 'Cornish',
  ky: 'Kyrgyz',
  la: 'Latin',
  lb: 'Luxembourgish',
  lg: 'Ganda',
  li: 'Limburgish',
  ln: 'Lingala',
  lo: 'Lao',
  lt: 'Lithuanian',
  lu: 'Luba-Katanga',
  lv: 'Latvian',
  mg: 'Malagasy',
  mh: 'Marshallese',
  mi: 'Māori',
  mk: 'Macedonian',
  ml: 'Malayalam',
  mn: 'Mongolian',
  mr: 'Marathi',
  ms: 'Malay',
  mt: 'Maltese',
  my: 'Burmese',
  na: 'Nauru',
  nb: 'Norwegian Bokmål',
  nd: 'North Ndebele',
  ne: 'Nepali',
  ng: 'Ndonga',
  nl: 'Dutch',
  nn: 'Norwegian Nynorsk',
  no: 'Norwegian',
  nr: 'South Ndebele',
  nv: 'Navajo',
  ny: 'Nyanja',
  oc: 'Occitan',
  oj: 'Ojibwa',
  om: 'Oromo',
  or: 'Odia',
  os: 'Ossetic',
  pa: 'Punjabi',
  pi: 'Pali',
  pl: 'Polish',
  ps: 'Pashto',
  pt: 'Portuguese',
  qu: 'Quechua',
  rm: 'Romansh',
  rn: 'Kirundi',
  ro: 'Romanian',
  ru: 'Russian',
  rw: 'Kinyarwanda',
  sa: 'Sanskrit',
  sc: 'Sardinian',
  sd: 'Sindhi',
  se: 'Northern Sami',
  sg: 'Sango',
  si: 'Sinhala',
  sk: 'Slovak',
  sl: 'Slovenian',
  sm: 'Samoan',
  sn: 'Shona',
  so: 'Somali',
  sq: 'Albanian',
  sr: 'Serbian',
  ss: 'Swati',
  st: 'Southern Sotho',
  su: 'Sundanese',
  sv: 'Swedish',
  sw: 'Swahili',
  ta: 'Tamil',
  te: 'Telugu',
  tg: 'Tajik',
  th: 'Thai',
  ti: 'Tigrinya',
  tk: 'Turkmen',
  tl: 'Tagalog',
  tn: 'Tswana',
  to: 'Tongan',
  tr: 'Turkish',
  ts: 'Tsonga',
  tt: 'Tatar',
  tw: 'Twi',
  ty: 'Tahitian',
  ug: 'Uyghur',
  uk: 'Ukrainian',
  ur: 'Urdu',
  uz: 'Uzbek',
  ve: 'Venda',
  vi: 'Vietnamese',
  vo: 'Volapük',
  wa: 'Walloon',
  wo: 'Wolof',
  xh: 'Xhosa',
  yi: 'Yiddish',
  yo: 'Yoruba',
  za: 'Zhuang',
  zh: 'Chinese',
  zu: 'Zulu',
  // ISO 639-3 only: Mayan languages of Guatemala, Dinka and Nuer of South Sudan, Dari.
  quc: 'Kʼicheʼ',
  mam: 'Mam',
  kek: 'Qʼeqchiʼ',
  cak: 'Kaqchikel',
  din: 'Dinka',
  nus: 'Nuer',
  prs: 'Dari',
  // Kinyamulenge (Banyamulenge of South Kivu) has no ISO 639 code of its own.
  'rw-x-kinyamulenge': 'Kinyamulenge',
};

export const LANGUAGE_CODES: readonly string[] = Object.keys(ENGLISH_NAMES);

export function isKnownLanguage(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(ENGLISH_NAMES, code);
}

function isPrivateUse(code: string): boolean {
  return code.includes('-x-');
}

const displayNamesCache = new Map<string, Intl.DisplayNames | null>();

function displayNames(locale: string): Intl.DisplayNames | null {
  let names = displayNamesCache.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'none' });
    } catch {
      names = null;
    }
    displayNamesCache.set(locale, names);
  }
  return names;
}

/** The runtime's (or the English) name of a code, before telling apart codes that share one. */
function plainName(code: string, locale: string): string {
  if (!isPrivateUse(code)) {
    try {
      const localized = displayNames(locale)?.of(code);
      if (localized && localized !== code) return localized;
    } catch {
      // A code Intl rejects as malformed still deserves its English name below.
    }
  }
  return ENGLISH_NAMES[code] ?? code;
}

const labelCache = new Map<string, ReadonlyMap<string, string>>();

/**
 * Every known language's name in `locale`, unique: recent CLDR data names
 * both Akan (ak) and Twi (tw) "Akan", so a code whose name another code also
 * has gets its own English name after it: "Akan (Twi)".
 */
function labelsFor(locale: string): ReadonlyMap<string, string> {
  const cached = labelCache.get(locale);
  if (cached) return cached;
  const plain = LANGUAGE_CODES.map((code) => [code, plainName(code, locale)] as const);
  const counts = new Map<string, number>();
  for (const [, name] of plain) {
    const key = name.toLocaleLowerCase(locale);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const labels = new Map<string, string>();
  for (const [code, name] of plain) {
    if ((counts.get(name.toLocaleLowerCase(locale)) ?? 0) < 2) {
      labels.set(code, name);
      continue;
    }
    // The code the runtime's name belongs to keeps it; the others say which one they are.
    const english = ENGLISH_NAMES[code];
    labels.set(code, english && english.toLocaleLowerCase('en') !== name.toLocaleLowerCase(locale) ? `${name} (${english})` : name);
  }
  labelCache.set(locale, labels);
  return labels;
}

/** The language's name in the interface language `locale`, else in English, else the code; never one another code has. */
export function languageName(code: string, locale: string): string {
  return labelsFor(locale).get(code) ?? plainName(code, locale);
}
export interface LanguageOption {
  code: string;
  name: string;
}

/** Common languages in their agreed order, then every other language sorted by its localized name. */
export function languageOptions(locale: string): { common: LanguageOption[]; all: LanguageOption[] } {
  const collator = new Intl.Collator(locale);
  const common = COMMON_LANGUAGE_CODES.map((code) => ({ code, name: languageName(code, locale) }));
  const commonSet = new Set<string>(COMMON_LANGUAGE_CODES);
  const all = LANGUAGE_CODES.filter((code) => !commonSet.has(code))
    .map((code) => ({ code, name: languageName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return { common, all };
}
