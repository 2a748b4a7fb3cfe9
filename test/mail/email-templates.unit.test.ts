import { formatMoney } from '../../src/mail/email-templates';

describe('formatMoney', () => {
  it('shows minor units in each currency, whatever currency came before', () => {
    expect(formatMoney({ amount: 5349, currency: 'EUR' })).toBe('€53.49');
    expect(formatMoney({ amount: 5, currency: 'GBP' })).toBe('£0.05');
    expect(formatMoney({ amount: 120000, currency: 'EUR' })).toBe('€1,200.00');
    expect(formatMoney({ amount: 999, currency: 'USD' })).toBe('US$9.99');
  });

  it('shows a currency with no minor unit, or with three digits of it, as that currency counts', () => {
    expect(formatMoney({ amount: 1500, currency: 'JPY' })).toBe('JP¥1,500');
    expect(formatMoney({ amount: 1500, currency: 'BHD' })).toBe('BHD\u00a01.500');
    expect(formatMoney({ amount: 1505, currency: 'EUR' })).toBe('€15.05');
  });

  it('makes one formatter per currency, not one per amount: making one costs sixty times formatting', () => {
    const made = jest.spyOn(Intl, 'NumberFormat');
    try {
      for (let amount = 0; amount < 50; amount++) formatMoney({ amount, currency: 'CHF' });
      formatMoney({ amount: 1, currency: 'SEK' });
      expect(made.mock.calls.map(([, options]) => options?.currency)).toEqual(['CHF', 'SEK']);
    } finally {
      made.mockRestore();
    }
  });
});
