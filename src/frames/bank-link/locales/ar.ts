/**
 * Bank link in Modern Standard Arabic (right to left). Counted phrases use all six plural
 * forms; names from the API (Latin script) sit beside free-standing words ("لدى", "إلى",
 * "موقع") rather than attached prefixes ("بـ"), so the stand-in "بنكك" reads right too.
 */
import { formatNumber } from "../../ui/i18n.js";
import type { BankLinkMessages } from "../messages.js";
import { plural } from "../../ui/i18n.js";

const app = (merchant: string): string => merchant || "هذا التطبيق";
const bank = (name: string): string => name || "بنكك";

export const ar: BankLinkMessages = {
  documentTitle: "اتصال بنكي آمن عبر Enclave",

  frame: {
    back: "رجوع",
    close: "إغلاق",
    brand: "محمي بواسطة Enclave",
    step: (step, total) => `الخطوة ${formatNumber(step)} من ${formatNumber(total)}`,
    loading: "جارٍ التحميل…",
    loadFailed: "يتعذّر عرض ربط الحساب البنكي حاليًا.",
  },

  consent: {
    title: (merchant) => `يستخدم ${app(merchant)} خدمة Enclave لربط حسابك البنكي`,
    asks: (merchant) => `يطلب ${app(merchant)} الاطلاع على:`,
    products: {
      accounts: { name: "تفاصيل الحساب", text: "أسماء الحسابات وأنواعها وآخر أربعة أرقام من أرقامها" },
      balances: { name: "الأرصدة", text: "الرصيد الحالي والرصيد المتاح" },
      transactions: { name: "المعاملات", text: "سجل معاملاتك الأخيرة" },
    },
    credentialsPrivate: (merchant) => `يُرسَل اسم المستخدم وكلمة المرور إلى بنكك فقط، ولا يصلان أبدًا إلى ${app(merchant)}.`,
    sharedOnChoice: (merchant) => `لن يطّلع ${app(merchant)} على بياناتك إلا بعد أن تختار الحسابات التي تريد مشاركتها.`,
    continue: "متابعة",
  },

  search: {
    title: "اختر بنكك",
    searchLabel: "البحث عن المؤسسات المالية",
    placeholder: "ابحث باسم البنك",
    resultsLabel: "المؤسسات المالية",
    popular: "البنوك الشائعة",
    loadingPopular: "جارٍ تحميل البنوك…",
    searching: "جارٍ البحث…",
    resultCount: (count) =>
      `${plural(count, {
        zero: "لم يُعثر على أي مؤسسة.",
        one: "تم العثور على مؤسسة واحدة.",
        two: "تم العثور على مؤسستين.",
        few: `تم العثور على ${formatNumber(count)} مؤسسات.`,
        many: `تم العثور على ${formatNumber(count)} مؤسسة.`,
        other: `تم العثور على ${formatNumber(count)} مؤسسة.`,
      })} استخدم مفاتيح الأسهم للتنقل، ثم اضغط Enter للاختيار.`,
    noResults: (query) => `لا توجد مؤسسات تطابق «${query}»`,
    noResultsHint: "تحقّق من الإملاء، أو جرّب الاسم الكامل لبنكك. في بيئة الاختبار، ابحث عن «Sandbox».",
    searchFailed: "تعذّر البحث عن المؤسسات المالية.",
    popularFailed: "تعذّر تحميل قائمة البنوك.",
    retry: "إعادة المحاولة",
  },

  credentials: {
    title: (name) => `تسجيل الدخول إلى ${bank(name)}`,
    lede: (name) => `أدخل اسم المستخدم وكلمة المرور اللذين تستخدمهما في الخدمات المصرفية عبر الإنترنت لدى ${bank(name)}.`,
    username: "اسم المستخدم",
    password: "كلمة المرور",
    showPassword: "إظهار كلمة المرور",
    submit: "إرسال",
    connecting: (name) => `جارٍ الاتصال بحسابك لدى ${bank(name)}…`,
    usernameMissing: "أدخل اسم المستخدم.",
    passwordMissing: "أدخل كلمة المرور.",
    sandboxHint: "بيئة الاختبار: سجّل الدخول باستخدام user_good / pass_good (يطلب user_mfa رمزًا، والمستخدم user_locked مقفل).",
  },

  oauth: {
    title: (name) => `المتابعة إلى ${bank(name)}`,
    lede: (name) => `ستسجّل الدخول في نافذة جديدة على موقع ${bank(name)} نفسه. تبقى كلمة المرور لدى ${bank(name)} وحده.`,
    stepSignIn: (name) => `سجّل الدخول ووافق على منح الوصول على موقع ${bank(name)}.`,
    stepReturn: "ثم عُد إلى هنا لاختيار الحسابات التي تريد مشاركتها.",
    continue: "متابعة",
    opening: (name) => `جارٍ فتح صفحة ${bank(name)}…`,
    waiting: (name) => `في انتظار ${bank(name)}…`,
    waitingHint: (name) => `أكمل الخطوات على صفحة ${bank(name)} في النافذة التي فُتحت. ستنتقل هذه الشاشة تلقائيًا.`,
    reopen: (name) => `فتح صفحة ${bank(name)} مرة أخرى`,
    blocked: (name) => `حظر متصفحك نافذة ${bank(name)}. افتحها في علامة تبويب جديدة بدلًا من ذلك، وستبقى هذه الشاشة في الانتظار.`,
    openInTab: (name) => `فتح صفحة ${bank(name)} في علامة تبويب جديدة`,
    denied: (name) => `لم يشارك ${bank(name)} حساباتك: تم رفض الوصول أو إلغاء تسجيل الدخول.`,
    closed: (name) => `أُغلقت نافذة ${bank(name)} قبل أن تُكمل تسجيل الدخول.`,
    failed: (name) => `تعذّر الوصول إلى ${bank(name)}.`,
    tryAgain: "إعادة المحاولة",
  },

  mfa: {
    title: "أدخل رمز التحقق",
    sentTo: (name) => `أرسل ${bank(name)} رمز تحقق إلى الهاتف أو البريد الإلكتروني المسجّل في حسابك.`,
    label: "رمز التحقق",
    submit: "إرسال",
    checking: "جارٍ التحقق من الرمز…",
    missing: "أدخل رمز التحقق.",
    wrongCode: (attemptsLeft) =>
      attemptsLeft <= 0
        ? "الرمز غير صحيح."
        : `الرمز غير صحيح. ${plural(attemptsLeft, {
            one: "تبقّت لديك محاولة واحدة.",
            two: "تبقّت لديك محاولتان.",
            few: `تبقّت لديك ${formatNumber(attemptsLeft)} محاولات.`,
            many: `تبقّت لديك ${formatNumber(attemptsLeft)} محاولة.`,
            other: `تبقّت لديك ${formatNumber(attemptsLeft)} محاولة.`,
          })}`,
    signInAgain: "تسجيل الدخول مرة أخرى",
    sandboxHint: "بيئة الاختبار: الرمز هو 123456.",
  },

  accounts: {
    title: (merchant) => `اختر الحسابات التي تريد مشاركتها مع ${app(merchant)}`,
    lede: (merchant) => `لن يرى ${app(merchant)} إلا الحسابات التي تختارها.`,
    legend: (name) => `الحسابات لدى ${bank(name)}`,
    endingIn: (mask) => `، ينتهي بالأرقام ${mask}`,
    subtypes: { checking: "حساب جارٍ", savings: "حساب توفير", "credit card": "بطاقة ائتمان" },
    types: { depository: "حساب بنكي", credit: "حساب ائتماني" },
    balance: "الرصيد",
    owed: "الرصيد المستحق",
    noneChosen: "اختر حسابًا واحدًا على الأقل للمتابعة.",
    continue: "متابعة",
    sharing: "جارٍ مشاركة حساباتك…",
    failed: "تعذّرت مشاركة هذه الحسابات. حاول مرة أخرى.",
  },

  success: {
    title: (name) => `تم ربط حسابك لدى ${bank(name)}`,
    shared: (merchant, count) =>
      `أصبح بإمكان ${app(merchant)} الآن الاطلاع على ${plural(count, {
        one: "الحساب الذي اخترته",
        two: "الحسابين اللذين اخترتهما",
        few: `${formatNumber(count)} حسابات اخترتها`,
        many: `${formatNumber(count)} حسابًا اخترتها`,
        other: `${formatNumber(count)} حساب اخترتها`,
      })}.`,
    done: "تم",
  },

  exit: {
    title: "هل تريد المغادرة دون ربط بنكك؟",
    text: (merchant) => `سيضيع ما أنجزته، ولن يحصل ${app(merchant)} على حق الوصول إلى أيٍّ من حساباتك.`,
    leave: "مغادرة",
    stay: "البقاء",
  },

  recovery: {
    chooseAnotherBank: "اختيار بنك آخر",
    exit: "خروج",
  },

  errors: {
    invalidCredentials: "اسم المستخدم أو كلمة المرور غير صحيحة.",
    itemLocked: (name) => `حسابك لدى ${bank(name)} مقفل بسبب كثرة محاولات تسجيل الدخول. ألغِ قفله من موقع ${bank(name)} الإلكتروني، ثم حاول مرة أخرى.`,
    mfaLocked: "أُدخلت رموز غير صحيحة مرات كثيرة. حفاظًا على أمانك، سجّل الدخول مرة أخرى للحصول على رمز جديد.",
    linkStepInvalid: "لم تعد هذه الخطوة صالحة. ارجع وسجّل الدخول إلى بنكك مرة أخرى.",
  },
};
