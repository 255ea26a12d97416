//! File names that survive Windows, the CD's Joliet directory and a clerk's copy to a USB stick.

/// Joliet allows at most 64 UCS-2 characters in a name (ECMA-119 Joliet extension).
pub const MAX_NAME_CHARS: usize = 64;

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Makes one name safe: forbidden characters become `_`, control and bidi characters and characters outside
/// the BMP (Joliet stores UCS-2) are dropped, trailing dots and spaces go, reserved device names get a `_`,
/// and the stem is cut so the whole name fits in 64 characters with its extension kept.
pub fn safe_file_name(name: &str) -> String {
    // A cut can turn the end of a long name into something that looks like an extension (".a" out of ".a®"),
    // which a second pass would treat differently: repeat until nothing changes (found by tests/fuzz.rs).
    let mut safe = sanitise_once(name);
    for _ in 0..4 {
        let again = sanitise_once(&safe);
        if again == safe {
            break;
        }
        safe = again;
    }
    safe
}

fn sanitise_once(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| {
            !c.is_control() && !super::normalize::is_format_char(*c) && (*c as u32) <= 0xFFFF
        })
        .map(|c| if is_forbidden(c) { '_' } else { c })
        .collect();
    let cleaned = trim_name_end(cleaned.trim()).to_owned();
    let (stem, ext) = split_extension(&cleaned);
    let room = MAX_NAME_CHARS.saturating_sub(ext.chars().count());
    // Cut first, then check: a cut can leave a trailing space or dot, or a bare device name ("CON" + spaces…).
    let stem: String = stem.trim().chars().take(room).collect();
    let mut stem = trim_name_end(&stem).to_owned();
    if stem.is_empty() {
        stem.push_str("未命名");
    }
    if is_reserved(&stem) {
        // Windows reserves "CON" whatever follows its first dot ("con.tar.gz" too): mark the device name itself.
        let base_end = stem.find('.').unwrap_or(stem.len());
        let base_end = stem[..base_end].trim_end().len();
        stem.insert(base_end, '_');
        stem = stem.chars().take(room).collect::<String>();
        stem = trim_name_end(&stem).to_owned();
    }
    format!("{stem}{ext}")
}

/// Makes `name` safe and different from every name in `taken` (compared as Windows does, ignoring case),
/// adding （2）, （3）… before the extension.
pub fn unique_file_name(name: &str, taken: &[String]) -> String {
    let safe = safe_file_name(name);
    let clashes = |candidate: &str| {
        taken
            .iter()
            .any(|t| t.to_lowercase() == candidate.to_lowercase())
    };
    if !clashes(&safe) {
        return safe;
    }
    let (stem, ext) = split_extension(&safe);
    for n in 2.. {
        let suffix = format!("（{n}）");
        let room = MAX_NAME_CHARS.saturating_sub(ext.chars().count() + suffix.chars().count());
        let short: String = stem.chars().take(room).collect();
        let candidate = format!("{short}{suffix}{ext}");
        if !clashes(&candidate) {
            return candidate;
        }
    }
    unreachable!("the counter is unbounded")
}

/// Whether a name is already safe as it is.
pub fn is_safe_file_name(name: &str) -> bool {
    !name.is_empty() && safe_file_name(name) == name
}

/// Drops trailing dots and white space (Windows drops trailing dots and spaces; other white space there only
/// confuses), so that a name and its sanitised form agree.
fn trim_name_end(name: &str) -> &str {
    name.trim_end_matches(|c: char| c == '.' || c.is_whitespace())
}

fn is_forbidden(c: char) -> bool {
    // Windows forbids these; Joliet also forbids ';'.
    matches!(
        c,
        '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | ';'
    )
}

fn is_reserved(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or(stem).trim();
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(base))
}

