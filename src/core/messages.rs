//! The user-facing text, chosen by locale and message key; server text is never shown.

use super::error::ErrorCode;
use super::wire::wire_enum;

wire_enum! {
    /// A supported display language.
    pub enum Locale {
        /// English (default).
        En = "en",
        /// Indonesian.
        Id = "id",
        /// Thai.
        Th = "th",
        /// Malay.
        Ms = "ms",
        /// Chinese (Hong Kong), traditional script.
        ZhHk = "zh-HK",
    }
}

/// A piece of text the button can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// The button label.
    Label,
    /// Announced while asking the proxy.
    Busy,
    /// Announced while leaving for SEEK Pass.
    Navigating,
    /// The label after a failure.
    Retry,
    /// No connection.
    Offline,
    /// Proxy or SEEK Pass unreachable, slow or failing.
    Unreachable,
    /// Too many attempts.
    RateLimited,
    /// The partner session expired.
    SignIn,
    /// Not this user's credential.
    Forbidden,
    /// The proxy refused the credential.
    Rejected,
    /// Anything unexpected.
    Broken,
    /// The button cannot work on this page.
    Unavailable,
    /// A new tab was blocked.
    PopupBlocked,
    /// The text of the fallback link to SEEK Pass.
    OpenLink,
    /// The label when the credential is already in the wallet (the click opens it).
    View,
}

/// Primary language subtags and the locale each selects (`in` is the old code of Indonesian).
pub const LANGUAGES: &[(&str, Locale)] = &[
    ("en", Locale::En),
    ("id", Locale::Id),
    ("in", Locale::Id),
    ("th", Locale::Th),
    ("ms", Locale::Ms),
];

/// Chinese (`zh`) is shown as [`Locale::ZhHk`] only with one of these subtags.
pub const CHINESE_SUBTAGS: &[&str] = &["hk", "hant"];

impl Locale {
    /// The best supported locale for a BCP 47 tag such as `id-ID`, `zh-Hant-HK` or `en_AU`;
    /// anything unsupported falls back to English.
    pub fn negotiate(tag: &str) -> Locale {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or("");
        if language == "zh" {
            // Only the Hong Kong (traditional) variant is translated; other Chinese falls back.
            return if parts.any(|p| CHINESE_SUBTAGS.contains(&p)) {
                Locale::ZhHk
            } else {
                Locale::En
            };
        }
        LANGUAGES
            .iter()
            .find(|(l, _)| *l == language)
            .map_or(Locale::En, |(_, locale)| *locale)
    }

    /// The text of `message` in this locale.
    pub fn text(&self, message: Message) -> &'static str {
        let row = match self {
            Locale::En => &EN,
            Locale::Id => &ID,
            Locale::Th => &TH,
            Locale::Ms => &MS,
            Locale::ZhHk => &ZH_HK,
        };
        row[message as usize]
    }
}

impl Message {
    /// The message shown for a failure.
    pub fn for_error(code: ErrorCode) -> Message {
        match code {
            ErrorCode::Offline | ErrorCode::Network => Message::Offline,
            ErrorCode::Timeout | ErrorCode::ServerUnavailable | ErrorCode::Aborted => {
                Message::Unreachable
            }
            ErrorCode::RateLimited => Message::RateLimited,
            ErrorCode::NotAuthenticated => Message::SignIn,
            ErrorCode::Forbidden => Message::Forbidden,
            ErrorCode::Rejected => Message::Rejected,
            ErrorCode::ConfigInvalid | ErrorCode::WasmUnavailable => Message::Unavailable,
            ErrorCode::PopupBlocked => Message::PopupBlocked,
            ErrorCode::InvalidResponse
            | ErrorCode::RedirectRejected
            | ErrorCode::IntegrityFailed
            | ErrorCode::Internal => Message::Broken,
        }
    }
}

