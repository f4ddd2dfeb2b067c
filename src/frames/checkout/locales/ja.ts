/** The checkout in Japanese (polite です・ます, the words Japanese card forms use: セキュリティコード, 有効期限, カード会社). */
import type { CheckoutMessages } from "../messages.js";

export const ja: CheckoutMessages = {
  pageTitle: "Enclave の安全な決済フォーム",
  loading: "お支払い情報を読み込んでいます",
  amountDue: "お支払い金額",
  paying: (merchant) => `${merchant} へのお支払い`,
  processing: "お支払いを処理しています…",
  waitingForBank: "カード会社による確認を待っています…",
  cannotShow: "現在、この決済フォームを表示できません。",

  success: {
    title: "お支払いが完了しました",
    paidTo: (merchant) => `お支払い先：${merchant}`,
    paid: "お支払い済みです。",
  },

  fields: {
    cardNumber: "カード番号",
    expiry: "有効期限",
    expiryPlaceholder: "月 / 年",
    securityCode: "セキュリティコード",
    postalCode: "郵便番号",
    optional: "任意",
  },

  securityCodeHelp: {
    button: "このコードはどこにありますか？",
    heading: "カード確認コード",
    onBack: "カード裏面の署名欄の横に印字されている 3 桁の番号です。",
    onFront: "カード表面のカード番号の上に印字されている 4 桁の番号です。",
    eitherSide: "カード裏面の署名欄の横に印字されている 3 桁の番号です。American Express のカードでは、表面に印字されている 4 桁の番号です。",
  },

  fieldErrors: {
    numberIncomplete: "カード番号を最後まで入力してください。",
    numberInvalid: "カード番号が正しくありません。",
    expiryIncomplete: "有効期限を最後まで入力してください。",
    expiryInPast: "有効期限が過ぎています。",
    expiryTooFarAhead: "有効期限が先の日付すぎます。",
    securityCodeIncomplete: "セキュリティコードを最後まで入力してください。",
    securityCodeLength: (digits) => `セキュリティコードは ${digits} 桁で入力してください。`,
    postalCodeIncomplete: "郵便番号を最後まで入力してください。",
  },

  paymentErrors: {
    declined: "カードが承認されませんでした。",
    insufficientFunds: "カードのご利用可能額が不足しています。",
    expiredCard: "カードの有効期限が切れています。",
    incorrectSecurityCode: "セキュリティコードが正しくありません。",
    invalidExpiry: "カードの有効期限が無効です。",
    invalidSecurityCode: "カードのセキュリティコードが無効です。",
    authenticationFailed: "お支払いの本人認証ができませんでした。もう一度お試しいただくか、別のカードをご利用ください。",
    notCompleted: "お支払いを完了できませんでした。カード情報をご確認いただくか、別のカードをご利用ください。",
    formExpired: "この決済フォームの有効期限が切れました。ページを再読み込みして、もう一度お試しください。",
    paymentClosed: "このお支払いはすでに完了しているか、キャンセルされています。",
    amountChanged: "合計金額が変更されました。新しい金額を確認して、もう一度お支払いください。",
  },

  threeDSecure: {
    title: "お支払いの確認",
    challengeFrame: "認証に回答するカード会社のページ",
    close: "認証をキャンセル",
  },
};
