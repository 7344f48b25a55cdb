//! Small string helpers that keep `core::fmt` and substring searchers out of the wasm build
//! (they cost kilobytes there; see the README's size section). Inputs here are short and capped.

/// Appends `n` in decimal.
pub fn push_decimal(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for d in digits[..len].iter().rev() {
        out.push(char::from(*d));
    }
}

/// Appends `byte` as two lower-case hex digits.
pub fn push_hex(out: &mut String, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 0xf)]));
}

/// Byte offset of the first occurrence of `needle` in `hay`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == n)
}

/// Whether `hay` contains `needle`.
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// Concatenates `parts`.
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// Joins `items` with `sep`.
pub fn join<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        for n in [0, 7, 10, 443, 8080, 65535, u32::MAX] {
            let mut s = String::new();
            push_decimal(&mut s, n);
            assert_eq!(s, n.to_string());
        }
        let mut s = String::new();
        for b in [0u8, 0x0f, 0xa0, 0xff] {
            push_hex(&mut s, b);
        }
        assert_eq!(s, "000fa0ff");
        assert_eq!(find("ab\\u0026cd", "\\u0026"), Some(2));
        assert_eq!(find("abc", "abcd"), None);
        assert!(contains("x%2ey", "%2e") && !contains("", "a"));
        assert_eq!(concat(&["a", "", "bc"]), "abc");
        assert_eq!(join(&["a", "b", "c"], ","), "a,b,c");
        assert_eq!(join::<&str>(&[], ","), "");
    }
}
