// Builds one column straight from its cells' bytes, inferring its type while the file streams past.
//
// The rule, per column:
// 1. While young (fewer than SETTLE_PRESENT present cells), cells are dictionary-coded by their bytes and each
//    distinct text is classified once (number, integer, boolean word, ISO date). Nothing is final yet, and
//    every text can still be recovered exactly.
// 2. When the column reaches SETTLE_PRESENT present cells, it takes the type whose cells make up at least
//    95% of them (number → integer if all are integers else float; boolean with one vocabulary; datetime),
//    or stays coded. The young codes are converted; cells that do not read as the type become invalid.
// 3. From then on the type is kept: numbers are parsed from the bytes, booleans matched as bytes, coded
//    columns looked up by bytes. A cell that does not read as the type is invalid: missing in the table,
//    counted, and the first INVALID_EXAMPLES kept with row and text. The one exception is integer → float,
//    which loses nothing and so widens the column instead.
// 4. A column that ends young (small files) takes the narrowest type that reads every present cell, with no
//    tolerance, as a whole-column inference would.
// 5. A settled column whose invalid cells end up over 5% of its present cells was misjudged from its start
//    (the data changed character later in the file); `misjudged` says so, and the loader reads it again as text.
// Every non-missing text therefore either reads as the column's type or is counted as invalid: none is
// dropped or altered silently. A type chosen by the user replaces step 2's choice; its failures are invalid,
// never re-read, and `inferred` still reports what inference would have chosen from the young cells.

import type { Column, ColumnType, InvalidCells } from '../table/table.ts';
import { ByteDictionary, type DictionaryEntries } from './byte-dictionary.ts';
import { DECIMAL, INTEGER, NOT_PLAIN, readDecimal } from './decimal-bytes.ts';
import { Float64Blocks, Int32Blocks } from './growable-array.ts';
import type { ValueDecoder } from './text-decoding.ts';
import {
  TRUE_FALSE,
  WORD_FALSE,
  WORD_NO,
  WORD_TRUE,
  WORD_YES,
  YES_NO,
  booleanWord,
  chooseType,
  codedType,
  isIntegerText,
  isNumericType,
  parseIsoDate,
  presentText,
  readNumberText,
  type TypeTally,
} from './type-rules.ts';

/** Present cells after which a column's type is settled. */
export const SETTLE_PRESENT = 10_000;
/** Share of a settled column's present cells that may fail its type. */
export const MAX_INVALID_SHARE = 0.05;
/** Invalid cells kept, with their row and text, to show the user. */
export const INVALID_EXAMPLES = 20;

// Modes (plain constants rather than an enum, so the file also runs under type-stripping loaders).
const YOUNG = 0;
const NUMBER = 1;
const BOOLEAN = 2;
const DATETIME = 3;
const CODED = 4;
const SKIP = 5;
type Mode = 0 | 1 | 2 | 3 | 4 | 5;

// What a young dictionary entry reads as; the boolean words are type-rules' bits 1–8.
const E_NUMBER = 16;
const E_INTEGER = 32;
const E_DATE = 64;
const WORDS = TRUE_FALSE | YES_NO;
const TRUTHY = WORD_TRUE | WORD_YES;

export interface ColumnBuilderOptions {
  /** A type chosen by the user. */
  type?: ColumnType;
  /** Read every cell as text from the start (a re-read of a misjudged column); the coded type is inferred. */
  codedOnly?: boolean;
  /** Ignore the cells: the column is not wanted from this pass. */
  skip?: boolean;
}

/**
 * A column's state once its type is settled, for building a later part of the file elsewhere (another
 * worker) exactly as this builder would go on: see ColumnBuilder.plan and ColumnBuilder.absorb.
 */
export interface ColumnPlan {
  /** 'raw' for a column still young: its part keeps every cell's bytes, to be added here one by one. */
  mode: 'number' | 'boolean' | 'datetime' | 'coded' | 'skip' | 'raw';
  type: ColumnType | null;
  forced?: ColumnType;
  inferred: ColumnType | null;
  vocabulary: number;
}

