//! The size of the window at start: the very first window (no size remembered yet) is as large as the form
//! likes, but inside the monitor's work area, so the status bar is never under the taskbar or off the screen; a
//! remembered window too large or hanging off its monitor (the display scaling went up since) is brought inside.

/// The size the form is laid out for, on a screen with room for it.
pub const PREFERRED: [f32; 2] = [1200.0, 820.0];

/// The size the window opens at before the monitor is known: it fits a 1366×768 laptop with its taskbar.
pub const SAFE_FIRST: [f32; 2] = [1100.0, 680.0];

/// The smallest window the form is usable in, where the screen allows it.
pub const MIN_USABLE: [f32; 2] = crate::settings::MIN_WINDOW;

/// What the monitor's full size includes besides the window's inside: the Windows 11 taskbar (48 points),
/// the title bar (about 32) and a little air. winit does not tell the work area, so it is reserved here.
const RESERVED: [f32; 2] = [32.0, 88.0];

/// Height of the taskbar kept free below the window when it is placed.
const TASKBAR: f32 = 48.0;

/// The inner size of the first window on a monitor of `monitor` points (`None` or nonsense: not known).
pub fn first_window_size(monitor: Option<[f32; 2]>) -> [f32; 2] {
    let Some(monitor) = monitor.filter(|m| m.iter().all(|v| v.is_finite() && *v > 0.0)) else {
        return SAFE_FIRST;
    };
    // Never larger than the work area, even on a screen smaller than the form would like.
    let area = work_area(monitor);
    [area[0].min(PREFERRED[0]), area[1].min(PREFERRED[1])]
}

/// The largest inner size that leaves the title bar and the taskbar on a monitor of `monitor` points (at least
/// 200 points a side, on a screen too small for anything).
fn work_area(monitor: [f32; 2]) -> [f32; 2] {
    [
        (monitor[0] - RESERVED[0]).max(200.0),
        (monitor[1] - RESERVED[1]).max(200.0),
    ]
}

/// The smallest inner size the clerk may shrink the window to: the usable size, or less on a tiny screen.
pub fn min_window_size(monitor: Option<[f32; 2]>) -> [f32; 2] {
    let first = first_window_size(monitor);
    [MIN_USABLE[0].min(first[0]), MIN_USABLE[1].min(first[1])]
}

/// Where the window's outer corner goes: centred across, centred in the height above the taskbar.
pub fn first_window_place(monitor: [f32; 2], outer: [f32; 2]) -> [f32; 2] {
    [
        ((monitor[0] - outer[0]) * 0.5).max(0.0),
        ((monitor[1] - TASKBAR - outer[1]) * 0.5).max(0.0),
    ]
}

/// Where a remembered window whose top-left corner is on this monitor must go so that all of it is (inner size,
/// outer place), or `None` when it already fits. `outer_min` is its frame's corner, `decoration` what the frame
/// adds to the inside. A window whose corner is elsewhere (another monitor) is left to `settings::is_reachable`.
pub fn fit_remembered(
    monitor: [f32; 2],
    outer_min: [f32; 2],
    inner: [f32; 2],
    decoration: [f32; 2],
) -> Option<([f32; 2], [f32; 2])> {
    let on_this_monitor = (0..2).all(|i| outer_min[i] >= 0.0 && outer_min[i] < monitor[i]);
    if !on_this_monitor {
        return None;
    }
    let largest = work_area(monitor);
    let size = [inner[0].min(largest[0]), inner[1].min(largest[1])];
    let outer = [size[0] + decoration[0], size[1] + decoration[1]];
    // Moved left or up only as far as needed, never past the screen's top-left.
    let room = [monitor[0], monitor[1] - TASKBAR];
    let place = [
        outer_min[0].min(room[0] - outer[0]).max(0.0),
        outer_min[1].min(room[1] - outer[1]).max(0.0),
    ];
    (size != inner || place != outer_min).then_some((size, place))
}

/// How long after the window's start a change of the monitor's size in points fits the window again: Windows
/// (and Wine) may tell the display scaling only after the first frame, and a fit made at 100 % would be too large
/// and off the screen at 150 %. Later changes (the clerk drags the window to another monitor) are left alone.
const SETTLE_SECONDS: f64 = 3.0;

/// Fits the window to its monitor at start: a new window gets `first_window_size`, a remembered one is brought
/// inside the monitor if it does not fit (`fit_remembered`). Done on the first frame that knows the monitor, and
/// again if the monitor's size in points changes within `SETTLE_SECONDS` (the display scaling arrived late).
pub struct StartFit {
    is_wanted: bool,
    is_remembered: bool,
    /// The monitor size the last fit was made for, and when the first was made.
    fitted: Option<(egui::Vec2, f64)>,
}

