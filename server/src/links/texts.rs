//! The landing pages' own texts in each of the button's locales (the button's label and failure
//! messages come from its catalogue, `core/messages.rs`). Words follow that catalogue:
//! Kredensial, ข้อมูลรับรอง, Kelayakan, 憑證.

use seekpass_button::core::messages::Locale;

/// A text the landing pages show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Under the button: what happens next.
    Explain,
    /// A printed link, nobody (or somebody else) signed in.
    SignInPrompt,
    /// The sign-in link.
    SignIn,
    /// Signed in, but not as the person the credential belongs to.
    OtherAccount,
    /// A link that is not one of ours.
    InvalidTitle,
    /// What to do about it.
    InvalidBody,
    /// A link past its date, or withdrawn.
    ExpiredTitle,
    /// What to do about it.
    ExpiredBody,
    /// The title of a digital identity, which has no name of its own.
    IdentityTitle,
}

type Row = [&'static str; 9];

const EN: Row = [
    "SEEK Pass will ask you to sign in, then to accept the credential.",
    "Sign in to add this credential to SEEK Pass.",
    "Sign in",
    "Sign in with the account this credential was issued to.",
    "This link doesn’t work",
    "Check that you copied the whole link, or ask the sender for a new one.",
    "This link has expired",
    "Ask the sender for a new link.",
    "Your verified identity",
];

const ID: Row = [
    "SEEK Pass akan meminta Anda masuk, lalu menerima kredensial ini.",
    "Masuk untuk menambahkan kredensial ini ke SEEK Pass.",
    "Masuk",
    "Masuk dengan akun pemilik kredensial ini.",
    "Tautan ini tidak berfungsi",
    "Pastikan Anda menyalin seluruh tautan, atau minta tautan baru kepada pengirim.",
    "Tautan ini sudah kedaluwarsa",
    "Minta tautan baru kepada pengirim.",
    "Identitas Anda yang terverifikasi",
];

const TH: Row = [
    "SEEK Pass จะให้คุณเข้าสู่ระบบ แล้วจึงยอมรับข้อมูลรับรองนี้",
    "เข้าสู่ระบบเพื่อเพิ่มข้อมูลรับรองนี้ลงใน SEEK Pass",
    "เข้าสู่ระบบ",
    "เข้าสู่ระบบด้วยบัญชีที่ได้รับข้อมูลรับรองนี้",
    "ลิงก์นี้ใช้ไม่ได้",
    "ตรวจสอบว่าคัดลอกลิงก์มาครบถ้วน หรือขอลิงก์ใหม่จากผู้ส่ง",
    "ลิงก์นี้หมดอายุแล้ว",
    "ขอลิงก์ใหม่จากผู้ส่ง",
    "ตัวตนที่ยืนยันแล้วของคุณ",
];

const MS: Row = [
    "SEEK Pass akan meminta anda log masuk, kemudian menerima kelayakan ini.",
    "Log masuk untuk menambah kelayakan ini ke SEEK Pass.",
    "Log masuk",
    "Log masuk dengan akaun yang menerima kelayakan ini.",
    "Pautan ini tidak berfungsi",
    "Pastikan anda menyalin keseluruhan pautan, atau minta pautan baharu daripada pengirim.",
    "Pautan ini telah tamat tempoh",
    "Minta pautan baharu daripada pengirim.",
    "Identiti anda yang disahkan",
];

const ZH_HK: Row = [
    "SEEK Pass 會請你登入，然後接受這項憑證。",
    "登入以將這項憑證加入 SEEK Pass。",
    "登入",
    "請使用獲發這項憑證的帳戶登入。",
    "此連結無法使用",
    "請確認已複製完整連結，或向寄件人索取新連結。",
    "此連結已過期",
    "請向寄件人索取新連結。",
    "你的已驗證身份",
];

/// `text` in `locale`.
pub fn text(locale: Locale, text: Text) -> &'static str {
    let row = match locale {
        Locale::En => &EN,
        Locale::Id => &ID,
        Locale::Th => &TH,
        Locale::Ms => &MS,
        Locale::ZhHk => &ZH_HK,
    };
    row[text as usize]
}
