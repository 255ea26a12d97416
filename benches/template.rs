//! Template benchmarks: a heading renamed on the 报告模板 page until the preview is laid out again,
//! and the whole export with a larger template (10 sections, a 12-column 汇总表), five long drafts.
//!
//! Run: `cargo bench --bench template`.

use std::sync::atomic::AtomicBool;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lingjun::model::template::{ColumnSpec, SectionSpec, replace_template};
use lingjun::model::{Draft, Template};
use lingjun::package::{ExportOptions, export};

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

/// What the 模板 page does for one edit: the checked template goes into the draft, then the preview lays out
/// the document on screen (both the report and the table here, an upper bound: the page shows one).
fn edit_then_preview(draft: &mut Draft, heading: &str) {
    let mut template = draft.template.clone();
    template.report.sections[0].heading = heading.to_owned();
    assert!(lingjun::model::template::edit::problem(&template).is_none());
    replace_template(draft, template, false).expect("a rename hides nothing");
    let report = lingjun::render::report_layout(draft, 0, &draft.template).expect("lays out");
    let table = lingjun::render::summary_layout(draft);
    assert!(!report.pages.is_empty() && !table.pages.is_empty());
}

/// The built-in template grown to 10 sections and a 12-column table, with the drafts' text spread over it.
fn large_template_draft() -> Draft {
    let mut draft = support::long_draft(common::full_draft(5));
    let mut template: Template = draft.template.clone();
    for n in 1..=4 {
        template.report.sections.push(SectionSpec {
            key: format!("extra_{n}"),
            heading: format!("补充章节{n}"),
            guidance: "补充说明".to_owned(),
            recommended_chars: 800,
            required: false,
            aliases: Vec::new(),
        });
    }
    let at = template.summary.columns.len() - 2;
    for field in ["revenue_100m", "profit_100m", "employees"] {
        template.summary.columns.insert(
            at,
            ColumnSpec {
                field: field.to_owned(),
                label: None,
            },
        );
    }
    assert_eq!(template.report.sections.len(), 10);
    assert_eq!(template.summary.columns.len(), 12);
    replace_template(&mut draft, template, false).expect("only additions");
    for (index, enterprise) in draft.enterprises.iter_mut().enumerate() {
        for n in 1..=4 {
            enterprise
                .sections
                .insert(format!("extra_{n}"), support::report_text(800, index + n));
        }
    }
    draft
}

fn benches(c: &mut Criterion) {
    let draft = support::long_draft(common::full_draft(5));
    let mut n = 0_u32;
    c.bench_function(
        "template edit to refreshed preview, five long drafts",
        |b| {
            b.iter_batched_ref(
                || draft.clone(),
                |draft| {
                    n += 1;
                    edit_then_preview(draft, &format!("企业质量发展情况{n}"));
                },
                BatchSize::SmallInput,
            );
        },
    );

    let large = large_template_draft();
    let blobs = common::blobs();
    c.bench_function("export, 10 sections and a 12-column table", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temporary folder"),
            |dir| {
                export(
                    &large,
                    &blobs,
                    dir.path(),
                    &ExportOptions::default(),
                    &|_| {},
                    &AtomicBool::new(false),
                )
                .expect("exports")
            },
            BatchSize::PerIteration,
        );
    });
}

criterion_group! {
    name = template_benches;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(template_benches);
