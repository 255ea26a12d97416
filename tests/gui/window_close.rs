//! The window's size and place are remembered when it closes normally: driven through
//! `eframe::App::ui` and `on_exit` as eframe calls them, with the viewport's rectangles as the system reports them.

use crate::common;

use eframe::App as _;
use egui::{Pos2, Rect, Vec2, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use lingjun::settings::{self, WindowGeometry};
use lingjun::ui::App;

/// A harness that draws the window exactly as eframe does, on the database at `db`.
fn eframe_harness(db: &std::path::Path) -> Harness<'static, App> {
    let store = common::open_store(db).expect("opens");
    Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(12)
        .with_context_setup(lingjun::ui::fonts::install)
        .build_ui_state(
            |ui, app: &mut App| {
                let mut frame = eframe::Frame::_new_kittest();
                app.ui(ui, &mut frame);
            },
            App::new(store, common::today()),
        )
}

/// The system reports the window's outer frame at `place` and its inside below a 30-point title bar.
fn place_window(harness: &mut Harness<'static, App>, place: [f32; 2], size: [f32; 2]) {
    let viewport = harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default();
    let outer = Rect::from_min_size(
        Pos2::new(place[0], place[1]),
        Vec2::new(size[0], size[1] + 30.0),
    );
    viewport.outer_rect = Some(outer);
    viewport.inner_rect = Some(Rect::from_min_size(
        outer.min + Vec2::new(0.0, 30.0),
        Vec2::new(size[0], size[1]),
    ));
    viewport.monitor_size = Some(Vec2::new(1920.0, 1080.0));
    viewport.maximized = Some(false);
    viewport.minimized = Some(false);
    harness.run();
}

/// The clerk closes the window (the title bar's ×): the close request, then eframe's `on_exit`.
fn close(harness: &mut Harness<'static, App>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.run();
    harness.state_mut().on_exit(None);
}

fn remembered(db: &std::path::Path) -> Option<WindowGeometry> {
    settings::load(&settings::path_for(db)).settings.window
}

/// Moved and resized, then closed: the last size and place are in the settings file and the next window uses
/// them. Minimising on the way changes nothing.
#[test]
fn a_normal_close_remembers_the_size_and_place() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    {
        let mut harness = eframe_harness(&db);
        harness.run();
        place_window(&mut harness, [100.0, 80.0], [1000.0, 700.0]);
        place_window(&mut harness, [320.0, 200.0], [1150.0, 720.0]);
        // Minimised: the system reports a tiny window somewhere; it is not what to open with next time.
        {
            let viewport = harness
                .input_mut()
                .viewports
                .entry(ViewportId::ROOT)
                .or_default();
            viewport.minimized = Some(true);
            viewport.inner_rect = Some(Rect::from_min_size(
                Pos2::new(-32000.0, -32000.0),
                Vec2::new(160.0, 28.0),
            ));
        }
        harness.run();
        assert_eq!(
            remembered(&db),
            None,
            "nothing written while the window is open"
        );
        close(&mut harness);
    }
    let expected = WindowGeometry {
        width: 1150.0,
        height: 720.0,
        x: Some(320.0),
        y: Some(200.0),
        maximized: false,
    };
    assert_eq!(remembered(&db), Some(expected), "written on close");
    let store = lingjun::store::Store::open(&db).expect("reopens");
    assert_eq!(
        App::new(store, common::today()).remembered_window(),
        Some(expected),
        "the next window opens so"
    );
}

/// Closed while maximised: the normal size and place are kept for un-maximising, with the maximised mark.
#[test]
fn a_maximised_close_keeps_the_normal_size() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let mut harness = eframe_harness(&db);
    harness.run();
    place_window(&mut harness, [200.0, 150.0], [1100.0, 680.0]);
    {
        let viewport = harness
            .input_mut()
            .viewports
            .entry(ViewportId::ROOT)
            .or_default();
        viewport.maximized = Some(true);
        viewport.outer_rect = Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1920.0, 1040.0)));
        viewport.inner_rect = Some(Rect::from_min_size(
            Pos2::new(0.0, 30.0),
            Vec2::new(1920.0, 1010.0),
        ));
    }
    harness.run();
    close(&mut harness);
    assert_eq!(
        remembered(&db),
        Some(WindowGeometry {
            width: 1100.0,
            height: 680.0,
            x: Some(200.0),
            y: Some(150.0),
            maximized: true,
        })
    );
}
