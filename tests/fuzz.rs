//! Property-based fuzzing (proptest; cargo-fuzz needs a nightly toolchain) of the parsers of untrusted input:
//! the drafts-file reader, the credit-code validator, the file-name sanitiser and the Word 97–2003 .doc reader. The default 256 cases per
//! property keep `cargo test` quick; `.ci/run` runs a longer pass with `PROPTEST_CASES=20000 cargo test --test fuzz`.
//! Every failure found became a named regression test at the bottom of this file and was fixed in the code.

mod common;

use lingjun::import::{self, ImportError};
use lingjun::model::credit_code::{self, CreditCodeFinding};
use lingjun::model::drafts_file;
use lingjun::model::file_name::{self, MAX_NAME_CHARS};
use proptest::prelude::*;

/// The GB 32100 alphabet (no I, O, S, V, Z).
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WINDOWS_RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// An independent implementation of GB 32100 / GB 11714, to generate valid codes.
fn valid_code(head: &[usize; 2], division: &[u32; 6], org: &[usize; 8]) -> String {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut chars: Vec<char> = head.iter().map(|&i| alphabet[i]).collect();
    chars.extend(
        division
            .iter()
            .map(|&d| char::from_digit(d, 10).expect("digit")),
    );
    let body: Vec<char> = org.iter().map(|&i| alphabet[i]).collect();
    let org_sum: u32 = body
        .iter()
        .zip([3, 7, 9, 10, 5, 8, 4, 2])
        .map(|(c, w)| c.to_digit(36).expect("alphanumeric") * w)
        .sum();
    let org_check = match 11 - org_sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).expect("digit"),
    };
    chars.extend(body);
    chars.push(org_check);
    let sum: usize = chars
        .iter()
        .enumerate()
        .map(|(i, c)| ALPHABET.find(*c).expect("in alphabet") * 3usize.pow(i as u32) % 31)
        .sum();
    chars.push(alphabet[(31 - sum % 31) % 31]);
    chars.into_iter().collect()
}

fn assert_safe(name: &str, input: &str) {
    assert!(!name.is_empty(), "{input:?}: empty name");
    assert!(
        name.chars().count() <= MAX_NAME_CHARS,
        "{input:?} → {name:?}: over 64 characters"
    );
    assert!(
        !name.chars().any(
            |c| matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                || c.is_control()
                || (c as u32) > 0xFFFF
        ),
        "{input:?} → {name:?}: a forbidden character"
    );
    assert!(
        !name.ends_with(['.', ' ']),
        "{input:?} → {name:?}: trailing dot or space"
    );
    let base = name.split('.').next().unwrap_or(name).trim();
    assert!(
        !WINDOWS_RESERVED
            .iter()
            .any(|r| r.eq_ignore_ascii_case(base)),
        "{input:?} → {name:?}: a reserved device name"
    );
}

/// A valid drafts file to mutate.
fn valid_file() -> String {
    let mut draft = common::full_draft(2);
    draft
        .batch
        .extra
        .insert("future".into(), serde_json::json!([1, "二"]));
    common::to_json(&draft)
}

