import { describe, expect, it } from 'vitest';
import { csvRows, delimitedRows } from '../../../../lambdas/core/dataset/movielens-movies.ts';

describe('csvRows', () => {
  it('drops the header and a BOM, splits plain lines, unquotes quoted fields', () => {
    expect(
      csvRows(
        '\ufeffmovieId,title,genres\r\n1,"Heat, again (1995)",Action\r\n2,"Say ""Hi"" (2000)",\r\n',
        'm.csv',
      ),
    ).toEqual([
      { line: 2, fields: ['1', 'Heat, again (1995)', 'Action'] },
      { line: 3, fields: ['2', 'Say "Hi" (2000)', ''] },
    ]);
  });

  it('keeps a quoted field spanning lines as one row, numbered by its first line', () => {
    expect(csvRows('1,2,"two\nlines",5\n3,4,x,6\n', 't.csv')).toEqual([
      { line: 1, fields: ['1', '2', 'two\nlines', '5'] },
      { line: 3, fields: ['3', '4', 'x', '6'] },
    ]);
  });

  it('does not swallow rows after a literal quote in an unquoted field', () => {
    expect(csvRows('1,2,don"t,5\n3,4,x,6\n\n7,8,y,9\n', 't.csv')).toEqual([
      { line: 1, fields: ['1', '2', 'don"t', '5'] },
      { line: 2, fields: ['3', '4', 'x', '6'] },
      { line: 4, fields: ['7', '8', 'y', '9'] },
    ]);
  });
});

describe('csvRows on malformed quoting', () => {
  it('names the line of a quote that never closes', () => {
    expect(() =>
      csvRows('movieId,title,genres\n1,"Toy Story (1995),Animation\n2,Heat,Action\n', 'movies.csv'),
    ).toThrow('movies.csv line 2: malformed CSV: a quoted field is never closed');
  });

  it('names text after a closing quote', () => {
    expect(() => csvRows('1,"Toy" Story,Animation\n', 'movies.csv')).toThrow(
      'movies.csv line 1: malformed CSV: text after a closing quote at column 8',
    );
  });

  it('reads empty and trailing fields', () => {
    expect(csvRows('1,"",\n', 'x.csv')).toEqual([{ line: 1, fields: ['1', '', ''] }]);
  });
});

describe('delimitedRows', () => {
  it('splits on the delimiter, numbers lines and skips blank ones', () => {
    expect(delimitedRows('1::A (1995)::Drama\r\n\n2::B::\n', '::')).toEqual([
      { line: 1, fields: ['1', 'A (1995)', 'Drama'] },
      { line: 3, fields: ['2', 'B', ''] },
    ]);
  });
});
