import { APPLICATION_STATUSES, STATUS_LABELS, TRANSITIONS, type ApplicationStatus } from "@madoguchi/core";
import { en as enMessages } from "../../i18n/en.ts";
import { ja as jaMessages } from "../../i18n/ja.ts";
import type { Locale } from "../../i18n/locale.ts";
import { accountMessages } from "../account/account-messages.ts";
import { jpkiMessages } from "../account/jpki-messages.ts";
import { paymentMessages } from "../apply/payment-messages.ts";
import { signingMessages } from "../apply/signing-messages.ts";
import { kioskMessages } from "../../kiosk/kiosk-messages.ts";
import type { Manual } from "./manual.ts";

/** What the guide says that depends on the deployment (from `/api/config`). */
export interface ResidentGuideFacts {
  /** The municipality, e.g. みほん市. */
  readonly city: string;
  /** The card brands accepted (`MADOGUCHI_CARD_BRANDS`), as written for people: VISA, Mastercard, JCB. */
  readonly cardBrands: readonly string[];
}

/** The statuses a resident may withdraw from (core's workflow: before staff start processing, or when returned). */
const WITHDRAWABLE: readonly ApplicationStatus[] = TRANSITIONS.withdraw.from;

const STATUS_MEANING: Readonly<Record<Locale, Readonly<Record<ApplicationStatus, string>>>> = {
  ja: {
    submitted: "申請が届きました。職員の確認を待っています。",
    received: "職員が内容を確認し、受け付けました。",
    processing: "証明書の作成などの処理をしています。",
    completed: "処理が終わり、証明書を発送しました。",
    rejected: "申請を受理できませんでした。理由がメールと申請状況の画面に表示されます。",
    returned: "内容に確認が必要なため、差し戻されました。理由がメールと申請状況の画面に表示されます。",
    withdrawn: "申請を取り下げました。",
  },
  en: {
    submitted: "Your application has arrived and is waiting for staff to check it.",
    received: "Staff have checked and accepted your application.",
    processing: "Staff are preparing your certificate.",
    completed: "Finished: the certificate has been posted.",
    rejected: "Your application could not be accepted. The reason is in the email and on the status page.",
    returned: "Your application was returned because something needs checking. The reason is in the email and on the status page.",
    withdrawn: "You withdrew the application.",
  },
};

const statusRows = (locale: Locale) =>
  APPLICATION_STATUSES.map((s) => [
    STATUS_LABELS[s][locale],
    STATUS_MEANING[locale][s],
    WITHDRAWABLE.includes(s) ? (locale === "ja" ? "できます" : "Yes") : locale === "ja" ? "できません" : "No",
  ]);

const withdrawableNames = (locale: Locale): string => WITHDRAWABLE.map((s) => (locale === "ja" ? `「${STATUS_LABELS[s].ja}」` : `“${STATUS_LABELS[s].en}”`)).join(locale === "ja" ? "・" : ", ");

/** The names of the buttons, links and pages the guide points to, as the app shows them. */
const uiNames = (locale: Locale) => {
  const t = locale === "ja" ? jaMessages : enMessages;
  const account = accountMessages(locale);
  const signing = signingMessages(locale);
  return {
    procedures: t.header.home,
    statusPage: t.header.status,
    myApplications: account.nav.applications,
    createAccount: account.login.register,
    register: account.register.submit,
    login: account.login.title,
    forgot: account.login.forgot,
    locked: account.unlock.ask,
    settings: account.settings.title,
    jpkiLogin: jpkiMessages(locale).loginWithApp,
    apply: t.portal.apply,
    required: t.form.required,
    any: t.portal.any,
    edit: t.confirm.edit,
    toSign: t.confirm.toSign,
    toPay: t.confirm.toPay,
    cardCheck: signing.cardCheckHeading,
    showContent: t.sign.showContent,
    appHeading: signing.appHeading,
    cardHeading: signing.cardHeading,
    sign: t.sign.submit,
    phoneStart: signing.phoneStart,
    savedCard: paymentMessages(locale).savedCardHeading,
    statusLink: t.receipt.statusLink,
    withdraw: t.status.withdraw,
  };
};

