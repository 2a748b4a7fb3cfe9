import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsObject,
  IsISO4217CurrencyCode,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { deliveryChoices, maxOrderLines, paymentMethods, type DeliveryChoice, type PaymentMethod } from '../../domain/orders/order';
import { e164Pattern } from '../../domain/customers/customer';
import { IsPlainText } from '../../http/validation';

/*
 * Request bodies of the command API. Every class here is validated with whitelist and
 * forbidNonWhitelisted (see parseBody): a field that is not declared is refused. A nested object
 * is also @IsObject: @ValidateNested validates an array element by element, so `[]` where an
 * address belongs would otherwise pass as an address with no fields at all.
 */

const trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const upper = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/** Product codes: letters, digits and dashes, kept upper-case so that tea-001 and TEA-001 are one product. */
export const productCodePattern = /^[A-Z0-9][A-Z0-9-]{0,39}$/;
const productCodeMessage = 'productCode must be 1 to 40 letters, digits or dashes, starting with a letter or digit';

export class MoneyDto {
  /** Integer minor units (cents). */
  @IsInt() @Min(1) @Max(100_000_000_00)
  amount!: number;

  @IsISO4217CurrencyCode()
  currency!: string;
}

export class AddressDto {
  @IsString() @trim() @Length(1, 200) @IsPlainText()
  line1!: string;

  @IsOptional() @IsString() @trim() @MaxLength(200) @IsPlainText()
  line2?: string;

  @IsString() @trim() @Length(1, 100) @IsPlainText()
  city!: string;

  @IsString() @trim() @Length(1, 20) @IsPlainText()
  postalCode!: string;

  @IsISO31661Alpha2()
  country!: string;
}

export class DefineCategoryDto {
  @IsString() @trim() @Length(1, 80) @IsPlainText()
  name!: string;

  @IsString() @MaxLength(2_000) @IsPlainText({ multiline: true })
  description!: string;
}

export class AddProductDto {
  @IsString() @upper() @Matches(productCodePattern, { message: productCodeMessage.replace('productCode', 'code') })
  code!: string;

  @IsString() @trim() @Length(1, 200) @IsPlainText()
  name!: string;

  @IsString() @MaxLength(5_000) @IsPlainText({ multiline: true })
  description!: string;

  @IsString() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'categoryId must be a category id such as green-tea' }) @MaxLength(80)
  categoryId!: string;

  @IsObject() @ValidateNested() @Type(() => MoneyDto)
  price!: MoneyDto;

  @IsInt() @Min(0) @Max(1_000_000)
  lowStockThreshold!: number;

  /** Packed, per unit, in grams: shipping is quoted on it (unrecorded: 500 g). */
  @IsOptional() @IsInt() @Min(1) @Max(100_000)
  weightGrams?: number;

  /** Staff name the vendor who sells it (none: the shop's own); a vendor's account adds its own vendor's only. */
  @IsOptional() @IsUUID()
  vendorId?: string;
}

export class UpdateProductDetailsDto {
  @IsOptional() @IsString() @trim() @Length(1, 200) @IsPlainText()
  name?: string;

  @IsOptional() @IsString() @MaxLength(5_000) @IsPlainText({ multiline: true })
  description?: string;

  @IsOptional() @IsString() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'categoryId must be a category id such as green-tea' }) @MaxLength(80)
  categoryId?: string;

  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  lowStockThreshold?: number;

  @IsOptional() @IsInt() @Min(1) @Max(100_000)
  weightGrams?: number;
}

/** Erasure cannot be undone: the caller says so in words, not by a click that might be a slip. */
export class EraseCustomerDto {
  @IsString() @Equals('erase', { message: 'confirmation must be "erase": erasing a customer cannot be undone' })
  confirmation!: string;
}

/** A vendor's profile, as an admin onboards it or changes it. */
export class VendorProfileDto {
  @IsString() @trim() @Length(1, 120) @IsPlainText()
  name!: string;

  @IsEmail() @MaxLength(254)
  contactEmail!: string;
}

export class ReasonDto {
  @IsString() @trim() @Length(1, 500) @IsPlainText({ multiline: true })
  reason!: string;
}

export class ReceiveStockDto {
  @IsInt() @Min(1) @Max(1_000_000)
  quantity!: number;
}

export class ReserveStockDto {
  @IsUUID()
  orderId!: string;

  @IsInt() @Min(1) @Max(10_000)
  quantity!: number;
}

export class AdjustStockDto {
  @IsInt() @Min(0) @Max(1_000_000)
  countedOnHand!: number;

  @IsString() @trim() @Length(1, 500) @IsPlainText({ multiline: true })
  reason!: string;
}

export class RegisterCustomerDto {
  @IsString() @trim() @Length(1, 100) @IsPlainText()
  firstName!: string;

  @IsString() @trim() @Length(1, 100) @IsPlainText()
  lastName!: string;

  @IsEmail() @MaxLength(254)
  email!: string;

