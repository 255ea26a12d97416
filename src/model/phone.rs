//! Phone and e-mail formats a clerk types: mainland mobiles, landlines with area code and extension, 400/800.

/// Whether the text is a plausible mainland phone number.
///
/// Accepts `13812345678`, `+86 138 1234 5678`, `010-82261744`, `0571-8765 4321-808`, `(0571)87654321`,
/// `400-820-8820` and full-width digits or dashes as an input method types them.
pub fn is_valid_phone(input: &str) -> bool {
    let Some(digits) = phone_digits(input) else {
        return false;
    };
    let digits = digits
        .strip_prefix("0086")
        .or_else(|| {
            digits
                .strip_prefix("86")
                .filter(|rest| rest.len() == 11 && rest.starts_with('1'))
        })
        .unwrap_or(&digits);
    is_mobile(digits) || is_landline(digits) || is_service_number(digits)
}

/// Whether the text looks like an e-mail address (one @, a dot in the domain, no spaces).
pub fn is_valid_email(input: &str) -> bool {
    let text = input.trim();
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The digits of a phone number with separators removed; `None` when anything but digits and separators is there.
fn phone_digits(input: &str) -> Option<String> {
    let mut out = String::new();
    for c in input.trim().chars().map(super::normalize::half_width_char) {
        match c {
            '0'..='9' => out.push(c),
            '+' if out.is_empty() => {}
            ' ' | '\u{3000}' | '-' | '—' | '–' | '(' | ')' | '#' | '转' => {}
            _ => return None,
        }
    }
    Some(out)
}

fn is_mobile(d: &str) -> bool {
    d.len() == 11 && d.starts_with('1') && matches!(d.as_bytes()[1], b'3'..=b'9')
}

/// Area code (0 + 2–3 digits) and a 7–8 digit local number, optionally followed by an extension of up to 6 digits.
fn is_landline(d: &str) -> bool {
    if !d.starts_with('0') || d.starts_with("00") {
        return false;
    }
    // 3–4 digit area code with its 0, 7–8 digit number, up to 6 digits of extension.
    (10..=18).contains(&d.len())
}

/// 400/800 national service numbers.
fn is_service_number(d: &str) -> bool {
    d.len() == 10 && (d.starts_with("400") || d.starts_with("800"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_and_landlines_pass() {
        for phone in [
            "13812345678",
            "+86 138 1234 5678",
            "8613812345678",
            "010-82261744",
            "010—82261744",
            "0571-87654321",
            "(0571)8765 4321",
            "（0571）87654321转808",
            "0571-87654321-808",
            "０５７１－８７６５４３２１",
            "400-820-8820",
        ] {
            assert!(is_valid_phone(phone), "{phone} should be accepted");
        }
    }

    #[test]
    fn wrong_phones_are_refused() {
        for phone in [
            "",
            "12345",
            "1381234567",
            "23812345678",
            "phone",
            "138-1234-567a",
            "0000-1234567",
            "138123456789",
        ] {
            assert!(!is_valid_phone(phone), "{phone:?} should be refused");
        }
    }

    #[test]
    fn emails() {
        assert!(is_valid_email("zlfzc@zjamr.zj.gov.cn"));
        assert!(!is_valid_email("zlfzc@"));
        assert!(!is_valid_email("zlfzc zjamr.gov.cn"));
        assert!(!is_valid_email("a@b@c.cn"));
        assert!(!is_valid_email("a@cn."));
    }
}