const ja = (f: ResidentGuideFacts): Manual => {
  const u = uiNames("ja");
  return {
    title: "オンライン申請の使い方",
    intro: [
      `${f.city}のオンライン申請の使い方を説明します。市役所の窓口に来なくても、証明書の交付などをパソコンやスマートフォンから申請できます。`,
      ["わからないことがあるときは、", { href: "#guide-contact", text: "お問い合わせ先" }, "をご覧ください。"],
    ],
    contents: "目次",
    backToContents: "目次へ戻る",
    sections: [
      {
        id: "guide-overview",
        title: "申請の流れと準備するもの",
        blocks: [
          {
            ordered: true,
            list: [
              `手続きをさがす（${u.procedures}）`,
              "申請内容を入力する",
              "入力内容と手数料を確認する",
              "マイナンバーカードで電子署名をする（署名が必要な手続きだけ）",
              "手数料をクレジットカードで支払う",
              "受付番号とアクセスコードを控える",
            ],
          },
          "画面の上に、いまどの手順にいるかが表示されます。準備するものは次のとおりです。",
          {
            list: [
              "メールアドレス（受付や状況のお知らせが届きます）",
              `クレジットカード（${f.cardBrands.join("、")}）`,
              "署名が必要な手続きでは、マイナンバーカードと署名用電子証明書のパスワード（英大文字と数字の6〜16文字）、カードを読み取れるスマートフォンまたはICカードリーダー",
            ],
          },
        ],
      },
      {
        id: "guide-account",
        title: "アカウントの作成とログイン",
        blocks: [
          `アカウントがなくても、メールアドレスだけで申請できる手続きがあります。アカウントを作ると、ログインして申請した手続きを「${u.myApplications}」でまとめて確認でき、支払いに使うカードを保存できます。手続きによっては、アカウントへのログインが必要です（申請の送信時に「この手続きは、アカウントにログインしてから申請してください。」と表示されます）。`,
        ],
        subsections: [
          {
            id: "guide-account-register",
            title: "アカウントを作る",
            blocks: [
              {
                ordered: true,
                list: [
                  [`画面上のメニューの「${u.myApplications}」から「`, { href: "/account/register", text: u.createAccount }, "」を開きます。"],
                  `メールアドレスとパスワード（8文字以上。覚えやすい長い文がおすすめです）を入力し、「${u.register}」を押します。`,
                  "届いたメールのリンクを開くと、メールアドレスの確認が終わり、ログインできるようになります。",
                ],
              },
              "すでに登録済みのアドレスで登録しようとした場合は、その旨をお知らせするメールが届きます。",
            ],
          },
          {
            id: "guide-account-login",
            title: "ログインする（2段階の確認）",
            blocks: [
              {
                ordered: true,
                list: [
                  ["「", { href: "/account/login", text: u.login }, "」画面で、メールアドレスとパスワードを入力します。"],
                  "続けて、2段階目の確認をします。ふだんは、メールで届く6桁の確認コード（10分間有効）を入力します。アカウント設定で認証アプリを設定した場合は、認証アプリに表示される6桁のコードを入力します。",
                ],
              },
              {
                list: [
                  "パスキー（スマートフォンやパソコンの指紋・顔認証・PIN）を登録すると、確認コードの代わりに使えます。登録はアカウント設定で行います。",
                  "認証アプリの入ったスマートフォンをなくしたときは、設定時に表示されたリカバリーコードを使います。",
                  `アカウント設定でマイナンバーカードを連携すると、「${u.jpkiLogin}」も使えます（この方法が表示される場合）。`,
                  "操作しないまま60分たつと、ログインが切れます。もう一度ログインしてください。",
                ],
              },
            ],
          },
          {
            id: "guide-account-trouble",
            title: "パスワードを忘れたとき・ロックされたとき",
            blocks: [
              {
                list: [
                  `ログイン画面の「${u.forgot}」から、再設定用のリンクをメールで受け取れます。リンクは30分間、1回だけ使えます。認証アプリを設定している場合は、そのコードも必要です。`,
                  `パスワードや確認コードを続けて間違えると（20回）、アカウントが15分間ロックされ、お知らせのメールが届きます。ログイン画面の「${u.locked}」から、ロック解除のリンク（1時間有効）をメールで受け取れます。`,
                  ["パスワード・メールアドレス・ログイン時の確認方法は、「", { href: "/account/settings", text: u.settings }, "」で変更できます。変更するたびに、お知らせのメールが届きます。"],
                ],
              },
            ],
          },
        ],
      },
      {
        id: "guide-search",
        title: "手続きのさがし方",
        blocks: [
          ["「", { href: "/", text: u.procedures }, "」で、次の方法で手続きをさがせます。条件は組み合わせられます。"],
          {
            list: [
              "キーワード：手続きの名前やよみがなで探せます（例：じゅうみんひょう、課税証明）。",
              "分類：証明書の種類などで絞り込みます。",
              "くらしのできごと：結婚、引っ越しなど、できごとに必要な手続きを表示します。",
            ],
          },
          `見つからないときは、キーワードを変えるか、分類とくらしのできごとを「${u.any}」に戻してください。それぞれの手続きには、1通の手数料と、マイナンバーカードによる電子署名が必要かどうかが表示されます。`,
        ],
      },
      {
        id: "guide-apply",
        title: "申請のしかた",
        blocks: [],
        subsections: [
          {
            id: "guide-apply-input",
            title: "入力する",
            blocks: [
              {
                list: [
                  `手続きの「${u.apply}」を押し、「${u.required}」の項目を入力します。`,
                  "生年月日は、和暦（例：昭和50年3月4日）でも西暦（例：1975-03-04）でも入力できます。",
                  "通数と送付方法を選びます。送付方法によって送料が変わります。",
                  `署名が必要な手続きでは、「${u.cardCheck}」で、カードの氏名・住所・生年月日を入力欄に入れることもできます（署名用電子証明書のパスワードが必要です）。`,
                  "入力に誤りがあると、画面の上に直す項目の一覧が表示されます。",
                ],
              },
            ],
          },
          {
            id: "guide-apply-confirm",
            title: "確認画面",
            blocks: [
              `入力した内容と手数料の内訳（手数料・送料・合計）が表示されます。誤りがあれば「${u.edit}」で入力に戻れます。よければ「${u.toSign}」（署名が必要な手続き）または「${u.toPay}」を押します。`,
            ],
          },
          {
            id: "guide-apply-receipt",
            title: "受付番号とアクセスコード",
            blocks: [
              "申請が終わると、受付番号とアクセスコードが表示され、受付のお知らせのメールが届きます。",
              { note: "アクセスコードは、申請状況の確認と申請の取り下げに必要です。画面を閉じる前に必ず控えてください。再発行はできません。メールにも書かれていません。" },
            ],
          },
        ],
      },
      {
        id: "guide-sign",
        title: "マイナンバーカードで電子署名をする",
        blocks: [
          `手続きによっては、申請内容にマイナンバーカードの署名用電子証明書で電子署名をします。ご本人からの申請であることと、内容が書き換えられていないことを確かめるためです。「${u.showContent}」で、署名する内容を確認できます。`,
        ],
        subsections: [
          {
            id: "guide-sign-ways",
            title: "署名の方法",
            blocks: [
              {
                list: [
                  `${u.appHeading}（この方法が表示される場合）：ボタンを押すとアプリに移り、署名が終わると申請に戻ってお支払いに進みます。パソコンで申請しているときは、QRコードを表示してスマートフォンで読み取ります。`,
                  `${u.cardHeading}：パソコンにつないだICカードリーダーにカードを置き、署名用電子証明書のパスワードを入力して「${u.sign}」を押します。`,
                  `${u.phoneStart}：カードを読み取れるスマートフォンのカメラでQRコードを読み取ります。QRコードは5分間、1回だけ使えます。署名が終わると、パソコンの画面は自動で次へ進みます。`,
                ],
              },
            ],
          },
          {
            id: "guide-sign-password",
            title: "署名用電子証明書のパスワード",
            blocks: [
              "カードを受け取ったときに決めた、英大文字と数字の6〜16文字のパスワードです。数字4桁の暗証番号（利用者証明用）ではありません。",
              { note: "5回続けて間違えると、署名用電子証明書がロックされます。間違えたときは、あと何回入力できるかが表示されます。" },
            ],
          },
          {
            id: "guide-sign-trouble",
            title: "署名できないとき",
            blocks: [
              "署名できないときは、理由と次にできることが画面に表示されます。",
              {
                list: [
                  "ロックされた：カードを持って、お住まいの市区町村の窓口でパスワードの初期化をしてください。",
                  "有効期限が切れている：市区町村の窓口で署名用電子証明書を更新してください。",
                  "失効している（引っ越しや氏名の変更、カードの再発行のとき）：新しいカードで署名し直してください。",
                  "15歳未満の方のカードには署名用電子証明書がないため、署名できません。",
                  "入力した内容と証明書の内容が違う：違う項目が並べて表示されます。どちらにするか選ぶか、入力画面で直して署名し直してください。",
                  "失効の確認がいまできない：しばらくしてから、もう一度お試しください。",
                ],
              },
              "署名ができない場合は、窓口や郵送など、署名の要らない方法で申請することもできます。",
            ],
          },
        ],
      },
      {
        id: "guide-pay",
        title: "手数料の支払い",
        blocks: [
          {
            list: [
              `使えるクレジットカードは ${f.cardBrands.join("、")} です。`,
              "カード番号は決済代行会社の入力欄に入力します。市のサーバーには送られません。",
              "カード会社が本人確認（3-Dセキュア）を求めることがあります。画面の指示に従ってください。",
              "カードが使えなかったときは、別のカードでもう一度お試しください。",
              `ログインして申請するときは、保存したカードで支払えます（「${u.savedCard}」）。カードはアカウント設定で保存・変更・削除できます。保存されるのは、カードの種類・末尾4桁・有効期限だけです。`,
            ],
          },
          "申請のときにカードの利用枠を確保し、処理が完了したときに代金が確定します。申請を取り下げたときや不受理になったときは、確保した分は取り消されます。",
          {
            list: [
              "手数料が後で決まる手続き（事後決済）では、申請のときには支払いません。職員が手数料を確定するとメールでお知らせしますので、申請状況の確認画面から支払ってください。",
              "職員が手数料を変更して差額が必要になったときも、メールでお知らせします。申請状況の確認画面から差額を支払ってください。手数料が減ったときは、減った分は請求されないか、返金されます。",
            ],
          },
        ],
      },
      {
        id: "guide-status",
        title: "申請状況の確認",
        blocks: [
          ["「", { href: "/status", text: u.statusPage }, `」画面で、受付番号とアクセスコードを入力します。申請完了の画面の「${u.statusLink}」からも開けます。ログインして申請した手続きは、アカウントの「${u.myApplications}」でも状況と経過を確認できます。`],
          { table: { caption: "申請の状況", head: ["状況", "意味", "取り下げ"], rows: statusRows("ja") } },
        ],
      },
      {
        id: "guide-withdraw",
        title: "申請の取り下げ",
        blocks: [
          `状況が${withdrawableNames("ja")}のあいだは、申請状況の確認画面の「${u.withdraw}」で申請を取り下げられます。確認のメッセージが出ますので、よければ「OK」を押してください。`,
          { note: "取り下げた申請は元に戻せません。職員が処理を始めた後（「処理中」になった後）は取り下げられません。市役所の担当窓口にお問い合わせください。" },
        ],
      },
      {
        id: "guide-email",
        title: "届くメール",
        blocks: [
          {
            list: [
              "申請を受け付けたとき、状況が変わったとき（受付・処理開始・完了・不受理・差戻し・取下げ）。不受理と差戻しのときは理由が書かれています。",
              "手数料の支払いが必要になったとき（事後決済の手数料が決まったとき、差額が必要になったとき）",
              "アカウントの登録・メールアドレス変更の確認リンク、ログインの確認コード、パスワード再設定やロック解除のリンク",
              "パスワードやメールアドレスの変更、ロックなど、アカウントに変更があったときのお知らせ",
            ],
          },
          "申請についてのメールには受付番号が書かれています。アクセスコードは書かれていません。メールは送信専用のため、返信はできません。",
        ],
      },
      {
        id: "guide-browsers",
        title: "使えるブラウザ",
        blocks: [
          "次のブラウザで使えます。できるだけ最新版をお使いください。JavaScript を有効にしてください。",
          {
            list: ["Google Chrome 72 以降", "Microsoft Edge 79 以降", "Safari 12 以降（iPhone・iPad を含む）"],
          },
          "古いブラウザでは、更新をお願いするメッセージが表示されます。",
        ],
      },
      {
        id: "guide-kiosk",
        title: "市役所の窓口の端末で申請する",
        blocks: [
          `${f.city}の市役所の窓口の近くに、このサービスを使える端末があります。画面の文字やボタンが大きいほかは、ご自宅で使う場合と同じです。マイナンバーカードによる署名は、端末のカードリーダーで行います。`,
          `マイナンバーカードをお持ちでない方も、カードが不要な手続は端末で申請できます。「${kioskMessages("ja").cardRequired}」と表示された手続は、窓口でお申し出ください。窓口の端末では、アカウントのページ（ログインや登録）は使えません。`,
          `使い終わったら「${kioskMessages("ja").startOver}」を押してください。入力した内容が消え、最初の画面に戻ります。2分間操作がないと、残り時間を表示したうえで同じように最初の画面に戻ります。続けるときは「${kioskMessages("ja").continue}」を押してください。`,
          "次回からは、ご自宅のスマートフォンやパソコンから申請できます。端末の画面に、このサービスのアドレスとQRコードが表示されます。",
        ],
      },
      {
        id: "guide-contact",
        title: "お問い合わせ",
        blocks: [
          `申請について分からないことは、${f.city}の市役所の担当窓口にお問い合わせください。申請した後のお問い合わせには、受付番号をお伝えください。アクセスコードやパスワードは、誰にも教えないでください。`,
          "マイナンバーカードのパスワードのロックや電子証明書の更新は、お住まいの市区町村の窓口で手続きしてください。",
        ],
      },
    ],
  };
};

