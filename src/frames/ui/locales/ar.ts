/** The errors every flow shares, in Arabic (loaded only when a frame switches to Arabic). */
import type { CommonMessages } from "../common-messages.js";

export const ar: CommonMessages = {
  network: "تعذّر الوصول إلى الخدمة. تحقّق من اتصالك وحاول مرة أخرى.",
  unavailable: "الخدمة غير متاحة حاليًا. يُرجى المحاولة مرة أخرى بعد بضع دقائق.",
  sessionExpired: "انتهت صلاحية هذه الجلسة. أغلق هذه النافذة وابدأ من جديد.",
  sessionOver: "انتهت هذه الجلسة بالفعل. أغلق هذه النافذة وابدأ من جديد.",
  notAllowed: "لا يُسمح لهذه الصفحة بعرض هذا النموذج. إذا كنت تدير هذا الموقع، فأضف أصله إلى الأصول المسموح بها.",
  notEmbedded: "يعمل هذا النموذج فقط داخل الموقع الذي فتحه.",
  generic: "حدث خطأ ما. يُرجى المحاولة مرة أخرى.",
  rateLimited: "محاولات كثيرة جدًا. يُرجى الانتظار بضع دقائق، ثم المحاولة مرة أخرى.",
};
