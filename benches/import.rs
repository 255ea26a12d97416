//! Import benchmark: reading a 30 000-character .docx (our own report of an enterprise with six sections of 5 000
//! characters) and planning it against the template, as 从 Word 导入 and `lingjun import` do. Also the .docx
//! writer alone, for the export figures in BENCHMARKS.md.
//!
//! Run: `cargo bench --bench import`.

#![expect(
    clippy::print_stdout,
    reason = "a benchmark reports its measurements on stdout"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use lingjun::model::{Enterprise, Template};
use lingjun::render::{self, DocxOptions};

#[path = "../tests/common/mod.rs"]
mod common;

/// A report of about 30 000 characters: six sections of ~5 000, in lines of ~100.
fn big_report() -> lingjun::model::Draft {
    let mut draft = common::full_draft(1);
    let line = "企业坚持质量第一、效益优先，建立覆盖研发、制造、服务全过程的质量管理体系，2023年产品一次交验合格率达到99.6%，主导制定国际标准3项、国家标准12项，带动上下游企业共同提升。";
    for spec in &Template::built_in().report.sections {
        let text: Vec<&str> = std::iter::repeat_n(line, 5_000 / line.chars().count() + 1).collect();
        draft.enterprises[0]
            .sections
            .insert(spec.key.clone(), text.join("\n"));
    }
    draft
}

fn import_bench(c: &mut Criterion) {
    let template = Template::built_in();
    let draft = big_report();
    let options = DocxOptions::for_draft(&draft);
    let docx = render::docx::report_docx(&draft, 0, template, &options).expect("writes");
    let chars: usize = draft.enterprises[0]
        .sections
        .values()
        .map(|s| s.chars().count())
        .sum();
    println!("report .docx: {chars} characters, {} bytes", docx.len());
    let mut group = c.benchmark_group("word");
    group.bench_function("import a 30 000-character .docx (read + plan)", |b| {
        b.iter(|| {
            let blocks = lingjun::import::read_docx_bytes(&docx).expect("reads");
            lingjun::import::plan(&blocks, template, &Enterprise::default(), "r.docx")
        });
    });
    // The plan alone of a 60-page report (about 42 000 characters: six sections of ~7 000), blocks already read.
    let mut long = big_report();
    for spec in &template.report.sections {
        let text = long.enterprises[0].sections[&spec.key].clone();
        let half: Vec<&str> = text.lines().take(text.lines().count() / 2).collect();
        long.enterprises[0]
            .sections
            .insert(spec.key.clone(), format!("{text}\n{}", half.join("\n")));
    }
    let long_docx = render::docx::report_docx(&long, 0, template, &options).expect("writes");
    let long_blocks = lingjun::import::read_docx_bytes(&long_docx).expect("reads");
    group.bench_function("plan of a 60-page report (blocks read)", |b| {
        b.iter(|| lingjun::import::plan(&long_blocks, template, &Enterprise::default(), "r.docx"));
    });
    // 从 Word 批量导入 of five reports of the corpus into a fresh batch: read, plan, apply each.
    let corpus =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/corpus");
    let files: Vec<std::path::PathBuf> = [
        "pd_cover_toc.docx",
        "pd_parts_wanyuan.docx",
        "word_toc_field.docx",
        "wps_chapters.docx",
        "lo_odt_merged.docx",
    ]
    .iter()
    .map(|f| corpus.join(f))
    .collect();
    group.bench_function(
        "batch import of five corpus reports (read + plan + apply)",
        |b| {
            b.iter(|| {
                let mut draft = lingjun::model::Draft::new(common::today());
                for file in &files {
                    let plan = lingjun::import::plan_new_file(file, &draft).expect("plans");
                    lingjun::import::apply_new(&plan, &mut draft).expect("applies");
                }
                draft
            });
        },
    );
    group.bench_function("write the 30 000-character report as .docx", |b| {
        b.iter(|| render::docx::report_docx(&draft, 0, template, &options).expect("writes"));
    });
    group.finish();
}

criterion_group!(benches, import_bench);
criterion_main!(benches);