impl StartFit {
    /// `is_remembered`: the window was opened at a remembered size and place.
    pub fn new(is_remembered: bool) -> Self {
        Self {
            is_wanted: true,
            is_remembered,
            fitted: None,
        }
    }

    /// Resizes and places the window when the monitor has become known, or its scaling has changed since.
    pub fn apply(&mut self, ctx: &egui::Context) {
        if !self.is_wanted {
            return;
        }
        let (info, now) = ctx.input(|i| (i.viewport().clone(), i.time));
        let (Some(monitor), Some(inner)) = (info.monitor_size, info.inner_rect) else {
            return;
        };
        match self.fitted {
            Some((_, at)) if now - at > SETTLE_SECONDS => {
                self.is_wanted = false;
                return;
            }
            Some((fitted, _)) if fitted == monitor => return,
            _ => {}
        }
        let first_time = self.fitted.is_none();
        self.fitted = Some((monitor, self.fitted.map_or(now, |(_, at)| at)));
        if info.maximized == Some(true) || info.fullscreen == Some(true) {
            self.is_wanted = false;
            return;
        }
        if first_time {
            // Wake up once more after the settling time, so a late scaling is seen even while nothing happens.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(SETTLE_SECONDS));
        }
        let monitor = [monitor.x, monitor.y];
        let outer = info.outer_rect.unwrap_or(inner);
        let decoration = outer.size() - inner.size();
        let (size, place) = if self.is_remembered {
            match fit_remembered(
                monitor,
                [outer.min.x, outer.min.y],
                [inner.width(), inner.height()],
                decoration.into(),
            ) {
                Some(fit) => fit,
                None => return,
            }
        } else {
            let size = first_window_size(Some(monitor));
            (
                size,
                first_window_place(monitor, [size[0] + decoration.x, size[1] + decoration.y]),
            )
        };
        ctx.send_viewport_cmd(egui::ViewportCommand::MinInnerSize(
            min_window_size(Some(monitor)).into(),
        ));
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size.into()));
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(place.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole window (inside, title bar, taskbar) fits on the monitor.
    fn fits(monitor: [f32; 2]) -> bool {
        let [w, h] = first_window_size(Some(monitor));
        w + RESERVED[0] <= monitor[0] && h + RESERVED[1] <= monitor[1]
    }

    #[test]
    fn laptop_1366_by_768_keeps_the_status_bar_above_the_taskbar() {
        assert_eq!(first_window_size(Some([1366.0, 768.0])), [1200.0, 680.0]);
        assert!(fits([1366.0, 768.0]), "fits the work area");
        assert_eq!(min_window_size(Some([1366.0, 768.0])), MIN_USABLE);
    }

    #[test]
    fn full_hd_at_150_percent_is_1280_by_720_points() {
        assert_eq!(first_window_size(Some([1280.0, 720.0])), [1200.0, 632.0]);
        assert!(fits([1280.0, 720.0]), "fits the work area");
    }

    #[test]
    fn tiny_800_by_600_screen_shrinks_the_window_and_its_minimum() {
        let size = first_window_size(Some([800.0, 600.0]));
        assert_eq!(size, [768.0, 512.0]);
        assert_eq!(
            min_window_size(Some([800.0, 600.0])),
            [768.0, 512.0],
            "the minimum never forces the window past the screen"
        );
        assert!(fits([800.0, 600.0]), "fits the work area");
    }

    #[test]
    fn huge_4k_screen_gets_the_preferred_size_not_more() {
        assert_eq!(first_window_size(Some([3840.0, 2160.0])), PREFERRED);
        assert_eq!(first_window_size(Some([1920.0, 1080.0])), PREFERRED);
    }

    #[test]
    fn unknown_or_nonsense_monitor_gets_the_safe_size() {
        for monitor in [
            None,
            Some([0.0, 0.0]),
            Some([1366.0, 0.0]),
            Some([-5.0, 768.0]),
            Some([f32::NAN, 768.0]),
            Some([f32::INFINITY, 768.0]),
        ] {
            assert_eq!(first_window_size(monitor), SAFE_FIRST, "{monitor:?}");
        }
        const {
            assert!(
                SAFE_FIRST[1] + RESERVED[1] <= 768.0,
                "the safe size fits a 1366×768 laptop"
            );
        }
    }

    #[test]
    fn place_centres_above_the_taskbar_and_never_off_the_top_left() {
        assert_eq!(
            first_window_place([1366.0, 768.0], [1200.0, 712.0]),
            [83.0, 4.0]
        );
        assert_eq!(
            first_window_place([800.0, 600.0], [900.0, 700.0]),
            [0.0, 0.0]
        );
    }

    /// One frame of `fit` at `time` seconds on a monitor of `monitor` points; the commands it sent.
    fn frame(
        fit: &mut StartFit,
        ctx: &egui::Context,
        time: f64,
        monitor: [f32; 2],
    ) -> Vec<egui::ViewportCommand> {
        let mut input = egui::RawInput {
            time: Some(time),
            ..Default::default()
        };
        let info = input.viewports.entry(egui::ViewportId::ROOT).or_default();
        info.monitor_size = Some(monitor.into());
        info.inner_rect = Some(egui::Rect::from_min_size(
            egui::pos2(0.0, 30.0),
            egui::vec2(1100.0, 680.0),
        ));
        info.outer_rect = Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1100.0, 710.0),
        ));
        let mut output = ctx.run_ui(input, |ui| fit.apply(ui.ctx()));
        // No painter here: the font atlas upload is not wanted.
        output.textures_delta.clear();
        output
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map(|v| v.commands.clone())
            .unwrap_or_default()
            .into_iter()
            // Only what sizes and places the window (a new context also sets its theme).
            .filter(|c| {
                matches!(
                    c,
                    egui::ViewportCommand::InnerSize(_)
                        | egui::ViewportCommand::MinInnerSize(_)
                        | egui::ViewportCommand::OuterPosition(_)
                )
            })
            .collect()
    }

    fn placed_at(commands: &[egui::ViewportCommand]) -> Option<egui::Pos2> {
        commands.iter().find_map(|c| match c {
            egui::ViewportCommand::OuterPosition(pos) => Some(*pos),
            _ => None,
        })
    }

    #[test]
    fn a_display_scaling_told_late_fits_the_window_again() {
        let ctx = egui::Context::default();
        let mut fit = StartFit::new(false);
        // The first frame still thinks 100 %: 2560×1600 points.
        let first = frame(&mut fit, &ctx, 0.1, [2560.0, 1600.0]);
        assert_eq!(placed_at(&first), Some(egui::pos2(680.0, 351.0)));
        // Nothing changed: nothing sent.
        assert_eq!(frame(&mut fit, &ctx, 0.2, [2560.0, 1600.0]), vec![]);
        // 150 % arrives: 1707×1067 points, the window is placed again inside them.
        let scaled = frame(&mut fit, &ctx, 0.5, [1706.7, 1066.7]);
        let place = placed_at(&scaled).expect("placed again");
        assert!(
            place.x + 1200.0 <= 1706.7 && place.y + 850.0 <= 1066.7,
            "{place:?}"
        );
        // Much later (the clerk moved the window to another monitor): left alone.
        assert_eq!(frame(&mut fit, &ctx, 10.0, [1280.0, 720.0]), vec![]);
    }

    #[test]
    fn a_remembered_window_that_fits_is_left_alone_until_the_scaling_makes_it_hang_off() {
        let ctx = egui::Context::default();
        // Remembered 1100×680 at 0,0 (the frame used by `frame`): fits 2560×1600 and 1366×768.
        let mut fit = StartFit::new(true);
        assert_eq!(frame(&mut fit, &ctx, 0.1, [2560.0, 1600.0]), vec![]);
        assert_eq!(frame(&mut fit, &ctx, 0.2, [1366.0, 768.0]), vec![]);
        // A late 200 % on 1366×768 (683×384 points): shrunk to the work area, at the top-left.
        let scaled = frame(&mut fit, &ctx, 0.5, [683.0, 384.0]);
        assert!(
            scaled.contains(&egui::ViewportCommand::InnerSize(egui::vec2(651.0, 296.0))),
            "{scaled:?}"
        );
        assert_eq!(placed_at(&scaled), Some(egui::Pos2::ZERO));
    }

    #[test]
    fn remembered_windows_hanging_off_are_moved_in_and_shrunk_where_needed() {
        let decoration = [0.0, 30.0];
        // Fits: nothing to do.
        assert_eq!(
            fit_remembered([1707.0, 1067.0], [253.0, 99.0], [1200.0, 820.0], decoration),
            None
        );
        // 100 %'s place at 150 %: moved left and up just enough, size kept.
        assert_eq!(
            fit_remembered(
                [1707.0, 1067.0],
                [680.0, 375.0],
                [1200.0, 820.0],
                decoration
            ),
            Some(([1200.0, 820.0], [507.0, 169.0]))
        );
        // Larger than the screen: shrunk to the work area, moved just enough to be all on it.
        assert_eq!(
            fit_remembered(
                [1280.0, 720.0],
                [100.0, 100.0],
                [1600.0, 1000.0],
                decoration
            ),
            Some(([1248.0, 632.0], [32.0, 10.0]))
        );
        // On another monitor (corner outside this one): left to the reachability check.
        assert_eq!(
            fit_remembered(
                [1366.0, 768.0],
                [1500.0, 100.0],
                [1200.0, 820.0],
                decoration
            ),
            None
        );
        assert_eq!(
            fit_remembered(
                [1366.0, 768.0],
                [-1300.0, 100.0],
                [1200.0, 820.0],
                decoration
            ),
            None
        );
    }
}
