/**
 * The identity flow in Arabic (Modern Standard Arabic, addressing the customer directly,
 * as the frames' shared words). Arabic is written right to left: the frame's <html> gets
 * dir="rtl" from setLocale(); Latin text inside a sentence (Enclave, QR, JPEG) is laid out
 * by the browser's bidi algorithm.
 */
import { currentLocale, formatNumber } from "../../ui/i18n.js";
import type { IdentityCatalog } from "../messages.js";

/** "n days" with the noun Arabic grammar asks for after that number (1, 2, 3–10, 11–99, …). */
function days(count: number): string {
  switch (new Intl.PluralRules(currentLocale()).select(count)) {
    case "one":
      return "يوم واحد";
    case "two":
      return "يومين";
    case "few":
      return `${formatNumber(count)} أيام`;
    case "many":
      return `${formatNumber(count)} يومًا`;
    default:
      return `${formatNumber(count)} يوم`;
  }
}

export const ar: IdentityCatalog = {
  pageTitle: "التحقّق من الهوية",
  someMerchant: "هذه الجهة",

  frame: {
    back: "رجوع",
    close: "إغلاق",
    secured: "محمي بواسطة Enclave",
    step: (step, total) => `الخطوة ${formatNumber(step)} من ${formatNumber(total)}`,
  },

  documents: {
    passport: "جواز السفر",
    driving_license: "رخصة القيادة",
    id_card: "بطاقة الهوية",
  },

  sides: {
    front: "الوجه الأمامي للوثيقة",
    back: "الوجه الخلفي للوثيقة",
    selfie: "صورة سيلفي",
  },

  consent: {
    title: "تحقّق من هويتك",
    lede: (merchant) => `يحتاج ${merchant} إلى التأكّد من هويتك. لن يستغرق ذلك سوى بضع دقائق.`,
    collectTitle: "ما سنطلبه منك",
    document: "صورة لوثيقة هوية صادرة عن جهة حكومية: جواز سفرك أو رخصة قيادتك أو بطاقة هويتك",
    selfie: "صورة سيلفي، للتحقّق من أنك الشخص الظاهر في الوثيقة",
    useTitle: "كيف تُستخدم",
    use: (merchant) => `يتلقى ${merchant} النتيجة مع اسمك وتاريخ ميلادك وبيانات وثيقتك. تُستخدم صورك للتحقّق من هويتك فقط، وتُحفظ مشفّرة.`,
    retentionTitle: "مدة الاحتفاظ بها",
    retention: (merchant, count) => `تُحذف صورك عندما يطلب ${merchant} حذفها، أو بعد ${days(count)} على الأكثر.`,
    continue: "متابعة",
    decline: "رفض",
  },

  document: {
    title: "اختر وثيقة هويتك",
    lede: "استخدم الوثيقة الأصلية، لا نسخة منها ولا لقطة شاشة، وتأكّد من أنها سارية الصلاحية.",
    typeLegend: "نوع الوثيقة",
    hints: {
      passport: "صفحة الصورة",
      driving_license: "الوجهان الأمامي والخلفي",
      id_card: "الوجهان الأمامي والخلفي",
    },
    country: "بلد الإصدار",
    chooseType: "اختر نوع وثيقتك.",
    continue: "متابعة",
    saving: "جارٍ حفظ اختيارك…",
  },

  capture: {
    steps: {
      passport: { title: "صفحة الصورة في جواز سفرك", lede: "افتح جواز سفرك على الصفحة التي تحمل صورتك والتقط صورة لها." },
      driving_license_front: { title: "الوجه الأمامي لرخصة قيادتك", lede: "التقط صورة للوجه الأمامي لرخصة قيادتك." },
      driving_license_back: { title: "الوجه الخلفي لرخصة قيادتك", lede: "اقلب رخصة قيادتك والتقط صورة لوجهها الخلفي." },
      id_card_front: { title: "الوجه الأمامي لبطاقة هويتك", lede: "التقط صورة للوجه الأمامي لبطاقة هويتك." },
      id_card_back: { title: "الوجه الخلفي لبطاقة هويتك", lede: "اقلب بطاقة هويتك والتقط صورة لوجهها الخلفي." },
      selfie: { title: "التقط صورة سيلفي", lede: "سنقارنها بالصورة الموجودة على وثيقتك. واجه الكاميرا في إضاءة جيدة، وانزع النظارة وغطاء الرأس." },
    },
    tipsTitle: "للحصول على صورة جيدة",
    documentTips: {
      flat: "ضعها مسطّحة على سطح داكن وفي إضاءة جيدة",
      corners: "احرص على ظهور الزوايا الأربع في الصورة",
      glare: "تجنّب الانعكاسات، ولا تغطِّ أي نص",
    },
    selfieTips: {
      face: "احرص على ظهور وجهك كاملًا داخل الإطار",
      light: "استخدم إضاءة متساوية بلا ظلال قوية",
      expression: "حافظ على تعابير وجه محايدة",
    },
    useCamera: "استخدام الكاميرا",
    orPhone: "عادةً ما تلتقط كاميرا هاتفك صورًا أوضح.",
    continueOnPhone: "المتابعة على هاتفك",
    upload: {
      front: "رفع الوجه الأمامي للوثيقة",
      back: "رفع الوجه الخلفي للوثيقة",
      selfie: "رفع صورة سيلفي",
    },
    starting: "جارٍ تشغيل الكاميرا…",
    guideDocument: "ضع وثيقتك داخل الإطار وثبّتها.",
    guideSelfie: "أبقِ وجهك داخل الشكل البيضاوي ولا تتحرك.",
    preview: "معاينة الكاميرا",
    takePhoto: "التقاط الصورة",
    cancel: "إلغاء",
    retake: "إعادة الالتقاط",
    usePhoto: "استخدام هذه الصورة",
    photoAlt: {
      front: "صورتك للوجه الأمامي لوثيقتك",
      back: "صورتك للوجه الخلفي لوثيقتك",
      selfie: "صورة السيلفي التي التقطتها",
    },
    checking: "جارٍ فحص صورتك…",
    uploading: "جارٍ رفع صورتك…",
    cameraProblems: {
      unavailable: "لم نعثر على كاميرا في هذا الجهاز.",
      denied: "الوصول إلى الكاميرا محظور. يمكنك السماح به من إعدادات المتصفح.",
      in_use: "يستخدم تطبيق آخر الكاميرا حاليًا. أغلقه وحاول مرة أخرى.",
    },
    cameraAlternatives: "ارفع صورة بدلًا من ذلك، أو تابع على هاتفك.",
    cameraAlternativesPhone: "ارفع صورة بدلًا من ذلك.",
  },

  review: {
    title: "راجع صورك",
    lede: "تأكّد من أن كل صورة واضحة، ولا يوجد فيها جزء مقطوع أو مغطّى بانعكاس.",
    ledePhone: "تأكّد من أن كل صورة واضحة، ثم أرسلها إلى جهاز الكمبيوتر.",
    addedElsewhere: "أُضيفت من جهاز آخر",
    thumbnailAlt: {
      front: "صورتك: الوجه الأمامي للوثيقة",
      back: "صورتك: الوجه الخلفي للوثيقة",
      selfie: "صورتك: صورة سيلفي",
    },
    retake: "إعادة الالتقاط",
    retakeName: {
      front: "إعادة التقاط الوجه الأمامي للوثيقة",
      back: "إعادة التقاط الوجه الخلفي للوثيقة",
      selfie: "إعادة التقاط صورة السيلفي",
    },
    submit: "إرسال",
    finish: "إنهاء",
    submitting: "جارٍ إرسال صورك للتحقّق منها…",
    finishing: "جارٍ إرسال صورك…",
  },

  status: {
    loading: "جارٍ التحميل…",
    unavailableTitle: "التحقّق غير متاح",
    processingTitle: "جارٍ التحقّق من هويتك…",
    processing: "يستغرق ذلك عادةً بضع ثوانٍ. أبقِ هذه النافذة مفتوحة.",
    verifiedTitle: "تم التحقّق من هويتك",
    verified: (merchant) => `شكرًا لك. أبلغنا ${merchant} بأنه تم تأكيد هويتك.`,
    requiresInputTitle: "تعذّر التحقّق من هويتك",
    requiresInput: {
      document_unverified:
        "تعذّر التحقّق من وثيقتك. تأكّد من أنها وثيقة هوية حكومية صالحة وغير منتهية الصلاحية، وأن زواياها الأربع ظاهرة في الصورة، وأن النص سهل القراءة، ثم حاول مرة أخرى.",
      selfie_mismatch: "صورة السيلفي لا تطابق الصورة الموجودة على وثيقتك. التقط صورة سيلفي جديدة وأنت تواجه الكاميرا في إضاءة جيدة، من دون نظارة أو غطاء رأس، ثم حاول مرة أخرى.",
      other: "تعذّر إكمال عملية التحقّق. يُرجى المحاولة مرة أخرى.",
    },
    tryAgain: "المحاولة مرة أخرى",
    done: "تم",
    phoneDoneTitle: "اكتملت العملية — عُد إلى جهاز الكمبيوتر",
    phoneDone: "أُرسلت صورك بأمان. تابع على جهاز الكمبيوتر؛ يمكنك إغلاق هذه الصفحة.",
    phoneInvalidTitle: "لا يمكن استخدام هذا الرابط",
    phoneInvalid: "على جهاز الكمبيوتر، اختر «المتابعة على هاتفك» مرة أخرى للحصول على رمز جديد.",
  },

  handoff: {
    title: "المتابعة على هاتفك",
    lede: "امسح رمز QR هذا بكاميرا هاتفك، ثم التقط الصور من هناك. ستنتقل هذه الصفحة تلقائيًا إلى الخطوة التالية عند الانتهاء.",
    qrLabel: "رمز QR يفتح عملية التحقّق هذه على هاتفك",
    linkIntro: "أو افتح هذا الرابط على هاتفك:",
    copy: "نسخ الرابط",
    copied: "تم نسخ الرابط.",
    copyByHand: "حدّد الرابط وانسخه (Ctrl+C، أو ⌘C على جهاز Mac).",
    oneUse: (time) => `يعمل الرابط مرة واحدة فقط، وتنتهي صلاحيته في الساعة ${time}. لا تشاركه مع أحد.`,
    creating: "جارٍ إنشاء رابط آمن…",
    waiting: "في انتظار هاتفك…",
    connected: "تم توصيل الهاتف",
    connectedHint: "اتبع الخطوات على هاتفك وأبقِ هذه الصفحة مفتوحة.",
    added: (count, total) => `الصور المضافة: ${formatNumber(count)} من ${formatNumber(total)}.`,
    addedMark: "تمت الإضافة",
    pendingMark: "قيد الانتظار",
    expired: "انتهت صلاحية هذا الرمز.",
    renew: "الحصول على رمز جديد",
    useThisDevice: "استخدام هذا الجهاز بدلًا من ذلك",
  },

  exit: {
    title: "هل تريد مغادرة عملية التحقّق؟",
    text: "لن يتم التحقّق من هويتك بعد. يمكنك العودة وإكمال العملية لاحقًا.",
    leave: "مغادرة",
    stay: "البقاء",
  },

  errors: {
    unsupportedFileType: "هذا الملف ليس صورة يمكننا استخدامها. اختر صورة بتنسيق JPEG أو PNG.",
    emptyFile: "هذا الملف فارغ. اختر صورة أخرى.",
    fileTooLarge: (size) => `حجم هذه الصورة أكبر من ${size}. اختر صورة أصغر.`,
    imageTooSmall: (width, height) => `هذه الصورة أصغر من أن تُقرأ. استخدم صورة لا تقل أبعادها عن ${width} × ${height} بكسل، أو التقط صورة بالكاميرا.`,
    selfieTooSmall: (width, height) => `هذه الصورة صغيرة جدًا. استخدم صورة لا تقل أبعادها عن ${width} × ${height} بكسل، أو التقط صورة بالكاميرا.`,
    imageBlurry: "هذه الصورة غير واضحة. ثبّت يدك، وتأكّد من وضوح الوثيقة، ثم حاول مرة أخرى.",
    selfieBlurry: "هذه الصورة غير واضحة. لا تتحرك، وتأكّد من وضوح وجهك، ثم حاول مرة أخرى.",
    documentIncomplete: "أضف صور جميع الأوجه المطلوبة من وثيقتك قبل الإرسال.",
    handoffInvalid: "انتهت صلاحية هذا الرابط أو سبق استخدامه.",
    cameraUnavailable: "تعذّر استخدام الكاميرا.",
    network: "تعذّر الوصول إلى خدمة التحقّق. تحقّق من اتصالك وحاول مرة أخرى.",
    sessionNotOpen: "لم تعد عملية التحقّق هذه متاحة.",
  },
};
