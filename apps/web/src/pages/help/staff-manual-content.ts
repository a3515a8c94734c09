import { APPROVAL_KINDS, APPROVAL_PERMISSION, BUILT_IN_ROLES, MAX_COUNTER_MEMO_LENGTH, MAX_HANDLING_SECONDS, STAFF_COMMAND_TYPES, STATUS_LABELS, TRANSITIONS, type StaffCommandType, type StaffPermission } from "@madoguchi/core";
import { en as enMessages } from "../../i18n/en.ts";
import { ja as jaMessages } from "../../i18n/ja.ts";
import type { Locale } from "../../i18n/locale.ts";
import { approvalMessages } from "../staff/approvals/approval-messages.ts";
import { counterMessages } from "../staff/counter/counter-messages.ts";
import { recordMessages } from "../staff/counter/counter-record-messages.ts";
import { COUNTER_RECORDS_PATH } from "../staff/counter/counter-records.ts";
import { relatedFormName } from "../staff/counter/counter-related-forms.ts";
import { relatedMessages } from "../staff/counter/counter-related-messages.ts";
import { COUNTER_REPORT_PATH } from "../staff/counter/counter-report.ts";
import { reportMessages } from "../staff/counter/counter-report-messages.ts";
import { staffSectionLinks, staffSubpageLinks } from "../staff/staff-nav.tsx";
import { canUseSection, SECTION_PERMISSION, STAFF_SECTIONS, type StaffSection } from "../staff/staff-permissions.ts";
import { proxyEntryMessages } from "../staff/proxy-entry/proxy-entry-messages.ts";
import { HELP_PATHS } from "./help-labels.ts";
import type { Manual } from "./manual.ts";

/** What each page of the staff navigation is for. */
const SECTION_PURPOSE: Readonly<Record<Locale, Readonly<Record<StaffSection, string>>>> = {
  ja: {
    applications: "申請の一覧と詳細。状態の変更、手数料の変更、CSV の書き出し",
    counter: "書かない窓口：住民が持参した書類（転出証明書・在留カードなど）を読み取り、住民異動届と関連する様式を作成して印刷。その下の「保存記録」で、保存した届出書と書類を検索・表示・印刷し、「窓口の利用状況」で月ごとの件数と処理時間を確認",
    statistics: "月ごとの申請件数（手続ごと）と月次報告 CSV",
    audit: "監査ログの検索・書き出し、職員が閲覧した申請、監査ログの保存期間",
    retention: "申請データの保存期間、期間を過ぎた申請の一括削除",
    approvals: "ほかの職員の承認が必要な操作の依頼・承認・実行",
    settlement: "日ごと・手続ごとの売上・返金・カード手数料と、決済代行の記録との照合・不一致の一覧",
    notices: "ポータルの最初のページに掲載する住民向けのお知らせ（掲載期間つき）",
    procedures: "電子申請の手続と申請フォーム（追加の質問）の作成・変更・公開の停止、ポータルに掲載する申請ページのリンク",
    security: "自分のパスキーの登録と削除、通知メールの送信先（受け取らない設定も）",
    access: "グループ（担当する申請の範囲）と役割の設定",
    accounts: "職員アカウントの発行・ロック解除・無効化・再設定、住民アカウントのロック解除",
    help: "このマニュアルと管理者向けマニュアル",
  },
  en: {
    applications: "The list and detail of applications: status changes, fee changes, CSV export",
    counter: "The no-writing counter: reads the documents a resident brings (moving-out certificate, residence card …) into a residence change notification and its related forms to print; under it, “Kept records” finds, shows and prints the forms and documents kept, and “Counter usage” shows the month's counts and handling times",
    statistics: "Applications per month and procedure, and the monthly report as CSV",
    audit: "Searching and exporting the audit log, the applications a member opened, the log's retention",
    retention: "The applications' retention period and the bulk deletion of those past it",
    approvals: "Asking for, giving and carrying out approvals of actions that need a second person",
    settlement: "Captures, refunds and card fees per day and procedure, checked against the payment agent's records, and the disagreements",
    notices: "Notices to residents on the portal's first page, each shown between two days",
    procedures: "Creating, changing and stopping the online procedures and their forms (extra questions); the application pages' links to post on the portal",
    security: "Adding and removing your own passkeys; where your notification mails go (or none)",
    access: "Groups (which applications a member sees) and roles",
    accounts: "Issuing, unlocking, disabling and resetting staff accounts; unlocking resident accounts",
    help: "This manual and the administrators' manual",
  },
};

/** The built-in roles that may use a section, by name; "everyone" for the sections that need no permission. */
const whoMayUse = (section: StaffSection, locale: Locale): string =>
  SECTION_PERMISSION[section] === null
    ? locale === "ja"
      ? "全員"
      : "Everyone"
    : BUILT_IN_ROLES.filter((r) => canUseSection(r.permissions, section))
        .map((r) => r.name[locale])
        .join(locale === "ja" ? "、" : ", ");

/** The built-in roles holding a permission, by name. */
const holders = (permission: StaffPermission, locale: Locale): string =>
  BUILT_IN_ROLES.filter((r) => r.permissions.includes(permission))
    .map((r) => r.name[locale])
    .join(locale === "ja" ? "、" : ", ");

const menuRows = (locale: Locale) => {
  const links = staffSectionLinks(locale);
  return STAFF_SECTIONS.map((s) => [links[s].label, SECTION_PURPOSE[locale][s], whoMayUse(s, locale)]);
};

const REASON_NEEDED: ReadonlySet<StaffCommandType> = new Set<StaffCommandType>(["reject", "return"]);

const commandRows = (locale: Locale) => {
  const t = locale === "ja" ? jaMessages : enMessages;
  const sep = locale === "ja" ? "・" : ", ";
  return STAFF_COMMAND_TYPES.map((c) => [
    t.commands[c],
    TRANSITIONS[c].from.map((s) => STATUS_LABELS[s][locale]).join(sep),
    STATUS_LABELS[TRANSITIONS[c].to][locale],
    REASON_NEEDED.has(c) ? (locale === "ja" ? "必要（申請者に通知）" : "Yes (sent to the resident)") : locale === "ja" ? "不要" : "No",
  ]);
};

const approvalRows = (locale: Locale) => APPROVAL_KINDS.map((k) => [approvalMessages[locale].kind[k], holders(APPROVAL_PERMISSION[k], locale)]);

const statusNames = (locale: Locale, statuses: readonly (keyof typeof STATUS_LABELS)[]): string =>
  statuses.map((s) => (locale === "ja" ? `「${STATUS_LABELS[s].ja}」` : `“${STATUS_LABELS[s].en}”`)).join(locale === "ja" ? "・" : ", ");