const en = (f: ResidentGuideFacts): Manual => {
  const u = uiNames("en");
  return {
    title: "How to apply online",
    intro: [
      `How to use ${f.city}'s online services: apply for certificates and other procedures from your computer or smartphone, without coming to the city office.`,
      ["If something is unclear, see ", { href: "#guide-contact", text: "where to ask" }, "."],
    ],
    contents: "Contents",
    backToContents: "Back to contents",
    sections: [
      {
        id: "guide-overview",
        title: "The steps and what you need",
        blocks: [
          {
            ordered: true,
            list: [
              `Find the procedure (${u.procedures})`,
              "Enter your application",
              "Check what you entered and the fee",
              "Sign with your My Number card (only procedures that need a signature)",
              "Pay the fee by credit card",
              "Write down the receipt number and the access code",
            ],
          },
          "The top of the page shows which step you are at. You need:",
          {
            list: [
              "an email address (we tell you about your application by email)",
              `a credit card (${f.cardBrands.join(", ")})`,
              "for procedures that need a signature: your My Number card, its signature certificate password (6–16 capital letters and digits), and a smartphone that reads the card or an IC card reader",
            ],
          },
        ],
      },
      {
        id: "guide-account",
        title: "Creating an account and logging in",
        blocks: [
          `Some procedures can be applied for with an email address only, without an account. With an account you see the applications you made while logged in under “${u.myApplications}”, and you can save a card for paying. Some procedures need you to log in (when you send the application you are told “Please log in to your account to apply for this procedure.”).`,
        ],
        subsections: [
          {
            id: "guide-account-register",
            title: "Create an account",
            blocks: [
              {
                ordered: true,
                list: [
                  [`From “${u.myApplications}” in the menu, open “`, { href: "/account/register", text: u.createAccount }, "”."],
                  `Enter your email address and a password (at least 8 characters; a long phrase you can remember works well) and press “${u.register}”.`,
                  "Open the link in the email you receive: your address is confirmed and you can log in.",
                ],
              },
              "If the address is already registered, the email says so.",
            ],
          },
          {
            id: "guide-account-login",
            title: "Log in (two steps)",
            blocks: [
              {
                ordered: true,
                list: [
                  ["On the “", { href: "/account/login", text: u.login }, "” page, enter your email address and password."],
                  "Then the second step: usually the 6-digit code we email you (valid for 10 minutes). If you set up an authenticator app in your account settings, enter the 6-digit code it shows.",
                ],
              },
              {
                list: [
                  "A passkey (your phone's or computer's fingerprint, face or PIN) can replace the code. Add one in the account settings.",
                  "If you lose the phone with your authenticator app, use one of the recovery codes shown when you set it up.",
                  `With your My Number card linked in the account settings, you can also use “${u.jpkiLogin}” (where it is offered).`,
                  "After 60 minutes without activity you are logged out. Please log in again.",
                ],
              },
            ],
          },
          {
            id: "guide-account-trouble",
            title: "Forgotten password or locked account",
            blocks: [
              {
                list: [
                  `“${u.forgot}” on the login page emails you a reset link, valid once for 30 minutes. If you set up an authenticator app, its code is needed too.`,
                  `After many wrong passwords or codes in a row (20), the account locks for 15 minutes and you get an email. “${u.locked}” on the login page emails you an unlock link (valid for one hour).`,
                  ["Change your password, email address and second step in “", { href: "/account/settings", text: u.settings }, "”. Each change sends you an email."],
                ],
              },
            ],
          },
        ],
      },
      {
        id: "guide-search",
        title: "Finding a procedure",
        blocks: [
          ["On “", { href: "/", text: u.procedures }, "” you can find procedures in these ways, alone or together:"],
          {
            list: [
              "Keyword: a procedure's name or its reading (e.g. じゅうみんひょう, 課税証明).",
              "Category: narrows by kind, such as certificates.",
              "Life event: what you need for marriage, moving house and other events.",
            ],
          },
          `If nothing is found, change the keyword or set the category and life event back to “${u.any}”. Each procedure shows the fee per copy and whether it needs a My Number card signature.`,
        ],
      },
      {
        id: "guide-apply",
        title: "Applying",
        blocks: [],
        subsections: [
          {
            id: "guide-apply-input",
            title: "Enter your application",
            blocks: [
              {
                list: [
                  `Press “${u.apply}” on the procedure and fill in the items marked “${u.required}”.`,
                  "Your date of birth can be written in the Japanese era (e.g. 昭和50年3月4日) or as 1975-03-04.",
                  "Choose the number of copies and how they are sent; postage depends on the way.",
                  `For procedures that need a signature, “${u.cardCheck}” can put your card's name, address and date of birth into the form (it needs the signature certificate password).`,
                  "If something is wrong, a list of the items to correct appears at the top of the page.",
                ],
              },
            ],
          },
          {
            id: "guide-apply-confirm",
            title: "The confirmation page",
            blocks: [
              `It shows what you entered and the fee (fee, postage and total). “${u.edit}” takes you back to correct it. If all is right, press “${u.toSign}” (procedures that need one) or “${u.toPay}”.`,
            ],
          },
          {
            id: "guide-apply-receipt",
            title: "Receipt number and access code",
            blocks: [
              "When the application is sent, you see a receipt number and an access code, and you receive an email.",
              { note: "You need the access code to check the status and to withdraw the application. Write it down before you close the page: it cannot be issued again and is not in the email." },
            ],
          },
        ],
      },
      {
        id: "guide-sign",
        title: "Signing with your My Number card",
        blocks: [
          `Some procedures ask you to sign the application with your My Number card's signature certificate. This shows that the application comes from you and has not been changed. “${u.showContent}” shows exactly what you sign.`,
        ],
        subsections: [
          {
            id: "guide-sign-ways",
            title: "Ways to sign",
            blocks: [
              {
                list: [
                  `${u.appHeading} (where it is offered): the button takes you to the app; after signing you come back and go on to payment. On a computer, show the QR code and scan it with your phone.`,
                  `${u.cardHeading}: put the card on the IC card reader connected to your computer, enter the signature certificate password and press “${u.sign}”.`,
                  `${u.phoneStart}: scan the QR code with a smartphone that reads your card. The QR code works once, for 5 minutes. The computer's page goes on by itself when the signature arrives.`,
                ],
              },
            ],
          },
          {
            id: "guide-sign-password",
            title: "The signature certificate password",
            blocks: [
              "The password of 6–16 capital letters and digits you chose when you received the card. It is not the 4-digit PIN (user-authentication certificate).",
              { note: "Five wrong passwords in a row lock the signature certificate. After a wrong password you are told how many tries are left." },
            ],
          },
          {
            id: "guide-sign-trouble",
            title: "When you cannot sign",
            blocks: [
              "The page says why and what you can do next.",
              {
                list: [
                  "Locked: take your card to your municipal office to reset the password.",
                  "Expired: have the signature certificate renewed at your municipal office.",
                  "Revoked (after moving, a change of name or a reissued card): sign again with your new card.",
                  "Cards of residents under 15 have no signature certificate, so they cannot sign.",
                  "What you typed differs from the certificate: the items are shown side by side. Choose which to use, or correct the form and sign again.",
                  "Revocation cannot be checked now: please try again in a little while.",
                ],
              },
              "If you cannot sign, you can also apply in a way that needs no signature, such as at the counter or by post.",
            ],
          },
        ],
      },
      {
        id: "guide-pay",
        title: "Paying the fee",
        blocks: [
          {
            list: [
              `Cards accepted: ${f.cardBrands.join(", ")}.`,
              "You type the card number into the payment provider's fields. It is never sent to the city's server.",
              "Your card issuer may ask you to confirm it is you (3-D Secure). Follow the instructions on the page.",
              "If the card is declined, please try again with another card.",
              `When you apply logged in, you can pay with your saved card (“${u.savedCard}”). Save, change or delete it in the account settings; only the brand, the last 4 digits and the expiry are kept.`,
            ],
          },
          "The amount is reserved on your card when you apply and charged when processing is completed. If you withdraw the application or it is rejected, the reservation is cancelled.",
          {
            list: [
              "For procedures whose fee is fixed later (pay after assessment), you do not pay when you apply. We email you when staff have fixed the fee; then pay on the status page.",
              "If staff change the fee and a difference is due, we email you too; pay the difference on the status page. If the fee goes down, the difference is not charged or is refunded.",
            ],
          },
        ],
      },
      {
        id: "guide-status",
        title: "Checking the status",
        blocks: [
          ["On “", { href: "/status", text: u.statusPage }, `”, enter the receipt number and the access code, or use “${u.statusLink}” on the page shown after applying. Applications you made while logged in are also listed, with their history, under “${u.myApplications}”.`],
          { table: { caption: "Statuses of an application", head: ["Status", "Meaning", "Can withdraw"], rows: statusRows("en") } },
        ],
      },
      {
        id: "guide-withdraw",
        title: "Withdrawing an application",
        blocks: [
          `While the status is ${withdrawableNames("en")}, “${u.withdraw}” on the status page withdraws it. You are asked to confirm; press “OK” if you are sure.`,
          { note: "A withdrawal cannot be undone. Once staff have started processing (status “Processing”) you can no longer withdraw: please contact the city office." },
        ],
      },
      {
        id: "guide-email",
        title: "Emails you receive",
        blocks: [
          {
            list: [
              "When we receive your application and when its status changes (received, processing started, completed, rejected, returned, withdrawn). Rejections and returns give the reason.",
              "When a payment is due (the fee of a pay-after-assessment procedure was fixed, or a difference is due)",
              "Links to confirm your account or a new email address, login codes, and links to reset your password or unlock your account",
              "Notices of changes to your account, such as a new password or email address, or a lock",
            ],
          },
          "Emails about an application give its receipt number, never the access code. They are sent from an address that does not receive replies.",
        ],
      },
      {
        id: "guide-browsers",
        title: "Supported browsers",
        blocks: [
          "The service works in these browsers; please use the latest version you can, with JavaScript on.",
          { list: ["Google Chrome 72 or later", "Microsoft Edge 79 or later", "Safari 12 or later (iPhone and iPad too)"] },
          "An older browser shows a message asking you to update it.",
        ],
      },
      {
        id: "guide-kiosk",
        title: "Applying on the terminal at the city office counter",
        blocks: [
          `Near the counters of ${f.city}'s city office there is a terminal where you can use this service. It works as it does at home, with larger text and buttons. To sign with your My Number Card, use the terminal's card reader.`,
          `Without a My Number Card you can still apply on the terminal for the procedures that do not need it. For a procedure marked “${kioskMessages("en").cardRequired}”, please ask at the counter. The account pages (logging in, registering) are not available on the terminal.`,
          `When you have finished, press “${kioskMessages("en").startOver}”: what you entered is erased and the first screen comes back. After two minutes without any input, the terminal shows the time left and then does the same; press “${kioskMessages("en").continue}” to keep going.`,
          "Next time, you can apply from your smartphone or computer at home: the terminal shows this service's address and a QR code of it.",
        ],
      },
      {
        id: "guide-contact",
        title: "Where to ask",
        blocks: [
          `For questions about an application, contact the office in charge at ${f.city}'s city office. Please give your receipt number if you have already applied. Never tell anyone your access code or password.`,
          "To unlock your My Number card's password or renew its certificates, go to your municipal office.",
        ],
      },
    ],
  };
};

/** The residents' guide (N10) in `locale`. */
export const residentGuide = (locale: Locale, facts: ResidentGuideFacts): Manual => (locale === "ja" ? ja(facts) : en(facts));