  @IsObject() @ValidateNested() @Type(() => AddressDto)
  shippingAddress!: AddressDto;
}

export class ChangeEmailDto {
  @IsEmail() @MaxLength(254)
  email!: string;
}

export class OrderLineDto {
  @IsString() @upper() @Matches(productCodePattern, { message: productCodeMessage })
  productCode!: string;

  @IsInt() @Min(1) @Max(1_000)
  quantity!: number;
}

/** A price as the shop showed it: a rule may take a price down to nothing. */
export class ShownPriceDto {
  @IsInt() @Min(0) @Max(100_000_000_00)
  amount!: number;

  @IsISO4217CurrencyCode()
  currency!: string;
}

export class PlacedOrderLineDto extends OrderLineDto {
  /** The unit price the customer was shown; if it is no longer the price, the order is refused (409 price-changed) with the new one. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ShownPriceDto)
  expectedUnitPrice?: ShownPriceDto;
}

export class RefundOrderDto {
  @IsString() @trim() @Length(1, 500) @IsPlainText({ multiline: true })
  reason!: string;

  /** The lines given back; absent: all that is left of the payment. */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(maxOrderLines) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => OrderLineDto)
  lines?: OrderLineDto[];

  /** Put the goods back into stock once the money has gone back. */
  @IsOptional() @IsBoolean()
  restock?: boolean;
}

export class PlaceOrderDto {
  /** Staff placing an order for a customer name them; a customer's own orders take it from their sign-in. */
  @IsOptional() @IsUUID()
  customerId?: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(maxOrderLines) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => PlacedOrderLineDto)
  lines!: PlacedOrderLineDto[];

  @IsIn(paymentMethods)
  paymentMethod!: PaymentMethod;

  /** From the payment provider's form; the sandbox's test tokens are in the README. */
  @IsOptional() @IsString() @Matches(/^tok_[A-Za-z0-9_]{1,100}$/, { message: 'paymentToken must be a token such as tok_success' })
  paymentToken?: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => AddressDto)
  shippingAddress?: AddressDto;

  /** Collected at the shop (the default), or sent by the carrier's standard or express service; see POST /api/shipping/quotes. */
  @IsOptional() @IsIn(deliveryChoices)
  delivery?: DeliveryChoice;

  /** The shipping cost the customer was shown; if it is no longer the cost, the order is refused (409 shipping-changed) with the new one. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ShownPriceDto)
  expectedShippingCost?: ShownPriceDto;
}

/** What sending these lines would cost: to the customer's address, or to the one given. */
export class ShippingQuoteDto {
  /** Staff asking for a customer name them; a customer's own quote takes it from their sign-in. */
  @IsOptional() @IsUUID()
  customerId?: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(maxOrderLines) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => OrderLineDto)
  lines!: OrderLineDto[];

  @IsOptional() @IsObject() @ValidateNested() @Type(() => AddressDto)
  shippingAddress?: AddressDto;
}

export class PaymentReferenceDto {
  @IsUUID()
  paymentId!: string;
}

export class OrderPaymentFailedDto extends PaymentReferenceDto {
  @IsString() @trim() @Length(1, 500) @IsPlainText()
  reason!: string;
}

export class UnavailableLineDto {
  @IsString() @upper() @Matches(productCodePattern, { message: productCodeMessage })
  productCode!: string;

  @IsInt() @Min(1)
  requested!: number;

  @IsInt() @Min(0)
  available!: number;
}

export class RejectOrderDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(maxOrderLines) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => UnavailableLineDto)
  unavailable!: UnavailableLineDto[];
}

export class RequestPaymentDto {
  @IsUUID()
  orderId!: string;

  @IsOptional() @IsIn(paymentMethods)
  method?: PaymentMethod;
}

export class PaymentOutcomeDto {
  @IsIn(['succeeded', 'failed'])
  status!: 'succeeded' | 'failed';

  @ValidateIf((outcome: PaymentOutcomeDto) => outcome.status === 'succeeded') @IsString() @Length(1, 200) @IsPlainText()
  gatewayReference?: string;

  @ValidateIf((outcome: PaymentOutcomeDto) => outcome.status === 'failed') @IsString() @Length(1, 500) @IsPlainText()
  reason?: string;
}

/** NIST SP 800-63B: length, not composition rules; long passphrases welcome. */
const passwordRules = () => (target: object, property: string) => {
  IsString()(target, property);
  Length(12, 128, { message: `${property} must be 12 to 128 characters` })(target, property);
};

export class SignUpDto extends RegisterCustomerDto {
  @passwordRules()
  password!: string;
}

/** Optional, but null is no value: a field left out is absent, not null (IsOptional lets null through). */
const absentOrValid = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Where the refresh token goes: the body (API clients), or an httpOnly cookie a page's script cannot read (browsers). */
const refreshTokenPlaces = ['body', 'cookie'] as const;