const ja = (): Manual => {
  const t = jaMessages;
  const nav = staffSectionLinks("ja");
  const sub = staffSubpageLinks("ja");
  const a = approvalMessages.ja;
  const c = counterMessages.ja;
  const r = recordMessages.ja;
  const rf = relatedMessages.ja;
  const rp = reportMessages.ja;
  const p = proxyEntryMessages.ja;
  return {
    title: "職員向けマニュアル",
    intro: [
      "申請管理（職員用画面）の使い方です。職員用画面は、庁内の職員用ネットワーク（LGWAN）の端末からだけ開けます。ブックマークから開いてください。",
      ["職員アカウント、グループと権限、監査ログ、保存期間、バックアップなどの管理は、", { href: HELP_PATHS.admin, text: "管理者向けマニュアル" }, "にあります。"],
    ],
    contents: "目次",
    backToContents: "目次へ戻る",
    sections: [
      {
        id: "staff-signin",
        title: "ログイン",
        blocks: [],
        subsections: [
          {
            id: "staff-signin-first",
            title: "初めてのログイン",
            blocks: [
              {
                ordered: true,
                list: [
                  "管理者がアカウントを発行すると、パスワード設定用のリンクがメールで届きます（30分間、1回だけ有効）。",
                  "リンクを開き、15文字以上の、他で使っていないパスワードを設定します。管理者はパスワードを知りません。",
                  "ログインIDとパスワードでログインし、認証アプリ（二要素認証）を登録します。認証アプリでQRコードを読み取るか秘密鍵を入力し、表示された6桁の確認コードを入力します。",
                  "リカバリーコードが10個、一度だけ表示されます。印刷するなどして安全な場所に保管してください。各コードは1回だけ、確認コードの代わりに使えます。",
                ],
              },
            ],
          },
          {
            id: "staff-signin-daily",
            title: "毎回のログイン",
            blocks: [
              "ログインIDとパスワードを入力し、続けて認証アプリの6桁の確認コードを入力します。",
              {
                list: [
                  `「${t.staff.usePasskey}」：「${nav.security.label}」でパスキー（この端末の指紋・顔認証・PIN、またはセキュリティキー）を登録すると、確認コードの代わりに使えます。偽のサイトでは使えないため、確認コードより安全です。`,
                  `「${t.staff.useRecoveryCode}」：認証アプリを使えないときは、リカバリーコードを入力します。`,
                ],
              },
              `ログインすると、画面の上に前回のログインの日時と接続元が表示されます。心当たりのないログインがあれば、パスワードが他人に知られているおそれがあります。すぐに管理者に連絡してください。終わるときは「${t.staff.logout}」を押します。`,
            ],
          },
          {
            id: "staff-signin-lock",
            title: "ロックとログインの有効期限",
            blocks: [
              {
                list: [
                  `パスワードまたは確認コードを続けて間違えると（既定では10回）、アカウントが30分間ロックされます。ロック中も画面の表示は「${t.staff.loginFailed}」のままです。急ぐときは管理者にロック解除を依頼してください。`,
                  `操作しないまま30分たつと、またはログインから12時間たつと、ログインが切れます（「${t.staff.sessionExpired}」）。もう一度ログインすると、開いていた画面に戻ります。`,
                ],
              },
            ],
          },
          {
            id: "staff-signin-code",
            title: "確認コードの再入力",
            blocks: [
              "CSV の書き出し、手数料の変更、保存期間の変更、アカウントの管理など、影響の大きい操作では、最後に確認コードを入力してから10分以上たっていると、確認コードをもう一度求められます。",
            ],
          },
        ],
      },
      {
        id: "staff-menu",
        title: "メニューと権限",
        blocks: [
          "画面上部のメニューには、自分の役割で使える画面だけが表示されます。アドレスを直接開いても、権限のない画面には「権限がありません」と表示されます。また、自分の所属するグループが担当する申請だけが表示されます。",
          { table: { caption: "職員メニューの画面", head: ["画面", "できること", "使える役割"], rows: menuRows("ja") } },
        ],
      },
      {
        id: "staff-list",
        title: "申請一覧",
        blocks: [
          {
            list: [
              `「${nav.applications.label}」には、新しい申請から順に表示されます。「${t.staff.filterStatus}」で状態ごとに絞り込めます。`,
              `件数が多いときは「${t.staff.prev}」「${t.staff.next}」でページを移ります。`,
              "受付番号（または行）を押すと、申請の詳細が開きます。",
            ],
          },
          { note: "一覧の表示と申請の閲覧は、すべて監査ログに記録されます。業務に必要な申請だけを開いてください。" },
        ],
        subsections: [
          {
            id: "staff-proxy-entry",
            title: p.title,
            blocks: [
              `郵送・窓口・書面・電話・メールで受け付けた申請は、「${nav.applications.label}」の「${p.open}」から、申請者に代わって入力します（${holders("applications.process", "ja")}の役割が必要です）。`,
              {
                ordered: true,
                list: [
                  `「${p.procedure}」を選び、申請書のとおりに申請者の情報と申請の内容を入力します。メールアドレスがないときは空欄にします（申請者にメールは送られません）。`,
                  `「${p.intakeLegend}」に、「${p.channel}」「${p.receivedOn}」（申請書が届いた日。366日より前のものは入力できません）「${p.payment}」と、必要なら「${p.note}」（同封物など、職員向け）を入力します。`,
                  `「${p.submit}」を押すと、オンラインの申請と同じく「申請済」で登録され、受付番号と照会用パスワードが表示されます。「${p.print}」で印刷して申請者に渡してください。照会用パスワードは、この画面を離れると再表示できません。`,
                ],
              },
              {
                list: [
                  `電子署名が必要な手続きは、本人からの申請書がある「${p.channels.mail}」「${p.channels.counter}」「${p.channels.paper}」でだけ受け付けられます（「${p.channels.phone}」「${p.channels.email}」は選べません）。`,
                  `「${p.payments.not_required}」は手数料が0円のときだけ選べます。手数料はこの画面では決済しません。`,
                  `代理入力した申請の詳細には「${p.record.heading}」が表示されます。`,
                ],
              },
            ],
          },
        ],
      },
      {
        id: "staff-detail",
        title: "申請の詳細と状態の変更",
        blocks: [
          "詳細画面には、申請者、申請内容、手数料、電子署名（署名者・発行者・検証日時）、決済（オーソリID・カードブランド・カード番号下4桁・決済状態）、経過が表示されます。",
        ],
        subsections: [
          {
            id: "staff-status",
            title: "状態の変更",
            blocks: [
              `「${t.staff.actionsHeading}」に、いまの状態で行える操作だけがボタンで表示されます（${holders("applications.process", "ja")}の役割が必要です）。`,
              { table: { caption: "状態を変える操作", head: ["操作", "できる状態", "変更後の状態", "理由"], rows: commandRows("ja") } },
              {
                list: [
                  `「${t.commands.reject}」と「${t.commands.return}」では「${t.staff.reason}」を入力し、「${t.staff.confirmCommand(t.commands.reject)}」などを押します。理由はメールと申請状況の画面で申請者に伝わります。個人情報は書かず、分かりやすく書いてください。`,
                  "状態を変えるたびに、申請者にメールでお知らせします。",
                  "「完了」にすると、カードの代金を確定（売上確定）します。「不受理」のときは与信を取り消し、確定済みの代金は返金します。",
                  "手数料が後で決まる手続き（事後決済）は、手数料を確定するまで「完了」にできません。",
                  `ほかの職員が先に変更していたときは「${t.staff.conflict}」と表示されます。再読み込みして、いまの状態を確かめてください。`,
                  `申請者は、状態が${statusNames("ja", TRANSITIONS.withdraw.from)}のあいだは申請を取り下げられます。「処理中」にした後は取り下げられません。`,
                ],
              },
            ],
          },
        ],
      },
      {
        id: "staff-fees",
        title: "手数料の変更と「手数料と支払い」欄",
        blocks: [
          "申請の詳細の「手数料と支払い」欄に、現在の手数料、与信額、売上確定額、返金額、売上確定前の与信、申請者の未払い差額と、手数料の変更の履歴が表示されます。",
          `手数料を変える権限（${holders("fees.change", "ja")}）がある職員は、「手数料を変更する」で数量の変更や項目ごとの免除理由と、変更の理由（個人情報は書かない）を入力して変更します。確認コードの再入力を求められることがあります。`,
          {
            list: [
              "減額：完了時に減額して売上確定するか、確定済みの代金から差額を返金します。",
              "増額：申請者に差額の支払いをメールで依頼します。申請者は申請状況の確認画面から支払います。",
              "事後決済の手続きでは、ここで手数料を確定します。申請者にお支払いのお願いのメールが届きます。",
            ],
          },
          ["一定の金額（既定では3,000円）を超える増減には、ほかの職員の承認が必要です。断られたときに表示される「", a.request, "」から依頼し、承認されたら同じ画面から実行します（", { href: "#staff-approvals", text: "承認" }, "）。"],
          "「決済代行の記録と台帳が一致しません」と表示されたときは、決済代行の管理画面でその取引（与信ID）を確認し、必要な対応をしてください。台帳は自動では変更されません。",
        ],
      },
      {
        id: "staff-export",
        title: "CSV の書き出し",
        blocks: [
          `書き出しの権限（${holders("applications.export", "ja")}）がある職員には、「${nav.applications.label}」に書き出しのボタンが表示されます。`,
          {
            ordered: true,
            list: [
              "必要なら状態で絞り込みます（絞り込みがそのまま書き出しの条件になります）。",
              "「書き出す列」で、書き出す列を選びます。個人情報の列は必要なときだけ選んでください。",
              "「CSVで書き出す（UTF-8）」または「CSVで書き出す（Shift_JIS）」を押します。確認コードの再入力を求められることがあります。",
            ],
          },
          {
            list: [
              "書き出せるのは、自分のグループが担当する申請だけです。書き出しは件数とともに監査ログに記録されます。",
              "表計算ソフトで数式として動かないよう、数式に見えるセルは無効化して書き出します。",
              ["一定の件数（既定では100件）を超える書き出しには、ほかの職員の承認が必要です。表示される「", a.request, "」を押し、承認されたら「", { href: "#staff-approvals", text: nav.approvals.label }, "」画面から実行します。"],
            ],
          },
        ],
      },
      {
        id: "staff-approvals",
        title: "承認（二人の確認）",
        blocks: [
          a.intro,
          { table: { caption: "承認が必要な操作", head: ["操作", "依頼・承認できる役割"], rows: approvalRows("ja") } },
          {
            list: [
              `依頼は「${nav.approvals.label}」画面に表示されます。同じ権限を持つ、依頼者以外の職員が内容（件数の条件・列・金額・期間）を確かめて「${a.approve}」または「${a.reject}」を押します。自分の依頼は承認できません。`,
              `承認されたら、依頼した職員が「${a.carryOut}」を押して実行します。承認から24時間以内に1回だけ、承認された内容のとおりにだけ実行できます。`,
              `状態は「${a.state.pending}」「${a.state.approved}」「${a.state.rejected}」「${a.state.used}」「${a.state.expired}」のいずれかです。`,
            ],
          },
        ],
      },
      {
        id: "staff-settlement",
        title: "精算",
        blocks: [
          `「${nav.settlement.label}」（日次精算、${holders("fees.change", "ja")}）は、開始日と終了日（日本時間）を指定して、日ごと・手続ごとの件数、売上額、返金額、カード手数料、差引額を表示します。カード手数料は設定された率（既定では3.5%）で、行ごとに円未満を切り捨てます。`,
          {
            list: [
              "CSV（UTF-8 または Shift_JIS）で書き出せます。",
              "「決済代行の記録との照合」で、当方の記録と決済代行の記録を比べます。違いがあれば「金額が異なる」「当方の記録のみ」「決済代行の記録のみ」「日計が異なる」として表示されます。決済代行の明細と照らし合わせてください。",
              "「窓口・郵送での収納（代理入力）」には、代理入力した申請の手数料（定額小為替・現金）が、入力した日・手続・支払方法ごとに表示されます。不受理・取下げになった申請の分は「返還対象」です。現金出納簿や定額小為替の受払簿と照合してください（CSVにも含まれます）。",
            ],
          },
        ],
      },
      {
        id: "staff-statistics",
        title: "利用状況",
        blocks: [
          `「${nav.statistics.label}」は、対象月（日本時間）を選んで、受け付けている手続の数、その月の申請数、住民のログイン数と、手続ごとの申請数・処理中・完了・不受理・取下げ・手数料合計を表示します。担当する手続だけが数えられ、個人情報は含みません。月次報告 CSV（UTF-8 または Shift_JIS）を書き出せます。`,
        ],
      },
      {
        id: "staff-counter",
        title: "書かない窓口（住民異動届）",
        blocks: [
          `「${nav.counter.label}」（${holders("counter.use", "ja")}）では、住民が持参した書類（転出証明書・在留カード・運転免許証・マイナンバーカード・戸籍など）を読み取り、住民異動届（転入・転居・転出・世帯主変更）を作成して印刷します。`,
          {
            ordered: true,
            list: [
              `書類をスキャナーで読み取り、「${c.file}」で画像を選びます。「${c.template}」は「${c.templateAuto}」のままで構いません。登録されていない様式の書類は、「${c.fallback}」で種類を選ぶと項目名を手がかりに読み取ります（読み取った値はすべて確認が必要です）。`,
              `「${c.read}」を押します。読み取りには数秒かかります。`,
              `読み取った値が届出書の欄に入ります。「${c.flagged}」の欄には、理由と読み取った文字が表示されます。欄を選ぶと、書類の画像の上に読み取った位置が枠で示されます（目安）。書類と照らし合わせ、正しければ「${c.confirm}」を押し、違っていれば正しい値を入力します（入力した値は確認済みになります）。氏名は必ず確認が必要です。`,
              "2枚目の書類（転出証明書の後に在留カードなど）を読み取ると、まだ空いている欄だけが埋まります。入力済みの値は変わりません。",
              `書類全体についての注意（世帯主と続柄の食い違い、届出書に書ききれない人など）は、「${c.scansHeading}」に表示されます。確かめて「${c.acknowledge}」を押します。`,
              `「${c.issuesHeading}」の項目がなくなると「${c.print}」を押せます。PDFを印刷し、住民に署名してもらいます。表示される${c.confirmationNumber}は届出書にも印刷されます。作成した届出書は、保存記録として自動で保存されます。`,
              `続いて表示される「${r.keepHeading}」で、読み取った書類を届出書と一緒に保存します。書類はチェックされ、書類の種類の名前（転出証明書など）が付いています。保存しない書類はチェックを外し、名前は必要なら直します。委任状など読み取っていない書類は「${r.addOtherHeading}」でファイルと名前（例：委任状）を指定して「${r.addToList}」を押します。A4以外の大きさの書類もそのまま保存されます。「${r.keep}」を押すと、書類ごとに「${r.kept}」か、保存できなかった理由が表示されます。保存できなかった書類は、確かめてからもう一度「${r.keep}」を押します。`,
              `住民票の写しや印鑑登録も必要なときは、その下の「${rf.heading}」で作成します（次の「${rf.heading}」を参照）。`,
            ],
          },
          {
            list: [
              "日付は、令和8年11月25日、S50.3.4、2026-11-25 のどの書き方でも入力できます。届出書には和暦で印刷されます。",
              `読み取った値をほかのシステムの入力画面に写すときは、値の横の「${c.copy}」で1項目ずつ、「${c.copyAll}」で全項目を「項目名（タブ）値」の行にしてコピーし、貼り付けます（未確認の値には「（未確認）」が付きます。ブラウザーがコピーに対応していないときはボタンが表示されないので、値を選択してコピーします）。`,
              `毎日のように入力する語句（建物名・長い町名・本籍など）は「${c.phrasesHeading}」に登録しておくと、欄を選んでから語句のボタンを押すだけで、その欄のカーソルの位置に入ります（入力したのと同じく確認済みになります）。登録と削除は「${c.phrasesEdit}」から行い、窓口の職員全員で共有します。住民の氏名など個人情報は登録しません。`,
              `「${c.memoName}」には、確認したこと（本人確認書類など）や残っている手続きを書いておけます（${MAX_COUNTER_MEMO_LENGTH}文字まで）。メモは届書には印刷されず、保存記録と一緒に保存され、記録の画面に表示されます。印刷した後も、記録の画面の「メモを編集」で書き足したり直したりできます。語句のボタンでメモにも入力できます。`,
              `IMEで出ない氏名の漢字（髙・﨑・邉・𠮷 など）は「${c.kanjiHeading}」で探します。読みをかなで（たか、名乗りの ひとし なども）入力するか、似た漢字を1字入力して「${c.kanjiSearch}」を押すと、${c.kanjiRelations.variant}（高→髙、辺→邊・邉）や${c.kanjiRelations.same_radical_strokes}（吉→𠮷）が表示されます。欄を選んでから漢字のボタンを押すと、その欄のカーソルの位置に入ります。表示されるのは届出書の書体（IPAmj明朝）で印刷できる漢字だけです。`,
              `次の住民の届出は「${c.newNotification}」で始めます。`,
            ],
          },
          { note: `書類の読み取りと届出書の作成は監査ログに記録されます。届出の内容は印刷するまでこの画面にだけあり、画面を閉じたり再読み込みしたりすると消えます。読み取った書類も「${r.keep}」を押すまでこの画面にだけあり、「${c.newNotification}」を押すと消えます。` },
        ],
        subsections: [
          {
            id: "staff-counter-related",
            title: "関連する様式（住民票の写し等交付請求書・印鑑登録申請書）",
            blocks: [
              `住民異動届を印刷すると、「${r.keepHeading}」の下に「${rf.heading}」が表示されます。転入などと一緒に出されることの多い${relatedFormName("juminhyo-seikyu", "ja")}と${relatedFormName("inkan-toroku", "ja")}を、印刷した住民異動届の内容から作成します。住民に同じことを書いてもらう必要はありません。`,
              {
                ordered: true,
                list: [
                  `様式ごとに「${rf.applicant["juminhyo-seikyu"]}」「${rf.applicant["inkan-toroku"]}」を、届出の人の中から選びます（最初は1人目）。`,
                  `「${rf.print(relatedFormName("inkan-toroku", "ja"))}」などを押すと、PDFがダウンロードされます。届出書と同じ確認番号が印刷され、届出書の保存記録にも保存されます。`,
                  `PDFを印刷し、住民に署名・押印してもらいます。${relatedFormName("juminhyo-seikyu", "ja")}には届出の全員が印刷されるので、必要のない人は住民が線を引いて消します。`,
                ],
              },
              { note: `使うのは住民異動届を印刷した時点の内容です。印刷した後に画面の届出を直しても、関連する様式には反映されません。直したときは、先に住民異動届を作成し直してください。作成した様式は監査ログに記録されます。` },
            ],
          },
          {
            id: "staff-counter-records",
            title: "保存記録（届出書と書類の検索・表示・印刷）",
            blocks: [
              [
                `書かない窓口で作成した届出書と、一緒に保存した書類は、PDFで保存期限（作成から数年、自治体の定める期間）まで保存され、期限を過ぎると削除されます。メニューの「${nav.counter.label}」の横にある「`,
                { href: COUNTER_RECORDS_PATH, text: sub.counterRecords.label },
                `」（${holders("counter.use", "ja")}）で探します。`,
              ],
              {
                ordered: true,
                list: [
                  `「${r.from}」「${r.to}」に、届出書を作成した日の範囲を入れます（最初は直近30日、366日まで）。`,
                  `わかる条件を入れます。「${r.name}」は一部だけでも探せ、空白・全角半角・ひらがなカタカナの違いは区別しません。「${r.birthDate}」は昭和55年4月1日、S55.4.1、1980-04-01 のどの書き方でも入力できます。「${r.number}」は届出書に印刷された番号です。「${r.keyword}」は新旧の住所か窓口メモの一部（委任状、建物名など）で探せます。`,
                  `「${r.search}」を押すと、新しい順に最大100件の記録が表示されます。「条件に合う記録がほかにもあります」と表示されたら、期間を短くするか条件を加えます。`,
                  `${r.colNumber}を押すと記録が開き、異動した人（生年月日は和暦と西暦）、住所、「${r.documentsHeading}」が表示されます。書類の「${r.open}」を押すとPDFがダウンロードされるので、開いて表示・印刷します。`,
                  `あとから届いた書類は、記録の「${r.addHeading}」でファイルと名前を指定して「${r.add}」を押すと保存されます。`,
                ],
              },
              { note: "保存記録の検索、記録の表示、書類を開いた操作は、すべて監査ログに記録されます。業務に必要のない記録は開かないでください。" },
            ],
          },
          {
            id: "staff-counter-report",
            title: "窓口の利用状況",
            blocks: [
              [
                `メニューの「${nav.counter.label}」の下にある「`,
                { href: COUNTER_REPORT_PATH, text: sub.counterReport.label },
                `」（${holders("counter.use", "ja")}）では、「${rp.month}」（最初は今月、日本時間）を選んで「${rp.show}」を押すと、その月の書かない窓口の利用状況が表示されます。件数と時間だけで、個人情報は含みません。`,
              ],
              {
                list: [
                  `「${rp.formsHeading}」：日ごと・届出の種類ごとの届出書の件数と、処理時間の中央値と90%値（分）。処理時間は、最初の書類を読み取ってから住民異動届を印刷するまでです。書類を読み取らずに作成した届出と${MAX_HANDLING_SECONDS / 3600}時間を超えたものは含まず、処理時間がわからないときは「—」と表示されます。`,
                  `「${rp.totalsHeading}」：転入・転居・転出・世帯主変更ごとの月の件数と合計。`,
                  `「${rp.relatedHeading}」：${relatedFormName("juminhyo-seikyu", "ja")}と${relatedFormName("inkan-toroku", "ja")}を作成した件数。`,
                  `「${rp.scansHeading}」：${rp.scansRead}、${rp.scansFailed}の件数と、読み取った項目のうち職員の確認が必要だった項目の割合（氏名は常に確認が必要な項目に数えられます）。`,
                ],
              },
            ],
          },
        ],
      },
      {
        id: "staff-mail",
        title: "職員に届くメール",
        blocks: [
          {
            list: [
              "新しい申請が届いたとき：その申請を処理できる職員（メールアドレスの登録がある人）に届きます。",
              "毎日1回：受け付けてから一定の日数（既定では3日）以上、処理が始まっていない申請の一覧が届きます。",
              "自分のアカウントの変更：パスワードの設定、認証アプリの登録、リカバリーコードの使用、パスキーの追加・削除のお知らせが届きます。心当たりがなければ、すぐに管理者に連絡してください。",
            ],
          },
          "申請についてのメールには、受付番号と手続名だけが書かれ、住民の個人情報やリンクは書かれていません。職員用画面はブックマークから開き、受付番号で探してください。",
          "送信先は「セキュリティ」画面の「通知メール」で自分で変えられます。受け取らない設定にもできます（変更には確認コードの再入力が必要なことがあります）。",
        ],
      },
      {
        id: "staff-audit",
        title: "操作の記録（監査ログ）",
        blocks: [
          "次の操作は、職員ID・日時・接続元とともに監査ログに記録されます。記録は書き換えられないように保護されています。",
          {
            list: [
              "ログインの成功と失敗、ログアウト",
              "申請一覧の表示、申請の閲覧、状態の変更、手数料の変更、書き出し",
              "権限がなく断られた操作",
              "監査ログの閲覧と書き出し、設定の変更",
              "書かない窓口での書類の読み取りと届出書・関連する様式の作成、書類の保存、保存記録の検索・表示・書類を開いた操作",
            ],
          },
          `監査ログを見る権限（${holders("audit.view", "ja")}）を持つ職員は、どの職員がいつどの申請を開いたかを調べられます。業務に必要のない申請は開かないでください。`,
        ],
      },
      {
        id: "staff-security",
        title: "セキュリティ設定（パスキー）",
        blocks: [
          `「${nav.security.label}」では、パスキーを追加・削除できます。名前には端末の名前など（例：職場のPC）を付け、氏名は入れないでください。削除には確認コードの再入力を求められることがあります。`,
        ],
      },
      {
        id: "staff-admin",
        title: "管理者の方へ",
        blocks: [["管理者・監査担当の業務は、", { href: HELP_PATHS.admin, text: "管理者向けマニュアル" }, "をご覧ください。"]],
      },
    ],
  };
};

