//! Fixtures for the benchmarks: full drafts whose reports run to about 10 000 characters each.

use lingjun::model::{Draft, Template};

/// Sentences a report is made of: common characters, figures and a little Latin, as real reports have.
const SENTENCES: [&str; 8] = [
    "企业坚持质量第一、效益优先，把质量强国建设要求落实到研发、采购、制造和服务的全过程。",
    "近三年累计投入研发经费 12.6 亿元，建成国家级企业技术中心 1 个、省级重点实验室 3 个。",
    "公司通过 ISO 9001、IATF 16949 和 GB/T 19580 卓越绩效评价，产品一次交检合格率达到 99.87%。",
    "围绕产业链上下游，牵头组建质量提升联盟，带动 126 家配套企业开展质量对标和技术改造。",
    "在区域质量品牌建设中，企业主导制定国家标准 5 项、行业标准 11 项，参与制定团体标准 23 项。",
    "建立覆盖全生命周期的质量追溯体系，关键工序数据自动采集率由 62% 提高到 96%。",
    "持续推进数字化车间建设，生产效率提高 31%，运营成本降低 18%，不良品率下降 42%。",
    "下一步将以用户需求为导向，加快关键核心技术攻关，为全省制造业高质量发展作出更大贡献。",
];

/// About `chars` characters of report text in paragraphs of five sentences.
pub fn report_text(chars: usize, seed: usize) -> String {
    let mut text = String::new();
    let mut count = 0;
    let mut i = seed;
    while count < chars {
        let sentence = SENTENCES[i % SENTENCES.len()];
        text.push_str(sentence);
        count += sentence.chars().count();
        i += 1;
        if i.is_multiple_of(5) {
            text.push('\n');
            count += 1;
        }
    }
    text
}

/// `full_draft(n)` with every enterprise's sections filled to about 10 000 characters in all, each section
/// in proportion to its recommended length.
pub fn long_draft(full: Draft) -> Draft {
    let mut draft = full;
    let template = Template::built_in();
    let recommended: usize = template
        .report
        .sections
        .iter()
        .map(|s| s.recommended_chars)
        .sum();
    for (index, enterprise) in draft.enterprises.iter_mut().enumerate() {
        for spec in &template.report.sections {
            let chars = 10_000 * spec.recommended_chars / recommended;
            enterprise
                .sections
                .insert(spec.key.clone(), report_text(chars, index));
        }
    }
    draft
}