/** What a builder made from a plan holds at the end of its part of the file, as plain (transferable) arrays. */
export type ColumnPart =
  | { kind: 'skip'; rows: number }
  | {
      kind: 'values';
      /** In blocks, as built (see Float64Blocks.takeBlocks): no copy is made to hand them over. */
      values: Float64Array[];
      missing: number;
      /** 'float' when an integer column widened in this part. */
      type: ColumnType | null;
      invalidCount: number;
      /** Rows counted from the part's first row. */
      examples: { row: number; text: string }[];
    }
  | {
      /** 'codes': a settled coded column; 'raw': a young one, whose cells the head adds one by one. */
      kind: 'codes' | 'raw';
      codes: Int32Array[];
      missing: number;
      entries: DictionaryEntries;
      /** Present cells per code. */
      counts: Int32Array;
    };

export interface BuiltColumn {
  column: Column;
  /** The type inference chose (for a user-chosen type, from the column's young cells). */
  inferred: ColumnType;
}

export class ColumnBuilder {
  readonly name: string;
  /** Known after finish: whether the column settled on a type that over MAX_INVALID_SHARE of its cells failed. */
  misjudged = false;
  /** Missing cells so far; counted rather than present ones, which are the many, to keep the hot path short. */
  private missing = 0;
  /** Cells added while skipping (other modes count their stored cells). */
  private skipped = 0;
  private mode: Mode = YOUNG;
  /** The type being built once settled (for coded columns: the user's, else decided at the end). */
  private type: ColumnType | null = null;
  private readonly forced: ColumnType | undefined;
  private inferred: ColumnType | null = null;
  /** Whether the type was chosen with tolerance, so that invalid cells may mean it was misjudged. */
  private settledWithTolerance = false;
  private readonly decoder: ValueDecoder;
  /** Made from a young column's plan: collects the cells for that column's builder to add (see absorb). */
  private raw = false;

  private dict: ByteDictionary | null = null;
  private codes: Int32Blocks | null = null;
  /** Present cells per dictionary code. */
  private counts = new Int32Array(0);
  /** Per young dictionary entry: E_* and word bits, and the number or date it reads as. */
  private kinds = new Uint8Array(0);
  private entryValues = new Float64Array(0);

  private values: Float64Blocks | null = null;
  /** Boolean words accepted (a vocabulary's bits), when building a boolean column. */
  private vocabulary = 0;
  /** Where readDecimal writes a number that is only looked at. */
  private readonly scratch = new Float64Array(1);
  private invalidCount = 0;
  private readonly examples: { row: number; text: string }[] = [];

  constructor(name: string, decoder: ValueDecoder, options: ColumnBuilderOptions = {}) {
    this.name = name;
    this.decoder = decoder;
    this.forced = options.type;
    if (options.skip) {
      this.mode = SKIP;
      return;
    }
    this.dict = new ByteDictionary(decoder);
    this.codes = new Int32Blocks();
    this.counts = new Int32Array(16);
    if (options.codedOnly) this.mode = CODED;
    else this.kinds = new Uint8Array(16);
    this.entryValues = new Float64Array(this.kinds.length);
  }

