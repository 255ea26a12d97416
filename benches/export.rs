//! Export benchmark: the whole disc package (report PDFs and .docx, summary PDF, .docx and xlsx, manifests, Joliet ISO) of five
//! enterprises with about 10 000 characters each, into a temporary folder. Before timing it prints the sizes
//! BENCHMARKS.md records: each report PDF (bytes and pages), the folder and the ISO image.
//!
//! Run: `cargo bench --bench export`.

#![expect(
    clippy::print_stdout,
    reason = "a benchmark reports its measurements on stdout"
)]

use std::path::Path;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use lingjun::model::Template;
use lingjun::package::{ExportOptions, export};

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

/// Characters in all sections of enterprise `index`.
fn section_chars(draft: &lingjun::model::Draft, index: usize) -> usize {
    draft.enterprises[index]
        .sections
        .values()
        .map(|s| s.chars().count())
        .sum()
}

fn folder_bytes(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .expect("the package folder lists")
        .map(|entry| {
            let entry = entry.expect("a folder entry reads");
            let meta = entry.metadata().expect("a folder entry has metadata");
            if meta.is_dir() {
                folder_bytes(&entry.path())
            } else {
                meta.len()
            }
        })
        .sum()
}

fn print_sizes(draft: &lingjun::model::Draft, template: &Template) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let outcome = export(
        draft,
        &common::blobs(),
        dir.path(),
        &ExportOptions::default(),
        &|_| {},
        &AtomicBool::new(false),
    )
    .expect("the long draft exports");
    for index in 0..draft.enterprises.len() {
        let pages = lingjun::render::report_layout(draft, index, template)
            .expect("the report lays out")
            .pages
            .len();
        let bytes = lingjun::render::report_pdf(draft, index, template)
            .expect("the report renders")
            .len();
        println!(
            "report {}: {} characters, {pages} pages, {bytes} bytes ({:.1} KB, {:.1} KB per page)",
            index + 1,
            section_chars(draft, index),
            bytes as f64 / 1024.0,
            bytes as f64 / 1024.0 / pages as f64,
        );
    }
    let folder = folder_bytes(&outcome.folder);
    println!(
        "package: {} files, folder {folder} bytes ({:.1} KB), ISO {} bytes ({:.1} KB), ISO/folder {:.2}",
        outcome.file_count,
        folder as f64 / 1024.0,
        outcome.iso_bytes,
        outcome.iso_bytes as f64 / 1024.0,
        outcome.iso_bytes as f64 / folder as f64,
    );
}

fn export_bench(c: &mut Criterion) {
    let template = Template::built_in();
    let draft = common::as_final(&support::long_draft(common::full_draft(5)));
    print_sizes(&draft, template);
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let blobs = common::blobs();
    bench_export_into_fresh_folder(
        &mut group,
        "five enterprises, 10 000 characters each",
        &draft,
        &blobs,
        &ExportOptions::default(),
    );
    let pdf_only = ExportOptions {
        word: false,
        ..ExportOptions::default()
    };
    bench_export_into_fresh_folder(
        &mut group,
        "the same without the .docx files",
        &draft,
        &blobs,
        &pdf_only,
    );
    group.finish();
}

/// One export per iteration into a new temporary folder (made outside the timing).
fn bench_export_into_fresh_folder(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    draft: &lingjun::model::Draft,
    blobs: &lingjun::model::blob::MemoryBlobs,
    options: &ExportOptions,
) {
    group.bench_function(name, |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temporary folder"),
            |dir| {
                export(
                    draft,
                    blobs,
                    dir.path(),
                    options,
                    &|_| {},
                    &AtomicBool::new(false),
                )
                .expect("the long draft exports");
                dir
            },
            criterion::BatchSize::PerIteration,
        );
    });
}

criterion_group!(benches, export_bench);
criterion_main!(benches);
