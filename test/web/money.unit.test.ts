import { formatMoney, inMajorUnits, toMinorUnits } from '../../web/src/api/money';

describe('money in the web app', () => {
  it('reads a typed amount in the currency\'s own unit, however many digits its minor unit has', () => {
    expect(toMinorUnits('12.50', 'EUR')).toBe(1250);
    expect(toMinorUnits('12,5', 'EUR')).toBe(1250);
    expect(toMinorUnits('12', 'EUR')).toBe(1200);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    expect(toMinorUnits('1.5', 'BHD')).toBe(1500);
    expect(toMinorUnits('1.505', 'BHD')).toBe(1505);
  });

  it('refuses what is no amount of that currency: a fraction of a yen, a third digit of cents', () => {
    expect(toMinorUnits('15.5', 'JPY')).toBeNull();
    expect(toMinorUnits('12.505', 'EUR')).toBeNull();
    expect(toMinorUnits('twelve', 'EUR')).toBeNull();
    expect(toMinorUnits('-3', 'EUR')).toBeNull();
  });

  it('shows an amount in the currency\'s own unit, in a form field and as money', () => {
    expect(inMajorUnits({ amount: 1250, currency: 'EUR' })).toBe('12.50');
    expect(inMajorUnits({ amount: 1500, currency: 'JPY' })).toBe('1500');
    expect(inMajorUnits({ amount: 1505, currency: 'BHD' })).toBe('1.505');
    // The browser's locale decides the rest of the format; the amount is what must be right.
    expect(formatMoney({ amount: 1500, currency: 'JPY' })).toMatch(/1,500(?!\.)/);
    expect(formatMoney({ amount: 5349, currency: 'EUR' })).toMatch(/53\.49/);
    expect(formatMoney(undefined)).toBe('');
  });

  it('round-trips every amount shown in a field', () => {
    for (const currency of ['EUR', 'JPY', 'BHD']) {
      for (const amount of [0, 1, 9, 10, 99, 100, 1234, 100000]) expect(toMinorUnits(inMajorUnits({ amount, currency }), currency)).toBe(amount);
    }
  });
});
