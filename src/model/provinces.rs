//! The 31 provinces and 新疆生产建设兵团, with the leading digits of their 行政区划代码 (GB/T 2260).

/// A recommending province and the division-code prefixes its enterprises' credit codes carry.
pub struct Province {
    pub name: &'static str,
    pub division_prefixes: &'static [&'static str],
}

/// All units that may recommend, in the customary order of GB/T 2260.
pub const PROVINCES: [Province; 32] = [
    p("北京市", &["11"]),
    p("天津市", &["12"]),
    p("河北省", &["13"]),
    p("山西省", &["14"]),
    p("内蒙古自治区", &["15"]),
    p("辽宁省", &["21"]),
    p("吉林省", &["22"]),
    p("黑龙江省", &["23"]),
    p("上海市", &["31"]),
    p("江苏省", &["32"]),
    p("浙江省", &["33"]),
    p("安徽省", &["34"]),
    p("福建省", &["35"]),
    p("江西省", &["36"]),
    p("山东省", &["37"]),
    p("河南省", &["41"]),
    p("湖北省", &["42"]),
    p("湖南省", &["43"]),
    p("广东省", &["44"]),
    p("广西壮族自治区", &["45"]),
    p("海南省", &["46"]),
    p("重庆市", &["50"]),
    p("四川省", &["51"]),
    p("贵州省", &["52"]),
    p("云南省", &["53"]),
    p("西藏自治区", &["54"]),
    p("陕西省", &["61"]),
    p("甘肃省", &["62"]),
    p("青海省", &["63"]),
    p("宁夏回族自治区", &["64"]),
    p("新疆维吾尔自治区", &["65"]),
    // 兵团 divisions have 66 codes; many of its enterprises are registered in Xinjiang (65).
    p("新疆生产建设兵团", &["66", "65"]),
];

const fn p(name: &'static str, division_prefixes: &'static [&'static str]) -> Province {
    Province {
        name,
        division_prefixes,
    }
}

/// The province of that name.
pub fn find(name: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.name == name.trim())
}

/// The customary name of the province's bureau: "<省份>市场监督管理局"; empty for no province.
pub fn default_unit_name(province: &str) -> String {
    if province.trim().is_empty() {
        String::new()
    } else {
        format!("{}市场监督管理局", province.trim())
    }
}

/// The province whose division codes start like this six-digit division code.
pub fn province_of_division(division: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| {
        p.division_prefixes
            .iter()
            .any(|prefix| division.starts_with(prefix))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_31_provinces_and_the_corps() {
        assert_eq!(PROVINCES.len(), 32);
        assert!(find("新疆生产建设兵团").is_some());
        assert!(find(" 浙江省 ").is_some(), "spaces around are ignored");
        assert!(
            find("台湾省").is_none(),
            "only the units the notice addresses"
        );
    }

    #[test]
    fn division_codes_map_to_provinces() {
        assert_eq!(
            province_of_division("330100").map(|p| p.name),
            Some("浙江省")
        );
        assert_eq!(
            province_of_division("440300").map(|p| p.name),
            Some("广东省")
        );
        assert_eq!(province_of_division("990000").map(|p| p.name), None);
    }
}
