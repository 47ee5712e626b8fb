//! Bytes to text: byte-order marks, UTF-8 with a legacy fallback, and line ends.
//!
//! Decoding never fails. Text that is not valid UTF-8 is read as Windows-1252 (a superset
//! of Latin-1 in its printable range), and the caller is told so it can warn the user.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decoded text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with `\n` line ends and without control characters other than `\n` and `\t`.
    pub text: String,
    /// Name of the encoding that was used ("UTF-8", "windows-1252", ...).
    pub encoding: &'static str,
    /// True when the bytes were not valid in the declared or assumed encoding and a
    /// fallback was used.
    pub fell_back: bool,
}

/// Decode `bytes`, honouring a byte-order mark, else UTF-8, else Windows-1252.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: normalize(&text),
            encoding: encoding.name(),
            fell_back: had_errors,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: normalize(text),
            encoding: UTF_8.name(),
            fell_back: false,
        },
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text: normalize(&text),
                encoding: WINDOWS_1252.name(),
                fell_back: true,
            }
        }
    }
}

/// Unify line ends to `\n` and drop control characters (NUL, form feeds, ...), which
/// carry no text and confuse terminals and tokenizers alike.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Zoë said “yes”".as_bytes());
        assert_eq!(d.text, "Zoë said “yes”");
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.fell_back);
    }

    #[test]
    fn bom_is_removed() {
        let d = decode(b"\xEF\xBB\xBFHeadline\n");
        assert_eq!(d.text, "Headline\n");
        assert!(!d.fell_back);
    }

    #[test]
    fn utf16_bom_is_honoured() {
        let bytes = [0xFF, 0xFE, b'H', 0, b'i', 0];
        assert_eq!(decode(&bytes).text, "Hi");
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        let d = decode(b"Zo\xEB said \x93yes\x94");
        assert_eq!(d.text, "Zoë said “yes”");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.fell_back);
    }

    #[test]
    fn line_ends_are_unified_and_controls_dropped() {
        assert_eq!(decode(b"a\r\nb\rc\0d\x0ce\n").text, "a\nb\ncde\n");
    }
}