const en = (): Manual => {
  const t = enMessages;
  const nav = staffSectionLinks("en");
  const sub = staffSubpageLinks("en");
  const a = approvalMessages.en;
  const c = counterMessages.en;
  const r = recordMessages.en;
  const rf = relatedMessages.en;
  const rp = reportMessages.en;
  const p = proxyEntryMessages.en;
  return {
    title: "Staff manual",
    intro: [
      "How to use the back office. It opens only on computers of the staff network (LGWAN) inside the city office: open it from your bookmark.",
      ["Staff accounts, groups and roles, the audit log, retention, backups and other administration are in the ", { href: HELP_PATHS.admin, text: "administrators' manual" }, "."],
    ],
    contents: "Contents",
    backToContents: "Back to contents",
    sections: [
      {
        id: "staff-signin",
        title: "Signing in",
        blocks: [],
        subsections: [
          {
            id: "staff-signin-first",
            title: "The first time",
            blocks: [
              {
                ordered: true,
                list: [
                  "When an administrator issues your account, you receive a set-up link by email (valid once, for 30 minutes).",
                  "Open it and choose a password of at least 15 characters that you use nowhere else. Administrators never know it.",
                  "Sign in with your login ID and password, then set up an authenticator app (two-factor authentication): scan the QR code with the app or type the secret, then enter the 6-digit code it shows.",
                  "Ten recovery codes are shown once. Print them or keep them somewhere safe: each works once, in place of the app's code.",
                ],
              },
            ],
          },
          {
            id: "staff-signin-daily",
            title: "Every day",
            blocks: [
              "Enter your login ID and password, then the 6-digit code of your authenticator app.",
              {
                list: [
                  `“${t.staff.usePasskey}”: once you have added a passkey (this computer's fingerprint, face or PIN, or a security key) on “${nav.security.label}”, it replaces the code. It does not work on a fake site, so it is safer than a code.`,
                  `“${t.staff.useRecoveryCode}”: when you cannot use the authenticator app, enter a recovery code.`,
                ],
              },
              `After signing in, the bar at the top shows when and from where you last signed in. A sign-in you do not recognise means someone else may know your password: tell your administrator at once. When you finish, press “${t.staff.logout}”.`,
            ],
          },
          {
            id: "staff-signin-lock",
            title: "Lockout and session time-out",
            blocks: [
              {
                list: [
                  `After wrong passwords or codes in a row (10 by default), the account locks for 30 minutes. While it is locked the page still says “${t.staff.loginFailed}”; if you cannot wait, ask an administrator to unlock it.`,
                  `After 30 minutes without activity, or 12 hours after signing in, the session ends (“${t.staff.sessionExpired}”). Sign in again: the page you had open comes back.`,
                ],
              },
            ],
          },
          {
            id: "staff-signin-code",
            title: "Entering the code again",
            blocks: [
              "Actions with a large effect — CSV exports, fee changes, retention changes, account administration — ask for your authenticator code again when you last entered it more than 10 minutes ago.",
            ],
          },
        ],
      },
      {
        id: "staff-menu",
        title: "The menu and permissions",
        blocks: [
          "The menu at the top offers only the pages your roles allow. A page opened by its address without the permission says “No permission”. You also see only the applications your groups cover.",
          { table: { caption: "Pages of the staff menu", head: ["Page", "What it is for", "Roles that may use it"], rows: menuRows("en") } },
        ],
      },
      {
        id: "staff-list",
        title: "The list of applications",
        blocks: [
          {
            list: [
              `“${nav.applications.label}” shows the newest first. “${t.staff.filterStatus}” narrows it to one status.`,
              `When there are many, “${t.staff.prev}” and “${t.staff.next}” move between pages.`,
              "Press a receipt number (or the row) to open the application.",
            ],
          },
          { note: "Every list you show and every application you open is recorded in the audit log. Open only the applications your work needs." },
        ],
        subsections: [
          {
            id: "staff-proxy-entry",
            title: p.title,
            blocks: [
              `An application received by mail, at the counter, on a paper form, by phone or by email is entered for the resident with “${p.open}” on “${nav.applications.label}” (it needs the role ${holders("applications.process", "en")}).`,
              {
                ordered: true,
                list: [
                  `Choose the “${p.procedure}” and type the applicant and the request as the form says. Leave the email empty when there is none (the resident is then not mailed).`,
                  `Under “${p.intakeLegend}”, enter “${p.channel}”, “${p.receivedOn}” (the day the request arrived; not older than 366 days) and “${p.payment}”, and if needed an “${p.note}” (enclosures and the like, for colleagues).`,
                  `“${p.submit}” stores it as “Submitted”, as an online application, and shows the receipt number and the access password. Print it with “${p.print}” and give it to the applicant: the access password cannot be shown again once you leave the screen.`,
                ],
              },
              {
                list: [
                  `A procedure that needs an electronic signature is entered only from “${p.channels.mail}”, “${p.channels.counter}” or “${p.channels.paper}”, which carry the resident's own request (“${p.channels.phone}” and “${p.channels.email}” cannot be chosen).`,
                  `“${p.payments.not_required}” can be chosen only when the fee is 0 yen. No fee is charged on this screen.`,
                  `The detail of an entered application shows its “${p.record.heading}”.`,
                ],
              },
            ],
          },
        ],
      },
      {
        id: "staff-detail",
        title: "An application and its status",
        blocks: [
          "The page of an application shows the applicant, the request, the fee, the electronic signature (signer, issuer, when it was verified), the payment (authorisation id, card brand, last 4 digits, payment status) and the history.",
        ],
        subsections: [
          {
            id: "staff-status",
            title: "Changing the status",
            blocks: [
              `“${t.staff.actionsHeading}” offers only the commands the current status allows (roles: ${holders("applications.process", "en")}).`,
              { table: { caption: "Commands that change the status", head: ["Command", "From", "To", "Reason"], rows: commandRows("en") } },
              {
                list: [
                  `For “${t.commands.reject}” and “${t.commands.return}”, fill in “${t.staff.reason}” and press “${t.staff.confirmCommand(t.commands.reject)}” (or the like). The resident reads the reason in the email and on the status page: write it plainly, without personal data.`,
                  "Every status change emails the resident.",
                  "“Complete” captures the card payment. “Reject” voids the authorisation and refunds what was captured.",
                  "A procedure whose fee is fixed later (pay after assessment) cannot be completed before its fee is fixed.",
                  `If someone else changed it first, you see “${t.staff.conflict}”: reload and check the status it has now.`,
                  `The resident may withdraw while the status is ${statusNames("en", TRANSITIONS.withdraw.from)}; once it is “Processing” they can no longer.`,
                ],
              },
            ],
          },
        ],
      },
      {
        id: "staff-fees",
        title: "Fee changes and the “Fee and payment” panel",
        blocks: [
          "The “Fee and payment” panel of an application shows the fee in force, the amounts authorised, captured, refunded and held, the difference the resident still owes, and the history of fee changes.",
          `Members who may change fees (${holders("fees.change", "en")}) use “Change the fee”: quantities, an exemption reason per line, and the reason for the change (no personal data). It may ask for your code again.`,
          {
            list: [
              "Lower: less is captured at completion, or the difference is refunded from what was captured.",
              "Higher: the resident is asked by email to pay the difference, which they do on the status page.",
              "For a pay-after-assessment procedure, this is where the fee is fixed: the resident receives a payment request by email.",
            ],
          },
          ["A change of more than a set amount (3,000 yen by default) either way needs another member's approval: use “", a.request, "” shown with the refusal, and once approved carry it out on the same page (", { href: "#staff-approvals", text: "approvals" }, ")."],
          "If “The payment agent's records and the books disagree” appears, check that transaction (authorisation id) in the payment agent's dashboard and act there. The books are not changed automatically.",
        ],
      },
      {
        id: "staff-export",
        title: "Exporting CSV",
        blocks: [
          `Members who may export (${holders("applications.export", "en")}) see the export buttons on “${nav.applications.label}”.`,
          {
            ordered: true,
            list: [
              "Narrow by status if you need to: the filter is what is exported.",
              "Under “Columns to export”, choose the columns. Choose personal data columns only when you need them.",
              "Press “Export CSV (UTF-8)” or “Export CSV (Shift_JIS)”. It may ask for your code again.",
            ],
          },
          {
            list: [
              "Only the applications your groups cover are exported. Each export is recorded in the audit log with its count.",
              "Cells that look like spreadsheet formulas are neutralised, so they do not run as formulas.",
              ["Exports of more than a set number of rows (100 by default) need another member's approval: press “", a.request, "” and, once approved, carry it out on “", { href: "#staff-approvals", text: nav.approvals.label }, "”."],
            ],
          },
        ],
      },
      {
        id: "staff-approvals",
        title: "Approvals (four eyes)",
        blocks: [
          a.intro,
          { table: { caption: "Actions that need approval", head: ["Action", "Roles that may ask and approve"], rows: approvalRows("en") } },
          {
            list: [
              `Requests appear on “${nav.approvals.label}”. Another member holding the same permission checks what is asked (filter, columns, amount, period) and presses “${a.approve}” or “${a.reject}”. Nobody can approve their own request.`,
              `Once approved, the member who asked presses “${a.carryOut}”: once, within 24 hours, and exactly as approved.`,
              `A request is “${a.state.pending}”, “${a.state.approved}”, “${a.state.rejected}”, “${a.state.used}” or “${a.state.expired}”.`,
            ],
          },
        ],
      },
      {
        id: "staff-settlement",
        title: "Settlement",
        blocks: [
          `“${nav.settlement.label}” (daily settlement; ${holders("fees.change", "en")}) shows, for the dates you choose (Japan time), the count, captured, refunded, card fee and net per day and procedure. The card fee is the configured rate (3.5% by default), rounded down to the yen per row.`,
          {
            list: [
              "Export it as CSV (UTF-8 or Shift_JIS).",
              "“Reconciliation with the payment agent's records” compares our books with the payment agent's. Differences are listed as “Amounts differ”, “Only in our books”, “Only at the payment agent” or “Daily totals differ”: check them against the payment agent's statement.",
              "“Taken at the counter and by mail (entered by staff)” lists the fees of applications staff entered (postal money orders, cash) per day entered, procedure and way of payment. Those of refused or withdrawn applications are “To return”. Check them against the cash book and the money order register (the CSV has them too).",
            ],
          },
        ],
      },
      {
        id: "staff-statistics",
        title: "Usage",
        blocks: [
          `“${nav.statistics.label}” shows, for a month (Japan time), the procedures offered, the applications and the residents' sign-ins of the month, and per procedure the applications, still open, completed, rejected, withdrawn and the total fee. Only the procedures you handle are counted, with no personal data. Export the monthly report as CSV (UTF-8 or Shift_JIS).`,
        ],
      },
      {
        id: "staff-counter",
        title: "The no-writing counter (residence change notification)",
        blocks: [
          `On “${nav.counter.label}” (${holders("counter.use", "en")}) you read the documents a resident brings (moving-out certificate, residence card, driving licence, My Number card, family register …) into a residence change notification (moving in, moving within the municipality, moving out, change of head of household) and print it.`,
          {
            ordered: true,
            list: [
              `Scan the document and choose the image under “${c.file}”. Leave “${c.template}” at “${c.templateAuto}”. For a document of an unregistered layout, choose its kind under “${c.fallback}”: it is then read by its labels (every value read needs checking).`,
              `Press “${c.read}”. Reading takes a few seconds.`,
              `The values read fill the form. A value marked “${c.flagged}” shows why and the text read; choosing it shows roughly where it was read with a box on the image. Compare it with the document: press “${c.confirm}” when it is right, or type the right value (a value you type counts as checked). Names always need checking.`,
              "A second document (a residence card after the moving-out certificate …) fills only the values still empty. Values already there do not change.",
              `Notes on a document as a whole (a head of household that does not match the relationships, more persons than the form has rows …) show under “${c.scansHeading}”. Check them and press “${c.acknowledge}”.`,
              `Once nothing is left under “${c.issuesHeading}”, “${c.print}” can be pressed. Print the PDF and have the resident sign it. The ${c.confirmationNumber.toLowerCase()} shown is printed on the form too. The form made is kept as a record by itself.`,
              `Under “${r.keepHeading}”, shown next, keep the documents read with the form. Each is ticked and titled with its kind of document (転出証明書 …). Untick those not to keep and correct a title if needed. Add a document that was not read (a power of attorney …) under “${r.addOtherHeading}” with its file and title (e.g. 委任状) and “${r.addToList}”; documents of any paper size are kept as they are. Press “${r.keep}”: each document then says “${r.kept}” or why it could not be kept. Check those and press “${r.keep}” again.`,
              `When the resident also needs copies of the residence certificate or a seal registration, make the forms under “${rf.heading}” below it (see “${rf.heading}” next).`,
            ],
          },
          {
            list: [
              "Dates may be typed as 令和8年11月25日, S50.3.4 or 2026-11-25. The form prints them in the Japanese calendar.",
              `To carry the values read into another system's screen, copy one value with “${c.copy}” beside it, or all of them as lines of “label (tab) value” with “${c.copyAll}”, and paste them (unchecked values end with “(unchecked)”; where the browser cannot copy, the buttons are not shown: select the value and copy it).`,
              `Wording you type every day (a building's name, a long town name, a registered domicile …) can be kept under “${c.phrasesHeading}”: choose a value, then press the phrase's button to put it in at the caret (as if typed, so the value counts as checked). Register and remove phrases under “${c.phrasesEdit}”; they are shared by all the counter's staff. Do not register personal data such as a resident's name.`,
              `The “${c.memoName}” holds what you checked (the identity document …) and what is left to do (up to ${MAX_COUNTER_MEMO_LENGTH} characters). It is not printed on the form: it is kept with the record and shown on the record's page, where “Edit the memo” completes or corrects it after printing. Phrases can be put into the memo too.`,
              `A name's kanji that the input method does not offer (髙, 﨑, 邉, 𠮷 …) is found under “${c.kanjiHeading}”: type a reading in kana (名乗り such as ひとし too) or one similar kanji and press “${c.kanjiSearch}” to see its ${c.kanjiRelations.variant} (高 → 髙, 辺 → 邊 邉) and the ${c.kanjiRelations.same_radical_strokes} (吉 → 𠮷). Choose a value, then press the kanji to put it in at the caret. Only kanji the form's typeface (IPAmj明朝) prints are listed.`,
              `Start the next resident's notification with “${c.newNotification}”.`,
            ],
          },
          { note: `Reading documents and creating forms are recorded in the audit log. The notification exists only on this page until it is printed: closing or reloading the page discards it. The documents read stay on this page only until you press “${r.keep}”: “${c.newNotification}” discards them.` },
        ],
        subsections: [
          {
            id: "staff-counter-related",
            title: "Related forms (request for copies of the residence certificate, seal registration)",
            blocks: [
              `Once the residence change notification is printed, “${rf.heading}” shows below “${r.keepHeading}”. It makes the forms often handed in with a moving-in notification — the ${relatedFormName("juminhyo-seikyu", "en").toLowerCase()} and the ${relatedFormName("inkan-toroku", "en").toLowerCase()} — from the notification printed: the resident does not write the same again.`,
              {
                ordered: true,
                list: [
                  `For each form, choose “${rf.applicant["juminhyo-seikyu"]}” or “${rf.applicant["inkan-toroku"]}” among the persons of the notification (the first at first).`,
                  `“${rf.print(relatedFormName("inkan-toroku", "en"))}” (or the other form's button) downloads the PDF. It carries the notification's confirmation number and is kept with its record too.`,
                  `Print the PDF and have the resident sign (and seal) it. The request lists everyone on the notification: the resident crosses out those not needed.`,
                ],
              },
              { note: "They use the notification as it was when printed: a correction made on the page afterwards does not reach them. After a correction, create the notification's PDF again first. The forms made are recorded in the audit log." },
            ],
          },
          {
            id: "staff-counter-records",
            title: "Kept records (finding, showing and printing forms and documents)",
            blocks: [
              [
                `The forms made at the no-writing counter and the documents kept with them are kept as PDF until their keeping date (some years after they were made, as the municipality sets) and deleted after it. Find them under “`,
                { href: COUNTER_RECORDS_PATH, text: sub.counterRecords.label },
                `”, beside “${nav.counter.label}” in the menu (${holders("counter.use", "en")}).`,
              ],
              {
                ordered: true,
                list: [
                  `Under “${r.from}” and “${r.to}”, enter the days the form was made (the last 30 days at first, up to 366 days).`,
                  `Enter what you know. “${r.name}” finds part of a name; spaces, full- and half-width, hiragana and katakana are not told apart. “${r.birthDate}” may be typed as 昭和55年4月1日, S55.4.1 or 1980-04-01. “${r.number}” is the number printed on the form. “${r.keyword}” finds part of the new or previous address or of the counter memo (委任状, a building's name …).`,
                  `“${r.search}” lists up to 100 records, newest first. When it says more records match, shorten the period or add to the search.`,
                  `The ${r.colNumber.toLowerCase()} opens the record: the persons who moved (dates of birth in both calendars), the addresses and “${r.documentsHeading}”. “${r.open}” downloads a document's PDF: open it to view and print it.`,
                  `A document brought later is kept with “${r.add}” under “${r.addHeading}”, with its file and title.`,
                ],
              },
              { note: "Every search, record shown and document opened is recorded in the audit log. Do not open records your work does not need." },
            ],
          },
          {
            id: "staff-counter-report",
            title: "Counter usage",
            blocks: [
              [
                `On “`,
                { href: COUNTER_REPORT_PATH, text: sub.counterReport.label },
                `”, under “${nav.counter.label}” in the menu (${holders("counter.use", "en")}), choose the “${rp.month}” (this month at first, Japan time) and press “${rp.show}” to see how the no-writing counter was used in that month. Counts and times only: no personal data.`,
              ],
              {
                list: [
                  `“${rp.formsHeading}”: the forms per day and kind of notification, with the median and 90th-percentile handling minutes. Handling time runs from reading the first document to printing the notification; notifications made without reading a document and those over ${MAX_HANDLING_SECONDS / 3600} hours are left out, and “—” shows when no time is known.`,
                  `“${rp.totalsHeading}”: the month's forms per kind (moving in, moving within the municipality, moving out, change of head of household) and their total.`,
                  `“${rp.relatedHeading}”: how many of each related form were made.`,
                  `“${rp.scansHeading}”: the documents read, those that failed, and the share of the values read that staff had to check (names always count as needing a check).`,
                ],
              },
            ],
          },
        ],
      },
      {
        id: "staff-mail",
        title: "Emails staff receive",
        blocks: [
          {
            list: [
              "A new application: to the members who may process it and have an email address.",
              "Once a day: the applications waiting a set number of days (3 by default) or more without being taken up.",
              "Changes to your own account: a password set, an authenticator set up, a recovery code used, a passkey added or removed. If it was not you, tell your administrator at once.",
            ],
          },
          "Emails about applications give the receipt number and the procedure only, never the resident's data or a link. Open the back office from your bookmark and find the application by its receipt number.",
          "You change where they go yourself under Notification mails on the security page, or choose to receive none (a change may ask for your authenticator code again).",
        ],
      },
      {
        id: "staff-audit",
        title: "What is recorded (audit log)",
        blocks: [
          "These are recorded in the audit log with your staff ID, the time and where you connected from. The log is protected against changes.",
          {
            list: [
              "signing in (success and failure) and out",
              "showing the list, opening an application, status changes, fee changes, exports",
              "requests refused for lack of permission",
              "viewing and exporting the audit log, changes of settings",
              "reading documents, creating forms (related forms too) and keeping documents at the no-writing counter; searching kept records, showing them and opening their documents",
            ],
          },
          `Members who may read the audit log (${holders("audit.view", "en")}) can see which applications a member opened and when. Do not open applications your work does not need.`,
        ],
      },
      {
        id: "staff-security",
        title: "Security settings (passkeys)",
        blocks: [
          `On “${nav.security.label}” you add and remove passkeys. Name them after the device (e.g. office PC), never with your name. Removing one may ask for your code again.`,
        ],
      },
      {
        id: "staff-admin",
        title: "For administrators",
        blocks: [["Administrators and auditors: see the ", { href: HELP_PATHS.admin, text: "administrators' manual" }, "."]],
      },
    ],
  };
};

/** The staff manual (N10) in `locale`. */
export const staffManual = (locale: Locale): Manual => (locale === "ja" ? ja() : en());
