//! Dates an ISO image: hadris-iso stamps the volume descriptors and every directory record with the clock, so
//! after writing, every one of those dates is set to one moment (the 定稿 time). The same 定稿 then gives a
//! byte-identical image. Works on any ISO 9660 image with or without Joliet; only dates are touched.

use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::Path;

use chrono::{DateTime, Datelike as _, Timelike as _, Utc};

const SECTOR: u64 = 2048;
/// Volume descriptors start at sector 16; type 255 ends the set.
const FIRST_DESCRIPTOR: u64 = 16;

/// Sets every date in the image at `path` to `unix` seconds (UTC).
pub fn set_times(path: &Path, unix: i64) -> std::io::Result<()> {
    let time = DateTime::<Utc>::from_timestamp(unix, 0).unwrap_or_default();
    let dec = dec_date_time(time);
    let dir = dir_date_time(time);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)?;
    let mut roots = Vec::new();
    for sector in FIRST_DESCRIPTOR..FIRST_DESCRIPTOR + 32 {
        let mut buf = vec![0u8; SECTOR as usize];
        file.seek(SeekFrom::Start(sector * SECTOR))?;
        file.read_exact(&mut buf)?;
        if &buf[1..6] != b"CD001" || buf[0] == 255 {
            break;
        }
        if matches!(buf[0], 1 | 2) {
            // Creation and modification dates; expiration and effective stay "not specified".
            buf[813..830].copy_from_slice(&dec);
            buf[830..847].copy_from_slice(&dec);
            buf[156 + 18..156 + 25].copy_from_slice(&dir);
            roots.push((le32(&buf[156 + 2..]), le32(&buf[156 + 10..])));
            file.seek(SeekFrom::Start(sector * SECTOR))?;
            file.write_all(&buf)?;
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    while let Some((extent, length)) = roots.pop() {
        if !seen.insert(extent) {
            continue;
        }
        let mut buf = vec![0u8; length as usize];
        file.seek(SeekFrom::Start(u64::from(extent) * SECTOR))?;
        file.read_exact(&mut buf)?;
        let mut at = 0usize;
        while at < buf.len() {
            let len = usize::from(buf[at]);
            if len == 0 {
                // Records never cross a sector: the rest of this one is padding.
                at = (at / SECTOR as usize + 1) * SECTOR as usize;
                continue;
            }
            if at + len > buf.len() || len < 34 {
                break;
            }
            let record = &mut buf[at..at + len];
            record[18..25].copy_from_slice(&dir);
            let is_dir = record[25] & 2 != 0;
            let special = record[32] == 1 && matches!(record[33], 0 | 1);
            if is_dir && !special {
                roots.push((le32(&record[2..]), le32(&record[10..])));
            }
            at += len;
        }
        file.seek(SeekFrom::Start(u64::from(extent) * SECTOR))?;
        file.write_all(&buf)?;
    }
    file.sync_all()
}

fn le32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// The volume descriptors' 17-byte date: `YYYYMMDDHHMMSScc` in ASCII and the offset in 15-minute steps.
fn dec_date_time(t: DateTime<Utc>) -> [u8; 17] {
    let text = format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}00",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    let mut out = [0u8; 17];
    out[..16].copy_from_slice(&text.as_bytes()[..16]);
    out
}

/// A directory record's 7-byte date: years since 1900, month, day, hour, minute, second, offset.
fn dir_date_time(t: DateTime<Utc>) -> [u8; 7] {
    let byte = |v: u32| u8::try_from(v).unwrap_or(0);
    [
        u8::try_from(t.year() - 1900).unwrap_or(0),
        byte(t.month()),
        byte(t.day()),
        byte(t.hour()),
        byte(t.minute()),
        byte(t.second()),
        0,
    ]
}
