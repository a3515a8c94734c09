import { BUILT_IN_ROLES, STAFF_PERMISSIONS, type StaffPermission } from "@madoguchi/core";
import type { Locale } from "../../i18n/locale.ts";
import { staffSectionLinks } from "../staff/staff-nav.tsx";
import { PROCEDURES_PATH } from "../staff/procedures/procedure-paths.ts";
import { HELP_PATHS } from "./help-labels.ts";
import type { Manual } from "./manual.ts";

/** What each permission allows, in words (the permission's name follows in the tables). */
const PERMISSION_MEANING: Readonly<Record<Locale, Readonly<Record<StaffPermission, string>>>> = {
  ja: {
    "applications.view": "申請の閲覧（一覧・詳細・利用状況）",
    "applications.process": "申請の状態の変更（受付・処理開始・完了・不受理・差戻し）",
    "fees.change": "手数料の変更と精算",
    "applications.export": "申請の CSV 書き出し",
    "forms.manage": "手続と申請フォーム（追加の質問）の作成・変更、住民向けポータルに表示するお知らせの管理",
    "staff.manage": "職員アカウント、グループと権限の管理",
    "retention.manage": "保存期間の変更と、期間を過ぎた申請の削除",
    "audit.view": "監査ログの閲覧と書き出し",
    "counter.use": "書かない窓口（持参書類の読み取りと住民異動届の印刷）",
  },
  en: {
    "applications.view": "Viewing applications (list, detail, usage)",
    "applications.process": "Changing an application's status (receive, start, complete, reject, return)",
    "fees.change": "Changing fees, and the settlement",
    "applications.export": "Exporting applications as CSV",
    "forms.manage": "Building procedures and their application forms (extra questions), and managing the notices shown on the residents' portal",
    "staff.manage": "Managing staff accounts, groups and roles",
    "retention.manage": "Changing retention periods and deleting the applications past them",
    "audit.view": "Reading and exporting the audit log",
    "counter.use": "The no-writing counter (reading the documents residents bring, printing the residence change notification)",
  },
};

const permissionRows = (locale: Locale) =>
  STAFF_PERMISSIONS.map((p) => [
    [{ code: p }],
    PERMISSION_MEANING[locale][p],
    BUILT_IN_ROLES.filter((r) => r.permissions.includes(p))
      .map((r) => r.name[locale])
      .join(locale === "ja" ? "、" : ", "),
  ]);

const roleRows = (locale: Locale) =>
  BUILT_IN_ROLES.map((r) => [
    `${r.name.ja}（${r.name.en}）`,
    r.permissions.length === STAFF_PERMISSIONS.length
      ? locale === "ja"
        ? "すべての権限"
        : "Every permission"
      : r.permissions.map((p) => PERMISSION_MEANING[locale][p]).join(locale === "ja" ? "、" : "; "),
  ]);

