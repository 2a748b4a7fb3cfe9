import { useState, type FormEvent } from 'react';
import { api, asCurrency, call, formatMoney, toMinorUnits, type Schemas } from '../api/client';
import { Field, formatDate, StatusBadge, useLoad } from '../ui';
import { OutcomeAlert, runCommand, type Outcome } from './commands';

type Rule = Schemas['PriceRulePage']['items'][number];

function appliesTo(rule: Rule): string {
  const { scope } = rule;
  if ('productCode' in scope) return `Product ${scope.productCode}`;
  if ('categoryId' in scope) return `Category ${scope.categoryId}`;
  if ('vendorId' in scope) return `Vendor ${scope.vendorId.slice(0, 8)}`;
  return 'Everything';
}

const discountOf = (rule: Rule): string => ('percent' in rule.discount ? `${rule.discount.percent} % off` : `${formatMoney(rule.discount.amount)} off each`);

/** A local date and time from the form, as the instant the API takes (with its offset). */
const instant = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/** Price rules: the staff see those in force or to come, define new ones and end them. */
export function PricingPage() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const rules = useLoad(async () => (await call(() => api.GET('/api/price-rules', { params: { query: { status: 'active', limit: 100 } } }))).data?.items ?? [], [outcome]);
  const [form, setForm] = useState({ name: '', appliesTo: 'category', target: '', kind: 'percent', off: '', currency: 'EUR', minQuantity: '1', validFrom: '', validUntil: '' });
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  const define = async (event: FormEvent) => {
    event.preventDefault();
    const amount = form.kind === 'amount' ? toMinorUnits(form.off, form.currency) : null;
    if (form.kind === 'amount' && (amount === null || amount < 1)) return setOutcome({ ok: false, message: 'amountOff: an amount such as 1.50' });
    const target = { product: { productCode: form.target }, category: { categoryId: form.target }, vendor: { vendorId: form.target }, all: {} }[form.appliesTo as 'product' | 'category' | 'vendor' | 'all'];
    const validFrom = instant(form.validFrom);
    const validUntil = instant(form.validUntil);
    const defined = await runCommand(
      (key) =>
        call(() =>
          api.POST('/api/price-rules', {
            params: { header: { 'Idempotency-Key': key } },
            body: {
              name: form.name,
              appliesTo: form.appliesTo as 'all' | 'product' | 'category' | 'vendor',
              ...target,
              ...(form.kind === 'percent' ? { percentOff: Number(form.off) } : { amountOff: { amount: amount!, currency: asCurrency(form.currency) } }),
              minQuantity: Number(form.minQuantity),
              ...(validFrom ? { validFrom } : {}),
              ...(validUntil ? { validUntil } : {}),
            },
          }),
        ),
      `Rule "${form.name}" defined`,
    );
    setOutcome(defined);
  };
  const end = async (rule: Rule) => {
    const reason = window.prompt(`Why does "${rule.name}" end?`, 'Sale over');
    if (!reason) return;
    setOutcome(await runCommand((key) => call(() => api.POST('/api/price-rules/{ruleId}/end', { params: { path: { ruleId: rule.ruleId }, header: { 'Idempotency-Key': key } }, body: { reason } })), `"${rule.name}" ended`));
  };

  return (
    <section>
      <h1>Pricing</h1>
      <p className="muted">Each order line is priced by the one rule that takes most off it; rules do not add up. The storefront shows each price with its rule, and until when it holds.</p>
      <OutcomeAlert outcome={outcome} />
      {rules.value?.length === 0 ? <p>No price rule is in force or to come.</p> : null}
      <table>
        <caption className="visually-hidden">Price rules in force or to come, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Applies to</th>
            <th scope="col">Discount</th>
            <th scope="col">From quantity</th>
            <th scope="col">When</th>
            <th scope="col">Status</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {(rules.value ?? []).map((rule) => (
            <tr key={`${rule.ruleId}-${rule.status}`}>
              <td>{rule.name}</td>
              <td>{appliesTo(rule)}</td>
              <td>{discountOf(rule)}</td>
              <td>{rule.minQuantity}</td>
              <td>
                {rule.validFrom ? `from ${formatDate(rule.validFrom)}` : 'from its definition'}
                <br />
                {rule.validUntil ? `until ${formatDate(rule.validUntil)}` : 'until ended'}
              </td>
              <td>
                <StatusBadge status={rule.status} />
              </td>
              <td>
                <button type="button" onClick={() => void end(rule)} aria-label={`End ${rule.name}`}>
                  End
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => void define(e)} className="grid-form" aria-labelledby="define-rule-title">
        <h2 id="define-rule-title">Define a price rule</h2>
        <Field label="Rule name" required maxLength={120} value={form.name} onChange={set('name')} hint="Shown to shoppers beside the price" />
        <label className="field">
          <span>Applies to</span>
          <select value={form.appliesTo} onChange={set('appliesTo')}>
            <option value="category">A category</option>
            <option value="product">A product</option>
            <option value="vendor">A vendor</option>
            <option value="all">Everything</option>
          </select>
        </label>
        {form.appliesTo === 'all' ? null : <Field label="Its code or id" required value={form.target} onChange={set('target')} hint="A product code, a category id such as green-tea, or a vendor id" />}
        <label className="field">
          <span>Discount</span>
          <select value={form.kind} onChange={set('kind')}>
            <option value="percent">A percentage off</option>
            <option value="amount">An amount off each unit</option>
          </select>
        </label>
        <Field label={form.kind === 'percent' ? 'Percent off' : 'Amount off'} required inputMode="decimal" value={form.off} onChange={set('off')} hint={form.kind === 'percent' ? '1 to 99' : 'Such as 1.50'} />
        <Field label="From quantity" type="number" min={1} value={form.minQuantity} onChange={set('minQuantity')} />
        <Field label="Starts" type="datetime-local" value={form.validFrom} onChange={set('validFrom')} hint="Empty: now" />
        <Field label="Ends" type="datetime-local" value={form.validUntil} onChange={set('validUntil')} hint="Empty: until ended" />
        <button type="submit">Define rule</button>
      </form>
    </section>
  );
}
