import { Decimal } from 'decimal.js';
import { isDecimalString } from './decimal.js';

/**
 * The one table of units a quantity or a unit price may be measured in on a new write
 * (issue 15 point 1: "USD 110 per kg" used to be a quantity of "USD" per "kg", unchecked).
 * Stored figures written before the table may hold any unit text: the table judges new
 * commands only, and display falls back to the text as stored.
 *
 * Symbols are case-sensitive and spelled once ("t", never "tonnes") so that equal figures
 * are spelled equally; the common words are known only to suggest the symbol in an error.
 */

export const UNIT_DIMENSIONS = ['mass', 'volume', 'energy', 'power', 'area', 'length', 'securities'] as const;
export type UnitDimension = (typeof UNIT_DIMENSIONS)[number];

export interface UnitDefinition {
  /** The canonical spelling, stored in events and shown in `display`. */
  symbol: string;
  dimension: UnitDimension;
  /** Words for a reader: "tonne" / "tonnes". */
  one: string;
  other: string;
  /**
   * How many of the dimension's base unit one of this is, when that is an exact decimal
   * (1 lb = 0.45359237 kg by definition). Absent: no exact conversion is claimed.
   */
  inBase?: string;
  /** Other spellings a source prints, only ever used to suggest the symbol. */
  aliases?: readonly string[];
}

/** Base units: kg, L, J, W, m², m. */
export const UNITS: readonly UnitDefinition[] = [
  // mass
  { symbol: 'mg', dimension: 'mass', one: 'milligram', other: 'milligrams', inBase: '0.000001' },
  { symbol: 'g', dimension: 'mass', one: 'gram', other: 'grams', inBase: '0.001', aliases: ['gram', 'grams', 'gr'] },
  { symbol: 'kg', dimension: 'mass', one: 'kilogram', other: 'kilograms', inBase: '1', aliases: ['kilogram', 'kilograms', 'kgs', 'kilo', 'kilos'] },
  { symbol: 't', dimension: 'mass', one: 'tonne', other: 'tonnes', inBase: '1000', aliases: ['tonne', 'tonnes', 'metric ton', 'metric tons', 'mt', 'ton', 'tons'] },
  { symbol: 'kt', dimension: 'mass', one: 'thousand tonnes', other: 'thousand tonnes', inBase: '1000000', aliases: ['kilotonne', 'kilotonnes', 'ktons'] },
  { symbol: 'Mt', dimension: 'mass', one: 'million tonnes', other: 'million tonnes', inBase: '1000000000', aliases: ['megatonne', 'megatonnes'] },
  { symbol: 'lb', dimension: 'mass', one: 'pound', other: 'pounds', inBase: '0.45359237', aliases: ['lbs', 'pound', 'pounds'] },
  { symbol: 'oz', dimension: 'mass', one: 'ounce', other: 'ounces', inBase: '0.028349523125', aliases: ['ounce', 'ounces'] },
  { symbol: 'troy oz', dimension: 'mass', one: 'troy ounce', other: 'troy ounces', inBase: '0.0311034768', aliases: ['ozt', 'oz t', 'troy ounce', 'troy ounces'] },
  { symbol: 'short ton', dimension: 'mass', one: 'short ton', other: 'short tons', inBase: '907.18474', aliases: ['st'] },
  { symbol: 'long ton', dimension: 'mass', one: 'long ton', other: 'long tons', inBase: '1016.0469088' },
  // volume
  { symbol: 'L', dimension: 'volume', one: 'litre', other: 'litres', inBase: '1', aliases: ['l', 'litre', 'litres', 'liter', 'liters'] },
  { symbol: 'm3', dimension: 'volume', one: 'cubic metre', other: 'cubic metres', inBase: '1000', aliases: ['m³', 'cubic metre', 'cubic meters'] },
  { symbol: 'bcm', dimension: 'volume', one: 'billion cubic metres', other: 'billion cubic metres', inBase: '1000000000000' },
  { symbol: 'gal', dimension: 'volume', one: 'US gallon', other: 'US gallons', inBase: '3.785411784', aliases: ['gallon', 'gallons'] },
  { symbol: 'bbl', dimension: 'volume', one: 'barrel', other: 'barrels', inBase: '158.987294928', aliases: ['barrel', 'barrels'] },
  // energy (Wh = 3,600 J exactly; J → Wh is exact only when the result is)
  { symbol: 'J', dimension: 'energy', one: 'joule', other: 'joules', inBase: '1' },
  { symbol: 'GJ', dimension: 'energy', one: 'gigajoule', other: 'gigajoules', inBase: '1000000000' },
  { symbol: 'PJ', dimension: 'energy', one: 'petajoule', other: 'petajoules', inBase: '1000000000000000' },
  { symbol: 'kWh', dimension: 'energy', one: 'kilowatt-hour', other: 'kilowatt-hours', inBase: '3600000', aliases: ['kwh'] },
  { symbol: 'MWh', dimension: 'energy', one: 'megawatt-hour', other: 'megawatt-hours', inBase: '3600000000', aliases: ['mwh'] },
  { symbol: 'GWh', dimension: 'energy', one: 'gigawatt-hour', other: 'gigawatt-hours', inBase: '3600000000000', aliases: ['gwh'] },
  { symbol: 'TWh', dimension: 'energy', one: 'terawatt-hour', other: 'terawatt-hours', inBase: '3600000000000000', aliases: ['twh'] },
  { symbol: 'MMBtu', dimension: 'energy', one: 'million British thermal units', other: 'million British thermal units', inBase: '1055055852.62', aliases: ['mmbtu'] },
  // power
  { symbol: 'kW', dimension: 'power', one: 'kilowatt', other: 'kilowatts', inBase: '1000', aliases: ['kw'] },
  { symbol: 'MW', dimension: 'power', one: 'megawatt', other: 'megawatts', inBase: '1000000', aliases: ['mw'] },
  { symbol: 'GW', dimension: 'power', one: 'gigawatt', other: 'gigawatts', inBase: '1000000000', aliases: ['gw'] },
  { symbol: 'MWp', dimension: 'power', one: 'megawatt peak', other: 'megawatts peak', aliases: ['mwp'] },
  // area, length
  { symbol: 'm2', dimension: 'area', one: 'square metre', other: 'square metres', inBase: '1', aliases: ['m²'] },
  { symbol: 'ha', dimension: 'area', one: 'hectare', other: 'hectares', inBase: '10000', aliases: ['hectare', 'hectares'] },
  { symbol: 'km2', dimension: 'area', one: 'square kilometre', other: 'square kilometres', inBase: '1000000', aliases: ['km²'] },
  { symbol: 'm', dimension: 'length', one: 'metre', other: 'metres', inBase: '1' },
  { symbol: 'km', dimension: 'length', one: 'kilometre', other: 'kilometres', inBase: '1000' },
  // What a price per share or a warrant's strike is a price of.
  { symbol: 'share', dimension: 'securities', one: 'share', other: 'shares', inBase: '1', aliases: ['shares'] },
];

