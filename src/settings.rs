//! The window's remembered choices (last export folder, Word on or off, window size and place) in a small JSON
//! file beside the drafts database. Reading never fails: a missing, unreadable, corrupt or hostile file gives the
//! defaults for what it got wrong and a note saying so; the rest of the program does not depend on it.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A settings file larger than this is not ours (ours is a few hundred bytes): it is ignored unread.
pub const MAX_BYTES: u64 = 64 * 1024;

/// The smallest window the form fits in; a smaller remembered size is enlarged to it.
pub const MIN_WINDOW: [f32; 2] = [900.0, 600.0];

/// No screen is larger (16K); a remembered size beyond it is a corrupt value.
pub const MAX_WINDOW_SIDE: f32 = 16_384.0;

/// What the window remembers between starts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The folder of the last export (absolute).
    pub export_dir: Option<PathBuf>,
    /// 同时导出 Word 版.
    pub export_word: Option<bool>,
    pub window: Option<WindowGeometry>,
    /// The automatic backups' total size in MB (自动备份总大小上限); None: the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_backup_max_mb: Option<u64>,
    /// The last folder used for each purpose (`PURPOSES`: verify, attachments, Word…), offered again the next
    /// time; the export folder is `export_dir`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub last_dirs: BTreeMap<String, PathBuf>,
}

/// The purposes a last folder is remembered for (`Settings::last_dirs`); other keys in the file are ignored.
pub const PURPOSES: [&str; 6] = [
    "verify",
    "attachments",
    "word",
    "backup",
    "template",
    "pool",
];

/// The automatic backups' cap the clerk can set, in MB: 1 MB (the newest backup is always kept, so a small cap
/// only means "just the newest") up to 1 TB; anything else in the file is ignored.
pub const AUTO_BACKUP_MB_RANGE: std::ops::RangeInclusive<u64> = 1..=1_048_576;

/// The automatic backups' limits for the database at `db_path`: the cap in its settings file (a bad file gives
/// the default), and `LINGJUN_AUTO_BACKUP_MAX_MB` over it when set.
pub fn auto_backup_limits(db_path: &Path) -> crate::store::AutoBackupLimits {
    crate::store::AutoBackupLimits::with_max_mb(
        load(&path_for(db_path)).settings.auto_backup_max_mb,
    )
}

/// The cap as the clerk types it: a whole number of MB within `AUTO_BACKUP_MB_RANGE` (full-width digits too, as
/// a Chinese input method gives them). Err: what to tell the clerk.
pub fn parse_auto_backup_mb(text: &str) -> Result<u64, String> {
    let digits = crate::model::normalize::half_width(text.trim());
    let (min, max) = (AUTO_BACKUP_MB_RANGE.start(), AUTO_BACKUP_MB_RANGE.end());
    let refusal = || format!("请输入 {min} 到 {max} 之间的整数（单位 MB）");
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(refusal());
    }
    digits
        .parse::<u64>()
        .ok()
        .filter(|mb| AUTO_BACKUP_MB_RANGE.contains(mb))
        .ok_or_else(refusal)
}

/// The window's size (inside the frame, in points) and the place of its top-left corner (frame included).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowGeometry {
    pub width: f32,
    pub height: f32,
    /// None when the system does not tell it (Wayland).
    pub x: Option<f32>,
    pub y: Option<f32>,
    #[serde(default)]
    pub maximized: bool,
}

/// The settings read, and what was wrong with the file, for the clerk.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub settings: Settings,
    pub note: Option<String>,
}

/// The settings file of the database at `db_path`: `<database file name>.settings.json` beside it, so that each
/// database (`--db`) has its own.
pub fn path_for(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_name().unwrap_or_default().to_owned();
    name.push(".settings.json");
    db_path.with_file_name(name)
}

/// Reads the settings at `path`. A missing file is a first start (no note); anything else wrong is a note.
pub fn load(path: &Path) -> Loaded {
    let ignored = |why: String| Loaded {
        settings: Settings::default(),
        note: Some(format!("设置文件{why}，已改用默认设置：{}", path.display())),
    };
    let text = match read_limited(path) {
        Ok(Some(text)) => text,
        Ok(None) => return Loaded::default(),
        Err(why) => return ignored(why),
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => {
            let (settings, rejected) = from_fields(&map);
            let note = (!rejected.is_empty()).then(|| {
                format!(
                    "设置文件中这些值无效，已忽略：{}（{}）",
                    rejected.join("、"),
                    path.display()
                )
            });
            Loaded { settings, note }
        }
        Ok(_) | Err(_) => ignored("内容已损坏".to_owned()),
    }
}

