//! Frame-time benchmark: the CPU time of one egui frame (the app's UI pass plus tessellation) while enterprise 1's
//! page is on screen with a 10 000-character 质量水平 section being typed into, one character per frame. The other
//! sections of all five enterprises hold about 10 000 characters each, and the drafts live in a database file, so
//! the autosave (every 0.8 s of typing, at 60 frames a second) is part of the average.
//!
//! Two ways of driving the frame: egui_kittest's `Harness` (as the GUI tests do; it also builds the AccessKit
//! tree every frame, which eframe does only while a screen reader is running) and a bare `egui::Context` as
//! eframe drives it. Run: `cargo bench --bench frame`.

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lingjun::model::validate::{EnterpriseField, FieldPath};
use lingjun::store::Store;
use lingjun::ui::{App, Command, Screen};

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

/// Seconds per frame, as at 60 frames a second.
const FRAME_SECS: f32 = 1.0 / 60.0;
/// The window size the tests use.
const SIZE: [f32; 2] = [1280.0, 900.0];

/// The app on five long drafts in a database file, showing enterprise 1.
fn app(dir: &std::path::Path) -> App {
    let mut draft = support::long_draft(common::full_draft(5));
    draft.enterprises[0]
        .sections
        .insert("quality".into(), support::report_text(10_000, 0));
    let mut store = Store::open(&dir.join("drafts.sqlite")).expect("the database opens");
    store.save(&draft).expect("the drafts save");
    let mut app = App::new(store, common::today());
    app.screen = Screen::Enterprise(0);
    app
}

/// The heading the 质量水平 section's text field is labelled by.
fn quality_heading() -> String {
    lingjun::model::Template::built_in()
        .report
        .sections
        .iter()
        .find(|s| s.key == "quality")
        .expect("the template has a quality section")
        .heading
        .clone()
}

fn harness_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .with_step_dt(FRAME_SECS)
        .with_max_steps(10_000)
        .with_context_setup(lingjun::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.root_ui(ui), app(dir.path()));
    harness.run_ok();
    let heading = quality_heading();
    harness.get_by_label(&heading).scroll_to_me();
    harness.run_ok();
    harness.get_by_label(&heading).focus();
    harness.run_ok();

    let mut group = c.benchmark_group("frame");
    group.bench_function("kittest: typing into a 10 000-character section", |b| {
        b.iter(|| {
            harness.event(egui::Event::Text("质".into()));
            harness.step();
            let output = harness.output();
            harness
                .ctx
                .tessellate(output.shapes.clone(), output.pixels_per_point)
        });
    });
    group.bench_function("kittest: idle frame on the same page", |b| {
        b.iter(|| {
            harness.step();
            let output = harness.output();
            harness
                .ctx
                .tessellate(output.shapes.clone(), output.pixels_per_point)
        });
    });
    group.finish();
    assert!(
        harness.state().draft.enterprises[0]
            .section("quality")
            .chars()
            .count()
            > 10_000,
        "the typing reached the section"
    );
}

/// A frame as eframe runs it: input in, UI pass, tessellation.
struct Bare {
    ctx: egui::Context,
    app: App,
    time: f64,
}

impl Bare {
    fn frame(&mut self, events: Vec<egui::Event>) -> usize {
        self.time += f64::from(FRAME_SECS);
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE.into())),
            time: Some(self.time),
            predicted_dt: FRAME_SECS,
            focused: true,
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.root_ui(ui));
        self.ctx
            .tessellate(output.shapes, output.pixels_per_point)
            .len()
    }
}

fn bare_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ctx = egui::Context::default();
    lingjun::ui::fonts::install(&ctx);
    let mut bare = Bare {
        ctx,
        app: app(dir.path()),
        time: 0.0,
    };
    for _ in 0..3 {
        bare.frame(Vec::new());
    }
    // Focus the section (and scroll to it) as a click on a finding of the check page does.
    bare.app.queue(Command::FocusField(FieldPath::Enterprise {
        index: 0,
        field: EnterpriseField::Section("quality".into()),
    }));
    for _ in 0..3 {
        bare.frame(Vec::new());
    }
    let mut group = c.benchmark_group("frame");
    group.bench_function("bare egui: typing into a 10 000-character section", |b| {
        b.iter(|| bare.frame(vec![egui::Event::Text("质".into())]));
    });
    group.bench_function("bare egui: idle frame on the same page", |b| {
        b.iter(|| bare.frame(Vec::new()));
    });
    group.finish();
    assert!(
        bare.app.draft.enterprises[0]
            .section("quality")
            .chars()
            .count()
            > 10_000,
        "the typing reached the section"
    );
}

criterion_group!(benches, harness_bench, bare_bench);
criterion_main!(benches);