  /**
   * A builder for a later part of the file that goes on as the builder whose plan() this is would: same
   * type, vocabulary and tolerance. A young column's plan makes a builder that only collects the cells
   * (as dictionary codes of their bytes), to be added to the first builder one by one by absorb.
   */
  static fromPlan(name: string, decoder: ValueDecoder, plan: ColumnPlan): ColumnBuilder {
    const builder = new ColumnBuilder(name, decoder, {
      type: plan.forced,
      skip: plan.mode === 'skip',
      codedOnly: plan.mode === 'coded' || plan.mode === 'raw',
    });
    builder.inferred = plan.inferred;
    if (plan.mode === 'skip' || plan.mode === 'coded' || plan.mode === 'raw') {
      builder.raw = plan.mode === 'raw';
      builder.type = plan.mode === 'coded' ? plan.type : null;
      return builder;
    }
    builder.mode = plan.mode === 'number' ? NUMBER : plan.mode === 'boolean' ? BOOLEAN : DATETIME;
    builder.type = plan.type;
    builder.vocabulary = plan.vocabulary;
    builder.values = new Float64Blocks();
    builder.dict = null;
    builder.codes = null;
    builder.counts = new Int32Array(0);
    builder.kinds = new Uint8Array(0);
    builder.entryValues = new Float64Array(0);
    return builder;
  }

  /** The state another builder needs to go on from here (see fromPlan). */
  plan(): ColumnPlan {
    const mode = this.mode;
    return {
      mode: mode === YOUNG ? 'raw' : mode === NUMBER ? 'number' : mode === BOOLEAN ? 'boolean' : mode === DATETIME ? 'datetime' : mode === CODED ? 'coded' : 'skip',
      type: this.type,
      ...(this.forced !== undefined ? { forced: this.forced } : {}),
      inferred: this.inferred,
      vocabulary: this.vocabulary,
    };
  }

  /** What this builder (made by fromPlan) holds, for absorb; the builder is emptied. */
  part(): ColumnPart {
    if (this.mode === SKIP) return { kind: 'skip', rows: this.skipped };
    if (this.mode === CODED) {
      const dict = this.dict as ByteDictionary;
      const part: ColumnPart = {
        kind: this.raw ? 'raw' : 'codes',
        codes: (this.codes as Int32Blocks).takeBlocks(),
        missing: this.missing,
        entries: dict.entries(),
        counts: this.counts.slice(0, dict.size),
      };
      this.dict = null;
      this.codes = null;
      return part;
    }
    const part: ColumnPart = {
      kind: 'values',
      values: (this.values as Float64Blocks).takeBlocks(),
      missing: this.missing,
      type: this.type,
      invalidCount: this.invalidCount,
      examples: this.examples.slice(),
    };
    this.values = null;
    return part;
  }

  /**
   * Adds the cells of the next part of the file, built from this builder's plan() by another builder, as if
   * they had been added here: the same values, dictionary codes in order of first appearance, counts,
   * invalid cells (with their rows), and widening. `part` is taken over (its arrays may be detached).
   */
  absorb(part: ColumnPart): void {
    if (part.kind === 'skip') {
      this.skipped += part.rows;
      return;
    }
    if (part.kind === 'raw') {
      const { bytes, offsets, lengths } = part.entries;
      for (const codes of part.codes) {
        for (let i = 0; i < codes.length; i++) {
          const code = codes[i];
          if (code < 0) this.add(bytes, 0, 0);
          else this.add(bytes, offsets[code], offsets[code] + lengths[code]);
        }
      }
      return;
    }
    if (part.kind === 'values') {
      if (this.values === null) throw new Error(`ColumnBuilder.absorb: values for column ${this.name} in another mode`);
      const rowOffset = this.rows;
      for (const block of part.values) this.values.append(block);
      this.missing += part.missing;
      this.invalidCount += part.invalidCount;
      for (const e of part.examples) {
        if (this.examples.length >= INVALID_EXAMPLES) break;
        this.examples.push({ row: e.row + rowOffset, text: e.text });
      }
      if (part.type === 'float' && this.type === 'integer' && this.forced === undefined) {
        this.type = 'float';
        this.inferred = 'float';
      }
      return;
    }
    if (this.mode !== CODED) throw new Error(`ColumnBuilder.absorb: codes for column ${this.name} in another mode`);
    const dict = this.dict as ByteDictionary;
    const { bytes, offsets, lengths, values } = part.entries;
    const remap = new Int32Array(values.length);
    for (let j = 0; j < values.length; j++) {
      const size = dict.size;
      const code = dict.code(bytes, offsets[j], offsets[j] + lengths[j], values[j]);
      if (code === size) this.newEntry(code);
      this.counts[code] += part.counts[j];
      remap[j] = code;
    }
    for (const codes of part.codes) {
      for (let i = 0; i < codes.length; i++) {
        const c = codes[i];
        if (c >= 0) codes[i] = remap[c];
      }
      (this.codes as Int32Blocks).append(codes);
    }
    this.missing += part.missing;
  }

