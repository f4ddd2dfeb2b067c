/**
 * What every frame says, in every language, about the errors all flows share. A customer
 * reads these words; the English `message` of the same error still goes to the merchant
 * in `enclave-error`, where a developer reads it.
 *
 * A flow's own codes (a declined card, a wrong bank password, a blurry photo) are in that
 * flow's catalog; `commonErrorMessage()` is its fallback.
 */
import { defineMessages } from "./i18n.js";

const en = {
  network: "We couldn't reach the service. Check your connection and try again.",
  unavailable: "The service is unavailable right now. Please try again in a few minutes.",
  sessionExpired: "This session has expired. Close this window and start again.",
  sessionOver: "This session has already ended. Close this window and start again.",
  notAllowed: "This page isn't allowed to show this form. If you run this site, add its origin to your allowed origins.",
  notEmbedded: "This form only works inside the site that opened it.",
  generic: "Something went wrong. Please try again.",
  /** A limit answered 429 (too many wrong passwords, codes or declined cards, or requests). */
  rateLimited: "Too many attempts. Please wait a few minutes, then try again.",
};

export const commonMessages = defineMessages({
  en,
  es: {
    network: "No pudimos conectar con el servicio. Comprueba tu conexión e inténtalo de nuevo.",
    unavailable: "El servicio no está disponible ahora mismo. Vuelve a intentarlo en unos minutos.",
    sessionExpired: "Esta sesión ha caducado. Cierra esta ventana y empieza de nuevo.",
    sessionOver: "Esta sesión ya ha terminado. Cierra esta ventana y empieza de nuevo.",
    notAllowed: "Esta página no puede mostrar este formulario. Si administras este sitio, añade su origen a los orígenes permitidos.",
    notEmbedded: "Este formulario solo funciona dentro del sitio que lo abrió.",
    generic: "Algo salió mal. Inténtalo de nuevo.",
    rateLimited: "Demasiados intentos. Espera unos minutos y vuelve a intentarlo.",
  },
  fr: {
    network: "Impossible de joindre le service. Vérifiez votre connexion et réessayez.",
    unavailable: "Le service est indisponible pour le moment. Réessayez dans quelques minutes.",
    sessionExpired: "Cette session a expiré. Fermez cette fenêtre et recommencez.",
    sessionOver: "Cette session est déjà terminée. Fermez cette fenêtre et recommencez.",
    notAllowed: "Cette page n’est pas autorisée à afficher ce formulaire. Si vous gérez ce site, ajoutez son origine aux origines autorisées.",
    notEmbedded: "Ce formulaire ne fonctionne que dans le site qui l’a ouvert.",
    generic: "Une erreur s’est produite. Veuillez réessayer.",
    rateLimited: "Trop de tentatives. Patientez quelques minutes, puis réessayez.",
  },
  de: {
    network: "Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    unavailable: "Der Dienst ist gerade nicht verfügbar. Bitte versuchen Sie es in ein paar Minuten erneut.",
    sessionExpired: "Diese Sitzung ist abgelaufen. Schließen Sie dieses Fenster und beginnen Sie neu.",
    sessionOver: "Diese Sitzung ist bereits beendet. Schließen Sie dieses Fenster und beginnen Sie neu.",
    notAllowed: "Diese Seite darf dieses Formular nicht anzeigen. Wenn Sie diese Website betreiben, fügen Sie ihren Ursprung zu den erlaubten Ursprüngen hinzu.",
    notEmbedded: "Dieses Formular funktioniert nur auf der Website, die es geöffnet hat.",
    generic: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
    rateLimited: "Zu viele Versuche. Bitte warten Sie ein paar Minuten und versuchen Sie es dann erneut.",
  },
  ja: {
    network: "サービスに接続できませんでした。接続を確認して、もう一度お試しください。",
    unavailable: "現在サービスを利用できません。数分後にもう一度お試しください。",
    sessionExpired: "このセッションは期限切れです。このウィンドウを閉じて、最初からやり直してください。",
    sessionOver: "このセッションはすでに終了しています。このウィンドウを閉じて、最初からやり直してください。",
    notAllowed: "このページではこのフォームを表示できません。サイトの運営者は、許可するオリジンにこのサイトを追加してください。",
    notEmbedded: "このフォームは、開いたサイトの中でのみ使用できます。",
    generic: "問題が発生しました。もう一度お試しください。",
    rateLimited: "試行回数が多すぎます。数分待ってから、もう一度お試しください。",
  },
  ar: {
    network: "تعذّر الوصول إلى الخدمة. تحقّق من اتصالك وحاول مرة أخرى.",
    unavailable: "الخدمة غير متاحة حاليًا. يُرجى المحاولة مرة أخرى بعد بضع دقائق.",
    sessionExpired: "انتهت صلاحية هذه الجلسة. أغلق هذه النافذة وابدأ من جديد.",
    sessionOver: "انتهت هذه الجلسة بالفعل. أغلق هذه النافذة وابدأ من جديد.",
    notAllowed: "لا يُسمح لهذه الصفحة بعرض هذا النموذج. إذا كنت تدير هذا الموقع، فأضف أصله إلى الأصول المسموح بها.",
    notEmbedded: "يعمل هذا النموذج فقط داخل الموقع الذي فتحه.",
    generic: "حدث خطأ ما. يُرجى المحاولة مرة أخرى.",
    rateLimited: "محاولات كثيرة جدًا. يُرجى الانتظار بضع دقائق، ثم المحاولة مرة أخرى.",
  },
});

/** The customer's words, in the current language, for an error any flow can meet. */
export function commonErrorMessage(code: string): string {
  const words = commonMessages();
  switch (code) {
    case "network_error":
      return words.network;
    case "internal_error":
    case "service_unavailable":
      return words.unavailable;
    case "client_token_expired":
    case "client_token_invalid":
    case "client_token_bound":
    case "client_token_unavailable":
      return words.sessionExpired;
    case "session_not_open":
      return words.sessionOver;
    case "origin_not_allowed":
    case "client_token_foreign":
    case "invalid_publishable_key":
      return words.notAllowed;
    case "rate_limited":
      return words.rateLimited;
    case "handshake_timeout":
    case "connection_closed":
      return words.notEmbedded;
    default:
      return words.generic;
  }
}