/// The file's text; None when there is no file. Err: why it cannot be used.
fn read_limited(path: &Path) -> Result<Option<String>, String> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("无法读取（{}）", crate::user_path::io_reason(&e))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("无法读取（{}）", crate::user_path::io_reason(&e)))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err("过大".to_owned());
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| "内容已损坏".to_owned())
}

/// Each field on its own, so one bad value does not cost the others. Returns the names of the rejected ones.
fn from_fields(map: &serde_json::Map<String, Value>) -> (Settings, Vec<&'static str>) {
    let mut rejected = Vec::new();
    let export_dir = map.get("export_dir").and_then(|v| {
        let dir = v
            .as_str()
            .filter(|s| !s.contains('\0'))
            .map(PathBuf::from)
            .filter(|p| p.is_absolute());
        if dir.is_none() && !v.is_null() {
            rejected.push("导出文件夹");
        }
        dir
    });
    let export_word = map.get("export_word").and_then(|v| {
        if v.as_bool().is_none() && !v.is_null() {
            rejected.push("Word 版选项");
        }
        v.as_bool()
    });
    let window = map.get("window").and_then(|v| {
        let geometry = serde_json::from_value::<WindowGeometry>(v.clone())
            .ok()
            .and_then(WindowGeometry::sanitized);
        if geometry.is_none() && !v.is_null() {
            rejected.push("窗口大小");
        }
        geometry
    });
    let auto_backup_max_mb = map.get("auto_backup_max_mb").and_then(|v| {
        let mb = v.as_u64().filter(|mb| AUTO_BACKUP_MB_RANGE.contains(mb));
        if mb.is_none() && !v.is_null() {
            rejected.push("自动备份总大小上限");
        }
        mb
    });
    let last_dirs = map.get("last_dirs").map_or_else(BTreeMap::new, |v| {
        let dirs = last_dirs_from(v);
        if dirs.is_none() && !v.is_null() {
            rejected.push("上次使用的文件夹");
        }
        dirs.unwrap_or_default()
    });
    let settings = Settings {
        export_dir,
        export_word,
        window,
        auto_backup_max_mb,
        last_dirs,
    };
    (settings, rejected)
}

/// The known purposes' absolute folders; None when the value is not an object. Unknown keys and values that are
/// not absolute paths are left out.
fn last_dirs_from(value: &Value) -> Option<BTreeMap<String, PathBuf>> {
    let map = value.as_object()?;
    Some(
        PURPOSES
            .iter()
            .filter_map(|&purpose| {
                let dir = map
                    .get(purpose)?
                    .as_str()
                    .filter(|s| !s.contains('\0'))
                    .map(PathBuf::from)
                    .filter(|p| p.is_absolute())?;
                Some((purpose.to_owned(), dir))
            })
            .collect(),
    )
}

impl WindowGeometry {
    /// A size no smaller than the form needs and no larger than a screen can be, and a place only when both
    /// coordinates are plausible; None when the size is not a number or not positive.
    pub fn sanitized(self) -> Option<Self> {
        let side =
            |v: f32, min: f32| (v.is_finite() && v > 0.0).then(|| v.clamp(min, MAX_WINDOW_SIDE));
        let width = side(self.width, MIN_WINDOW[0])?;
        let height = side(self.height, MIN_WINDOW[1])?;
        let plausible =
            |v: Option<f32>| v.filter(|v| v.is_finite() && v.abs() <= 4.0 * MAX_WINDOW_SIDE);
        let (x, y) = match (plausible(self.x), plausible(self.y)) {
            (Some(x), Some(y)) => (Some(x), Some(y)),
            _ => (None, None),
        };
        Some(Self {
            width,
            height,
            x,
            y,
            maximized: self.maximized,
        })
    }
}

/// Writes the settings to `path` at once or not at all (a temporary file renamed over it).
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(settings).map_err(std::io::Error::other)?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(path.file_name().unwrap_or_default());
    temp_name.push(".part");
    let temp = path.with_file_name(temp_name);
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        std::fs::remove_file(&temp).ok();
    }
    result
}

