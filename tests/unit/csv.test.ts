// Report CSVs: what a spreadsheet reads back is the report's values, and no cell is a formula.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guardCell, toCsv, type Flat } from '#shared/reports/csv.js';

/** RFC 4180 as a spreadsheet reads it: quoted fields, doubled quotes, CRLF between records. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) field += c;
    else if (c === ',') endField();
    else if (c === '\r' && body[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
};

const FORMULA_START = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
const hostile = fc
  .tuple(fc.constantFrom(...FORMULA_START), fc.string({ maxLength: 20 }))
  .map(([a, b]) => a + b);
const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  hostile,
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);

describe('CSV guard', () => {
  it('quotes every would-be formula as text, keeps numbers as numbers, and reads back cell for cell', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.constantFrom('a', 'b', 'c'), value), { maxLength: 6 }),
        (rows: Flat[]) => {
          const parsed = parseCsv(toCsv(rows, ['a', 'b', 'c']));
          expect(parsed[0]).toEqual(['a', 'b', 'c']);
          rows.forEach((row, r) => {
            (['a', 'b', 'c'] as const).forEach((column, c) => {
              const cellText = parsed[r + 1]![c]!;
              const original = row[column];
              if (original === undefined || original === null) expect(cellText).toBe('');
              else if (typeof original !== 'string') expect(cellText).toBe(String(original));
              else if (FORMULA_START.includes(original[0]!) && !/^-?\d+(\.\d+)?$/.test(original))
                expect(cellText).toBe(`'${original}`);
              else expect(cellText).toBe(original);
            });
          });
        },
      ),
    );
  });

  it('guards the classic payloads and leaves negative amounts alone', () => {
    expect(guardCell('=HYPERLINK("http://x","点击")')).toBe('\'=HYPERLINK("http://x","点击")');
    expect(guardCell('\t=1+1')).toBe("'\t=1+1");
    expect(guardCell('\r=1+1')).toBe("'\r=1+1");
    expect(guardCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardCell('＝1+1')).toBe("'＝1+1");
    expect(guardCell(-1234.56)).toBe('-1234.56');
    expect(guardCell('-1234.56')).toBe('-1234.56');
    expect(guardCell('-1+cmd')).toBe("'-1+cmd");
    expect(guardCell('王芳')).toBe('王芳');
  });
});
