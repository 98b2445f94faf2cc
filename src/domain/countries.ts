/**
 * Countries for nationality and destination: ISO 3166-1 alpha-2 codes, named in
 * the interface language by Intl.DisplayNames. XK (Kosovo) is a user-assigned
 * code in wide humanitarian use (UNHCR, IOM) and is included.
 */
const ISO_3166_CODES = `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL
BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE
NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA
UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW`;

export const COUNTRY_CODES: readonly string[] = ISO_3166_CODES.split(/\s+/).filter(Boolean);

/** Nationalities most often registered at the welcome center, offered first. */
export const COMMON_COUNTRY_CODES = [
  'GT',
  'HN',
  'SV',
  'MX',
  'VE',
  'CO',
  'EC',
  'NI',
  'CU',
  'HT',
  'CD',
  'BI',
  'RW',
  'SO',
  'ER',
  'ET',
  'SD',
  'SS',
  'AF',
  'UA',
] as const;

const COUNTRY_SET = new Set(COUNTRY_CODES);

export function isKnownCountry(code: string): boolean {
  return COUNTRY_SET.has(code);
}

const displayNamesCache = new Map<string, Intl.DisplayNames | null>();

function displayNames(locale: string): Intl.DisplayNames | null {
  let names = displayNamesCache.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'none' });
    } catch {
      names = null;
    }
    displayNamesCache.set(locale, names);
  }
  return names;
}

/** The country's name in the interface language, or its code when the runtime has no name for it. */
export function countryName(code: string, locale: string): string {
  try {
    return displayNames(locale)?.of(code) ?? code;
  } catch {
    return code;
  }
}

export interface CountryOption {
  code: string;
  name: string;
}

/**
 * Common countries in their agreed order, then every other country sorted by
 * its localized name: each country is offered once, so a picker never lists
 * "Afghanistan" in both groups.
 */
export function countryOptions(locale: string): { common: CountryOption[]; all: CountryOption[] } {
  const collator = new Intl.Collator(locale);
  const common = COMMON_COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) }));
  const commonSet = new Set<string>(COMMON_COUNTRY_CODES);
  const all = COUNTRY_CODES.filter((code) => !commonSet.has(code))
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return { common, all };
}
