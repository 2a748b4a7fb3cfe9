import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { parseQuery, ValidationFailedError } from '../../src/http/validation';

class LimitQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

/** Queries found valid are kept (the catalog is asked the same few again and again); what is kept must not leak between callers. */
describe('parseQuery', () => {
  it('gives each caller its own instance of a query it has seen, transformed as the first time', async () => {
    const first = await parseQuery(LimitQuery, { limit: '20' });
    first.limit = 99;
    const second = await parseQuery(LimitQuery, { limit: '20' });
    const third = await parseQuery(LimitQuery, { limit: '20' });
    expect(second).toBeInstanceOf(LimitQuery);
    expect(second.limit).toBe(20);
    second.limit = 1;
    expect(third.limit).toBe(20);
    expect(third).not.toBe(second);
  });

  it('refuses an invalid query every time, and keeps none of it', async () => {
    await parseQuery(LimitQuery, { limit: '5' });
    for (let i = 0; i < 2; i++) await expect(parseQuery(LimitQuery, { limit: '500' })).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(parseQuery(LimitQuery, { limit: '5', other: 'x' })).rejects.toBeInstanceOf(ValidationFailedError);
  });
});