/// Splits `报告.pdf` into (`报告`, `.pdf`); an extension is at most 8 ASCII alphanumerics after the last dot.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot)
            if dot > 0
                && name.len() - dot <= 9
                && name[dot + 1..].chars().all(|c| c.is_ascii_alphanumeric())
                && dot + 1 < name.len() =>
        {
            (&name[..dot], &name[dot..])
        }
        _ => (name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_become_underscores() {
        assert_eq!(
            safe_file_name(r#"a\b/c:d*e?f"g<h>i|j.pdf"#),
            "a_b_c_d_e_f_g_h_i_j.pdf"
        );
    }

    #[test]
    fn control_bidi_and_astral_characters_are_dropped() {
        assert_eq!(safe_file_name("报\u{0}告\u{202E}fdp.exe"), "报告fdp.exe");
        assert_eq!(safe_file_name("企业😀名称.pdf"), "企业名称.pdf");
    }

    #[test]
    fn reserved_names_are_changed() {
        assert_eq!(safe_file_name("CON"), "CON_");
        assert_eq!(safe_file_name("nul.txt"), "nul_.txt");
        assert_eq!(safe_file_name("COM1.pdf"), "COM1_.pdf");
        assert_eq!(
            safe_file_name("CONSOLE.pdf"),
            "CONSOLE.pdf",
            "only the exact device names"
        );
    }

    /// Found by tests/fuzz.rs: Windows reserves a device name whatever follows its first dot, so the mark goes on
    /// the device name itself, and sanitising twice changes nothing.
    #[test]
    fn a_device_name_before_several_dots_is_marked_once() {
        assert_eq!(
            safe_file_name("con.a.a"),
            "con_.a.a",
            "the device name is marked"
        );
        assert_eq!(safe_file_name("con_.a.a"), "con_.a.a", "idempotent");
        assert_eq!(safe_file_name("aux .tar.gz"), "aux_ .tar.gz");
    }

    /// Found by tests/fuzz.rs: a cut that ends on a no-break space was trimmed only on the second pass.
    #[test]
    fn a_cut_ending_in_any_white_space_is_trimmed_at_once() {
        let name = format!("{}\u{a0}0", "甲".repeat(63));
        let safe = safe_file_name(&name);
        assert_eq!(safe, "甲".repeat(63), "the no-break space at the cut goes");
        assert_eq!(safe_file_name(&safe), safe, "idempotent");
    }

    /// Found by tests/fuzz.rs: a cut that leaves an extension-like end settles in one call.
    #[test]
    fn a_cut_that_makes_an_extension_settles_at_once() {
        let name = format!("{} .a®", "甲".repeat(61));
        let safe = safe_file_name(&name);
        assert_eq!(safe, format!("{}.a", "甲".repeat(61)), "settled");
        assert_eq!(safe_file_name(&safe), safe, "idempotent");
    }

    /// Found by tests/fuzz.rs: cutting a long stem can leave a bare device name, which is then marked.
    #[test]
    fn a_cut_that_leaves_a_device_name_is_marked() {
        let name = format!("CON{}x.pdf", " ".repeat(70));
        let safe = safe_file_name(&name);
        assert_eq!(safe, "CON_.pdf", "cut to the device name, then marked");
        assert_eq!(safe_file_name(&safe), safe, "idempotent");
    }

    #[test]
    fn trailing_dots_and_spaces_go() {
        assert_eq!(safe_file_name("报告. . "), "报告");
        assert_eq!(safe_file_name("..."), "未命名");
        assert_eq!(safe_file_name(""), "未命名");
    }

    #[test]
    fn long_names_keep_their_extension_within_64() {
        let long = format!("{}.pdf", "很".repeat(100));
        let safe = safe_file_name(&long);
        assert_eq!(safe.chars().count(), MAX_NAME_CHARS);
        assert!(safe.ends_with(".pdf"), "{safe}");
    }

    #[test]
    fn unique_names_count_up_ignoring_case() {
        let taken = vec![
            "报告.pdf".to_owned(),
            "报告（2）.pdf".to_owned(),
            "A.PDF".to_owned(),
        ];
        assert_eq!(unique_file_name("报告.pdf", &taken), "报告（3）.pdf");
        assert_eq!(unique_file_name("a.pdf", &taken), "a（2）.pdf");
        let long = format!("{}.pdf", "长".repeat(80));
        let first = safe_file_name(&long);
        let second = unique_file_name(&long, std::slice::from_ref(&first));
        assert_ne!(first, second);
        assert!(second.chars().count() <= MAX_NAME_CHARS);
    }

    #[test]
    fn safe_names_are_recognised() {
        assert!(is_safe_file_name("02_推荐报告_1_杭州某某有限公司.pdf"));
        assert!(!is_safe_file_name("a:b.pdf"));
        assert!(!is_safe_file_name(""));
    }
}
