import { scrollToShow, visibleRows } from './virtual';

describe('The virtual list', () => {
  it('should draw only the rows in view and a few beyond, whatever the length of the list', () => {
    const { start, end } = visibleRows(96 * 5_000, 600, 96, 10_000);

    expect(start).toBeGreaterThan(4_980);
    expect(end - start).toBeLessThan(30);
    expect(visibleRows(0, 600, 96, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(0, 600, 96, 0)).toEqual({ start: 0, end: 0 });
  });

  it('should scroll as little as possible to show a row, and not at all when it is in view', () => {
    expect(scrollToShow(10, 0, 600, 96)).toBe(96 * 11 - 600);
    expect(scrollToShow(2, 960, 600, 96)).toBe(192);
    expect(scrollToShow(3, 0, 600, 96)).toBe(0);
  });
});