  /** Cells added so far, missing included (until finish). */
  get rows(): number {
    if (this.values !== null) return this.values.length;
    if (this.codes !== null) return this.codes.length;
    return this.skipped;
  }

  /** Whether the column's type is still to be settled. */
  get young(): boolean {
    return this.mode === YOUNG;
  }

  /** Present (non-missing) cells so far, invalid ones included. */
  get present(): number {
    return this.rows - this.missing;
  }

  /** Adds the next row's cell, whose text is bytes [start, end) (quotes already removed). */
  add(buf: Uint8Array, start: number, end: number): void {
    const mode = this.mode;
    if (mode === NUMBER && start < end) {
      // The hot path: a plain decimal (no spaces, so nothing to trim) parsed from the bytes into the column.
      const values = this.values as Float64Blocks;
      const kind = readDecimal(buf, start, end, values.reserve(), values.used);
      if (kind === INTEGER || (kind === DECIMAL && this.type !== 'integer')) return values.commit();
    } else if (mode === SKIP) {
      this.skipped++;
      return;
    }
    let a = start;
    let b = end;
    while (a < b && isSpace(buf[a])) a++;
    while (b > a && isSpace(buf[b - 1])) b--;
    if (a === b) return this.addMissing();
    const first = buf[a];
    if (first >= 0x80 || buf[b - 1] >= 0x80) return this.addNonAsciiEdged(buf, start, end, a, b);
    if (b - a <= 4 && (first | 32) === 110 && isMissingToken(buf, a, b)) return this.addMissing();
    if (mode === YOUNG) return this.addYoung(buf, start, end, a, b);
    if (mode === CODED) return this.addCode(buf, start, end, null);
    this.addPresent(buf, start, end, a, b, null, null);
  }

  /**
   * A cell with a non-ASCII byte at an edge once ASCII spaces are trimmed. That may be Unicode whitespace
   * around a missing token, so it is judged as a string, as type-rules does. A dictionary-coded column first
   * looks the bytes up, so a value seen before is not decoded again; other columns decode it once.
   */
  private addNonAsciiEdged(buf: Uint8Array, start: number, end: number, a: number, b: number): void {
    const dict = this.dict;
    if (dict !== null) {
      // Only present texts enter the dictionary, so a known one is present.
      const known = dict.find(buf, start, end);
      if (known >= 0) return this.countCode(known);
    }
    const raw = this.decoder.decode(buf, start, end);
    const text = presentText(raw);
    if (text === null) return this.addMissing();
    if (dict !== null) return this.addCode(buf, start, end, raw);
    this.addPresent(buf, start, end, a, b, text, raw);
  }

