//! Zip containers (.docx, .xlsx) written the same way on every machine: entries in the given order, one
//! compression level, DOS as the host system and a fixed time, so the same 定稿 gives the same bytes on Windows
//! and on Linux (the zip crate would otherwise record the host system and its file attributes).

use std::io::{Read as _, Write as _};

use chrono::{Datelike as _, NaiveDateTime, Timelike as _};

use super::RenderError;

/// The options every entry is written with.
pub fn options(time: NaiveDateTime) -> zip::write::SimpleFileOptions {
    let zip_time = zip::DateTime::from_date_and_time(
        u16::try_from(time.year().clamp(1980, 2107)).unwrap_or(1980),
        time.month() as u8,
        time.day() as u8,
        time.hour() as u8,
        time.minute() as u8,
        time.second() as u8,
    )
    .unwrap_or_default();
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .system(zip::System::Dos)
        .last_modified_time(zip_time)
}

/// Zips `entries` (name, contents) in their order.
pub fn write<'a>(
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    time: NaiveDateTime,
) -> Result<Vec<u8>, RenderError> {
    let file_options = options(time);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        writer
            .start_file(name, file_options)
            .map_err(|e| failed(&e))?;
        writer.write_all(data).map_err(|e| failed(&e))?;
    }
    Ok(writer.finish().map_err(|e| failed(&e))?.into_inner())
}

/// Rewrites a zip another crate made (rust_xlsxwriter's .xlsx) with the fixed options, entries in its order.
pub fn rewrite(bytes: &[u8], time: NaiveDateTime) -> Result<Vec<u8>, RenderError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| failed(&e))?;
    let mut entries = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| failed(&e))?;
        let mut data = Vec::new();
        file.read_to_end(&mut data).map_err(|e| failed(&e))?;
        let name = file.name().map_err(|e| failed(&e))?.into_owned();
        entries.push((name, data));
    }
    write(
        entries.iter().map(|(n, d)| (n.as_str(), d.as_slice())),
        time,
    )
}

fn failed(e: &dyn std::fmt::Display) -> RenderError {
    RenderError::Docx {
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2024, 9, 8)
            .and_then(|d| d.and_hms_opt(10, 30, 0))
            .expect("valid time")
    }

    #[test]
    fn rewriting_keeps_names_order_and_contents_and_fixes_the_host_system() {
        let original =
            write([("b.xml", &b"<b/>"[..]), ("a.xml", &b"<a/>"[..])], time()).expect("zips");
        let rewritten = rewrite(&original, time()).expect("rewrites");
        assert_eq!(rewritten, original, "already fixed: the same bytes");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&rewritten)).expect("reads");
        let names: Vec<_> = archive
            .file_names()
            .map(|n| n.expect("utf-8 name").into_owned())
            .collect();
        assert_eq!(names, ["b.xml", "a.xml"]);
        let mut text = String::new();
        archive
            .by_name("a.xml")
            .expect("there")
            .read_to_string(&mut text)
            .expect("reads");
        assert_eq!(text, "<a/>");
        assert_eq!(
            archive.by_index(0).expect("there").unix_mode(),
            Some(0o100_664),
            "DOS attributes (a plain file), not the writing machine's Unix mode"
        );
    }

    #[test]
    fn rewriting_refuses_what_is_not_a_zip() {
        assert!(rewrite(b"not a zip", time()).is_err());
        assert!(rewrite(b"", time()).is_err());
    }
}
