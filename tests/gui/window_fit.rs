//! The real window (winit on X11, under Xvfb) on small screens: the first window fits the screen with room for
//! the title bar and the taskbar, so the status bar is visible; its size is remembered on a normal close and used
//! at the next start. The program's startup probe (`LINGJUN_STARTUP_PROBE`) shows a few frames, closes the
//! window the normal way and prints the window's size as the window system told it.
//! Needs `xvfb-run` (Debian's xvfb and xauth, installed by .ci/run); skipped without it, except under CI.

use std::path::Path;
use std::process::Command;

/// Runs the window on `db` on a virtual screen of `screen` pixels; returns the inner size and the monitor's
/// size, in points, as the probe printed them.
fn run_window(db: &Path, screen: &str) -> Option<([f32; 2], [f32; 2])> {
    run_window_placed(db, screen).map(|(inner, _, monitor)| (inner, monitor))
}

/// The same, with the frame's top-left corner.
fn run_window_placed(db: &Path, screen: &str) -> Option<([f32; 2], [f32; 2], [f32; 2])> {
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", &format!("-screen 0 {screen}x24")])
        .arg(env!("CARGO_BIN_EXE_lingjun"))
        .arg("--db")
        .arg(db)
        .env("LINGJUN_STARTUP_PROBE", "40")
        .output()
        .expect("xvfb-run runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("first frame painted"),
        "the window opened on {screen}: {stderr}"
    );
    let line = stderr.lines().find(|l| l.starts_with("window inner "))?;
    let pairs = |separator: char| -> Vec<[f32; 2]> {
        line.split_whitespace()
            .filter_map(|word| {
                let (a, b) = word.split_once(separator)?;
                Some([a.parse().ok()?, b.parse().ok()?])
            })
            .collect()
    };
    match (&pairs('x')[..], &pairs(',')[..]) {
        ([inner, monitor], [place]) => Some((*inner, *place, *monitor)),
        _ => panic!("unexpected probe line: {line}"),
    }
}

/// A drafts database path in `dir` whose settings file remembers a window of `size` at `place`.
fn db_remembering(dir: &Path, size: [f32; 2], place: [f32; 2]) -> std::path::PathBuf {
    let settings = format!(
        r#"{{"window": {{"width": {}, "height": {}, "x": {}, "y": {}, "maximized": false}}}}"#,
        size[0], size[1], place[0], place[1]
    );
    std::fs::write(dir.join("d.sqlite.settings.json"), settings).expect("settings");
    dir.join("d.sqlite")
}

fn xvfb_available() -> bool {
    let available = Command::new("xvfb-run").arg("--help").output().is_ok();
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install xvfb and xauth for this test"
        );
        #[expect(clippy::print_stderr, reason = "a skipped check says so")]
        {
            eprintln!("skipped: xvfb-run not installed (apt-get install xvfb xauth)");
        }
    }
    available
}

/// The whole window (inside, a title bar of about 32 points, a 48-point taskbar) fits on the screen.
fn assert_fits(inner: [f32; 2], monitor: [f32; 2]) {
    assert!(
        inner[0] <= monitor[0] && inner[1] + 32.0 + 48.0 <= monitor[1],
        "window {inner:?} fits the work area of {monitor:?}"
    );
}

#[test]
fn the_first_window_fits_a_1366_by_768_laptop_and_its_size_is_remembered() {
    if !xvfb_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("草稿.sqlite");
    let (inner, monitor) = run_window(&db, "1366x768").expect("the probe reports the window");
    assert_eq!(monitor, [1366.0, 768.0], "the monitor is known");
    assert_fits(inner, monitor);
    assert_eq!(
        inner,
        [1200.0, 680.0],
        "as wide as the form likes, as tall as the screen allows"
    );

    // Closed the normal way: the size is in the settings beside the database, and the next start uses it.
    let settings = std::fs::read_to_string(dir.path().join("草稿.sqlite.settings.json"))
        .expect("settings written on close");
    assert!(settings.contains("\"width\": 1200"), "{settings}");
    assert!(settings.contains("\"height\": 680"), "{settings}");
    let (again, _) = run_window(&db, "1366x768").expect("the probe reports the window");
    assert_eq!(again, [1200.0, 680.0], "the remembered size");
}

#[test]
fn full_hd_at_150_percent_sized_screen_and_a_tiny_screen_keep_the_status_bar_visible() {
    if !xvfb_available() {
        return;
    }
    for (screen, monitor_size) in [("1280x720", [1280.0, 720.0]), ("800x600", [800.0, 600.0])] {
        let dir = tempfile::tempdir().expect("dir");
        let (inner, monitor) =
            run_window(&dir.path().join("d.sqlite"), screen).expect("the probe reports the window");
        assert_eq!(monitor, monitor_size);
        assert_fits(inner, monitor);
    }
}

#[test]
fn a_remembered_size_is_used_as_it_was_left() {
    if !xvfb_available() {
        return;
    }
    // The clerk chose this size; a hostile or corrupt value is sanitised by settings.rs.
    let dir = tempfile::tempdir().expect("dir");
    let db = db_remembering(dir.path(), [1000.0, 640.0], [10.0, 10.0]);
    let (inner, _) = run_window(&db, "1366x768").expect("the probe reports the window");
    assert_eq!(inner, [1000.0, 640.0], "the remembered size, not refitted");
}

#[test]
fn a_remembered_window_hanging_off_the_screen_is_brought_inside() {
    if !xvfb_available() {
        return;
    }
    // Remembered on a larger screen, or before the display scaling went up: it would hang off 1366×768.
    let dir = tempfile::tempdir().expect("dir");
    let db = db_remembering(dir.path(), [1300.0, 900.0], [500.0, 300.0]);
    let (inner, place, monitor) =
        run_window_placed(&db, "1366x768").expect("the probe reports the window");
    assert_fits(inner, monitor);
    assert!(
        place[0] >= 0.0 && place[0] + inner[0] <= monitor[0],
        "all of it across: {inner:?} at {place:?}"
    );
    assert!(
        place[1] >= 0.0 && place[1] + inner[1] + 48.0 <= monitor[1],
        "all of it above the taskbar: {inner:?} at {place:?}"
    );
}
