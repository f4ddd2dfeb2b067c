/** Bank link in Japanese (polite です/ます; Japanese has a single plural form). */
import { formatNumber } from "../../ui/i18n.js";
import type { BankLinkMessages } from "../messages.js";

const app = (merchant: string): string => merchant || "このアプリ";
const bank = (name: string): string => name || "ご利用の銀行";

export const ja: BankLinkMessages = {
  documentTitle: "Enclave 安全な銀行口座連携",

  frame: {
    back: "戻る",
    close: "閉じる",
    brand: "Enclave による保護",
    step: (step, total) => `ステップ ${formatNumber(step)}/${formatNumber(total)}`,
    loading: "読み込み中…",
    loadFailed: "現在、銀行口座の連携画面を表示できません。",
  },

  consent: {
    title: (merchant) => `${app(merchant)}は Enclave を使用して銀行口座を連携します`,
    asks: (merchant) => `${app(merchant)}が次の情報へのアクセスを求めています：`,
    products: {
      accounts: { name: "口座情報", text: "口座名、口座の種類、口座番号の下 4 桁" },
      balances: { name: "残高", text: "現在の残高と利用可能残高" },
      transactions: { name: "取引履歴", text: "最近のお取引の履歴" },
    },
    credentialsPrivate: (merchant) => `ユーザー名とパスワードは銀行にのみ送信され、${app(merchant)}に渡ることはありません。`,
    sharedOnChoice: (merchant) => `${app(merchant)}がお客様のデータを見られるのは、共有する口座をお客様が選択した後だけです。`,
    continue: "続行",
  },

  search: {
    title: "銀行を選択してください",
    searchLabel: "金融機関を検索",
    placeholder: "銀行名で検索",
    resultsLabel: "金融機関",
    popular: "よく利用される銀行",
    loadingPopular: "銀行を読み込んでいます…",
    searching: "検索しています…",
    resultCount: (count) => `${formatNumber(count)} 件の金融機関が見つかりました。矢印キーで移動し、Enter キーで選択します。`,
    noResults: (query) => `「${query}」に一致する金融機関はありません`,
    noResultsHint: "表記を確認するか、銀行の正式名称で検索してください。テスト環境では「Sandbox」で検索できます。",
    searchFailed: "金融機関を検索できませんでした。",
    popularFailed: "銀行の一覧を読み込めませんでした。",
    retry: "再試行",
  },

  credentials: {
    title: (name) => `${bank(name)}にログイン`,
    lede: (name) => `${bank(name)}のオンラインバンキングで使用しているユーザー名とパスワードを入力してください。`,
    username: "ユーザー名",
    password: "パスワード",
    showPassword: "パスワードを表示",
    submit: "送信",
    connecting: (name) => `${bank(name)}に接続しています…`,
    usernameMissing: "ユーザー名を入力してください。",
    passwordMissing: "パスワードを入力してください。",
    sandboxHint: "テスト環境：user_good / pass_good でログインできます（user_mfa は確認コードを求められ、user_locked はロックされています）。",
  },

  oauth: {
    title: (name) => `${bank(name)}へ進む`,
    lede: (name) => `新しいウィンドウで${bank(name)}のウェブサイトにログインします。パスワードが${bank(name)}以外に送られることはありません。`,
    stepSignIn: (name) => `${bank(name)}のサイトでログインし、アクセスを許可します。`,
    stepReturn: "この画面に戻り、共有する口座を選択します。",
    continue: "続行",
    opening: (name) => `${bank(name)}のページを開いています…`,
    waiting: (name) => `${bank(name)}での操作を待っています…`,
    waitingHint: (name) => `開いたウィンドウで${bank(name)}のページの操作を完了してください。この画面は自動的に次へ進みます。`,
    reopen: (name) => `${bank(name)}のページをもう一度開く`,
    blocked: (name) => `ブラウザが${bank(name)}のウィンドウをブロックしました。代わりに新しいタブで開いてください。この画面はそのまま待機します。`,
    openInTab: (name) => `${bank(name)}のページを新しいタブで開く`,
    denied: (name) => `${bank(name)}から口座が共有されませんでした。アクセスが拒否されたか、ログインがキャンセルされました。`,
    closed: (name) => `ログインが完了する前に${bank(name)}のウィンドウが閉じられました。`,
    failed: (name) => `${bank(name)}に接続できませんでした。`,
    tryAgain: "もう一度試す",
  },

  mfa: {
    title: "確認コードを入力してください",
    sentTo: (name) => `${bank(name)}から、口座に登録されている電話番号またはメールアドレスに確認コードが送信されました。`,
    label: "確認コード",
    submit: "送信",
    checking: "コードを確認しています…",
    missing: "確認コードを入力してください。",
    wrongCode: (attemptsLeft) => (attemptsLeft <= 0 ? "コードが正しくありません。" : `コードが正しくありません。あと ${formatNumber(attemptsLeft)} 回入力できます。`),
    signInAgain: "もう一度ログインする",
    sandboxHint: "テスト環境：コードは 123456 です。",
  },

  accounts: {
    title: (merchant) => `${app(merchant)}と共有する口座を選択してください`,
    lede: (merchant) => `${app(merchant)}が見られるのは、お客様が選択した口座だけです。`,
    legend: (name) => `${bank(name)}の口座`,
    endingIn: (mask) => `、末尾 ${mask}`,
    subtypes: { checking: "当座預金", savings: "貯蓄預金", "credit card": "クレジットカード" },
    types: { depository: "預金口座", credit: "クレジット口座" },
    balance: "残高",
    owed: "ご利用残高",
    noneChosen: "続行するには、口座を 1 つ以上選択してください。",
    continue: "続行",
    sharing: "口座を共有しています…",
    failed: "口座を共有できませんでした。もう一度お試しください。",
  },

  success: {
    title: (name) => `${bank(name)}に接続しました`,
    shared: (merchant, count) =>
      count === 1 ? `${app(merchant)}が、選択した口座を参照できるようになりました。` : `${app(merchant)}が、選択した ${formatNumber(count)} 件の口座を参照できるようになりました。`,
    done: "完了",
  },

  exit: {
    title: "銀行口座を連携せずに終了しますか？",
    text: (merchant) => `ここまでの操作内容は失われ、${app(merchant)}がお客様の口座にアクセスすることはできません。`,
    leave: "終了する",
    stay: "続ける",
  },

  recovery: {
    chooseAnotherBank: "別の銀行を選ぶ",
    exit: "終了",
  },

  errors: {
    invalidCredentials: "ユーザー名またはパスワードが正しくありません。",
    itemLocked: (name) =>
      `ログインの試行回数が上限を超えたため、${bank(name)}の口座がロックされています。${bank(name)}のウェブサイトでロックを解除してから、もう一度お試しください。`,
    mfaLocked: "誤ったコードが何度も入力されました。安全のため、もう一度ログインして新しいコードを受け取ってください。",
    linkStepInvalid: "この手順は無効になりました。前の画面に戻り、もう一度銀行にログインしてください。",
  },
};