/// One edit of a text: delete a range, insert a fragment, or replace a character, at a relative position.
#[derive(Clone, Debug)]
enum Mutation {
    Delete(f64, usize),
    Insert(f64, String),
    Replace(f64, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let fragment = prop_oneof![
        Just("null".to_owned()),
        Just("{".to_owned()),
        Just("]".to_owned()),
        Just("\"".to_owned()),
        Just(",".to_owned()),
        Just("1e999".to_owned()),
        Just("-".to_owned()),
        Just("\\u".to_owned()),
        Just("[[[[[[[[[[".to_owned()),
        ".{0,8}",
    ];
    prop_oneof![
        (0.0..1.0, 1usize..64).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (0.0..1.0, fragment).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (0.0..1.0, any::<char>()).prop_map(|(at, c)| Mutation::Replace(at, c)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in mutations {
        let at = |f: f64| ((chars.len() as f64 * f) as usize).min(chars.len());
        match m {
            Mutation::Delete(f, len) => {
                let start = at(*f);
                let end = (start + len).min(chars.len());
                chars.drain(start..end);
            }
            Mutation::Insert(f, s) => {
                let start = at(*f);
                chars.splice(start..start, s.chars());
            }
            Mutation::Replace(f, c) => {
                let i = at(*f);
                if i < chars.len() {
                    chars[i] = *c;
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// Whatever a reading gives back, writing it again gives a file that reads again: a backup can always be restored.
fn assert_read_is_consistent(text: &str) {
    let mut blobs = lingjun::model::blob::MemoryBlobs::default();
    match drafts_file::from_json_with(text, &mut blobs) {
        Ok(read) => {
            assert!(
                read.draft.enterprises.len() <= 5,
                "at most five enterprises"
            );
            let written = drafts_file::to_json(&read.draft, &blobs).expect("writes");
            let again = drafts_file::from_json(&written);
            let again = again.unwrap_or_else(|e| panic!("a written file reads again: {e}\n{text}"));
            assert_eq!(
                again.unknown_fields, read.unknown_fields,
                "unknown fields are kept"
            );
        }
        Err(e) => assert!(!e.reason.trim().is_empty(), "a refusal gives a reason"),
    }
}

proptest! {
    // Failures are kept as named regression tests (here and beside the code), not in a proptest-regressions file.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text at all is either read or refused with a reason; the reader never panics.
    #[test]
    fn drafts_reader_never_panics_on_any_text(text in ".{0,300}") {
        assert_read_is_consistent(&text);
    }

    /// JSON-shaped noise (the reader's own field names, brackets, numbers) is read or refused with a reason.
    #[test]
    fn drafts_reader_never_panics_on_json_shaped_text(
        text in r#"\{( *"(format|version|batch|unit|enterprises|sections|attachments|name|year|employees|data_base64|acknowledged|is_final)" *: *(null|true|-?[0-9]{1,22}(\.[0-9]+)?(e[0-9]+)?|"[^"\\]{0,6}"|\[|\{|\}|\]|"lingjun-drafts"|1) *,?){0,12}\}?"#
    ) {
        assert_read_is_consistent(&text);
    }

    /// A valid drafts file with random deletions, insertions and replacements is read or refused, never a panic.
    #[test]
    fn drafts_reader_survives_mutated_valid_files(mutations in prop::collection::vec(mutation(), 1..6)) {
        let text = apply(&valid_file(), &mutations);
        assert_read_is_consistent(&text);
    }

    /// The credit-code checks accept any text without panicking, and normalising is idempotent.
    #[test]
    fn credit_code_check_never_panics(text in "\\PC{0,40}") {
        let normal = credit_code::normalize(&text);
        prop_assert_eq!(credit_code::normalize(&normal), normal.clone(), "normalising twice changes nothing");
        let findings = credit_code::check(&text);
        if normal.chars().count() != 18 {
            prop_assert!(
                matches!(findings.first(), Some(CreditCodeFinding::WrongLength { .. })),
                "a wrong length is reported first: {:?}", findings
            );
        }
        credit_code::division_code(&text);
    }

    /// Codes generated by the GB 32100 algorithm always pass, also in lower case and full width.
    #[test]
    fn generated_valid_codes_pass(
        head in [0usize..31, 0usize..31],
        division in [0u32..10, 0u32..10, 0u32..10, 0u32..10, 0u32..10, 0u32..10],
        org in [0usize..31, 0usize..31, 0usize..31, 0usize..31, 0usize..31, 0usize..31, 0usize..31, 0usize..31],
    ) {
        let code = valid_code(&head, &division, &org);
        prop_assert_eq!(credit_code::check(&code), vec![], "{} is valid", code);
        let full_width: String = code
            .to_lowercase()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).expect("full-width form"))
            .collect();
        prop_assert_eq!(credit_code::check(&full_width), vec![], "{} is valid", full_width);
    }

    /// Changing any one character of a valid code to any other character is caught.
    #[test]
    fn any_single_character_change_is_caught(
        head in [0usize..31, 0usize..31],
        division in [0u32..10, 0u32..10, 0u32..10, 0u32..10, 0u32..10, 0u32..10],
        org in [0usize..31, 0usize..31, 0usize..31, 0usize..31, 0usize..31, 0usize..31, 0usize..31, 0usize..31],
        position in 0usize..18,
        replacement in prop_oneof![proptest::sample::select(ALPHABET.chars().collect::<Vec<_>>()), any::<char>()],
    ) {
        let code = valid_code(&head, &division, &org);
        let mut chars: Vec<char> = code.chars().collect();
        if credit_code::normalize(&replacement.to_string()) == chars[position].to_string() {
            // Lower case or full width of the same character: the same code after normalising, not a change.
            return Ok(());
        }
        chars[position] = replacement;
        let changed: String = chars.into_iter().collect();
        prop_assert!(!credit_code::check(&changed).is_empty(), "{} → {} is not caught", code, changed);
    }

    /// Whatever the input, the sanitised name is safe for Windows and Joliet, and sanitising it again changes nothing.
    #[test]
    fn safe_file_names_are_safe_and_idempotent(name in "\\PC{0,100}|[ .]{0,3}(con|CON|Nul|com1|LPT9|aux)[ .]{0,3}(\\.[a-z]{1,4}){0,3}|.{0,80}") {
        let safe = file_name::safe_file_name(&name);
        assert_safe(&safe, &name);
        prop_assert_eq!(file_name::safe_file_name(&safe), safe.clone(), "idempotent");
        prop_assert!(file_name::is_safe_file_name(&safe), "recognised as safe");
    }

    /// Unique names are safe, and differ (ignoring case) from every name already taken.
    #[test]
    fn unique_file_names_are_safe_and_new(
        name in "\\PC{0,80}",
        taken in prop::collection::vec("\\PC{0,70}", 0..6),
    ) {
        let mut taken: Vec<String> = taken.iter().map(|t| file_name::safe_file_name(t)).collect();
        taken.push(file_name::safe_file_name(&name));
        let unique = file_name::unique_file_name(&name, &taken);
        assert_safe(&unique, &name);
        prop_assert!(
            !taken.iter().any(|t| t.to_lowercase() == unique.to_lowercase()),
            "{:?} clashes with {:?}", unique, taken
        );
    }

    /// A .doc written by LibreOffice with bytes overwritten (in its header, directory, FIB, piece table, property
    /// pages or text) and perhaps cut short is read or refused with a reason; the reader never panics and never
    /// gives more characters than the file's main document may have.
    #[test]
    fn doc_reader_survives_mutated_files(
        changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = doc_fixture().to_vec();
        for (at, byte) in changes {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        match import::read_doc_bytes(&bytes) {
            Ok(blocks) => {
                let chars: usize = blocks.iter().map(|b| match b {
                    import::Block::Para(p) => p.text.chars().count(),
                    import::Block::Table(rows) => rows.iter().flatten().map(|c| c.chars().count()).sum(),
                }).sum();
                prop_assert!(chars <= import::MAX_DOC_CHARS as usize);
            }
            Err(error) => prop_assert!(!error.to_string().is_empty(), "{error:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// A section's text cut at any anchors (`section_table::pieces`) never panics, keeps every table once in the
    /// order of its anchor and loses no character of the text but the one line break before each table.
    #[test]
    fn section_pieces_keep_the_text_and_every_table(
        text in "[甲乙a\n ]{0,60}",
        anchors in prop::collection::vec(0usize..30, 0..5),
    ) {
        use lingjun::model::section_table::{Piece, pieces};
        use lingjun::model::SectionTable;
        let tables: Vec<SectionTable> = anchors
            .iter()
            .enumerate()
            .map(|(i, a)| SectionTable { after_line: *a, rows: vec![vec![i.to_string()]] })
            .collect();
        let got = pieces(&text, &tables);
        let mut order = Vec::new();
        let mut rebuilt = String::new();
        for piece in &got {
            match piece {
                Piece::Text(t) => {
                    prop_assert!(!t.is_empty());
                    rebuilt.push_str(t);
                }
                Piece::Table(t) => order.push(t.after_line),
            }
        }
        prop_assert_eq!(order.len(), tables.len());
        prop_assert!(order.windows(2).all(|w| w[0] <= w[1]), "{:?}", order);
        let visible = |s: &str| s.chars().filter(|c| *c != '\n').collect::<String>();
        prop_assert_eq!(visible(&rebuilt), visible(&text));
        let breaks = |s: &str| s.matches('\n').count();
        prop_assert!(breaks(&text) - breaks(&rebuilt) <= tables.len());
    }
}

fn doc_fixture() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/word97_report.doc"
        ))
        .expect("fixture")
    })
}

/// The good file itself is read (the property above would pass vacuously if it were refused).
#[test]
fn doc_fixture_is_read() {
    let blocks = import::read_doc_bytes(doc_fixture());
    assert!(
        blocks.as_ref().is_ok_and(|b| b.len() > 10),
        "{:?}",
        blocks
            .as_ref()
            .map(Vec::len)
            .map_err(ImportError::to_string)
    );
}