/// Whether a window whose frame's top-left corner is at `pos` with `size` shows enough of its title bar on a
/// monitor of `monitor` size (at 0,0: the only place known for sure) to be dragged. The window of a
/// disconnected or larger monitor is not.
pub fn is_reachable(pos: [f32; 2], size: [f32; 2], monitor: [f32; 2]) -> bool {
    // A title bar strip 100 points wide and 20 high must be on the screen.
    const GRIP: [f32; 2] = [100.0, 20.0];
    let visible_x = (pos[0] + size[0]).min(monitor[0]) - pos[0].max(0.0);
    let visible_y = (pos[1] + GRIP[1]).min(monitor[1]) - pos[1].max(0.0);
    visible_x >= GRIP[0] && visible_y >= GRIP[1] && pos[1] >= 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry(width: f32, height: f32, x: f32, y: f32) -> WindowGeometry {
        WindowGeometry {
            width,
            height,
            x: Some(x),
            y: Some(y),
            maximized: false,
        }
    }

    #[test]
    fn settings_round_trip_beside_their_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(&dir.path().join("drafts.sqlite"));
        assert_eq!(path, dir.path().join("drafts.sqlite.settings.json"));
        let settings = Settings {
            export_dir: Some(dir.path().join("导出")),
            export_word: Some(false),
            window: Some(geometry(1000.0, 700.0, 10.0, 20.0)),
            auto_backup_max_mb: Some(3000),
            last_dirs: BTreeMap::from([
                ("verify".to_owned(), dir.path().join("光盘")),
                ("word".to_owned(), dir.path().join("报告")),
            ]),
        };
        save(&path, &settings).unwrap();
        assert_eq!(
            load(&path),
            Loaded {
                settings,
                note: None
            }
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
    }

    #[test]
    fn a_missing_file_is_a_first_start_without_a_note() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join("无.json")), Loaded::default());
    }

    #[test]
    fn corrupt_huge_and_unreadable_files_give_defaults_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        for (bytes, why) in [
            (b"{\"export_word\": tru".to_vec(), "内容已损坏"),
            (b"[1, 2, 3]".to_vec(), "内容已损坏"),
            (vec![0xff, 0xfe, 0x00], "内容已损坏"),
            (vec![b' '; MAX_BYTES as usize + 1], "过大"),
        ] {
            std::fs::write(&path, &bytes).unwrap();
            let loaded = load(&path);
            assert_eq!(loaded.settings, Settings::default(), "{why}");
            let note = loaded.note.unwrap();
            assert!(note.contains(why), "{note}");
        }
        // A folder where the file should be cannot be read.
        let folder = dir.path().join("folder.json");
        std::fs::create_dir(&folder).unwrap();
        let loaded = load(&folder);
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.note.unwrap().contains("设置文件"));
    }

    #[test]
    fn hostile_values_are_dropped_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(
            &path,
            r#"{"export_dir": "相对/路径", "export_word": "yes",
                "window": {"width": -5, "height": 700, "x": 0, "y": 0, "maximized": false},
                "unknown": 1}"#,
        )
        .unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.settings, Settings::default());
        let note = loaded.note.unwrap();
        assert!(
            note.contains("导出文件夹") && note.contains("Word") && note.contains("窗口大小"),
            "{note}"
        );

        std::fs::write(&path, r#"{"export_word": false, "window": 7}"#).unwrap();
        let loaded = load(&path);
        assert_eq!(
            loaded.settings.export_word,
            Some(false),
            "a good field survives a bad one"
        );
        assert!(loaded.note.unwrap().contains("窗口大小"));
    }

    #[test]
    fn last_folders_keep_only_known_purposes_and_absolute_paths() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let absolute = dir
            .path()
            .join("附件")
            .display()
            .to_string()
            .replace('\\', "\\\\");
        std::fs::write(
            &path,
            format!(
                r#"{{"last_dirs": {{"attachments": "{absolute}", "word": "相对/路径",
                    "secret": "{absolute}", "verify": 7}}, "export_word": true}}"#
            ),
        )
        .unwrap();
        let loaded = load(&path);
        assert_eq!(
            loaded.settings.last_dirs,
            BTreeMap::from([("attachments".to_owned(), dir.path().join("附件"))]),
            "unknown purposes, relative paths and non-text dropped"
        );
        assert_eq!(loaded.settings.export_word, Some(true));
        std::fs::write(&path, r#"{"last_dirs": [1, 2]}"#).unwrap();
        let loaded = load(&path);
        assert!(loaded.settings.last_dirs.is_empty());
        assert!(loaded.note.unwrap().contains("上次使用的文件夹"));
    }

    #[test]
    fn the_auto_backup_cap_is_kept_only_within_its_range() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        for (value, kept) in [
            ("1", Some(1)),
            ("1048576", Some(1_048_576)),
            ("1048577", None),
            ("0", None),
            ("-500", None),
            ("1.5e3", None),
            ("18446744073709551615", None),
            ("\"2000\"", None),
            ("[2000]", None),
        ] {
            std::fs::write(
                &path,
                format!(r#"{{"export_word": true, "auto_backup_max_mb": {value}}}"#),
            )
            .unwrap();
            let loaded = load(&path);
            assert_eq!(loaded.settings.auto_backup_max_mb, kept, "{value}");
            assert_eq!(
                loaded.settings.export_word,
                Some(true),
                "{value}: the rest survives"
            );
            assert_eq!(
                loaded
                    .note
                    .is_some_and(|n| n.contains("自动备份总大小上限")),
                kept.is_none(),
                "{value}: a refused value is named"
            );
        }
        std::fs::write(&path, r#"{"auto_backup_max_mb": null}"#).unwrap();
        assert_eq!(
            load(&path),
            Loaded::default(),
            "null is the default, silently"
        );
    }

    #[test]
    fn the_typed_cap_is_a_whole_number_of_mb_in_range() {
        assert_eq!(parse_auto_backup_mb("2048"), Ok(2048));
        assert_eq!(
            parse_auto_backup_mb(" ３０００ "),
            Ok(3000),
            "full-width digits"
        );
        assert_eq!(parse_auto_backup_mb("1"), Ok(1));
        assert_eq!(parse_auto_backup_mb("1048576"), Ok(1_048_576));
        for bad in [
            "",
            "  ",
            "0",
            "-5",
            "1.5",
            "2GB",
            "1048577",
            "99999999999999999999999",
            "٣",
        ] {
            let refusal = parse_auto_backup_mb(bad).unwrap_err();
            assert!(refusal.contains("1 到 1048576"), "{bad:?}: {refusal}");
        }
    }

    #[test]
    fn window_sizes_are_kept_within_reason() {
        assert_eq!(
            geometry(1e30, 1e30, 0.0, 0.0)
                .sanitized()
                .map(|g| [g.width, g.height]),
            Some([MAX_WINDOW_SIDE, MAX_WINDOW_SIDE]),
            "huge is cut to the largest screen"
        );
        assert_eq!(
            geometry(10.0, 10.0, 0.0, 0.0)
                .sanitized()
                .map(|g| [g.width, g.height]),
            Some(MIN_WINDOW),
            "tiny grows to what the form needs"
        );
        assert_eq!(geometry(f32::NAN, 700.0, 0.0, 0.0).sanitized(), None);
        assert_eq!(geometry(0.0, 700.0, 0.0, 0.0).sanitized(), None);
        assert_eq!(geometry(1000.0, f32::INFINITY, 0.0, 0.0).sanitized(), None);
        let far = geometry(1000.0, 700.0, f32::NAN, 1e12).sanitized().unwrap();
        assert_eq!(
            (far.x, far.y),
            (None, None),
            "a wild place is dropped, the size kept"
        );
    }

    #[test]
    fn a_window_off_the_monitor_is_not_reachable() {
        let monitor = [1366.0, 768.0];
        assert!(is_reachable([100.0, 50.0], [1000.0, 700.0], monitor));
        assert!(
            is_reachable([-500.0, 0.0], [1000.0, 700.0], monitor),
            "partly off the left edge, title bar still there"
        );
        assert!(
            !is_reachable([2500.0, 100.0], [1000.0, 700.0], monitor),
            "on a second monitor that is gone"
        );
        assert!(!is_reachable([-1000.0, 0.0], [900.0, 700.0], monitor));
        assert!(
            !is_reachable([100.0, -300.0], [1000.0, 700.0], monitor),
            "title bar above the screen"
        );
        assert!(!is_reachable([100.0, 760.0], [1000.0, 700.0], monitor));
    }
}
