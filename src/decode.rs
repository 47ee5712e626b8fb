//! Bytes to text: byte-order marks, declared encodings, UTF-8, detection, and line ends.
//!
//! Decoding never fails. Text that is neither marked nor declared and is not valid UTF-8
//! is read in the encoding chardetng guesses (for Western text, Windows-1252, a superset
//! of Latin-1 in its printable range), and the caller is told so it can warn the user.
//! Where the encoding comes from (a `<meta charset>`, an HTTP header) is the readers'
//! business; this module only honours what they found.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// Decoded text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with `\n` line ends and without control characters other than `\n` and `\t`.
    pub text: String,
    /// Name of the encoding that was used ("UTF-8", "windows-1252", ...).
    pub encoding: &'static str,
    /// True when the bytes were not valid in the marked, declared or assumed encoding:
    /// the encoding was guessed, or invalid bytes were replaced.
    pub fell_back: bool,
    /// True when the encoding was guessed because the bytes are not valid UTF-8.
    guessed: bool,
    /// The declared encoding, when the bytes were not valid in it but are valid UTF-8
    /// and were read as such.
    overruled: Option<&'static str>,
}

impl Decoded {
    /// What the user should be told about this decoding, if anything.
    pub fn warning(&self) -> Option<String> {
        if let Some(declared) = self.overruled {
            Some(format!(
                "declared as {declared} but not valid {declared}; valid UTF-8, read as UTF-8"
            ))
        } else if self.guessed {
            Some(format!("not valid UTF-8, read as {}", self.encoding))
        } else if self.fell_back {
            Some(format!(
                "not valid {}, undecodable bytes replaced",
                self.encoding
            ))
        } else {
            None
        }
    }
}

/// Decode `bytes`, honouring a byte-order mark, else UTF-8, else the detected encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_declared(bytes, None)
}

/// Decode `bytes` that a container declares to be in `declared` (a `<meta charset>`,
/// an HTTP `Content-Type`). A byte-order mark wins over the declaration; without either,
/// UTF-8 is tried, then the encoding is detected. A declaration the bytes break (they
/// would decode with replacement characters) loses to UTF-8 when they are valid UTF-8
/// with characters beyond ASCII: pages are often re-encoded without updating their
/// `<meta charset>`.
pub fn decode_declared(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return with(encoding, &bytes[bom_len..], false);
    }
    if let Some(encoding) = declared {
        let decoded = with(encoding, bytes, false);
        if decoded.fell_back && !bytes.is_ascii() {
            if let Ok(text) = std::str::from_utf8(bytes) {
                return Decoded {
                    fell_back: true,
                    overruled: Some(encoding.name()),
                    ..utf8(text)
                };
            }
        }
        return decoded;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => utf8(text),
        Err(_) => with(detect(bytes), bytes, true),
    }
}

/// Decodes a file piece by piece (lines, rows, elements) as it streams past, for readers
/// that never hold the whole file: UTF-8 while a piece is valid UTF-8; the first piece
/// that is not picks the encoding (detected on it) for every later piece that is not
/// either. A byte-order mark at the start of a piece is honoured.
#[derive(Debug, Default)]
pub struct Pieces {
    fallback: Option<&'static Encoding>,
    warning: Option<String>,
}

impl Pieces {
    /// The text of one piece.
    pub fn decode(&mut self, bytes: &[u8]) -> String {
        if Encoding::for_bom(bytes).is_some() {
            return decode(bytes).text;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => normalize(text),
            Err(_) => {
                let encoding = *self.fallback.get_or_insert_with(|| detect(bytes));
                let decoded = with(encoding, bytes, true);
                if self.warning.is_none() {
                    self.warning = decoded.warning();
                }
                decoded.text
            }
        }
    }

    /// What the user should be told about the decoding so far, if anything.
    pub fn warning(&self) -> Option<String> {
        self.warning.clone()
    }
}

/// The encoding named by a label such as `"ISO-8859-1"` or `"utf8"` (WHATWG labels).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

fn utf8(text: &str) -> Decoded {
    Decoded {
        text: normalize(text),
        encoding: UTF_8.name(),
        fell_back: false,
        guessed: false,
        overruled: None,
    }
}

fn with(encoding: &'static Encoding, bytes: &[u8], guessed: bool) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: normalize(&text),
        encoding: encoding.name(),
        fell_back: guessed || had_errors,
        guessed,
        overruled: None,
    }
}

/// The top-level domain chardetng is told the text comes from. Like a browser's
/// locale, it only breaks near ties: text that is mostly ASCII with a stray "£" reads as
/// Windows-1252 rather than Windows-1250, while plainly Cyrillic or Greek text is still
/// recognised. Western, since news archives are mostly in Western European languages.
const LOCALE_HINT: &[u8] = b"uk";