/** The settings of the deployment the manual refers to: variable, meaning, default. */
const SETTINGS: readonly { readonly name: string; readonly ja: string; readonly en: string; readonly value: string }[] = [
  { name: "MADOGUCHI_STAFF_ALLOWED_CIDRS", ja: "職員用画面に接続できるネットワーク", en: "Networks that may reach the back office", value: "127.0.0.0/8,::1/128" },
  { name: "MADOGUCHI_STAFF_LOCKOUT_THRESHOLD", ja: "ロックまでの連続失敗回数（3〜100）", en: "Failed sign-ins in a row before a lock (3–100)", value: "10" },
  { name: "MADOGUCHI_STAFF_LOGIN_MESSAGE_JA / _EN", ja: "ログイン後に表示するメッセージ", en: "Message shown after signing in", value: "—" },
  { name: "MADOGUCHI_EXPORT_APPROVAL_THRESHOLD", ja: "承認が必要になる書き出しの件数（0 は空でないすべて）", en: "Rows above which an export needs approval (0: every non-empty one)", value: "100" },
  { name: "MADOGUCHI_FEE_APPROVAL_THRESHOLD", ja: "承認が必要になる手数料の増減（円）", en: "Fee change (yen) above which approval is needed", value: "3000" },
  { name: "MADOGUCHI_CARD_FEE_RATE", ja: "精算のカード手数料率（%）", en: "Card fee rate of the settlement (%)", value: "3.5" },
  { name: "MADOGUCHI_CARD_BRANDS", ja: "使えるカードの種類", en: "Card brands accepted", value: "visa,mastercard,jcb" },
  { name: "MADOGUCHI_STAFF_REMINDER_DAYS", ja: "未処理の申請を知らせるまでの日数", en: "Days before waiting applications are reminded", value: "3" },
  { name: "MADOGUCHI_AUDIT_RETENTION_MONTHS", ja: "監査ログの保存期間（画面で設定するまで）", en: "Audit log retention (until set on the page)", value: "36" },
  { name: "MADOGUCHI_APPLICATION_RETENTION_MONTHS", ja: "申請データの保存期間（画面で設定するまで、6〜120）", en: "Application retention (until set on the page; 6–120)", value: "12" },
  { name: "MADOGUCHI_BACKUP_DIR", ja: "バックアップの保存先", en: "Where backups are written", value: "<data>/backups" },
  { name: "MADOGUCHI_BACKUP_GENERATIONS", ja: "残すバックアップの世代数", en: "Backups kept", value: "7" },
  { name: "MADOGUCHI_SECURITY_ALERT_EMAILS", ja: "セキュリティ警告の送信先（カンマ区切り）", en: "Where security alerts are mailed (comma-separated)", value: "—" },
];

const settingRows = (locale: Locale) => SETTINGS.map((s) => [[{ code: s.name }], s[locale], s.value]);