  /**
   * A present cell of a typed column, bytes [start, end) trimmed to [a, b). When the cell was decoded already
   * (non-ASCII edges), `text` is its trimmed text and `raw` its text as written; else both are null.
   */
  private addPresent(buf: Uint8Array, start: number, end: number, a: number, b: number, text: string | null, raw: string | null): void {
    const mode = this.mode;
    const values = this.values as Float64Blocks;
    const row = values.length;
    if (mode === NUMBER) {
      const block = values.reserve();
      let kind = text === null ? readDecimal(buf, a, b, block, values.used) : NOT_PLAIN;
      let v = block[values.used];
      if (kind === NOT_PLAIN) {
        const t = text ?? this.decoder.decode(buf, a, b);
        v = readNumberText(t);
        if (v !== v) return this.addInvalid(row, raw ?? this.decoder.decode(buf, start, end));
        kind = isIntegerText(t, v) ? INTEGER : DECIMAL;
      }
      if (kind === DECIMAL && this.type === 'integer') {
        if (this.forced === undefined) {
          // Integer to float loses nothing: the column widens rather than fail the cell.
          this.type = 'float';
          this.inferred = 'float';
        } else if (!Number.isSafeInteger(v)) {
          return this.addInvalid(row, raw ?? this.decoder.decode(buf, start, end));
        }
      }
      return values.push(v);
    }
    if (mode === BOOLEAN) {
      const word = text === null ? wordBytes(buf, a, b) : booleanWord(text);
      if (word & this.vocabulary) return values.push(word & TRUTHY ? 1 : 0);
      if (this.forced !== undefined) {
        // A user-chosen boolean also reads 0 and 1.
        const v = text === null && readDecimal(buf, a, b, this.scratch, 0) !== NOT_PLAIN ? this.scratch[0] : readNumberText(text ?? this.decoder.decode(buf, a, b));
        if (v === 0 || v === 1) return values.push(v);
      }
      return this.addInvalid(row, raw ?? this.decoder.decode(buf, start, end));
    }
    const ms = parseIsoDate(text ?? this.decoder.decode(buf, a, b));
    if (ms === null) this.addInvalid(row, raw ?? this.decoder.decode(buf, start, end));
    else values.push(ms);
  }

  /** The column, its type settled (young columns decide now, with no tolerance). */
  finish(): BuiltColumn | null {
    if (this.mode === SKIP) return null;
    if (this.mode === YOUNG) this.settle(0);
    if (this.mode === CODED) {
      const dictionary = (this.dict as ByteDictionary).values;
      const subtype = this.codedSubtype();
      const type = this.type ?? subtype;
      const codes = (this.codes as Int32Blocks).take();
      this.dict = null;
      this.codes = null;
      if (type !== 'categorical' && type !== 'text' && type !== 'identifier') throw new Error(`coded column with type ${type}`);
      return {
        column: { kind: 'coded', name: this.name, type, codes, dictionary, ...this.invalidPart() },
        inferred: this.inferred ?? subtype,
      };
    }
    const type = this.type;
    if (type !== 'integer' && type !== 'float' && type !== 'boolean' && type !== 'datetime') throw new Error(`numeric column with type ${type}`);
    this.misjudged = this.settledWithTolerance && this.invalidCount > MAX_INVALID_SHARE * this.present;
    const values = (this.values as Float64Blocks).take();
    this.values = null;
    return {
      column: { kind: 'numeric', name: this.name, type, values, ...this.invalidPart() },
      inferred: this.inferred ?? type,
    };
  }

  /** Identifier, text or categorical, from the dictionary so far. */
  private codedSubtype(): 'categorical' | 'text' | 'identifier' {
    const dictionary = (this.dict as ByteDictionary).values;
    const counts = this.counts;
    let totalLength = 0;
    for (let code = 0; code < dictionary.length; code++) totalLength += counts[code] * dictionary[code].length;
    return codedType({
      present: this.present,
      distinct: dictionary.length,
      totalLength,
      spaced: () => dictionary.reduce((n, v) => n + (/\s/.test(v.trim()) ? 1 : 0), 0),
    });
  }

  private invalidPart(): { invalid?: InvalidCells } {
    return this.invalidCount > 0 ? { invalid: { count: this.invalidCount, examples: this.examples } } : {};
  }

  private addMissing(): void {
    this.missing++;
    if (this.mode === YOUNG || this.mode === CODED) (this.codes as Int32Blocks).push(-1);
    else (this.values as Float64Blocks).push(NaN);
  }

  /** A cell that fails the column's type: missing in the table, counted, the first few kept with their text. */
  private addInvalid(row: number, raw: string): void {
    this.invalidCount++;
    if (this.examples.length < INVALID_EXAMPLES) this.examples.push({ row, text: raw });
    (this.values as Float64Blocks).push(NaN);
  }

