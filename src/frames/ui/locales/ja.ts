/** The errors every flow shares, in Japanese (loaded only when a frame switches to Japanese). */
import type { CommonMessages } from "../common-messages.js";

export const ja: CommonMessages = {
  network: "サービスに接続できませんでした。接続を確認して、もう一度お試しください。",
  unavailable: "現在サービスを利用できません。数分後にもう一度お試しください。",
  sessionExpired: "このセッションは期限切れです。このウィンドウを閉じて、最初からやり直してください。",
  sessionOver: "このセッションはすでに終了しています。このウィンドウを閉じて、最初からやり直してください。",
  notAllowed: "このページではこのフォームを表示できません。サイトの運営者は、許可するオリジンにこのサイトを追加してください。",
  notEmbedded: "このフォームは、開いたサイトの中でのみ使用できます。",
  generic: "問題が発生しました。もう一度お試しください。",
  rateLimited: "試行回数が多すぎます。数分待ってから、もう一度お試しください。",
};
