/** The identity flow in Japanese (polite です・ます, as the frames' shared words). */
import { formatNumber } from "../../ui/i18n.js";
import type { IdentityCatalog } from "../messages.js";

export const ja: IdentityCatalog = {
  pageTitle: "本人確認",
  someMerchant: "この事業者",

  frame: {
    back: "戻る",
    close: "閉じる",
    secured: "Enclave による保護",
    step: (step, total) => `ステップ ${formatNumber(step)}/${formatNumber(total)}`,
  },

  documents: {
    passport: "パスポート",
    driving_license: "運転免許証",
    id_card: "身分証明書カード",
  },

  sides: {
    front: "書類の表面",
    back: "書類の裏面",
    selfie: "セルフィー",
  },

  consent: {
    title: "本人確認",
    lede: (merchant) => `${merchant}では、ご本人であることを確認させていただく必要があります。所要時間は数分です。`,
    collectTitle: "ご用意いただくもの",
    document: "政府発行の身分証明書の写真（パスポート、運転免許証、身分証明書カードのいずれか）",
    selfie: "身分証明書の人物がご本人であることを確認するためのセルフィー",
    useTitle: "利用目的",
    use: (merchant) => `${merchant}には、確認結果とあわせて、お客様の氏名、生年月日、書類の情報が提供されます。写真は本人確認の目的にのみ使用され、暗号化して保管されます。`,
    retentionTitle: "保管期間",
    retention: (merchant, days) => `画像は、${merchant}から削除の依頼があった時点、または遅くとも${formatNumber(days)}日後に削除されます。`,
    continue: "続行",
    decline: "同意しない",
  },

  document: {
    title: "身分証明書の選択",
    lede: "コピーやスクリーンショットではなく原本を使用し、有効期限が切れていないことを確認してください。",
    typeLegend: "書類の種類",
    hints: {
      passport: "顔写真のページ",
      driving_license: "表面と裏面",
      id_card: "表面と裏面",
    },
    country: "発行国",
    chooseType: "書類の種類を選択してください。",
    continue: "続行",
    saving: "選択内容を保存しています…",
  },

  capture: {
    steps: {
      passport: { title: "パスポートの顔写真ページ", lede: "パスポートの顔写真のページを開いて撮影してください。" },
      driving_license_front: { title: "運転免許証の表面", lede: "運転免許証の表面を撮影してください。" },
      driving_license_back: { title: "運転免許証の裏面", lede: "運転免許証を裏返して、裏面を撮影してください。" },
      id_card_front: { title: "身分証明書カードの表面", lede: "身分証明書カードの表面を撮影してください。" },
      id_card_back: { title: "身分証明書カードの裏面", lede: "身分証明書カードを裏返して、裏面を撮影してください。" },
      selfie: { title: "セルフィーの撮影", lede: "身分証明書の写真と照合します。明るい場所でカメラの方を向き、眼鏡や帽子は外してください。" },
    },
    tipsTitle: "きれいに撮影するには",
    documentTips: {
      flat: "明るい場所で、暗い色の平らな面に置いてください",
      corners: "四隅がすべて写るようにしてください",
      glare: "光の反射を避け、文字が隠れないようにしてください",
    },
    selfieTips: {
      face: "顔全体が枠に収まるようにしてください",
      light: "強い影ができないよう、均一な明るさの場所で撮影してください",
      expression: "表情を変えずに撮影してください",
    },
    useCamera: "カメラを使用",
    orPhone: "スマートフォンのカメラを使うと、通常より鮮明に撮影できます。",
    continueOnPhone: "スマートフォンで続行",
    upload: {
      front: "書類の表面をアップロード",
      back: "書類の裏面をアップロード",
      selfie: "セルフィーをアップロード",
    },
    starting: "カメラを起動しています…",
    guideDocument: "書類を枠内に収め、動かさないでください。",
    guideSelfie: "顔を楕円の枠内に収め、動かないでください。",
    preview: "カメラのプレビュー",
    takePhoto: "撮影する",
    cancel: "キャンセル",
    retake: "撮り直す",
    usePhoto: "この写真を使用",
    photoAlt: {
      front: "撮影した書類の表面の写真",
      back: "撮影した書類の裏面の写真",
      selfie: "撮影したセルフィー",
    },
    checking: "写真を確認しています…",
    uploading: "写真をアップロードしています…",
    cameraProblems: {
      unavailable: "このデバイスにカメラが見つかりませんでした。",
      denied: "カメラへのアクセスがブロックされています。ブラウザの設定で許可できます。",
      in_use: "カメラが別のアプリで使用されています。そのアプリを閉じてから、もう一度お試しください。",
    },
    cameraAlternatives: "代わりに写真をアップロードするか、スマートフォンで続行してください。",
    cameraAlternativesPhone: "代わりに写真をアップロードしてください。",
  },

  review: {
    title: "写真の確認",
    lede: "すべての写真が鮮明で、見切れや光の反射で隠れている部分がないことを確認してください。",
    ledePhone: "すべての写真が鮮明であることを確認してから、パソコンに送信してください。",
    addedElsewhere: "別のデバイスで追加済み",
    thumbnailAlt: {
      front: "写真：書類の表面",
      back: "写真：書類の裏面",
      selfie: "写真：セルフィー",
    },
    retake: "撮り直す",
    retakeName: {
      front: "書類の表面を撮り直す",
      back: "書類の裏面を撮り直す",
      selfie: "セルフィーを撮り直す",
    },
    submit: "送信",
    finish: "完了",
    submitting: "確認のために写真を送信しています…",
    finishing: "写真を送信しています…",
  },

  status: {
    loading: "読み込み中…",
    unavailableTitle: "本人確認をご利用いただけません",
    processingTitle: "本人確認を行っています…",
    processing: "通常は数秒で完了します。このウィンドウは開いたままにしてください。",
    verifiedTitle: "本人確認が完了しました",
    verified: (merchant) => `ありがとうございました。本人確認が完了したことを${merchant}にお知らせしました。`,
    requiresInputTitle: "本人確認ができませんでした",
    requiresInput: {
      document_unverified:
        "書類を確認できませんでした。有効期限内の公的な身分証明書であること、四隅がすべて写っていること、文字がはっきり読めることを確認して、もう一度お試しください。",
      selfie_mismatch: "セルフィーが書類の写真と一致しませんでした。明るい場所でカメラの方を向き、眼鏡や帽子を外してセルフィーを撮り直してから、もう一度お試しください。",
      other: "本人確認を完了できませんでした。もう一度お試しください。",
    },
    tryAgain: "もう一度試す",
    done: "完了",
    phoneDoneTitle: "完了しました。パソコンに戻ってください",
    phoneDone: "写真は安全に送信されました。パソコンで手続きを続けてください。このページは閉じてかまいません。",
    phoneInvalidTitle: "このリンクは使用できません",
    phoneInvalid: "パソコンで「スマートフォンで続行」をもう一度選択して、新しいコードを取得してください。",
  },

  handoff: {
    title: "スマートフォンで続行",
    lede: "スマートフォンのカメラでこのQRコードを読み取り、スマートフォンで写真を撮影してください。完了すると、このページは自動的に次へ進みます。",
    qrLabel: "スマートフォンでこの本人確認を開くQRコード",
    linkIntro: "または、スマートフォンで次のリンクを開いてください：",
    copy: "リンクをコピー",
    copied: "リンクをコピーしました。",
    copyByHand: "リンクを選択してコピーしてください（Ctrl+C、Mac の場合は ⌘C）。",
    oneUse: (time) => `このリンクは1回のみ有効で、${time}に有効期限が切れます。他の人と共有しないでください。`,
    creating: "安全なリンクを作成しています…",
    waiting: "スマートフォンからの接続を待っています…",
    connected: "スマートフォンが接続されました",
    connectedHint: "スマートフォンに表示される手順に従ってください。このページは開いたままにしてください。",
    added: (count, total) => `${formatNumber(total)}枚中${formatNumber(count)}枚の写真が追加されました。`,
    addedMark: "追加済み",
    pendingMark: "未追加",
    expired: "このコードは有効期限が切れています。",
    renew: "新しいコードを取得",
    useThisDevice: "このデバイスで続行",
  },

  exit: {
    title: "本人確認を終了しますか？",
    text: "本人確認はまだ完了していません。後で戻って続きを行うことができます。",
    leave: "終了する",
    stay: "続ける",
  },

  errors: {
    unsupportedFileType: "このファイルは使用できる写真ではありません。JPEG または PNG 形式の画像を選択してください。",
    emptyFile: "このファイルは空です。別の写真を選択してください。",
    fileTooLarge: (size) => `この写真は${size}を超えています。もっと小さい写真を選択してください。`,
    imageTooSmall: (width, height) => `この写真は小さすぎて読み取れません。${width} × ${height} ピクセル以上の写真を使用するか、カメラで撮影してください。`,
    selfieTooSmall: (width, height) => `この写真は小さすぎます。${width} × ${height} ピクセル以上の写真を使用するか、カメラで撮影してください。`,
    imageBlurry: "写真がぼやけています。手ぶれに注意し、書類にピントが合っていることを確認してから、もう一度お試しください。",
    selfieBlurry: "写真がぼやけています。動かないようにして、顔にピントが合っていることを確認してから、もう一度お試しください。",
    documentIncomplete: "送信する前に、書類の必要な面をすべて撮影して追加してください。",
    handoffInvalid: "このリンクは有効期限が切れているか、すでに使用されています。",
    cameraUnavailable: "カメラを使用できませんでした。",
    network: "本人確認サービスに接続できませんでした。接続を確認して、もう一度お試しください。",
    sessionNotOpen: "この本人確認はすでに終了しています。",
  },
};
