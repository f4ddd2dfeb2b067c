/**
 * The checkout in Arabic (Modern Standard Arabic, right to left). Card numbers, expiry and
 * security code stay left to right in their fields (checkout's card-form sets `dir="ltr"`).
 *
 * Left-to-right text inside a sentence is isolated (U+2068 FSI … U+2069 PDI for a merchant's
 * name, U+2066 LRI … for "3-D Secure"), or the bidi algorithm would move its digits and
 * punctuation: "3-D Secure" would read "D Secure-3".
 */
import { formatNumber } from "../../ui/i18n.js";
import type { CheckoutMessages } from "../messages.js";

export const ar: CheckoutMessages = {
  pageTitle: "نموذج الدفع الآمن من Enclave",
  loading: "جارٍ تحميل تفاصيل الدفع",
  amountDue: "المبلغ المستحق",
  paying: (merchant) => `الدفع إلى \u2068${merchant}\u2069`,
  processing: "جارٍ معالجة دفعتك…",
  waitingForBank: "في انتظار تأكيد البنك لعملية الدفع…",
  cannotShow: "يتعذّر عرض نموذج الدفع هذا حاليًا.",

  success: {
    title: "تمت عملية الدفع بنجاح",
    paidTo: (merchant) => `تم الدفع إلى \u2068${merchant}\u2069.`,
    paid: "تم الدفع.",
  },

  fields: {
    cardNumber: "رقم البطاقة",
    expiry: "تاريخ انتهاء الصلاحية",
    expiryPlaceholder: "شهر / سنة",
    securityCode: "رمز الأمان",
    postalCode: "الرمز البريدي",
    optional: "اختياري",
  },

  securityCodeHelp: {
    button: "أين أجد هذا الرمز؟",
    heading: "رمز التحقق من البطاقة",
    onBack: "الرمز المكوّن من ثلاثة أرقام على ظهر بطاقتك، بجوار شريط التوقيع.",
    onFront: "الرمز المكوّن من أربعة أرقام المطبوع على وجه بطاقتك، فوق رقم البطاقة.",
    eitherSide: "الرمز المكوّن من ثلاثة أرقام على ظهر بطاقتك، بجوار شريط التوقيع. وفي بطاقات American Express يتكوّن من أربعة أرقام ويكون على وجه البطاقة.",
  },

  fieldErrors: {
    numberIncomplete: "رقم البطاقة غير مكتمل.",
    numberInvalid: "رقم البطاقة غير صالح.",
    expiryIncomplete: "تاريخ انتهاء صلاحية البطاقة غير مكتمل.",
    expiryInPast: "تاريخ انتهاء صلاحية البطاقة قد مضى.",
    expiryTooFarAhead: "تاريخ انتهاء صلاحية البطاقة بعيد جدًا في المستقبل.",
    securityCodeIncomplete: "رمز أمان البطاقة غير مكتمل.",
    // Digits through Intl: an Arabic locale such as ar-EG writes them ٣ and ٤.
    securityCodeLength: (digits) => `يجب أن يتكوّن رمز أمان البطاقة من ${formatNumber(digits)} أرقام.`,
    postalCodeIncomplete: "الرمز البريدي غير مكتمل.",
  },

  paymentErrors: {
    declined: "تم رفض بطاقتك.",
    insufficientFunds: "رصيد بطاقتك غير كافٍ.",
    expiredCard: "انتهت صلاحية بطاقتك.",
    incorrectSecurityCode: "رمز أمان بطاقتك غير صحيح.",
    invalidExpiry: "تاريخ انتهاء صلاحية بطاقتك غير صالح.",
    invalidSecurityCode: "رمز أمان بطاقتك غير صالح.",
    authenticationFailed: "تعذّر علينا التحقق من عملية الدفع. حاول مرة أخرى أو استخدم بطاقة أخرى.",
    notCompleted: "تعذّر إتمام عملية الدفع. تحقّق من بيانات بطاقتك أو استخدم بطاقة أخرى.",
    formExpired: "انتهت صلاحية نموذج الدفع هذا. حدّث الصفحة للمحاولة مرة أخرى.",
    paymentClosed: "لم تعد عملية الدفع هذه متاحة: فقد اكتملت أو أُلغيت بالفعل.",
    amountChanged: "تغيّر المبلغ الإجمالي. تحقق من المبلغ الجديد وادفع مرة أخرى.",
  },

  threeDSecure: {
    title: "تأكيد عملية الدفع",
    challengeFrame: "صفحة البنك، حيث تجيب عن التحقق",
    close: "إلغاء المصادقة",
  },
};