/// The most likely legacy encoding of bytes that are not UTF-8.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(LOCALE_HINT), Utf8Detection::Deny)
}

/// Unify line ends to `\n` and drop control characters (NUL, form feeds, ...), which
/// carry no text and confuse terminals and tokenizers alike.
fn normalize(text: &str) -> String {
    // Most text has nothing to change: no CR, no C0 control but tab and newline, and
    // no byte 0xC2 that could start a C1 control. Copy it whole.
    let clean = !crate::controls::any_byte(text.as_bytes(), |b| {
        (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2
    });
    if clean {
        return text.to_string();
    }
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
        assert_eq!(d.warning(), None);
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
    fn invalid_utf8_is_read_in_the_detected_encoding() {
        let d = decode(b"Zo\xEB said \x93yes\x94 about the \xA3300 prize");
        assert_eq!(d.text, "Zoë said “yes” about the £300 prize");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.fell_back);
        assert_eq!(
            d.warning().as_deref(),
            Some("not valid UTF-8, read as windows-1252")
        );
    }

    #[test]
    fn stray_pound_sign_is_western() {
        let d = decode(b"Chelsea sack Mutu\n\nA \xA3300 fine.\n");
        assert_eq!(d.text, "Chelsea sack Mutu\n\nA \u{a3}300 fine.\n");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn greek_is_detected() {
        // "Ειδήσεις της ημέρας" in windows-1253.
        let d = decode(b"\xc5\xe9\xe4\xde\xf3\xe5\xe9\xf2 \xf4\xe7\xf2 \xe7\xec\xdd\xf1\xe1\xf2");
        assert_eq!(d.encoding, "windows-1253");
    }

    #[test]
    fn cyrillic_is_detected() {
        // "Новости дня" in windows-1251.
        let bytes = b"\xcd\xee\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff. \xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xf1\xea\xe0\xe7\xe0\xeb";
        let d = decode(bytes);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.starts_with("Новости дня"));
    }

    #[test]
    fn declared_encoding_is_honoured_and_bom_wins() {
        let latin2 = encoding_for_label("iso-8859-2");
        assert_eq!(decode_declared(b"\xB1", latin2).text, "ą");
        let d = decode_declared(b"\xEF\xBB\xBFok", latin2);
        assert_eq!((d.text.as_str(), d.encoding), ("ok", "UTF-8"));
        let bad = decode_declared(b"caf\xE9", encoding_for_label("utf-8"));
        assert_eq!(
            bad.warning().as_deref(),
            Some("not valid UTF-8, undecodable bytes replaced")
        );
    }

    #[test]
    fn utf8_wins_over_a_declaration_it_breaks() {
        let gbk = encoding_for_label("gb2312");
        let d = decode_declared("春节 travel “rush”".as_bytes(), gbk);
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("春节 travel “rush”", "UTF-8")
        );
        assert_eq!(
            d.warning().as_deref(),
            Some("declared as GBK but not valid GBK; valid UTF-8, read as UTF-8")
        );
        // Real GBK stays GBK ("中文" in GBK), and so do bytes valid in neither.
        let d = decode_declared(b"\xd6\xd0\xce\xc4", gbk);
        assert_eq!((d.text.as_str(), d.encoding), ("中文", "GBK"));
        assert_eq!(d.warning(), None);
        let d = decode_declared(b"\xd6\xd0\xff\xff", gbk);
        assert_eq!(d.encoding, "GBK");
        assert!(d.warning().unwrap().contains("undecodable bytes replaced"));
    }

    #[test]
    fn pieces_keep_the_first_guess() {
        let mut pieces = Pieces::default();
        assert_eq!(pieces.decode(b"\xEF\xBB\xBFplain\r\n"), "plain\n");
        assert_eq!(pieces.warning(), None);
        assert_eq!(pieces.decode(b"Zo\xEB said \x93yes\x94"), "Zoë said “yes”");
        assert_eq!(pieces.decode(b"caf\xE9"), "café");
        assert_eq!(
            pieces.warning().as_deref(),
            Some("not valid UTF-8, read as windows-1252")
        );
    }

    #[test]
    fn line_ends_are_unified_and_controls_dropped() {
        assert_eq!(decode(b"a\r\nb\rc\0d\x0ce\n").text, "a\nb\ncde\n");
        // C1 controls go too, while other characters starting with byte 0xC2 stay.
        assert_eq!(
            decode("£5\u{85}\u{9f} ok\tnow".as_bytes()).text,
            "£5 ok\tnow"
        );
        assert_eq!(decode("plain text\n".as_bytes()).text, "plain text\n");
    }
}
