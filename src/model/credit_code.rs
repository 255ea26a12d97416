//! 统一社会信用代码 (GB 32100-2015) with its embedded 组织机构代码 (GB 11714-1997).

/// The 31 characters a credit code may use; a character's value is its index (no I, O, S, V, Z).
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// GB 32100 weights: 3^(i) mod 31 for positions 1–17.
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// GB 11714 weights for the eight body characters of the organisation code.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The length of a credit code.
pub const CREDIT_CODE_LEN: usize = 18;

/// What a check of one credit code found.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CreditCodeFinding {
    /// Not 18 characters after normalisation.
    WrongLength { len: usize },
    /// A character outside the GB 32100 alphabet, at a 1-based position.
    InvalidChar { ch: char, position: usize },
    /// The 18th character does not match GB 32100; some legally issued codes fail it, so this is only a warning.
    CheckDigit { expected: char, found: char },
    /// The embedded organisation code's check character (the 17th) does not match GB 11714.
    OrgCheckDigit { expected: char, found: char },
}

/// Normalises typed input: full-width to half-width, lower to upper case, spaces and hyphens dropped.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .map(super::normalize::half_width_char)
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Checks a credit code (normalised first). An empty list means the code is well formed and both check digits hold.
pub fn check(input: &str) -> Vec<CreditCodeFinding> {
    let code: Vec<char> = normalize(input).chars().collect();
    let mut findings: Vec<CreditCodeFinding> = code
        .iter()
        .enumerate()
        .filter(|(_, c)| value_of(**c).is_none())
        .map(|(i, &ch)| CreditCodeFinding::InvalidChar {
            ch,
            position: i + 1,
        })
        .collect();
    if code.len() != CREDIT_CODE_LEN {
        findings.insert(0, CreditCodeFinding::WrongLength { len: code.len() });
        return findings;
    }
    if !findings.is_empty() {
        return findings;
    }
    if let Some(expected) = org_check_char(&code[8..16])
        && code[16] != expected
    {
        findings.push(CreditCodeFinding::OrgCheckDigit {
            expected,
            found: code[16],
        });
    }
    if let Some(expected) = credit_check_char(&code[..17])
        && code[17] != expected
    {
        findings.push(CreditCodeFinding::CheckDigit {
            expected,
            found: code[17],
        });
    }
    findings
}

/// The six-digit 登记管理机关行政区划码 (positions 3–8) of a normalised 18-character code.
pub fn division_code(input: &str) -> Option<String> {
    let code = normalize(input);
    let division: String = code.chars().skip(2).take(6).collect();
    (code.chars().count() == CREDIT_CODE_LEN && division.chars().all(|c| c.is_ascii_digit()))
        .then_some(division)
}

fn value_of(c: char) -> Option<u32> {
    ALPHABET.find(c).and_then(|i| u32::try_from(i).ok())
}

/// The GB 32100 check character for the first 17 characters.
fn credit_check_char(body: &[char]) -> Option<char> {
    let mut sum = 0;
    for (c, weight) in body.iter().zip(CREDIT_WEIGHTS) {
        sum += value_of(*c)? * weight;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(check as usize)
}

/// The GB 11714 check character for the eight body characters: letters count A=10 … Z=35.
fn org_check_char(body: &[char]) -> Option<char> {
    let mut sum = 0;
    for (c, weight) in body.iter().zip(ORG_WEIGHTS) {
        sum += c.to_digit(36)? * weight;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes published by the enterprises themselves on their licences.
    const REAL_CODES: [&str; 4] = [
        "91330100799655058B", // 阿里巴巴（中国）有限公司
        "9144030071526726XG", // 深圳市腾讯计算机系统有限公司
        "91110000802100433B", // 中国石油化工股份有限公司
        "91350100M000100Y43", // GB 32100 worked example
    ];

    #[test]
    fn real_codes_pass() {
        for code in REAL_CODES {
            assert_eq!(check(code), vec![], "{code} should be valid");
        }
    }

    #[test]
    fn lower_case_and_full_width_are_normalised() {
        assert_eq!(
            normalize("９１３３０１００７９９６５５０５８ｂ"),
            "91330100799655058B"
        );
        assert_eq!(normalize(" 9133 0100-7996 5505 8b "), "91330100799655058B");
        assert_eq!(check("９１３３０１００７９９６５５０５８ｂ"), vec![]);
    }

    #[test]
    fn wrong_length_is_reported_with_the_length() {
        assert_eq!(
            check("9133010079965505"),
            vec![CreditCodeFinding::WrongLength { len: 16 }]
        );
        assert_eq!(check(""), vec![CreditCodeFinding::WrongLength { len: 0 }]);
        assert_eq!(
            check("91330100799655058B0"),
            vec![CreditCodeFinding::WrongLength { len: 19 }]
        );
    }

    #[test]
    fn forbidden_letters_are_reported_with_their_position() {
        for (bad, letter) in [("I", 'I'), ("O", 'O'), ("Z", 'Z'), ("S", 'S'), ("V", 'V')] {
            let code = format!("9133010079965505{bad}B");
            assert_eq!(
                check(&code),
                vec![CreditCodeFinding::InvalidChar {
                    ch: letter,
                    position: 17
                }],
                "{letter} is not in the GB 32100 alphabet"
            );
        }
        assert_eq!(
            check("91330100799655058中"),
            vec![CreditCodeFinding::InvalidChar {
                ch: '中',
                position: 18
            }]
        );
    }

    #[test]
    fn one_wrong_character_breaks_a_check_digit() {
        // Position 10 changed from 9 to 8: both the organisation code and the whole code no longer add up.
        let findings = check("91330100789655058B");
        assert!(!findings.is_empty(), "a changed character must be caught");
        assert!(
            findings.iter().all(|f| matches!(
                f,
                CreditCodeFinding::CheckDigit { .. } | CreditCodeFinding::OrgCheckDigit { .. }
            )),
            "{findings:?}"
        );
    }

    #[test]
    fn wrong_check_digit_names_the_expected_one() {
        assert_eq!(
            check("91330100799655058C"),
            vec![CreditCodeFinding::CheckDigit {
                expected: 'B',
                found: 'C'
            }]
        );
    }

    #[test]
    fn wrong_organisation_check_digit_is_found() {
        // 9144030071526726XG with its 17th character changed; the 18th is recomputed so only GB 11714 fails.
        let mut body: Vec<char> = "914403007152672610".chars().collect();
        let check_char = credit_check_char(&body[..17]).expect("valid alphabet");
        body[17] = check_char;
        let code: String = body.into_iter().collect();
        assert_eq!(
            check(&code),
            vec![CreditCodeFinding::OrgCheckDigit {
                expected: 'X',
                found: '1'
            }]
        );
    }

    #[test]
    fn division_code_is_positions_three_to_eight() {
        assert_eq!(
            division_code("91330100799655058B").as_deref(),
            Some("330100")
        );
        assert_eq!(
            division_code("9133010079965505").as_deref(),
            None,
            "too short"
        );
    }
}