type Row = [&'static str; 15];

const EN: Row = [
    "Add to SEEK Pass",
    "Connecting to SEEK Pass…",
    "Opening SEEK Pass…",
    "Try again",
    "You seem to be offline. Check your connection and try again.",
    "SEEK Pass couldn’t be reached. Please try again.",
    "Too many attempts. Please wait a moment and try again.",
    "Your session has expired. Please sign in again.",
    "This credential can’t be added from this account.",
    "This credential can’t be added right now.",
    "Something went wrong. Please try again later.",
    "The SEEK Pass button is unavailable.",
    "Your browser blocked the new tab. Use the button to continue.",
    "Open SEEK Pass",
    "View in SEEK Pass",
];

const ID: Row = [
    "Tambahkan ke SEEK Pass",
    "Menghubungkan ke SEEK Pass…",
    "Membuka SEEK Pass…",
    "Coba lagi",
    "Sepertinya Anda sedang offline. Periksa koneksi Anda, lalu coba lagi.",
    "SEEK Pass tidak dapat dihubungi. Silakan coba lagi.",
    "Terlalu banyak percobaan. Tunggu sebentar, lalu coba lagi.",
    "Sesi Anda telah berakhir. Silakan masuk kembali.",
    "Kredensial ini tidak dapat ditambahkan dari akun ini.",
    "Kredensial ini tidak dapat ditambahkan saat ini.",
    "Terjadi kesalahan. Silakan coba lagi nanti.",
    "Tombol SEEK Pass tidak tersedia.",
    "Browser Anda memblokir tab baru. Gunakan tombol untuk melanjutkan.",
    "Buka SEEK Pass",
    "Lihat di SEEK Pass",
];

const TH: Row = [
    "เพิ่มลงใน SEEK Pass",
    "กำลังเชื่อมต่อกับ SEEK Pass…",
    "กำลังเปิด SEEK Pass…",
    "ลองอีกครั้ง",
    "ดูเหมือนว่าคุณออฟไลน์อยู่ โปรดตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง",
    "ไม่สามารถเชื่อมต่อกับ SEEK Pass ได้ โปรดลองอีกครั้ง",
    "มีการลองหลายครั้งเกินไป โปรดรอสักครู่แล้วลองอีกครั้ง",
    "เซสชันของคุณหมดอายุแล้ว โปรดเข้าสู่ระบบอีกครั้ง",
    "ไม่สามารถเพิ่มข้อมูลรับรองนี้จากบัญชีนี้ได้",
    "ไม่สามารถเพิ่มข้อมูลรับรองนี้ได้ในขณะนี้",
    "เกิดข้อผิดพลาด โปรดลองอีกครั้งในภายหลัง",
    "ปุ่ม SEEK Pass ไม่พร้อมใช้งาน",
    "เบราว์เซอร์ของคุณบล็อกแท็บใหม่ โปรดใช้ปุ่มเพื่อดำเนินการต่อ",
    "เปิด SEEK Pass",
    "ดูใน SEEK Pass",
];

const MS: Row = [
    "Tambah ke SEEK Pass",
    "Menyambung ke SEEK Pass…",
    "Membuka SEEK Pass…",
    "Cuba lagi",
    "Anda kelihatan di luar talian. Semak sambungan anda dan cuba lagi.",
    "SEEK Pass tidak dapat dihubungi. Sila cuba lagi.",
    "Terlalu banyak cubaan. Sila tunggu sebentar dan cuba lagi.",
    "Sesi anda telah tamat. Sila log masuk semula.",
    "Kelayakan ini tidak boleh ditambah daripada akaun ini.",
    "Kelayakan ini tidak boleh ditambah sekarang.",
    "Berlaku ralat. Sila cuba lagi kemudian.",
    "Butang SEEK Pass tidak tersedia.",
    "Pelayar anda menyekat tab baharu. Gunakan butang untuk meneruskan.",
    "Buka SEEK Pass",
    "Lihat dalam SEEK Pass",
];

const ZH_HK: Row = [
    "加入 SEEK Pass",
    "正在連接 SEEK Pass…",
    "正在開啟 SEEK Pass…",
    "再試一次",
    "你似乎已離線，請檢查網絡連線後再試。",
    "暫時無法連接 SEEK Pass，請再試一次。",
    "嘗試次數過多，請稍候再試。",
    "你的登入已逾時，請重新登入。",
    "無法從此帳戶加入這項憑證。",
    "暫時無法加入這項憑證。",
    "發生錯誤，請稍後再試。",
    "SEEK Pass 按鈕暫時無法使用。",
    "你的瀏覽器封鎖了新分頁，請使用按鈕繼續。",
    "開啟 SEEK Pass",
    "在 SEEK Pass 中查看",
];
