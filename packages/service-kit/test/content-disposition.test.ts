import { contentDisposition, parseRange, safeContentType } from '../src/content-disposition';

describe('contentDisposition', () => {
  it.each([
    ['report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    [
      'счёт №5.pdf',
      `attachment; filename="____ _5.pdf"; filename*=UTF-8''%D1%81%D1%87%D1%91%D1%82%20%E2%84%965.pdf`,
    ],
    ['../../etc/passwd', `attachment; filename="passwd"; filename*=UTF-8''passwd`],
    ['C:\\Users\\x\\a;b".txt', `attachment; filename="a_b_.txt"; filename*=UTF-8''a%3Bb%22.txt`],
    [
      'evil\r\nSet-Cookie: x=1',
      `attachment; filename="evilSet-Cookie: x=1"; filename*=UTF-8''evilSet-Cookie%3A%20x%3D1`,
    ],
    ['', `attachment; filename="attachment"; filename*=UTF-8''attachment`],
  ])('%j', (name, header) => {
    expect(contentDisposition(name)).toBe(header);
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, undefined],
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=5-', { start: 5, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=90-500', { start: 90, end: 99 }],
    ['bytes=100-', 'unsatisfiable'],
    ['bytes=9-3', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-1,5-6', undefined],
    ['items=0-1', undefined],
  ])('%s', (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected);
  });
});

it('keeps well-formed media types and replaces anything else', () => {
  expect(safeContentType('Image/PNG')).toBe('image/png');
  expect(safeContentType('text/html\r\nX-Evil: 1')).toBe('application/octet-stream');
  expect(safeContentType('')).toBe('application/octet-stream');
});