  /** A present cell of a dictionary-coded column; `raw` is its text when already decoded. */
  private addCode(buf: Uint8Array, start: number, end: number, raw: string | null): void {
    const dict = this.dict as ByteDictionary;
    const size = dict.size;
    const code = dict.code(buf, start, end, raw);
    if (code === size) this.newEntry(code);
    this.countCode(code);
  }

  /**
   * A present cell with ASCII edges while young, trimmed to [a, b). A new entry that is a plain decimal is
   * classified from its bytes (readDecimal reads what readNumberText would) and its text decoded only if
   * ever needed: most young numbers never are, since their column settles on a number type.
   */
  private addYoung(buf: Uint8Array, start: number, end: number, a: number, b: number): void {
    const dict = this.dict as ByteDictionary;
    const size = dict.size;
    const code = dict.code(buf, start, end, null, true);
    if (code === size) {
      this.makeRoom(code);
      const kind = readDecimal(buf, a, b, this.entryValues, code);
      if (kind !== NOT_PLAIN) this.kinds[code] = E_NUMBER | (kind === INTEGER ? E_INTEGER : 0);
      // Decoded now, as every other new entry is, so texts are decoded in the same order as ever.
      else this.classify(code);
    }
    this.countCode(code);
  }

  private countCode(code: number): void {
    this.counts[code]++;
    (this.codes as Int32Blocks).push(code);
    if (this.mode === YOUNG && this.present === SETTLE_PRESENT) this.settle(MAX_INVALID_SHARE);
  }

  /** Makes room for a new dictionary entry and, while young, classifies its text once. */
  private newEntry(code: number): void {
    this.makeRoom(code);
    if (this.mode === YOUNG) this.classify(code);
  }

  private makeRoom(code: number): void {
    if (code === this.counts.length) {
      const grown = Math.ceil(code * 1.5);
      const counts = new Int32Array(grown);
      counts.set(this.counts);
      this.counts = counts;
      if (this.mode === YOUNG) {
        const kinds = new Uint8Array(grown);
        kinds.set(this.kinds);
        this.kinds = kinds;
        const values = new Float64Array(grown);
        values.set(this.entryValues);
        this.entryValues = values;
      }
    }
  }

  /** While young: what a new entry's text reads as (number, boolean word, date), once. */
  private classify(code: number): void {
    const t = presentText((this.dict as ByteDictionary).text(code));
    if (t === null) return;
    const v = readNumberText(t);
    if (v === v) {
      this.kinds[code] = E_NUMBER | (isIntegerText(t, v) ? E_INTEGER : 0);
      this.entryValues[code] = v;
      return;
    }
    const word = booleanWord(t);
    if (word !== 0) {
      this.kinds[code] = word;
      return;
    }
    const ms = parseIsoDate(t);
    if (ms !== null) {
      this.kinds[code] = E_DATE;
      this.entryValues[code] = ms;
    }
  }