const ja = (): Manual => {
  const nav = staffSectionLinks("ja");
  return {
    title: "管理者向けマニュアル",
    intro: [
      ["管理者（職員アカウント・権限・保存期間の管理）と監査担当の方の業務です。画面の操作のほか、サーバーの担当者が行う作業（コマンドと環境変数）も説明します。日々の操作は", { href: HELP_PATHS.staff, text: "職員向けマニュアル" }, "をご覧ください。"],
      "管理の操作はすべて監査ログに記録されます。多くの操作では、確認コードの再入力を求められます。",
    ],
    contents: "目次",
    backToContents: "目次へ戻る",
    sections: [
      {
        id: "admin-roles",
        title: "役割と権限",
        blocks: [
          "職員ができる操作は役割で決まります。役割は、職員本人またはグループに付けます（グループに付けた役割は、所属する職員全員が持ちます）。組み込みの役割は次の4つです。",
          { table: { caption: "組み込みの役割", head: ["役割", "できること"], rows: roleRows("ja") } },
          { table: { caption: "権限の一覧", head: ["権限", "内容", "持つ役割"], rows: permissionRows("ja") } },
          "監査担当は監査ログだけを見られます。処理をする職員を確認する人が、処理をする人と同じにならないようにするためです。",
        ],
      },
      {
        id: "admin-groups",
        title: "グループ（担当する申請の範囲）",
        blocks: [
          `職員は、所属するグループが担当する申請だけを見られます。「${nav.access.label}」でグループを作り、職員を追加し、役割を付けます。`,
          {
            list: [
              "担当する申請は「すべての申請」「手続を選ぶ」「区役所・支所を選ぶ」のいずれかです。区役所・支所は手続カタログ（config/procedures.json）で設定し、手続ごとの担当の区役所・支所は「手続の管理」（またはカタログ）で決めます。",
              "グループIDは英小文字・数字・ハイフン（例：kita-ku）です。同じIDで保存すると上書きします。",
              "所属職員はログインIDで追加します。グループを削除すると、所属と役割も外れます。",
              "最初の起動時には、デモ用の職員が管理者としてグループ「全申請（初期設定）」に入っています。",
            ],
          },
          "担当外の申請は「見つかりません」と表示され、権限のない操作は断られます。どちらも監査ログに記録されます。",
        ],
      },
      {
        id: "admin-accounts",
        title: "職員アカウント",
        blocks: [
          `「${nav.accounts.label}」で行います。最後に確認コードを入力してから10分以上たっていると、確認コードをもう一度求められます。`,
          {
            list: [
              "発行：ログインID、氏名、メールアドレスを入力します。本人にパスワード設定用のリンク（30分間、1回だけ有効）がメールで届き、本人がパスワードを設定します。管理者はパスワードを設定も閲覧もしません。初回のログインで本人が認証アプリを登録します。",
              "ロック解除：ログインIDで表示し、ロック中なら「ロック解除」を押します。",
              "再設定：入力したアドレスに新しい設定用リンクを送ります。認証アプリを登録済みの職員は、リンクの画面でも確認コードが必要です。パスワードを設定すると、その職員のすべてのログインが終わります。",
              "無効化・有効化：無効にしたアカウントはログインできず、ログイン中のセッションもすぐに終わります。自分のアカウントは無効にできません。",
              "住民アカウントのロック解除：ロックされた住民のアカウントを、メールアドレスで探して解除できます（住民本人もメールのリンクで解除できます）。",
            ],
          },
        ],
      },
      {
        id: "admin-audit",
        title: "監査ログ",
        blocks: [
          `ログイン、申請の一覧・閲覧・処理、書き出し、拒否された操作、設定の変更などは、改ざんを検出できる形（ハッシュの連鎖と、毎時の署名付きチェックポイント）で監査ログに記録されます。個人情報は含みません。「${nav.audit.label}」（監査ログの閲覧権限）で次のことができます。`,
          {
            list: [
              "職員ID・操作・期間で絞り込んで表示し、JSON Lines で書き出す（確認コードの再入力。件数が多いときはほかの職員の承認）",
              "「職員が閲覧した住民の申請」：指定した職員が期間中に開いた申請を調べる",
              "保存期間を確認する。保存期間と削除の権限がある職員は、12〜1200か月の範囲で変更できます（短くするにはほかの職員の承認が必要です）。",
            ],
          },
          "保存期間は既定で36か月（3年）です。1時間ごとに、期間を過ぎた月単位の記録が削除されます。監査ログの閲覧も記録されます。",
          "サーバーの担当者は、記録が改ざん・削除されていないことを次のコマンドで確かめます。保存期間を変えた後は、新しい期間を --retention-months で指定します。チェックポイントの書き出しは、アプリの管理外の場所（別のサーバーや書き換えできない媒体）に保管してください。",
          { command: "npx madoguchi audit verify --retention-months 36\nnpx madoguchi audit export-checkpoints --sign-now --out /mnt/elsewhere/checkpoints.json" },
        ],
      },
      {
        id: "admin-retention",
        title: "保存期間と削除",
        blocks: [
          `「${nav.retention.label}」（/staff/retention）で、終了した申請（完了・不受理・取下げ）の保存期間を決めます。既定では終了から12か月で、6〜120か月の範囲で変更できます。`,
          {
            list: [
              "期間を過ぎた申請は、1時間ごとの定期処理で自動的に削除されます。処理中の申請は、どれほど古くても削除されません。",
              "期間を短くするには、ほかの職員の承認が必要です。変更には確認コードの再入力が必要です。",
              "画面には期間を過ぎた申請が表示され、確認のうえ、確認コードを入力して今すぐまとめて削除できます。",
              "削除は元に戻せません。削除ごとに、受付番号・手続・状態・日付が監査ログに記録されます（住民の情報は記録されません）。",
            ],
          },
        ],
      },
      {
        id: "admin-procedures",
        title: "手続と申請フォーム",
        blocks: [
          ["「", { href: PROCEDURES_PATH, text: nav.procedures.label }, "」（権限 forms.manage）で、電子申請の手続と申請フォームを作成・変更します。開発者の作業は要りません。"],
          {
            ordered: true,
            list: [
              "一覧の「手続を追加」を押し、手続ID、名称と説明（日本語と英語）、手数料（1通）、最大通数、交付方法を入力します。手続IDは英小文字・数字・ハイフン（例：kazei-shomei）で、申請ページのアドレス（/apply/手続ID）になるため、保存後は変更できません。",
              "必要に応じて、支払時期（申請時か事後決済か）、申請方法（アカウント・メールアドレスのみ・両方）、電子署名、分類・ライフイベント・担当窓口、検索のキーワード、必須にする申請者項目と入力欄の説明を設定します。メールアドレスは常に必須です。",
              "「公開する」にチェックして「保存する」を押すと、すぐにポータルに表示されます。保存後に表示される申請ページのリンク（一覧にも表示され、コピーできます）を、市のホームページなどに掲載します。",
            ],
          },
          "申請フォームに質問を加えるには、「追加の質問」の「質問を追加」を押します（年度、使用目的、提出先など）。",
          {
            list: [
              "キー：英字で始まる半角英数字と _（例：purpose）。申請データの項目名になり、保存後は変更できません。",
              "質問文と説明：日本語と英語で入力します。説明は任意です。",
              "回答の形式：「選択肢から選ぶ」では選択肢（値と、日本語・英語の表示）を1つ以上、「自由記入（1行）」では最大文字数（1〜200）、「日付」では受け付ける日付（今日以前・今日以降・制限なし。住民は和暦でも西暦でも入力できます）、「数値」では最小値と最大値（整数）を決めます。「回答を必須にする」で必須にできます。",
              "質問と選択肢は「上へ」「下へ」で並べ替え、不要なものは削除します。",
            ],
          },
          "入力に誤りがあると、保存せずに誤りの一覧を表示します。各項目を押すと、その入力欄に移動します。",
          { note: "手続は削除できません。受付をやめるときは「公開する」を外して保存します。過去の申請はそのまま閲覧・処理できます。" },
          "最初は、インストール時の手続ファイル（config/procedures.json）の手続が表示されます。この画面で最初に保存すると、手続の一覧は管理画面（データベース）に保存され、以後ファイルの手続は読み込まれません。交付方法と郵送料、分類、ライフイベントは一覧の「配送方法・分類・ライフイベントの管理」で変更します（郵送料の変更は次の申請から。手続が使っている交付方法・分類は、先にその手続から外します。変更前後の郵送料は監査ログに記録されます）。区役所・支所は引き続きファイルで設定します。ほかの職員が同時に保存していた場合は保存されず、再読み込みを求められます。保存はすべて監査ログに記録されます（手数料を変えたときは変更前後の金額も）。",
          "ファイルを編集したあとは、サーバーを再起動する前に次のコマンドで、画面で保存した手続とファイルが合っているか（削除した交付方法を使う手続がないか）を確認します。",
          { command: "npx madoguchi catalog check --stored" },
        ],
      },
      {
        id: "admin-kiosk",
        title: "窓口の端末（キオスク）",
        blocks: [
          "庁舎の窓口に置くタッチパネルの端末では、ブラウザーで /kiosk を開きます。住民向けポータルが大きな文字で表示され、どの画面にも「はじめから」のボタンが出ます。ログインやアカウントの画面は出ません。",
          {
            list: [
              "2分間操作がないと、30秒の予告のあと、入力中の内容を消して最初の画面に戻ります（「はじめから」を押したときも同じです）。",
              "カードが必要な手続には「マイナンバーカードが必要」と表示されます。カードをお持ちでない方は、カードが不要な手続をその場で申請できます。",
              "次回は自宅から申請できるよう、ポータルのアドレスと QR コードを表示します。",
            ],
          },
          { note: "端末のブラウザーは、戻るボタンやアドレスバーを使えない全画面（キオスク）モードで起動してください。キオスク表示をやめるには、同じタブで /kiosk?exit=1 を開きます。" },
        ],
      },
      {
        id: "admin-backup",
        title: "バックアップと復元",
        blocks: [
          "組み込みのデータベース（SQLite）では、サーバーが毎日バックアップを取り、別の場所に復元して検査（整合性・監査ログの連鎖・件数）してから保存します。保存先は MADOGUCHI_BACKUP_DIR（既定はデータディレクトリの backups。別のディスクを指定してください）で、7世代を残します。バックアップに失敗すると、セキュリティ警告が出ます。",
          { note: "個人情報を暗号化する鍵のファイル（データディレクトリの keys/data-kek.json）はバックアップに含まれません。別の安全な場所にコピーを保管してください。鍵がないとバックアップを読めません。" },
          "復元するときは、サーバーを止めてから次のコマンドを実行します。それまでのデータベースは別名で残ります。",
          { command: "npx madoguchi backup restore <バックアップファイル> --confirm replace-the-database" },
          "PostgreSQL を使うときは、pg_dump やベースバックアップで取得します。",
        ],
      },
      {
        id: "admin-alerts",
        title: "セキュリティ警告",
        blocks: [
          "サーバーは5分ごとに監査ログを調べ、次のことがあると警告します。",
          {
            list: [
              "職員アカウントがロックされた",
              "同じ接続元から10分間に20回以上ログインに失敗した",
              "同じ職員の操作が10分間に10回以上拒否された",
              "バックアップに失敗した",
            ],
          },
          "警告は監査ログ（security.alert）に記録され、MADOGUCHI_SECURITY_ALERT_EMAILS に設定したアドレス（カンマ区切り）にメール（日本語と英語）で届きます。メールには氏名や住所は書かれず、監査ログの番号が書かれています。監査ログでその番号の前後を確認してください。",
          { command: "MADOGUCHI_SECURITY_ALERT_EMAILS=security@city.example.lg.jp" },
        ],
      },
      {
        id: "admin-network",
        title: "職員用ネットワークの制限（LGWAN）",
        blocks: [
          "職員用画面と監査ログは、住民向けとは別の待ち受け（MADOGUCHI_STAFF_HOST・MADOGUCHI_STAFF_PORT）で提供し、MADOGUCHI_STAFF_ALLOWED_CIDRS に書いたネットワーク（LGWAN の範囲）からの接続だけに応えます。既定はこのサーバー自身だけです。",
          {
            list: [
              "それ以外からの接続は拒否され（403）、接続元とともに監査ログに記録されます。",
              "住民向けの待ち受けには、職員用のページはありません（404）。",
              "前にリバースプロキシを置くときだけ、MADOGUCHI_STAFF_TRUSTED_PROXIES にその住所を書きます。それ以外から届いた X-Forwarded-For は信用しません。",
            ],
          },
          { command: "MADOGUCHI_STAFF_HOST=10.20.0.5\nMADOGUCHI_STAFF_PORT=8443\nMADOGUCHI_STAFF_ALLOWED_CIDRS=10.20.0.0/16,192.168.10.0/24" },
        ],
      },
      {
        id: "admin-settings",
        title: "主な設定（環境変数）",
        blocks: [
          "設定はサーバーの起動時に読み込まれます。変えたときはサーバーを再起動してください。値が正しくないときは、サーバーは起動せず理由を表示します。",
          { table: { caption: "主な環境変数", head: ["変数", "内容", "既定値"], rows: settingRows("ja") } },
        ],
      },
      {
        id: "admin-service-end",
        title: "サービスの終了",
        blocks: [
          {
            ordered: true,
            list: [
              "まだ削除されていない申請（処理中のものを含む）を書き出します。すべての申請を担当するグループの職員が、申請一覧で状態を絞り込まずに、すべての列を CSV で書き出します（件数に応じてほかの職員の承認が必要です）。",
              "サーバーで次のコマンドを実行します。データの鍵のファイルを上書きして消し（どのバックアップも読めなくなります）、データベースと、サーバーが作ったバックアップを削除します。",
            ],
          },
          { command: "npx madoguchi service-end erase --confirm erase-all-user-data" },
          { note: "この操作は取り消せません。バックアップの保存先以外にコピーしたバックアップは、別に廃棄してください（鍵がないため読めませんが）。" },
        ],
      },
    ],
  };
};