/** The periods a rate applies to ("1,000 t per year"). */
export const RATE_PERIODS = ['year', 'month', 'day', 'hour'] as const;
export type RatePeriod = (typeof RATE_PERIODS)[number];

const BY_SYMBOL: ReadonlyMap<string, UnitDefinition> = new Map(UNITS.map((unit) => [unit.symbol, unit]));
/** Every way a source may spell a unit, lower-cased: its symbol, aliases and words. */
const spellingsOf = (unit: UnitDefinition): string[] => [unit.symbol, ...(unit.aliases ?? []), unit.one, unit.other].map((name) => name.toLowerCase());
const BY_ALIAS: ReadonlyMap<string, UnitDefinition> = new Map(UNITS.flatMap((unit) => spellingsOf(unit).map((name) => [name, unit] as const)));

/** A few symbols an error lists, so a caller sees the spelling expected without the whole table. */
export const EXAMPLE_UNITS: readonly string[] = ['t', 'kg', 'troy oz', 'MWh', 'GW', 'm3'];

export function unitOf(symbol: unknown): UnitDefinition | undefined {
  return typeof symbol === 'string' ? BY_SYMBOL.get(symbol) : undefined;
}

export function isKnownUnit(symbol: unknown): boolean {
  return unitOf(symbol) !== undefined;
}

export function isRatePeriod(period: unknown): period is RatePeriod {
  return (RATE_PERIODS as readonly unknown[]).includes(period);
}

/** The table's symbol for a spelling a source printed ("tonnes" → "t"), to suggest it in an error. */
export function suggestUnit(spelling: string): string | undefined {
  return BY_ALIAS.get(spelling.trim().toLowerCase())?.symbol;
}

/**
 * Whether a spelling stored before the table ("kilos", "tonne") names the unit `symbol`. A
 * symbol of the table, spelled exactly, names itself only: "Mt" is never "t", though "mt"
 * may be either (both read it so), and the writer who names one decides.
 */
export function isSpellingOf(spelling: string, symbol: string): boolean {
  const unit = unitOf(symbol);
  if (unit === undefined) return false;
  if (isKnownUnit(spelling)) return spelling === symbol;
  return spellingsOf(unit).includes(spelling.trim().toLowerCase());
}

/** "tonne" / "tonnes"; the text itself for a unit outside the table (a stored v1 figure). */
export function unitWords(symbol: string, plural: boolean): string {
  const unit = unitOf(symbol);
  if (unit === undefined) return symbol;
  return plural ? unit.other : unit.one;
}

// Enough digits that an exact conversion between the table's factors never rounds; the check
// multiplies back with room for every digit, so a rounded quotient cannot pass for exact.
const Exact = Decimal.clone({ precision: 80 });
const Wide = Decimal.clone({ precision: 200 });

/**
 * `amount` of `from` in `to`, when both are in one dimension and the result is an exact
 * decimal (2,000 lb = 907.18474 kg); otherwise undefined, never a rounded figure.
 */
export function convertUnit(amount: string, from: string, to: string): string | undefined {
  const source = unitOf(from);
  const target = unitOf(to);
  if (!isDecimalString(amount) || source?.inBase === undefined || target?.inBase === undefined || source.dimension !== target.dimension) return undefined;
  const inBase = new Exact(amount).times(source.inBase);
  const converted = inBase.dividedBy(target.inBase);
  return new Wide(converted).times(target.inBase).equals(inBase) ? converted.toFixed() : undefined;
}