  /** Ends the young phase: chooses the type and converts the cells coded so far. */
  private settle(tolerance: number): void {
    const kinds = this.kinds;
    const counts = this.counts;
    const size = (this.dict as ByteDictionary).size;
    const tally: TypeTally = { present: this.present, numbers: 0, integersOnly: true, trueFalse: 0, yesNo: 0, datetimes: 0 };
    for (let code = 0; code < size; code++) {
      const k = kinds[code];
      const n = counts[code];
      if (k & E_NUMBER) {
        tally.numbers += n;
        if (!(k & E_INTEGER)) tally.integersOnly = false;
      } else if (k & TRUE_FALSE) tally.trueFalse += n;
      else if (k & YES_NO) tally.yesNo += n;
      else if (k & E_DATE) tally.datetimes += n;
    }
    const chosen = chooseType(tally, tolerance);
    const target = this.forced ?? (chosen === 'coded' ? null : chosen);
    // A coded column's own kind is decided at the end, over all its values, unless the user's type replaces it.
    if (chosen !== 'coded') this.inferred = chosen;
    else if (target !== null && isNumericType(target)) this.inferred = this.codedSubtype();
    if (target === null || !isNumericType(target)) {
      this.mode = CODED;
      this.type = target;
      this.kinds = new Uint8Array(0);
      this.entryValues = new Float64Array(0);
      return;
    }
    this.settledWithTolerance = tolerance > 0 && this.forced === undefined;
    // Which entries read as the target, and as what.
    const accepted = new Float64Array(size).fill(NaN);
    const forced = this.forced !== undefined;
    const vocabulary = forced ? WORDS : tally.trueFalse >= tally.yesNo ? TRUE_FALSE : YES_NO;
    for (let code = 0; code < size; code++) {
      const k = kinds[code];
      const v = this.entryValues[code];
      if (target === 'integer' || target === 'float') {
        if (k & E_NUMBER && (target === 'float' || !forced || Number.isSafeInteger(v))) accepted[code] = v;
      } else if (target === 'boolean') {
        if (k & vocabulary) accepted[code] = k & TRUTHY ? 1 : 0;
        else if (forced && k & E_NUMBER && (v === 0 || v === 1)) accepted[code] = v;
      } else if (k & E_DATE) {
        accepted[code] = v;
      }
    }
    const codes = this.codes as Int32Blocks;
    const values = new Float64Blocks();
    const dict = this.dict as ByteDictionary;
    for (let row = 0; row < codes.length; row++) {
      const code = codes.get(row);
      if (code < 0) {
        values.push(NaN);
        continue;
      }
      const v = accepted[code];
      if (v === v) values.push(v);
      else {
        this.invalidCount++;
        if (this.examples.length < INVALID_EXAMPLES) this.examples.push({ row, text: dict.text(code) });
        values.push(NaN);
      }
    }
    this.values = values;
    this.type = target;
    this.vocabulary = vocabulary;
    this.mode = target === 'boolean' ? BOOLEAN : target === 'datetime' ? DATETIME : NUMBER;
    this.dict = null;
    this.codes = null;
    this.counts = new Int32Array(0);
    this.kinds = new Uint8Array(0);
    this.entryValues = new Float64Array(0);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Whether trimmed ASCII bytes [a, b) are a missing-value token other than the empty one (NA, N/A, null, NaN, None). */
function isMissingToken(buf: Uint8Array, a: number, b: number): boolean {
  const n = b - a;
  if (n < 2 || (buf[a] | 32) !== 110) return false;
  const c1 = buf[a + 1] | 32;
  if (n === 2) return c1 === 97;
  const c2 = buf[a + 2] | 32;
  if (n === 3) return (c1 === 97 && c2 === 110) || (buf[a + 1] === 47 && c2 === 97);
  const c3 = buf[a + 3] | 32;
  return (c1 === 117 && c2 === 108 && c3 === 108) || (c1 === 111 && c2 === 110 && c3 === 101);
}

/** booleanWord for trimmed ASCII bytes. */
function wordBytes(buf: Uint8Array, a: number, b: number): number {
  const n = b - a;
  if (n < 2 || n > 5) return 0;
  const c0 = buf[a] | 32;
  const c1 = buf[a + 1] | 32;
  if (n === 2) return c0 === 110 && c1 === 111 ? WORD_NO : 0;
  const c2 = buf[a + 2] | 32;
  if (n === 3) return c0 === 121 && c1 === 101 && c2 === 115 ? WORD_YES : 0;
  const c3 = buf[a + 3] | 32;
  if (n === 4) return c0 === 116 && c1 === 114 && c2 === 117 && c3 === 101 ? WORD_TRUE : 0;
  return c0 === 102 && c1 === 97 && c2 === 108 && c3 === 115 && (buf[a + 4] | 32) === 101 ? WORD_FALSE : 0;
}