const en = (): Manual => {
  const nav = staffSectionLinks("en");
  return {
    title: "Administrators' manual",
    intro: [
      ["For administrators (staff accounts, permissions, retention) and auditors. Besides the pages, it describes what the server's operator does (commands and environment variables). For everyday work see the ", { href: HELP_PATHS.staff, text: "staff manual" }, "."],
      "Every administrative action is recorded in the audit log, and most ask for your authenticator code again.",
    ],
    contents: "Contents",
    backToContents: "Back to contents",
    sections: [
      {
        id: "admin-roles",
        title: "Roles and permissions",
        blocks: [
          "What a member may do comes from roles, given to the member or to a group (every member of the group then holds it). There are four built-in roles:",
          { table: { caption: "Built-in roles", head: ["Role", "What it may do"], rows: roleRows("en") } },
          { table: { caption: "Permissions", head: ["Permission", "What it allows", "Roles holding it"], rows: permissionRows("en") } },
          "The auditor reads the audit log and nothing else, so that whoever checks the processors is not one of them.",
        ],
      },
      {
        id: "admin-groups",
        title: "Groups (which applications a member sees)",
        blocks: [
          `Staff see only the applications their groups cover. On “${nav.access.label}” you create groups, add members and give roles.`,
          {
            list: [
              "A group covers “All applications”, “Chosen procedures” or “Chosen offices”. Offices (ward offices, branches) are named in the procedure catalog (config/procedures.json); which offices handle each procedure is chosen on Procedures (or in the catalog).",
              "A group ID has lower-case letters, digits and hyphens (e.g. kita-ku). Saving with an existing ID replaces that group.",
              "Members are added by login ID. Deleting a group removes its members and roles.",
              "At the first start the demo staff member is an administrator in the group 「全申請（初期設定）」 (all applications).",
            ],
          },
          "An application outside a member's groups answers “not found”, and an action without permission is refused; both are recorded in the audit log.",
        ],
      },
      {
        id: "admin-accounts",
        title: "Staff accounts",
        blocks: [
          `Use “${nav.accounts.label}”. When your last code is more than 10 minutes old, you are asked for it again.`,
          {
            list: [
              "Issue: enter the login ID, name and email address. The member receives a set-up link (valid once, for 30 minutes) and sets their own password; administrators never set or see passwords. At the first sign-in the member sets up the authenticator app.",
              "Unlock: show the account by login ID; a locked account offers “Unlock”.",
              "Reset: sends a new set-up link to the address given. A member with an authenticator must enter its code on the link's page too. Setting a password ends all of that member's sessions.",
              "Disable / enable: a disabled account cannot sign in and its sessions end at once. You cannot disable your own account.",
              "Unlock a resident account: find a locked resident account by its email address and unlock it (residents can also unlock it through a mailed link).",
            ],
          },
        ],
      },
      {
        id: "admin-audit",
        title: "The audit log",
        blocks: [
          `Sign-ins, lists, views and processing of applications, exports, refused requests, changes of settings and more are recorded in a tamper-evident audit log (a hash chain with signed hourly checkpoints), without personal data. On “${nav.audit.label}” (permission to read the log) you can:`,
          {
            list: [
              "filter by staff ID, action and period, and export as JSON Lines (your code again; large exports need another member's approval)",
              "“Residents' applications a staff member opened”: which applications a member opened in a period",
              "see the retention period; members with the retention permission change it between 12 and 1200 months (shortening needs another member's approval)",
            ],
          },
          "The retention is 36 months (3 years) by default. Every hour, the monthly segments past it are deleted. Reading the log is recorded too.",
          "The server's operator checks that nothing was changed or removed with these commands; after a retention change, give the new period with --retention-months. Keep the exported checkpoints outside the application's control (another server, write-once storage).",
          { command: "npx madoguchi audit verify --retention-months 36\nnpx madoguchi audit export-checkpoints --sign-now --out /mnt/elsewhere/checkpoints.json" },
        ],
      },
      {
        id: "admin-retention",
        title: "Retention and deletion",
        blocks: [
          `On “${nav.retention.label}” (/staff/retention) you set how long finished applications (completed, rejected, withdrawn) are kept: 12 months after they finished by default, from 6 to 120 months.`,
          {
            list: [
              "Applications past the period are deleted automatically by the hourly run. Applications in process are never deleted, however old.",
              "Shortening the period needs another member's approval; changing it asks for your code again.",
              "The page lists the applications past the period; after a confirmation and your code, it deletes them all at once.",
              "Deletion cannot be undone. Each one is recorded in the audit log with its receipt number, procedure, status and dates (nothing about the resident).",
            ],
          },
        ],
      },
      {
        id: "admin-procedures",
        title: "Procedures and application forms",
        blocks: [
          ["On “", { href: PROCEDURES_PATH, text: nav.procedures.label }, "” (permission forms.manage) you create and change the online procedures and their application forms, without developers."],
          {
            ordered: true,
            list: [
              "Press “Add a procedure” on the list and enter the procedure ID, the name and description (Japanese and English), the fee per copy, the most copies and the delivery methods. The ID is lower-case letters, digits and hyphens (e.g. kazei-shomei); it becomes the application page's address (/apply/ID), so it cannot change once saved.",
              "Where needed, set when the resident pays (when applying, or after assessment), how residents apply (account, email address only, or both), the electronic signature, categories, life events and handling offices, search keywords, the required applicant fields and their help texts. The email address is always required.",
              "Tick “Published” and press “Save”: the procedure is on the portal at once. Post the application page's link shown after the save (also on the list, with a copy button) on the city's website.",
            ],
          },
          "To ask more on the form (fiscal year, purpose, where the certificate goes …), press “Add a question” under “Extra questions”.",
          {
            list: [
              "Key: letters, digits and _, starting with a letter (e.g. purpose). It names the answer in the application's data and cannot change once saved.",
              "Question and help: in Japanese and English; the help is optional.",
              "Kind of answer: for “Choice of options”, at least one option (a value and its Japanese and English labels); for “Free text (one line)”, the most characters (1–200); for “Date”, which dates are taken (today or before, today or after, or any; residents may type the Japanese or the Western calendar); for “Number”, the smallest and largest whole number. “Answer required” makes it required.",
              "Move questions and options with “Up” and “Down”, and remove those not needed.",
            ],
          },
          "If something is wrong, nothing is saved and a list of the errors appears; each links to its field.",
          { note: "Procedures cannot be deleted. To stop taking applications, untick “Published” and save. Past applications stay readable and can be processed." },
          "At first the list shows the procedures of the catalog file as installed (config/procedures.json). The first save on this page moves the list of procedures into the back office (the database); the file's procedures are then no longer read. Delivery methods and their postage, categories and life events are changed on “Delivery methods, categories and life events” from the list (a new postage applies from the next application; a method or tag a procedure uses must first be removed from that procedure; the old and new postage are recorded in the audit log). Offices are still set in the file. If another member saved meanwhile, nothing is saved and you are asked to reload. Every save is recorded in the audit log (with the old and new amount when a fee changes).",
          "After editing the file, check before restarting the server that the procedures saved here still fit it (none offers a delivery method the file no longer has):",
          { command: "npx madoguchi catalog check --stored" },
        ],
      },
      {
        id: "admin-kiosk",
        title: "The counter's terminal (kiosk)",
        blocks: [
          "On the touch-screen terminal at the city hall's counter, open /kiosk in the browser. The residents' portal appears in large type with a “Start over” button on every page; login and account pages are not shown.",
          {
            list: [
              "After 2 minutes without input, a 30-second warning is shown, then what was typed is wiped and the first page comes back (as with “Start over”).",
              "Procedures that need the card are marked “My Number Card needed”; residents without a card can apply for the others there.",
              "The portal's address and its QR code are shown, so that residents apply from home next time.",
            ],
          },
          { note: "Start the terminal's browser in full-screen kiosk mode, without the back button or the address bar. To end kiosk mode, open /kiosk?exit=1 in the same tab." },
        ],
      },
      {
        id: "admin-backup",
        title: "Backups and restore",
        blocks: [
          "With the embedded database (SQLite), the server takes a backup every day, restores it elsewhere and checks it (integrity, the audit chain, row counts) before keeping it, in MADOGUCHI_BACKUP_DIR (default: backups in the data directory; point it at another disk), 7 generations. A failed backup raises a security alert.",
          { note: "The key file that encrypts personal data (keys/data-kek.json in the data directory) is not in the backups. Keep a copy in another safe place: without it the backups cannot be read." },
          "To restore, stop the server and run the command below. The database it replaces is kept aside.",
          { command: "npx madoguchi backup restore <backup file> --confirm replace-the-database" },
          "With PostgreSQL, use pg_dump or base backups.",
        ],
      },
      {
        id: "admin-alerts",
        title: "Security alerts",
        blocks: [
          "Every 5 minutes the server looks through the audit log and raises an alert when:",
          {
            list: [
              "a staff account was locked",
              "20 or more sign-ins failed from one address within 10 minutes",
              "10 or more requests of one staff member were refused within 10 minutes",
              "a backup failed",
            ],
          },
          "Each alert is recorded in the audit log (security.alert) and mailed, in Japanese and English, to the addresses in MADOGUCHI_SECURITY_ALERT_EMAILS (comma-separated). The mail gives the audit log's sequence number, never names or addresses: look at the log around it.",
          { command: "MADOGUCHI_SECURITY_ALERT_EMAILS=security@city.example.lg.jp" },
        ],
      },
      {
        id: "admin-network",
        title: "The staff network restriction (LGWAN)",
        blocks: [
          "The back office and the audit log are served on a separate listener (MADOGUCHI_STAFF_HOST, MADOGUCHI_STAFF_PORT) that answers only the networks listed in MADOGUCHI_STAFF_ALLOWED_CIDRS (the LGWAN ranges). By default only this machine itself.",
          {
            list: [
              "Any other client is refused (403) and recorded in the audit log with its address.",
              "The residents' listener has no staff pages at all (404).",
              "Only if a reverse proxy sits in front, list it in MADOGUCHI_STAFF_TRUSTED_PROXIES. An X-Forwarded-For header from anywhere else is not believed.",
            ],
          },
          { command: "MADOGUCHI_STAFF_HOST=10.20.0.5\nMADOGUCHI_STAFF_PORT=8443\nMADOGUCHI_STAFF_ALLOWED_CIDRS=10.20.0.0/16,192.168.10.0/24" },
        ],
      },
      {
        id: "admin-settings",
        title: "Main settings (environment variables)",
        blocks: [
          "Settings are read when the server starts: restart it after a change. With an invalid value the server does not start and says why.",
          { table: { caption: "Main environment variables", head: ["Variable", "Meaning", "Default"], rows: settingRows("en") } },
        ],
      },
      {
        id: "admin-service-end",
        title: "Ending the service",
        blocks: [
          {
            ordered: true,
            list: [
              "Export what is not yet deleted, in-process applications included: a member of an all-applications group exports the list as CSV with every column and no status filter (with the second member's approval the size asks for).",
              "On the server, run the command below. It overwrites and removes the data keys' key file (so that no backup can be read any more), then removes the database and the server's backups.",
            ],
          },
          { command: "npx madoguchi service-end erase --confirm erase-all-user-data" },
          { note: "This cannot be undone. Destroy any copies of backups kept elsewhere separately (they cannot be read without the key)." },
        ],
      },
    ],
  };
};

/** The administrators' manual (N10) in `locale`. */
export const adminManual = (locale: Locale): Manual => (locale === "ja" ? ja() : en());