export class LoginDto {
  @IsString() @MaxLength(254)
  email!: string;

  @IsString() @MaxLength(128)
  password!: string;

  @absentOrValid() @IsIn(refreshTokenPlaces, { message: 'refreshTokenIn must be body or cookie' })
  refreshTokenIn?: (typeof refreshTokenPlaces)[number];
}

export class RefreshTokenDto {
  @IsString() @MaxLength(200)
  refreshToken!: string;
}

/** A refresh token in the body, or none: then the session cookie's is used (and the new one goes there too). */
export class RefreshSessionDto {
  @absentOrValid() @IsString() @MaxLength(200)
  refreshToken?: string;
}

export class ChangePasswordDto {
  @IsString() @MaxLength(128)
  currentPassword!: string;

  @passwordRules()
  newPassword!: string;
}

export class CreateStaffAccountDto {
  @IsEmail() @MaxLength(254)
  email!: string;

  @passwordRules()
  password!: string;

  @IsIn(['staff', 'admin', 'auditor'])
  role!: 'staff' | 'admin' | 'auditor';
}

export class CreateVendorAccountDto {
  @IsEmail() @MaxLength(254)
  email!: string;

  @passwordRules()
  password!: string;
}

export class ChangeRoleDto {
  @IsIn(['staff', 'admin', 'auditor'])
  role!: 'staff' | 'admin' | 'auditor';
}

/** A moment such as 2026-12-01T00:00:00Z (with its offset), within this century. */
export const momentRules = () => (target: object, property: string) =>
  ValidateBy({
    // RFC 3339's date-time (the JSON Schema format; its schema: src/http/operations.ts): a day alone, or a time without its offset, is no moment.
    name: 'isMoment',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)),
      defaultMessage: () => `${property} must be a date and time with its offset, such as 2026-12-01T00:00:00Z`,
    },
  })(target, property);

/**
 * A price rule: what it applies to (`appliesTo`, and the product, category or vendor it names),
 * how much it takes off (`percentOff` or `amountOff`, one of them), from which quantity on, and
 * when. Which fields go together is checked beside (priceRuleProblems).
 */
export class DefinePriceRuleDto {
  @IsString() @trim() @Length(1, 120) @IsPlainText()
  name!: string;

  @IsIn(['all', 'product', 'category', 'vendor'])
  appliesTo!: 'all' | 'product' | 'category' | 'vendor';

  @IsOptional() @IsString() @upper() @Matches(productCodePattern, { message: productCodeMessage })
  productCode?: string;

  @IsOptional() @IsString() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'categoryId must be a category id such as green-tea' }) @MaxLength(80)
  categoryId?: string;

  @IsOptional() @IsUUID()
  vendorId?: string;

  @IsOptional() @IsInt() @Min(1) @Max(99)
  percentOff?: number;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto)
  amountOff?: MoneyDto;

  @IsOptional() @IsInt() @Min(1) @Max(1_000)
  minQuantity?: number;

  @IsOptional() @momentRules()
  validFrom?: string;

  @IsOptional() @momentRules()
  validUntil?: string;
}

/** The fields of a price rule that must, or must not, go together; each problem names its field. */
export function priceRuleProblems(rule: DefinePriceRuleDto): { pointer: string; detail: string }[] {
  const problems: { pointer: string; detail: string }[] = [];
  const targets = { product: 'productCode', category: 'categoryId', vendor: 'vendorId' } as const;
  for (const [appliesTo, field] of Object.entries(targets)) {
    const given = rule[field] !== undefined;
    if (rule.appliesTo === appliesTo && !given) problems.push({ pointer: `/${field}`, detail: `${field} must name the ${appliesTo} the rule applies to` });
    if (rule.appliesTo !== appliesTo && given) problems.push({ pointer: `/${field}`, detail: `${field} goes with appliesTo ${appliesTo} only` });
  }
  if ((rule.percentOff === undefined) === (rule.amountOff === undefined)) problems.push({ pointer: '/percentOff', detail: 'Give either percentOff or amountOff, one of them' });
  return problems;
}

/** A new list price from a moment to come. */
export class ScheduledPriceDto {
  @IsInt() @Min(1) @Max(100_000_000_00)
  amount!: number;

  @IsISO4217CurrencyCode()
  currency!: string;

  @momentRules()
  effectiveAt!: string;
}

/** A mobile number as E.164, or null; required either way (a missing one is not "none"). Its JSON Schema: src/http/operations.ts. */
const phoneOrNull = () => (target: object, property: string) => {
  ValidateBy({
    name: 'phoneOrNull',
    validator: { validate: (value: unknown) => value === null || (typeof value === 'string' && e164Pattern.test(value)), defaultMessage: () => `${property} must be a mobile number written as E.164, such as +447700900123, or null for no text messages` },
  })(target, property);
};

/** Text messages to this mobile number, or none (`phone: null`). */
export class SmsPreferenceDto {
  @phoneOrNull()
  phone!: string | null;
}
